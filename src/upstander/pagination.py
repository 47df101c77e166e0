"""API pagination with bounds, so an absurd limit or offset is a 422, not a database error."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

__all__ = ["BoundedPagination"]

MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Items per page (1-500).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")
