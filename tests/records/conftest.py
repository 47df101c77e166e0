"""Fixtures for the records tests: the sample files and a helper running a whole plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "records"


@pytest.fixture
def data_dir() -> Path:
    """The folder of small sample files written for these tests."""
    return DATA


@pytest.fixture
def import_all(db: Any, tmp_path: Path) -> Callable[..., list[Any]]:
    """Run every importer of a dataset over a path; returns the import runs."""
    from upstander.records.imports import import_plan, run_import

    def run(dataset: str, path: Path, **options: Any) -> list[Any]:
        mapping = options.pop("mapping", None)
        plan, _ = import_plan(dataset, path, mapping=mapping)
        return [
            run_import(
                importer,
                file,
                rejects_path=tmp_path / f"{importer.kind.replace(':', '-')}-rejects.csv",
                **options,
            )
            for importer, file in plan
        ]

    return run


@pytest.fixture
def records(agency: Any, units: dict[str, Any]) -> dict[str, Any]:
    """Two officers (North, South), a report and a complaint about each, one sustained."""
    from datetime import UTC, date, datetime

    from upstander.records.models import (
        AllegationCategory,
        Finding,
        ForceReportOfficer,
        Officer,
        OfficerName,
    )
    from upstander.records.services import (
        AllegationIn,
        InvolvedOfficerIn,
        allegation_find,
        complaint_create,
        discipline_record,
        force_report_create,
        legal_outcome_record,
    )

    north = Officer.objects.create(
        agency=agency, unit=units["North"], first_name="Nora", last_name="North", badge_number="11"
    )
    south = Officer.objects.create(
        agency=agency, unit=units["South"], first_name="Sam", last_name="South", badge_number="22"
    )
    OfficerName.objects.create(
        officer=north, first_name="Nora", last_name="Northe", badge_number="9", source="hr"
    )
    force = AllegationCategory.objects.get(slug="excessive-force")
    reports, complaints = {}, {}
    for name, officer in (("North", north), ("South", south)):
        reports[name] = force_report_create(
            agency=agency,
            unit=units[name],
            report_number=f"R-{name}",
            occurred_at=datetime(2024, 3, 1, 12, tzinfo=UTC),
            officers=[InvolvedOfficerIn(officer=officer, role=ForceReportOfficer.Role.USED_FORCE)],
            force_types=["taser"] if name == "North" else ["takedown"],
            narrative=f"Narrative {name}",
        )
        complaints[name] = complaint_create(
            agency=agency,
            unit=units[name],
            number=f"C-{name}",
            source="public",
            received_on=date(2024, 4, 1),
            summary=f"Summary {name}",
            complainant_name=f"Complainant {name}",
            allegations=[AllegationIn(category=force, officer=officer, description="Pushed")],
        )
    allegation = complaints["North"].allegations.get()
    allegation_find(
        allegation=allegation,
        recommended_finding=Finding.SUSTAINED,
        final_finding=Finding.SUSTAINED,
    )
    discipline_record(allegation=allegation, imposed="5-day suspension", suspension_days=5)
    legal_outcome_record(agency=agency, kind="civil_suit", officer=north, case_number="24-CV-1")
    return {
        "north": north,
        "south": south,
        "reports": reports,
        "complaints": complaints,
        "units": units,
    }
