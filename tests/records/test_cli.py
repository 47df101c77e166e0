"""The import and stats commands, run in-process against the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from upstander.cli.main import app

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_import_then_again_adds_nothing(data_dir: Path, tmp_path: Path):
    args = ["import", "wapo", str(data_dir / "wapo"), "--rejects", str(tmp_path), "--json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    runs = json.loads(first.stdout)["runs"]
    assert [run["created"] for run in runs] == [3, 2]
    assert runs[1]["rejected"] == 3
    assert (tmp_path / "wapo-shootings-rejects.csv").exists()
    again = json.loads(runner.invoke(app, args).stdout)["runs"]
    assert [run["created"] for run in again] == [0, 0]


def test_import_with_progress_and_limit(data_dir: Path, tmp_path: Path):
    result = runner.invoke(
        app,
        [
            "import",
            "seattle-uof",
            str(data_dir / "seattle" / "Use_Of_Force_sample.csv"),
            "--rejects",
            str(tmp_path / "r.csv"),
            "--limit",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "interrupted, 2 rows" in result.output
    assert "run again to continue" in result.output


def test_import_user_errors_are_one_sentence(tmp_path: Path):
    for args, words in [
        (["import", "lapd", str(tmp_path)], "Unknown dataset"),
        (["import", "wapo", str(tmp_path / "missing")], "does not exist"),
        (["import", "csv", str(tmp_path)], "needs --mapping"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code != 0
        assert result.exception is None or not isinstance(result.exception, AssertionError)
        assert words in str(result.exception) or words in result.output


def test_stats(records):
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["totals"]["complaints"] == 2
    table = runner.invoke(app, ["stats", "--agency", "test-city"])
    assert "Test City Police Department" in table.output
    assert "Totals: 2 force reports" in table.output


def test_ctrl_c_says_how_to_continue(data_dir: Path, tmp_path: Path, monkeypatch):
    from upstander.records.imports.wapo import WapoAgencyImporter

    def interrupted(self, items):
        raise KeyboardInterrupt

    monkeypatch.setattr(WapoAgencyImporter, "write", interrupted)
    result = runner.invoke(
        app, ["import", "wapo", str(data_dir / "wapo"), "--rejects", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "run the same command again" in str(result.exception)
