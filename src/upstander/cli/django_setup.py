"""Starting Django for the commands that need the database, with one-sentence errors."""

from __future__ import annotations

import os
from pathlib import Path

from upstander.cli.errors import UserError
from upstander.config import ConfigError

__all__ = ["ensure_data_dir", "setup_django"]


def ensure_data_dir() -> Path:
    """Create the data directory if needed and prove it is writable."""
    from upstander.config import data_dir

    directory = data_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise UserError(
            f"The data directory {directory} is not writable ({exc.strerror}); "
            "set UPSTANDER_DATA_DIR to a directory you can write to."
        ) from exc
    return directory


def setup_django(*, check_database: bool = True) -> None:
    """Configure Django from the environment and, optionally, prove the database answers."""
    from upstander.config import ensure_secret_key_file

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.settings")
    directory = ensure_data_dir()
    if "UPSTANDER_SECRET_KEY" not in os.environ:
        # First start of an installation: make it its own random key, kept beside its data.
        ensure_secret_key_file(directory)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ConfigError as exc:
        raise UserError(str(exc)) from exc
    except ImproperlyConfigured as exc:
        raise UserError(f"Upstander is not configured correctly: {exc}") from exc
    except ImportError as exc:
        raise UserError(f"Upstander is not fully installed: {exc}.") from exc
    if check_database:
        database_check()


def database_check() -> None:
    """Open a connection to the configured database or explain why it cannot be reached."""
    from django.db import connection
    from django.db.utils import Error as DatabaseError

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        where = connection.settings_dict.get("HOST") or connection.settings_dict.get("NAME")
        raise UserError(
            f"Cannot connect to the {connection.vendor} database at {where}: {reason}. "
            "Check DATABASE_URL and that the server is running."
        ) from exc
