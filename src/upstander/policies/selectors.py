"""Reads of the policy library, always through the access restriction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from upstander.accounts.restrict import restrict
from upstander.policies.models import Assessment, Finding, Policy, PolicySection, PolicyVersion
from upstander.policies.search import section_ids_matching, snippet
from upstander.records.models import Agency

__all__ = [
    "ProvisionStatus",
    "TimelineEntry",
    "agency_scorecard",
    "agency_timeline",
    "assessment_latest_get",
    "policy_get",
    "policy_list",
    "policy_version_get",
    "policy_version_in_force",
    "policy_version_list",
    "section_search",
]

STATUS_RANK = {"met": 2, "not_met": 1, "not_addressed": 0}


def policy_list(*, user: Any, agency: Agency | None = None) -> QuerySet[Policy]:
    """Policies the user may see, optionally of one agency."""
    policies = restrict(Policy.objects.select_related("agency"), user)
    if agency is not None:
        policies = policies.filter(agency=agency)
    return policies.order_by("agency__name", "number")


def policy_get(*, user: Any, policy_id: int) -> Policy | None:
    """One policy, or None when missing or not visible."""
    return policy_list(user=user).filter(pk=policy_id).first()


def policy_version_list(*, user: Any, policy: Policy | None = None) -> QuerySet[PolicyVersion]:
    """Policy versions the user may see, oldest first."""
    versions = restrict(PolicyVersion.objects.select_related("policy", "policy__agency"), user)
    if policy is not None:
        versions = versions.filter(policy=policy)
    return versions.order_by("policy", "effective_from", "id")


def policy_version_get(*, user: Any, version_id: int) -> PolicyVersion | None:
    """One version, or None when missing or not visible."""
    return policy_version_list(user=user).filter(pk=version_id).first()


def policy_version_in_force(*, user: Any, policy: Policy, on: date) -> PolicyVersion | None:
    """The version of ``policy`` in force on a date, if any."""
    return (
        policy_version_list(user=user, policy=policy)
        .filter(status=PolicyVersion.Status.READY, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def section_search(
    *, user: Any, query: str, agency: Agency | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Sections matching a full-text query, in versions the user may see, with citations."""
    hits = section_ids_matching(query, limit=limit * 4)
    if not hits:
        return []
    visible_versions = policy_version_list(user=user).filter(status=PolicyVersion.Status.READY)
    if agency is not None:
        visible_versions = visible_versions.filter(policy__agency=agency)
    sections = {
        s.pk: s
        for s in PolicySection.objects.filter(
            pk__in=[h.section_pk for h in hits], version__in=visible_versions
        ).select_related("version", "version__policy", "version__policy__agency")
    }
    results = []
    for hit in hits:
        section = sections.get(hit.section_pk)
        if section is None:
            continue
        results.append(
            {
                "section": section,
                "version": section.version,
                "policy": section.version.policy,
                "snippet": snippet(section.text or section.heading, query),
            }
        )
        if len(results) >= limit:
            break
    return results


def assessment_latest_get(*, user: Any, version: PolicyVersion) -> Assessment | None:
    """The newest assessment of a version that the user may see."""
    return (
        restrict(Assessment.objects.filter(version=version), user)
        .order_by("-created_at", "-id")
        .first()
    )


def _latest_assessment(version: PolicyVersion) -> Assessment | None:
    return (
        version.assessments.prefetch_related(Prefetch("findings", queryset=Finding.objects.all()))
        .order_by("-created_at", "-id")
        .first()
    )


@dataclass
class ProvisionStatus:
    """An agency's standing on one provision: the best finding among its versions in force."""

    provision: str
    status: str = "not_addressed"
    finding: Finding | None = None
    version: PolicyVersion | None = None
    considered: list[tuple[PolicyVersion, Finding]] = field(default_factory=list)


def _versions_in_force(versions: list[PolicyVersion], on: date | None) -> list[PolicyVersion]:
    by_policy: dict[int, PolicyVersion] = {}
    for version in versions:
        starts = version.effective_from
        if on is not None and starts is not None and starts > on:
            continue
        if on is not None and version.effective_to is not None and version.effective_to < on:
            continue
        current = by_policy.get(version.policy_id)
        if current is None or (starts or date.min) >= (current.effective_from or date.min):
            by_policy[version.policy_id] = version
    return list(by_policy.values())


def _standing(
    versions: list[PolicyVersion], assessments: dict[int, Assessment | None]
) -> dict[str, ProvisionStatus]:
    standing: dict[str, ProvisionStatus] = {}
    for version in versions:
        assessment = assessments.get(version.pk)
        if assessment is None:
            continue
        for finding in assessment.findings.all():
            entry = standing.setdefault(finding.provision, ProvisionStatus(finding.provision))
            entry.considered.append((version, finding))
            rank = STATUS_RANK.get(finding.final_status, 0)
            if entry.finding is None or rank > STATUS_RANK.get(entry.status, 0):
                entry.status = finding.final_status
                entry.finding = finding
                entry.version = version
    return standing


def _agency_versions(user: Any, agency: Agency) -> list[PolicyVersion]:
    return list(
        policy_version_list(user=user)
        .filter(policy__agency=agency, status=PolicyVersion.Status.READY)
        .order_by("effective_from", "id")
    )


def agency_scorecard(*, user: Any, agency: Agency, on: date | None = None) -> list[ProvisionStatus]:
    """Each provision's current status for an agency, from the versions in force."""
    from upstander.core.standards.registry import load_standards

    versions = _agency_versions(user, agency)
    in_force = _versions_in_force(versions, on or date.today())
    assessments = {v.pk: _latest_assessment(v) for v in in_force}
    standing = _standing(in_force, assessments)
    provisions: list[str] = []
    for standard in load_standards().values():
        for provision_id in standard.provision_ids():
            if provision_id not in provisions:
                provisions.append(provision_id)
    return [standing.get(p, ProvisionStatus(p)) for p in provisions]


@dataclass(frozen=True)
class TimelineEntry:
    """A change in an agency's standing on a provision, when a revision took effect."""

    provision: str
    effective: date | None
    old_status: str
    new_status: str
    version: PolicyVersion
    section: str | None


def agency_timeline(*, user: Any, agency: Agency) -> list[TimelineEntry]:
    """When each provision's status changed, walking the agency's revisions in date order."""
    versions = _agency_versions(user, agency)
    assessments = {v.pk: _latest_assessment(v) for v in versions}
    dates = sorted({v.effective_from for v in versions if v.effective_from is not None})
    entries: list[TimelineEntry] = []
    previous: dict[str, str] = {}
    for day in dates:
        standing = _standing(_versions_in_force(versions, day), assessments)
        for provision, entry in standing.items():
            old = previous.get(provision, "not_addressed")
            if entry.status != old and entry.version is not None:
                evidence = (entry.finding.evidence if entry.finding else []) or [{}]
                entries.append(
                    TimelineEntry(
                        provision=provision,
                        effective=day,
                        old_status=old,
                        new_status=entry.status,
                        version=entry.version,
                        section=evidence[0].get("section"),
                    )
                )
            previous[provision] = entry.status
        for provision in list(previous):
            if provision not in standing and previous[provision] != "not_addressed":
                previous[provision] = "not_addressed"
    return entries
