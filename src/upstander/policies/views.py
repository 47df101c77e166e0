"""Policy library pages: library, versions with outline, redline diffs, search, scorecards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from upstander.accounts.restrict import can
from upstander.core.documents.diff import diff_documents
from upstander.policies import selectors, services
from upstander.policies.forms import ReviewForm, UploadForm
from upstander.policies.models import Finding, PolicyVersion
from upstander.records.models import Agency


def _provision_titles() -> dict[str, str]:
    from upstander.core.standards.registry import load_standards

    titles: dict[str, str] = {}
    for standard in load_standards().values():
        for provision in standard.provisions:
            titles.setdefault(provision.id, provision.title)
    return titles


def library(request: HttpRequest) -> HttpResponse:
    """Agencies and their policies."""
    policies = list(selectors.policy_list(user=request.user))
    agencies: dict[Agency, list[Any]] = {}
    for policy in policies:
        agencies.setdefault(policy.agency, []).append(policy)
    return render(request, "policies/library.html", {"agencies": agencies})


def agency_library(request: HttpRequest, slug: str) -> HttpResponse:
    """One agency's policies with their versions, and the upload form for staff who may add."""
    agency = get_object_or_404(Agency, slug=slug)
    policies = selectors.policy_list(user=request.user, agency=agency)
    versions = selectors.policy_version_list(user=request.user).filter(policy__agency=agency)
    by_policy: dict[int, list[PolicyVersion]] = {}
    for version in versions:
        by_policy.setdefault(version.policy_id, []).append(version)
    rows = []
    for policy in policies:
        versions_of_policy = by_policy.get(policy.pk, [])
        previous = [None, *versions_of_policy[:-1]]
        rows.append((policy, list(zip(versions_of_policy, previous, strict=True))))
    may_upload = can(request.user, "add", PolicyVersion)
    form = UploadForm() if may_upload else None
    return render(
        request,
        "policies/agency.html",
        {"agency": agency, "rows": rows, "form": form},
    )


@login_required
@require_POST
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Accept a document and queue it to be read; the version page shows progress."""
    agency = get_object_or_404(Agency, slug=slug)
    if not can(request.user, "add", PolicyVersion):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request,
            "The upload was not accepted: "
            + "; ".join(
                f"{field}: {' '.join(str(e) for e in errors)}"
                for field, errors in form.errors.items()
            ),
        )
        return redirect("policies:agency", slug=agency.slug)
    data = form.cleaned_data
    policy = services.policy_get_or_create(
        agency=agency,
        number=data["number"],
        title=data["title"] or data["number"],
        actor=request.user,
    )
    try:
        version = services.policy_version_upload(
            policy=policy,
            label=data["label"],
            upload=data["document"],
            actor=request.user,
            published=data["published"],
        )
    except services.PolicyImportError as exc:
        messages.error(request, exc.message)
        return redirect("policies:agency", slug=agency.slug)
    return redirect("policies:version", version_id=version.pk)


def _version_or_404(request: HttpRequest, version_id: int) -> PolicyVersion:
    version = selectors.policy_version_get(user=request.user, version_id=version_id)
    if version is None:
        raise Http404
    return version


def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version: metadata, outline, text of each section, and its latest assessment."""
    version = _version_or_404(request, version_id)
    siblings = list(selectors.policy_version_list(user=request.user, policy=version.policy))
    index = next((i for i, v in enumerate(siblings) if v.pk == version.pk), 0)
    previous = siblings[index - 1] if index > 0 else None
    assessment = selectors.assessment_latest_get(user=request.user, version=version)
    titles = _provision_titles()
    findings = [
        (finding, titles.get(finding.provision, finding.provision))
        for finding in (assessment.findings.all() if assessment else [])
    ]
    may_review = assessment is not None and can(request.user, "change", assessment)
    return render(
        request,
        "policies/version.html",
        {
            "version": version,
            "sections": version.sections.order_by("position"),
            "siblings": siblings,
            "previous": previous,
            "assessment": assessment,
            "findings": findings,
            "review_form": ReviewForm() if may_review else None,
        },
    )


def version_status(request: HttpRequest, version_id: int) -> JsonResponse:
    """Progress of reading an uploaded version, for the page's progress bar."""
    version = _version_or_404(request, version_id)
    return JsonResponse(
        {
            "status": version.status,
            "progress": version.progress,
            "error": (
                {"code": version.error_code, "message": version.error_message}
                if version.status == PolicyVersion.Status.FAILED
                else None
            ),
        }
    )


def version_diff(request: HttpRequest, old_id: int, new_id: int) -> HttpResponse:
    """Redline of two versions, section by section."""
    old = _version_or_404(request, old_id)
    new = _version_or_404(request, new_id)
    result = diff_documents(
        services.document_from_version(old), services.document_from_version(new)
    )
    added = new.sections.filter(section_id__in=result["added"]).order_by("position")
    removed = old.sections.filter(section_id__in=result["removed"]).order_by("position")
    return render(
        request,
        "policies/diff.html",
        {"old": old, "new": new, "diff": result, "added": added, "removed": removed},
    )


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search over sections, citing section and page."""
    query = request.GET.get("q", "").strip()[:200]
    agency_slug = request.GET.get("agency", "")
    agency = Agency.objects.filter(slug=agency_slug).first() if agency_slug else None
    results = (
        selectors.section_search(user=request.user, query=query, agency=agency) if query else []
    )
    return render(
        request,
        "policies/search.html",
        {"query": query, "results": results, "agencies": Agency.objects.all(), "agency": agency},
    )


def scorecards(request: HttpRequest) -> HttpResponse:
    """Every agency's current standing, one row per agency."""
    titles = _provision_titles()
    rows = []
    for agency in Agency.objects.all():
        standing = selectors.agency_scorecard(user=request.user, agency=agency)
        if not any(entry.finding for entry in standing):
            continue
        rows.append(
            (agency, [(entry, titles.get(entry.provision, entry.provision)) for entry in standing])
        )
    return render(request, "policies/scorecards.html", {"rows": rows})


def scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    """One agency's scorecard with evidence, and the timeline of each provision."""
    agency = get_object_or_404(Agency, slug=slug)
    titles = _provision_titles()
    standing = selectors.agency_scorecard(user=request.user, agency=agency)
    timeline = selectors.agency_timeline(user=request.user, agency=agency)
    return render(
        request,
        "policies/scorecard.html",
        {
            "agency": agency,
            "standing": [
                (entry, titles.get(entry.provision, entry.provision)) for entry in standing
            ],
            "timeline": [
                (entry, titles.get(entry.provision, entry.provision)) for entry in timeline
            ],
            "met": sum(1 for entry in standing if entry.status == "met"),
        },
    )


@login_required
@require_POST
def finding_review(request: HttpRequest, finding_id: int) -> HttpResponse:
    """Confirm or override a finding, with a reason (audited)."""
    finding = get_object_or_404(Finding.objects.select_related("assessment"), pk=finding_id)
    if not can(request.user, "change", finding.assessment):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.finding_review(
                finding=finding,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                status=form.cleaned_data["status"] or None,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, f"Review of {finding.provision} saved.")
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "The review needs a decision and a reason.")
    return redirect(f"/policies/versions/{finding.assessment.version_id}/#finding-{finding.pk}")
