"""Navigation for the three audiences: policy, records, public."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from upstander.accounts.restrict import roles_of
from upstander.accounts.roles import Role

STAFF_ROLES = {Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR}

# (section, label, url name, roles that see it; None = everyone)
NAVIGATION: list[tuple[str, str, str, set[Role] | None]] = [
    ("Public", "Scorecards", "policies:scorecards", None),
    ("Public", "Policy search", "policies:search", None),
    ("Policy", "Policy library", "policies:library", None),
    ("Records", "Officers", "records:officers", STAFF_ROLES),
    ("Records", "Use of force", "records:force_reports", STAFF_ROLES),
    (
        "Records",
        "Audit log",
        "web:audit_log",
        {Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR},
    ),
]


def _navigation_entries() -> list[tuple[str, str, str, set[Role] | None]]:
    """The entries above plus those apps declare as ``navigation`` on their config."""
    from django.apps import apps

    entries = list(NAVIGATION)
    for app_config in apps.get_app_configs():
        entries.extend(getattr(app_config, "navigation", []))
    order = {"Public": 0, "Policy": 1, "Records": 2}
    return sorted(entries, key=lambda entry: order.get(entry[0], 3))


def navigation(request: HttpRequest) -> dict[str, Any]:
    # Error pages can be drawn before the authentication middleware has run (a request with a
    # Host header not in ALLOWED_HOSTS is refused first): such a request has no user.
    user = getattr(request, "user", None)
    roles = roles_of(user)
    superuser = bool(getattr(user, "is_superuser", False))
    sections: dict[str, list[dict[str, str]]] = {}
    for section, label, url_name, allowed in _navigation_entries():
        if allowed is not None and not (roles & allowed) and not superuser:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        sections.setdefault(section, []).append(
            {
                "label": label,
                "url": url,
                "current": str(request.path.startswith(url) and url != "/"),
            }
        )
    return {
        "nav_sections": sections,
        "user_roles": sorted(role.label for role in roles if role is not Role.PUBLIC),
    }
