"""Chicago complaints: the people on each complaint, and the CLEAR complaints with narratives.

The complainants, victims and witnesses files name complaints as "YYYY-0NNNNNN" log numbers
where the complaints files use the bare CLEAR number ("2000-0258960" is complaint 258960); a
number is read that way only when the bare form has six or more digits and is not itself known.
Members of the public are kept by demographics only. Officer witnesses and investigators are
linked to an officer only when they match one already known (on name and date appointed, or
name and star), never created: many investigators are civilians. Birth years outside 1900 to
the complaint's year are impossible and dropped, keeping the row.

complaints-complaints-clear_* is the older CLEAR system's view of 2000-2019 complaints: more
than half are in no other complaints file, and it alone has the narrative. A complaint already
imported gets the narrative (and any dates it lacks); others are created. Its cr_ids repeat (one
row per category); the first row of a complaint wins.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    RowError,
    clean,
    insert_rows,
    parse_date,
    parse_int,
    update_rows,
)
from upstander.records.imports.cpdp import COMPLAINTS, chicago_agency
from upstander.records.imports.cpdp_people import STAR_SOURCE, service_date, star_key
from upstander.records.models import Complaint, ComplaintPerson, OfficerSourceLink

__all__ = ["ROLES", "CpdpClearComplaintImporter", "CpdpComplaintPartyImporter"]

#: File name prefix -> the role of the people it lists.
ROLES = {
    "complaints-complainants_": ComplaintPerson.Role.COMPLAINANT,
    "complaints-victims_": ComplaintPerson.Role.VICTIM,
    "complaints-civilian-witnesses_": ComplaintPerson.Role.CIVILIAN_WITNESS,
    "complaints-CPD-witnesses_": ComplaintPerson.Role.OFFICER_WITNESS,
    "complaints-investigators_": ComplaintPerson.Role.INVESTIGATOR,
}
OFFICER_ROLES = {ComplaintPerson.Role.OFFICER_WITNESS, ComplaintPerson.Role.INVESTIGATOR}
LOG_NUMBER = re.compile(r"(\d{4})-0*(\d{6,})")


def complaint_ids(agency_id: int, numbers: set[str]) -> dict[str, int]:
    """Complaint ids by the number a file uses, trying the bare CLEAR number for log numbers."""
    found = dict(
        Complaint.objects.filter(agency_id=agency_id, number__in=numbers).values_list(
            "number", "id"
        )
    )
    bare = {}
    for number in numbers - set(found):
        match = LOG_NUMBER.fullmatch(number)
        if match:
            bare[match[2]] = number
    if bare:
        rows = Complaint.objects.filter(agency_id=agency_id, number__in=list(bare))
        for number, pk in rows.values_list("number", "id"):
            found[bare[number]] = pk
    return found


class CpdpComplaintPartyImporter(Importer):
    """complaints-{complainants,victims,civilian-witnesses,CPD-witnesses,investigators}_*."""

    def __init__(self, label: str, role: ComplaintPerson.Role) -> None:
        self.label = label
        self.role = role
        self.kind = f"cpdp:{label}"
        self.source = f"cpdp:{label}"[:60]

    def begin(self) -> None:
        self.agency = chicago_agency()

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        number = clean(row.get("cr_id"))
        if not number:
            raise RowError("cr_id is empty")
        row_id = clean(row.get("row_id"))
        if not row_id:
            raise RowError("row_id is empty")
        try:
            birth_year = parse_int(row.get("birth_year", ""), "birth_year")
        except RowError:
            birth_year = None
        year = LOG_NUMBER.fullmatch(number)
        latest = min(int(year[1]) if year else date.today().year, date.today().year)
        value: dict[str, Any] = {
            "cr_id": number[:40],
            "race": clean(row.get("race"))[:60],
            "gender": clean(row.get("gender"))[:30],
            "birth_year": birth_year if birth_year and 1900 <= birth_year <= latest else None,
            "injury": clean(row.get("injury_condition"))[:200],
            "import_key": f"{self.label}:{row_id}"[:120],
        }
        if self.role in OFFICER_ROLES:
            first, last = clean(row.get("first_name")), clean(row.get("last_name"))
            star = clean(row.get("star")).removesuffix(".0")
            try:
                appointed = service_date(row.get("appointed_date"), "appointed_date")
            except RowError:
                appointed = None
            value["keys"] = [
                key
                for key in (
                    star_key(first, last, appointed.isoformat() if appointed else ""),
                    star_key(first, last, star),
                )
                if key
            ]
        return value

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        complaints = complaint_ids(self.agency.pk, {r["cr_id"] for r in rows})
        existing = set(
            ComplaintPerson.objects.filter(
                import_source=self.source, import_key__in=[r["import_key"] for r in rows]
            ).values_list("import_key", flat=True)
        )
        officers = self._officers({key for r in rows for key in r.get("keys", [])})
        result = BatchResult()
        new = []
        for item, row in zip(items, rows, strict=True):
            if row["import_key"] in existing:
                result.skipped += 1
                continue
            if row["cr_id"] not in complaints:
                result.rejects.append((item, f"cr_id {row['cr_id']} is not a known complaint"))
                continue
            existing.add(row["import_key"])
            officer_id = next((officers[k] for k in row.get("keys", []) if k in officers), None)
            new.append(
                {
                    "complaint_id": complaints[row["cr_id"]],
                    "role": self.role,
                    "officer_id": officer_id,
                    "race": row["race"],
                    "gender": row["gender"],
                    "birth_year": row["birth_year"],
                    "injury": row["injury"],
                    "import_source": self.source,
                    "import_key": row["import_key"],
                }
            )
        insert_rows(ComplaintPerson, new)
        result.created = len(new)
        return result

    def _officers(self, keys: set[str]) -> dict[str, int]:
        """Officers already known under these name-and-date or name-and-star keys."""
        if not keys:
            return {}
        found: dict[str, int] = {}
        links = OfficerSourceLink.objects.filter(
            match_key__in=list(keys), officer__agency=self.agency
        ).order_by("source", "id")
        for key, officer_id, source in links.values_list("match_key", "officer_id", "source"):
            # A name-and-star key recorded from a roster beats one another file guessed.
            if key not in found or source == STAR_SOURCE:
                found[key] = officer_id
        return found


class CpdpClearComplaintImporter(Importer):
    """complaints-complaints-clear_*: CLEAR's complaints, with the narrative of each."""

    SOURCES = {"CPD EMPLOYEE": Complaint.Source.INTERNAL, "ANONYMOUS": Complaint.Source.ANONYMOUS}

    def __init__(self, label: str) -> None:
        self.label = label
        self.kind = f"cpdp:{label}"

    def begin(self) -> None:
        self.agency = chicago_agency()

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
            "location": clean(row.get("location_code"))[:200],
            "beat": clean(row.get("beat")).removesuffix(".0")[:30],
            "investigating_agency": clean(row.get("investigating_agency"))[:100],
            "summary": clean(row.get("narrative")),
        }

    def write(self, items: list[Item]) -> BatchResult:
        numbers = {item.value["number"] for item in items}
        known: dict[str, dict[str, Any]] = {
            values["number"]: dict(values)
            for values in Complaint.objects.filter(agency=self.agency, number__in=numbers).values(
                "id", "number", "summary", "occurred_on", "received_on", "closed_on"
            )
        }
        new: dict[str, dict[str, Any]] = {}
        changed: dict[int, dict[str, Any]] = {}
        for item in items:
            complaint: dict[str, Any] = item.value
            number = complaint["number"]
            if number in new:
                continue  # a repeated cr_id: the first row made the complaint
            found = known.get(number)
            if found is None:
                new[number] = {
                    **complaint,
                    "agency_id": self.agency.pk,
                    "import_source": COMPLAINTS,
                    "import_key": number[:120],
                }
                continue
            before = dict(found)
            for name in ("summary", "occurred_on", "received_on", "closed_on"):
                if complaint[name] and not found[name]:
                    found[name] = complaint[name]
            if found != before:
                changed[found["id"]] = found
        insert_rows(Complaint, list(new.values()))
        update_rows(
            Complaint,
            ["summary", "occurred_on", "received_on", "closed_on"],
            list(changed.values()),
        )
        return BatchResult(created=len(new), skipped=len(items) - len(new))
