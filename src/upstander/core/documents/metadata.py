"""What a policy document says about itself: title, number, dates and what it rescinds.

Only stated facts are reported: a value is read next to its label ("Effective Date:",
"Rescinds:") on the document's first page or lines, and is None when the document does not say.
"""

from __future__ import annotations

import re
from datetime import date

from upstander.core.documents.model import DocumentMetadata

__all__ = ["parse_date", "read_metadata"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_PATTERN = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})"
)
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def _two_digit_year(year: int) -> int:
    # Policy documents are from the 1970s onward; "95" is 1995 and "21" is 2021.
    return year + (1900 if year >= 50 else 2000)


def parse_date(text: str) -> str | None:
    """Read one date in a common US policy-document form and return it as ISO ``YYYY-MM-DD``."""
    text = text.strip().rstrip(".,")
    found = _DATE_RE.fullmatch(text) or _DATE_RE.search(text)
    if found is None:
        return None
    value = found.group(0).lower().replace(",", " ").replace(".", " ").split()
    try:
        if value[0][:3] in {key[:3] for key in _MONTHS} and not value[0][0].isdigit():
            month = _MONTHS[value[0].rstrip(".")]
            day = int(re.sub(r"\D", "", value[1]))
            year = int(value[2])
        elif len(value) >= 3 and value[1].rstrip(".") in _MONTHS:
            day, month, year = int(value[0]), _MONTHS[value[1].rstrip(".")], int(value[2])
        else:
            raw = found.group(0)
            parts = [int(part) for part in re.split(r"[/.\-]", raw)]
            if len(str(raw.split("-")[0])) == 4 and "-" in raw:
                year, month, day = parts
            else:
                month, day, year = parts  # US order, as Illinois and most US agencies write
                if year < 100:
                    year = _two_digit_year(year)
        return date(year, month, day).isoformat()
    except (ValueError, KeyError, IndexError):
        return None


# Labels are matched at a word boundary and may be followed (on the same or the next line) by
# the value; up to a few characters of other words ("ORIGINAL EFFECTIVE / ISSUE DATE:") are
# tolerated between the keyword and the colon.
_DATE_LABELS = {
    "effective": r"\beffective(?:\s+date)?",
    "issued": r"\b(?:date\s+of\s+issue|issue(?:d)?(?:\s+date)?|date\s+issued)",
    "revised": (
        r"\b(?:revised|revision|amended|date\s+of\s+last\s+revision|last\s+revised)"
        r"(?:\s+date)?"
    ),
}
_LABEL_GAP = r"[^\n:]{0,16}?[:\-]?\s*"
_DATE_FIELD_RES = {
    name: re.compile(label + _LABEL_GAP + r"\n?\s*(" + DATE_PATTERN + ")", re.IGNORECASE)
    for name, label in _DATE_LABELS.items()
}

_NUMBER_KINDS = (
    r"General\s+Order|G\.\s?O\.|Special\s+Order|Directive|Policy|Standard\s+Operating\s+Procedure"
    r"|SOP|Training\s+Bulletin|Bulletin|Memorandum|Order|Procedure|Rule"
)
_IDENTIFIER = r"(?P<id>[A-Z]{0,5}-?\d[\w.\-]*[\w])"
_NUMBER_RE = re.compile(
    rf"\b(?P<kind>{_NUMBER_KINDS})(?:\s+(?:Number|No\.?|#))?\s*[:#]?\s*{_IDENTIFIER}",
    re.IGNORECASE,
)
_BARE_NUMBER_RE = re.compile(
    rf"(?:^\s*(?:Number|No\.|Order\s+No\.?)\s*[:#]?|\b(?:Number|No\.)\s*[:#])"
    rf"\s*\n?\s*{_IDENTIFIER}",
    re.IGNORECASE | re.MULTILINE,
)
_TITLE_RE = re.compile(
    r"^\s*(?:Policy\s+)?(?:Title|Subject)\s*:\s*\n?\s*(?P<title>[^\n]{3,120})",
    re.IGNORECASE | re.MULTILINE,
)
_RESCINDS_RE = re.compile(
    r"\b(?:Rescinds|Supersedes|Amends/Rescinds)\s*:?[ \t]*(?P<value>[^\n]*)", re.IGNORECASE
)
_NEXT_LABEL_RE = re.compile(
    r"\s+(?=(?:Number|No\.|Author|Page|Distribution|Rescinds|Series|Section|Effective|Issued"
    r"|Issue Date|Revised|Amended|Replaces|Chapter|Category|Approved|Date)\b[^:\n]{0,12}:)",
    re.IGNORECASE,
)
# PDF producers often store the source file name as the title ("Microsoft Word - 6.01r").
_SOFTWARE_TITLE_RE = re.compile(
    r"^(?:Microsoft Word|Microsoft PowerPoint|untitled)\b|.*\.(?:docx?|pdf|rtf|wpd)$",
    re.IGNORECASE,
)
_KNOWN_LABEL_RE = re.compile(r"^[A-Z][A-Za-z /]{2,30}:")
_NONE_VALUES = {"", "none", "n/a", "na", "-", "—", "nothing"}


def _canonical_kind(kind: str) -> str:
    compact = re.sub(r"\s+", " ", kind.strip())
    lowered = compact.lower().replace(" ", "")
    if lowered in ("g.o.", "go."):
        return "G.O."
    if lowered == "sop":
        return "SOP"
    return compact.title()


_SLASH_OR_ISO_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")


def _read_number(text: str) -> str | None:
    for found in _NUMBER_RE.finditer(text):
        identifier = found.group("id")
        if _SLASH_OR_ISO_DATE.fullmatch(identifier):
            continue  # "Order Date: 06/08/2020"; "1.6.01" is a number, not a date
        return f"{_canonical_kind(found.group('kind'))} {identifier}"
    bare = _BARE_NUMBER_RE.search(text)
    if bare is not None:
        identifier = bare.group("id")
        # Only a kind printed as the document's own banner line names it ("GENERAL ORDER").
        kind = re.search(
            r"^\s*(General Order|Directive|Special Order)\s*$", text, re.IGNORECASE | re.MULTILINE
        )
        return f"{_canonical_kind(kind.group(1))} {identifier}" if kind else identifier
    return None


def _read_rescinds(text: str) -> list[str]:
    found = _RESCINDS_RE.search(text)
    if found is None:
        return []
    value = found.group("value").strip()
    following = text[found.end() :].lstrip("\n").split("\n", 1)[0].strip()
    if value.endswith((",", " and", " or", "&")) and following and ":" not in following:
        value = f"{value} {following}"  # the value wraps onto the next line
    # A label with nothing after it is often followed by the next label in a header table.
    if _KNOWN_LABEL_RE.match(value) or value.lower().rstrip(".") in _NONE_VALUES:
        return []
    value = re.split(r"\s{2,}|\s+(?=[A-Z][A-Za-z ]{2,20}:)", value)[0].strip().rstrip(",;")
    items = [item.strip() for item in re.split(r";", value) if item.strip()]
    return [item for item in items if item.lower() not in _NONE_VALUES]


def read_metadata(front_lines: list[str], fallback_title: str | None = None) -> DocumentMetadata:
    """Read the metadata a document states in its opening lines (its first page for PDFs)."""
    text = "\n".join(line.strip() for line in front_lines)
    metadata = DocumentMetadata()
    for name, pattern in _DATE_FIELD_RES.items():
        found = pattern.search(text)
        if found is not None:
            setattr(metadata, name, parse_date(found.group(1)))
    metadata.number = _read_number(text)
    title = _TITLE_RE.search(text)
    if title is not None:
        # Header tables put several labels on a line: "Title: RULES OF CONDUCT Number: PER-200".
        words = _NEXT_LABEL_RE.split(title.group("title"))[0]
        metadata.title = re.sub(r"\s+", " ", words).strip() or None
    if metadata.title is None and fallback_title and not _SOFTWARE_TITLE_RE.match(fallback_title):
        metadata.title = fallback_title
    metadata.rescinds = _read_rescinds(text)
    return metadata
