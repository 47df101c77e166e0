"""Writes made through the Django admin go into the audit log too.

The admin records each of its writes as a ``LogEntry``; every one saved on its own (an add, a
change, a single delete, each row of a list edited in place) is copied into the audit log in
the same transaction. Deleting several records with the admin's "delete selected" action
writes its log entries in one bulk insert, which sends no signal, so that action is replaced
by one that logs each record it deletes.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.template.response import TemplateResponse

from upstander.audit.events import AdminRecordChangedEvent
from upstander.audit.services import audit_emit

__all__ = ["connect"]

ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}

# Set while the replacement bulk-delete action logs its records itself.
_bulk_delete: ContextVar[bool] = ContextVar("admin_bulk_delete", default=False)


def _changes(message: str) -> list[Any]:
    """The admin's structured change message (field labels, no values), or [] if it is
    plain text."""
    try:
        parsed = json.loads(message) if message else []
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _log_entry_saved(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created or _bulk_delete.get():
        return
    content_type_id = instance.content_type_id
    model = (
        ContentType.objects.get_for_id(content_type_id).model_class() if content_type_id else None
    )
    target = instance.get_edited_object() if model is not None else None
    audit_emit(
        AdminRecordChangedEvent(
            action=ACTIONS.get(instance.action_flag, str(instance.action_flag)),
            model=model._meta.label_lower if model is not None else "",
            changes=_changes(instance.change_message),
        ),
        actor=instance.user,
        target=target if isinstance(target, Model) else None,
    )


@admin.action(permissions=["delete"], description=delete_selected.short_description)  # type: ignore[attr-defined]
def audited_delete_selected(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Django's "delete selected" action, with an audit event for each record deleted."""
    if not request.POST.get("post"):  # the confirmation page: nothing is deleted yet
        return delete_selected(modeladmin, request, queryset)
    with transaction.atomic():
        doomed = list(queryset)
        token = _bulk_delete.set(True)
        try:
            response = delete_selected(modeladmin, request, queryset)
        finally:
            _bulk_delete.reset(token)
        if response is None:  # deleted (a refusal returns a page instead)
            for record in doomed:
                audit_emit(
                    AdminRecordChangedEvent(action="deleted", model=record._meta.label_lower),
                    actor=request.user,
                    target=record,
                )
        return response


def connect() -> None:
    """Hook the admin's writes into the audit log (called once, when the app is ready)."""
    post_save.connect(_log_entry_saved, sender=LogEntry, dispatch_uid="upstander-admin-audit")
    admin.site.disable_action("delete_selected")
    admin.site.add_action(audited_delete_selected, "delete_selected")
