"""Writing to and verifying the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from upstander.audit.chain import GENESIS_HASH, event_hash
from upstander.audit.context import current_request_id, untraceable_writes
from upstander.audit.events import AuditEventType
from upstander.audit.models import AuditEvent

__all__ = ["ChainReport", "audit_emit", "audit_verify"]

# Serialises appends on PostgreSQL so two writers never chain onto the same previous event.
# SQLite needs nothing: its write transactions (IMMEDIATE) are already one at a time.
_ADVISORY_LOCK_KEY = 0x5570_7374


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "request_id": event.request_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "data": event.data,
        "before": event.before,
        "after": event.after,
    }


def audit_emit(
    event: AuditEventType,
    *,
    actor: Any = None,
    target: Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the log, chained to the last one, inside the caller's transaction."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    untraceable = untraceable_writes.get()
    occurred_at = timezone.now()
    if untraceable:
        occurred_at = occurred_at.replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEvent(
            occurred_at=occurred_at,
            actor=actor if authenticated else None,
            actor_label=actor.get_username() if authenticated else "system",
            request_id="" if untraceable else current_request_id.get(),
            action=event.name,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            object_repr=str(target)[:200] if target is not None else "",
            data=event.payload(),
            before=before,
            after=after,
            previous_hash=last or GENESIS_HASH,
        )
        # JSON round trip so the hash covers exactly what the database will hand back.
        entry.data = _json_roundtrip(entry.data)
        entry.before = _json_roundtrip(entry.before)
        entry.after = _json_roundtrip(entry.after)
        entry.hash = event_hash(entry.previous_hash, _hashed_fields(entry))
        entry.save(force_insert=True)
    return entry


def _json_roundtrip(value: Any) -> Any:
    import json

    return None if value is None else json.loads(json.dumps(value, default=str))


@dataclass(frozen=True)
class ChainReport:
    """Outcome of verifying the chain: how many events checked, and the first broken one."""

    checked: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def audit_verify(*, batch_size: int = 2000) -> ChainReport:
    """Recompute every link of the chain and report the first event that does not match."""
    previous = GENESIS_HASH
    checked = 0
    for entry in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.previous_hash != previous:
            return ChainReport(
                checked, entry.pk, "its previous-hash does not match the event before it"
            )
        expected = event_hash(entry.previous_hash, _hashed_fields(entry))
        if expected != entry.hash:
            return ChainReport(checked, entry.pk, "its contents do not match its hash")
        previous = entry.hash
        checked += 1
    return ChainReport(checked)
