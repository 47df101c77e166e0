"""Duty-to-intervene endpoints under /api/v1/intervention/. No response ever carries a
reporter's identity, except the audited reveal for investigators."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth

from upstander.accounts.restrict import can
from upstander.intervention import selectors, services
from upstander.intervention.errors import InterventionError
from upstander.intervention.models import (
    AdversePersonnelEvent,
    Case,
    FailureToInterveneReview,
    InterventionRecord,
    RetaliationFlag,
)
from upstander.intervention.retaliation import adverse_event_record, retaliation_flag_resolve
from upstander.pagination import BoundedPagination
from upstander.records.selectors import force_report_list, officer_list

router = Router(tags=["intervention"])


class InterventionOut(Schema):
    id: int
    officer_id: int
    officer: str
    incident: str | None
    kind: str
    occurred_at: datetime
    action_taken: str
    outcome: str
    recognition: str

    @staticmethod
    def resolve_officer(record: Any) -> str:
        return str(record.officer)

    @staticmethod
    def resolve_incident(record: Any) -> str | None:
        return record.incident.report_number if record.incident else None


class InterventionIn(Schema):
    officer_id: int
    incident_id: int | None = None
    kind: InterventionRecord.Kind
    occurred_at: datetime
    action_taken: str = Field(min_length=1)
    outcome: str = Field(min_length=1)


class CaseOut(Schema):
    id: int
    reference: str
    title: str
    state: str
    incident: str | None
    report: str | None
    channel: str | None
    opened_on: date
    due_on: date
    closed_on: date | None
    overdue: bool

    @staticmethod
    def resolve_incident(case: Any) -> str | None:
        return case.incident.report_number if case.incident_id else None

    @staticmethod
    def resolve_report(case: Any) -> str | None:
        return case.report.reference if case.report_id else None

    @staticmethod
    def resolve_channel(case: Any) -> str | None:
        return case.report.channel if case.report_id else None

    @staticmethod
    def resolve_overdue(case: Any) -> bool:
        from django.utils import timezone

        return bool(case.state != Case.State.CLOSED and case.due_on < timezone.localdate())


class TransitionIn(Schema):
    to_state: Case.State
    note: str = ""
    assignee_id: int | None = None


class RevealIn(Schema):
    reason: str = Field(min_length=10, max_length=500)


class IdentityOut(Schema):
    name: str
    email: str = ""
    phone: str = ""


class ReviewOut(Schema):
    id: int
    case: str
    officer_id: int
    officer: str
    role: str
    decision: str
    reason: str

    @staticmethod
    def resolve_case(review: Any) -> str:
        return str(review.allegation.case.reference)

    @staticmethod
    def resolve_officer(review: Any) -> str:
        return str(review.officer)


class DecisionIn(Schema):
    decision: FailureToInterveneReview.Decision
    reason: str = Field(min_length=1, max_length=1000)


class AdverseEventIn(Schema):
    officer_id: int
    kind: AdversePersonnelEvent.Kind
    occurred_on: date
    description: str = ""
    decided_by: str = ""


class AdverseEventOut(Schema):
    id: int
    officer_id: int
    kind: str
    occurred_on: date
    flagged: bool = False


class FlagOut(Schema):
    id: int
    officer_id: int
    officer: str
    event_kind: str
    event_on: date
    reason: str
    status: str
    resolution_note: str
    raised_on: date

    @staticmethod
    def resolve_officer_id(flag: Any) -> int:
        return int(flag.event.officer_id)

    @staticmethod
    def resolve_officer(flag: Any) -> str:
        return str(flag.event.officer)

    @staticmethod
    def resolve_event_kind(flag: Any) -> str:
        return str(flag.event.kind)

    @staticmethod
    def resolve_event_on(flag: Any) -> date:
        return flag.event.occurred_on


class ResolveIn(Schema):
    status: RetaliationFlag.Status
    note: str = Field(min_length=1, max_length=1000)


def _require(request: HttpRequest, action: str, target: Any) -> None:
    if not can(request.user, action, target):
        raise HttpError(403, "You do not have permission to do this.")


def _guarded(call: Any) -> Any:
    try:
        return call()
    except PermissionDenied as exc:
        raise HttpError(403, "You do not have permission to do this.") from exc
    except InterventionError as exc:
        raise HttpError(409, str(exc)) from exc


@router.get("/interventions", response=list[InterventionOut], auth=django_auth)
@paginate(BoundedPagination)
def intervention_list(request: HttpRequest) -> Any:
    """Intervention records visible to the caller."""
    _require(request, "view", InterventionRecord)
    return selectors.intervention_list(user=request.user)


@router.post("/interventions", response={201: InterventionOut}, auth=django_auth)
def intervention_create(request: HttpRequest, payload: InterventionIn) -> Any:
    """Record an intervention."""
    _require(request, "add", InterventionRecord)
    officer = selectors.intervention_officer_choices(user=request.user).filter(
        pk=payload.officer_id
    )
    if not officer.exists():
        raise HttpError(403, "You may not record an intervention for that officer.")
    incident = None
    if payload.incident_id is not None:
        incident = force_report_list(user=request.user).filter(pk=payload.incident_id).first()
        if incident is None:
            raise HttpError(404, "No such use-of-force report, or you may not see it.")
    record = _guarded(
        lambda: services.intervention_record(
            actor=request.user,
            officer=officer.get(),
            incident=incident,
            kind=payload.kind,
            occurred_at=payload.occurred_at,
            action_taken=payload.action_taken,
            outcome=payload.outcome,
        )
    )
    return Status(201, record)


@router.get("/cases", response=list[CaseOut], auth=django_auth)
@paginate(BoundedPagination)
def case_list(request: HttpRequest, overdue: bool = False) -> Any:
    """Cases visible to the caller, soonest due first; ``overdue=true`` for those past due."""
    _require(request, "view", Case)
    return selectors.case_list(user=request.user, overdue=overdue).select_related("incident")


def _case(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_get(user=request.user, case_id=case_id)
    if case is None:
        raise HttpError(404, "No such case, or you may not see it.")
    return case


@router.get("/cases/{case_id}", response=CaseOut, auth=django_auth)
def case_detail(request: HttpRequest, case_id: int) -> Any:
    """One case."""
    return _case(request, case_id)


@router.post("/cases/{case_id}/transition", response=CaseOut, auth=django_auth)
def case_transition(request: HttpRequest, case_id: int, payload: TransitionIn) -> Any:
    """Move a case to another stage of the workflow."""
    from django.contrib.auth import get_user_model

    case = _case(request, case_id)
    assignee = None
    if payload.assignee_id is not None:
        assignee = get_user_model().objects.filter(pk=payload.assignee_id).first()
    return _guarded(
        lambda: services.case_transition(
            actor=request.user,
            case=case,
            to_state=payload.to_state,
            note=payload.note,
            assignee=assignee,
        )
    )


@router.post("/cases/{case_id}/reveal", response=IdentityOut, auth=django_auth)
def case_reveal(request: HttpRequest, case_id: int, payload: RevealIn) -> Any:
    """The confidential reporter's identity, for an investigator holding the grant; audited."""
    case = _case(request, case_id)
    if case.report is None:
        raise HttpError(404, "This case has no report.")
    report = case.report
    return _guarded(
        lambda: services.reporter_identity_reveal(
            actor=request.user, report=report, reason=payload.reason
        )
    )


@router.get("/reviews", response=list[ReviewOut], auth=django_auth)
@paginate(BoundedPagination)
def review_list(request: HttpRequest, open_only: bool = False) -> Any:
    """Failure-to-intervene reviews visible to the caller."""
    _require(request, "view", FailureToInterveneReview)
    return selectors.fti_review_list(user=request.user, open_only=open_only)


@router.post("/reviews/{review_id}/decide", response=ReviewOut, auth=django_auth)
def review_decide(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    """Decide a failure-to-intervene review."""
    review = selectors.fti_review_list(user=request.user).filter(pk=review_id).first()
    if review is None:
        raise HttpError(404, "No such review, or you may not see it.")
    return _guarded(
        lambda: services.fti_review_decide(
            actor=request.user, review=review, decision=payload.decision, reason=payload.reason
        )
    )


@router.post("/personnel-events", response={201: AdverseEventOut}, auth=django_auth)
def adverse_event_create(request: HttpRequest, payload: AdverseEventIn) -> Any:
    """Record an adverse personnel event; flags it raises go to oversight, not the caller."""
    _require(request, "add", AdversePersonnelEvent)
    officer = officer_list(user=request.user).filter(pk=payload.officer_id).first()
    if officer is None:
        raise HttpError(404, "No such officer, or you may not see them.")
    event, _flags = _guarded(
        lambda: adverse_event_record(
            actor=request.user,
            officer=officer,
            kind=payload.kind,
            occurred_on=payload.occurred_on,
            description=payload.description,
            decided_by=payload.decided_by,
        )
    )
    return Status(201, event)


@router.get("/retaliation-flags", response=list[FlagOut], auth=django_auth)
@paginate(BoundedPagination)
def flag_list(request: HttpRequest, status: str = "") -> Any:
    """Retaliation flags (oversight only), optionally of one status (``open``, ...)."""
    _require(request, "view", RetaliationFlag)
    if status and status not in RetaliationFlag.Status.values:
        raise HttpError(422, f"Unknown status {status!r}; use one of open, no_retaliation, ...")
    return selectors.retaliation_flag_list(user=request.user, status=status or None)


@router.post("/retaliation-flags/{flag_id}/resolve", response=FlagOut, auth=django_auth)
def flag_resolve(request: HttpRequest, flag_id: int, payload: ResolveIn) -> Any:
    """Resolve a retaliation flag."""
    flag = selectors.retaliation_flag_list(user=request.user).filter(pk=flag_id).first()
    if flag is None:
        raise HttpError(404, "No such flag, or you may not see it.")
    return _guarded(
        lambda: retaliation_flag_resolve(
            actor=request.user, flag=flag, status=payload.status, note=payload.note
        )
    )
