"""``upstander policy ...``: parse and diff policy documents (no database needed)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Read policy documents: parse sections and metadata, diff revisions.",
                  no_args_is_help=True)
