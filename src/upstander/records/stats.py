"""Counts of records per agency, year and category, for the stats command and endpoint."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractYear

from upstander.accounts.restrict import restrict
from upstander.records.models import (
    Allegation,
    Complaint,
    OfficerInvolvedShooting,
    UseOfForceReport,
)

__all__ = ["stats_summary"]


def stats_summary(*, user: Any, agency: str | None = None) -> dict[str, Any]:
    """Force reports, complaints, allegations and shootings the user may see, grouped."""
    reports = restrict(UseOfForceReport.objects.all(), user)
    complaints = restrict(Complaint.objects.all(), user)
    allegations = Allegation.objects.filter(complaint__in=complaints.values("pk"))
    shootings = restrict(OfficerInvolvedShooting.objects.all(), user)
    if agency:
        reports = reports.filter(agency__slug=agency)
        complaints = complaints.filter(agency__slug=agency)
        allegations = allegations.filter(complaint__agency__slug=agency)
        shootings = shootings.filter(agency__slug=agency)

    def grouped(queryset: Any, date_field: str, *extra: str) -> list[dict[str, Any]]:
        # A complaint without a received date (some datasets give only the incident date)
        # counts in the year of the incident.
        fallback = date_field.replace("received_on", "occurred_on")
        when = Coalesce(date_field, fallback) if fallback != date_field else F(date_field)
        rows = (
            queryset.annotate(year=ExtractYear(when))
            .values("agency__name" if not extra else "complaint__agency__name", "year", *extra)
            .annotate(count=Count("id"))
            .order_by(*(["agency__name"] if not extra else ["complaint__agency__name"]), "year")
        )
        return [
            {
                "agency": row.get("agency__name") or row.get("complaint__agency__name"),
                "year": row["year"],
                **({"category": row["category__name"]} if extra else {}),
                "count": row["count"],
            }
            for row in rows
        ]

    return {
        "force_reports": grouped(reports, "occurred_at"),
        "complaints": grouped(complaints, "received_on"),
        "allegations": grouped(allegations, "complaint__received_on", "category__name"),
        "shootings": grouped(shootings, "occurred_on"),
        "totals": {
            "force_reports": reports.count(),
            "complaints": complaints.count(),
            "allegations": allegations.count(),
            "shootings": shootings.count(),
        },
    }
