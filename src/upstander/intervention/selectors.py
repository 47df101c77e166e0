"""Reads of the duty-to-intervene app, always through the access restriction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from upstander.accounts.restrict import restrict, roles_of
from upstander.accounts.roles import Role
from upstander.intervention import crypto
from upstander.intervention.models import (
    AdversePersonnelEvent,
    Allegation,
    Case,
    FailureToInterveneReview,
    InterventionRecord,
    ProtectedPerson,
    Report,
    ReporterIdentity,
    RetaliationFlag,
)
from upstander.records.models import ForceReportOfficer, Officer

__all__ = [
    "adverse_event_list",
    "case_get",
    "case_list",
    "fti_review_list",
    "intervention_list",
    "intervention_officer_choices",
    "protected_person_list",
    "report_list",
    "retaliation_flag_list",
    "silent_witnesses",
]

WITNESS_ROLES = (ForceReportOfficer.Role.WITNESSED, ForceReportOfficer.Role.SUPERVISED)


def intervention_list(*, user: Any) -> QuerySet[InterventionRecord]:
    """Intervention records the user may see, newest first."""
    return restrict(
        InterventionRecord.objects.select_related("officer", "incident"), user
    ).order_by("-occurred_at", "-id")


def intervention_officer_choices(*, user: Any) -> QuerySet[Officer]:
    """Officers the user may record an intervention for: themselves, or (for supervisors and
    above) the officers they may see."""
    if roles_of(user) & {Role.SUPERVISOR, Role.ADMINISTRATOR} or getattr(
        user, "is_superuser", False
    ):
        return restrict(Officer.objects.all(), user)
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    officer_id = getattr(profile, "officer_id", None)
    return Officer.objects.filter(pk=officer_id) if officer_id else Officer.objects.none()


def case_list(*, user: Any, overdue: bool = False) -> QuerySet[Case]:
    """Cases the user may see, soonest due first; ``overdue`` keeps only those past due."""
    cases = restrict(Case.objects.select_related("assigned_to", "report"), user)
    if overdue:
        cases = cases.exclude(state=Case.State.CLOSED).filter(due_on__lt=timezone.localdate())
    return cases.order_by("due_on", "id")


def case_get(*, user: Any, case_id: int) -> Case | None:
    """One case, or None when missing or not visible to the user."""
    return case_list(user=user).filter(pk=case_id).first()


def report_list(*, user: Any) -> QuerySet[Report]:
    """Reports the user may see (never with the reporter's identity)."""
    return restrict(Report.objects.all(), user)


def fti_review_list(*, user: Any, open_only: bool = False) -> QuerySet[FailureToInterveneReview]:
    """Failure-to-intervene reviews the user may see."""
    reviews = restrict(
        FailureToInterveneReview.objects.select_related(
            "officer", "allegation__case", "allegation__officer", "allegation__case__incident"
        ),
        user,
    )
    if open_only:
        reviews = reviews.filter(decision=FailureToInterveneReview.Decision.OPEN)
    return reviews.order_by("decision", "id")


def protected_person_list(*, user: Any, active: bool = True) -> QuerySet[ProtectedPerson]:
    """Protections the user may see; ``active`` keeps those whose window has not ended."""
    protections = restrict(ProtectedPerson.objects.select_related("officer"), user)
    if active:
        protections = protections.filter(ends_on__gte=timezone.localdate())
    return protections.order_by("-starts_on", "id")


def adverse_event_list(*, user: Any) -> QuerySet[AdversePersonnelEvent]:
    """Adverse personnel events the user may see."""
    return restrict(AdversePersonnelEvent.objects.select_related("officer"), user).order_by(
        "-occurred_on", "-id"
    )


def retaliation_flag_list(*, user: Any, status: str | None = None) -> QuerySet[RetaliationFlag]:
    """Retaliation flags the user may see, optionally of one status."""
    flags = restrict(RetaliationFlag.objects.select_related("event__officer", "protection"), user)
    if status:
        flags = flags.filter(status=status)
    return flags.order_by("-raised_on", "-id")


def _reporting_officer_ids(incident_id: int) -> set[int]:
    """Officers who filed a confidential report linked to the incident's case (decrypted here
    for the computation only, never returned)."""
    ids: set[int] = set()
    identities = ReporterIdentity.objects.filter(report__case__incident_id=incident_id)
    for record in identities:
        officer_id = crypto.identity_decrypt(record.ciphertext).get("officer_id")
        if officer_id:
            ids.add(int(officer_id))
    return ids


def silent_witnesses(*, allegation: Allegation) -> list[tuple[Officer, str]]:
    """Officers present at the allegation's incident in a witness role who neither intervened
    (force-report role or intervention record) nor reported it, with their role."""
    incident_id = allegation.case.incident_id
    if incident_id is None:
        return []
    present = ForceReportOfficer.objects.filter(report_id=incident_id).select_related("officer")
    intervened = {
        row.officer_id for row in present if row.role == ForceReportOfficer.Role.INTERVENED
    }
    intervened |= set(
        InterventionRecord.objects.filter(incident_id=incident_id).values_list(
            "officer_id", flat=True
        )
    )
    reported = _reporting_officer_ids(incident_id)
    silent: dict[int, tuple[Officer, str]] = {}
    for row in present.order_by("officer__last_name", "officer_id"):
        if row.role not in WITNESS_ROLES or row.officer_id == allegation.officer_id:
            continue
        if row.officer_id in intervened or row.officer_id in reported:
            continue
        silent.setdefault(row.officer_id, (row.officer, row.role))
    return list(silent.values())
