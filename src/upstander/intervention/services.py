"""Writes of the duty-to-intervene app: interventions, reports, cases and their reviews."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from upstander.accounts.restrict import can, restrict
from upstander.accounts.roles import Role
from upstander.audit.context import current_request_id, untraceable_writes
from upstander.audit.services import audit_emit
from upstander.intervention import crypto
from upstander.intervention.errors import InterventionError
from upstander.intervention.events import (
    AllegationAddedEvent,
    AllegationFindingEvent,
    CaseLinkedEvent,
    CaseMessageSentEvent,
    CaseOpenedEvent,
    CaseTransitionedEvent,
    FailureToInterveneReviewDecidedEvent,
    FailureToInterveneReviewOpenedEvent,
    InterventionRecognisedEvent,
    InterventionRecordedEvent,
    ReporterIdentityRevealedEvent,
    ReporterIdentityRotatedEvent,
    ReportSubmittedEvent,
)
from upstander.intervention.models import (
    Allegation,
    Case,
    CaseMessage,
    FailureToInterveneReview,
    InterventionRecord,
    ProtectedPerson,
    Report,
    ReporterIdentity,
)
from upstander.intervention.notifications import notify_role, notify_user
from upstander.intervention.retaliation import protection_start
from upstander.intervention.selectors import (
    intervention_officer_choices,
    silent_witnesses,
)
from upstander.records.models import Officer, UseOfForceReport

__all__ = [
    "STAGE_DAYS",
    "TRANSITIONS",
    "InterventionError",
    "allegation_add",
    "allegation_finding_record",
    "case_link",
    "case_message_send",
    "case_open",
    "case_transition",
    "case_witness_add",
    "complaint_model_or_none",
    "fti_review_decide",
    "intervention_recognise",
    "intervention_record",
    "report_submit",
    "reporter_identity_reveal",
    "reporter_identity_rotate",
]

S = Case.State
# The case workflow as data: from each state, the states a case may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.INTAKE: (S.TRIAGE, S.CLOSED),
    S.TRIAGE: (S.ASSIGNED, S.CLOSED),
    S.ASSIGNED: (S.INVESTIGATION, S.TRIAGE),
    S.INVESTIGATION: (S.FINDINGS,),
    S.FINDINGS: (S.CLOSED, S.INVESTIGATION),
    S.CLOSED: (),
}
# Days allowed for each stage; the case is overdue when its stage runs past them.
STAGE_DAYS: dict[str, int] = {
    S.INTAKE: 3,
    S.TRIAGE: 7,
    S.ASSIGNED: 14,
    S.INVESTIGATION: 90,
    S.FINDINGS: 30,
    S.CLOSED: 0,
}
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _require(actor: Any, action: str, target: Any) -> None:
    if not can(actor, action, target):
        raise PermissionDenied


@contextmanager
def _untraceable() -> Iterator[None]:
    """Blank the request id while writing a report, so the audit entry cannot be matched to a
    request in proxy or server logs."""
    token = current_request_id.set("")
    untraceable = untraceable_writes.set(True)
    try:
        yield
    finally:
        untraceable_writes.reset(untraceable)
        current_request_id.reset(token)


# Interventions -----------------------------------------------------------------------------


@transaction.atomic
def intervention_record(
    *,
    actor: Any,
    officer: Officer,
    kind: str,
    occurred_at: datetime,
    action_taken: str,
    outcome: str,
    incident: UseOfForceReport | None = None,
) -> InterventionRecord:
    """Record an intervention by an officer (themselves, or one of a supervisor's unit)."""
    _require(actor, "add", InterventionRecord)
    if not intervention_officer_choices(user=actor).filter(pk=officer.pk).exists():
        raise PermissionDenied
    if incident is not None and not can(actor, "view", incident):
        raise PermissionDenied
    record = InterventionRecord.objects.create(
        officer=officer,
        incident=incident,
        kind=kind,
        occurred_at=occurred_at,
        action_taken=action_taken,
        outcome=outcome,
        recorded_by=actor,
    )
    audit_emit(
        InterventionRecordedEvent(kind=kind, incident=str(incident or "")),
        actor=actor,
        target=record,
    )
    protection_start(
        officer=officer,
        basis=ProtectedPerson.Basis.INTERVENED,
        starts_on=timezone.localtime(occurred_at).date(),
        intervention=record,
    )
    return record


@transaction.atomic
def intervention_recognise(
    *, actor: Any, record: InterventionRecord, note: str
) -> InterventionRecord:
    """Commend an intervention."""
    _require(actor, "change", record)
    before = {"recognition": record.recognition}
    record.recognition = InterventionRecord.Recognition.COMMENDED
    record.recognition_note = note
    record.save(update_fields=["recognition", "recognition_note"])
    audit_emit(
        InterventionRecognisedEvent(note=note),
        actor=actor,
        target=record,
        before=before,
        after={"recognition": record.recognition},
    )
    return record


# Reports -----------------------------------------------------------------------------------


def _new_reference(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


@sensitive_variables()
def report_submit(
    *,
    channel: str,
    source: str,
    summary: str,
    description: str,
    occurred_on: date | None = None,
    location: str = "",
    identity: dict[str, str] | None = None,
    reporter_officer: Officer | None = None,
) -> tuple[Report, str]:
    """File a report; returns it with its receipt code, which is shown once and never kept.

    Anonymous reports take no identity. A confidential report's identity (and the reporter's
    officer record, which makes them a protected person) is encrypted before anything is written;
    with no key configured this raises ConfidentialStorageUnavailable and nothing is stored.
    """
    if channel == Report.Channel.ANONYMOUS:
        if identity or reporter_officer is not None:
            raise InterventionError("An anonymous report cannot carry the reporter's identity.")
        ciphertext = None
    else:
        if not identity or not identity.get("name"):
            raise InterventionError("A confidential report needs at least the reporter's name.")
        blob = dict(identity)
        if reporter_officer is not None:
            blob["officer_id"] = str(reporter_officer.pk)
        ciphertext = crypto.identity_encrypt(blob)
    code = crypto.receipt_code_new()
    today = timezone.localdate()
    with _untraceable(), transaction.atomic():
        report = Report.objects.create(
            reference=_new_reference("R-"),
            channel=channel,
            source=source,
            summary=summary,
            description=description,
            occurred_on=occurred_on,
            location=location,
            received_on=today,
            receipt_hash=crypto.receipt_code_hash(code),
        )
        if ciphertext is not None:
            ReporterIdentity.objects.create(report=report, ciphertext=ciphertext)
        # No actor: the audit log must not tie a report to the account that filed it.
        audit_emit(ReportSubmittedEvent(reference=report.reference, channel=channel), target=report)
        _case_create(title=summary, report=report, actor=None)
        if reporter_officer is not None:
            protection_start(
                officer=reporter_officer, basis=ProtectedPerson.Basis.REPORTED, starts_on=today
            )
        notify_role(
            Role.INVESTIGATOR,
            subject="New report received",
            body=f"Report {report.reference} was received. Open the case list in Upstander.",
        )
    return report, code


def report_by_receipt(*, code: str) -> Report | None:
    """The report a receipt code belongs to, or None."""
    return Report.objects.filter(receipt_hash=crypto.receipt_code_hash(code)).first()


@transaction.atomic
def case_message_send(*, actor: Any, report: Report, author: str, body: str) -> CaseMessage:
    """Add a question from the investigator, or an answer from the reporter (actor None)."""
    if author == CaseMessage.Author.INVESTIGATOR:
        _require(actor, "change", report)
    else:
        actor = None
    with _untraceable() if actor is None else _noop():
        message = CaseMessage.objects.create(
            report=report, author=author, body=body, sent_on=timezone.localdate()
        )
        audit_emit(
            CaseMessageSentEvent(reference=report.reference, author=author),
            actor=actor,
            target=report,
        )
    return message


@contextmanager
def _noop() -> Iterator[None]:
    yield


@sensitive_variables()
@transaction.atomic
def reporter_identity_reveal(*, actor: Any, report: Report, reason: str) -> dict[str, str]:
    """Decrypt a confidential reporter's identity for an authorised investigator, audited."""
    _require(actor, "reveal", ReporterIdentity)
    if len(reason.strip()) < 10:
        raise InterventionError("Give the reason for seeing the reporter's identity.")
    record = ReporterIdentity.objects.filter(report=report).first()
    if record is None:
        raise InterventionError("This report has no reporter identity: it is anonymous.")
    audit_emit(
        ReporterIdentityRevealedEvent(reference=report.reference, reason=reason.strip()),
        actor=actor,
        target=report,
    )
    identity = crypto.identity_decrypt(record.ciphertext)
    return {key: str(value) for key, value in identity.items() if key != "officer_id"}


@transaction.atomic
def reporter_identity_rotate(*, actor: Any = None) -> int:
    """Re-encrypt every stored identity with the current key; returns how many."""
    count = 0
    for record in ReporterIdentity.objects.select_for_update().order_by("pk"):
        record.ciphertext = crypto.identity_rotate(record.ciphertext)
        record.save(update_fields=["ciphertext"])
        count += 1
    audit_emit(ReporterIdentityRotatedEvent(count=count), actor=actor)
    return count


# Cases ------------------------------------------------------------------------------------


def _case_create(*, title: str, actor: Any, report: Report | None = None) -> Case:
    today = timezone.localdate()
    case = Case.objects.create(
        reference=_new_reference("C-"),
        title=title,
        report=report,
        opened_on=today,
        due_on=today + timedelta(days=STAGE_DAYS[Case.State.INTAKE]),
    )
    audit_emit(
        CaseOpenedEvent(reference=case.reference, due_on=case.due_on.isoformat()),
        actor=actor,
        target=case,
    )
    return case


@transaction.atomic
def case_open(*, actor: Any, title: str, incident: UseOfForceReport | None = None) -> Case:
    """Open a case directly (not from a report), at intake."""
    _require(actor, "add", Case)
    case = _case_create(title=title, actor=actor)
    if incident is not None:
        case_link(actor=actor, case=case, incident=incident)
    return case


@transaction.atomic
def case_transition(
    *, actor: Any, case: Case, to_state: str, note: str = "", assignee: Any = None
) -> Case:
    """Move a case along the workflow, if the transition table allows it."""
    _require(actor, "change", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to_state not in TRANSITIONS[case.state]:
        allowed = ", ".join(TRANSITIONS[case.state]) or "none (the case is closed)"
        raise InterventionError(
            f"A case in {case.get_state_display().lower()} cannot move to {to_state}; "
            f"allowed: {allowed}."
        )
    if to_state == Case.State.ASSIGNED:
        if assignee is None:
            raise InterventionError("Choose the investigator to assign the case to.")
        if Role.INVESTIGATOR.value not in assignee.groups.values_list("name", flat=True):
            raise InterventionError("A case can only be assigned to an investigator.")
        case.assigned_to = assignee
        notify_user(
            assignee,
            subject="A case was assigned to you",
            body=f"Case {case.reference} was assigned to you. Open it in Upstander.",
        )
    if to_state == Case.State.CLOSED and case.allegations.filter(finding="pending").exists():
        raise InterventionError("Record a finding on every allegation before closing the case.")
    before = {"state": case.state, "due_on": case.due_on.isoformat()}
    from_state = case.state
    today = timezone.localdate()
    case.state = to_state
    case.due_on = today + timedelta(days=STAGE_DAYS[to_state])
    case.closed_on = today if to_state == Case.State.CLOSED else None
    case.save()
    audit_emit(
        CaseTransitionedEvent(
            reference=case.reference, from_state=from_state, to_state=to_state, note=note
        ),
        actor=actor,
        target=case,
        before=before,
        after={"state": case.state, "due_on": case.due_on.isoformat()},
    )
    return case


@transaction.atomic
def case_link(
    *,
    actor: Any,
    case: Case,
    incident: UseOfForceReport | None,
    complaint_number: str | None = None,
) -> Case:
    """Link a case to the use-of-force incident and (where the records core holds complaints)
    the complaint it concerns; ``complaint_number`` None leaves the complaint link as it is."""
    _require(actor, "change", case)
    if incident is not None and not can(actor, "view", incident):
        raise PermissionDenied
    case.incident = incident
    if complaint_number is not None:
        case.complaint_id = _complaint_id(actor=actor, number=complaint_number.strip())
    case.save(update_fields=["incident", "complaint_id"])
    audit_emit(
        CaseLinkedEvent(
            reference=case.reference,
            incident=str(incident or ""),
            complaint=complaint_number.strip() if complaint_number else "",
        ),
        actor=actor,
        target=case,
    )
    return case


def _complaint_id(*, actor: Any, number: str) -> int | None:
    if not number:
        return None
    complaint_model = complaint_model_or_none()
    if complaint_model is None:
        raise InterventionError("This installation keeps no complaint records to link to.")
    complaint = restrict(complaint_model.objects.filter(number=number), actor).first()
    if complaint is None:
        raise InterventionError(f"No complaint numbered {number!r} that you may see.")
    return int(complaint.pk)


def complaint_model_or_none() -> Any:
    """The records core's complaint model, when this installation has one."""
    try:
        return apps.get_model("records", "Complaint")
    except LookupError:
        return None


@transaction.atomic
def allegation_add(*, actor: Any, case: Case, officer: Officer, kind: str) -> Allegation:
    """Add an allegation against an officer to an open case."""
    _require(actor, "change", case)
    if case.state in (Case.State.FINDINGS, Case.State.CLOSED):
        raise InterventionError("Allegations can only be added before the findings stage.")
    allegation = Allegation.objects.create(case=case, officer=officer, kind=kind)
    audit_emit(
        AllegationAddedEvent(reference=case.reference, kind=kind, officer_id=officer.pk),
        actor=actor,
        target=allegation,
    )
    return allegation


@transaction.atomic
def allegation_finding_record(
    *, actor: Any, allegation: Allegation, finding: str
) -> list[FailureToInterveneReview]:
    """Record the finding on an allegation; a sustained excessive-force finding opens a
    failure-to-intervene review for each silent witness. Returns the reviews opened."""
    allegation = Allegation.objects.select_related("case").get(pk=allegation.pk)
    case = allegation.case
    _require(actor, "change", case)
    if case.state != Case.State.FINDINGS:
        raise InterventionError("Move the case to the findings stage before recording findings.")
    before = {"finding": allegation.finding}
    allegation.finding = finding
    allegation.save(update_fields=["finding"])
    audit_emit(
        AllegationFindingEvent(reference=case.reference, kind=allegation.kind, finding=finding),
        actor=actor,
        target=allegation,
        before=before,
        after={"finding": finding},
    )
    opened: list[FailureToInterveneReview] = []
    if finding == Allegation.Finding.SUSTAINED and allegation.kind == "excessive_force":
        for officer, role in silent_witnesses(allegation=allegation):
            review, created = FailureToInterveneReview.objects.get_or_create(
                allegation=allegation, officer=officer, defaults={"role": role}
            )
            if created:
                audit_emit(
                    FailureToInterveneReviewOpenedEvent(
                        reference=case.reference, officer_id=officer.pk, role=role
                    ),
                    actor=actor,
                    target=review,
                )
                opened.append(review)
    return opened


@transaction.atomic
def fti_review_decide(
    *, actor: Any, review: FailureToInterveneReview, decision: str, reason: str
) -> FailureToInterveneReview:
    """Decide a failure-to-intervene review, with a reason."""
    _require(actor, "change", review)
    if decision == FailureToInterveneReview.Decision.OPEN:
        raise InterventionError("Choose a decision other than open.")
    if not reason.strip():
        raise InterventionError("Give the reason for the decision.")
    review.decision = decision
    review.reason = reason.strip()
    review.decided_on = timezone.localdate()
    review.save(update_fields=["decision", "reason", "decided_on"])
    audit_emit(
        FailureToInterveneReviewDecidedEvent(decision=decision, reason=review.reason),
        actor=actor,
        target=review,
    )
    if decision == FailureToInterveneReview.Decision.ALLEGATION:
        case = review.allegation.case
        if case.state == Case.State.CLOSED:
            case = _case_create(title=f"Failure to intervene ({case.reference})", actor=actor)
        allegation = Allegation.objects.create(
            case=case, officer=review.officer, kind=Allegation.Kind.FAILURE_TO_INTERVENE
        )
        audit_emit(
            AllegationAddedEvent(
                reference=case.reference, kind=allegation.kind, officer_id=review.officer_id
            ),
            actor=actor,
            target=allegation,
        )
    return review


@transaction.atomic
def case_witness_add(*, actor: Any, case: Case, officer: Officer) -> ProtectedPerson:
    """Record that an officer gave a statement in a case, which protects them."""
    _require(actor, "change", case)
    if not restrict(Officer.objects.filter(pk=officer.pk), actor).exists():
        raise PermissionDenied
    return protection_start(
        officer=officer,
        basis=ProtectedPerson.Basis.TESTIFIED,
        starts_on=timezone.localdate(),
        case=case,
        actor=actor,
    )
