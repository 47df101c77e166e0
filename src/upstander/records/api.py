"""Records endpoints under /api/v1/records/."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth

from upstander.accounts.restrict import can
from upstander.audit.services import audit_emit
from upstander.pagination import BoundedPagination
from upstander.records import selectors, services
from upstander.records.events import ConfidentialRecordViewedEvent
from upstander.records.models import (
    Agency,
    AllegationCategory,
    Complaint,
    Officer,
    Unit,
    UseOfForceReport,
)
from upstander.records.schemas import (
    ComplaintDetailOut,
    ComplaintFilter,
    ComplaintIn,
    ComplaintOut,
    ForceReportDetailOut,
    ForceReportFilter,
    ForceReportIn,
    ForceReportOut,
    ImportRunOut,
    LegalOutcomeOut,
    OfficerFilter,
    OfficerOut,
    OfficerProfileOut,
    ShootingFilter,
    ShootingOut,
)
from upstander.records.stats import stats_summary

router = Router(tags=["records"])

# What ForceReportOut shows of a report, read as plain rows: building model instances (a report,
# its agency and its unit for each row of a page) cost more than the rest of the request.
FORCE_REPORT_LIST_COLUMNS = (
    "id",
    "report_number",
    "occurred_at",
    "force_types",
    "force_level",
    "subject_injured",
    "camera_status",
)
FORCE_REPORT_LIST_RELATED = {"agency_name": F("agency__name"), "unit_name": F("unit__name")}


def _require_signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in first.")


def _show_confidential(request: HttpRequest, record: Any) -> None:
    """Mark whether the caller sees the confidential fields, logging it when they do."""
    record.confidential_visible = selectors.confidential_visible(user=request.user, record=record)
    if record.confidential_visible:
        audit_emit(
            ConfidentialRecordViewedEvent(record=record._meta.label_lower),
            actor=request.user,
            target=record,
        )


def _agency(slug: str) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise HttpError(422, f"No agency with the slug {slug!r}.")
    return agency


@router.get("/officers", response=list[OfficerOut])
@paginate(BoundedPagination)
def officer_list(request: HttpRequest, filters: Query[OfficerFilter]) -> Any:
    """Officers visible to the caller, by agency, unit or name."""
    _require_signed_in(request)
    return selectors.officer_list(user=request.user, **filters.dict())


@router.get("/officers/{int:officer_id}", response=OfficerOut)
def officer_detail(request: HttpRequest, officer_id: int) -> Any:
    """One officer, if visible to the caller."""
    _require_signed_in(request)
    officer = selectors.officer_get(user=request.user, officer_id=officer_id)
    if officer is None:
        raise HttpError(404, "No such officer, or you may not see it.")
    return officer


@router.get("/officers/{int:officer_id}/profile", response=OfficerProfileOut)
def officer_profile(request: HttpRequest, officer_id: int) -> Any:
    """An officer's history, force reports, allegations and outcomes visible to the caller."""
    _require_signed_in(request)
    # The profile shape has no shootings, so they are not read.
    profile = selectors.officer_profile_get(
        user=request.user, officer_id=officer_id, shootings=False
    )
    if profile is None:
        raise HttpError(404, "No such officer, or you may not see it.")
    officer = profile.officer
    return {
        "officer": officer,
        "hired_on": officer.hired_on,
        "separated_on": officer.separated_on,
        "names": profile.names,
        "assignments": profile.assignments,
        "source_links": profile.links,
        "force_reports_total": profile.force_total,
        "recent_force_reports": profile.force_roles,
        "allegations_total": profile.allegation_total,
        "findings": profile.findings,
        "recent_allegations": profile.allegations,
        "legal_outcomes": profile.legal_outcomes,
    }


@router.get("/force-reports", response=list[ForceReportOut])
@paginate(BoundedPagination)
def force_report_list(request: HttpRequest, filters: Query[ForceReportFilter]) -> Any:
    """Use-of-force reports visible to the caller, newest first, with filters."""
    _require_signed_in(request)
    if filters.since and filters.until and filters.since > filters.until:
        raise HttpError(422, "since must not be after until.")
    # Only the columns the list shows (narratives and injuries can be long), as plain rows.
    reports = selectors.force_report_list(user=request.user, **filters.dict())
    return reports.values(*FORCE_REPORT_LIST_COLUMNS, **FORCE_REPORT_LIST_RELATED)


@router.get("/force-reports/{int:report_id}", response=ForceReportDetailOut)
def force_report_detail(request: HttpRequest, report_id: int) -> Any:
    """One report with every officer present and the subjects."""
    _require_signed_in(request)
    report = selectors.force_report_get(user=request.user, report_id=report_id)
    if report is None:
        raise HttpError(404, "No such report, or you may not see it.")
    _show_confidential(request, report)
    return report


@router.post("/force-reports", response={201: ForceReportDetailOut}, auth=django_auth)
def force_report_create(request: HttpRequest, payload: ForceReportIn) -> Any:
    """Enter a use-of-force report."""
    agency = _agency(payload.agency)
    if not can(request.user, "add", UseOfForceReport):
        raise HttpError(403, "You may not enter use-of-force reports.")
    unit = Unit.objects.filter(pk=payload.unit_id or 0, agency=agency).first()
    if payload.unit_id and unit is None:
        raise HttpError(422, f"{agency} has no unit {payload.unit_id}.")
    if payload.camera_status not in UseOfForceReport.Camera.values:
        raise HttpError(422, f"camera_status must be one of {UseOfForceReport.Camera.values}.")
    ids = {item.officer_id for item in payload.officers}
    officers = {o.pk: o for o in selectors.officer_list(user=request.user).filter(pk__in=ids)}
    if ids - set(officers):
        raise HttpError(422, f"Unknown officers: {sorted(ids - set(officers))}.")
    details = payload.dict(
        exclude={"agency", "report_number", "occurred_at", "unit_id", "officers"}
    )
    try:
        with transaction.atomic():
            report = services.force_report_create(
                agency=agency,
                unit=unit,
                report_number=payload.report_number,
                occurred_at=payload.occurred_at,
                officers=[
                    services.InvolvedOfficerIn(officer=officers[i.officer_id], role=i.role)
                    for i in payload.officers
                ],
                actor=request.user,
                **details,
            )
            # A grant scoped to the user's unit covers only reports of that unit.
            if not can(request.user, "add", report):
                raise HttpError(403, "You may enter reports only for your own unit.")
    except services.RecordError as exc:
        raise HttpError(422, str(exc)) from exc
    created = selectors.force_report_get(user=request.user, report_id=report.pk) or report
    _show_confidential(request, created)
    return Status(201, created)


@router.get("/complaints", response=list[ComplaintOut])
@paginate(BoundedPagination)
def complaint_list(request: HttpRequest, filters: Query[ComplaintFilter]) -> Any:
    """Complaints visible to the caller, newest first, with filters."""
    _require_signed_in(request)
    return selectors.complaint_list(user=request.user, **filters.dict())


@router.get("/complaints/{int:complaint_id}", response=ComplaintDetailOut)
def complaint_detail(request: HttpRequest, complaint_id: int) -> Any:
    """One complaint with its allegations, findings and discipline."""
    _require_signed_in(request)
    complaint = selectors.complaint_get(user=request.user, complaint_id=complaint_id)
    if complaint is None:
        raise HttpError(404, "No such complaint, or you may not see it.")
    _show_confidential(request, complaint)
    return complaint


@router.post("/complaints", response={201: ComplaintDetailOut}, auth=django_auth)
def complaint_create(request: HttpRequest, payload: ComplaintIn) -> Any:
    """Take in a complaint with its allegations."""
    agency = _agency(payload.agency)
    if not can(request.user, "add", Complaint):
        raise HttpError(403, "You may not take in complaints.")
    categories = {c.slug: c for c in AllegationCategory.objects.all()}
    ids = {a.officer_id for a in payload.allegations if a.officer_id}
    officers = {o.pk: o for o in Officer.objects.filter(pk__in=ids, agency=agency)}
    allegations = []
    for item in payload.allegations:
        if item.category not in categories:
            raise HttpError(422, f"Unknown category {item.category!r}.")
        if item.officer_id and item.officer_id not in officers:
            raise HttpError(422, f"{agency} has no officer {item.officer_id}.")
        allegations.append(
            services.AllegationIn(
                category=categories[item.category],
                officer=officers.get(item.officer_id or 0),
                description=item.description,
            )
        )
    try:
        complaint = services.complaint_create(
            agency=agency,
            number=payload.number,
            source=payload.source,
            allegations=allegations,
            received_on=payload.received_on,
            occurred_on=payload.occurred_on,
            location=payload.location,
            summary=payload.summary,
            complainant_name=payload.complainant_name,
            complainant_contact=payload.complainant_contact,
            actor=request.user,
        )
    except services.RecordError as exc:
        raise HttpError(422, str(exc)) from exc
    created = selectors.complaint_get(user=request.user, complaint_id=complaint.pk) or complaint
    _show_confidential(request, created)
    return Status(201, created)


@router.get("/shootings", response=list[ShootingOut])
@paginate(BoundedPagination)
def shooting_list(request: HttpRequest, filters: Query[ShootingFilter]) -> Any:
    """Officer-involved shootings visible to the caller."""
    _require_signed_in(request)
    return selectors.shooting_list(user=request.user, **filters.dict()).prefetch_related(
        "other_agencies"
    )


@router.get("/legal-outcomes", response=list[LegalOutcomeOut])
@paginate(BoundedPagination)
def legal_outcome_list(request: HttpRequest, officer: int | None = None) -> Any:
    """Charges, convictions, suits and settlements visible to the caller."""
    _require_signed_in(request)
    return selectors.legal_outcome_list(user=request.user, officer=officer)


@router.get("/import-runs", response=list[ImportRunOut])
@paginate(BoundedPagination)
def import_run_list(request: HttpRequest) -> Any:
    """Import runs: where each got to and what it added or refused."""
    _require_signed_in(request)
    return selectors.import_run_list(user=request.user)


@router.get("/stats", response=dict[str, Any])
def stats(request: HttpRequest, agency: str | None = None) -> Any:
    """Counts per agency, year and category of the records visible to the caller."""
    _require_signed_in(request)
    return stats_summary(user=request.user, agency=agency)
