"""``import`` and ``stats``: load public accountability datasets and summarise the records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from upstander.cli.django_setup import setup_django
from upstander.cli.errors import UserError

__all__ = ["register"]

DATASET_HELP = (
    "cpdp (Chicago bundle folder or file), nypd-ccrb, seattle-uof, wapo, "
    "or csv (any export, with --mapping)."
)


def _default_rejects(kind: str) -> Path:
    from upstander.config import data_dir

    return data_dir() / "imports" / f"{kind.replace(':', '-')}-rejects.csv"


def register(app: typer.Typer) -> None:
    """Add the records commands to the top-level app."""

    @app.command("import")
    def import_command(
        dataset: str = typer.Argument(..., help=DATASET_HELP),
        path: Path = typer.Argument(..., help="A file, or a folder holding the dataset's files."),
        mapping: Path | None = typer.Option(None, help="YAML mapping file (csv imports)."),
        rejects: Path | None = typer.Option(
            None, help="Where to write refused rows and why (a folder for several files)."
        ),
        limit: int | None = typer.Option(
            None, min=1, help="Stop after this many rows per file; run again to continue."
        ),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Import a public dataset; safe to run again, and resumes where a stopped run ended."""
        setup_django()
        from upstander.records.imports import ImportPlanError, import_plan, run_import

        try:
            plan, left_out = import_plan(dataset, path, mapping=mapping)
        except ImportPlanError as exc:
            raise UserError(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from exc
        results: list[dict[str, Any]] = []
        for importer, file in plan:
            target = _default_rejects(importer.kind)
            if rejects is not None:
                target = rejects / target.name if rejects.is_dir() or len(plan) > 1 else rejects
            try:
                run = _run_one(run_import, importer, file, target, limit, progress and not as_json)
            except KeyboardInterrupt:
                # Every committed batch stays; the run's cursor says where to pick up.
                raise UserError(
                    f"Interrupted while importing {file.name}; run the same command again "
                    "to continue where it stopped.",
                    exit_code=130,
                ) from None
            results.append(
                {
                    "file": file.name,
                    "kind": run.kind,
                    "status": run.status,
                    "rows": run.cursor,
                    "created": run.created,
                    "skipped": run.skipped,
                    "rejected": run.rejected,
                    "rejects_file": run.rejects_file,
                    "note": run.error,
                }
            )
        if as_json:
            typer.echo(json.dumps({"runs": results, "not_imported": [f.name for f in left_out]}))
            return
        for result in results:
            typer.echo(
                f"{result['file']}: {result['status']}, {result['rows']} rows, "
                f"{result['created']} added, {result['skipped']} already there, "
                f"{result['rejected']} refused"
                + (f" (see {result['rejects_file']})" if result["rejected"] else "")
                + (f". {result['note']}" if result["note"] else "")
            )
        if left_out:
            typer.echo(
                f"Not imported (no importer for them): {', '.join(f.name for f in left_out)}"
            )

    @app.command()
    def stats(
        agency: str | None = typer.Option(None, help="Only this agency (its slug)."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Counts of force reports, complaints, allegations and shootings by agency and year."""
        setup_django()
        from upstander.records.stats import stats_summary

        summary = stats_summary(user=_system_user(), agency=agency)
        if as_json:
            typer.echo(json.dumps(summary, default=str))
            return
        from rich.console import Console
        from rich.table import Table

        console = Console()
        for section in ("force_reports", "complaints", "allegations", "shootings"):
            rows = summary[section]
            table = Table(title=section.replace("_", " ").capitalize())
            for column in ("agency", "year", *(["category"] if section == "allegations" else [])):
                table.add_column(column.capitalize())
            table.add_column("Count", justify="right")
            for row in rows:
                cells = [str(row["agency"]), str(row["year"] or "unknown")]
                if section == "allegations":
                    cells.append(str(row["category"]))
                table.add_row(*cells, str(row["count"]))
            if rows:
                console.print(table)
        totals = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in summary["totals"].items())
        typer.echo(f"Totals: {totals}")


def _system_user() -> Any:
    """The command line runs as the installation's operator, who sees every record."""
    from types import SimpleNamespace

    return SimpleNamespace(is_authenticated=True, is_superuser=True, pk=None)


def _run_one(
    run_import: Any, importer: Any, file: Path, rejects: Path, limit: int | None, progress: bool
) -> Any:
    if not progress:
        return run_import(importer, file, rejects_path=rejects, limit=limit)
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    ) as bar:
        task = bar.add_task(file.name[:40], total=file.stat().st_size)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run_import(importer, file, rejects_path=rejects, limit=limit, progress=advance)
