"""The request id of the work in progress, for audit events emitted deep in services."""

from __future__ import annotations

from contextvars import ContextVar

__all__ = ["current_request_id", "untraceable_writes"]

current_request_id: ContextVar[str] = ContextVar("upstander_request_id", default="")
# True while writing something whose author must stay unknown (an anonymous report): events then
# carry no request id and only the day they happened, so they cannot be matched to server logs.
untraceable_writes: ContextVar[bool] = ContextVar("upstander_untraceable", default=False)
