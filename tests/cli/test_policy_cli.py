"""``upstander policy parse|outline|diff`` through the Typer app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from upstander.cli.errors import UserError
from upstander.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "documents"
runner = CliRunner()


def test_parse_json_prints_one_object() -> None:
    path = FIXTURES / "riverbend-general-order-1.06.pdf"
    result = runner.invoke(app, ["policy", "parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"path", "pages", "metadata", "sections"}
    assert payload["path"] == str(path)
    assert payload["pages"] == 4
    assert set(payload["metadata"]) == {
        "title", "number", "issued", "effective", "revised", "rescinds",
    }  # fmt: skip
    section = next(item for item in payload["sections"] if item["id"] == "II.C")
    assert section == {
        "id": "II.C",
        "heading": "DUTY TO INTERCEDE AND REPORT",
        "page": 2,
        "text": "",
    }


def test_parse_outline_is_readable() -> None:
    path = FIXTURES / "riverbend-code-of-conduct.docx"
    result = runner.invoke(app, ["policy", "parse", str(path)])
    assert result.exit_code == 0, result.output
    assert "II.D Duty to intervene" in result.output
    assert "Directive 114-A" in result.output


def test_outline_command() -> None:
    path = FIXTURES / "riverbend-policy-manual.pdf"
    result = runner.invoke(app, ["policy", "outline", str(path)])
    assert result.exit_code == 0, result.output
    assert "300.2.1 DUTY TO INTERCEDE AND REPORT" in result.output


def test_diff_json_and_summary() -> None:
    old = str(FIXTURES / "riverbend-code-of-ethics-2021.md")
    new = str(FIXTURES / "riverbend-code-of-ethics-2023.md")
    result = runner.invoke(app, ["policy", "diff", "--json", old, new])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"added", "removed", "changed", "moved", "detail"}
    assert payload["added"] == ["II.C", "III.B"]
    summary = runner.invoke(app, ["policy", "diff", old, new])
    assert summary.exit_code == 0, summary.output
    assert "2 added, 0 removed" in summary.output
    assert "II.C -> II.D" in summary.output


def test_unreadable_file_is_one_user_error() -> None:
    path = FIXTURES / "bad-encrypted.pdf"
    result = runner.invoke(app, ["policy", "parse", "--json", str(path)])
    assert isinstance(result.exception, UserError)
    assert str(result.exception) == (
        f"{path}: The PDF is password-protected; open it with the password and save an "
        "unprotected copy. [pdf_encrypted]"
    )


@pytest.mark.parametrize("command", ["parse", "outline"])
def test_missing_file_names_the_code(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, ["policy", command, str(tmp_path / "gone.pdf")])
    assert isinstance(result.exception, UserError)
    assert str(result.exception).endswith("[file_not_found]")


def test_console_script_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    script = "import sys; from upstander.cli.main import run; sys.argv[0] = 'upstander'; run()"
    completed = subprocess.run(
        [sys.executable, "-c", script, "policy", "parse", str(tmp_path / "gone.pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().count("\n") == 0
    assert "Traceback" not in completed.stderr
    assert "[file_not_found]" in completed.stderr
