"""The import runner: batches in transactions, a cursor to resume from, a rejects file.

An importer turns each data row into an item (or refuses it with a reason) without touching the
database, then writes a batch of items. Each batch and the run's cursor are committed together,
so an import stopped at any point (crash, Ctrl-C) leaves only whole batches behind and the next
run of the same file starts after the last committed row. Every record carries its dataset id
(``import_source``/``import_key``), so running a finished import again adds nothing.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

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
EARLIEST = date(1950, 1, 1)


class RowError(ValueError):
    """A row refused, with the reason written to the rejects file."""


class ImportStopped(Exception):
    """The run stopped before the end of the file (a row limit or an interruption)."""


def clean(value: str | None) -> str:
    """A cell's text with whitespace trimmed and null markers ("NULL", "N/A", ...) as ""."""
    if value is None:
        return ""
    value = value.strip()
    return "" if value.upper() in NULLS else value


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


def _plausible(day: date, what: str, raw: str) -> None:
    if day < EARLIEST or day > timezone.now().date():
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
    candidates = list(formats or [*DATE_FORMATS, *DATETIME_FORMATS])
    last = _LAST_FORMAT.get(what)
    if last in candidates:
        candidates.insert(0, last)
    for fmt in candidates:
        try:
            day = datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        _LAST_FORMAT[what] = fmt
        _plausible(day, what, raw)
        return day
    raise RowError(f"{what} {raw!r} is not a date")


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
    zone = tz or ZoneInfo("UTC")
    candidates = list(formats or [*DATETIME_FORMATS, *DATE_FORMATS])
    # A column keeps one format in most files: try the one that last worked first.
    last = _LAST_FORMAT.get(what)
    if last in candidates:
        candidates.insert(0, last)
    for fmt in candidates:
        try:
            moment = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        _LAST_FORMAT[what] = fmt
        _plausible(moment.date(), what, raw)
        return moment.replace(tzinfo=zone)
    raise RowError(f"{what} {raw!r} is not a date and time")


def combine(day: date, clock: str, tz: ZoneInfo) -> datetime:
    """A date and an optional "HH:MM[:SS]" or "HHMM" time as an aware datetime."""
    clock = clean(clock)
    moment = time(12, 0)
    if clock:
        digits = re.fullmatch(r"(\d{1,2}):?(\d{2})(?::(\d{2}))?(?:\.\d+)?", clock)
        if digits:
            hour, minute, second = int(digits[1]), int(digits[2]), int(digits[3] or 0)
            if hour < 24 and minute < 60 and second < 60:
                moment = time(hour, minute, second)
    return datetime.combine(day, moment).replace(tzinfo=tz)


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

    @property
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
                links = OfficerSourceLink.objects.filter(source=source, source_key__in=chunk)
                for key, officer_id in links.values_list("source_key", "officer_id"):
                    self.known[(source, key)] = officer_id
        missing = [k for k in missing if k not in self.known]
        self._link_or_create([wanted[k] for k in missing])
        return {k: self.known[k] for k in wanted if k in self.known}

    def _link_or_create(self, identities: list[OfficerIdentity]) -> None:
        match_keys = {i.match_key for i in identities if i.match_key}
        matched: dict[str, tuple[int, str, str]] = {}
        for chunk in _chunks(sorted(match_keys), 500):
            rows = OfficerSourceLink.objects.filter(
                match_key__in=chunk, officer__agency=self.agency
            ).values_list("match_key", "officer_id", "source", "source_key")
            for match_key, officer_id, source, key in rows:
                matched.setdefault(match_key, (officer_id, source, key))
        new_officers: dict[str, Officer] = {}
        pending: list[tuple[OfficerIdentity, Officer | int, dict[str, Any]]] = []
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
            officer = new_officers.get(group)
            if officer is None:
                officer = Officer(
                    agency=self.agency,
                    unit_id=unit_for(self.agency, identity.unit_name, self.units),
                    first_name=identity.first_name[:100].title(),
                    last_name=identity.last_name[:100].title(),
                    badge_number=identity.badge_number[:30],
                    rank=identity.rank[:60],
                    hired_on=identity.hired_on,
                    birth_year=identity.birth_year,
                    gender=identity.gender[:30],
                    race=identity.race[:60],
                )
                new_officers[group] = officer
            pending.append((identity, officer, {"created_from": f"{identity.source}"}))
        Officer.objects.bulk_create(list(new_officers.values()))
        self.created += len(new_officers)
        links, names = [], []
        for identity, target, evidence in pending:
            officer_id = target if isinstance(target, int) else target.pk
            self.known[(identity.source, identity.key)] = officer_id
            links.append(
                OfficerSourceLink(
                    officer_id=officer_id,
                    source=identity.source,
                    source_key=identity.key,
                    match_key=identity.match_key,
                    evidence=evidence,
                )
            )
            names.append(
                OfficerName(
                    officer_id=officer_id,
                    first_name=identity.first_name[:100],
                    last_name=identity.last_name[:100],
                    badge_number=identity.badge_number[:30],
                    rank=identity.rank[:60],
                    source=identity.source[:60],
                )
            )
        OfficerSourceLink.objects.bulk_create(links, ignore_conflicts=True)
        OfficerName.objects.bulk_create(names, ignore_conflicts=True)


def _converter(field: Any) -> Callable[[Any], Any] | None:
    """How a plain Python value becomes a database parameter for this field, if it needs to."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField | models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def discipline_insert(source: str, penalties: dict[str, tuple[str, str]]) -> None:
    """Record discipline for allegations imported from ``source``, given their import keys
    mapped to (recommended, imposed) penalties."""
    if not penalties:
        return
    ids = Allegation.objects.filter(
        import_source=source, import_key__in=list(penalties)
    ).values_list("import_key", "id")
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


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows given as {field name: value} with one statement run for all of them.

    Much faster than ``bulk_create`` for large batches because it skips building model instances
    and compiling SQL per row; fields a row leaves out take their model default. Rows that would
    break a unique constraint are skipped, which is what makes repeating a batch harmless.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for column in fields:
        if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
            defaults[column.name] = now
        elif column.has_default() or not column.null:
            defaults[column.name] = column.get_default()
        else:
            defaults[column.name] = None
    converters = [(column.name, column.attname, _converter(column)) for column in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column.column) for column in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    # Defaults are converted once, not once per row that leaves the field out.
    ready = {
        name: convert(defaults[name]) if convert and defaults[name] is not None else defaults[name]
        for name, _, convert in converters
    }
    values = []
    for row in rows:
        record = []
        for name, attname, convert in converters:
            if attname in row or name in row:
                value = row[attname] if attname in row else row[name]
                record.append(convert(value) if convert and value is not None else value)
            else:
                record.append(ready[name])
        values.append(record)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # In-process SQLite runs one prepared statement for all rows fastest.
            cursor.executemany(f"{head}{marks} ON CONFLICT DO NOTHING", values)
            return
        # On PostgreSQL one statement takes a whole batch as one array per column: a single
        # round trip and parse, however many rows.
        arrays = ", ".join(f"%s::{column.db_type(connection)}[]" for column in fields)
        sql = f"{head.removesuffix('VALUES ')}SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING"  # noqa: S608
        cursor.execute(sql, [list(column) for column in zip(*values, strict=True)])


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


@dataclass
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
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            yield line, cells, {"__error__": f"expected {width} columns, found {len(cells)}"}
            continue
        yield line, cells, dict(zip(header, cells, strict=True))


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
    try:
        batch: list[Item] = []
        refused: list[tuple[Item, str]] = []
        seen = 0
        for line, cells, row in _rows(importer, source):
            seen += 1
            if seen <= run.cursor:
                continue  # committed by an earlier run of this file
            if limit is not None and done_now >= limit:
                _commit(importer, run, batch, refused, rejects)
                raise ImportStopped(f"Stopped after {limit} rows; run again to continue.")
            done_now += 1
            item = Item(line=line, cells=cells)
            try:
                if "__error__" in row:
                    raise RowError(row["__error__"])
                item.value = importer.prepare(row)
            except RowError as exc:
                refused.append((item, str(exc)))
            else:
                batch.append(item)
            if len(batch) + len(refused) >= importer.batch_size:
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
