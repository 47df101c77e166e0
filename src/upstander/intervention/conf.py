"""Settings of the duty-to-intervene app, read from the environment with safe defaults."""

from __future__ import annotations

import os

from django.conf import settings

__all__ = [
    "ConfidentialStorageUnavailable",
    "confidential_keys",
    "rate_limit",
    "retaliation_window_months",
]

# A fixed key for development and tests only; refused when neither DEBUG nor TESTING is on.
DEVELOPMENT_KEY = "dXBzdGFuZGVyLWRldmVsb3BtZW50LW9ubHkta2V5LTA="


class ConfidentialStorageUnavailable(Exception):
    """No encryption key is configured, so a confidential report cannot be stored safely."""


def confidential_keys() -> list[str]:
    """Fernet keys from UPSTANDER_CONFIDENTIAL_KEYS: the first encrypts, all decrypt."""
    raw = os.environ.get("UPSTANDER_CONFIDENTIAL_KEYS", "")
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if keys:
        return keys
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return [DEVELOPMENT_KEY]
    raise ConfidentialStorageUnavailable(
        "Confidential reports cannot be accepted: no encryption key is configured. "
        "An administrator must set UPSTANDER_CONFIDENTIAL_KEYS (generate one with "
        "`upstander intervention generate-key`)."
    )


def retaliation_window_months() -> int:
    """How long a reporter, intervener or witness stays protected (default 24 months)."""
    raw = os.environ.get("UPSTANDER_RETALIATION_WINDOW_MONTHS", "")
    try:
        months = int(raw) if raw.strip() else 24
    except ValueError:
        months = 24
    return max(months, 1)


def rate_limit() -> tuple[int, int]:
    """Public report submissions allowed per client, and the window in seconds."""
    return 5, 3600
