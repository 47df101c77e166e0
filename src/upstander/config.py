"""Reading configuration from the environment, with errors a user can act on.

Kept free of Django so the CLI can validate configuration before starting it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = [
    "INSECURE_SECRET_KEYS",
    "ConfigError",
    "data_dir",
    "database_config",
    "ensure_secret_key_file",
    "env_flag",
    "secret_key",
]

# Keys that must never sign sessions in production: empty, the documented example, Django's
# placeholder prefix.
INSECURE_SECRET_KEYS = {"", "change-me", "changeme", "secret", "upstander-development-key"}
DEVELOPMENT_SECRET_KEY = "upstander-development-key"  # noqa: S105 (refused in production)


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message says which and how to fix it."""


def env_flag(name: str, *, default: bool) -> bool:
    """Read a yes/no environment variable (1/0, true/false, yes/no, on/off)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true/false), not {raw!r}.")


def data_dir() -> Path:
    """Directory for the embedded database, uploads and collected static files."""
    raw = os.environ.get("UPSTANDER_DATA_DIR")
    if raw:
        return Path(raw).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "upstander").resolve()


SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name)


def secret_key(*, debug: bool, data_directory: Path) -> str:
    """The session-signing key; production mode refuses a missing or well-known key.

    The key comes from ``UPSTANDER_SECRET_KEY`` or, failing that, from the ``secret_key`` file that
    ``upstander serve`` writes (mode 0600) into the data directory on first start.
    """
    key = os.environ.get("UPSTANDER_SECRET_KEY", "")
    key_file = data_directory / SECRET_KEY_FILE
    if not key and key_file.is_file():
        key = key_file.read_text(encoding="utf-8").strip()
    if debug:
        return key or DEVELOPMENT_SECRET_KEY
    if key.strip().lower() in INSECURE_SECRET_KEYS or key.startswith("django-insecure"):
        raise ConfigError(
            "UPSTANDER_SECRET_KEY is missing or a well-known default; set it to a long random "
            "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set UPSTANDER_DEBUG=1 for local development."
        )
    if len(key) < 32:
        raise ConfigError("UPSTANDER_SECRET_KEY is too short; use at least 32 random characters.")
    return key


def ensure_secret_key_file(data_directory: Path) -> Path:
    """Create a random secret key file in the data directory unless one exists."""
    import secrets

    data_directory.mkdir(parents=True, exist_ok=True)
    key_file = data_directory / SECRET_KEY_FILE
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file


def database_config(data_directory: Path) -> dict[str, Any]:
    """Django DATABASES['default'] from DATABASE_URL, SQLite in the data directory otherwise."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_directory / "upstander.sqlite3"),
            "OPTIONS": {
                # WAL lets the web server read while an import writes; IMMEDIATE avoids
                # "database is locked" upgrades from read to write inside transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigError(
            "DATABASE_URL must start with postgresql:// or sqlite:///, "
            f"not {url.split(':', 1)[0]!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL could not be read: {exc}.") from exc
    if config.get("ENGINE") == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ConfigError(
            "DATABASE_URL names no database; add one, as in postgresql://host/upstander."
        )
    return dict(config)
