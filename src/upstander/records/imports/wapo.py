"""Washington Post "Fatal Force" (v2): agencies, and fatal shootings linked to one or more."""

from __future__ import annotations

from typing import Any

from upstander.records.imports.base import (
    BatchResult,
    Importer,
    Item,
    RowError,
    clean,
    imported_ids,
    parse_bool,
    parse_date,
    parse_float,
    parse_int,
)
from upstander.records.models import Agency, OfficerInvolvedShooting

__all__ = ["WapoAgencyImporter", "WapoShootingImporter"]

SOURCE = "wapo"
KINDS = {
    "local_police": Agency.Kind.MUNICIPAL,
    "sheriff": Agency.Kind.SHERIFF,
    "state_police": Agency.Kind.STATE,
}
RACES = {
    "W": "White",
    "B": "Black",
    "H": "Hispanic",
    "A": "Asian",
    "N": "Native American",
    "O": "Other",
}


def _slug(wapo_id: str) -> str:
    return f"wapo-{wapo_id}"


class WapoAgencyImporter(Importer):
    """fatal-police-shootings-agencies.csv: one agency per row, known by its WaPo id."""

    kind = "wapo:agencies"

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        wapo_id, name = clean(row.get("id")), clean(row.get("name"))
        if not wapo_id or not name:
            raise RowError("id and name are required")
        return {
            "slug": _slug(wapo_id),
            "name": name,
            "state": clean(row.get("state"))[:2],
            "kind": KINDS.get(clean(row.get("type")), Agency.Kind.OTHER),
        }

    def write(self, items: list[Item]) -> BatchResult:
        slugs = {item.value["slug"] for item in items}
        existing = set(Agency.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        names = set(Agency.objects.values_list("name", flat=True))
        new = []
        for item in items:
            fields = item.value
            if fields["slug"] in existing:
                continue
            # Many counties share a name across states ("Jefferson County Sheriff's Office").
            name = fields["name"]
            if name in names:
                name = f"{name} ({fields['state'] or fields['slug']})"
            if name in names:
                name = f"{fields['name']} ({fields['slug']})"
            names.add(name)
            existing.add(fields["slug"])
            new.append(Agency(**{**fields, "name": name[:200]}))
        Agency.objects.bulk_create(new)
        return BatchResult(created=len(new), skipped=len(items) - len(new))


class WapoShootingImporter(Importer):
    """fatal-police-shootings-data.csv: one fatal shooting per row; agency_ids may list several."""

    kind = "wapo:shootings"

    def prepare(self, row: dict[str, str]) -> dict[str, Any]:
        key = clean(row.get("id"))
        if not key:
            raise RowError("id is empty")
        occurred_on = parse_date(row.get("date", ""), "date")
        if occurred_on is None:
            raise RowError("date is empty")
        agency_ids = [part.strip() for part in clean(row.get("agency_ids")).split(";")]
        agency_ids = [part for part in agency_ids if part]
        if not agency_ids:
            raise RowError("agency_ids is empty")
        races = [
            RACES.get(part.strip(), part.strip()) for part in clean(row.get("race")).split(";")
        ]
        return {
            "agencies": agency_ids,
            "fields": {
                "import_key": key,
                "occurred_on": occurred_on,
                "city": clean(row.get("city"))[:100],
                "state": clean(row.get("state"))[:2],
                "latitude": parse_float(row.get("latitude", ""), "latitude"),
                "longitude": parse_float(row.get("longitude", ""), "longitude"),
                "fatal": True,
                "subject_name": clean(row.get("name"))[:200],
                "subject_age": parse_int(row.get("age", ""), "age"),
                "subject_gender": clean(row.get("gender"))[:30],
                "subject_race": ", ".join(r for r in races if r)[:60],
                "armed_with": clean(row.get("armed_with"))[:100],
                "threat_type": clean(row.get("threat_type"))[:60],
                "flee_status": clean(row.get("flee_status"))[:60],
                "mental_illness_related": parse_bool(
                    row.get("was_mental_illness_related", ""), "was_mental_illness_related"
                ),
                "body_camera": parse_bool(row.get("body_camera", ""), "body_camera"),
            },
        }

    def write(self, items: list[Item]) -> BatchResult:
        slugs = {_slug(a) for item in items for a in item.value["agencies"]}
        agencies = dict(Agency.objects.filter(slug__in=slugs).values_list("slug", "id"))
        keys = {item.value["fields"]["import_key"] for item in items}
        existing = set(imported_ids(OfficerInvolvedShooting, SOURCE, keys))
        result = BatchResult()
        new: list[tuple[OfficerInvolvedShooting, list[int]]] = []
        for item in items:
            fields = item.value["fields"]
            if fields["import_key"] in existing:
                result.skipped += 1
                continue
            missing = [a for a in item.value["agencies"] if _slug(a) not in agencies]
            if missing:
                result.rejects.append(
                    (item, f"agency id {', '.join(missing)} is not in the agencies file")
                )
                continue
            ids = [agencies[_slug(a)] for a in item.value["agencies"]]
            existing.add(fields["import_key"])
            shooting = OfficerInvolvedShooting(agency_id=ids[0], import_source=SOURCE, **fields)
            new.append((shooting, ids[1:]))
        OfficerInvolvedShooting.objects.bulk_create([shooting for shooting, _ in new])
        through = OfficerInvolvedShooting.other_agencies.through
        through.objects.bulk_create(
            [
                through(officerinvolvedshooting_id=shooting.pk, agency_id=agency_id)
                for shooting, others in new
                for agency_id in others
            ],
            ignore_conflicts=True,
        )
        result.created = len(new)
        return result
