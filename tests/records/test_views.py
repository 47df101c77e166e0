"""Record pages: access by role, confidential fields, entry and intake forms."""

from __future__ import annotations

import pytest

from tests.access import assert_access
from upstander.accounts.roles import Role
from upstander.records.models import Complaint, UseOfForceReport

pytestmark = pytest.mark.django_db
STAFF_WIDE = [Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR]


def test_officer_profile_page(records, client_for):
    north = records["north"]
    assert_access(
        f"/records/officers/{north.pk}/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )
    page = client_for(Role.INVESTIGATOR).get(f"/records/officers/{north.pk}/").content.decode()
    assert "Northe" in page  # an earlier name
    assert "R-North" in page
    assert "C-North" in page
    assert "Civil suit" in page


def test_officer_list_links_to_profiles(records, client_for):
    page = client_for(Role.OVERSIGHT).get("/records/officers/?name=nor").content.decode()
    assert f"/records/officers/{records['north'].pk}/" in page
    assert "South" not in page.split("<tbody>")[1]


def test_force_report_pages(records, client_for):
    report = records["reports"]["North"]
    assert_access(
        "/records/force-reports/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        constrained=[Role.OFFICER, Role.SUPERVISOR],
        unit=records["units"]["South"],
        visible=lambda response: b"R-North" in response.content,
    )
    assert_access(
        f"/records/force-reports/{report.pk}/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )
    url = f"/records/force-reports/{report.pk}/"
    assert b"Narrative North" in client_for(Role.INVESTIGATOR).get(url).content
    assert b"Narrative North" not in client_for(Role.OVERSIGHT).get(url).content
    same_unit_officer = client_for(Role.OFFICER, unit=records["units"]["North"])
    assert b"Narrative North" not in same_unit_officer.get(url).content


def test_complaint_pages(records, client_for):
    complaint = records["complaints"]["North"]
    assert_access(
        "/records/complaints/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        constrained=[Role.SUPERVISOR],
        unit=records["units"]["South"],
        visible=lambda response: b"C-North" in response.content,
    )
    assert_access(
        f"/records/complaints/{complaint.pk}/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )
    url = f"/records/complaints/{complaint.pk}/"
    investigator = client_for(Role.INVESTIGATOR).get(url).content.decode()
    assert "Complainant North" in investigator
    assert "5-day suspension" in investigator
    oversight = client_for(Role.OVERSIGHT).get(url).content.decode()
    assert "Complainant North" not in oversight
    assert "Summary North" not in oversight
    assert "Sustained" in oversight


def test_shootings_and_stats_pages(records, client_for):
    assert_access(
        "/records/shootings/",
        client_for=client_for,
        allowed=[*STAFF_WIDE],
        denied_status=403,
    )
    stats = client_for(Role.INVESTIGATOR).get("/records/stats/")
    assert stats.status_code == 200
    assert b"Excessive use of force" in stats.content


def test_force_report_entry_form(records, client_for, agency):
    assert_access(
        "/records/force-reports/new/",
        client_for=client_for,
        allowed=[Role.SUPERVISOR, Role.INVESTIGATOR, Role.ADMINISTRATOR],
        denied_status=403,
    )
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"])
    form = {
        "agency": agency.pk,
        "report_number": "R-FORM",
        "occurred_at": "2024-05-01T14:30",
        "force_types": "takedown, taser, takedown",
        "camera_status": "recorded",
        "warning_given": "yes",
        "used_force": "11",
        "witnessed": "22",
    }
    unknown = supervisor.post("/records/force-reports/new/", {**form, "witnessed": "999"})
    assert unknown.status_code == 200
    assert b"No officer of" in unknown.content
    response = supervisor.post("/records/force-reports/new/", form)
    # Badge 22 serves in the South unit, outside this supervisor's scope.
    assert b"No officer of" in response.content
    response = supervisor.post("/records/force-reports/new/", {**form, "witnessed": ""})
    report = UseOfForceReport.objects.get(report_number="R-FORM")
    assert response.status_code == 302
    assert report.force_types == ["takedown", "taser"]
    assert report.warning_given is True
    assert list(report.involved.values_list("role", flat=True)) == ["used_force"]


def test_complaint_intake_form(records, client_for, agency):
    assert_access(
        "/records/complaints/new/",
        client_for=client_for,
        allowed=[Role.INVESTIGATOR, Role.ADMINISTRATOR],
        denied_status=403,
    )
    from upstander.records.models import AllegationCategory

    investigator = client_for(Role.INVESTIGATOR)
    form = {
        "agency": agency.pk,
        "number": "C-FORM",
        "source": "anonymous",
        "complainant_name": "Not kept",
        "category": AllegationCategory.objects.get(slug="harassment").pk,
        "officer_badge": "22",
        "description": "Followed me home",
    }
    response = investigator.post("/records/complaints/new/", form)
    assert response.status_code == 302
    complaint = Complaint.objects.get(number="C-FORM")
    assert complaint.complainant_name == ""
    assert complaint.unit == records["units"]["South"]
    assert complaint.allegations.get().officer == records["south"]
    again = investigator.post("/records/complaints/new/", form)
    assert b"already has a complaint" in again.content
