"""Casework endpoints under /api/v1/records/: findings, discipline, legal outcomes, link review.

Every write goes through a service in :mod:`upstander.records.services` and so is audited; who
may write is decided from the role grants in :mod:`upstander.records.casework`.
"""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import field_validator

from upstander.pagination import BoundedPagination
from upstander.records import casework, selectors, services
from upstander.records.models import Allegation, Finding, LegalOutcome
from upstander.records.schemas import AllegationOut, LegalOutcomeOut

__all__ = [
    "DisciplineIn",
    "DisciplineOut",
    "FindingIn",
    "LegalOutcomeIn",
    "LinkReviewIn",
    "OfficerLinkOut",
    "router",
]

router = Router(tags=["records casework"])


class _TextIn(Schema):
    """Input whose text fields refuse NUL characters, which PostgreSQL cannot store."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class FindingIn(_TextIn):
    final_finding: str = Field(
        ..., min_length=1, max_length=20, description=f"One of {', '.join(Finding.values)}."
    )
    recommended_finding: str = Field(
        "", max_length=20, description="The investigator's recommendation; empty keeps it."
    )


class DisciplineIn(_TextIn):
    imposed: str = Field("", max_length=200, description="What was actually imposed.")
    recommended: str = Field("", max_length=200)
    suspension_days: int | None = Field(None, ge=0, le=services.MAX_SUSPENSION_DAYS)
    decided_on: date | None = None


class DisciplineOut(Schema):
    id: int
    allegation_id: int
    recommended: str
    imposed: str
    suspension_days: int | None
    decided_on: date | None


class LegalOutcomeIn(_TextIn):
    kind: str = Field(..., max_length=20, description=f"One of {', '.join(LegalOutcome.Kind)}.")
    case_number: str = Field("", max_length=80)
    court: str = Field("", max_length=200)
    filed_on: date | None = None
    resolved_on: date | None = None
    amount: Decimal | None = Field(
        None, ge=0, lt=services.MAX_AMOUNT, max_digits=14, decimal_places=2, description="USD."
    )
    description: str = Field("", max_length=5000)


class LinkReviewIn(Schema):
    decision: Literal["confirm", "split"]


class OfficerLinkOut(Schema):
    id: int
    officer_id: int
    source: str
    source_key: str
    matched: str
    matched_on: list[str]
    review: dict[str, Any] | None

    @staticmethod
    def resolve_matched(link: Any) -> str:
        return str(link.evidence.get("matched", ""))

    @staticmethod
    def resolve_matched_on(link: Any) -> list[str]:
        fields = link.evidence.get("on") or []
        return [str(name) for name in fields] if isinstance(fields, list) else []

    @staticmethod
    def resolve_review(link: Any) -> dict[str, Any] | None:
        return casework.review_of(link) or None


def _allegation(request: HttpRequest, allegation_id: int) -> Allegation:
    """The allegation if the caller may change it: 404 when they may not see it, else 403."""
    allegation = casework.allegation_for_change(user=request.user, allegation_id=allegation_id)
    if allegation is not None:
        return allegation
    visible = selectors.complaint_list(user=request.user).filter(allegations__pk=allegation_id)
    if visible.exists():
        raise HttpError(403, "You may not record findings or discipline on this complaint.")
    raise HttpError(404, "No such allegation, or you may not see it.")


@router.post("/allegations/{int:allegation_id}/finding", response=AllegationOut, auth=django_auth)
def allegation_finding(request: HttpRequest, allegation_id: int, payload: FindingIn) -> Any:
    """Record an allegation's recommended and final findings."""
    allegation = _allegation(request, allegation_id)
    try:
        return services.allegation_find(
            allegation=allegation,
            final_finding=payload.final_finding,
            recommended_finding=payload.recommended_finding,
            actor=request.user,
        )
    except services.RecordError as exc:
        raise HttpError(422, str(exc)) from exc


@router.post(
    "/allegations/{int:allegation_id}/discipline",
    response={201: DisciplineOut},
    auth=django_auth,
)
def allegation_discipline(request: HttpRequest, allegation_id: int, payload: DisciplineIn) -> Any:
    """Record discipline after a sustained allegation."""
    allegation = _allegation(request, allegation_id)
    try:
        discipline = services.discipline_record(
            allegation=allegation,
            imposed=payload.imposed,
            recommended=payload.recommended,
            suspension_days=payload.suspension_days,
            decided_on=payload.decided_on,
            actor=request.user,
        )
    except services.RecordError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, discipline)


@router.post(
    "/officers/{int:officer_id}/legal-outcomes",
    response={201: LegalOutcomeOut},
    auth=django_auth,
)
def officer_legal_outcome(request: HttpRequest, officer_id: int, payload: LegalOutcomeIn) -> Any:
    """Record a charge, indictment, conviction, civil suit or settlement naming an officer."""
    officer = selectors.officer_get(user=request.user, officer_id=officer_id)
    if officer is None:
        raise HttpError(404, "No such officer, or you may not see it.")
    if not casework.legal_outcome_addable(user=request.user, officer=officer):
        raise HttpError(403, "You may not record legal outcomes.")
    try:
        outcome = services.legal_outcome_record(
            agency=officer.agency, officer=officer, actor=request.user, **payload.dict()
        )
    except services.RecordError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, outcome)


def _require_link_review(request: HttpRequest) -> None:
    if not casework.link_review_allowed(request.user):
        raise HttpError(403, "You may not review officer links.")


@router.get("/officer-links", response=list[OfficerLinkOut], auth=django_auth)
@paginate(BoundedPagination)
def officer_link_list(
    request: HttpRequest, state: Literal["pending", "reviewed", "all"] = "pending"
) -> Any:
    """Links imports made by matching names, for review; ``pending`` ones by default."""
    _require_link_review(request)
    return casework.officer_link_review_list(user=request.user, state=state)


@router.post("/officer-links/{int:link_id}/review", response=OfficerLinkOut, auth=django_auth)
def officer_link_review(request: HttpRequest, link_id: int, payload: LinkReviewIn) -> Any:
    """Confirm a name-matched link, or split the dataset's officer off to a new record."""
    _require_link_review(request)
    link = casework.officer_link_review_list(user=request.user, state="all").filter(pk=link_id)
    found = link.first()
    if found is None:
        raise HttpError(404, "No such matched link, or you may not see it.")
    try:
        if payload.decision == "split":
            services.officer_link_split(link=found, actor=request.user)
        else:
            services.officer_link_confirm(link=found, actor=request.user)
    except services.RecordError as exc:
        raise HttpError(409, str(exc)) from exc
    found.refresh_from_db()
    return found
