"""Writes through the back-office admin land in the audit log, without field values."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent
from upstander.audit.services import audit_verify
from upstander.records.models import Agency


@pytest.fixture
def admin_client(make_user: Any) -> tuple[Client, Any]:
    user = make_user(Role.ADMINISTRATOR)
    user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client, user


def _admin_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="admin-record-changed").order_by("id"))


def test_add_change_and_delete_in_the_admin_are_audited(admin_client, db):
    client, user = admin_client
    added = client.post(
        "/admin/records/agency/add/",
        {"name": "Cedar Police Department", "slug": "cedar-pd", "state": "MO", "kind": "municipal"},
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    agency = Agency.objects.get(slug="cedar-pd")
    changed = client.post(
        f"/admin/records/agency/{agency.pk}/change/",
        {"name": "Cedar City Police", "slug": "cedar-pd", "state": "MO", "kind": "municipal"},
    )
    assert changed.status_code == 302
    deleted = client.post(f"/admin/records/agency/{agency.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    events = _admin_events()
    assert [event.data["action"] for event in events] == ["added", "changed", "deleted"]
    assert {event.actor_id for event in events} == {user.pk}
    assert {event.object_id for event in events} == {str(agency.pk)}
    assert {event.data["model"] for event in events} == {"records.agency"}
    # The change names the field, never its old or new value.
    assert "Name" in str(events[1].data["changes"])
    assert "Cedar City Police" not in str(events[1].data)
    assert audit_verify().ok


def test_deleting_several_at_once_logs_each_record(admin_client, db):
    client, _ = admin_client
    doomed = [
        Agency.objects.create(name=f"Town {n} Police", slug=f"town-{n}", state="KS")
        for n in range(3)
    ]
    confirm = client.post(
        "/admin/records/agency/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in doomed]},
    )
    assert confirm.status_code == 200  # the confirmation page: nothing deleted, nothing logged
    assert _admin_events() == []
    done = client.post(
        "/admin/records/agency/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in doomed], "post": "yes"},
    )
    assert done.status_code == 302
    assert not Agency.objects.filter(pk__in=[a.pk for a in doomed]).exists()
    events = _admin_events()
    assert sorted(event.object_id for event in events) == sorted(str(a.pk) for a in doomed)
    assert {event.data["action"] for event in events} == {"deleted"}


def test_deleting_one_with_the_action_logs_it_once(admin_client, db):
    client, _ = admin_client
    lone = Agency.objects.create(name="Lone Police", slug="lone", state="KS")
    client.post(
        "/admin/records/agency/",
        {"action": "delete_selected", "_selected_action": [lone.pk], "post": "yes"},
    )
    assert [event.object_id for event in _admin_events()] == [str(lone.pk)]


def test_changing_a_role_group_in_the_admin_is_audited(admin_client, db):
    # Roles are groups: granting a permission to one in Django's own group admin is logged.
    from django.contrib.auth.models import Group, Permission

    client, user = admin_client
    group = Group.objects.create(name="Records clerks")
    permission = Permission.objects.get(codename="change_agency")
    response = client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": "Records clerks", "permissions": [permission.pk]},
    )
    assert response.status_code == 302
    (event,) = _admin_events()
    assert event.data["action"] == "changed"
    assert event.data["model"] == "auth.group"
    assert event.data["changes"] == [{"changed": {"fields": ["Permissions"]}}]
    assert event.object_id == str(group.pk)
    assert event.actor_id == user.pk
