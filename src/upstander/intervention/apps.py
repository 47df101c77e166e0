from django.apps import AppConfig

from upstander.accounts.roles import Grant, Role

VIEW = ("view",)
_OWN_INTERVENTIONS = {"officer__user_profile__user": "$user"}


class InterventionConfig(AppConfig):
    name = "upstander.intervention"
    label = "intervention"
    verbose_name = "Duty to intervene"

    # Interventions are recognition, not discipline: officers see their own, supervisors those
    # they entered, oversight recognises them, and neither the chain of command nor the
    # disciplinary investigators browse them. Reporter identities can be revealed by
    # investigators only; retaliation flags are for oversight only.
    role_grants = {
        Role.OFFICER: [
            Grant("intervention.interventionrecord", ("view", "add"), _OWN_INTERVENTIONS),
        ],
        Role.SUPERVISOR: [
            Grant("intervention.interventionrecord", ("view", "add"), {"recorded_by": "$user"}),
            Grant("intervention.adversepersonnelevent", ("view", "add"), {"recorded_by": "$user"}),
        ],
        Role.INVESTIGATOR: [
            Grant("intervention.report", ("view", "change")),
            Grant("intervention.reporteridentity", ("reveal",)),
            Grant("intervention.case", ("view", "add", "change")),
            Grant("intervention.allegation", ("view", "add", "change")),
            Grant("intervention.failuretointervenereview", ("view", "change")),
            Grant("intervention.adversepersonnelevent", ("view", "add")),
        ],
        Role.OVERSIGHT: [
            Grant("intervention.interventionrecord", ("view", "change")),
            Grant("intervention.report", VIEW),
            Grant("intervention.case", VIEW),
            Grant("intervention.allegation", VIEW),
            Grant("intervention.failuretointervenereview", VIEW),
            Grant("intervention.adversepersonnelevent", ("view", "add")),
            Grant("intervention.protectedperson", VIEW),
            Grant("intervention.retaliationflag", ("view", "change")),
        ],
        Role.ADMINISTRATOR: [
            Grant("intervention.interventionrecord", ("view", "add", "change")),
            Grant("intervention.adversepersonnelevent", ("view", "add")),
        ],
    }
    navigation = [
        ("Public", "Report misconduct", "intervention:report_start", None),
        ("Public", "Follow up a report", "intervention:follow_up", None),
        (
            "Records",
            "Interventions",
            "intervention:interventions",
            {Role.OFFICER, Role.SUPERVISOR, Role.OVERSIGHT, Role.ADMINISTRATOR},
        ),
        ("Records", "Cases", "intervention:cases", {Role.INVESTIGATOR, Role.OVERSIGHT}),
        (
            "Records",
            "Failure-to-intervene reviews",
            "intervention:fti_reviews",
            {Role.INVESTIGATOR, Role.OVERSIGHT},
        ),
        (
            "Records",
            "Personnel events",
            "intervention:adverse_events",
            {Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR},
        ),
        ("Records", "Retaliation", "intervention:retaliation", {Role.OVERSIGHT}),
    ]
