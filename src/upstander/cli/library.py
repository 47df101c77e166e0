"""``upstander policy import``: store documents as versions in the policy library (database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from upstander.cli.django_setup import setup_django
from upstander.cli.errors import UserError

__all__ = ["register"]


def register(policy_app: typer.Typer) -> None:
    """Add the library commands to ``upstander policy``."""

    @policy_app.command("import")
    def import_(
        files: list[Path] = typer.Argument(..., help="Documents to store, one version each."),
        agency: str = typer.Option(..., help="Agency slug, e.g. riverbend-pd."),
        number: str = typer.Option(..., help='Policy number, e.g. "General Order 1.06".'),
        label: list[str] = typer.Option(
            None, help="Version label per file (default: the file name without suffix)."
        ),
        title: str = typer.Option("", help="Policy title (default: the document's own)."),
        unpublished: bool = typer.Option(False, help="Keep the versions from the public."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object per file."),
    ) -> None:
        """Read documents and store each as a version of a policy, with an assessment."""
        setup_django()
        from upstander.policies.services import PolicyImportError, policy_version_import
        from upstander.records.models import Agency

        agency_obj = Agency.objects.filter(slug=agency).first()
        if agency_obj is None:
            raise UserError(f"No agency with the slug {agency!r}; run 'upstander demo' or add one.")
        labels = list(label or [])
        if labels and len(labels) != len(files):
            raise UserError(
                f"Give one --label per file ({len(files)} files, {len(labels)} labels)."
            )
        failed = 0
        for index, path in enumerate(files):
            result: dict[str, Any]
            version_label = labels[index] if labels else path.stem
            try:
                content = path.read_bytes()
                version = policy_version_import(
                    agency=agency_obj,
                    number=number,
                    label=version_label,
                    content=content,
                    source_name=path.name,
                    title=title or None,
                    published=not unpublished,
                )
            except OSError as exc:
                failed += 1
                result = {
                    "path": str(path),
                    "error": {"code": "file_not_found", "message": exc.strerror},
                }
            except PolicyImportError as exc:
                failed += 1
                result = {"path": str(path), "error": {"code": exc.code, "message": exc.message}}
            else:
                result = {
                    "path": str(path),
                    "version_id": version.pk,
                    "sections": version.sections.count(),
                    "effective_from": version.effective_from.isoformat()
                    if version.effective_from
                    else None,
                    "error": None,
                }
            if as_json:
                typer.echo(json.dumps(result))
            elif result["error"]:
                typer.echo(
                    f"{path}: {result['error']['message']} [{result['error']['code']}]", err=True
                )
            else:
                typer.echo(
                    f"{path}: stored as version {version_label!r} "
                    f"with {result['sections']} sections."
                )
        if failed:
            raise typer.Exit(1)
