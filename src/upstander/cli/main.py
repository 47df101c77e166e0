"""Entry point of the ``upstander`` console script.

Commands that only read files (``policy parse``, ``assess``, ``eval``) never start Django; commands
that touch the database call :func:`upstander.cli.django_setup.setup_django` first.
"""

from __future__ import annotations

import sys

import typer

from upstander import __version__
from upstander.cli import assess as assess_commands
from upstander.cli import intervention as intervention_commands
from upstander.cli import library as library_commands
from upstander.cli import policy as policy_commands
from upstander.cli import records as records_commands
from upstander.cli import system as system_commands
from upstander.cli.errors import UserError

app = typer.Typer(
    name="upstander",
    help="Upstander: policy analysis, accountability records and public reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"upstander {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Print the version."
    ),
) -> None:
    """Upstander command line."""


library_commands.register(policy_commands.app)
app.add_typer(policy_commands.app, name="policy")
assess_commands.register(app)
system_commands.register(app)
intervention_commands.register(app)
records_commands.register(app)


def run() -> None:
    """Run the CLI, turning expected failures into one clear sentence and a non-zero exit."""
    try:
        app()
    except UserError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
