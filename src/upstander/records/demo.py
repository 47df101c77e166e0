"""Demo complaints, findings, discipline and legal outcomes for the Riverbend department."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Complaint,
    Discipline,
    Finding,
    LegalOutcome,
    Officer,
)

__all__ = ["records_demo_load"]

SUMMARIES = [
    "Complainant says the officer shouted and used a slur during a traffic stop.",
    "Complainant says officers pushed him to the ground after he had stopped resisting.",
    "Caller reports an officer refused to take a report and was dismissive.",
    "Anonymous letter alleges an officer followed the writer home repeatedly.",
    "Supervisor reports a search conducted without consent or a warrant.",
    "Complainant says her phone was taken while she was recording an arrest.",
]
DISCIPLINE = ["Written reprimand", "3-day suspension", "Retraining on de-escalation"]


def records_demo_load(*, agency: Agency, seed: int) -> int:
    """Create or refresh a dozen complaints with findings and discipline; returns their count."""
    rng = random.Random(seed)
    officers = list(Officer.objects.filter(agency=agency).order_by("badge_number"))
    categories = list(AllegationCategory.objects.filter(standard=True).order_by("slug"))
    if not officers or not categories:
        return 0
    findings = [Finding.SUSTAINED, Finding.NOT_SUSTAINED, Finding.EXONERATED, Finding.UNFOUNDED]
    for index in range(12):
        received = date(2020, 2, 1) + timedelta(days=rng.randrange(0, 3 * 365))
        source = rng.choice(list(Complaint.Source.values))
        accused = rng.choice(officers)
        complaint, _ = Complaint.objects.update_or_create(
            agency=agency,
            number=f"CR-{received:%Y}-{index + 1:03d}",
            defaults={
                "unit": accused.unit,
                "source": source,
                "received_on": received,
                "occurred_on": received - timedelta(days=rng.randrange(0, 20)),
                "closed_on": received + timedelta(days=rng.randrange(30, 200)),
                "summary": rng.choice(SUMMARIES),
                "complainant_name": "" if source == "anonymous" else f"Resident {index + 1}",
            },
        )
        recommended, final = rng.choice(findings), rng.choice(findings)
        allegation, _ = Allegation.objects.update_or_create(
            complaint=complaint,
            import_source="demo",
            import_key=complaint.number,
            defaults={
                "officer": accused,
                "category": rng.choice(categories),
                "recommended_finding": recommended,
                "final_finding": final,
            },
        )
        penalty = rng.choice(DISCIPLINE)
        allegation.discipline.all().delete()
        if final == Finding.SUSTAINED:
            Discipline.objects.create(allegation=allegation, recommended=penalty, imposed=penalty)
    LegalOutcome.objects.update_or_create(
        agency=agency,
        import_source="demo",
        import_key="civil-1",
        defaults={
            "kind": LegalOutcome.Kind.SETTLEMENT,
            "officer": officers[3 % len(officers)],
            "case_number": "21-CV-0412",
            "court": "Riverbend County Circuit Court",
            "filed_on": date(2021, 4, 12),
            "resolved_on": date(2022, 9, 30),
            "amount": Decimal("85000.00"),
        },
    )
    return Complaint.objects.filter(agency=agency).count()
