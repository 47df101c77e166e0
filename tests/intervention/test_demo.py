"""The demo loader adds a few interventions, the same ones on every run."""

from __future__ import annotations

import pytest

from upstander.demo import demo_load
from upstander.intervention.models import InterventionRecord, ProtectedPerson

pytestmark = pytest.mark.django_db


def test_demo_interventions_are_deterministic_and_idempotent():
    demo_load(seed=5)
    first = list(
        InterventionRecord.objects.order_by("pk").values_list(
            "officer__badge_number", "incident__report_number", "action_taken", "recognition"
        )
    )
    demo_load(seed=5)
    again = list(
        InterventionRecord.objects.order_by("pk").values_list(
            "officer__badge_number", "incident__report_number", "action_taken", "recognition"
        )
    )
    assert first == again
    assert len(first) == 4
    assert [row[3] for row in first].count("commended") == 1
    assert ProtectedPerson.objects.filter(basis="intervened").count() == 4
