"""The import runner: batches in transactions, a cursor to resume from, a rejects file.

An importer turns each data row into an item (or refuses it with a reason) without touching the
database, then writes a batch of items. Each batch and the run's cursor are committed together,
so an import stopped at any point (crash, Ctrl-C) leaves only whole batches behind and the next
run of the same file starts after the last committed row. Every record carries its dataset id
(``import_source``/``import_key``), so running a finished import again adds nothing.
"""

from __future__ import annotations

import csv
import functools
import gc
import gzip
import hashlib
import io
import re
import time as clock_time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from upstander.audit.services import audit_emit
from upstander.records.events import ImportRunFinishedEvent
from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Discipline,
    Finding,
    ImportRun,
    Officer,
    OfficerName,
    OfficerSourceLink,
    Unit,
)

__all__ = [
    "BatchResult",
    "Importer",
    "Item",
    "OfficerIdentity",
    "OfficerResolver",
    "RowError",
    "agency_get_or_create",
    "category_for",
    "clean",
    "combine",
    "discipline_insert",
    "finding_for",
    "imported_ids",
    "insert_returning_ids",
    "insert_rows",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_float",
    "parse_int",
    "run_import",
    "unit_for",
    "update_rows",
]

NULLS = {"", "NULL", "\\N", "N/A", "NAN", "NONE", "NULL.", "#N/A"}
_NULL_LONGEST = max(len(marker) for marker in NULLS)
EARLIEST = date(1950, 1, 1)
UTC = ZoneInfo("UTC")


class RowError(ValueError):
    """A row refused, with the reason written to the rejects file."""


class ImportStopped(Exception):
    """The run stopped before the end of the file (a row limit or an interruption)."""


def clean(value: str | None) -> str:
    """A cell's text with whitespace trimmed and null markers ("NULL", "N/A", ...) as ""."""
    if not value:  # None or ""
        return ""
    value = value.strip()
    # Only short cells can be a null marker: skip upper-casing every long one.
    if len(value) <= _NULL_LONGEST and value.upper() in NULLS:
        return ""
    return value


DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d-%b-%y", "%d-%b-%Y"]
DATETIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
]


_LAST_FORMAT: dict[str, str] = {}
_DATE_FIRST = (*DATE_FORMATS, *DATETIME_FORMATS)
_DATETIME_FIRST = (*DATETIME_FORMATS, *DATE_FORMATS)


def _twelve_hour(hour: int, half: str) -> int:
    if not 1 <= hour <= 12:
        raise ValueError("hour out of range")
    return hour % 12 + (12 if half.upper() == "PM" else 0)


# Fixed-width spellings of the formats most files use, read without strptime (which costs
# several microseconds a call, and is called once per dated cell). Text these patterns match
# gives the same value strptime would, or fails as strptime would; anything else (one-digit
# months, other formats) still goes to strptime.
_FIXED_WIDTH: dict[str, tuple[re.Pattern[str], Callable[[re.Match[str]], datetime]]] = {
    "%Y-%m-%d %H:%M:%S": (
        re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})"),
        lambda m: datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6])),
    ),
    "%m/%d/%Y %I:%M:%S %p": (
        re.compile(
            r"([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([AP]M)",
            re.IGNORECASE,
        ),
        lambda m: datetime(
            int(m[3]), int(m[1]), int(m[2]), _twelve_hour(int(m[4]), m[7]), int(m[5]), int(m[6])
        ),
    ),
    "%m/%d/%Y": (
        re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})"),
        lambda m: datetime(int(m[3]), int(m[1]), int(m[2])),
    ),
}


def _read(raw: str, fmt: str) -> datetime | None:
    """The text read with one strptime format, or None when it is not in that format."""
    fixed = _FIXED_WIDTH.get(fmt)
    if fixed is not None:
        match = fixed[0].fullmatch(raw)
        if match is not None:
            try:
                return fixed[1](match)
            except ValueError:
                return None
    try:
        return datetime.strptime(raw, fmt)
    except ValueError:
        return None


def _first_reading(raw: str, what: str, formats: tuple[str, ...]) -> datetime | None:
    """The text read with the first format that fits, trying first the one that fitted last
    time for this column (a column keeps one format in most files)."""
    last = _LAST_FORMAT.get(what)
    if last is not None and last in formats:
        moment = _read(raw, last)
        if moment is not None:
            return moment
    for fmt in formats:
        if fmt == last:
            continue
        moment = _read(raw, fmt)
        if moment is not None:
            _LAST_FORMAT[what] = fmt
            return moment
    return None


_TODAY: dict[str, Any] = {"until": 0.0, "day": date.min}


def _today() -> date:
    """Today's date as timezone.now() gives it, looked up at most once a second (dates are
    checked once per row)."""
    now = clock_time.monotonic()
    if now >= _TODAY["until"]:
        _TODAY["day"] = timezone.now().date()
        _TODAY["until"] = now + 1.0
    day: date = _TODAY["day"]
    return day


def _plausible(day: date, what: str, raw: str) -> None:
    if day < EARLIEST or day > _today():
        raise RowError(f"{what} {raw!r} is outside {EARLIEST.year} to today")


def parse_date(raw: str, what: str = "date", formats: Iterable[str] | None = None) -> date | None:
    """A date from any of the usual formats, None when empty; RowError when unreadable."""
    raw = clean(raw)
    if not raw:
        return None
    if formats is None and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:  # ISO dates, by far the most common, without strptime's cost
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            _plausible(day, what, raw)
            return day
    moment = _first_reading(raw, what, tuple(formats) if formats else _DATE_FIRST)
    if moment is None:
        raise RowError(f"{what} {raw!r} is not a date")
    day = moment.date()
    _plausible(day, what, raw)
    return day


def parse_datetime(
    raw: str,
    what: str = "time",
    tz: ZoneInfo | None = None,
    formats: Iterable[str] | None = None,
) -> datetime | None:
    """An aware datetime (local time of ``tz``) from the usual formats, or a bare date at noon."""
    raw = clean(raw)
    if not raw:
        return None
    moment = _first_reading(raw, what, tuple(formats) if formats else _DATETIME_FIRST)
    if moment is None:
        raise RowError(f"{what} {raw!r} is not a date and time")
    _plausible(moment.date(), what, raw)
    return moment.replace(tzinfo=tz or UTC)


def combine(day: date, clock: str, tz: ZoneInfo) -> datetime:
    """A date and an optional "HH:MM[:SS]" or "HHMM" time as an aware datetime."""
    return datetime.combine(day, _clock(clean(clock)), tzinfo=tz)


NOON = time(12, 0)


@functools.lru_cache(maxsize=4096)
def _clock(text: str) -> time:
    """The time of day a cell gives, or noon when it gives none (cached: times repeat)."""
    if text:
        digits = re.fullmatch(r"(\d{1,2}):?(\d{2})(?::(\d{2}))?(?:\.\d+)?", text)
        if digits:
            hour, minute, second = int(digits[1]), int(digits[2]), int(digits[3] or 0)
            if hour < 24 and minute < 60 and second < 60:
                return time(hour, minute, second)
    return NOON


def parse_bool(raw: str, what: str = "flag") -> bool | None:
    """Yes/No, True/False, Y/N, 1/0 as a boolean; None when empty."""
    value = clean(raw).lower()
    if not value or value in {"unknown", "missing", "u", "unk", "not recorded"}:
        return None
    if value in {"y", "yes", "true", "t", "1"}:
        return True
    if value in {"n", "no", "false", "f", "0"}:
        return False
    raise RowError(f"{what} {raw!r} is not yes or no")


def parse_int(raw: str, what: str = "number") -> int | None:
    """A whole number, accepting "12.0"; None when empty."""
    value = clean(raw)
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError as exc:
        raise RowError(f"{what} {raw!r} is not a number") from exc


def parse_float(raw: str, what: str = "number") -> float | None:
    """A decimal number; None when empty."""
    value = clean(raw)
    if not value:
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise RowError(f"{what} {raw!r} is not a number") from exc


FINDINGS = {
    "sustained": Finding.SUSTAINED,
    "not sustained": Finding.NOT_SUSTAINED,
    "unsubstantiated": Finding.NOT_SUSTAINED,
    "exonerated": Finding.EXONERATED,
    "unfounded": Finding.UNFOUNDED,
    "pending": Finding.PENDING,
    "open investigation": Finding.PENDING,
}


def finding_for(raw: str) -> Finding | None:
    """A finding from the source's wording, whatever its case; None when empty."""
    value = " ".join(clean(raw).lower().replace("_", " ").split())
    if not value:
        return None
    if value.startswith("substantiated") or value.startswith("sustained"):
        return Finding.SUSTAINED
    return FINDINGS.get(value, Finding.CLOSED)


# Source wordings that mean one of the six standard categories.
CATEGORY_WORDS = {
    "excessive-force": ["force", "excessive", "taser", "firearm"],
    "discourtesy": ["discourtesy", "verbal abuse", "rude", "profanity"],
    "bias-based-policing": ["bias", "racial", "offensive language", "profiling", "discriminat"],
    "harassment": ["harass"],
    "improper-procedure": ["search", "arrest", "procedure", "stop", "seizure", "lockup"],
    "improper-conduct": ["conduct", "personnel violation", "unbecoming", "neglect"],
}


def category_for(raw: str, cache: dict[str, AllegationCategory]) -> AllegationCategory:
    """The standard category a source's wording means, or an agency-defined one named for it."""
    label = " ".join(clean(raw).split()) or "Unspecified"
    if label in cache:
        return cache[label]
    lowered = label.lower()
    slug = next(
        (slug for slug, words in CATEGORY_WORDS.items() if any(w in lowered for w in words)), None
    )
    if slug:
        category = AllegationCategory.objects.get(slug=slug)
    else:
        category = (
            AllegationCategory.objects.filter(name__iexact=label[:100]).first()
            or AllegationCategory.objects.get_or_create(
                slug=slugify(label)[:60] or "unspecified",
                defaults={"name": label[:100], "standard": False},
            )[0]
        )
    cache[label] = category
    return category


def agency_get_or_create(
    *, slug: str, name: str, state: str = "", kind: str = Agency.Kind.MUNICIPAL
) -> Agency:
    """The agency with this slug, created (with a name made unique by its state) if new."""
    existing = Agency.objects.filter(slug=slug).first()
    if existing:
        return existing
    unique_name = name
    if Agency.objects.filter(name=name).exists():
        unique_name = f"{name} ({state or slug})"
    return Agency.objects.create(slug=slug, name=unique_name[:200], state=state[:2], kind=kind)


def unit_for(agency: Agency, name: str, cache: dict[str, int]) -> int | None:
    """The id of the agency's unit with this name, created if new; None for an empty name."""
    name = clean(name)
    if name.endswith(".0"):
        name = name[:-2]
    if not name:
        return None
    if name not in cache:
        unit, _ = Unit.objects.get_or_create(agency=agency, name=name[:200])
        cache[name] = unit.pk
    return cache[name]


@dataclass(frozen=True)
class OfficerIdentity:
    """How a dataset names an officer; ``match`` holds the fields that identify them elsewhere."""

    source: str
    key: str
    first_name: str
    last_name: str
    badge_number: str = ""
    rank: str = ""
    unit_name: str = ""
    match: tuple[tuple[str, str], ...] = ()
    hired_on: date | None = None
    birth_year: int | None = None
    gender: str = ""
    race: str = ""

    @functools.cached_property
    def match_key(self) -> str:
        """Normalised last name, first name and the identifying fields; "" when any is missing."""
        parts = [self.last_name, self.first_name, *(value for _, value in self.match)]
        if not self.match or any(not p for p in parts):
            return ""
        return "|".join(" ".join(p.upper().split()) for p in parts)[:200]


PLACEHOLDER_NAMES = {"", "UNKNOWN", "UNK", "NONE", "UNKNOWN OFFICER", "NA"}


class OfficerResolver:
    """Finds or creates the officer behind each dataset identity, keeping the match evidence.

    Order: the same dataset id seen before; then another dataset's record with the same
    normalised name and identifying fields (date appointed, badge); otherwise a new officer.
    Identities with placeholder names ("UNKNOWN") resolve to no officer at all, so one dummy id
    never collects thousands of complaints.
    """

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self.known: dict[tuple[str, str], int] = {}
        self.units: dict[str, int] = {}
        self.created = 0

    @staticmethod
    def is_placeholder(identity: OfficerIdentity) -> bool:
        """Whether the identity names nobody (a dataset's stand-in for an unknown officer)."""
        return (
            identity.first_name.upper() in PLACEHOLDER_NAMES
            or identity.last_name.upper() in PLACEHOLDER_NAMES
        )

    def resolve(self, identities: Iterable[OfficerIdentity]) -> dict[tuple[str, str], int]:
        """Officer ids for the identities, keyed by (source, dataset id); placeholders omitted."""
        wanted = {(i.source, i.key): i for i in identities if i.key and not self.is_placeholder(i)}
        missing = [k for k in wanted if k not in self.known]
        by_source: dict[str, list[str]] = {}
        for source, key in missing:
            by_source.setdefault(source, []).append(key)
        for source, keys in by_source.items():
            for chunk in _chunks(keys, 500):
                # Unordered: the model's ordering would make the database sort, or pick an
                # index for the order rather than for the lookup.
                links = OfficerSourceLink.objects.filter(source=source, source_key__in=chunk)
                for key, officer_id in links.order_by().values_list("source_key", "officer_id"):
                    self.known[(source, key)] = officer_id
        missing = [k for k in missing if k not in self.known]
        self._link_or_create([wanted[k] for k in missing])
        return {k: self.known[k] for k in wanted if k in self.known}

    def _link_or_create(self, identities: list[OfficerIdentity]) -> None:
        match_keys = {i.match_key for i in identities if i.match_key}
        matched: dict[str, tuple[int, str, str]] = {}
        for chunk in _chunks(sorted(match_keys), 500):
            # By match key alone, then keeping this agency's officers: joined to the officers
            # in one query, SQLite would start from all of the agency's officers instead.
            rows = list(
                OfficerSourceLink.objects.filter(match_key__in=chunk)
                .order_by()
                .values_list("match_key", "officer_id", "source", "source_key")
            )
            agencies = dict(
                Officer.objects.filter(id__in={row[1] for row in rows})
                .order_by()
                .values_list("id", "agency_id")
            )
            ours = [row for row in rows if agencies.get(row[1]) == self.agency.pk]
            # Where several links share a match key, the first in the model's order (officer,
            # then source) wins; sorted here so the database need not sort.
            for match_key, officer_id, source, key in sorted(ours, key=lambda r: r[1:]):
                matched.setdefault(match_key, (officer_id, source, key))
        new_officers: dict[str, dict[str, Any]] = {}
        pending: list[tuple[OfficerIdentity, str | int, dict[str, Any]]] = []
        for identity in identities:
            found = matched.get(identity.match_key) if identity.match_key else None
            if found:
                officer_id, source, key = found
                evidence = {
                    "matched": f"{source}:{key}",
                    "on": ["last_name", "first_name", *(name for name, _ in identity.match)],
                    "values": identity.match_key,
                }
                pending.append((identity, officer_id, evidence))
                continue
            # Two rows of one batch naming the same person share one new officer.
            group = identity.match_key or f"{identity.source}:{identity.key}"
            if group not in new_officers:
                new_officers[group] = {
                    "agency_id": self.agency.pk,
                    "unit_id": unit_for(self.agency, identity.unit_name, self.units),
                    "first_name": identity.first_name[:100].title(),
                    "last_name": identity.last_name[:100].title(),
                    "badge_number": identity.badge_number[:30],
                    "rank": identity.rank[:60],
                    "hired_on": identity.hired_on,
                    "birth_year": identity.birth_year,
                    "gender": identity.gender[:30],
                    "race": identity.race[:60],
                }
            pending.append((identity, group, {"created_from": f"{identity.source}"}))
        created = dict(
            zip(
                new_officers,
                insert_returning_ids(Officer, list(new_officers.values())),
                strict=True,
            )
        )
        self.created += len(new_officers)
        links, names = [], []
        for identity, target, evidence in pending:
            officer_id = target if isinstance(target, int) else created[target]
            self.known[(identity.source, identity.key)] = officer_id
            links.append(
                {
                    "officer_id": officer_id,
                    "source": identity.source,
                    "source_key": identity.key,
                    "match_key": identity.match_key,
                    "evidence": evidence,
                }
            )
            names.append(
                {
                    "officer_id": officer_id,
                    "first_name": identity.first_name[:100],
                    "last_name": identity.last_name[:100],
                    "badge_number": identity.badge_number[:30],
                    "rank": identity.rank[:60],
                    "source": identity.source[:60],
                }
            )
        # Plain rows, not model instances: a batch can name thousands of new officers.
        insert_rows(OfficerSourceLink, links)
        insert_rows(OfficerName, names)


def _converter(field: Any) -> Callable[[Any], Any] | None:
    """How a plain Python value becomes a database parameter for this field, if it needs to."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite" and settings.USE_TZ:
            # What the backend's adapter does, without reading settings once per value.
            zone = connection.timezone
            adapt = ops.adapt_datetimefield_value

            def sqlite_datetime(value: Any) -> Any:
                if isinstance(value, datetime) and value.utcoffset() is not None:
                    return str(value.astimezone(zone).replace(tzinfo=None))
                return adapt(value)

            return sqlite_datetime
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        adapt_json = ops.adapt_json_value
        return lambda value: adapt_json(value, encoder)
    if isinstance(field, models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def imported_ids(model: type[models.Model], source: str, keys: Iterable[str]) -> dict[str, int]:
    """The ids of the ``model`` rows imported from ``source`` under these keys, by key.

    The query repeats the condition of the partial unique index on (import_source,
    import_key), which lets SQLite use that index; without it SQLite reads the whole table for
    every batch, so each batch of a large import is slower than the last.
    """
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = {field.name: field.column for field in model._meta.concrete_fields}
    source_column, key_column = quote(columns["import_source"]), quote(columns["import_key"])
    head = (
        f"SELECT {key_column}, {quote(model._meta.pk.column)} FROM {table} "  # noqa: S608
        f"WHERE {source_column} = %s AND NOT ({source_column} = '') AND {key_column} "
    )
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"{head}= ANY(%s)", [source, wanted])
            found.update(cursor.fetchall())
            return found
        for chunk in _chunks(wanted, 2000):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{head}IN ({marks})", [source, *chunk])
            found.update(cursor.fetchall())
    return found


def discipline_insert(source: str, penalties: dict[str, tuple[str, str]]) -> None:
    """Record discipline for allegations imported from ``source``, given their import keys
    mapped to (recommended, imposed) penalties."""
    if not penalties:
        return
    ids = imported_ids(Allegation, source, penalties).items()
    insert_rows(
        Discipline,
        [
            {
                "allegation_id": allegation_id,
                "recommended": penalties[key][0][:200],
                "imposed": penalties[key][1][:200],
                "import_source": source,
                "import_key": key,
            }
            for key, allegation_id in ids
        ],
    )


_ABSENT = object()


@dataclass(frozen=True, slots=True)
class _Same:
    """A column with one value for every row of a batch."""

    value: Any


def _plain_columns(
    model: type[models.Model], rows: list[dict[str, Any]]
) -> list[tuple[Any, list[Any] | _Same]]:
    """Each of the model's columns (all but the primary key) with the rows' database values.

    The values are a list, one per row, or ``_Same`` when every row has the same one: a field
    no row names (its model default), or one every row gives the same object (the batch's
    source). Work is done a column at a time: a default is found and converted once, and the
    values of a column are converted in one pass.
    """
    named: set[str] = set().union(*rows)
    now = timezone.now()
    columns: list[tuple[Any, list[Any] | _Same]] = []
    for column in model._meta.concrete_fields:
        if column.primary_key:
            continue
        if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
            default = now
        elif column.has_default() or not column.null:
            default = column.get_default()
        else:
            default = None
        convert = _converter(column)
        ready = convert(default) if convert and default is not None else default
        keys = [key for key in dict.fromkeys((column.attname, column.name)) if key in named]
        if not keys:
            columns.append((column, _Same(ready)))
            continue
        if len(keys) == 1:
            key = keys[0]
            values = [row.get(key, _ABSENT if convert else ready) for row in rows]
        else:  # some rows name the field, some its column ("report" and "report_id")
            attname, name = column.attname, column.name
            absent = _ABSENT if convert else ready
            values = [row[attname] if attname in row else row.get(name, absent) for row in rows]
        if convert:  # the default is converted already
            values = [
                ready if value is _ABSENT else None if value is None else convert(value)
                for value in values
            ]
        first = values[0]
        if all(value is first for value in values):
            columns.append((column, _Same(first)))
        else:
            columns.append((column, values))
    return columns


def _per_row(columns: list[tuple[Any, list[Any] | _Same]], count: int) -> list[tuple[Any, ...]]:
    """The columns' values as one tuple per row."""
    lists = [
        [values.value] * count if isinstance(values, _Same) else values for _, values in columns
    ]
    return list(zip(*lists, strict=False))  # all of length count


_PLAIN_TEXT = re.compile(r"[\w :./@+\-\[\]{},]*", re.ASCII)


def _sqlite_literal(value: Any) -> str | None:
    """The value as an SQLite literal where that is plainly safe (numbers, NULL, simple text
    with no quote or percent sign); None otherwise, for a bound parameter instead."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    # The plain value of subclasses too (choices): not their str(), which may be a label.
    if isinstance(value, int) and -(2**63) <= value < 2**63:
        return int.__repr__(value)
    if isinstance(value, str) and _PLAIN_TEXT.fullmatch(value):
        return f"'{str.__str__(value)}'"
    return None


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> int:
    """Insert rows given as {field name: value} with one statement run for all of them.

    Much faster than ``bulk_create`` for large batches because it skips building model instances
    and compiling SQL per row; fields a row leaves out take their model default. Rows that would
    break a unique constraint are skipped, which is what makes repeating a batch harmless.
    Returns how many rows were inserted (not skipped).
    """
    if not rows:
        return 0
    columns = _plain_columns(model, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _insert_unnest(cursor, table, columns, len(rows), " ON CONFLICT DO NOTHING")
            return int(cursor.rowcount)
        # In-process SQLite runs one prepared statement for all rows fastest. A value common
        # to every row is written into the statement when it is a plain literal: binding it
        # again for each row costs more than the rest of that row's insert.
        marks: list[str] = []
        bound: list[tuple[Any, list[Any] | _Same]] = []
        for column, values in columns:
            literal = _sqlite_literal(values.value) if isinstance(values, _Same) else None
            if literal is None:
                marks.append("%s")
                bound.append((column, values))
            else:
                marks.append(literal)
        names = ", ".join(quote(column.column) for column, _ in columns)
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(marks)}) "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            _per_row(bound, len(rows)) if bound else [()] * len(rows),
        )
        return int(cursor.rowcount)


def _insert_unnest(
    cursor: Any, table: str, columns: list[tuple[Any, list[Any] | _Same]], count: int, tail: str
) -> None:
    """On PostgreSQL one statement takes a whole batch as one array per column: a single round
    trip and parse, however many rows. A value common to every row is sent once. ``tail``
    ends the statement (ON CONFLICT, RETURNING)."""
    varying = [(column, values) for column, values in columns if not isinstance(values, _Same)]
    same = [(column, values.value) for column, values in columns if isinstance(values, _Same)]
    if not varying:  # every row alike: one array still gives the number of rows
        column, value = same.pop()
        varying.append((column, [value] * count))
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.column) for column, _ in varying + same)
    constants = "".join(f", %s::{column.db_type(connection)}" for column, _ in same)
    arrays = ", ".join(f"%s::{column.db_type(connection)}[]" for column, _ in varying)
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT *{constants} "  # noqa: S608
        f"FROM unnest({arrays}){tail}",
        [*(value for _, value in same), *(values for _, values in varying)],
    )


def insert_returning_ids(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows given as {field name: value}; their new ids, in the order of the rows.

    For new records that other rows will point to (officers): like ``bulk_create``, without
    building and compiling a model per row. On PostgreSQL one INSERT ... SELECT FROM unnest()
    ... RETURNING (rows come back in the arrays' order, which ``bulk_create`` relies on too);
    elsewhere a multi-row INSERT ... RETURNING per chunk of rows.
    """
    if not rows:
        return []
    columns = _plain_columns(model, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    returning = f" RETURNING {quote(model._meta.pk.column)}"
    ids: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _insert_unnest(cursor, table, columns, len(rows), returning)
            ids.extend(found for (found,) in cursor.fetchall())
        else:
            names = ", ".join(quote(column.column) for column, _ in columns)
            head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
            row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
            limit = connection.features.max_query_params
            size = max(1, limit // len(columns)) if limit else len(rows)
            for chunk in _chunks(_per_row(columns, len(rows)), size):
                cursor.execute(
                    head + ", ".join([row_marks] * len(chunk)) + returning,
                    [value for row in chunk for value in row],
                )
                ids.extend(found for (found,) in cursor.fetchall())
    if len(ids) != len(rows):
        raise RuntimeError(f"inserted {len(rows)} {model.__name__} rows but got {len(ids)} ids")
    return ids


def update_rows(model: type[models.Model], names: list[str], rows: list[dict[str, Any]]) -> None:
    """Set the named fields of existing rows (each dict has "id" and the fields) in one go."""
    if not rows:
        return
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
    converters = [_converter(field) for field in fields]
    values = []
    for row in rows:
        record = []
        for name, convert in zip(names, converters, strict=True):
            value = row[name]
            record.append(convert(value) if convert and value is not None else value)
        values.append([*record, row["id"]])
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(slots=True)
class Item:
    """One data row: its line in the file, its cells, and what the importer made of it."""

    line: int
    cells: list[str]
    value: Any = None


@dataclass
class BatchResult:
    """What a batch added, what it found already there, and which items it refused."""

    created: int = 0
    skipped: int = 0
    rejects: list[tuple[Item, str]] = field(default_factory=list)


class Importer(ABC):
    """One file's worth of rows turned into records."""

    #: Importer and file role, e.g. "seattle-uof:force"; names the resume cursor.
    kind: str = ""
    #: Column names for files without a header row; None when the file has one.
    columns: list[str] | None = None
    batch_size: int = 1000
    encoding: str = "utf-8-sig"  # also strips a byte-order mark
    delimiter: str = ","

    def begin(self) -> None:  # noqa: B027 - optional hook
        """Set up (agency, caches) before the first batch."""

    @abstractmethod
    def prepare(self, row: dict[str, str]) -> Any:
        """What the row means, without touching the database; RowError refuses it."""

    @abstractmethod
    def write(self, items: list[Item]) -> BatchResult:
        """Write a batch of prepared rows; runs inside the batch's transaction."""


def normalise_header(name: str) -> str:
    """A column name with stray, doubled and leading spaces removed."""
    return " ".join(name.replace("\ufeff", "").split())


def file_fingerprint(path: Path) -> str:
    """SHA-256 of the file's bytes, so renaming it keeps its cursor."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Source:
    """A CSV file (plain or gzipped) read as rows, reporting how far through it is."""

    def __init__(self, path: Path, encoding: str) -> None:
        self.raw: IO[bytes] = path.open("rb")
        self.size = path.stat().st_size
        binary: IO[bytes] = (
            gzip.GzipFile(fileobj=self.raw) if path.suffix == ".gz" else self.raw  # type: ignore[assignment]
        )
        self.text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")

    @property
    def position(self) -> int:
        return self.raw.tell()

    def close(self) -> None:
        self.text.close()


def _rows(importer: Importer, source: _Source) -> Iterator[tuple[int, list[str], dict[str, str]]]:
    reader = csv.reader(source.text, delimiter=importer.delimiter)
    header = importer.columns
    if header is None:
        first = next(reader, None)
        if first is None:
            return
        header = [normalise_header(name) for name in first]
    width = len(header)
    for cells in reader:
        line = reader.line_num
        if not "".join(cells).strip():  # a blank line, or only separators and spaces
            continue
        if len(cells) != width:
            yield line, cells, {"__error__": f"expected {width} columns, found {len(cells)}"}
            continue
        # The lengths were just checked: zip's own check would double the cost of this line.
        yield line, cells, dict(zip(header, cells, strict=False))


ProgressCallback = Callable[[int, int], None]


def _rejects_writer(path: Path, append: bool) -> tuple[IO[str], Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not append or not path.exists()
    handle = path.open("a" if append else "w", encoding="utf-8", newline="")
    writer = csv.writer(handle)
    if fresh:
        writer.writerow(["line", "reason", "row"])
    return handle, writer


def run_import(
    importer: Importer,
    path: Path,
    *,
    rejects_path: Path,
    actor: Any = None,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
) -> ImportRun:
    """Import one file, resuming an unfinished earlier run of the same file."""
    fingerprint = file_fingerprint(path)
    run = (
        ImportRun.objects.filter(kind=importer.kind, fingerprint=fingerprint)
        .exclude(status=ImportRun.Status.COMPLETED)
        .order_by("-id")
        .first()
    )
    resuming = run is not None and run.cursor > 0
    if run is None:
        run = ImportRun.objects.create(
            kind=importer.kind,
            file_name=path.name[:255],
            fingerprint=fingerprint,
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    run.status = ImportRun.Status.RUNNING
    run.rejects_file = str(rejects_path)[:500]
    run.error = ""
    run.save(update_fields=["status", "rejects_file", "error"])
    importer.begin()
    source = _Source(path, importer.encoding)
    handle, rejects = _rejects_writer(rejects_path, append=resuming)
    done_now = 0
    # An import allocates millions of short-lived objects, and every so often the garbage
    # collector then walks all live objects, the whole of Django's included: a third of a
    # small import's time went there. Freezing what exists now leaves it the import's own
    # objects (cycles among them are still freed).
    gc.freeze()
    try:
        batch: list[Item] = []
        refused: list[tuple[Item, str]] = []
        seen = 0
        resume_after = run.cursor  # rows committed by an earlier run of this file
        prepare, batch_size = importer.prepare, importer.batch_size
        for line, cells, row in _rows(importer, source):
            seen += 1
            if seen <= resume_after:
                continue
            if limit is not None and done_now >= limit:
                _commit(importer, run, batch, refused, rejects)
                raise ImportStopped(f"Stopped after {limit} rows; run again to continue.")
            done_now += 1
            if "__error__" in row:
                refused.append((Item(line, cells), row["__error__"]))
            else:
                try:
                    value = prepare(row)
                except RowError as exc:
                    refused.append((Item(line, cells), str(exc)))
                else:
                    batch.append(Item(line, cells, value))
            if len(batch) + len(refused) >= batch_size:
                _commit(importer, run, batch, refused, rejects)
                batch, refused = [], []
                if progress:
                    progress(source.position, source.size)
        _commit(importer, run, batch, refused, rejects)
        run.status = ImportRun.Status.COMPLETED
    except ImportStopped as exc:
        run.status = ImportRun.Status.INTERRUPTED
        run.error = str(exc)[:500]
    except KeyboardInterrupt:
        run.status = ImportRun.Status.INTERRUPTED
        run.error = "Interrupted; run the same import again to continue."
        raise
    except Exception as exc:
        run.status = ImportRun.Status.FAILED
        run.error = f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        gc.unfreeze()
        handle.close()
        source.close()
        run.finished_at = timezone.now()
        _finish(run)
    if progress:
        progress(source.size, source.size)
    return run


def _commit(
    importer: Importer,
    run: ImportRun,
    batch: list[Item],
    refused: list[tuple[Item, str]],
    rejects: Any,
) -> None:
    """Write a batch and move the cursor in one transaction; then log its refused rows."""
    if not batch and not refused:
        return
    with transaction.atomic():
        result = importer.write(batch) if batch else BatchResult()
        refused = refused + result.rejects
        run.cursor += len(batch) + len(refused) - len(result.rejects)
        run.created += result.created
        run.skipped += result.skipped
        run.rejected += len(refused)
        run.save(update_fields=["cursor", "created", "skipped", "rejected"])
    # Only after the commit: a batch rolled back leaves no rejects behind to be written twice.
    for item, reason in sorted(refused, key=lambda pair: pair[0].line):
        rejects.writerow([item.line, reason, *item.cells])


def _finish(run: ImportRun) -> None:
    with transaction.atomic():
        run.save(update_fields=["status", "error", "finished_at"])
        audit_emit(
            ImportRunFinishedEvent(
                kind=run.kind,
                file_name=run.file_name,
                status=run.status,
                created=run.created,
                skipped=run.skipped,
                rejected=run.rejected,
            ),
            target=run,
        )
