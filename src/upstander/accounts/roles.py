"""The roles Upstander knows and what each may do, as data.

Each grant names a model (``app_label.model``), the actions allowed and an optional constraint: a
dict of queryset lookups in which ``$unit`` and ``$user`` stand for the acting user's unit and
user id. Grants are stored as :class:`upstander.accounts.models.ObjectPermission` rows by
``roles_sync`` after each migration, so administrators can read and adjust them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["ROLE_GRANTS", "Grant", "Role", "all_role_grants"]


class Role(StrEnum):
    """A kind of user; stored as a Django group of the same name."""

    PUBLIC = "public"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    INVESTIGATOR = "investigator"
    OVERSIGHT = "oversight"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PUBLIC: "Public",
    Role.OFFICER: "Officer",
    Role.SUPERVISOR: "Supervisor",
    Role.INVESTIGATOR: "Investigator (professional standards)",
    Role.OVERSIGHT: "Oversight (civilian board / auditor)",
    Role.ADMINISTRATOR: "Administrator",
}


@dataclass(frozen=True)
class Grant:
    """Permission for a role to perform actions on a model, optionally within a scope."""

    model: str
    actions: tuple[str, ...]
    constraints: dict[str, Any] | None = field(default=None)


VIEW = ("view",)
ALL = ("view", "add", "change", "delete")

# Everyone, signed in or not, holds the public grants too.
ROLE_GRANTS: dict[Role, list[Grant]] = {
    Role.PUBLIC: [
        Grant("policies.policy", VIEW),
        Grant("policies.policyversion", VIEW, {"published": True}),
        Grant("policies.assessment", VIEW, {"version__published": True}),
    ],
    Role.OFFICER: [
        Grant("policies.policyversion", VIEW),
        Grant("records.officer", VIEW, {"unit": "$unit"}),
        Grant("records.useofforcereport", VIEW, {"unit": "$unit"}),
    ],
    Role.SUPERVISOR: [
        Grant("policies.policyversion", VIEW),
        Grant("records.officer", VIEW, {"unit": "$unit"}),
        Grant(
            "records.useofforcereport",
            ("view", "add", "change", "view_confidential"),
            {"unit": "$unit"},
        ),
    ],
    Role.INVESTIGATOR: [
        Grant("policies.policy", ALL),
        Grant("policies.policyversion", ALL),
        Grant("policies.assessment", ALL),
        Grant("records.unit", VIEW),
        Grant("records.officer", VIEW),
        Grant("records.useofforcereport", (*ALL, "view_confidential")),
        Grant("audit.auditevent", VIEW),
    ],
    Role.OVERSIGHT: [
        Grant("policies.policyversion", VIEW),
        Grant("policies.assessment", ("view", "change")),
        Grant("records.unit", VIEW),
        Grant("records.officer", VIEW),
        Grant("records.useofforcereport", VIEW),
        Grant("audit.auditevent", VIEW),
    ],
    Role.ADMINISTRATOR: [
        Grant("policies.policy", ALL),
        Grant("policies.policyversion", ALL),
        Grant("policies.assessment", ALL),
        Grant("records.unit", ALL),
        Grant("records.officer", ALL),
        Grant("records.useofforcereport", (*ALL, "view_confidential")),
        Grant("audit.auditevent", VIEW),
    ],
}


def all_role_grants() -> dict[Role, list[Grant]]:
    """The grants above plus those each installed app declares as ``role_grants`` on its config.

    A domain app (records, intervention, ...) keeps its own grants beside its models this way.
    """
    from django.apps import apps

    merged: dict[Role, list[Grant]] = {role: list(grants) for role, grants in ROLE_GRANTS.items()}
    for app_config in apps.get_app_configs():
        for role, grants in getattr(app_config, "role_grants", {}).items():
            merged.setdefault(Role(role), []).extend(grants)
    return merged
