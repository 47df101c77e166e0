"""The error the workflow raises for a request it refuses."""

from __future__ import annotations

__all__ = ["InterventionError"]


class InterventionError(Exception):
    """A request the workflow refuses; the message says why and what to do instead."""
