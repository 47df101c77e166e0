from __future__ import annotations

import pytest

from upstander.demo import demo_load
from upstander.records.models import Officer, UseOfForceReport

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[object, ...]]:
    officers = list(
        Officer.objects.order_by("badge_number").values_list(
            "badge_number", "last_name", "unit__name"
        )
    )
    reports = list(
        UseOfForceReport.objects.order_by("report_number").values_list(
            "report_number", "occurred_at", "force_types", "camera_recorded"
        )
    )
    return officers + reports


def test_demo_is_deterministic_and_safe_to_run_twice():
    first = demo_load(seed=7)
    snapshot = _snapshot()
    second = demo_load(seed=7)
    assert first == second
    assert _snapshot() == snapshot


def test_demo_code_of_conduct_gains_duty_to_intervene():
    from upstander.policies.models import Finding

    demo_load(seed=1)
    statuses = {
        (f.assessment.version.label, f.provision): f.status
        for f in Finding.objects.filter(
            assessment__version__policy__number="Code of Conduct"
        ).select_related("assessment__version")
    }
    assert statuses[("2021", "duty_to_intervene")] == "met"
    assert statuses[("2021", "anti_retaliation")] == "met"
    assert statuses[("2019", "duty_to_intervene")] != "met"
    assert statuses[("2019", "anti_retaliation")] != "met"
