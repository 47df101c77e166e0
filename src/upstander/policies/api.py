"""Policy library endpoints under /api/v1/policies/."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.security import django_auth

from upstander.accounts.restrict import can, restrict
from upstander.core.documents.diff import diff_documents
from upstander.pagination import BoundedPagination
from upstander.policies import selectors, services
from upstander.policies.models import Assessment, Finding, PolicyVersion
from upstander.records.models import Agency

router = Router(tags=["policies"])


class PolicyOut(Schema):
    id: int
    agency: str
    agency_slug: str
    number: str
    title: str

    @staticmethod
    def resolve_agency(policy: Any) -> str:
        return str(policy.agency.name)

    @staticmethod
    def resolve_agency_slug(policy: Any) -> str:
        return str(policy.agency.slug)


class VersionOut(Schema):
    id: int
    policy_id: int
    label: str
    issued_on: date | None
    effective_from: date | None
    effective_to: date | None
    status: str
    progress: int
    pages: int | None
    format: str
    metadata: dict[str, Any]
    error_code: str
    error_message: str


class SectionOut(Schema):
    id: str
    heading: str
    page: int | None
    level: int
    text: str


class VersionDetailOut(VersionOut):
    sections: list[SectionOut]


class EvidenceOut(Schema):
    quote: str
    section: str | None = None
    page: int | None = None


class FindingOut(Schema):
    id: int
    provision: str
    status: str
    engine_status: str
    confidence: float
    reason: str
    evidence: list[EvidenceOut]
    review: str
    review_reason: str


class AssessmentOut(Schema):
    id: int
    version_id: int
    created_at: Any
    findings: list[FindingOut]


class SearchHitOut(Schema):
    agency: str
    policy: str
    version_id: int
    version: str
    section: str
    heading: str
    page: int | None
    snippet: str


class ScorecardEntryOut(Schema):
    provision: str
    status: str
    reason: str | None
    version_id: int | None
    evidence: list[EvidenceOut]


class TimelineEntryOut(Schema):
    provision: str
    effective: date | None
    old_status: str
    new_status: str
    version_id: int
    section: str | None


class ReviewIn(Schema):
    decision: str
    reason: str
    status: str | None = None


class Message(Schema):
    detail: str


def _version(request: HttpRequest, version_id: int) -> PolicyVersion:
    version = selectors.policy_version_get(user=request.user, version_id=version_id)
    if version is None:
        raise HttpError(404, "No such policy version, or you may not see it.")
    return version


def _finding_out(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.pk,
        "provision": finding.provision,
        "status": finding.final_status,
        "engine_status": finding.status,
        "confidence": finding.confidence,
        "reason": finding.reason,
        "evidence": finding.evidence,
        "review": finding.review,
        "review_reason": finding.review_reason,
    }


def _assessment_out(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "version_id": assessment.version_id,
        "created_at": assessment.created_at,
        "findings": [_finding_out(f) for f in assessment.findings.all()],
    }


@router.get("/", response=list[PolicyOut])
@paginate(BoundedPagination)
def policy_list(request: HttpRequest, agency: str | None = None) -> Any:
    """Policies visible to the caller, optionally of one agency (by slug)."""
    policies = selectors.policy_list(user=request.user)
    if agency:
        policies = policies.filter(agency__slug=agency)
    return policies


@router.get("/{int:policy_id}/versions", response=list[VersionOut])
def policy_versions(request: HttpRequest, policy_id: int) -> Any:
    """Versions of a policy, oldest first."""
    policy = selectors.policy_get(user=request.user, policy_id=policy_id)
    if policy is None:
        raise HttpError(404, "No such policy, or you may not see it.")
    return selectors.policy_version_list(user=request.user, policy=policy)


@router.get("/{int:policy_id}/in-force", response=VersionOut)
def policy_in_force(request: HttpRequest, policy_id: int, on: date) -> Any:
    """The version of a policy in force on a date (``on=YYYY-MM-DD``)."""
    policy = selectors.policy_get(user=request.user, policy_id=policy_id)
    if policy is None:
        raise HttpError(404, "No such policy, or you may not see it.")
    version = selectors.policy_version_in_force(user=request.user, policy=policy, on=on)
    if version is None:
        raise HttpError(404, f"No version of {policy} was in force on {on.isoformat()}.")
    return version


@router.get("/versions/{int:version_id}", response=VersionDetailOut)
def version_detail(request: HttpRequest, version_id: int) -> Any:
    """A version with its sections in document order."""
    version = _version(request, version_id)
    data = VersionOut.from_orm(version).dict()
    data["sections"] = [
        {"id": s.section_id, "heading": s.heading, "page": s.page, "level": s.level, "text": s.text}
        for s in version.sections.order_by("position")
    ]
    return data


@router.get("/versions/{int:old_id}/diff/{int:new_id}", response=dict[str, Any])
def version_diff(request: HttpRequest, old_id: int, new_id: int) -> Any:
    """Section-aware comparison of two versions with a word-level redline."""
    old = _version(request, old_id)
    new = _version(request, new_id)
    return diff_documents(services.document_from_version(old), services.document_from_version(new))


@router.get("/versions/{int:version_id}/assessment", response=AssessmentOut)
def version_assessment(request: HttpRequest, version_id: int) -> Any:
    """The latest assessment of a version against the reform standards."""
    version = _version(request, version_id)
    assessment = selectors.assessment_latest_get(user=request.user, version=version)
    if assessment is None:
        raise HttpError(404, "This version has no assessment you may see.")
    return _assessment_out(assessment)


@router.post("/versions/{int:version_id}/assess", response={201: AssessmentOut}, auth=django_auth)
def version_assess(request: HttpRequest, version_id: int) -> Any:
    """Assess a version again (after the engine or the standards changed)."""
    version = _version(request, version_id)
    if not can(request.user, "add", Assessment):
        raise HttpError(403, "You may not run assessments.")
    if version.status != PolicyVersion.Status.READY:
        raise HttpError(409, "This version has not been read yet.")
    assessment = services.assessment_create(version=version, actor=request.user)
    return Status(201, _assessment_out(assessment))


@router.post("/findings/{int:finding_id}/review", response=FindingOut, auth=django_auth)
def finding_review(request: HttpRequest, finding_id: int, payload: ReviewIn) -> Any:
    """Confirm or override a finding, with a reason (audited)."""
    finding = get_object_or_404(Finding.objects.select_related("assessment"), pk=finding_id)
    if not restrict(Assessment.objects.filter(pk=finding.assessment_id), request.user).exists():
        raise HttpError(404, "No such finding, or you may not see it.")
    if not can(request.user, "change", finding.assessment):
        raise HttpError(403, "You may not review findings.")
    try:
        services.finding_review(
            finding=finding,
            actor=request.user,
            decision=payload.decision,
            status=payload.status,
            reason=payload.reason,
        )
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return _finding_out(finding)


@router.post("/upload", response={202: VersionOut}, auth=django_auth)
def upload(
    request: HttpRequest,
    agency: Form[str],
    number: Form[str],
    label: Form[str],
    document: File[UploadedFile],
    title: Form[str] = "",
    published: Form[bool] = True,
) -> Any:
    """Upload a document; it is read in the background (poll the version's status)."""
    if not can(request.user, "add", PolicyVersion):
        raise HttpError(403, "You may not add policy versions.")
    agency_obj = Agency.objects.filter(slug=agency).first()
    if agency_obj is None:
        raise HttpError(422, f"No agency with the slug {agency!r}.")
    if not number.strip() or not label.strip():
        raise HttpError(422, "Both a policy number and a version label are needed.")
    policy = services.policy_get_or_create(
        agency=agency_obj, number=number.strip()[:80], title=title or number, actor=request.user
    )
    try:
        version = services.policy_version_upload(
            policy=policy,
            label=label.strip(),
            upload=document,
            actor=request.user,
            published=published,
        )
    except services.PolicyImportError as exc:
        raise HttpError(413 if exc.code == "too_large" else 409, exc.message) from exc
    return Status(202, version)


@router.get("/search", response=list[SearchHitOut])
def search(request: HttpRequest, q: str, agency: str | None = None, limit: int = 20) -> Any:
    """Full-text search at section level, citing section and page."""
    if not 1 <= limit <= 100:
        raise HttpError(422, "limit must be between 1 and 100.")
    agency_obj = Agency.objects.filter(slug=agency).first() if agency else None
    hits = selectors.section_search(
        user=request.user, query=q[:200], agency=agency_obj, limit=limit
    )
    return [
        {
            "agency": hit["policy"].agency.name,
            "policy": str(hit["policy"]),
            "version_id": hit["version"].pk,
            "version": hit["version"].label,
            "section": hit["section"].section_id,
            "heading": hit["section"].heading,
            "page": hit["section"].page,
            "snippet": hit["snippet"],
        }
        for hit in hits
    ]


@router.get("/agencies/{slug}/scorecard", response=list[ScorecardEntryOut])
def scorecard(request: HttpRequest, slug: str, on: date | None = None) -> Any:
    """Each provision's status for an agency from the versions in force (today, or ``on``)."""
    agency = get_object_or_404(Agency, slug=slug)
    return [
        {
            "provision": entry.provision,
            "status": entry.status,
            "reason": entry.finding.reason if entry.finding else None,
            "version_id": entry.version.pk if entry.version else None,
            "evidence": entry.finding.evidence if entry.finding else [],
        }
        for entry in selectors.agency_scorecard(user=request.user, agency=agency, on=on)
    ]


@router.get("/agencies/{slug}/timeline", response=list[TimelineEntryOut])
def timeline(request: HttpRequest, slug: str) -> Any:
    """When each provision's status changed, by effective date of the revisions."""
    agency = get_object_or_404(Agency, slug=slug)
    return [
        {
            "provision": e.provision,
            "effective": e.effective,
            "old_status": e.old_status,
            "new_status": e.new_status,
            "version_id": e.version.pk,
            "section": e.section,
        }
        for e in selectors.agency_timeline(user=request.user, agency=agency)
    ]
