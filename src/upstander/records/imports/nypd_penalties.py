"""NYPD discipline: the CCRB complaints database's penalties table (one row per officer and
substantiated complaint), recorded as discipline on the complaint's substantiated allegations.

The table names officers by Tax ID, which the MOS snapshots do not carry, so the officer is
found within the complaint: the one officer whose allegations there were substantiated with the
same board disposition (or, failing that, the one substantiated at all) and who is not yet known
under another Tax ID. Each Tax ID so matched is recorded as a source link, with the evidence, and
later rows of that Tax ID use it directly. Rows whose officer cannot be told apart from another
substantiated officer on the complaint, or whose complaint was not imported, are refused.

Tax IDs learnt late in the file can settle rows refused earlier in it: importing the file again
once it has completed retries every row, adds discipline only for rows it can now place, and
never repeats what is already recorded.
"""

from __future__ import annotations

import re
from typing import Any

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    RowError,
    clean,
    insert_rows,
    parse_date,
)
from upstander.records.imports.nypd_ccrb import SOURCE, nypd_agency
from upstander.records.models import (
    Allegation,
    Complaint,
    Discipline,
    Finding,
    OfficerSourceLink,
)

__all__ = ["PENALTIES", "TAX_ID", "NypdPenaltyImporter"]

PENALTIES = "nypd-ccrb:penalties"
TAX_ID = "nypd:tax-id"
SUSPENSION = re.compile(r"suspen\w*\D{0,10}(\d{1,3})\s*day", re.IGNORECASE)


def _inside(text: str) -> str:
    """What a "Substantiated (Command Discipline A)" disposition recommends."""
    return text[text.find("(") + 1 : text.rfind(")")] if "(" in text and ")" in text else text


class NypdPenaltyImporter(Importer):
    """ccrb-complaints-database-penalties.csv."""

    kind = "nypd-ccrb:penalties"
    DATES = ["%m/%d/%Y", "%Y-%m-%d"]

    def begin(self) -> None:
        self.agency = nypd_agency()

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        complaint, tax_id = clean(row.get("Complaint Id")), clean(row.get("Tax ID"))
        if not complaint or not tax_id:
            raise RowError("Complaint Id and Tax ID are required")
        disposition = clean(row.get("CCRB Substantiated Officer Disposition"))
        recommended = (
            clean(row.get("APU CCRB Trial Recommended Penalty"))
            or _inside(clean(row.get("Board Discipline Recommendation")))
            or _inside(disposition)
        )
        imposed = clean(row.get("NYPD Officer Penalty")) or clean(
            row.get("APU Plea Agreed Penalty")
        )
        decided = parse_date(
            row.get("Non-APU NYPD Penalty Report Date", ""), "penalty report date", self.DATES
        ) or parse_date(row.get("APU Closing Date", ""), "APU closing date", self.DATES)
        days = SUSPENSION.search(imposed)
        return {
            "complaint": complaint[:40],
            "tax_id": tax_id[:120],
            "disposition": disposition[:100],
            "recommended": recommended[:200],
            "imposed": imposed[:200],
            "suspension_days": int(days[1]) if days else None,
            "decided_on": decided,
        }

    def write(self, items: list[Item]) -> BatchResult:
        rows = [item.value for item in items]
        complaints = dict(
            Complaint.objects.filter(
                agency=self.agency, number__in={r["complaint"] for r in rows}
            ).values_list("number", "id")
        )
        # The substantiated allegations of each complaint: (id, officer, finding as recorded).
        sustained: dict[int, list[tuple[int, int, str]]] = {}
        for pk, in_complaint, accused, recorded in Allegation.objects.filter(
            import_source=SOURCE,
            complaint_id__in=set(complaints.values()),
            final_finding=Finding.SUSTAINED,
            officer__isnull=False,
        ).values_list("id", "complaint_id", "officer_id", "finding_as_recorded"):
            sustained.setdefault(in_complaint, []).append((pk, accused, recorded))
        officers = {o for entries in sustained.values() for _, o, _ in entries}
        taxed = dict(
            OfficerSourceLink.objects.filter(
                source=TAX_ID, source_key__in={r["tax_id"] for r in rows}
            ).values_list("source_key", "officer_id")
        )
        holders = dict(
            OfficerSourceLink.objects.filter(source=TAX_ID, officer_id__in=officers).values_list(
                "officer_id", "source_key"
            )
        )
        result = BatchResult()
        links: list[dict[str, Any]] = []
        discipline: list[dict[str, Any]] = []
        for item, row in zip(items, rows, strict=True):
            complaint_id = complaints.get(row["complaint"])
            if complaint_id is None:
                result.rejects.append((item, f"complaint {row['complaint']} is not imported"))
                continue
            entries = sustained.get(complaint_id, [])
            officer_id = taxed.get(row["tax_id"])
            if officer_id is None:
                chosen, why = self._choose(row, entries, holders)
                if chosen is None:
                    result.rejects.append((item, why))
                    continue
                officer_id = chosen
                taxed[row["tax_id"]] = officer_id
                holders[officer_id] = row["tax_id"]
                links.append(
                    {
                        "officer_id": officer_id,
                        "source": TAX_ID,
                        "source_key": row["tax_id"],
                        "evidence": {"matched": f"{PENALTIES}:{row['complaint']}", "on": why},
                    }
                )
            allegations = [pk for pk, officer, _ in entries if officer == officer_id]
            if not allegations:
                result.rejects.append(
                    (
                        item,
                        f"Tax ID {row['tax_id']} has no substantiated allegation on complaint "
                        f"{row['complaint']}",
                    )
                )
                continue
            for allegation_id in allegations:
                discipline.append(
                    {
                        "allegation_id": allegation_id,
                        "recommended": row["recommended"],
                        "imposed": row["imposed"],
                        "suspension_days": row["suspension_days"],
                        "decided_on": row["decided_on"],
                        "import_source": PENALTIES,
                        "import_key": f"{row['complaint']}:{row['tax_id']}:{allegation_id}"[:120],
                    }
                )
        existing = set(
            Discipline.objects.filter(
                import_source=PENALTIES, import_key__in=[d["import_key"] for d in discipline]
            ).values_list("import_key", flat=True)
        )
        new = [d for d in discipline if d["import_key"] not in existing]
        insert_rows(OfficerSourceLink, links)
        insert_rows(Discipline, new)
        result.created = len(new)
        result.skipped = len(discipline) - len(new)
        return result

    @staticmethod
    def _choose(
        row: dict[str, Any], entries: list[tuple[int, int, str]], holders: dict[int, str]
    ) -> tuple[int | None, str]:
        """The one officer this row can mean, and why; or None and the reason it cannot."""
        free = [(officer, recorded) for _, officer, recorded in entries if officer not in holders]
        same = {officer for officer, recorded in free if recorded == row["disposition"]}
        if len(same) == 1:
            return same.pop(), "the only officer substantiated with this disposition"
        anyone = {officer for officer, _ in free}
        if not same and len(anyone) == 1:
            return anyone.pop(), "the only officer substantiated on the complaint"
        if not anyone:
            return None, (
                f"complaint {row['complaint']} has no substantiated allegation against an "
                f"officer not already matched to another Tax ID"
            )
        count = len(same) or len(anyone)
        return None, (
            f"complaint {row['complaint']} has {count} substantiated officers; "
            f"Tax ID {row['tax_id']} cannot be told apart"
        )
