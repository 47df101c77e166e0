"""``intervention`` and ``retaliation`` commands: key rotation, overdue cases, retaliation scan."""

from __future__ import annotations

import json

import typer

from upstander.cli.django_setup import setup_django
from upstander.cli.errors import UserError

__all__ = ["intervention_app", "register", "retaliation_app"]

intervention_app = typer.Typer(
    help="Duty to intervene: reporter-identity keys and case deadlines.", no_args_is_help=True
)
retaliation_app = typer.Typer(help="Retaliation monitoring.", no_args_is_help=True)


@intervention_app.command("generate-key")
def generate_key() -> None:
    """Print a new encryption key for UPSTANDER_CONFIDENTIAL_KEYS (put it first to rotate)."""
    from cryptography.fernet import Fernet

    typer.echo(Fernet.generate_key().decode())


@intervention_app.command("rotate-keys")
def rotate_keys(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Re-encrypt every confidential reporter's identity with the first configured key."""
    setup_django()
    from cryptography.fernet import InvalidToken

    from upstander.intervention.conf import ConfidentialStorageUnavailable
    from upstander.intervention.services import reporter_identity_rotate

    try:
        count = reporter_identity_rotate()
    except ConfidentialStorageUnavailable as exc:
        raise UserError(str(exc)) from exc
    except InvalidToken as exc:
        raise UserError(
            "A stored identity could not be decrypted with any configured key; keep the old key "
            "in UPSTANDER_CONFIDENTIAL_KEYS (after the new one) until rotation has finished."
        ) from exc
    if as_json:
        typer.echo(json.dumps({"rotated": count}))
    else:
        typer.echo(f"Re-encrypted {count} reporter identities with the current key.")


@intervention_app.command("overdue")
def overdue(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """List cases whose current stage is past its deadline."""
    setup_django()
    from django.utils import timezone

    from upstander.intervention.models import Case

    cases = Case.objects.exclude(state=Case.State.CLOSED).filter(due_on__lt=timezone.localdate())
    rows = [
        {"reference": c.reference, "state": c.state, "due_on": c.due_on.isoformat()}
        for c in cases.order_by("due_on", "id")
    ]
    if as_json:
        typer.echo(json.dumps(rows))
        return
    for row in rows:
        typer.echo(f"{row['reference']}  {row['state']:<13}  due {row['due_on']}")
    typer.echo(f"{len(rows)} overdue case(s).")


@retaliation_app.command("scan")
def scan(
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check every adverse personnel event against every protected person; flag new matches."""
    setup_django()
    from upstander.intervention.models import RetaliationFlag
    from upstander.intervention.retaliation import retaliation_scan

    raised = retaliation_scan()
    still_open = RetaliationFlag.objects.filter(status=RetaliationFlag.Status.OPEN).count()
    if as_json:
        typer.echo(json.dumps({"raised": len(raised), "open": still_open}))
    else:
        typer.echo(f"Raised {len(raised)} new retaliation flag(s); {still_open} open in all.")


def register(app: typer.Typer) -> None:
    """Add the ``intervention`` and ``retaliation`` command groups to the top-level app."""
    app.add_typer(intervention_app, name="intervention")
    app.add_typer(retaliation_app, name="retaliation")
