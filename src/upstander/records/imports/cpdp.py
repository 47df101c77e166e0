"""Chicago: the Citizens Police Data Project export (complaints, accused, TRR use of force).

Each file names its officers by a file-local id (a column ending "_ID"); the same person in two
files is matched on name and date appointed. Rows whose accused officer is a placeholder
("UNKNOWN") keep their allegation with no officer. Findings come in mixed case.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    OfficerIdentity,
    OfficerResolver,
    RowError,
    agency_get_or_create,
    category_for,
    clean,
    combine,
    discipline_insert,
    finding_for,
    imported_ids,
    insert_rows,
    parse_bool,
    parse_date,
    parse_int,
    unit_for,
    update_rows,
)
from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Assignment,
    Complaint,
    Finding,
    ForceReportOfficer,
    OfficerName,
    UseOfForceReport,
)

__all__ = [
    "CpdpAccusedImporter",
    "CpdpAssignmentImporter",
    "CpdpComplaintImporter",
    "CpdpForceActionImporter",
    "CpdpForceOfficerImporter",
    "CpdpForceReportImporter",
    "chicago_agency",
]

CHICAGO = ZoneInfo("America/Chicago")
COMPLAINTS = "cpdp:complaints"
FORCE = "cpdp:trr"


def chicago_agency() -> Agency:
    """Chicago Police Department."""
    return agency_get_or_create(slug="chicago-pd", name="Chicago Police Department", state="IL")


def _id_column(row: dict[str, str]) -> str:
    return next((name for name in row if name.endswith("_ID")), "")


def _identity(
    row: dict[str, str], source: str, day: Any = None, id_column: str | None = None
) -> OfficerIdentity:
    """The officer a row names; ``id_column`` (found from the row when not given) holds the
    file's officer id."""
    key = clean(row.get(_id_column(row) if id_column is None else id_column))
    appointed = parse_date(row.get("appointed_date", ""), "appointed_date")
    birth_year = parse_int(row.get("birth_year", ""), "birth_year")
    age = parse_int(row.get("age", ""), "age")
    if birth_year is None and age is not None and day is not None:
        birth_year = day.year - age
    star = clean(row.get("star") or row.get("current_star") or row.get("star1"))
    return OfficerIdentity(
        source=source,
        key=key,
        first_name=clean(row.get("first_name")),
        last_name=clean(row.get("last_name")),
        badge_number=star[:-2] if star.endswith(".0") else star,
        rank=clean(row.get("rank"))[:60],
        unit_name=clean(row.get("unit") or row.get("assigned_unit")),
        match=(("appointed_date", appointed.isoformat()),) if appointed else (),
        hired_on=appointed,
        birth_year=birth_year if birth_year and 1900 < birth_year < 2010 else None,
        gender=clean(row.get("gender")),
        race=clean(row.get("race")),
    )


class _Chicago(Importer):
    def __init__(self, label: str) -> None:
        self.label = label
        self.kind = f"cpdp:{label}"

    def begin(self) -> None:
        self.agency = chicago_agency()
        self.units: dict[str, int] = {}
        self.id_column: str | None = None

    def identity(self, row: dict[str, str], day: Any = None) -> OfficerIdentity:
        """The officer the row names (the file's id column is found once, from its first row)."""
        if self.id_column is None:
            self.id_column = _id_column(row)
        return _identity(row, f"cpdp:{self.label}", day, self.id_column)


class CpdpComplaintImporter(_Chicago):
    """complaints-complaints_*.csv: one complaint (CR) per row."""

    SOURCES = {"CPD EMPLOYEE": Complaint.Source.INTERNAL, "ANONYMOUS": Complaint.Source.ANONYMOUS}

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        number = clean(row.get("cr_id"))
        if not number:
            raise RowError("cr_id is empty")
        kind = clean(row.get("complainant_type")).upper()
        return {
            "number": number[:40],
            "source": self.SOURCES.get(kind, Complaint.Source.PUBLIC),
            "occurred_on": parse_date(row.get("incident_date", ""), "incident_date"),
            "received_on": parse_date(row.get("complaint_date", ""), "complaint_date"),
            "closed_on": parse_date(row.get("closed_date", ""), "closed_date"),
            "location": clean(row.get("address"))[:200],
            "beat": clean(row.get("beat")).removesuffix(".0")[:30],
            "investigating_agency": clean(row.get("investigating_agency"))[:100],
            "import_source": COMPLAINTS,
            "import_key": number[:120],
        }

    def write(self, items: list[Item]) -> BatchResult:
        numbers = {item.value["number"] for item in items}
        existing = set(
            Complaint.objects.filter(agency=self.agency, number__in=numbers)
            .order_by()  # the model's order would have the database sort every complaint
            .values_list("number", flat=True)
        )
        new = []
        for item in items:
            complaint: dict[str, Any] = item.value
            if complaint["number"] in existing:
                continue
            existing.add(complaint["number"])
            new.append({**complaint, "agency_id": self.agency.pk})
        insert_rows(Complaint, new)
        return BatchResult(created=len(new), skipped=len(items) - len(new))


class CpdpAccusedImporter(_Chicago):
    """complaints-accused_*.csv: one allegation against one officer per row."""

    def begin(self) -> None:
        super().begin()
        self.officers = OfficerResolver(self.agency)
        self.categories: dict[str, AllegationCategory] = {}

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        number = clean(row.get("cr_id"))
        if not number:
            raise RowError("cr_id is empty")
        identity = self.identity(row)
        # The 1967-1999 file has no row id and no names: a row is its complaint, officer and code.
        row_id = clean(row.get("row_id")) or (
            f"{number}:{identity.key}:{clean(row.get('complaint_category'))}"
        )
        description = clean(row.get("complaint_code") or row.get("complaint_description"))
        category = clean(row.get("allegation_category")) or description.split(":")[0].title()
        final_raw = clean(row.get("final_finding_desc") or row.get("final_finding"))
        return {
            "key": f"{self.label}:{row_id}"[:120],
            "cr_id": number,
            "identity": identity,
            "category": category or "Unspecified",
            "description": description,
            "recommended": finding_for(row.get("recommended_finding", "")),
            "final": finding_for(final_raw) or Finding.PENDING,
            "as_recorded": final_raw[:100],
            "penalty": clean(row.get("final_penalty") or row.get("final_discipline_desc")),
            "recommended_penalty": clean(row.get("recommended_penalty")),
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        complaints = dict(
            Complaint.objects.filter(agency=self.agency, number__in={r["cr_id"] for r in rows})
            .order_by()  # the model's order would have the database sort every complaint
            .values_list("number", "id")
        )
        existing = set(imported_ids(Allegation, COMPLAINTS, (r["key"] for r in rows)))
        officers = self.officers.resolve(r["identity"] for r in rows)
        result = BatchResult()
        new: list[dict[str, Any]] = []
        for item, row in zip(items, rows, strict=True):
            if row["key"] in existing:
                result.skipped += 1
                continue
            if row["cr_id"] not in complaints:
                result.rejects.append((item, f"cr_id {row['cr_id']} is not in the complaints file"))
                continue
            identity = row["identity"]
            existing.add(row["key"])
            new.append(
                {
                    "complaint_id": complaints[row["cr_id"]],
                    "officer_id": officers.get((identity.source, identity.key)),
                    "category_id": category_for(row["category"], self.categories).pk,
                    "description": row["description"][:300],
                    "recommended_finding": row["recommended"] or "",
                    "final_finding": row["final"],
                    "finding_as_recorded": row["as_recorded"],
                    "import_source": COMPLAINTS,
                    "import_key": row["key"],
                }
            )
        insert_rows(Allegation, new)
        discipline_insert(
            COMPLAINTS,
            {
                row["key"]: (row["recommended_penalty"], row["penalty"])
                for row in rows
                if row["final"] == Finding.SUSTAINED
                and (row["penalty"] or row["recommended_penalty"])
            },
        )
        result.created = len(new)
        return result


class CpdpForceReportImporter(_Chicago):
    """TRR-main_*.csv: one tactical response report (use of force) per row."""

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = clean(row.get("trr_id"))
        if not key:
            raise RowError("trr_id is empty")
        day = parse_date(row.get("trr_date", ""), "trr_date")
        if day is None:
            raise RowError("trr_date is empty")
        place = (
            f"{clean(row.get('block'))} {clean(row.get('direction'))} {clean(row.get('street'))}"
        )
        discharged = parse_int(row.get("number_of_weapons_discharged", ""), "weapons discharged")
        report = {
            "report_number": key[:40],
            "occurred_at": combine(day, row.get("trr_time", ""), CHICAGO),
            "location": " ".join(place.split())[:200],
            "beat": clean(row.get("beat")).removesuffix(".0")[:30],
            "call_type": clean(row.get("location_recode") or row.get("location"))[:100],
            "import_source": FORCE,
            "import_key": key[:120],
        }
        if discharged:  # otherwise the field's default, no force types
            report["force_types"] = ["firearm"]
        return report

    def write(self, items: list[Item]) -> BatchResult:
        # Reports already imported (by an earlier batch or run) are skipped by the insert.
        created = insert_rows(
            UseOfForceReport, [{**item.value, "agency_id": self.agency.pk} for item in items]
        )
        return BatchResult(created=created, skipped=len(items) - created)


def _reports(keys: set[str], *fields: str) -> dict[str, dict[str, Any]]:
    """The TRR reports with these ids: the named fields (and "id") of each, by TRR id."""
    return {
        report.pop("import_key"): report
        for report in UseOfForceReport.objects.filter(import_source=FORCE, import_key__in=keys)
        # The partial unique index's condition, so SQLite looks reports up by that index.
        .exclude(import_source="")
        .order_by()
        .values("id", "import_key", *fields)
    }


class CpdpForceOfficerImporter(_Chicago):
    """TRR-officers_*.csv: the member who used force in each report."""

    def begin(self) -> None:
        super().begin()
        self.officers = OfficerResolver(self.agency)

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = clean(row.get("trr_id"))
        if not key:
            raise RowError("trr_id is empty")
        day = parse_date(row.get("trr_date", ""), "trr_date")
        identity = self.identity(row, day)
        if not identity.key:
            raise RowError("officer id is empty")
        return {
            "trr_id": key,
            "identity": identity,
            "injured": parse_bool(row.get("injured", ""), "injured"),
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        reports = _reports({r["trr_id"] for r in rows}, "unit_id", "officer_injured")
        officers = self.officers.resolve(r["identity"] for r in rows)
        result = BatchResult()
        links: list[dict[str, Any]] = []
        changed: dict[int, dict[str, Any]] = {}
        for item, row in zip(items, rows, strict=True):
            report = reports.get(row["trr_id"])
            if report is None:
                result.rejects.append((item, f"trr_id {row['trr_id']} is not in the TRR main file"))
                continue
            identity = row["identity"]
            officer_id = officers.get((identity.source, identity.key))
            if officer_id is None:
                result.skipped += 1
                continue
            links.append(
                {
                    "report_id": report["id"],
                    "officer_id": officer_id,
                    "role": ForceReportOfficer.Role.USED_FORCE,
                }
            )
            # The report's unit is the unit of the member who used force; it scopes who sees it.
            unit_id = unit_for(self.agency, identity.unit_name, self.units)
            if report["unit_id"] is None and unit_id is not None:
                report["unit_id"] = unit_id
                changed[report["id"]] = report
            if row["injured"] and not report["officer_injured"]:
                report["officer_injured"] = True
                changed[report["id"]] = report
        # A link already there (a re-run, or the same member twice in the file) is skipped.
        result.created = insert_rows(ForceReportOfficer, links)
        result.skipped += len(links) - result.created
        update_rows(UseOfForceReport, ["unit_id", "officer_injured"], list(changed.values()))
        return result


class CpdpForceActionImporter(_Chicago):
    """TRR-actions-responses_*.csv: each member action and subject resistance in a report."""

    batch_size = 5000

    def prepare(self, row: dict[str, str]) -> tuple[str, str, str]:
        key = clean(row.get("trr_id"))
        action = clean(row.get("action")).lower()
        if not key or not action:
            raise RowError("trr_id and action are required")
        person = clean(row.get("person")).lower()
        if person.startswith("member"):
            return key, "force_types", action[:80]
        resistance = clean(row.get("resistance_type")).lower()
        return key, "subject_resistance", (resistance or action)[:80]

    def write(self, items: list[Item]) -> BatchResult:
        reports = _reports({item.value[0] for item in items}, "force_types", "subject_resistance")
        result = BatchResult()
        changed: dict[int, dict[str, Any]] = {}
        for item in items:
            key, field_name, value = item.value
            report = reports.get(key)
            if report is None:
                result.rejects.append((item, f"trr_id {key} is not in the TRR main file"))
                continue
            values = report[field_name]
            if value in values:
                result.skipped += 1
                continue
            values.append(value)
            changed[report["id"]] = report
            result.created += 1
        update_rows(UseOfForceReport, ["force_types", "subject_resistance"], list(changed.values()))
        return result


class CpdpAssignmentImporter(_Chicago):
    """unit-history_*.csv: each unit an officer served in, with dates, and the star worn."""

    def begin(self) -> None:
        super().begin()
        self.officers = OfficerResolver(self.agency)

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        identity = self.identity(row)
        if not identity.key:
            raise RowError("officer id is empty")
        if not identity.unit_name:
            raise RowError("unit is empty")
        star = clean(row.get("current_star")).removesuffix(".0")
        return {
            "identity": identity,
            "started_on": parse_date(row.get("unit_start_date", ""), "unit_start_date"),
            "ended_on": parse_date(row.get("unit_end_date", ""), "unit_end_date"),
            "star": star,
            "star_from": parse_date(row.get("star_start_date", ""), "star_start_date"),
            "star_to": parse_date(row.get("star_end_date", ""), "star_end_date"),
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        officers = self.officers.resolve(r["identity"] for r in rows)
        assignments, names = [], []
        for row in rows:
            identity = row["identity"]
            officer_id = officers.get((identity.source, identity.key))
            if officer_id is None:
                continue
            assignments.append(
                {
                    "officer_id": officer_id,
                    "unit_id": unit_for(self.agency, identity.unit_name, self.units),
                    "started_on": row["started_on"],
                    "ended_on": row["ended_on"],
                    "source": self.kind[:60],
                }
            )
            if row["star"]:
                names.append(
                    {
                        "officer_id": officer_id,
                        "first_name": identity.first_name[:100],
                        "last_name": identity.last_name[:100],
                        "badge_number": row["star"][:30],
                        "valid_from": row["star_from"],
                        "valid_to": row["star_to"],
                        "source": self.kind[:60],
                    }
                )
        held = set(
            Assignment.objects.filter(officer_id__in={a["officer_id"] for a in assignments})
            .order_by()
            .values_list("officer_id", "unit_id", "started_on")
        )
        new = [
            a for a in assignments if (a["officer_id"], a["unit_id"], a["started_on"]) not in held
        ]
        insert_rows(Assignment, new)
        insert_rows(OfficerName, names)
        return BatchResult(created=len(new), skipped=len(rows) - len(new))
