from typing import Any

from django.apps import AppConfig

from upstander.accounts.roles import Grant, Role

VIEW = ("view",)
EDIT = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")
# "view_confidential" unlocks complainant identity, narratives and subject names. Grants on
# models declared in accounts/roles.py (officer, unit, useofforcereport) stay there: a role holds
# one permission per model, so declaring them here too would replace those.
CONFIDENTIAL = ("view", "add", "change", "delete", "view_confidential")
STAFF = {Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR}
REVIEWERS = {Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR}


def _grants() -> dict[str, list[Grant]]:
    full = [
        Grant("records.complaint", CONFIDENTIAL),
        Grant("records.officerinvolvedshooting", CONFIDENTIAL),
        Grant("records.legaloutcome", ALL),
        Grant("records.allegationcategory", ALL),
        Grant("records.importrun", VIEW),
    ]
    return {
        Role.SUPERVISOR: [
            Grant("records.complaint", VIEW, {"unit": "$unit"}),
        ],
        Role.INVESTIGATOR: full,
        Role.OVERSIGHT: [
            Grant("records.complaint", VIEW),
            Grant("records.officerinvolvedshooting", VIEW),
            Grant("records.legaloutcome", VIEW),
            Grant("records.allegationcategory", VIEW),
            Grant("records.importrun", VIEW),
        ],
        Role.ADMINISTRATOR: full,
    }


class RecordsConfig(AppConfig):
    name = "upstander.records"
    label = "records"
    verbose_name = "Accountability records"
    role_grants: dict[str, list[Grant]] = _grants()
    navigation: list[tuple[str, str, str, Any]] = [
        ("Records", "Complaints", "records:complaints", REVIEWERS),
        ("Records", "Shootings", "records:shootings", REVIEWERS - {Role.SUPERVISOR}),
        ("Records", "Statistics", "records:stats", REVIEWERS),
        (
            "Records",
            "Officer links",
            "records:officer_links",
            {Role.INVESTIGATOR, Role.ADMINISTRATOR},
        ),
    ]
