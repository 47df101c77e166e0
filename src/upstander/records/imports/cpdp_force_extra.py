"""Chicago use of force, beyond the report and its members: subjects, weapons, discharges, review.

- TRR-subjects_* (2021-2023): each person force was used on, keyed by the hashed central
  booking number where there is one, so repeat subjects can be spotted; no names.
- TRR-subject-weapons_* (2004-2018): weapons the subject had, added to the report's weapons.
- TRR-weapon-discharges_* (both periods): each firearm, taser or chemical weapon discharged;
  fields other than weapon, shots, make and model are kept as details (taser cartridge, probe
  and arc fields, distance, what was struck). The 2004-2018 file's header names a
  ``weapon_type_description`` column its rows do not have: every later value sits one column
  left of its name (the make under the description, the shot count under the caliber), and
  the last column holds the member's position. Rows of that file are read by position.
- TRR-statuses_* (2021-2023): the supervisor who reviewed the report, linked as supervising.
  The file has no officer id, so the supervisor's key is their name, star and date appointed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    OfficerResolver,
    RowError,
    clean,
    insert_rows,
    parse_bool,
    parse_int,
    update_rows,
)
from upstander.records.imports.cpdp import FORCE, chicago_agency
from upstander.records.imports.cpdp_people import officer_identity
from upstander.records.models import (
    ForceDischarge,
    ForceReportOfficer,
    ForceSubject,
    UseOfForceReport,
)

__all__ = [
    "CpdpForceDischargeImporter",
    "CpdpForceReviewImporter",
    "CpdpForceSubjectImporter",
    "CpdpSubjectWeaponImporter",
]


def _flag(raw: str | None, what: str) -> bool | None:
    """A yes/no cell; anything else (a free-text answer in a flag column) as unknown."""
    try:
        return parse_bool(raw or "", what)
    except RowError:
        return None


class _ForceFile(Importer):
    def __init__(self, label: str) -> None:
        self.label = label
        self.kind = f"cpdp:{label}"
        self.source = f"cpdp:{label}"[:60]

    def begin(self) -> None:
        self.agency = chicago_agency()

    @staticmethod
    def trr_id(row: dict[str, str]) -> str:
        key = clean(row.get("trr_id"))
        if not key:
            raise RowError("trr_id is empty")
        return key

    @staticmethod
    def reports(keys: set[str], *fields: str) -> dict[str, dict[str, Any]]:
        """The reports with these TRR ids, as dicts of id and the fields asked for."""
        rows = UseOfForceReport.objects.filter(import_source=FORCE, import_key__in=keys)
        return {values["import_key"]: values for values in rows.values("id", "import_key", *fields)}


class CpdpForceSubjectImporter(_ForceFile):
    """TRR-subjects_*: one subject per row; marks the report when the subject was injured."""

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = self.trr_id(row)
        booking = clean(row.get("subject_cb_no"))
        row_id = clean(row.get("row_id"))
        if not booking and not row_id:
            raise RowError("subject_cb_no and row_id are both empty")
        birth_year = parse_int(row.get("birth_year", ""), "birth_year")
        return {
            "trr_id": key,
            "subject_key": (f"cb:{booking}" if booking else f"row:{row_id}")[:60],
            "race": clean(row.get("race"))[:60],
            "gender": clean(row.get("gender"))[:30],
            "birth_year": birth_year,
            "injured": _flag(row.get("injured"), "injured"),
            "armed_with": clean(row.get("armed_with"))[:100],
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        reports = self.reports({r["trr_id"] for r in rows}, "occurred_at", "subject_injured")
        ids = [report["id"] for report in reports.values()]
        existing = set(
            ForceSubject.objects.filter(report_id__in=ids).values_list("report_id", "subject_key")
        )
        result = BatchResult()
        new, injured = [], set()
        for item, row in zip(items, rows, strict=True):
            report = reports.get(row["trr_id"])
            if report is None:
                result.rejects.append((item, f"trr_id {row['trr_id']} is not in the TRR main file"))
                continue
            if (report["id"], row["subject_key"]) in existing:
                result.skipped += 1
                continue
            existing.add((report["id"], row["subject_key"]))
            age = None
            if row["birth_year"]:
                age = report["occurred_at"].year - row["birth_year"]
            new.append(
                {
                    "report_id": report["id"],
                    "subject_key": row["subject_key"],
                    "race": row["race"],
                    "gender": row["gender"],
                    "age": age if age is not None and 0 <= age < 120 else None,
                    "injured": row["injured"],
                    "armed_with": row["armed_with"],
                }
            )
            if row["injured"] and not report["subject_injured"]:
                injured.add(report["id"])
        insert_rows(ForceSubject, new)
        update_rows(
            UseOfForceReport,
            ["subject_injured"],
            [{"id": pk, "subject_injured": True} for pk in injured],
        )
        result.created = len(new)
        return result


class CpdpSubjectWeaponImporter(_ForceFile):
    """TRR-subject-weapons_*: a weapon per row, added once to its report's weapons."""

    batch_size = 5000

    def prepare(self, row: dict[str, str]) -> tuple[str, str]:
        key = self.trr_id(row)
        weapon = clean(row.get("weapon_type"))
        described = clean(row.get("weapon_description"))
        if weapon.upper().startswith("OTHER") and described:
            weapon = described
        if not weapon:
            raise RowError("weapon_type is empty")
        return key, weapon.lower()[:80]

    def write(self, items: list[Item]) -> BatchResult:
        reports = self.reports({item.value[0] for item in items}, "weapons")
        result = BatchResult()
        changed: dict[int, dict[str, Any]] = {}
        for item in items:
            key, weapon = item.value
            report = reports.get(key)
            if report is None:
                result.rejects.append((item, f"trr_id {key} is not in the TRR main file"))
                continue
            if weapon in report["weapons"]:
                result.skipped += 1
                continue
            report["weapons"].append(weapon)
            changed[report["id"]] = report
            result.created += 1
        update_rows(
            UseOfForceReport,
            ["weapons"],
            [{"id": r["id"], "weapons": r["weapons"]} for r in changed.values()],
        )
        return result


#: The 2004-2018 discharges header, and the columns its rows actually hold.
SHIFTED_HEADER = "weapon_type_description"
ACTUAL_COLUMNS = [
    "row_id",
    "trr_id",
    "weapon_type",
    "firearm_make",
    "firearm_model",
    "firearm_barrel_length",
    "firearm_caliber",
    "total_number_of_shots",
    "firearm_reloaded",
    "number_of_cartridges_reloaded",
    "handgun_worn_type",
    "handgun_drawn_type",
    "method_used_to_reload",
    "sight_used",
    "protective_cover_used",
    "discharge_distance",
    "object_struck_of_discharge",
    "member_position",
]


class CpdpForceDischargeImporter(_ForceFile):
    """TRR-weapon-discharges_*: one weapon discharged per row."""

    SKIP = {"row_id", "trr_id"}

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        if SHIFTED_HEADER in row and len(row) == len(ACTUAL_COLUMNS):
            row = dict(zip(ACTUAL_COLUMNS, row.values(), strict=True))
        key = self.trr_id(row)
        row_id = clean(row.get("row_id"))
        if not row_id:
            raise RowError("row_id is empty")
        weapon = clean(row.get("weapon_type") or row.get("weapon_type_new_trr"))
        if not weapon:
            raise RowError("weapon_type is empty")
        shots = parse_int(
            row.get("total_number_of_shots") or row.get("weapon_dischrg_count_new_trr") or "",
            "total_number_of_shots",
        )
        if shots is not None and not 0 <= shots < 1000:
            raise RowError(f"total_number_of_shots {shots} is implausible")
        used = {"weapon_type", "weapon_type_new_trr", "total_number_of_shots"}
        used |= {"firearm_make", "firearm_model", "weapon_dischrg_count_new_trr"}
        details = {
            name: clean(value)
            for name, value in row.items()
            if name not in self.SKIP | used and clean(value)
        }
        return {
            "trr_id": key,
            "weapon": weapon[:100],
            "shots": shots,
            "firearm_make": clean(row.get("firearm_make"))[:100],
            "firearm_model": clean(row.get("firearm_model")).removesuffix(".0")[:100],
            "details": details,
            "import_key": f"{self.label}:{row_id}"[:120],
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        reports = self.reports({r["trr_id"] for r in rows})
        existing = set(
            ForceDischarge.objects.filter(
                import_source=self.source, import_key__in=[r["import_key"] for r in rows]
            ).values_list("import_key", flat=True)
        )
        result = BatchResult()
        new = []
        for item, row in zip(items, rows, strict=True):
            if row["import_key"] in existing:
                result.skipped += 1
                continue
            report = reports.get(row["trr_id"])
            if report is None:
                result.rejects.append((item, f"trr_id {row['trr_id']} is not in the TRR main file"))
                continue
            existing.add(row["import_key"])
            trr_id = row.pop("trr_id")
            new.append({**row, "report_id": reports[trr_id]["id"], "import_source": self.source})
        insert_rows(ForceDischarge, new)
        result.created = len(new)
        return result


class CpdpForceReviewImporter(_ForceFile):
    """TRR-statuses_*: the reviewing supervisor of each report."""

    def begin(self) -> None:
        super().begin()
        self.officers = OfficerResolver(self.agency)

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = self.trr_id(row)
        identity = officer_identity(row, self.source)
        if OfficerResolver.is_placeholder(identity):
            raise RowError("the reviewing supervisor has no name")
        appointed = identity.hired_on.isoformat() if identity.hired_on else ""
        made = "|".join([identity.last_name, identity.first_name, identity.badge_number, appointed])
        return {"trr_id": key, "identity": replace(identity, key=made.upper()[:120])}

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        reports = self.reports({r["trr_id"] for r in rows})
        officers = self.officers.resolve(r["identity"] for r in rows)
        existing = set(
            ForceReportOfficer.objects.filter(
                report_id__in=[r["id"] for r in reports.values()],
                role=ForceReportOfficer.Role.SUPERVISED,
            ).values_list("report_id", "officer_id")
        )
        result = BatchResult()
        links = []
        for item, row in zip(items, rows, strict=True):
            report = reports.get(row["trr_id"])
            if report is None:
                result.rejects.append((item, f"trr_id {row['trr_id']} is not in the TRR main file"))
                continue
            identity = row["identity"]
            pair = (report["id"], officers[(identity.source, identity.key)])
            if pair in existing:
                result.skipped += 1
                continue
            existing.add(pair)
            links.append(
                {
                    "report_id": pair[0],
                    "officer_id": pair[1],
                    "role": ForceReportOfficer.Role.SUPERVISED,
                }
            )
        insert_rows(ForceReportOfficer, links)
        result.created = len(links)
        return result
