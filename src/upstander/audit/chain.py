"""The SHA-256 hash chain over audit events."""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["GENESIS_HASH", "event_hash"]

GENESIS_HASH = "0" * 64


def event_hash(previous_hash: str, fields: dict[str, Any]) -> str:
    """Hash of one event's canonical JSON together with the previous event's hash."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()
