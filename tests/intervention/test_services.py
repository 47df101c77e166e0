"""Services: interventions, reports, the case workflow, failure-to-intervene reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied

from upstander.accounts.roles import Role
from upstander.audit.context import current_request_id
from upstander.audit.models import AuditEvent
from upstander.intervention import crypto, services
from upstander.intervention.conf import ConfidentialStorageUnavailable
from upstander.intervention.errors import InterventionError
from upstander.intervention.models import (
    Allegation,
    Case,
    FailureToInterveneReview,
    InterventionRecord,
    ProtectedPerson,
    Report,
    ReporterIdentity,
)

from .conftest import REPORTER_EMAIL, REPORTER_NAME

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 5, 1, 22, 5, tzinfo=UTC)


def _record(actor, officer, incident=None):
    return services.intervention_record(
        actor=actor,
        officer=officer,
        incident=incident,
        kind=InterventionRecord.Kind.FORCE,
        occurred_at=WHEN,
        action_taken="Pulled him back",
        outcome="Force stopped",
    )


def test_officer_records_own_intervention_and_becomes_protected(scene, make_user):
    from upstander.accounts.models import UserProfile

    user = make_user(Role.OFFICER, unit=scene.north)
    UserProfile.objects.filter(user=user).update(officer=scene.intervener)
    user.refresh_from_db()
    record = _record(user, scene.intervener, scene.incident)
    assert record.recorded_by == user
    protection = ProtectedPerson.objects.get(officer=scene.intervener)
    assert protection.basis == "intervened"
    assert protection.ends_on == date(2026, 5, 1)
    assert AuditEvent.objects.filter(action="intervention-recorded").exists()
    with pytest.raises(PermissionDenied):
        _record(user, scene.witness)  # not themselves


def test_supervisor_records_for_own_unit_only(scene, make_user):
    supervisor = make_user(Role.SUPERVISOR, unit=scene.north)
    _record(supervisor, scene.intervener)
    with pytest.raises(PermissionDenied):
        _record(supervisor, scene.reporter)  # south unit


def test_public_user_cannot_record(scene, make_user):
    with pytest.raises(PermissionDenied):
        _record(make_user(), scene.intervener)


def test_retaliation_window_is_configurable(scene, administrator, monkeypatch):
    monkeypatch.setenv("UPSTANDER_RETALIATION_WINDOW_MONTHS", "6")
    _record(administrator, scene.intervener)
    assert ProtectedPerson.objects.get().ends_on == date(2024, 11, 1)


def test_anonymous_report_stores_no_identity_or_request_id(scene):
    token = current_request_id.set("req-1234567890")
    try:
        report, code = services.report_submit(
            channel="anonymous", source="public", summary="Kicked a man", description="At 5th"
        )
    finally:
        current_request_id.reset(token)
    assert report.receipt_hash == crypto.receipt_code_hash(code)
    assert code not in str(Report.objects.filter(pk=report.pk).values().get())
    assert not ReporterIdentity.objects.exists()
    events = AuditEvent.objects.filter(action__in=["report-submitted", "case-opened"])
    assert events.count() == 2
    assert all(e.actor_id is None and e.request_id == "" for e in events)
    assert report.case.state == Case.State.INTAKE
    assert services.report_by_receipt(code=code.lower().replace("-", " ")) == report


def test_anonymous_report_refuses_identity(scene):
    with pytest.raises(InterventionError):
        services.report_submit(
            channel="anonymous",
            source="member",
            summary="x",
            description="y",
            identity={"name": "Someone"},
        )


def test_confidential_report_is_encrypted_and_revealed_with_reason(scene, investigator, oversight):
    report, _ = services.report_submit(
        channel="confidential",
        source="member",
        summary="Sergeant hit a cuffed man",
        description="I saw it.",
        identity={"name": REPORTER_NAME, "email": REPORTER_EMAIL},
        reporter_officer=scene.reporter,
    )
    stored = bytes(ReporterIdentity.objects.get(report=report).ciphertext)
    assert REPORTER_NAME.encode() not in stored
    assert ProtectedPerson.objects.get(officer=scene.reporter).basis == "reported"
    assert ProtectedPerson.objects.get(officer=scene.reporter).case is None
    with pytest.raises(PermissionDenied):
        services.reporter_identity_reveal(actor=oversight, report=report, reason="curious reason")
    with pytest.raises(InterventionError):
        services.reporter_identity_reveal(actor=investigator, report=report, reason="")
    identity = services.reporter_identity_reveal(
        actor=investigator, report=report, reason="Need to interview the witness"
    )
    assert identity == {"name": REPORTER_NAME, "email": REPORTER_EMAIL}
    reveal = AuditEvent.objects.get(action="reporter-identity-revealed")
    assert reveal.actor == investigator
    assert reveal.data["reason"] == "Need to interview the witness"
    submitted = AuditEvent.objects.get(action="report-submitted")
    assert submitted.actor_id is None


def test_production_without_key_refuses_confidential(scene, settings, monkeypatch):
    settings.DEBUG = False
    settings.TESTING = False
    monkeypatch.delenv("UPSTANDER_CONFIDENTIAL_KEYS", raising=False)
    with pytest.raises(ConfidentialStorageUnavailable, match="UPSTANDER_CONFIDENTIAL_KEYS"):
        services.report_submit(
            channel="confidential",
            source="public",
            summary="x",
            description="y",
            identity={"name": REPORTER_NAME},
        )
    assert not Report.objects.exists()


def test_key_rotation(scene, investigator, monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", old)
    report, _ = services.report_submit(
        channel="confidential",
        source="public",
        summary="x",
        description="y",
        identity={"name": REPORTER_NAME},
    )
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", f"{new},{old}")
    assert services.reporter_identity_rotate() == 1
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", new)
    identity = services.reporter_identity_reveal(
        actor=investigator, report=report, reason="Rotation check reason"
    )
    assert identity["name"] == REPORTER_NAME


def _case(scene, investigator):
    case = services.case_open(actor=investigator, title="Strikes on a cuffed man")
    services.case_link(actor=investigator, case=case, incident=scene.incident)
    return case


def _advance(case, investigator, *states):
    for state in states:
        assignee = investigator if state == "assigned" else None
        case = services.case_transition(
            actor=investigator, case=case, to_state=state, assignee=assignee
        )
    return case


def test_transitions_follow_the_table(scene, investigator):
    case = _case(scene, investigator)
    with pytest.raises(InterventionError, match="cannot move to findings"):
        services.case_transition(actor=investigator, case=case, to_state="findings")
    case = services.case_transition(actor=investigator, case=case, to_state="triage")
    with pytest.raises(InterventionError, match="assign"):
        services.case_transition(actor=investigator, case=case, to_state="assigned")
    case = _advance(Case.objects.get(pk=case.pk), investigator, "assigned", "investigation")
    assert case.assigned_to == investigator
    assert case.due_on == date.today() + timedelta(days=services.STAGE_DAYS["investigation"])
    events = AuditEvent.objects.filter(action="case-transitioned").count()
    assert events == 3


def test_transition_table_is_closed_under_states():
    states = set(Case.State.values)
    assert set(services.TRANSITIONS) == states
    assert all(set(targets) <= states for targets in services.TRANSITIONS.values())


def test_overdue_cases(scene, investigator):
    from upstander.intervention.selectors import case_list

    case = _case(scene, investigator)
    assert not case_list(user=investigator, overdue=True).exists()
    Case.objects.filter(pk=case.pk).update(due_on=date.today() - timedelta(days=1))
    assert list(case_list(user=investigator, overdue=True)) == [case]


def test_sustained_force_opens_reviews_for_silent_witnesses(scene, investigator, administrator):
    # The reporter witnessed too, but reported confidentially about this incident.
    report, _ = services.report_submit(
        channel="confidential",
        source="member",
        summary="Strikes",
        description="d",
        identity={"name": REPORTER_NAME},
        reporter_officer=scene.reporter,
    )
    case = report.case
    services.case_link(actor=investigator, case=case, incident=scene.incident)
    _record(administrator, scene.witness, scene.incident)  # recorded an intervention: excluded
    allegation = services.allegation_add(
        actor=investigator, case=case, officer=scene.force_user, kind="excessive_force"
    )
    case = _advance(case, investigator, "triage", "assigned", "investigation", "findings")
    with pytest.raises(InterventionError, match="finding on every allegation"):
        services.case_transition(actor=investigator, case=case, to_state="closed")
    opened = services.allegation_finding_record(
        actor=investigator, allegation=allegation, finding="sustained"
    )
    assert {r.officer for r in opened} == {scene.supervisor_on_scene}
    assert opened[0].role == "supervised"
    # Recording again does not duplicate.
    services.allegation_finding_record(
        actor=investigator, allegation=allegation, finding="sustained"
    )
    assert FailureToInterveneReview.objects.count() == 1
    review = services.fti_review_decide(
        actor=investigator, review=opened[0], decision="allegation", reason="Stood by"
    )
    assert review.decided_on is not None
    assert Allegation.objects.filter(
        kind="failure_to_intervene", officer=scene.supervisor_on_scene
    ).exists()


def test_not_sustained_opens_no_review(scene, investigator):
    case = _case(scene, investigator)
    allegation = services.allegation_add(
        actor=investigator, case=case, officer=scene.force_user, kind="excessive_force"
    )
    _advance(case, investigator, "triage", "assigned", "investigation", "findings")
    allegation.refresh_from_db()
    assert (
        services.allegation_finding_record(
            actor=investigator, allegation=allegation, finding="not_sustained"
        )
        == []
    )


def test_recognition_is_audited(scene, administrator, oversight):
    record = _record(administrator, scene.intervener)
    services.intervention_recognise(actor=oversight, record=record, note="Well done")
    record.refresh_from_db()
    assert record.recognition == "commended"
    assert AuditEvent.objects.filter(action="intervention-recognised").exists()


def test_witness_statement_protects_the_witness(scene, investigator):
    case = services.case_open(actor=investigator, title="t", incident=scene.incident)
    protection = services.case_witness_add(actor=investigator, case=case, officer=scene.witness)
    assert protection.basis == "testified"
    assert protection.case == case


def test_assignment_notifies_the_investigator(
    scene, investigator, django_capture_on_commit_callbacks
):
    from django.core import mail

    investigator.email = "ivan@example.org"
    investigator.save()
    case = services.case_open(actor=investigator, title="t")
    case = services.case_transition(actor=investigator, case=case, to_state="triage")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(
            actor=investigator, case=case, to_state="assigned", assignee=investigator
        )
    assert [m.to for m in mail.outbox] == [["ivan@example.org"]]
    assert case.reference in mail.outbox[0].body


def test_overdue_cases_are_marked_in_the_list(scene, investigator, client):
    from django.urls import reverse

    case = services.case_open(actor=investigator, title="Late one")
    Case.objects.filter(pk=case.pk).update(due_on=date.today() - timedelta(days=3))
    client.force_login(investigator)
    page = client.get(reverse("intervention:cases") + "?overdue=1").content.decode()
    assert "Late one" in page
    assert "(overdue)" in page
