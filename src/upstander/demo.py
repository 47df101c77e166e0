"""Demo data for a fictional department, Riverbend Police Department.

Deterministic for a given seed, and safe to run again: it refreshes what it made before.
The policy texts in ``demo_data/`` are written for this project and describe no real agency.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import Any

from django.db import transaction

from upstander.accounts.models import UserProfile
from upstander.accounts.roles import Role
from upstander.audit.events import DemoDataLoadedEvent
from upstander.audit.services import audit_emit
from upstander.records.models import Agency, ForceReportOfficer, Officer, Unit, UseOfForceReport

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "demo_load"]

# A demo password is printed on the console and documented; demo accounts exist only on a
# machine where someone ran `upstander demo`.
DEMO_PASSWORD = "riverbend-demo-2021"  # noqa: S105
DEMO_USERS = {
    "officer": Role.OFFICER,
    "supervisor": Role.SUPERVISOR,
    "investigator": Role.INVESTIGATOR,
    "oversight": Role.OVERSIGHT,
    "admin": Role.ADMINISTRATOR,
}

UNITS = [
    "Central Patrol",
    "East Patrol",
    "North Patrol",
    "Professional Standards",
    "Training Academy",
]
FIRST_NAMES = [
    "Avery",
    "Jordan",
    "Morgan",
    "Casey",
    "Riley",
    "Quinn",
    "Taylor",
    "Jamie",
    "Dana",
    "Rowan",
    "Harper",
    "Elliot",
    "Reese",
    "Sasha",
    "Parker",
    "Skyler",
    "Hayden",
    "Emerson",
    "Blake",
    "Drew",
]
LAST_NAMES = [
    "Alvarez",
    "Brennan",
    "Castillo",
    "Dawson",
    "Ellison",
    "Fletcher",
    "Garza",
    "Holloway",
    "Iverson",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mercer",
    "Nakamura",
    "Okafor",
    "Pruitt",
    "Quintero",
    "Rasmussen",
    "Sandoval",
    "Thibodeaux",
    "Underwood",
    "Vasquez",
    "Whitaker",
    "Yoder",
]
RANKS = ["Officer"] * 6 + ["Detective", "Sergeant"]
FORCE_TYPES = [
    "takedown",
    "escort hold",
    "OC spray",
    "conducted energy device",
    "strikes",
    "firearm pointed",
    "impact weapon",
]
STREETS = ["Main St", "Grand Ave", "Oak St", "River Rd"]
CALL_TYPES = ["disturbance", "traffic stop", "domestic", "theft", "welfare check", "warrant"]
POLICIES = [
    ("21-05", "Response to Resistance", [("2021", "response-to-resistance-2021.txt")]),
    (
        "Code of Conduct",
        "Code of Ethics and Rules of Conduct",
        [("2019", "code-of-conduct-2019.txt"), ("2021", "code-of-conduct-2021.txt")],
    ),
]


def _demo_text(name: str) -> str:
    return resources.files("upstander.demo_data").joinpath(name).read_text(encoding="utf-8")


def _load_policies(agency: Agency, actor: Any) -> int:
    from upstander.core.documents.reader import parse_text
    from upstander.policies.models import PolicyVersion
    from upstander.policies.services import (
        assessment_create,
        policy_get_or_create,
        policy_version_create,
    )

    created = 0
    for number, title, versions in POLICIES:
        policy = policy_get_or_create(agency=agency, number=number, title=title, actor=actor)
        for label, filename in versions:
            if PolicyVersion.objects.filter(policy=policy, label=label).exists():
                continue
            text = _demo_text(filename)
            document = parse_text(text, path=filename)
            version = policy_version_create(
                policy=policy,
                label=label,
                document=document,
                actor=actor,
                source_name=filename,
                source_bytes=text.encode(),
            )
            assessment_create(version=version, actor=actor)
            created += 1
    return created


@transaction.atomic
def demo_load(*, seed: int = 2021) -> dict[str, int]:
    """Create or refresh the Riverbend demo department; returns counts of what exists."""
    from django.contrib.auth import get_user_model

    from upstander.accounts.services import roles_sync, user_create

    roles_sync()
    rng = random.Random(seed)
    agency, _ = Agency.objects.update_or_create(
        slug="riverbend-pd",
        defaults={
            "name": "Riverbend Police Department",
            "state": "MO",
            "kind": Agency.Kind.MUNICIPAL,
        },
    )
    units = {name: Unit.objects.get_or_create(agency=agency, name=name)[0] for name in UNITS}
    patrol_units = [units["Central Patrol"], units["East Patrol"], units["North Patrol"]]

    officers: list[Officer] = []
    for index in range(40):
        badge = f"{1100 + index}"
        officer, _ = Officer.objects.update_or_create(
            agency=agency,
            badge_number=badge,
            defaults={
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": rng.choice(LAST_NAMES),
                "rank": rng.choice(RANKS),
                "unit": rng.choice(patrol_units) if index % 10 else units["Professional Standards"],
                "hired_on": date(2005, 1, 1) + timedelta(days=rng.randrange(0, 6000)),
            },
        )
        officers.append(officer)

    user_model = get_user_model()
    admin = user_model.objects.filter(username="admin").first()
    for username, role in DEMO_USERS.items():
        if user_model.objects.filter(username=username).exists():
            continue
        unit = units["Central Patrol"] if role in {Role.OFFICER, Role.SUPERVISOR} else None
        user = user_create(
            username=username,
            password=DEMO_PASSWORD,
            roles=[role],
            unit=unit,
            first_name=username.title(),
            last_name="(demo)",
        )
        if role is Role.ADMINISTRATOR:
            admin = user
    UserProfile.objects.filter(user__username="officer").update(officer=officers[1])

    start = datetime(2020, 1, 1, tzinfo=UTC)
    for index in range(60):
        occurred = start + timedelta(hours=rng.randrange(0, 24 * 365 * 3))
        report, created = UseOfForceReport.objects.update_or_create(
            agency=agency,
            report_number=f"RTR-{occurred:%Y}-{index + 1:04d}",
            defaults={
                "unit": rng.choice(patrol_units),
                "occurred_at": occurred,
                "location": f"{rng.randrange(100, 9900)} block, {rng.choice(STREETS)}",
                "call_type": rng.choice(CALL_TYPES),
                "force_types": sorted(rng.sample(FORCE_TYPES, rng.randint(1, 2))),
                "subject_injured": rng.random() < 0.25,
                "warning_given": rng.random() < 0.7,
                "deescalation_attempted": rng.random() < 0.6,
                "camera_recorded": rng.random() < (0.6 if occurred.year < 2021 else 0.95),
            },
        )
        # Draw every random value on every run, so a refresh reproduces the same data.
        present = rng.sample(officers, 3)
        roles = [
            ForceReportOfficer.Role.USED_FORCE,
            ForceReportOfficer.Role.WITNESSED,
            rng.choice([ForceReportOfficer.Role.WITNESSED, ForceReportOfficer.Role.INTERVENED]),
        ]
        if created:
            ForceReportOfficer.objects.bulk_create(
                [
                    ForceReportOfficer(report=report, officer=o, role=r)
                    for o, r in zip(present, roles, strict=True)
                ]
            )

    from upstander.intervention.demo import intervention_demo_load

    intervention_demo_load(agency, rng)
    _load_policies(agency, admin)
    from upstander.policies.models import PolicyVersion
    from upstander.records.demo import records_demo_load

    complaints = records_demo_load(agency=agency, seed=seed)
    counts = {
        "units": Unit.objects.filter(agency=agency).count(),
        "officers": Officer.objects.filter(agency=agency).count(),
        "use-of-force reports": UseOfForceReport.objects.filter(agency=agency).count(),
        "complaints": complaints,
        "policy versions": PolicyVersion.objects.filter(policy__agency=agency).count(),
        "users": user_model.objects.filter(username__in=list(DEMO_USERS)).count(),
    }
    audit_emit(DemoDataLoadedEvent(seed=seed, counts=counts), actor=admin, target=agency)
    return counts
