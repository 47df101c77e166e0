"""Demo interventions for the Riverbend demo department: deterministic and safe to rerun."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model

from upstander.intervention.models import InterventionRecord
from upstander.intervention.services import intervention_recognise, intervention_record
from upstander.records.models import Agency, ForceReportOfficer

__all__ = ["intervention_demo_load"]

ACTIONS = [
    "Stepped between the subject and the officer and said 'I've got him, ease off.'",
    "Pulled a colleague back by the vest when strikes continued after the subject was cuffed.",
    "Called out 'Stop, he is complying' and took over the handcuffing.",
    "Told the officer to turn the camera back on and stop pointing the weapon.",
]
OUTCOMES = [
    "Force stopped; subject checked by medics.",
    "Situation de-escalated; no further force.",
    "Colleague stepped back; subject transported without injury.",
]


def intervention_demo_load(agency: Agency, rng: random.Random) -> int:
    """Record an intervention for the first few officers in an 'intervened' role; returns count."""
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None:
        return 0
    rows = (
        ForceReportOfficer.objects.filter(
            report__agency=agency, role=ForceReportOfficer.Role.INTERVENED
        )
        .select_related("report", "officer")
        .order_by("report__report_number", "officer_id")[:4]
    )
    for index, row in enumerate(rows):
        # Draw on every run so a refresh leaves the shared generator where it was.
        action, outcome = rng.choice(ACTIONS), rng.choice(OUTCOMES)
        if InterventionRecord.objects.filter(incident=row.report, officer=row.officer).exists():
            continue
        record = intervention_record(
            actor=admin,
            officer=row.officer,
            incident=row.report,
            kind=InterventionRecord.Kind.FORCE,
            occurred_at=row.report.occurred_at + timedelta(minutes=2),
            action_taken=action,
            outcome=outcome,
        )
        if index == 0:
            intervention_recognise(
                actor=admin, record=record, note="Chief's commendation for stepping in."
            )
    return InterventionRecord.objects.filter(officer__agency=agency).count()
