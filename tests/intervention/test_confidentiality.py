"""A confidential reporter's name and e-mail appear nowhere but the audited reveal: not in logs
(at DEBUG), exports, error pages, notifications, the audit log or any API response."""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent
from upstander.audit.services import audit_verify
from upstander.cli.main import app as cli_app
from upstander.intervention.models import Case, Report

from .conftest import REPORTER_EMAIL, REPORTER_NAME

pytestmark = pytest.mark.django_db
SECRETS = (REPORTER_NAME, REPORTER_EMAIL, REPORTER_NAME.split()[-1])


def _assert_clean(where: str, text: str | bytes) -> None:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {where}"


def _file_confidential(client: Client) -> Any:
    return client.post(
        reverse("intervention:report_confidential"),
        {
            "source": "member",
            "summary": "Sergeant struck a handcuffed man",
            "description": "Behind the station, around midnight.",
            "reporter_name": REPORTER_NAME,
            "reporter_email": REPORTER_EMAIL,
            "link_officer": "on",
        },
    )


def test_identity_never_leaks(
    scene, officer_user, client_for, caplog, django_capture_on_commit_callbacks, settings
):
    caplog.set_level(logging.DEBUG)
    settings.DEBUG = False
    investigator = client_for(Role.INVESTIGATOR)
    oversight = client_for(Role.OVERSIGHT)
    admin = client_for(Role.ADMINISTRATOR)
    for client in (investigator, oversight):
        client.user.email = f"{client.user.username}@example.org"
        client.user.save()
    reporter = Client()
    reporter.force_login(officer_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _file_confidential(reporter)
    assert response.status_code == 200
    _assert_clean("the receipt page", response.content)
    report = Report.objects.get()
    case = Case.objects.get()
    # Work the case and raise a retaliation flag for the reporter through the web and API.
    investigator.post(
        reverse("intervention:case_link", args=[case.pk]), {"incident": scene.incident.pk}
    )
    investigator.post(
        reverse("intervention:allegation_add", args=[case.pk]),
        {"officer": scene.force_user.pk, "kind": "excessive_force"},
    )
    for state in ("triage", "assigned", "investigation", "findings"):
        data: dict[str, Any] = {"to_state": state}
        if state == "assigned":
            data["assignee"] = investigator.user.pk
        investigator.post(reverse("intervention:case_transition", args=[case.pk]), data)
    allegation = case.allegations.get()
    investigator.post(
        reverse("intervention:allegation_finding", args=[case.pk, allegation.pk]),
        {"finding": "sustained"},
    )
    investigator.post(reverse("intervention:case_message", args=[case.pk]), {"body": "Which door?"})
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            reverse("intervention:adverse_events"),
            {"officer": scene.reporter.pk, "kind": "transfer", "occurred_on": date.today()},
        )
    assert len(mail.outbox) == 2, "investigators and oversight were notified"
    for message in mail.outbox:
        _assert_clean("a notification", message.subject + message.body)

    # Every page and API response, for every role, including the error pages.
    urls = [
        reverse("intervention:interventions"),
        reverse("intervention:cases"),
        reverse("intervention:case_detail", args=[case.pk]),
        reverse("intervention:fti_reviews"),
        reverse("intervention:adverse_events"),
        reverse("intervention:retaliation"),
        "/audit/",
        "/api/v1/intervention/interventions",
        "/api/v1/intervention/cases",
        f"/api/v1/intervention/cases/{case.pk}",
        "/api/v1/intervention/reviews",
        "/api/v1/intervention/retaliation-flags",
        "/api/v1/intervention/cases/999999",
        reverse("intervention:case_detail", args=[999999]),
    ]
    clients = [Client(), reporter, investigator, oversight, admin]
    clients += [client_for(role, unit=scene.north) for role in (Role.OFFICER, Role.SUPERVISOR)]
    for client in clients:
        for url in urls:
            _assert_clean(url, client.get(url).content)
    # The reveal API refuses everyone but the investigator, without the identity.
    for client in (oversight, admin, reporter):
        response = client.post(
            f"/api/v1/intervention/cases/{case.pk}/reveal",
            json.dumps({"reason": "I would like to know"}),
            content_type="application/json",
        )
        assert response.status_code in {403, 404}
        _assert_clean("a refused reveal", response.content)
    # The reporter follows up by receipt: their own name is not echoed back either.
    follow = Client().post(reverse("intervention:follow_up"), {"receipt_code": "WRONG"})
    _assert_clean("follow-up", follow.content)

    # Exports: the CLI's JSON output and the audit log's stored events.
    runner = CliRunner()
    for args in (["intervention", "overdue", "--json"], ["retaliation", "scan", "--json"]):
        result = runner.invoke(cli_app, args)
        assert result.exit_code == 0, result.output
        _assert_clean(" ".join(args), result.output)
    for event in AuditEvent.objects.all():
        _assert_clean(f"audit event {event.action}", json.dumps(event.data) + event.object_repr)
        _assert_clean("audit before/after", json.dumps([event.before, event.after]))
        if event.action in {"report-submitted", "case-opened"} and event.actor_id is None:
            assert event.request_id == ""
    stored = json.dumps(list(Report.objects.values()), default=str)
    _assert_clean("the report row", stored)

    # Only the investigator's audited reveal shows the identity.
    revealed = investigator.post(
        reverse("intervention:case_reveal", args=[case.pk]), {"reason": "Need a statement"}
    )
    assert REPORTER_NAME in revealed.content.decode()
    assert (
        revealed["Cache-Control"].startswith("no-store") or "no-cache" in revealed["Cache-Control"]
    )
    assert AuditEvent.objects.filter(action="reporter-identity-revealed").count() == 1
    _assert_clean("the log", caplog.text)
    assert audit_verify().ok
    assert report.pk


def test_error_pages_hide_identity(scene, monkeypatch, settings, caplog):
    """A crash while filing, with DEBUG on (technical page) and off (friendly page)."""
    from upstander.intervention import services

    caplog.set_level(logging.DEBUG)

    def explode(**kwargs: Any) -> Any:
        raise RuntimeError("storage broke")

    monkeypatch.setattr(services, "report_submit", explode)
    for debug in (True, False):
        settings.DEBUG = debug
        client = Client(raise_request_exception=False)
        response = _file_confidential(client)
        assert response.status_code == 500
        _assert_clean(f"the error page (DEBUG={debug})", response.content)
    _assert_clean("the error log", caplog.text)


def test_public_form_is_csrf_protected_and_rate_limited(scene):
    client = Client(enforce_csrf_checks=True)
    url = reverse("intervention:report_anonymous")
    data = {"source": "public", "summary": "s", "description": "d"}
    assert client.post(url, data).status_code == 403
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    statuses = [
        client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert Report.objects.count() == 5
    # Nothing about the client is stored with the reports.
    stored = json.dumps(list(Report.objects.values()), default=str)
    assert "127.0.0.1" not in stored


def test_anonymous_follow_up_by_receipt(scene, investigator):
    client = Client()
    response = client.post(
        reverse("intervention:report_anonymous"),
        {"source": "public", "summary": "Pushed", "description": "Outside the bar"},
    )
    code = response.context["receipt_code"]
    assert code in response.content.decode()
    assert code not in json.dumps(list(Report.objects.values()), default=str)
    report = Report.objects.get()
    from upstander.intervention.services import case_message_send

    case_message_send(actor=investigator, report=report, author="investigator", body="What time?")
    page = client.post(reverse("intervention:follow_up"), {"receipt_code": code, "answer": "9pm"})
    assert page.status_code == 200
    assert "What time?" in page.content.decode()
    assert report.messages.filter(author="reporter", body="9pm").exists()
    answer = AuditEvent.objects.get(action="case-message-sent", data__author="reporter")
    assert answer.actor_id is None
    assert answer.request_id == ""


def test_production_without_key_explains(scene, settings, monkeypatch):
    settings.DEBUG = False
    settings.TESTING = False
    monkeypatch.delenv("UPSTANDER_CONFIDENTIAL_KEYS", raising=False)
    response = _file_confidential(Client())
    assert response.status_code == 503
    assert "UPSTANDER_CONFIDENTIAL_KEYS" in response.content.decode()
    assert not Report.objects.exists()


def test_sql_debug_log_holds_no_identity(scene, officer_user, settings, caplog):
    """With DEBUG on, Django logs every SQL statement with its parameters."""
    from django.db import connection

    settings.DEBUG = True
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        reporter = Client()
        reporter.force_login(officer_user)
        assert _file_confidential(reporter).status_code == 200
    finally:
        connection.force_debug_cursor = False
    assert "INSERT" in caplog.text
    _assert_clean("the SQL log", caplog.text)
