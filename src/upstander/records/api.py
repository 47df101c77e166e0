"""Records endpoints under /api/v1/records/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from upstander.pagination import BoundedPagination
from upstander.records import selectors

router = Router(tags=["records"])


class OfficerOut(Schema):
    id: int
    first_name: str
    last_name: str
    badge_number: str
    rank: str
    agency: str
    unit: str | None

    @staticmethod
    def resolve_agency(officer: Any) -> str:
        return str(officer.agency.name)

    @staticmethod
    def resolve_unit(officer: Any) -> str | None:
        return officer.unit.name if officer.unit else None


class ForceReportOut(Schema):
    id: int
    report_number: str
    occurred_at: datetime
    agency: str
    unit: str | None
    force_types: list[str]
    subject_injured: bool

    @staticmethod
    def resolve_agency(report: Any) -> str:
        return str(report.agency.name)

    @staticmethod
    def resolve_unit(report: Any) -> str | None:
        return report.unit.name if report.unit else None


def _require_signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in first.")


@router.get("/officers", response=list[OfficerOut])
@paginate(BoundedPagination)
def officer_list(request: HttpRequest) -> Any:
    """Officers visible to the caller."""
    _require_signed_in(request)
    return selectors.officer_list(user=request.user)


@router.get("/officers/{officer_id}", response=OfficerOut)
def officer_detail(request: HttpRequest, officer_id: int) -> Any:
    """One officer, if visible to the caller."""
    _require_signed_in(request)
    officer = selectors.officer_get(user=request.user, officer_id=officer_id)
    if officer is None:
        raise HttpError(404, "No such officer, or you may not see it.")
    return officer


@router.get("/force-reports", response=list[ForceReportOut])
@paginate(BoundedPagination)
def force_report_list(request: HttpRequest) -> Any:
    """Use-of-force reports visible to the caller, newest first."""
    _require_signed_in(request)
    return selectors.force_report_list(user=request.user)
