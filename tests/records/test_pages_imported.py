"""Imported detail on the record pages: an officer's awards, pay and the complaints they witnessed
or investigated; the people on a complaint; weapons discharged in a use-of-force incident."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upstander.accounts.roles import Role
from upstander.records.models import (
    Award,
    Complaint,
    ComplaintPerson,
    ForceDischarge,
    ForceSubject,
    SalaryRecord,
)

pytestmark = pytest.mark.django_db


def section(page: str, heading_id: str) -> str:
    """The text of the page's section labelled by the heading with this id."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def body_rows(html: str) -> list[str]:
    """The rows of a table's body, each as its HTML."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row.split("</tr>", 1)[0] for row in body.split("<tr>")[1:]]


def missing(html: str, *texts: str) -> list[str]:
    """Those of ``texts`` that do not appear in ``html``."""
    return [text for text in texts if text not in html]


def add_career(officer: Any, complaints: dict[str, Any], *, awards: int = 3) -> None:
    """Awards, two years of pay and parts in both complaints for ``officer``."""
    for n in range(awards):
        Award.objects.create(
            officer=officer,
            kind=f"Honorable Mention {n}",
            status="final" if n % 2 == 0 else "denied",
            requested_on=date(2020, 1, 1) + timedelta(days=n),
        )
    Award.objects.create(officer=officer, kind="Undated commendation")
    SalaryRecord.objects.create(
        officer=officer, year=2021, rank="Police Officer", salary=Decimal("90024.00")
    )
    SalaryRecord.objects.create(
        officer=officer,
        year=2022,
        rank="Sergeant",
        salary=Decimal("101442.50"),
        employee_status="Active",
    )
    ComplaintPerson.objects.create(
        complaint=complaints["North"], role=ComplaintPerson.Role.INVESTIGATOR, officer=officer
    )
    ComplaintPerson.objects.create(
        complaint=complaints["South"], role=ComplaintPerson.Role.OFFICER_WITNESS, officer=officer
    )


def test_officer_page_shows_awards_pay_and_complaint_parts(records, client_for):
    north = records["north"]
    complaints = records["complaints"]
    complaints["South"].received_on = date(2024, 5, 1)
    complaints["South"].save()
    add_career(north, complaints)
    # Another officer's rows stay off this page.
    Award.objects.create(officer=records["south"], kind="Department Commendation")
    SalaryRecord.objects.create(officer=records["south"], year=2019, salary=Decimal("1.00"))

    page = client_for(Role.INVESTIGATOR).get(f"/records/officers/{north.pk}/").content.decode()

    awards = section(page, "awards-heading")
    assert "Awards and commendations (4)" in awards
    rows = body_rows(awards)
    # Most recently requested first; an award without a date last.
    assert [row.split("</td>")[0].removeprefix("<td>") for row in rows] == [
        "Honorable Mention 2",
        "Honorable Mention 1",
        "Honorable Mention 0",
        "Undated commendation",
    ]
    assert not missing(rows[1], "denied", "Jan. 2, 2020")
    assert "Department Commendation" not in page

    pay = section(page, "pay-heading")
    rows = body_rows(pay)
    assert len(rows) == 2
    assert not missing(rows[0], "2022", "Sergeant", "101,442.50")
    assert "Active" in rows[0]
    assert not missing(rows[1], "2021", "Police Officer", "90,024.00")
    assert "2019" not in pay

    parts = section(page, "witnessed-heading")
    assert "Complaints witnessed or investigated (2)" in parts
    rows = body_rows(parts)
    assert len(rows) == 2
    assert f'href="/records/complaints/{complaints["South"].pk}/"' in rows[0]
    assert not missing(rows[0], "C-South", "Officer witness")
    assert f'href="/records/complaints/{complaints["North"].pk}/"' in rows[1]
    assert "Investigator" in rows[1]


def test_officer_page_lists_only_complaints_the_user_may_see(records, client_for):
    north = records["north"]
    add_career(north, records["complaints"])
    url = f"/records/officers/{north.pk}/"

    # A supervisor of the North unit sees North's officers but only North's complaints.
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"])
    page = supervisor.get(url).content.decode()
    parts = section(page, "witnessed-heading")
    assert "Complaints witnessed or investigated (1)" in parts
    assert "C-North" in parts
    assert "C-South" not in page
    assert f"/records/complaints/{records['complaints']['South'].pk}/" not in page
    # Awards and pay follow the officer, whom the supervisor may see.
    assert "Honorable Mention 0" in section(page, "awards-heading")

    # An officer of the unit may see the officer but no complaints at all.
    officer = client_for(Role.OFFICER, unit=records["units"]["North"])
    page = officer.get(url).content.decode()
    parts = section(page, "witnessed-heading")
    assert not missing(parts, "(0)", "None you may see.")
    assert "C-North" not in parts
    assert "C-South" not in page

    # Someone who may not see the officer gets no page, so none of this either.
    south_supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["South"])
    assert south_supervisor.get(url).status_code == 404


def test_officer_page_lists_are_bounded_with_totals(records, client_for):
    north = records["north"]
    add_career(north, records["complaints"], awards=30)
    page = client_for(Role.OVERSIGHT).get(f"/records/officers/{north.pk}/").content.decode()
    awards = section(page, "awards-heading")
    assert "Awards and commendations (31)" in awards
    assert "showing 25" in awards
    assert len(body_rows(awards)) == 25
    assert "Honorable Mention 29" in awards
    assert "Undated commendation" not in awards


def test_officer_page_queries_do_not_grow_with_its_rows(records, client_for, agency):
    north = records["north"]
    url = f"/records/officers/{north.pk}/"
    client = client_for(Role.INVESTIGATOR)
    client.get(url)  # first request: content types and other per-process caches
    with CaptureQueriesContext(connection) as empty:
        assert client.get(url).status_code == 200

    add_career(north, records["complaints"], awards=40)
    for year in range(1990, 2020):
        SalaryRecord.objects.create(officer=north, year=year, rank="Police Officer")
    for n in range(30):
        complaint = Complaint.objects.create(
            agency=agency, unit=records["units"]["North"], number=f"W-{n}"
        )
        ComplaintPerson.objects.create(
            complaint=complaint, role=ComplaintPerson.Role.OFFICER_WITNESS, officer=north
        )
    with CaptureQueriesContext(connection) as full:
        page = client.get(url).content.decode()
    assert "Complaints witnessed or investigated (32)" in page
    assert len(full) == len(empty)


def test_officer_page_query_bound(records, client_for, django_assert_max_num_queries):
    north = records["north"]
    add_career(north, records["complaints"], awards=30)
    client = client_for(Role.INVESTIGATOR)
    url = f"/records/officers/{north.pk}/"
    client.get(url)
    # Session, user, roles and grants, the profile's own reads, then one query for each of
    # awards, pay and complaint parts.
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_complaint_page_lists_its_people_by_role(records, client_for):
    north, south = records["north"], records["south"]
    complaint = records["complaints"]["South"]
    complaint.occurred_on = date(2024, 3, 15)
    complaint.save()
    Person = ComplaintPerson
    Person.objects.create(
        complaint=complaint,
        role=Person.Role.VICTIM,
        race="Black",
        gender="Female",
        birth_year=1990,
        injury="Bruised wrist",
    )
    Person.objects.create(
        complaint=complaint, role=Person.Role.COMPLAINANT, race="White", gender="Male"
    )
    Person.objects.create(
        complaint=complaint, role=Person.Role.COMPLAINANT, race="Hispanic", birth_year=1975
    )
    Person.objects.create(complaint=complaint, role=Person.Role.OFFICER_WITNESS, officer=north)
    Person.objects.create(complaint=complaint, role=Person.Role.INVESTIGATOR, officer=south)
    Person.objects.create(complaint=complaint, role=Person.Role.INVESTIGATOR, gender="Male")
    # Another complaint's people stay off the page.
    Person.objects.create(
        complaint=records["complaints"]["North"], role=Person.Role.VICTIM, race="Asian"
    )
    url = f"/records/complaints/{complaint.pk}/"

    page = client_for(Role.OVERSIGHT).get(url).content.decode()
    people = section(page, "people-heading")
    assert "People (6)" in people
    assert "Complainant: 2, Victim: 1, Officer witness: 1, Investigator: 2" in people
    rows = body_rows(people)
    roles = [row.split("</td>")[0].removeprefix("<td>") for row in rows]
    assert roles == [
        "Complainant",
        "Complainant",
        "Victim",
        "Officer witness",
        "Investigator",
        "Investigator",
    ]
    assert not missing(rows[0], "White", "Male")
    assert not missing(rows[1], "1975", "About 49")
    assert not missing(rows[2], "Black", "Bruised wrist", "About 34")
    assert f'href="/records/officers/{north.pk}/"' in rows[3]
    assert f'href="/records/officers/{south.pk}/"' in rows[4]
    assert "Asian" not in people

    # A supervisor of the South unit sees the complaint and South's officers, not North's.
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["South"])
    page = supervisor.get(url).content.decode()
    rows = body_rows(section(page, "people-heading"))
    assert "Not visible to you" in rows[3]
    assert f"/records/officers/{north.pk}/" not in page
    assert "North" not in rows[3]
    assert f'href="/records/officers/{south.pk}/"' in rows[4]


def test_complaint_page_queries_do_not_grow_with_its_people(records, client_for):
    complaint = records["complaints"]["South"]
    url = f"/records/complaints/{complaint.pk}/"
    client = client_for(Role.OVERSIGHT)
    client.get(url)
    ComplaintPerson.objects.create(complaint=complaint, role=ComplaintPerson.Role.VICTIM)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for officer in (records["north"], records["south"]):
        for role in (ComplaintPerson.Role.OFFICER_WITNESS, ComplaintPerson.Role.INVESTIGATOR):
            ComplaintPerson.objects.create(complaint=complaint, role=role, officer=officer)
    for _ in range(20):
        ComplaintPerson.objects.create(complaint=complaint, role=ComplaintPerson.Role.COMPLAINANT)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "People (25)" in page
    assert len(many) == len(one)


def test_complaint_page_without_people(records, client_for):
    url = f"/records/complaints/{records['complaints']['North'].pk}/"
    people = section(client_for(Role.INVESTIGATOR).get(url).content.decode(), "people-heading")
    assert "People (0)" in people
    assert "No people recorded beyond the accused." in people


def test_force_report_page_shows_discharges_and_subject_weapons(records, client_for):
    report = records["reports"]["North"]
    ForceDischarge.objects.create(
        report=report,
        weapon="Firearm",
        shots=3,
        firearm_make="Glock",
        firearm_model="17",
        details={"discharge_distance": "10 ft", "object_struck_of_discharge": "Vehicle"},
    )
    ForceDischarge.objects.create(report=report, weapon="Taser", details={"cartridges": "1"})
    ForceDischarge.objects.create(report=records["reports"]["South"], weapon="OC spray")
    ForceSubject.objects.create(
        report=report, name="Pat Subject", race="White", armed_with="Knife", arrested=True
    )
    url = f"/records/force-reports/{report.pk}/"

    oversight = client_for(Role.OVERSIGHT).get(url).content.decode()
    discharges = section(oversight, "discharges-heading")
    assert "Weapons discharged (2)" in discharges
    rows = body_rows(discharges)
    assert len(rows) == 2
    assert not missing(rows[0], "Firearm", "<td>3</td>", "Glock 17")
    assert "Discharge distance: 10 ft" in rows[0]
    assert "Object struck of discharge: Vehicle" in rows[0]
    assert not missing(rows[1], "Taser", "Not recorded", "Cartridges: 1")
    assert "OC spray" not in oversight
    assert "Knife" in oversight
    # The subject's name stays confidential.
    assert "Pat Subject" not in oversight

    investigator = client_for(Role.INVESTIGATOR).get(url).content.decode()
    assert "Pat Subject" in investigator
    assert "Glock 17" in investigator

    # An officer of another unit may not see the report at all.
    other = client_for(Role.OFFICER, unit=records["units"]["South"])
    assert other.get(url).status_code == 404


def test_force_report_page_without_discharges(records, client_for):
    url = f"/records/force-reports/{records['reports']['South'].pk}/"
    page = client_for(Role.INVESTIGATOR).get(url).content.decode()
    discharges = section(page, "discharges-heading")
    assert "Weapons discharged (0)" in discharges
    assert "No weapon discharges recorded." in discharges
