"""``upstander policy ...``: parse and diff policy documents (no database needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from upstander.cli.errors import UserError
from upstander.core.documents.diff import diff_documents
from upstander.core.documents.errors import DocumentError
from upstander.core.documents.model import ParsedDocument
from upstander.core.documents.reader import parse_document

__all__ = ["app"]

app = typer.Typer(
    help="Read policy documents: parse sections and metadata, diff revisions.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _read(path: Path) -> ParsedDocument:
    try:
        return parse_document(path)
    except DocumentError as exc:
        raise UserError(f"{path}: {exc.message} [{exc.code}]") from None


def _print_json(payload: dict[str, Any]) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _outline(document: ParsedDocument, *, with_text: bool) -> None:
    console = Console()
    metadata = document.metadata
    facts = [
        ("Title", metadata.title),
        ("Number", metadata.number),
        ("Issued", metadata.issued),
        ("Effective", metadata.effective),
        ("Revised", metadata.revised),
        ("Rescinds", "; ".join(metadata.rescinds) or None),
    ]
    pages = f", {document.pages} pages" if document.pages is not None else ""
    console.print(Text(f"{document.path} ({document.format}{pages})", style="bold"))
    for name, value in facts:
        if value:
            console.print(f"  {name}: {value}", highlight=False)
    root = Tree(f"{len(document.sections)} sections")
    parents: list[tuple[int, Tree]] = [(-1, root)]
    for section in document.sections:
        while len(parents) > 1 and parents[-1][0] >= section.level:
            parents.pop()
        label = Text(section.id or "(front matter)", style="bold cyan")
        if section.heading:
            label.append(f" {section.heading}", style="bold" if section.heading.isupper() else "")
        if section.page is not None:
            label.append(f"  p.{section.page}", style="dim")
        if with_text and section.text:
            preview = " ".join(section.text.split())
            label.append(f"\n{preview[:160]}{'…' if len(preview) > 160 else ''}", style="dim")
        node = parents[-1][1].add(label)
        parents.append((section.level, node))
    console.print(root)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="PDF, DOCX, HTML, Markdown or text file.")],
    json_output: JsonOption = False,
) -> None:
    """Read a policy document and show its metadata and numbered sections."""
    document = _read(file)
    if json_output:
        payload = document.to_json()
        payload["path"] = str(file)
        _print_json(payload)
        return
    _outline(document, with_text=True)


@app.command()
def outline(
    file: Annotated[Path, typer.Argument(help="PDF, DOCX, HTML, Markdown or text file.")],
) -> None:
    """Show only the section outline of a policy document."""
    _outline(_read(file), with_text=False)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version.")],
    new: Annotated[Path, typer.Argument(help="The later version.")],
    json_output: JsonOption = False,
) -> None:
    """Compare two versions of a policy section by section, with a word-level redline."""
    result = diff_documents(_read(old), _read(new))
    if json_output:
        _print_json(result)
        return
    console = Console()
    summary = (
        f"{len(result['added'])} added, {len(result['removed'])} removed, "
        f"{len(result['changed'])} changed, {len(result['moved'])} moved"
    )
    console.print(Text(summary, style="bold"))
    for section_id in result["added"]:
        console.print(Text(f"+ {section_id}", style="green"))
    for section_id in result["removed"]:
        console.print(Text(f"- {section_id}", style="red"))
    for entry in result["detail"]:
        title = entry["new_id"]
        if entry["kind"] == "moved":
            title = f"{entry['old_id']} -> {entry['new_id']}"
        console.print(Text(f"~ {title} ({entry['kind']})", style="bold yellow"))
        line = Text("  ")
        for op in entry["ops"]:
            if op["op"] == "equal":
                words = op["text"].split()
                shown = op["text"] if len(words) <= 12 else " ".join([*words[:5], "…", *words[-5:]])
                line.append(shown + " ")
            elif op["op"] == "delete":
                line.append(op["text"], style="red strike")
                line.append(" ")
            else:
                line.append(op["text"], style="green underline")
                line.append(" ")
        console.print(line)
