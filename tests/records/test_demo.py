"""The demo department's complaints are deterministic and safe to load twice."""

from __future__ import annotations

import pytest

from upstander.records.demo import records_demo_load
from upstander.records.models import Agency, Allegation, Discipline, LegalOutcome, Officer

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[object, ...]]:
    return list(
        Allegation.objects.order_by("complaint__number").values_list(
            "complaint__number", "officer__badge_number", "category__slug", "final_finding"
        )
    )


def test_records_demo_is_deterministic_and_idempotent(agency: Agency):
    for index in range(5):
        Officer.objects.create(
            agency=agency, first_name="A", last_name=f"B{index}", badge_number=f"{index}"
        )
    assert records_demo_load(agency=agency, seed=3) == 12
    snapshot = _snapshot()
    disciplined = Discipline.objects.count()
    assert records_demo_load(agency=agency, seed=3) == 12
    assert _snapshot() == snapshot
    assert Discipline.objects.count() == disciplined
    assert LegalOutcome.objects.count() == 1
    assert Allegation.objects.filter(final_finding="sustained").count() == disciplined


def test_records_demo_without_officers_adds_nothing(agency: Agency):
    assert records_demo_load(agency=agency, seed=3) == 0
