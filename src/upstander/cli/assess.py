"""``upstander assess`` and ``upstander eval``: judge documents against reform standards."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the assessment commands to the top-level app."""
