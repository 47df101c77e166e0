"""Casework: findings, discipline and legal outcomes on the pages, and officer-link review."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.access import assert_access
from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent
from upstander.records import casework, services
from upstander.records.models import (
    Allegation,
    AllegationCategory,
    Assignment,
    Complaint,
    Discipline,
    Finding,
    ForceReportOfficer,
    LegalOutcome,
    Officer,
    OfficerName,
    OfficerSourceLink,
    UseOfForceReport,
)

pytestmark = pytest.mark.django_db
STAFF_WIDE = [Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR]
CASEWORKERS = [Role.INVESTIGATOR, Role.ADMINISTRATOR]


def assert_post_access(
    url: str,
    data: dict[str, Any] | Callable[[], dict[str, Any]],
    *,
    client_for: Callable[..., Any],
    allowed: Iterable[Role],
    success: int | Iterable[int] = 302,
    unit: Any = None,
    json: bool = False,
) -> None:
    """POST ``url`` as anonymous, without a role and in each role: only ``allowed`` succeed.

    The page-level ``assert_access`` checks GET; these write endpoints answer GET with 405.
    """
    expected = {success} if isinstance(success, int) else set(success)

    def post(client: Client) -> Any:
        body = data() if callable(data) else data
        if json:
            import json as json_module

            return client.post(url, json_module.dumps(body), content_type="application/json")
        return client.post(url, body)

    allowed = set(allowed)
    response = post(Client())
    assert response.status_code in {302, 401, 403}, f"anonymous got {response.status_code}"
    assert response.status_code not in expected or response.status_code == 302
    if response.status_code == 302:
        assert "/login/" in response["Location"], "anonymous was not sent to sign in"
    response = post(client_for())
    assert response.status_code in {403, 404}, f"no-role user got {response.status_code}"
    for role in Role:
        if role is Role.PUBLIC:
            continue
        response = post(client_for(role, unit=unit))
        if role in allowed:
            assert response.status_code in expected, f"{role} got {response.status_code}"
        else:
            assert response.status_code in {403, 404}, f"{role} got {response.status_code}"


def matched_link(
    officer: Officer,
    *,
    source: str,
    key: str,
    matched: str,
    first_name: str,
    last_name: str,
    appointed: str = "2001-05-01",
) -> OfficerSourceLink:
    """A link as an import makes it when a dataset identity matched ``officer`` by name."""
    OfficerName.objects.create(
        officer=officer,
        first_name=first_name,
        last_name=last_name,
        badge_number="4410",
        source=source,
    )
    return OfficerSourceLink.objects.create(
        officer=officer,
        source=source,
        source_key=key,
        match_key=f"{last_name.upper()}|{first_name.upper()}|{appointed}",
        evidence={
            "matched": matched,
            "on": ["last_name", "first_name", "appointed_date"],
            "values": f"{last_name.upper()}|{first_name.upper()}|{appointed}",
        },
    )


@pytest.fixture
def linked(records: dict[str, Any]) -> dict[str, Any]:
    """North was first seen in one dataset and then matched by name in two others.

    ``ledger`` is the only link from its dataset and brought an allegation, a force report
    role and an assignment; ``trr`` shares the ``cpdp`` dataset with the officer's first link.
    """
    north = records["north"]
    units = records["units"]
    OfficerSourceLink.objects.create(
        officer=north,
        source="cpdp:accused",
        source_key="1",
        evidence={"created_from": "cpdp:accused"},
    )
    OfficerName.objects.create(
        officer=north, first_name="NORA", last_name="NORTH", source="cpdp:accused"
    )
    ledger = matched_link(
        north,
        source="county-ledger",
        key="L-9",
        matched="cpdp:accused:1",
        first_name="Nora",
        last_name="North",
    )
    trr = matched_link(
        north,
        source="cpdp:trr-officers",
        key="77",
        matched="cpdp:accused:1",
        first_name="NORA",
        last_name="NORTH",
    )
    category = AllegationCategory.objects.get(slug="excessive-force")
    complaint = records["complaints"]["North"]
    ledger_allegation = Allegation.objects.create(
        complaint=complaint,
        officer=north,
        category=category,
        import_source="county-ledger",
        import_key="A-1",
    )
    cpdp_allegation = Allegation.objects.create(
        complaint=complaint,
        officer=north,
        category=category,
        import_source="cpdp:complaints",
        import_key="accused:5",
    )
    report = records["reports"]["North"]
    UseOfForceReport.objects.filter(pk=report.pk).update(import_source="county-ledger")
    Assignment.objects.create(officer=north, unit=units["South"], source="county-ledger")
    return {
        **records,
        "ledger": ledger,
        "trr": trr,
        "ledger_allegation": ledger_allegation,
        "cpdp_allegation": cpdp_allegation,
    }


# Services


def test_allegation_find_records_both_findings_and_audits(records):
    allegation = records["complaints"]["South"].allegations.get()
    services.allegation_find(
        allegation=allegation,
        recommended_finding=Finding.SUSTAINED,
        final_finding=Finding.NOT_SUSTAINED,
    )
    allegation.refresh_from_db()
    assert (allegation.recommended_finding, allegation.final_finding) == (
        "sustained",
        "not_sustained",
    )
    event = AuditEvent.objects.filter(action="allegation-found").latest("id")
    assert event.before == {"recommended_finding": "", "final_finding": "pending"}
    assert event.after["final_finding"] == "not_sustained"


@pytest.mark.parametrize(
    ("final", "message"), [("", "Choose a final finding"), ("guilty", "Unknown finding")]
)
def test_allegation_find_refuses_bad_findings(records, final, message):
    allegation = records["complaints"]["South"].allegations.get()
    with pytest.raises(services.RecordError, match=message):
        services.allegation_find(allegation=allegation, final_finding=final)
    allegation.refresh_from_db()
    assert allegation.final_finding == Finding.PENDING


def test_discipline_needs_a_sustained_finding_and_a_penalty(records):
    pending = records["complaints"]["South"].allegations.get()
    with pytest.raises(services.RecordError, match="sustained finding"):
        services.discipline_record(allegation=pending, imposed="Reprimand")
    sustained = records["complaints"]["North"].allegations.get()
    with pytest.raises(services.RecordError, match="imposed or recommended"):
        services.discipline_record(allegation=sustained, imposed="  ")
    with pytest.raises(services.RecordError, match="Suspension days"):
        services.discipline_record(allegation=sustained, imposed="Suspension", suspension_days=-1)
    assert Discipline.objects.filter(allegation=sustained).count() == 1  # the fixture's


def test_legal_outcome_checks_dates_amount_and_agency(records, agency):
    north = records["north"]
    with pytest.raises(services.RecordError, match="resolved before"):
        services.legal_outcome_record(
            agency=agency,
            kind="settlement",
            officer=north,
            filed_on=date(2024, 5, 1),
            resolved_on=date(2024, 1, 1),
        )
    with pytest.raises(services.RecordError, match="under"):
        services.legal_outcome_record(
            agency=agency, kind="settlement", officer=north, amount=services.MAX_AMOUNT
        )
    from upstander.records.models import Agency

    other = Agency.objects.create(name="Elsewhere", slug="elsewhere")
    with pytest.raises(services.RecordError, match="does not serve"):
        services.legal_outcome_record(agency=other, kind="charge", officer=north)
    assert LegalOutcome.objects.filter(officer=north).count() == 1  # the fixture's


def test_confirm_records_the_review_in_the_evidence(linked, make_user):
    reviewer = make_user(Role.INVESTIGATOR, username="reviewer")
    link = services.officer_link_confirm(link=linked["ledger"], actor=reviewer)
    link.refresh_from_db()
    review = link.evidence["review"]
    assert review["decision"] == "confirmed"
    assert review["by"] == "reviewer"
    assert link.evidence["matched"] == "cpdp:accused:1"  # the match evidence is kept
    assert link.officer_id == linked["north"].pk
    event = AuditEvent.objects.get(action="officer-link-confirmed")
    assert event.actor_id == reviewer.pk
    assert event.data["source_key"] == "L-9"


def test_split_moves_what_came_through_the_link(linked, make_user):
    reviewer = make_user(Role.INVESTIGATOR, username="reviewer")
    north = linked["north"]
    new = services.officer_link_split(link=linked["ledger"], actor=reviewer)
    assert new.pk != north.pk
    assert (new.first_name, new.last_name, new.badge_number) == ("Nora", "North", "4410")
    assert new.hired_on == date(2001, 5, 1)
    assert new.agency_id == north.agency_id
    link = OfficerSourceLink.objects.get(pk=linked["ledger"].pk)
    assert link.officer_id == new.pk
    assert link.match_key == ""
    assert link.evidence["review"]["decision"] == "split"
    assert link.evidence["review"]["from_officer"] == north.pk
    assert link.evidence["review"]["match_key"] == "NORTH|NORA|2001-05-01"
    assert set(new.names.values_list("source", flat=True)) == {"county-ledger"}
    assert not north.names.filter(source="county-ledger").exists()
    assert new.assignments.count() == 1
    # Records imported from the ledger moved; those from other datasets stayed.
    assert Allegation.objects.get(pk=linked["ledger_allegation"].pk).officer_id == new.pk
    assert Allegation.objects.get(pk=linked["cpdp_allegation"].pk).officer_id == north.pk
    assert ForceReportOfficer.objects.filter(officer=new).count() == 1
    assert not ForceReportOfficer.objects.filter(officer=north).exists()
    original = linked["complaints"]["North"].allegations.filter(import_source="")
    assert original.get().officer_id == north.pk  # entered by hand: not the ledger's
    event = AuditEvent.objects.get(action="officer-link-split")
    assert event.data["from_officer"] == north.pk
    assert event.data["to_officer"] == new.pk
    assert event.data["moved"] == {
        "names": 1,
        "assignments": 1,
        "allegations": 1,
        "force_roles": 1,
        "legal_outcomes": 0,
    }
    assert event.before == {"officer": north.pk, "match_key": "NORTH|NORA|2001-05-01"}


def test_split_leaves_records_a_shared_dataset_cannot_tell_apart(linked):
    north = linked["north"]
    preview = casework.link_split_records(linked["trr"])
    assert preview.shared == {"allegations": 1}
    assert preview.shared_labels() == ["1 allegation"]
    new = services.officer_link_split(link=linked["trr"])
    assert Allegation.objects.get(pk=linked["cpdp_allegation"].pk).officer_id == north.pk
    assert set(new.names.values_list("source", flat=True)) == {"cpdp:trr-officers"}
    link = OfficerSourceLink.objects.get(pk=linked["trr"].pk)
    assert link.evidence["review"]["left"] == {"allegations": 1}
    assert link.evidence["review"]["by"] == "system"


def test_review_refuses_unmatched_and_already_split_links(linked):
    first = OfficerSourceLink.objects.get(source="cpdp:accused", source_key="1")
    with pytest.raises(services.RecordError, match="not matched by name"):
        services.officer_link_split(link=first)
    with pytest.raises(services.RecordError, match="not matched by name"):
        services.officer_link_confirm(link=first)
    services.officer_link_split(link=linked["ledger"])
    with pytest.raises(services.RecordError, match="already split"):
        services.officer_link_split(link=linked["ledger"])
    with pytest.raises(services.RecordError, match="already split"):
        services.officer_link_confirm(link=linked["ledger"])
    assert Officer.objects.count() == 3  # North, South and the one split off


def test_a_malformed_review_entry_is_replaced_not_a_crash(linked):
    link = linked["ledger"]
    link.evidence = {**link.evidence, "review": "checked"}
    link.save()
    assert casework.review_of(link) == {}
    confirmed = services.officer_link_confirm(link=link)
    assert confirmed.evidence["review"]["decision"] == "confirmed"
    event = AuditEvent.objects.get(action="officer-link-confirmed")
    assert event.before == {"review": None}


def test_review_list_filters_by_state_and_permission(linked, make_user):
    investigator = make_user(Role.INVESTIGATOR)
    pending = casework.officer_link_review_list(user=investigator)
    assert set(pending) == {linked["ledger"], linked["trr"]}  # not the first-seen link
    services.officer_link_confirm(link=linked["trr"])
    assert list(casework.officer_link_review_list(user=investigator)) == [linked["ledger"]]
    reviewed = casework.officer_link_review_list(user=investigator, state="reviewed")
    assert list(reviewed) == [linked["trr"]]
    assert casework.officer_link_review_list(user=investigator, state="all").count() == 2
    for role in (Role.OVERSIGHT, Role.SUPERVISOR, Role.OFFICER):
        user = make_user(role, unit=linked["units"]["North"])
        assert not casework.link_review_allowed(user)
        assert not casework.officer_link_review_list(user=user, state="all").exists()
    assert casework.link_review_allowed(make_user(Role.ADMINISTRATOR))


# Pages


def test_complaint_page_shows_forms_only_to_those_who_may_change_it(records, client_for):
    complaint = records["complaints"]["North"]
    url = f"/records/complaints/{complaint.pk}/"
    for role in CASEWORKERS:
        page = client_for(role).get(url).content.decode()
        assert "Record finding" in page
        assert "Record discipline" in page  # the allegation is sustained
        assert 'name="csrfmiddlewaretoken"' in page
    oversight = client_for(Role.OVERSIGHT).get(url).content.decode()
    assert "Record finding" not in oversight
    assert "5-day suspension" in oversight
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"]).get(url)
    assert supervisor.status_code == 200
    assert b"Record finding" not in supervisor.content


def test_discipline_form_waits_for_a_sustained_finding(records, client_for):
    complaint = records["complaints"]["South"]
    page = client_for(Role.INVESTIGATOR).get(f"/records/complaints/{complaint.pk}/")
    assert b"Record finding" in page.content
    assert b"Record discipline" not in page.content
    assert b"once the final finding is sustained" in page.content


def test_recording_a_finding_on_the_page(records, client_for):
    complaint = records["complaints"]["South"]
    allegation = complaint.allegations.get()
    client = client_for(Role.INVESTIGATOR)
    url = f"/records/complaints/{complaint.pk}/allegations/{allegation.pk}/finding/"
    prefix = f"finding-{allegation.pk}"
    response = client.post(
        url,
        {f"{prefix}-recommended_finding": "sustained", f"{prefix}-final_finding": "sustained"},
        follow=True,
    )
    assert response.redirect_chain == [(f"/records/complaints/{complaint.pk}/", 302)]
    assert (
        "Finding recorded on Excessive use of force against Sam South" in response.content.decode()
    )
    allegation.refresh_from_db()
    assert allegation.final_finding == "sustained"
    assert b"Record discipline" in response.content
    event = AuditEvent.objects.filter(action="allegation-found").latest("id")
    assert event.actor_id == client.user.pk


def test_bad_finding_input_shows_errors_not_a_500(records, client_for):
    complaint = records["complaints"]["South"]
    allegation = complaint.allegations.get()
    url = f"/records/complaints/{complaint.pk}/allegations/{allegation.pk}/finding/"
    prefix = f"finding-{allegation.pk}"
    response = client_for(Role.INVESTIGATOR).post(url, {f"{prefix}-final_finding": "guilty"})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    allegation.refresh_from_db()
    assert allegation.final_finding == "pending"
    # An allegation of another complaint is not found through this one.
    other = records["complaints"]["North"].allegations.get()
    wrong = f"/records/complaints/{complaint.pk}/allegations/{other.pk}/finding/"
    assert client_for(Role.INVESTIGATOR).post(wrong, {}).status_code == 404
    assert client_for(Role.INVESTIGATOR).get(url).status_code == 405


def test_recording_discipline_on_the_page(records, client_for):
    complaint = records["complaints"]["North"]
    allegation = complaint.allegations.get()
    url = f"/records/complaints/{complaint.pk}/allegations/{allegation.pk}/discipline/"
    prefix = f"discipline-{allegation.pk}"
    client = client_for(Role.ADMINISTRATOR)
    empty = client.post(url, {f"{prefix}-suspension_days": "-3"})
    assert empty.status_code == 200
    assert b"Say what discipline was imposed or recommended." in empty.content
    assert b"greater than or equal to 0" in empty.content
    response = client.post(
        url,
        {
            f"{prefix}-imposed": "Written reprimand",
            f"{prefix}-suspension_days": "2",
            f"{prefix}-decided_on": "2024-06-01",
        },
        follow=True,
    )
    assert "Discipline recorded" in response.content.decode()
    assert "Written reprimand (2 days), decided June 1, 2024" in response.content.decode()
    assert allegation.discipline.filter(imposed="Written reprimand", suspension_days=2).exists()


def test_discipline_on_a_pending_allegation_is_refused_with_a_message(records, client_for):
    complaint = records["complaints"]["South"]
    allegation = complaint.allegations.get()
    url = f"/records/complaints/{complaint.pk}/allegations/{allegation.pk}/discipline/"
    response = client_for(Role.INVESTIGATOR).post(
        url, {f"discipline-{allegation.pk}-imposed": "Reprimand"}
    )
    assert response.status_code == 200
    assert b"record the finding first" in response.content
    assert not allegation.discipline.exists()


def test_finding_and_discipline_pages_access(records, client_for):
    complaint = records["complaints"]["North"]
    allegation = complaint.allegations.get()
    base = f"/records/complaints/{complaint.pk}/allegations/{allegation.pk}"
    prefix = f"finding-{allegation.pk}"
    assert_access(
        f"/records/complaints/{complaint.pk}/",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )
    assert_post_access(
        f"{base}/finding/",
        {f"{prefix}-final_finding": "sustained"},
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=records["units"]["North"],
    )
    assert_post_access(
        f"{base}/discipline/",
        {f"discipline-{allegation.pk}-imposed": "Reprimand"},
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=records["units"]["North"],
    )
    # Two for each caseworker role; the denied ones wrote nothing.
    assert allegation.discipline.filter(imposed="Reprimand").count() == 2


def test_legal_outcome_form_on_the_officer_page(records, client_for):
    north = records["north"]
    url = f"/records/officers/{north.pk}/"
    assert b"Record a legal outcome" in client_for(Role.INVESTIGATOR).get(url).content
    assert b"Record a legal outcome" not in client_for(Role.OVERSIGHT).get(url).content
    client = client_for(Role.INVESTIGATOR)
    post_url = f"/records/officers/{north.pk}/legal-outcomes/"
    bad = client.post(
        post_url,
        {"kind": "settlement", "amount": "-5", "filed_on": "2024-05-01", "resolved_on": "2024"},
    )
    assert bad.status_code == 200
    assert b"Enter a valid date." in bad.content
    assert b"greater than or equal to 0" in bad.content
    backwards = client.post(
        post_url, {"kind": "charge", "filed_on": "2024-05-01", "resolved_on": "2024-01-01"}
    )
    assert b"cannot be resolved before it was filed" in backwards.content
    response = client.post(
        post_url,
        {
            "kind": "settlement",
            "case_number": "24-CV-88",
            "amount": "120000.50",
            "filed_on": "2024-02-01",
        },
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    assert "Settlement 24-CV-88 recorded." in response.content.decode()
    outcome = LegalOutcome.objects.get(case_number="24-CV-88")
    assert outcome.officer_id == north.pk
    assert str(outcome.amount) == "120000.50"
    assert AuditEvent.objects.filter(action="legal-outcome-recorded", actor=client.user).exists()


def test_legal_outcome_page_access(records, client_for):
    north = records["north"]
    assert_post_access(
        f"/records/officers/{north.pk}/legal-outcomes/",
        {"kind": "charge", "case_number": "CR-1"},
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=records["units"]["North"],
    )
    assert LegalOutcome.objects.filter(case_number="CR-1").count() == 2


def test_link_review_pages_access(linked, client_for):
    link = linked["ledger"]
    assert_access(
        "/records/officer-links/",
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=linked["units"]["North"],
    )
    assert_access(
        f"/records/officer-links/{link.pk}/",
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=linked["units"]["North"],
    )
    assert_post_access(
        f"/records/officer-links/{link.pk}/",
        {"decision": "confirm"},
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=linked["units"]["North"],
    )


def test_link_review_page_shows_both_sides_and_records_a_split(linked, client_for):
    client = client_for(Role.INVESTIGATOR)
    listing = client.get("/records/officer-links/").content.decode()
    assert "county-ledger:L-9" in listing
    assert "cpdp:trr-officers:77" in listing
    assert "cpdp:accused:1</a>" not in listing  # first seen, never matched
    url = f"/records/officer-links/{linked['trr'].pk}/"
    page = client.get(url).content.decode()
    assert "This dataset's record" in page
    assert "The record it matched" in page
    assert "NORTH|" not in page  # values are shown per field
    assert "2001-05-01" in page
    assert "cannot be told apart" in page
    assert "stay where they are:\n1 allegation." in page
    bad = client.post(url, {"decision": "merge"})
    assert bad.status_code == 200
    assert b"Select a valid choice" in bad.content
    response = client.post(url, {"decision": "split"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "split off to a new officer record" in response.content.decode()
    assert "Split by" in response.content.decode()
    assert "Record decision" not in response.content.decode()
    assert OfficerSourceLink.objects.get(pk=linked["trr"].pk).officer_id != linked["north"].pk
    reviewed = client.get("/records/officer-links/?state=reviewed").content.decode()
    assert "cpdp:trr-officers:77" in reviewed
    assert "county-ledger:L-9" not in reviewed
    # Any other state is read as the default.
    assert client.get("/records/officer-links/?state=%00").status_code == 200


def test_unmatched_link_has_no_review_page(linked, client_for):
    first = OfficerSourceLink.objects.get(source="cpdp:accused", source_key="1")
    response = client_for(Role.ADMINISTRATOR).get(f"/records/officer-links/{first.pk}/")
    assert response.status_code == 404


def test_navigation_lists_link_review_for_caseworkers(client_for):
    assert b"/records/officer-links/" in client_for(Role.INVESTIGATOR).get("/").content
    assert b"/records/officer-links/" not in client_for(Role.OVERSIGHT).get("/").content


def test_complaint_changeable_follows_the_grants(records, make_user):
    complaint = Complaint.objects.get(number="C-North")
    assert casework.complaint_changeable(user=make_user(Role.INVESTIGATOR), complaint=complaint)
    oversight = make_user(Role.OVERSIGHT)
    assert not casework.complaint_changeable(user=oversight, complaint=complaint)
    allegation = complaint.allegations.get()
    assert casework.allegation_for_change(user=oversight, allegation_id=allegation.pk) is None
