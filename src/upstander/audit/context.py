"""The request id of the work in progress, for audit events emitted deep in services."""

from __future__ import annotations

from contextvars import ContextVar

__all__ = ["current_request_id"]

current_request_id: ContextVar[str] = ContextVar("upstander_request_id", default="")
