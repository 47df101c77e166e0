"""``upstander assess`` and ``upstander eval`` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from upstander.cli.errors import UserError
from upstander.cli.main import app

runner = CliRunner()

GOOD = (
    "4.1 DUTY TO INTERVENE\n"
    "Any officer who observes another officer using excessive force shall intervene to stop it.\n"
    "4.2 WARNINGS\n"
    "Where feasible, a verbal warning shall be given before the use of deadly force.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Officers shall wear the issued uniform at all times.\n", encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    return {"good": good, "other": other, "bad": bad}


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_one_line_per_input_with_every_provision(files):
    result = runner.invoke(app, ["assess", "--json", str(files["good"]), str(files["other"])])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert [r["path"] for r in records] == [str(files["good"]), str(files["other"])]
    findings = {f["provision"]: f for f in records[0]["findings"]}
    assert len(findings) == 14
    assert records[0]["error"] is None
    assert findings["duty_to_intervene"]["status"] == "met"
    evidence = findings["duty_to_intervene"]["evidence"][0]
    assert set(evidence) == {"quote", "section", "page"}
    assert "intervene" in evidence["quote"]
    assert findings["requires_warning_before_shooting"]["status"] == "met"
    assert {f["status"] for f in records[1]["findings"]} == {"not_addressed"}


def test_bad_file_among_good_ones(files):
    result = runner.invoke(
        app, ["assess", "--json", str(files["good"]), str(files["bad"]), str(files["other"])]
    )
    assert result.exit_code != 0
    records = _records(result.stdout)
    assert [r["path"] for r in records] == [str(files[k]) for k in ("good", "bad", "other")]
    assert records[1]["findings"] == []
    assert records[1]["error"]["code"]
    assert records[1]["error"]["message"]
    assert records[0]["error"] is None
    assert records[2]["error"] is None


def test_standard_selection(files):
    result = runner.invoke(app, ["assess", "--json", "--standard", "8cantwait", str(files["good"])])
    assert result.exit_code == 0
    (record,) = _records(result.stdout)
    assert len(record["findings"]) == 8


def test_unknown_standard_is_a_user_error(files):
    result = runner.invoke(app, ["assess", "--standard", "nope", str(files["good"])])
    assert isinstance(result.exception, UserError)
    assert result.exception.exit_code == 2
    assert "nope" in str(result.exception)


def test_table_output(files):
    result = runner.invoke(app, ["assess", str(files["good"])])
    assert result.exit_code == 0
    assert "good.txt" in result.stdout
    assert "met" in result.stdout
    assert "not_addressed" in result.stdout


def test_eval_without_corpus_is_a_user_error(tmp_path):
    result = runner.invoke(app, ["eval", "--shared", str(tmp_path / "missing")])
    assert isinstance(result.exception, UserError)


def test_eval_json_on_a_tiny_corpus(tmp_path):
    passages = tmp_path / "corpus" / "passages"
    passages.mkdir(parents=True)
    rows = [
        {
            "id": "a",
            "provision": "duty_to_intervene",
            "label": 1,
            "text": "Any officer observing another officer using excessive force shall intercede.",
        },
        {
            "id": "b",
            "provision": "duty_to_intervene",
            "label": 0,
            "text": "Officers shall wear uniforms.",
        },
    ]
    (passages / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["eval", "--shared", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passages"]["macro_f1"] == 1.0
    assert data["passages"]["provisions"][0]["support"] == 1
