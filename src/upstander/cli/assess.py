"""``upstander assess`` and ``upstander eval``: judge documents against reform standards."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from upstander.cli.errors import UserError

__all__ = ["assess_one", "register"]


def assess_one(path: str, standards: Sequence[str] | None = None) -> dict[str, Any]:
    """Assess one file; return the JSON record with either findings or an error."""
    # Imported here so `upstander --help` stays fast and worker processes import lazily.
    from upstander.core.documents.errors import DocumentError
    from upstander.core.documents.reader import parse_document
    from upstander.core.standards.engine import assess

    try:
        document = parse_document(path)
    except DocumentError as exc:
        return {"path": path, "findings": [], "error": {"code": exc.code, "message": exc.message}}
    except Exception as exc:  # an unexpected reader failure is reported per file, not fatal
        return {"path": path, "findings": [], "error": {"code": "read_failed", "message": str(exc)}}
    findings = assess(document, list(standards) if standards else None)
    return {"path": path, "findings": [f.to_json() for f in findings], "error": None}


def _check_standards(standards: Sequence[str]) -> None:
    from upstander.core.standards.registry import load_standards

    known = load_standards()
    for standard in standards:
        if standard not in known:
            raise UserError(f"unknown standard '{standard}' (known: {', '.join(known)})")


def _run(paths: Sequence[str], standards: Sequence[str]) -> list[dict[str, Any]]:
    if len(paths) <= 1:
        return [assess_one(path, standards) for path in paths]
    workers = min(len(paths), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # map keeps input order, which the JSON-lines contract requires.
        return list(pool.map(assess_one, paths, [list(standards)] * len(paths)))


_STATUS_STYLE = {"met": "green", "not_met": "yellow", "not_addressed": "dim"}


def _print_table(record: dict[str, Any], console: Console) -> None:
    if record["error"]:
        console.print(
            f"[bold red]{record['path']}[/]: "
            f"{record['error']['message']} [{record['error']['code']}]"
        )
        return
    table = Table(title=record["path"], show_lines=False)
    table.add_column("Provision", overflow="fold")
    table.add_column("Status")
    table.add_column("Conf.", justify="right")
    table.add_column("Reason")
    table.add_column("Evidence")
    for finding in record["findings"]:
        evidence = finding["evidence"][0] if finding["evidence"] else None
        where = ""
        if evidence:
            section = evidence["section"] or "?"
            page = evidence["page"] or "?"
            where = f"§{section} p.{page}: {evidence['quote'][:160]}"
        style = _STATUS_STYLE.get(finding["status"], "")
        table.add_row(
            finding["provision"],
            f"[{style}]{finding['status']}[/]",
            f"{finding['confidence']:.2f}",
            finding["reason"],
            where,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the assessment commands to the top-level app."""

    @app.command("assess")
    def assess_command(
        paths: Annotated[list[Path], typer.Argument(help="Policy documents to assess.")],
        standard: Annotated[
            list[str] | None,
            typer.Option(
                "--standard", "-s", help="Standard id to assess (repeatable; default all)."
            ),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print one JSON object per input.")
        ] = False,
    ) -> None:
        """Decide, for each reform provision, whether each document meets it, with evidence."""
        standards = list(standard or [])
        _check_standards(standards)
        records = _run([str(p) for p in paths], standards)
        if as_json:
            for record in records:
                typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            console = Console()
            for record in records:
                _print_table(record, console)
        if any(record["error"] for record in records):
            raise typer.Exit(1)

    @app.command("eval")
    def eval_command(
        shared: Annotated[
            Path | None,
            typer.Option(
                "--shared", help="Shared folder (or its corpus folder) with labelled data."
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Score the assessor on the labelled passages and documents of the shared corpus."""
        from upstander.core.standards.evaluate import evaluate

        folder = shared or _default_shared()
        if folder is None or not folder.exists():
            raise UserError(
                "shared corpus not found: pass --shared DIR or set UPSTANDER_SHARED_DIR"
            )
        report = evaluate(folder)
        if as_json:
            typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
            return
        console = Console()
        for score in (report.passages, report.documents):
            table = Table(title=f"{score.name}: {score.items} items, macro-F1 {score.macro_f1:.3f}")
            for column in ("Provision", "Precision", "Recall", "F1", "Support"):
                table.add_column(column, justify="left" if column == "Provision" else "right")
            for item in sorted(score.provisions.values(), key=lambda s: s.provision):
                table.add_row(
                    item.provision,
                    f"{item.precision:.3f}",
                    f"{item.recall:.3f}",
                    f"{item.f1:.3f}" if item.support else "n/a",
                    str(item.support),
                )
            console.print(table)
            console.print(
                "macro-F1 is the mean F1 over provisions with at least one positive label "
                "(n/a: no positives in this set)."
            )


def _default_shared() -> Path | None:
    env = os.environ.get("UPSTANDER_SHARED_DIR")
    if env:
        return Path(env)
    candidate = Path(__file__).resolve().parents[3] / ".." / "shared"
    return candidate.resolve() if candidate.exists() else None
