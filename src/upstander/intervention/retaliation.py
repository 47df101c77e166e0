"""Retaliation monitoring: protected people, adverse personnel events and the flags they raise.

Flags go to the oversight role only, never through the protected person's chain of command.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from upstander.accounts.restrict import can, restrict
from upstander.accounts.roles import Role
from upstander.audit.services import audit_emit
from upstander.intervention.conf import retaliation_window_months
from upstander.intervention.errors import InterventionError
from upstander.intervention.events import (
    AdverseEventRecordedEvent,
    ProtectionStartedEvent,
    RetaliationFlagRaisedEvent,
    RetaliationFlagResolvedEvent,
)
from upstander.intervention.models import (
    AdversePersonnelEvent,
    Case,
    InterventionRecord,
    ProtectedPerson,
    RetaliationFlag,
)
from upstander.intervention.notifications import notify_role
from upstander.records.models import Officer

__all__ = [
    "add_months",
    "adverse_event_record",
    "colleague_complaints_record",
    "protection_start",
    "retaliation_flag_resolve",
    "retaliation_scan",
]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def protection_start(
    *,
    officer: Officer,
    basis: str,
    starts_on: date,
    intervention: InterventionRecord | None = None,
    case: Case | None = None,
    actor: Any = None,
) -> ProtectedPerson:
    """Protect an officer for the retaliation window from a protected activity, and flag any
    adverse event already recorded inside it."""
    protection = ProtectedPerson.objects.create(
        officer=officer,
        basis=basis,
        starts_on=starts_on,
        ends_on=add_months(starts_on, retaliation_window_months()),
        intervention=intervention,
        case=case,
    )
    audit_emit(
        ProtectionStartedEvent(basis=basis, ends_on=protection.ends_on.isoformat()),
        actor=actor,
        target=protection,
    )
    for event in AdversePersonnelEvent.objects.filter(
        officer=officer, occurred_on__gte=protection.starts_on, occurred_on__lte=protection.ends_on
    ):
        _flag(event=event, protection=protection, actor=actor)
    return protection


def _flag(
    *, event: AdversePersonnelEvent, protection: ProtectedPerson, actor: Any
) -> RetaliationFlag | None:
    if RetaliationFlag.objects.filter(event=event, protection=protection).exists():
        return None
    days = (event.occurred_on - protection.starts_on).days
    reason = (
        f"{event.get_kind_display()} on {event.occurred_on:%Y-%m-%d}, {days} days after a "
        f"protected activity ({protection.get_basis_display().lower()}) on "
        f"{protection.starts_on:%Y-%m-%d}; protected until {protection.ends_on:%Y-%m-%d}."
    )
    flag = RetaliationFlag.objects.create(
        event=event, protection=protection, reason=reason, raised_on=timezone.localdate()
    )
    audit_emit(RetaliationFlagRaisedEvent(kind=event.kind), actor=actor, target=flag)
    notify_role(
        Role.OVERSIGHT,
        subject="Possible retaliation to review",
        body=f"Retaliation flag #{flag.pk} needs review. Open the retaliation dashboard.",
    )
    return flag


@transaction.atomic
def adverse_event_record(
    *,
    actor: Any,
    officer: Officer,
    kind: str,
    occurred_on: date,
    description: str = "",
    decided_by: str = "",
) -> tuple[AdversePersonnelEvent, list[RetaliationFlag]]:
    """Record an adverse personnel event; returns it with any retaliation flags it raised."""
    if not can(actor, "add", AdversePersonnelEvent):
        raise PermissionDenied
    if not restrict(Officer.objects.filter(pk=officer.pk), actor).exists():
        raise PermissionDenied
    event = AdversePersonnelEvent.objects.create(
        officer=officer,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        decided_by=decided_by,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_emit(
        AdverseEventRecordedEvent(kind=kind, occurred_on=occurred_on.isoformat()),
        actor=actor,
        target=event,
    )
    return event, _flags_for(event=event, actor=actor)


def _flags_for(*, event: AdversePersonnelEvent, actor: Any) -> list[RetaliationFlag]:
    protections = ProtectedPerson.objects.filter(
        officer=event.officer, starts_on__lte=event.occurred_on, ends_on__gte=event.occurred_on
    )
    flags = [_flag(event=event, protection=p, actor=actor) for p in protections]
    return [flag for flag in flags if flag is not None]


def colleague_complaints_record(*, actor: Any = None) -> list[AdversePersonnelEvent]:
    """Record, as adverse events, internal complaints in the records core filed against an
    officer while protected (a colleague's complaint can be retaliation); returns new events."""
    try:
        allegation_model = apps.get_model("records", "Allegation")
    except LookupError:
        return []
    rows = (
        allegation_model.objects.filter(
            complaint__source="internal",
            officer__protections__starts_on__lte=F("complaint__received_on"),
            officer__protections__ends_on__gte=F("complaint__received_on"),
        )
        .exclude(complaint__received_on=None)
        .values_list("officer_id", "complaint_id", "complaint__number", "complaint__received_on")
        .distinct()
    )
    created: list[AdversePersonnelEvent] = []
    for officer_id, complaint_id, number, received_on in rows:
        if AdversePersonnelEvent.objects.filter(
            officer_id=officer_id, complaint_id=complaint_id
        ).exists():
            continue
        event = AdversePersonnelEvent.objects.create(
            officer_id=officer_id,
            kind=AdversePersonnelEvent.Kind.COLLEAGUE_COMPLAINT,
            occurred_on=received_on,
            description=f"Internal complaint {number} names this officer.",
            complaint_id=complaint_id,
        )
        audit_emit(
            AdverseEventRecordedEvent(kind=event.kind, occurred_on=received_on.isoformat()),
            actor=actor,
            target=event,
        )
        created.append(event)
    return created


@transaction.atomic
def retaliation_scan(*, actor: Any = None) -> list[RetaliationFlag]:
    """Take in colleagues' internal complaints against protected people, then check every
    adverse event against every protection; returns the flags newly raised."""
    colleague_complaints_record(actor=actor)
    raised: list[RetaliationFlag] = []
    for event in AdversePersonnelEvent.objects.select_related("officer").order_by("pk"):
        raised.extend(_flags_for(event=event, actor=actor))
    return raised


@transaction.atomic
def retaliation_flag_resolve(
    *, actor: Any, flag: RetaliationFlag, status: str, note: str
) -> RetaliationFlag:
    """Resolve a retaliation flag with a resolution and a note (oversight only)."""
    if not can(actor, "change", flag):
        raise PermissionDenied
    if status == RetaliationFlag.Status.OPEN:
        raise InterventionError("Choose how the flag was resolved.")
    if not note.strip():
        raise InterventionError("Explain the resolution in a note.")
    before = {"status": flag.status}
    flag.status = status
    flag.resolution_note = note.strip()
    flag.resolved_on = timezone.localdate()
    flag.save(update_fields=["status", "resolution_note", "resolved_on"])
    audit_emit(
        RetaliationFlagResolvedEvent(status=status, note=flag.resolution_note),
        actor=actor,
        target=flag,
        before=before,
        after={"status": status},
    )
    return flag
