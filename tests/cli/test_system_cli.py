"""The console script as a user runs it: a real process, real exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from upstander import __version__

UPSTANDER = [sys.executable, "-m", "upstander"]


def run(args: list[str], env: dict[str, str] | None = None, tmp_path: Path | None = None):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    environment.pop("UPSTANDER_TESTING", None)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    if tmp_path is not None:
        environment["UPSTANDER_DATA_DIR"] = str(tmp_path / "data")
    environment.update(env or {})
    return subprocess.run(
        [*UPSTANDER, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def assert_clean_failure(result, words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert words in result.stderr + result.stdout


def test_version():
    result = run(["--version"])
    assert result.returncode == 0
    assert result.stdout.strip() == f"upstander {__version__}"


def test_unknown_option():
    assert_clean_failure(run(["--frobnicate"]), "No such option")


def test_version_does_not_start_django():
    code = (
        "import sys; from upstander.cli.main import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['--version']); "
        "print('django.apps' in sys.modules and __import__('django.apps').apps.ready)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() in {"False", ""}


def test_broken_database_url(tmp_path):
    result = run(["check"], {"DATABASE_URL": "mysql://x/y", "UPSTANDER_DEBUG": "1"}, tmp_path)
    assert_clean_failure(result, "DATABASE_URL must start with postgresql://")


def test_unreachable_postgres(tmp_path):
    result = run(
        ["check"],
        {"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/upstander", "UPSTANDER_DEBUG": "1"},
        tmp_path,
    )
    assert_clean_failure(result, "Cannot connect to the postgresql database")


def test_production_mode_refuses_default_secret(tmp_path):
    result = run(["check"], {"UPSTANDER_SECRET_KEY": "change-me"}, tmp_path)
    assert_clean_failure(result, "UPSTANDER_SECRET_KEY is missing or a well-known default")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_read_only_data_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    result = run(["check"], {"UPSTANDER_DEBUG": "1"}, tmp_path)
    assert_clean_failure(result, "is not writable")


def test_read_only_data_dir_as_file(tmp_path):
    # A data directory path that is a file is refused the same way, also when running as root.
    (tmp_path / "data").write_text("not a directory")
    result = run(["check"], {"UPSTANDER_DEBUG": "1"}, tmp_path)
    assert_clean_failure(result, "is not writable")


def test_check_migrate_and_audit_verify(tmp_path):
    env = {"UPSTANDER_DEBUG": "1"}
    assert "pending" in run(["check"], env, tmp_path).stdout
    assert run(["migrate"], env, tmp_path).returncode == 0
    result = run(["audit", "verify"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Audit chain intact" in result.stdout
