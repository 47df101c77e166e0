"""NYPD officers and CCRB allegations ("MOS records" snapshots).

The 2021 files have no header. Officer ids were renumbered between the 2021 and 2022 snapshots,
so a later snapshot's officer is matched on name and badge (leading zeros dropped), never on id.
The NYPD disposition and penalty are repeated across every allegation of an officer in a
complaint, so they count as discipline only where the board substantiated that allegation.
"""

from __future__ import annotations

from typing import Any

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
    discipline_insert,
    finding_for,
    imported_ids,
    insert_rows,
    parse_date,
)
from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Complaint,
    Finding,
    OfficerSourceLink,
)

__all__ = ["NypdComplaintImporter", "NypdOfficerImporter", "nypd_agency"]

SOURCE = "nypd-ccrb"
FIRST_SNAPSHOT = "nypd-ccrb:2021-03-20"
FADO = {
    "Force": "Excessive use of force",
    "Discourtesy": "Discourtesy",
    "Offensive Language": "Bias-based policing",
    "Abuse of Authority": "Abuse of authority",
    "Untruthful Statement": "Untruthful statement",
}


def nypd_agency() -> Agency:
    """New York City Police Department."""
    return agency_get_or_create(slug="nypd", name="New York City Police Department", state="NY")


def _badge(raw: str) -> str:
    return clean(raw).lstrip("0")


class NypdOfficerImporter(Importer):
    """An officer file of one snapshot: id, command, last, first, rank, badge."""

    def __init__(self, snapshot: str, *, header: bool) -> None:
        self.snapshot = snapshot
        self.kind = f"nypd-ccrb:officers-{snapshot}"
        self.source = f"nypd-ccrb:{snapshot}"
        self.columns = None if header else ["id", "command", "last", "first", "rank", "badge"]

    def begin(self) -> None:
        self.agency = nypd_agency()
        self.officers = OfficerResolver(self.agency)

    def prepare(self, row: dict[str, str]) -> OfficerIdentity:
        key = clean(row.get("id"))
        last = clean(row.get("last", row.get("lastname")))
        first = clean(row.get("first", row.get("firstname")))
        if not key or not last:
            raise RowError("id and last name are required")
        badge = _badge(row.get("badge", row.get("badge_no", "")))
        return OfficerIdentity(
            source=self.source,
            key=key,
            first_name=first,
            last_name=last,
            badge_number=badge,
            rank=clean(row.get("rank"))[:60],
            unit_name=clean(row.get("command")),
            # Badge numbers are reissued, so the name must match too.
            match=(("badge_number", badge),) if badge else (),
        )

    def write(self, items: list[Item]) -> BatchResult:
        identities: list[OfficerIdentity] = [item.value for item in items]
        keys = [i.key for i in identities]
        seen = set(
            OfficerSourceLink.objects.filter(source=self.source, source_key__in=keys).values_list(
                "source_key", flat=True
            )
        )
        self.officers.resolve(identities)
        linked = len(set(keys) - seen)
        return BatchResult(created=linked, skipped=len(items) - linked)


class NypdComplaintImporter(Importer):
    """A complaint file: officer_id, complaint_id, incident_date, fado_type, allegation, ..."""

    columns = [
        "officer_id",
        "complaint_id",
        "incident_date",
        "fado_type",
        "allegation",
        "board_disposition",
        "nypd_disposition",
        "penalty",
    ]

    def __init__(self, name: str) -> None:
        self.kind = f"nypd-ccrb:complaints-{name}"

    def begin(self) -> None:
        self.agency = nypd_agency()
        self.categories: dict[str, AllegationCategory] = {}

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        officer_key, complaint = clean(row["officer_id"]), clean(row["complaint_id"])
        if not officer_key or not complaint:
            raise RowError("officer_id and complaint_id are required")
        fado = clean(row["fado_type"])
        allegation = clean(row["allegation"])
        board = clean(row["board_disposition"])
        finding = finding_for(board) or Finding.PENDING
        return {
            "officer_key": officer_key,
            "complaint": complaint[:40],
            "occurred_on": parse_date(row["incident_date"], "incident_date"),
            "category": FADO.get(fado, fado) or "Unspecified",
            "description": allegation[:300],
            "finding": finding,
            "as_recorded": board[:100],
            "penalty": clean(row["penalty"]) if finding == Finding.SUSTAINED else "",
            "recommended": board[board.find("(") + 1 : -1] if "(" in board else "",
            "key": f"{complaint}:{officer_key}:{fado}:{allegation}"[:120],
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        keys = sorted({r["officer_key"] for r in rows})
        officer_ids = dict(
            OfficerSourceLink.objects.filter(source=FIRST_SNAPSHOT, source_key__in=keys)
            .order_by()
            .values_list("source_key", "officer_id")
        )
        complaints = self._complaints(rows)
        existing = set(imported_ids(Allegation, SOURCE, (r["key"] for r in rows)))
        result = BatchResult()
        new: list[dict[str, Any]] = []
        disciplined: dict[str, dict[str, Any]] = {}
        for item, row in zip(items, rows, strict=True):
            if row["key"] in existing:
                result.skipped += 1
                continue
            officer_id = officer_ids.get(row["officer_key"])
            if officer_id is None:
                result.rejects.append(
                    (item, f"officer_id {row['officer_key']} is not in the 2021 officer files")
                )
                continue
            existing.add(row["key"])
            new.append(
                {
                    "complaint_id": complaints[row["complaint"]],
                    "officer_id": officer_id,
                    "category_id": category_for(row["category"], self.categories).pk,
                    "description": row["description"],
                    "recommended_finding": row["finding"],
                    "final_finding": row["finding"],
                    "finding_as_recorded": row["as_recorded"],
                    "import_source": SOURCE,
                    "import_key": row["key"],
                }
            )
            if row["penalty"] or row["recommended"]:
                disciplined[row["key"]] = row
        insert_rows(Allegation, new)
        discipline_insert(
            SOURCE,
            {key: (row["recommended"], row["penalty"]) for key, row in disciplined.items()},
        )
        result.created = len(new)
        return result

    def _complaints(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        numbers = {r["complaint"] for r in rows}
        found = dict(
            Complaint.objects.filter(agency=self.agency, number__in=numbers)
            .order_by()  # the model's order would have the database sort every complaint
            .values_list("number", "id")
        )
        new: dict[str, dict[str, Any]] = {}
        for row in rows:
            number = row["complaint"]
            if number in found or number in new:
                continue
            new[number] = {
                "agency_id": self.agency.pk,
                "number": number,
                "source": Complaint.Source.PUBLIC,
                "occurred_on": row["occurred_on"],
                "investigating_agency": "Civilian Complaint Review Board",
                "import_source": SOURCE,
                "import_key": number,
            }
        insert_rows(Complaint, list(new.values()))
        if new:
            found.update(
                Complaint.objects.filter(agency=self.agency, number__in=list(new))
                .order_by()
                .values_list("number", "id")
            )
        return found
