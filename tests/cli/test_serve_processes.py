"""``upstander serve --processes N``: forked servers on one port, replaced when one dies."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests.cli.test_system_cli import assert_clean_failure, run

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="reads child processes from Linux /proc"
)


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.pop("UPSTANDER_TESTING", None)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(
        UPSTANDER_DATA_DIR=str(tmp_path / "data"),
        UPSTANDER_SECRET_KEY="serve-test-only-" + "k" * 40,
        UPSTANDER_HTTPS="0",
    )
    return environment


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that has just ended
            found.update(int(child) for child in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_processes_share_the_port_and_are_replaced_and_stopped(tmp_path):
    environment = _environment(tmp_path)
    command = [sys.executable, "-m", "upstander"]
    subprocess.run([*command, "migrate"], env=environment, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*command, "serve", "--no-migrate", "--no-worker", "--port", str(port), "--processes", "2"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _healthy(url) and len(_children(server.pid)) == 2)
        first = _children(server.pid)
        lost = min(first)
        os.kill(lost, signal.SIGKILL)
        _wait_for(lambda: len(_children(server.pid) - {lost}) == 2)
        second = _children(server.pid)
        assert lost not in second
        assert _healthy(url)
        # A second server on the same port is refused, not let in to share it.
        again = run(
            ["serve", "--no-migrate", "--no-worker", "--port", str(port), "--processes", "2"],
            env=environment,
        )
        assert_clean_failure(again, "Cannot listen")
        # A service manager stops the main process only; it takes its servers with it.
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert not any(_alive(pid) for pid in second)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = server.stdout.read() if server.stdout else ""
    assert "2 processes" in output
    assert "starting another" in output
    assert "Traceback" not in output


def test_processes_must_be_positive(tmp_path):
    assert_clean_failure(run(["serve", "--processes", "0"], tmp_path=tmp_path), "--processes")
