"""The intervention and retaliation commands, run in-process against the test database."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from typer.testing import CliRunner

from upstander.cli.errors import UserError
from upstander.cli.main import app
from upstander.intervention import services
from upstander.intervention.models import AdversePersonnelEvent, Case, ProtectedPerson

pytestmark = pytest.mark.django_db


def test_generate_key_prints_a_fernet_key():
    result = CliRunner().invoke(app, ["intervention", "generate-key"])
    assert result.exit_code == 0
    Fernet(result.output.strip().encode())


def test_retaliation_scan(scene):
    ProtectedPerson.objects.create(
        officer=scene.witness,
        basis="testified",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 1, 1),
    )
    AdversePersonnelEvent.objects.create(
        officer=scene.witness, kind="transfer", occurred_on=date(2025, 2, 1)
    )
    result = CliRunner().invoke(app, ["retaliation", "scan", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"raised": 1, "open": 1}
    result = CliRunner().invoke(app, ["retaliation", "scan"])
    assert "Raised 0 new retaliation flag(s); 1 open in all." in result.output


def test_overdue(scene, investigator):
    case = services.case_open(actor=investigator, title="Late")
    Case.objects.filter(pk=case.pk).update(due_on=date.today() - timedelta(days=2))
    result = CliRunner().invoke(app, ["intervention", "overdue", "--json"])
    assert json.loads(result.output)[0]["reference"] == case.reference


def test_rotate_keys(scene, monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", old)
    services.report_submit(
        channel="confidential",
        source="public",
        summary="s",
        description="d",
        identity={"name": "A"},
    )
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", new)
    result = CliRunner().invoke(app, ["intervention", "rotate-keys"])
    assert isinstance(result.exception, UserError)
    assert "keep the old key" in str(result.exception)
    monkeypatch.setenv("UPSTANDER_CONFIDENTIAL_KEYS", f"{new},{old}")
    result = CliRunner().invoke(app, ["intervention", "rotate-keys", "--json"])
    assert json.loads(result.output) == {"rotated": 1}
