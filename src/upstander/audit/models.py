"""The audit event table: append-only (database triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One entry of the audit log, chained to the previous one by a SHA-256 hash."""

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text="Who acted; empty for the system or an anonymous member of the public.",
    )
    actor_label = models.CharField(max_length=150, help_text="Username at the time, or 'system'.")
    request_id = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=100, db_index=True, help_text="Event name, kebab-case.")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, help_text="The event's own fields.")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_label}"
