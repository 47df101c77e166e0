"""The records API's busiest endpoints read a fixed number of queries, whatever the history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upstander.accounts.restrict import restrict, restrict_q
from upstander.accounts.roles import Role
from upstander.records.models import (
    AllegationCategory,
    Finding,
    ForceReportOfficer,
    UseOfForceReport,
)
from upstander.records.services import (
    AllegationIn,
    InvolvedOfficerIn,
    allegation_find,
    complaint_create,
    discipline_record,
    force_report_create,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/records"


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), response.json()


def _add_history(records, count, unit_name="North"):
    """``count`` more force reports and allegations naming North, every other one sustained."""
    north, unit = records["north"], records["units"][unit_name]
    category = AllegationCategory.objects.get(slug="excessive-force")
    started = datetime(2020, 1, 1, tzinfo=UTC)
    for n in range(count):
        force_report_create(
            agency=north.agency,
            unit=unit,
            report_number=f"H-{unit_name}-{n}",
            occurred_at=started + timedelta(days=n),
            officers=[InvolvedOfficerIn(officer=north, role=ForceReportOfficer.Role.WITNESSED)],
        )
        complaint = complaint_create(
            agency=north.agency,
            unit=unit,
            number=f"HC-{unit_name}-{n}",
            source="public",
            received_on=date(2020, 1, 1) + timedelta(days=n),
            allegations=[AllegationIn(category=category, officer=north, description="Shoved")],
        )
        allegation = complaint.allegations.get()
        finding = Finding.SUSTAINED if n % 2 else Finding.NOT_SUSTAINED
        allegation_find(allegation=allegation, recommended_finding=finding, final_finding=finding)
        if finding == Finding.SUSTAINED:
            discipline_record(allegation=allegation, imposed="Reprimand")


def test_officer_profile_queries_do_not_grow_with_history(records, client_for):
    client = client_for(Role.INVESTIGATOR)
    path = f"{BASE}/officers/{records['north'].pk}/profile"
    client.get(path)  # content types and the like, cached after the first request
    before, _ = _queries(client, path)
    _add_history(records, 30)
    after, profile = _queries(client, path)
    # Beyond a page of allegations the findings take their own count; discipline is one query.
    assert after <= before + 1
    assert profile["force_reports_total"] == 31
    assert len(profile["recent_force_reports"]) == 25
    assert profile["recent_force_reports"][0]["report_number"] == "R-North"  # the newest
    assert profile["allegations_total"] == 31
    assert profile["findings"] == {"not_sustained": 15, "sustained": 16}
    assert len(profile["recent_allegations"]) == 25
    sustained = [a for a in profile["recent_allegations"] if a["final_finding"] == "sustained"]
    assert sustained
    assert all(a["discipline"] for a in sustained)


def test_officer_profile_totals_follow_the_callers_scope(records, client_for):
    """A unit-scoped officer counts only the reports of their unit, in the page and the total."""
    _add_history(records, 3, unit_name="South")
    north_officer = client_for(Role.OFFICER, unit=records["units"]["North"])
    _, own = _queries(north_officer, f"{BASE}/officers/{records['north'].pk}/profile")
    assert own["force_reports_total"] == 1
    assert [r["report_number"] for r in own["recent_force_reports"]] == ["R-North"]
    investigator = client_for(Role.INVESTIGATOR)
    _, everything = _queries(investigator, f"{BASE}/officers/{records['north'].pk}/profile")
    assert everything["force_reports_total"] == 4
    assert everything["allegations_total"] == 4
    assert everything["findings"] == {"not_sustained": 2, "sustained": 2}


def test_officer_profile_query_count(records, client_for):
    client = client_for(Role.INVESTIGATOR)
    path = f"{BASE}/officers/{records['north'].pk}/profile"
    client.get(path)
    # Session, user, roles with grants; officer; force reports with their total; allegations,
    # their discipline; names, assignments, source links; legal outcomes.
    count, _ = _queries(client, path)
    assert count <= 11


def test_force_report_list_query_count(records, client_for):
    client = client_for(Role.INVESTIGATOR)
    path = f"{BASE}/force-reports?agency=test-city&since=2019-01-01&until=2024-12-31"
    client.get(path)
    before, _ = _queries(client, path)
    _add_history(records, 5)
    after, page = _queries(client, path)
    # Session, user, roles with grants, the count and the page.
    assert before == after <= 5
    assert page["count"] == 7
    item = next(i for i in page["items"] if i["report_number"] == "R-North")
    assert item["agency"] == "Test City Police Department"
    assert item["unit"] == "North"
    assert item["force_types"] == ["taser"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, None])
def test_restrict_q_through_a_relation_matches_restrict(records, make_user, role):
    """Filtering on the relation selects the same rows as a subquery of restrict()."""
    _add_history(records, 2, unit_name="South")
    user = make_user(*([role] if role else []), unit=records["units"]["North"])
    allowed = restrict_q(user, UseOfForceReport, through="report")
    roles = ForceReportOfficer.objects.all()
    through = set() if allowed is None else set(roles.filter(allowed))
    subquery = set(roles.filter(report__in=restrict(UseOfForceReport.objects.all(), user)))
    assert through == subquery
