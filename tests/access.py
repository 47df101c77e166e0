"""Reusable access checks: an endpoint as anonymous, without permission, with permission and
with a permission constrained to part of the objects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.test import Client

from upstander.accounts.roles import Role

__all__ = ["assert_access"]


def assert_access(
    url: str,
    *,
    client_for: Callable[..., Any],
    allowed: Iterable[Role],
    anonymous_status: int | Iterable[int] = (302, 401, 403),
    denied_status: int | Iterable[int] = (403, 404),
    unit: Any = None,
    visible: Callable[[Any], bool] | None = None,
    constrained: Iterable[Role] = (),
) -> None:
    """Check ``url`` for anonymous, each role, and a signed-in user holding no role.

    ``allowed`` roles must get 200. ``constrained`` roles get 200 too, and ``visible(response)``
    must be False for them (they see the page but not the out-of-scope object).
    """

    def statuses(value: int | Iterable[int]) -> set[int]:
        return {value} if isinstance(value, int) else set(value)

    allowed = set(allowed)
    constrained = set(constrained)
    response = Client().get(url)
    assert response.status_code in statuses(anonymous_status), (
        f"anonymous got {response.status_code} for {url}"
    )
    no_role = client_for()
    response = no_role.get(url)
    expected_denied = statuses(denied_status) | ({200} if visible else set())
    assert response.status_code in expected_denied, f"no-role user got {response.status_code}"
    if visible and response.status_code == 200:
        assert not visible(response), f"no-role user sees the object at {url}"
    for role in Role:
        if role is Role.PUBLIC:
            continue
        response = client_for(role, unit=unit).get(url)
        if role in allowed:
            assert response.status_code == 200, f"{role} got {response.status_code} for {url}"
            if visible:
                assert visible(response), f"{role} should see the object at {url}"
        elif role in constrained:
            assert response.status_code == 200, f"{role} got {response.status_code} for {url}"
            assert visible is not None
            assert not visible(response), f"{role} sees an out-of-scope object at {url}"
        else:
            ok = response.status_code in expected_denied
            if ok and visible and response.status_code == 200:
                ok = not visible(response)
            assert ok, f"{role} got {response.status_code} for {url} and should not see it"
