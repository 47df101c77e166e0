"""Chicago officers: the rosters, yearly salaries and award requests of the CPDP export.

Each file names officers by its own id (the last column ending "_ID"); a person is matched to
the officers other files created on name and date appointed, as everywhere in this export. The
rosters go first in a bundle, so they create the officers that later files join: they fill in
what an officer lacks (appointment, birth year, race, gender, badge) and set separation dates,
current rank and unit. Each star an officer wore is kept as a name-and-badge record, and as a
name-and-star key that officer witnesses (who carry no date appointed) are matched on.

The salary file's ``appointed_date`` is often the date of the current rank, so its
``org_hire_date`` is the date appointed used for matching.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    OfficerIdentity,
    OfficerResolver,
    RowError,
    clean,
    insert_rows,
    parse_date,
    parse_int,
    unit_for,
    update_rows,
)
from upstander.records.imports.cpdp import chicago_agency
from upstander.records.models import (
    Award,
    Officer,
    OfficerName,
    OfficerSourceLink,
    SalaryRecord,
)

__all__ = [
    "STAR_SOURCE",
    "CpdpAwardImporter",
    "CpdpRosterImporter",
    "CpdpSalaryImporter",
    "officer_identity",
    "service_date",
    "star_key",
]

#: Source of the name-and-star keys the rosters record for each star an officer wore.
STAR_SOURCE = "cpdp:stars"


def _number(raw: str | None) -> str:
    """A cell holding a number written as a float ("12683.0") as its digits."""
    value = clean(raw)
    return value[:-2] if value.endswith(".0") else value


def service_date(raw: str | None, what: str) -> date | None:
    """A date of an officer's service; rosters go back to 1936, before other records' dates."""
    value = clean(raw)
    try:
        return parse_date(value, what)
    except RowError:
        early = value[:10]
        try:
            day = date.fromisoformat(early)
        except ValueError:
            raise RowError(f"{what} {value!r} is not a date") from None
        if day.year < 1900:
            raise RowError(f"{what} {value!r} is before 1900") from None
        return day


def star_key(first_name: str, last_name: str, star: str) -> str:
    """The normalised name-and-star key for matching; "" when any part is missing."""
    parts = [last_name, first_name, star]
    if any(not p for p in parts):
        return ""
    return "|".join(" ".join(p.upper().split()) for p in parts)[:200]


def officer_identity(
    row: dict[str, str], source: str, *, appointed_column: str = "appointed_date"
) -> OfficerIdentity:
    """How a row of any CPDP officer file names its officer; RowError for unreadable fields."""
    id_column = next((name for name in reversed(row) if name.endswith("_ID")), "")
    hired = service_date(row.get(appointed_column), appointed_column)
    if hired is None and appointed_column != "appointed_date":
        hired = service_date(row.get("appointed_date"), "appointed_date")
    birth_year = parse_int(row.get("birth_year", ""), "birth_year")
    star = _number(row.get("star1") or row.get("current_star") or row.get("star"))
    return OfficerIdentity(
        source=source,
        key=_number(row.get(id_column)),
        first_name=clean(row.get("first_name")),
        last_name=clean(row.get("last_name")),
        badge_number=star,
        rank=clean(row.get("rank") or row.get("current_rank"))[:60],
        unit_name=_number(row.get("unit") or row.get("current_unit")),
        match=(("appointed_date", hired.isoformat()),) if hired else (),
        hired_on=hired,
        birth_year=birth_year if birth_year and 1900 < birth_year < 2010 else None,
        gender=clean(row.get("gender")),
        race=clean(row.get("race")),
    )


class _OfficerFile(Importer):
    """A file of rows each about one officer, resolved to officers before writing."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.kind = f"cpdp:{label}"
        self.source = f"cpdp:{label}"

    def begin(self) -> None:
        self.agency = chicago_agency()
        self.units: dict[str, int] = {}
        self.officers = OfficerResolver(self.agency)

    def identity(self, row: dict[str, str]) -> OfficerIdentity:
        identity = officer_identity(row, self.source)
        if not identity.key:
            raise RowError("officer id is empty")
        if OfficerResolver.is_placeholder(identity):
            raise RowError("officer has no name")
        return identity

    def officer_ids(self, rows: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
        return self.officers.resolve(r["identity"] for r in rows)

    def insert_per_officer(self, model: type[models.Model], items: list[Item]) -> BatchResult:
        """Insert one row per item for its officer; rows imported before are skipped by the
        unique (import_source, import_key) index, so a repeated batch adds nothing."""
        rows = [item.value for item in items]
        officer_ids = self.officer_ids(rows)
        new = [
            {
                **{name: value for name, value in row.items() if name != "identity"},
                "officer_id": officer_ids[(row["identity"].source, row["identity"].key)],
                "import_source": self.source[:60],
            }
            for row in rows
        ]
        created = insert_rows(model, new)
        return BatchResult(created=created, skipped=len(rows) - created)


class CpdpRosterImporter(_OfficerFile):
    """roster_*.csv and roster-inactive_*.csv: one officer per row, with stars and dates."""

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        identity = self.identity(row)
        separated = service_date(row.get("resignation_date"), "resignation_date")
        if separated is None and "vacate_effective_date" in row:
            separated = service_date(row["vacate_effective_date"], "vacate_effective_date")
        stars = []
        for number in range(1, 11):
            star = _number(row.get(f"star{number}"))
            if star and star not in stars:
                stars.append(star)
        return {"identity": identity, "separated_on": separated, "stars": stars}

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        keys = [r["identity"].key for r in rows]
        linked = set(
            OfficerSourceLink.objects.filter(source=self.source, source_key__in=keys).values_list(
                "source_key", flat=True
            )
        )
        officer_ids = self.officer_ids(rows)
        current: dict[int, dict[str, Any]] = {
            values["id"]: dict(values)
            for values in Officer.objects.filter(pk__in=set(officer_ids.values())).values(
                "id",
                "hired_on",
                "separated_on",
                "birth_year",
                "gender",
                "race",
                "badge_number",
                "rank",
                "unit_id",
            )
        }
        changed: dict[int, dict[str, Any]] = {}
        names: list[dict[str, Any]] = []
        star_links: list[dict[str, Any]] = []
        result = BatchResult()
        for row in rows:
            identity: OfficerIdentity = row["identity"]
            officer_id = officer_ids[(identity.source, identity.key)]
            if identity.key in linked:
                result.skipped += 1
            else:
                linked.add(identity.key)
                result.created += 1
            officer = current[officer_id]
            before = dict(officer)
            for name, value in (
                ("hired_on", identity.hired_on),
                ("birth_year", identity.birth_year),
                ("gender", identity.gender[:30]),
                ("race", identity.race[:60]),
            ):
                if value and not officer[name]:
                    officer[name] = value
            # Rosters are read oldest first: a later one's star, rank, unit and separation win.
            if identity.badge_number:
                officer["badge_number"] = identity.badge_number[:30]
            if identity.rank:
                officer["rank"] = identity.rank
            unit_id = unit_for(self.agency, identity.unit_name, self.units)
            if unit_id is not None:
                officer["unit_id"] = unit_id
            if row["separated_on"]:
                officer["separated_on"] = row["separated_on"]
            if officer != before:
                changed[officer_id] = officer
            for star in row["stars"]:
                names.append(
                    {
                        "officer_id": officer_id,
                        "first_name": identity.first_name[:100],
                        "last_name": identity.last_name[:100],
                        "badge_number": star[:30],
                        "rank": identity.rank,
                        "source": self.source[:60],
                    }
                )
                key = star_key(identity.first_name, identity.last_name, star)
                star_links.append(
                    {
                        "officer_id": officer_id,
                        "source": STAR_SOURCE,
                        "source_key": key[:120],
                        "match_key": key,
                        "evidence": {"star_of": f"{self.source}:{identity.key}"},
                    }
                )
        fields = [
            "hired_on",
            "separated_on",
            "birth_year",
            "gender",
            "race",
            "badge_number",
            "rank",
            "unit_id",
        ]
        update_rows(Officer, fields, list(changed.values()))
        insert_rows(OfficerName, names)
        insert_rows(OfficerSourceLink, star_links)
        return result


def _money(raw: str) -> Decimal | None:
    value = clean(raw).replace("$", "").replace(",", "")
    if not value:
        return None
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise RowError(f"salary {raw!r} is not an amount") from exc
    if amount < 0 or amount >= Decimal("100000000"):
        raise RowError(f"salary {raw!r} is out of range")
    return amount


class CpdpSalaryImporter(_OfficerFile):
    """salary_*.csv: an officer's rank and pay in one year (two rows in a year of promotion).

    Its row_id counts from 1 within each year, so a row is known by year and row_id.
    """

    def identity(self, row: dict[str, str]) -> OfficerIdentity:
        identity = officer_identity(row, self.source, appointed_column="org_hire_date")
        if not identity.key:
            raise RowError("officer id is empty")
        if OfficerResolver.is_placeholder(identity):
            raise RowError("officer has no name")
        return identity

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        row_id = clean(row.get("row_id"))
        if not row_id:
            raise RowError("row_id is empty")
        year = parse_int(row.get("year", ""), "year")
        if year is None or not 1950 <= year <= date.today().year:
            raise RowError(f"year {row.get('year')!r} is missing or implausible")
        return {
            "identity": self.identity(row),
            "year": year,
            "rank": clean(row.get("rank"))[:100],
            "salary": _money(row.get("salary", "")),
            "pay_grade": clean(row.get("pay_grade"))[:20],
            "employee_status": clean(row.get("employee_status"))[:60],
            # row_id starts again at 1 for each year.
            "import_key": f"{self.label}:{year}:{row_id}"[:120],
        }

    def write(self, items: list[Item]) -> BatchResult:
        return self.insert_per_officer(SalaryRecord, items)


class CpdpAwardImporter(_OfficerFile):
    """awards_*.csv: one award request per row, with its type, dates and status."""

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        row_id = clean(row.get("row_id"))
        if not row_id:
            raise RowError("row_id is empty")
        kind = clean(row.get("award_type"))
        if not kind:
            raise RowError("award_type is empty")
        return {
            "identity": self.identity(row),
            "kind": kind[:200],
            "status": clean(row.get("current_award_status"))[:60],
            "tracking_number": _number(row.get("tracking_no"))[:40],
            "requested_on": parse_date(row.get("award_request_date", ""), "award_request_date"),
            "started_on": parse_date(row.get("award_start_date", ""), "award_start_date"),
            "ended_on": parse_date(row.get("award_end_date", ""), "award_end_date"),
            "ceremony_on": parse_date(row.get("ceremony_date", ""), "ceremony_date"),
            "description": clean(row.get("award_incident_description")),
            "import_key": f"{self.label}:{row_id}"[:120],
        }

    def write(self, items: list[Item]) -> BatchResult:
        return self.insert_per_officer(Award, items)
