from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from upstander.audit.events import UserLoggedInEvent
from upstander.audit.models import AuditEvent
from upstander.audit.services import audit_emit, audit_verify

pytestmark = pytest.mark.django_db


def _emit(n: int) -> list[AuditEvent]:
    return [audit_emit(UserLoggedInEvent(username=f"user{i}")) for i in range(n)]


def test_events_are_chained_and_verify():
    events = _emit(3)
    assert events[1].previous_hash == events[0].hash
    assert events[2].previous_hash == events[1].hash
    report = audit_verify()
    assert report.ok
    assert report.checked >= 3


def test_event_records_action_and_payload():
    event = audit_emit(UserLoggedInEvent(username="casey"))
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "user-logged-in"
    assert stored.data == {"username": "casey"}
    assert stored.actor_label == "system"


def test_update_is_refused_by_the_database():
    event = _emit(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="something-else")


def test_delete_is_refused_by_the_database():
    event = _emit(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def _without_triggers(sql: str, params: list[object]) -> None:
    """Tamper with a row the way someone with raw database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(sql, params)


def test_tampered_row_is_detected():
    events = _emit(4)
    _without_triggers(
        "UPDATE audit_auditevent SET data = %s WHERE id = %s",
        ['{"username": "someone-else"}', events[2].pk],
    )
    report = audit_verify()
    assert not report.ok
    assert report.broken_id == events[2].pk
    assert "contents" in report.problem


def test_deleted_row_is_detected():
    events = _emit(4)
    _without_triggers("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = audit_verify()
    assert report.broken_id == events[2].pk
    assert "previous" in report.problem


def test_untraceable_events_keep_only_the_day_and_no_request_id():
    from upstander.audit.context import current_request_id, untraceable_writes

    token = current_request_id.set("req-12345678")
    flag = untraceable_writes.set(True)
    try:
        event = audit_emit(UserLoggedInEvent(username="anyone"))
    finally:
        untraceable_writes.reset(flag)
        current_request_id.reset(token)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.request_id == ""
    assert (stored.occurred_at.hour, stored.occurred_at.minute, stored.occurred_at.second) == (
        0,
        0,
        0,
    )
    assert audit_verify().ok
