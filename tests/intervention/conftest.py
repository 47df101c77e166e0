"""A small department for the duty-to-intervene tests: two units, an incident with a force user,
two silent witnesses, a supervisor on scene and an officer who intervened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from upstander.accounts.roles import Role

REPORTER_NAME = "Marigold Quennell-Stavros"
REPORTER_EMAIL = "marigold.q.stavros@example.org"


@dataclass
class Scene:
    agency: Any
    north: Any
    south: Any
    force_user: Any
    witness: Any
    supervisor_on_scene: Any
    intervener: Any
    reporter: Any
    incident: Any


@pytest.fixture(autouse=True)
def _clear_rate_limit_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def scene(agency: Any, units: dict[str, Any]) -> Scene:
    from upstander.records.models import ForceReportOfficer, Officer, UseOfForceReport

    north, south = units["North"], units["South"]

    def officer(first: str, last: str, badge: str, unit: Any = north) -> Any:
        return Officer.objects.create(
            agency=agency, unit=unit, first_name=first, last_name=last, badge_number=badge
        )

    force_user = officer("Brock", "Hammond", "101")
    witness = officer("Wendy", "Silent", "102")
    supervisor_on_scene = officer("Sam", "Sergeant", "103")
    intervener = officer("Ivy", "Upstander", "104")
    reporter = officer("Rita", "Reporter", "105", south)
    incident = UseOfForceReport.objects.create(
        agency=agency,
        unit=north,
        report_number="RTR-2024-0001",
        occurred_at=datetime(2024, 5, 1, 22, 0, tzinfo=UTC),
        force_types=["strikes"],
    )
    R = ForceReportOfficer.Role
    for who, role in [
        (force_user, R.USED_FORCE),
        (witness, R.WITNESSED),
        (supervisor_on_scene, R.SUPERVISED),
        (intervener, R.WITNESSED),
        (intervener, R.INTERVENED),
        (reporter, R.WITNESSED),
    ]:
        ForceReportOfficer.objects.create(report=incident, officer=who, role=role)
    return Scene(
        agency,
        north,
        south,
        force_user,
        witness,
        supervisor_on_scene,
        intervener,
        reporter,
        incident,
    )


@pytest.fixture
def investigator(make_user: Any) -> Any:
    return make_user(Role.INVESTIGATOR, username="ivan-investigator")


@pytest.fixture
def oversight(make_user: Any) -> Any:
    return make_user(Role.OVERSIGHT, username="olga-oversight")


@pytest.fixture
def administrator(make_user: Any) -> Any:
    return make_user(Role.ADMINISTRATOR, username="ada-admin")


@pytest.fixture
def officer_user(make_user: Any, scene: Scene) -> Any:
    """A signed-in officer linked to the reporter's officer record."""
    from upstander.accounts.models import UserProfile

    user = make_user(Role.OFFICER, unit=scene.south, username="rita")
    UserProfile.objects.filter(user=user).update(officer=scene.reporter)
    user.refresh_from_db()
    return user
