"""Any agency's use-of-force export, loaded through a YAML mapping file instead of code.

A mapping names the agency, the dataset (``source``), the column holding the incident id
(rows that share it are one report), and for each report field the column(s) it comes from,
optionally with date formats, a value map and a separator for cells holding several values.
See ``tests/data/records/mapping-example.yaml`` for a complete example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from upstander.records.imports.base import (
    NULLS,
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
    UseOfForceReport,
)

__all__ = ["FieldSpec", "Mapping", "MappingError", "MappingImporter", "mapping_load"]

REPORT_FIELDS: dict[str, str] = {
    "report_number": "text",
    "occurred_at": "datetime",
    "location": "text",
    "beat": "text",
    "latitude": "float",
    "longitude": "float",
    "call_type": "text",
    "narrative": "text",
    "force_types": "list",
    "force_level": "text",
    "subject_resistance": "list",
    "weapons": "list",
    "subject_injured": "bool",
    "officer_injured": "bool",
    "injuries": "text",
    "warning_given": "bool",
    "deescalation_attempted": "bool",
    "camera_recorded": "bool",
    "camera_status": "text",
    "unit": "text",
}
OFFICER_FIELDS = {"key", "first_name", "last_name", "badge_number", "rank", "role"}
SUBJECT_FIELDS = {"key": "text", "race": "text", "gender": "text", "age": "int", "injured": "bool"}
TEXT_LIMITS = {"report_number": 40, "beat": 30, "call_type": 100, "force_level": 40}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the setting to fix."""


@dataclass(frozen=True)
class FieldSpec:
    """Where one field's value comes from and how to read it."""

    columns: tuple[str, ...]
    kind: str
    formats: tuple[str, ...] = ()
    split: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    default: Any = None

    def read(self, row: dict[str, str], name: str, tz: ZoneInfo) -> Any:
        """The field's value from a row, converted to its type; RowError when unreadable."""
        parts = [clean(row.get(column)) for column in self.columns]
        raw = " ".join(part for part in parts if part)
        if self.kind == "list":
            pieces = [p.strip() for p in raw.split(self.split)] if self.split else [raw]
            mapped = [self.values.get(p, p) for p in pieces if p]
            return [str(m) for m in dict.fromkeys(mapped) if m not in (None, "")]
        if raw in self.values:
            return self.values[raw]
        if not raw:
            return self.default
        if self.kind == "datetime":
            return parse_datetime(raw, name, tz, self.formats or None)
        if self.kind == "bool":
            return parse_bool(raw, name)
        if self.kind == "int":
            return parse_int(raw, name)
        if self.kind == "float":
            return parse_float(raw, name)
        return raw[: TEXT_LIMITS.get(name, 200)]


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping file."""

    source: str
    agency: dict[str, str]
    key: tuple[str, ...]
    fields: dict[str, FieldSpec]
    officer: dict[str, FieldSpec]
    officer_role: str
    subject: dict[str, FieldSpec]
    timezone: ZoneInfo
    columns: list[str] | None
    delimiter: str
    encoding: str
    null_values: frozenset[str]


def _spec(name: str, raw: Any, kind: str) -> FieldSpec:
    if isinstance(raw, str):
        return FieldSpec(columns=(raw,), kind=kind)
    if not isinstance(raw, dict):
        raise MappingError(f"field {name!r} must be a column name or a mapping with 'column'")
    columns = raw.get("columns") or [raw.get("column")]
    if not all(isinstance(c, str) and c for c in columns):
        raise MappingError(f"field {name!r} needs 'column' or 'columns'")
    formats = raw.get("formats") or ([raw["format"]] if raw.get("format") else [])
    values = raw.get("map") or {}
    if not isinstance(values, dict):
        raise MappingError(f"'map' of field {name!r} must map source values to ours")
    return FieldSpec(
        columns=tuple(columns),
        kind=kind,
        formats=tuple(formats),
        split=str(raw.get("split", "")),
        values={str(k): v for k, v in values.items()},
        default=raw.get("default"),
    )


def mapping_load(path: Path) -> Mapping:
    """Read and check a mapping file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"cannot read the mapping file {path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError("the mapping file must hold a YAML mapping")
    if data.get("target", "force_report") != "force_report":
        raise MappingError("only 'target: force_report' is supported")
    agency = data.get("agency")
    if not isinstance(agency, dict) or not agency.get("name") or not agency.get("slug"):
        raise MappingError("'agency' needs a 'slug' and a 'name'")
    source = str(data.get("source", "")).strip()
    if not source:
        raise MappingError("'source' must name the dataset, e.g. 'dallas-r2r'")
    raw_fields = data.get("fields") or {}
    unknown = sorted(set(raw_fields) - set(REPORT_FIELDS))
    if unknown:
        raise MappingError(f"unknown fields {unknown}; known: {sorted(REPORT_FIELDS)}")
    for required in ("report_number", "occurred_at"):
        if required not in raw_fields:
            raise MappingError(f"'fields' must map {required!r}")
    raw_officer = data.get("officer") or {}
    role = str(raw_officer.pop("role", ForceReportOfficer.Role.USED_FORCE))
    if role not in ForceReportOfficer.Role.values:
        raise MappingError(f"officer role {role!r} is not one of {ForceReportOfficer.Role.values}")
    if set(raw_officer) - OFFICER_FIELDS:
        raise MappingError(f"unknown officer fields {sorted(set(raw_officer) - OFFICER_FIELDS)}")
    raw_subject = data.get("subject") or {}
    if set(raw_subject) - set(SUBJECT_FIELDS):
        raise MappingError(
            f"unknown subject fields {sorted(set(raw_subject) - set(SUBJECT_FIELDS))}"
        )
    try:
        zone = ZoneInfo(str(data.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise MappingError(f"unknown timezone {data.get('timezone')!r}") from exc
    key = data.get("key") or raw_fields["report_number"]
    key_columns = [key] if isinstance(key, str) else list(key.get("columns") or [key.get("column")])
    columns = data.get("columns")
    return Mapping(
        source=source[:60],
        agency={k: str(v) for k, v in agency.items()},
        key=tuple(str(c) for c in key_columns),
        fields={n: _spec(n, spec, REPORT_FIELDS[n]) for n, spec in raw_fields.items()},
        officer={n: _spec(n, spec, "text") for n, spec in raw_officer.items()},
        officer_role=role,
        subject={n: _spec(n, spec, SUBJECT_FIELDS[n]) for n, spec in raw_subject.items()},
        timezone=zone,
        columns=[str(c) for c in columns] if columns else None,
        delimiter=str(data.get("delimiter", ",")),
        encoding=str(data.get("encoding", "utf-8-sig")),
        null_values=frozenset(str(v).upper() for v in data.get("null_values") or []),
    )


class MappingImporter(Importer):
    """Rows of any CSV export made into use-of-force reports by a mapping."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.kind = f"csv:{mapping.source}"[:60]
        self.columns = mapping.columns
        self.delimiter = mapping.delimiter
        self.encoding = mapping.encoding

    def begin(self) -> None:
        agency = self.mapping.agency
        self.agency: Agency = agency_get_or_create(
            slug=agency["slug"],
            name=agency["name"],
            state=agency.get("state", ""),
            kind=agency.get("kind", Agency.Kind.MUNICIPAL),
        )
        self.officers = OfficerResolver(self.agency)
        self.units: dict[str, int] = {}

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        m = self.mapping
        if m.null_values - NULLS:
            row = {k: "" if v.strip().upper() in m.null_values else v for k, v in row.items()}
        key = "|".join(clean(row.get(column)) for column in m.key)
        if not key.strip("|"):
            raise RowError(f"the incident id ({', '.join(m.key)}) is empty")
        report = {name: spec.read(row, name, m.timezone) for name, spec in m.fields.items()}
        if not report.get("report_number"):
            raise RowError("report_number is empty")
        if report.get("occurred_at") is None:
            raise RowError("occurred_at is empty")
        camera = report.get("camera_status")
        if camera is not None and camera not in UseOfForceReport.Camera.values:
            raise RowError(
                f"camera_status {camera!r} is not one of {UseOfForceReport.Camera.values}"
            )
        officer = {n: spec.read(row, n, m.timezone) or "" for n, spec in m.officer.items()}
        subject = {n: spec.read(row, n, m.timezone) for n, spec in m.subject.items()}
        return {"key": key[:120], "report": report, "officer": officer, "subject": subject}

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        source = self.mapping.source
        reports = imported_ids(UseOfForceReport, source, (r["key"] for r in rows))
        new: dict[str, dict[str, Any]] = {}
        for row in rows:
            if row["key"] in reports:
                continue
            fields = dict(row["report"])
            if row["key"] in new:
                report = new[row["key"]]
                for name in ("force_types", "subject_resistance", "weapons"):
                    merged = [*report.get(name, []), *fields.get(name, [])]
                    report[name] = list(dict.fromkeys(merged))
                continue
            unit = fields.pop("unit", None)
            new[row["key"]] = {
                **{k: v for k, v in fields.items() if v is not None},
                "agency_id": self.agency.pk,
                "unit_id": unit_for(self.agency, unit or "", self.units),
                "import_source": source,
                "import_key": row["key"],
            }
        insert_rows(UseOfForceReport, list(new.values()))
        if new:
            reports.update(imported_ids(UseOfForceReport, source, new))
        self._people(rows, reports, set(new))
        return BatchResult(created=len(new), skipped=len(rows) - len(new))

    def _people(self, rows: list[dict[str, Any]], reports: dict[str, int], new: set[str]) -> None:
        source = f"{self.mapping.source}:officers"[:60]
        identities: list[tuple[int, OfficerIdentity]] = []
        for row in rows:
            officer = row["officer"]
            key = officer.get("key") or officer.get("badge_number")
            if key:
                identity = OfficerIdentity(
                    source=source,
                    key=str(key),
                    first_name=officer.get("first_name") or "Officer",
                    last_name=officer.get("last_name") or str(key),
                    badge_number=str(officer.get("badge_number", ""))[:30],
                    rank=str(officer.get("rank", "")),
                )
                identities.append((reports[row["key"]], identity))
        resolved = self.officers.resolve(identity for _, identity in identities)
        insert_rows(
            ForceReportOfficer,
            [
                {
                    "report_id": report_id,
                    "officer_id": resolved[(source, identity.key)],
                    "role": self.mapping.officer_role,
                }
                for report_id, identity in identities
                if (source, identity.key) in resolved
            ],
        )
        subjects: dict[tuple[Any, ...], ForceSubject] = {}
        for row in rows:
            subject = row["subject"]
            if not any(v not in (None, "") for v in subject.values()):
                continue
            key = str(subject.get("key") or "")[:60]
            # A subject without an id can only be told apart on the report's first import, and
            # rows of one incident (one per officer) describing the same person are one subject.
            if not key and row["key"] not in new:
                continue
            person = (reports[row["key"]], key or tuple(sorted(subject.items())))
            subjects[person] = ForceSubject(
                report_id=reports[row["key"]],
                subject_key=key,
                race=str(subject.get("race") or "")[:60],
                gender=str(subject.get("gender") or "")[:30],
                age=subject.get("age"),
                injured=subject.get("injured"),
            )
        ForceSubject.objects.bulk_create(list(subjects.values()), ignore_conflicts=True)
