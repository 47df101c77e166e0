"""``serve``, ``migrate``, ``demo``, ``check`` and ``audit``: commands that use the database."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import typer

from upstander.cli.django_setup import setup_django
from upstander.cli.errors import UserError

__all__ = ["audit_app", "register"]

audit_app = typer.Typer(help="Inspect the append-only audit log.", no_args_is_help=True)


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _start_worker() -> subprocess.Popen[bytes]:
    """The task worker as a child process, so uploads are read while the server runs."""
    return subprocess.Popen([sys.executable, "-m", "upstander", "worker"])


def _stop_worker(process: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its current task and stop, as Ctrl-C would; then insist."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=1)  # a Ctrl-C in the terminal has reached it already
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# Linux spreads new connections evenly over the sockets bound to a port with SO_REUSEPORT. From
# one shared socket, whichever server process wakes first takes them, and keep-alive
# connections then stay unevenly spread (measured: one of three servers got none of 20).
_REUSE_PORT = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bind(
    family: int, address: Any, *, listen: bool, reuse_port: bool = _REUSE_PORT
) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        if listen:
            sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


def _listen(host: str, port: int) -> socket.socket:
    """The port for the forked servers, bound before they are forked (so errors show first).

    Where SO_REUSEPORT spreads connections, this socket only holds the port and each server
    listens on its own (``_server_socket``); elsewhere they all accept from this one.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, _, _, _, address = infos[0]
        if _REUSE_PORT:
            # Sockets with SO_REUSEPORT share a port with any other process of the same user
            # that sets it too: first make sure nothing listens there yet.
            _bind(family, address, listen=False, reuse_port=False).close()
        return _bind(family, address, listen=not _REUSE_PORT)
    except OSError as exc:
        raise UserError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from exc


def _server_socket(shared: socket.socket) -> socket.socket:
    """The socket a forked server accepts from: its own on the same port, or the shared one."""
    if not _REUSE_PORT:
        return shared
    return _bind(shared.family, shared.getsockname(), listen=True)


def _serve_process(application: Any, threads: int, **where: Any) -> None:
    """One web server process: waitress with ``threads`` threads on ``host`` and ``port``, or
    on the already bound ``sockets``."""
    from waitress import serve as waitress_serve  # type: ignore[import-untyped]

    waitress_serve(application, threads=threads, ident="upstander", **where)


def _stop_serving(*_: Any) -> None:
    """In a forked server: stop once (waitress finishes the requests in hand on SystemExit)."""
    # A handler that does nothing, not SIG_IGN: a second signal may already be pending.
    signal.signal(signal.SIGTERM, _ignore)
    signal.signal(signal.SIGINT, _ignore)
    raise SystemExit(0)


def _ignore(*_: Any) -> None:
    """The parent's SIGTERM or a second Ctrl-C, once a forked server is already stopping."""


def _fork_server(application: Any, listener: socket.socket, threads: int) -> int:
    """Fork a child that serves until SIGTERM or SIGINT; returns its process id."""
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:
        signal.signal(signal.SIGTERM, _stop_serving)
        signal.signal(signal.SIGINT, _stop_serving)
        _serve_process(application, threads, sockets=[_server_socket(listener)])
    except SystemExit:
        pass
    except BaseException:
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        os._exit(status)  # never return into the parent's code


def _reap(children: dict[int, float]) -> list[tuple[int, float, int]]:
    """The children that have exited: (pid, start time, wait status); forgets them."""
    ended = []
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                ended.append((pid, children.pop(pid), status))
    return ended


def _supervise(application: Any, listener: socket.socket, processes: int, threads: int) -> None:
    """Keep ``processes`` forked servers running until SIGTERM or Ctrl-C, then stop them.

    A server that dies is replaced; servers that keep dying right after starting stop it all.
    """
    children = {
        _fork_server(application, listener, threads): time.monotonic() for _ in range(processes)
    }
    quick_deaths = 0
    try:
        while True:
            time.sleep(0.5)
            for _pid, started, status in _reap(children):
                quick_deaths = quick_deaths + 1 if time.monotonic() - started < 5 else 0
                if quick_deaths >= 3:
                    raise UserError("The web server processes keep failing; see the errors above.")
                typer.echo(f"A web server process stopped (status {status}); starting another.")
                children[_fork_server(application, listener, threads)] = time.monotonic()
    except KeyboardInterrupt:
        pass  # Ctrl-C reaches the servers too; they finish their requests and stop
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while children and time.monotonic() < deadline:
            _reap(children)
            time.sleep(0.05)
        for pid in children:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def register(app: typer.Typer) -> None:
    """Add the database-backed commands to the top-level app."""

    @app.command()
    def migrate() -> None:
        """Create or update the database tables."""
        setup_django()
        _migrate(verbosity=1)

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port to listen on."),
        threads: int = typer.Option(8, min=1, help="Threads per web server process."),
        processes: int = typer.Option(
            1,
            min=1,
            envvar="UPSTANDER_WEB_PROCESSES",
            help="Web server processes sharing the port (POSIX; one on Windows).",
        ),
        migrate_first: bool = typer.Option(True, "--migrate/--no-migrate", help="Migrate first."),
        worker: bool = typer.Option(
            True, "--worker/--no-worker", help="Also run a background worker (document reading)."
        ),
    ) -> None:
        """Serve the web app (production-grade WSGI server, waitress).

        One server process uses at most one CPU core.

        --processes N (Linux, macOS) forks N servers sharing the port: about one per core.
        """
        setup_django()
        if migrate_first:
            _migrate()
        from django.conf import settings
        from django.db import connections

        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        from upstander.wsgi import application

        if processes > 1 and not hasattr(os, "fork"):
            typer.echo("This platform cannot fork; serving from one process.", err=True)
            processes = 1
        # Several processes share one socket bound here, before they are forked.
        listener = _listen(host, port) if processes > 1 else None
        # Forked servers must not share the parent's database connection; each opens its own.
        connections.close_all()
        worker_process = _start_worker() if worker else None
        # Stop cleanly on SIGTERM too (service managers, container runtimes), so the worker
        # child is stopped with the server instead of being orphaned.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        several = f", {processes} processes" if processes > 1 else ""
        typer.echo(
            f"Upstander is running at http://{host}:{port}/  (press Ctrl-C to stop{several})"
        )
        try:
            if listener is not None:
                _supervise(application, listener, processes, threads)
            else:
                _serve_process(application, threads, host=host, port=port)
        except OSError as exc:
            raise UserError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from exc
        finally:
            if listener is not None:
                listener.close()
            if worker_process is not None:
                _stop_worker(worker_process)

    @app.command()
    def worker() -> None:
        """Run the background worker that reads uploaded documents (Ctrl-C to stop)."""
        setup_django()
        from django.core.management import call_command

        call_command("db_worker", queue_name="*", no_startup_delay=True, reload=False)

    @app.command()
    def demo(
        seed: int = typer.Option(2021, help="Random seed; the same seed gives the same data."),
    ) -> None:
        """Load or refresh demo data for a fictional department (safe to run twice)."""
        setup_django()
        _migrate()
        from upstander.demo import demo_load

        counts = demo_load(seed=seed)
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        typer.echo(f"Demo data ready: {summary}.")

    @app.command()
    def check(
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Check configuration, database connection, migrations and Django's deploy checks."""
        setup_django()
        from django.core import checks
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        messages = [
            m
            for m in checks.run_checks(include_deployment_checks=True)
            if m.level >= checks.WARNING
        ]
        problems = [f"{m.id}: {m.msg}" for m in messages]
        result = {
            "database": connection.vendor,
            "pending_migrations": len(pending),
            "problems": problems,
        }
        if as_json:
            typer.echo(json.dumps(result))
        else:
            typer.echo(f"Database: {connection.vendor}, reachable.")
            typer.echo(
                "Migrations: up to date."
                if not pending
                else f"Migrations: {len(pending)} pending; run 'upstander migrate'."
            )
            for problem in problems:
                typer.echo(f"Warning: {problem}")
        if pending or any(m.level >= checks.ERROR for m in messages):
            raise typer.Exit(1)

    app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify_command(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Recompute the hash chain and report the first broken link."""
    setup_django()
    from upstander.audit.services import audit_verify

    report = audit_verify()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ok": report.ok,
                    "checked": report.checked,
                    "broken_id": report.broken_id,
                    "problem": report.problem,
                }
            )
        )
    elif report.ok:
        typer.echo(f"Audit chain intact: {report.checked} events verified.")
    else:
        typer.echo(
            f"Audit chain broken at event #{report.broken_id}: {report.problem} "
            f"({report.checked} events before it verified).",
            err=True,
        )
    if not report.ok:
        raise typer.Exit(1)
