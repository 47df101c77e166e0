"""Seattle Police Department open data: use of force (officer x subject rows) and shootings."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    OfficerIdentity,
    OfficerResolver,
    RowError,
    agency_get_or_create,
    clean,
    imported_ids,
    insert_rows,
    parse_bool,
    parse_datetime,
    parse_float,
    parse_int,
    unit_for,
)
from upstander.records.models import (
    Agency,
    ForceReportOfficer,
    ForceSubject,
    OfficerInvolvedShooting,
    UseOfForceReport,
)

__all__ = ["SeattleForceImporter", "SeattleShootingImporter", "seattle_agency"]

SEATTLE = ZoneInfo("America/Los_Angeles")
SOURCE = "seattle-uof"


def seattle_agency() -> Agency:
    """Seattle Police Department."""
    return agency_get_or_create(slug="seattle-pd", name="Seattle Police Department", state="WA")


class ForceRow(NamedTuple):
    """One officer's force on one subject in one incident (a tuple: the cheapest record to
    build once per source row)."""

    incident: str
    occurred_at: datetime
    level: str
    shooting: bool
    precinct: str
    beat: str
    officer_key: str
    subject_key: str
    race: str
    gender: str


class SeattleForceImporter(Importer):
    """Use_Of_Force_*.csv: one row per officer and subject; rows of an incident share a report."""

    kind = "seattle-uof:force"
    batch_size = 5000  # fewer, larger transactions: each commit has a fixed cost

    def begin(self) -> None:
        self.agency = seattle_agency()
        self.officers = OfficerResolver(self.agency)
        self.units: dict[str, int] = {}

    def prepare(self, row: dict[str, str]) -> ForceRow:
        incident = clean(row.get("Incident_Num"))
        if not incident:
            raise RowError("Incident_Num is empty")
        # The export misspells the column ("Occured"); accept the right spelling too.
        raw_when = row.get("Occured_date_time", row.get("Occurred_date_time", ""))
        occurred_at = parse_datetime(raw_when, "Occured_date_time", SEATTLE)
        if occurred_at is None:
            raise RowError("Occured_date_time is empty")
        kind = clean(row.get("Incident_Type"))
        level = kind.split(" - ")[0] if kind else ""
        officer_key = clean(row.get("Officer_ID"))
        if not officer_key:
            raise RowError("Officer_ID is empty")
        return ForceRow(
            incident=incident,
            occurred_at=occurred_at,
            level=level[:40],
            shooting="OIS" in kind.upper(),
            precinct=clean(row.get("Precinct")),
            beat=clean(row.get("Beat"))[:30],
            officer_key=officer_key,
            subject_key=clean(row.get("Subject_ID"))[:60],
            race=clean(row.get("Subject_Race"))[:60],
            gender=clean(row.get("Subject_Gender"))[:30],
        )

    def write(self, items: list[Item]) -> BatchResult:
        rows: list[ForceRow] = [item.value for item in items]
        new: dict[str, dict[str, Any]] = {}
        for row in rows:
            if row.incident in new:
                continue
            report: dict[str, Any] = {
                "agency_id": self.agency.pk,
                "unit_id": unit_for(self.agency, row.precinct, self.units),
                "report_number": row.incident[:40],
                "occurred_at": row.occurred_at,
                "beat": row.beat,
                "force_level": row.level,
                "import_source": SOURCE,
                "import_key": row.incident[:120],
            }
            if row.shooting:  # otherwise the field's default, no force types
                report["force_types"] = ["firearm"]
            new[row.incident] = report
        # Incidents imported by an earlier batch or run are skipped by the insert itself.
        created = insert_rows(UseOfForceReport, list(new.values()))
        reports = imported_ids(UseOfForceReport, SOURCE, new)
        officer_ids = self.officers.resolve(
            OfficerIdentity(source=SOURCE, key=key, first_name="Officer", last_name=key)
            for key in dict.fromkeys(row.officer_key for row in rows)
        )
        # An officer appears once per subject of an incident, a subject once per officer: one
        # link each (the unique constraints would skip the repeats; this spares the database).
        involved = {
            (reports[row.incident], officer_ids[(SOURCE, row.officer_key)]): None for row in rows
        }
        insert_rows(
            ForceReportOfficer,
            [
                {
                    "report_id": report_id,
                    "officer_id": officer_id,
                    "role": ForceReportOfficer.Role.USED_FORCE,
                }
                for report_id, officer_id in involved
            ],
        )
        subjects: dict[tuple[int, str], dict[str, Any]] = {}
        for row in rows:
            if row.subject_key:
                subjects.setdefault(
                    (reports[row.incident], row.subject_key),
                    {
                        "report_id": reports[row.incident],
                        "subject_key": row.subject_key,
                        "race": row.race,
                        "gender": row.gender,
                    },
                )
        insert_rows(ForceSubject, list(subjects.values()))
        return BatchResult(created=created, skipped=len(rows) - created)


class SeattleShootingImporter(Importer):
    """SPD_Officer_Involved_Shooting_*.csv: one row per officer; one shooting per incident."""

    kind = "seattle-uof:shootings"

    def begin(self) -> None:
        self.agency = seattle_agency()

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = clean(row.get("Incident Number")) or clean(row.get("FRB #"))
        if not key:
            raise RowError("Incident Number and FRB # are both empty")
        when = parse_datetime(row.get("Date / Time", ""), "Date / Time", SEATTLE)
        if when is None:
            raise RowError("Date / Time is empty")
        weapon = clean(row.get("Type of Weapon")) or (
            "unarmed"
            if parse_bool(row.get("Subject Weapon", ""), "Subject Weapon") is False
            else ""
        )
        return {
            "import_key": key[:120],
            "case_number": clean(row.get("FRB #"))[:60],
            "occurred_on": when.date(),
            "city": clean(row.get("City"))[:100] or "Seattle",
            "state": clean(row.get("State"))[:2] or "WA",
            "latitude": parse_float(row.get("Latitude", ""), "Latitude"),
            "longitude": parse_float(row.get("Longitude", ""), "Longitude"),
            "fatal": parse_bool(row.get("Fatal", ""), "Fatal"),
            "subject_age": parse_int(row.get("Subject Age", ""), "Subject Age"),
            "subject_gender": clean(row.get("Subject Gender"))[:30],
            "subject_race": clean(row.get("Subject Race"))[:60],
            "armed_with": weapon[:100],
            "investigating_agency": "Seattle Police Force Review Board",
            "investigation_finding": clean(row.get("Disposition"))[:200],
            "officer_disciplined": parse_bool(
                row.get("Officer Disciplined?", ""), "Officer Disciplined?"
            ),
            "summary": clean(row.get("Summary")),
        }

    def write(self, items: list[Item]) -> BatchResult:
        keys = {item.value["import_key"] for item in items}
        existing = set(imported_ids(OfficerInvolvedShooting, SOURCE, keys))
        counts: dict[str, int] = {}
        new: dict[str, OfficerInvolvedShooting] = {}
        for item in items:
            key = item.value["import_key"]
            counts[key] = counts.get(key, 0) + 1
            if key in existing or key in new:
                continue
            new[key] = OfficerInvolvedShooting(
                agency=self.agency, import_source=SOURCE, **item.value
            )
        for key, shooting in new.items():
            shooting.officers_involved = counts[key]
        OfficerInvolvedShooting.objects.bulk_create(list(new.values()))
        return BatchResult(created=len(new), skipped=len(items) - len(new))
