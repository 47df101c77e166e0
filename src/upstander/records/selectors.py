"""Reads of records, always through the access restriction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from upstander.accounts.restrict import restrict
from upstander.records.models import Officer, UseOfForceReport

__all__ = ["force_report_list", "officer_get", "officer_list"]


def officer_list(*, user: Any) -> QuerySet[Officer]:
    """Officers the user may see."""
    return restrict(Officer.objects.select_related("agency", "unit"), user)


def officer_get(*, user: Any, officer_id: int) -> Officer | None:
    """One officer, or None when missing or not visible to the user."""
    return officer_list(user=user).filter(pk=officer_id).first()


def force_report_list(*, user: Any) -> QuerySet[UseOfForceReport]:
    """Use-of-force reports the user may see, newest first."""
    return restrict(UseOfForceReport.objects.select_related("agency", "unit"), user).order_by(
        "-occurred_at"
    )
