"""Fixtures shared by the whole suite: users in each role, signed-in clients."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from upstander.accounts.roles import Role

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The shared corpus and datasets folder beside the checkout, if present."""
    configured = os.environ.get("UPSTANDER_SHARED_DIR")
    candidate = Path(configured) if configured else REPO_ROOT.parent / "shared"
    return candidate if candidate.is_dir() else None


@pytest.fixture
def agency(db: Any) -> Any:
    from upstander.records.models import Agency

    return Agency.objects.create(name="Test City Police Department", slug="test-city", state="MO")


@pytest.fixture
def units(agency: Any) -> dict[str, Any]:
    from upstander.records.models import Unit

    return {name: Unit.objects.create(agency=agency, name=name) for name in ("North", "South")}


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    """Create a user holding the given roles (none: a signed-in user without permissions)."""
    from upstander.accounts.services import roles_sync, user_create

    roles_sync()
    counter = {"n": 0}

    def make(*roles: Role, unit: Any = None, username: str | None = None) -> Any:
        counter["n"] += 1
        return user_create(
            username=username or f"user{counter['n']}",
            password="a-long-test-password-1",
            roles=list(roles),
            unit=unit,
        )

    return make


@pytest.fixture
def client_for(client: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """A test client signed in as a new user with the given roles."""

    def signed_in(*roles: Role, unit: Any = None) -> Any:
        from django.test import Client

        user = make_user(*roles, unit=unit)
        c = Client()
        c.force_login(user)
        c.user = user
        return c

    return signed_in
