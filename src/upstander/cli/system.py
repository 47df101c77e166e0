"""``serve``, ``migrate``, ``demo``, ``check`` and ``audit``: commands that use the database."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
from pathlib import Path

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
        threads: int = typer.Option(8, help="Worker threads."),
        migrate_first: bool = typer.Option(True, "--migrate/--no-migrate", help="Migrate first."),
        worker: bool = typer.Option(
            True, "--worker/--no-worker", help="Also run a background worker (document reading)."
        ),
    ) -> None:
        """Serve the web app (production-grade WSGI server, waitress)."""
        setup_django()
        if migrate_first:
            _migrate()
        from django.conf import settings

        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        from waitress import serve as waitress_serve  # type: ignore[import-untyped]

        from upstander.wsgi import application

        worker_process = _start_worker() if worker else None
        # Stop cleanly on SIGTERM too (service managers, container runtimes), so the worker
        # child is stopped with the server instead of being orphaned.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        typer.echo(f"Upstander is running at http://{host}:{port}/  (press Ctrl-C to stop)")
        try:
            waitress_serve(application, host=host, port=port, threads=threads, ident="upstander")
        except OSError as exc:
            raise UserError(f"Cannot listen on {host}:{port}: {exc.strerror}.") from exc
        finally:
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
