"""The grammar of section labels in policy documents: "II.", "C.", "5.", "b.", "(1)", "300.4.1".

A label has a *style* (which counter and which punctuation) and a *value* (its position in that
counter). Telling Roman "I" from the letter "I" needs context, so :func:`label_readings` returns
every reading of a label and the outline builder picks the one that continues the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "DecimalLabel",
    "LabelReading",
    "LabelStyle",
    "format_label",
    "from_letters",
    "from_roman",
    "label_readings",
    "match_decimal_label",
    "match_label",
    "to_letters",
    "to_roman",
]


class LabelStyle(Enum):
    """A numbering counter together with the punctuation around it."""

    ROMAN = "roman"  # I.  II.  IV.
    UPPER = "upper"  # A.  B.
    ARABIC = "arabic"  # 1.  2.
    LOWER = "lower"  # a.  b.
    LOWER_ROMAN = "lower_roman"  # i.  ii.
    PAREN_ARABIC = "paren_arabic"  # (1)
    PAREN_LOWER = "paren_lower"  # (a)
    PAREN_UPPER = "paren_upper"  # (A)
    PAREN_LOWER_ROMAN = "paren_lower_roman"  # (i)
    ARABIC_CLOSE = "arabic_close"  # 1)
    LOWER_CLOSE = "lower_close"  # a)


@dataclass(frozen=True, slots=True)
class LabelReading:
    """One way to read a label: its style, its counter value (1-based) and its id component."""

    style: LabelStyle
    value: int

    @property
    def component(self) -> str:
        """The label as it appears in a dotted section id ("II", "C", "5", "b")."""
        return _format_value(self.style, self.value)


@dataclass(frozen=True, slots=True)
class DecimalLabel:
    """A stock-manual label such as ``300.4.1``, kept exactly as written."""

    parts: tuple[int, ...]
    text: str


_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def to_roman(value: int) -> str:
    """Write a positive integer as an upper-case Roman numeral."""
    if value <= 0 or value >= 4000:
        raise ValueError(f"no Roman numeral for {value}")
    out = []
    for amount, numeral in _ROMAN_VALUES:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def from_roman(numeral: str) -> int | None:
    """Read an upper- or lower-case Roman numeral; None when it is not a valid one."""
    numeral = numeral.upper()
    if not numeral or not _ROMAN_RE.match(numeral):
        return None
    total = 0
    index = 0
    for amount, symbol in _ROMAN_VALUES:
        while numeral.startswith(symbol, index):
            total += amount
            index += len(symbol)
    return total


def to_letters(value: int) -> str:
    """Write a positive integer as spreadsheet-style letters: 1 -> A, 26 -> Z, 27 -> AA."""
    if value <= 0:
        raise ValueError(f"no letter label for {value}")
    out = ""
    while value:
        value, remainder = divmod(value - 1, 26)
        out = chr(ord("A") + remainder) + out
    return out


def from_letters(letters: str) -> int | None:
    """Read a letter label (A, b, AA); None when it is not one."""
    if not letters.isalpha() or not letters.isascii():
        return None
    # Policy documents continue past Z as "AA", "BB" (Word) or "AA", "AB"; accept only the
    # doubled-letter form, which is what Word writes and what readers expect.
    upper = letters.upper()
    if len(upper) == 1:
        return ord(upper) - ord("A") + 1
    if len(set(upper)) == 1 and len(upper) <= 3:
        return (len(upper) - 1) * 26 + ord(upper[0]) - ord("A") + 1
    return None


def _letters_for(value: int) -> str:
    repeat, remainder = divmod(value - 1, 26)
    return chr(ord("A") + remainder) * (repeat + 1)


def _format_value(style: LabelStyle, value: int) -> str:
    if style in (LabelStyle.ROMAN,):
        return to_roman(value)
    if style in (LabelStyle.LOWER_ROMAN, LabelStyle.PAREN_LOWER_ROMAN):
        return to_roman(value).lower()
    if style in (LabelStyle.UPPER, LabelStyle.PAREN_UPPER):
        return _letters_for(value)
    if style in (LabelStyle.LOWER, LabelStyle.PAREN_LOWER, LabelStyle.LOWER_CLOSE):
        return _letters_for(value).lower()
    return str(value)


def format_label(style: LabelStyle, value: int) -> str:
    """Write a label the way a document prints it: "II.", "(a)", "3)"."""
    component = _format_value(style, value)
    if style.name.startswith("PAREN_"):
        return f"({component})"
    if style in (LabelStyle.ARABIC_CLOSE, LabelStyle.LOWER_CLOSE):
        return f"{component})"
    return f"{component}."


# A label at the start of a line followed by a space (or the end of the line, for labels that
# sit alone on a line above their text). "1.5" or "4.1.4," never match: the dot must be followed
# by whitespace.
_LABEL_RE = re.compile(
    r"^(?:"
    r"\((?P<paren>[0-9]{1,3}|[A-Za-z]{1,2}|[ivxlc]{1,8})\)"
    r"|(?P<close>[0-9]{1,3}|[a-z]{1,2})\)"
    r"|(?P<dot>[0-9]{1,3}|[A-Za-z]{1,2}|[IVXLCDM]{1,8}|[ivxlc]{1,8})\."
    r")(?:\s+|$)"
)
_DECIMAL_RE = re.compile(r"^(?P<label>[0-9]{1,4}(?:\.[0-9]{1,3}){1,4})\.?(?:\s+|$)")


def match_label(line: str) -> tuple[str, str, int] | None:
    """Split a line into (punctuation kind, label body, end offset) when it starts with a label."""
    found = _LABEL_RE.match(line)
    if found is None:
        return None
    for kind in ("paren", "close", "dot"):
        body = found.group(kind)
        if body is not None:
            return kind, body, found.end()
    return None  # pragma: no cover - the pattern always sets one group


def match_decimal_label(line: str) -> tuple[DecimalLabel, int] | None:
    """Read a stock-manual label ("300.4.1 ...") at the start of a line."""
    found = _DECIMAL_RE.match(line)
    if found is None:
        return None
    text = found.group("label")
    return DecimalLabel(tuple(int(part) for part in text.split(".")), text), found.end()


def label_readings(kind: str, body: str) -> list[LabelReading]:
    """Every plausible reading of a label body; ambiguous ones ("I", "C", "i") give several."""
    readings: list[LabelReading] = []
    if body.isdigit():
        value = int(body)
        if value == 0:
            return []
        style = {
            "dot": LabelStyle.ARABIC,
            "paren": LabelStyle.PAREN_ARABIC,
            "close": LabelStyle.ARABIC_CLOSE,
        }[kind]
        return [LabelReading(style, value)]
    roman = from_roman(body)
    letters = from_letters(body)
    if body.isupper():
        if kind == "dot":
            if roman is not None:
                readings.append(LabelReading(LabelStyle.ROMAN, roman))
            if letters is not None:
                readings.append(LabelReading(LabelStyle.UPPER, letters))
        elif kind == "paren" and letters is not None:
            readings.append(LabelReading(LabelStyle.PAREN_UPPER, letters))
    elif body.islower():
        roman_style, letter_style = {
            "dot": (LabelStyle.LOWER_ROMAN, LabelStyle.LOWER),
            "paren": (LabelStyle.PAREN_LOWER_ROMAN, LabelStyle.PAREN_LOWER),
            "close": (None, LabelStyle.LOWER_CLOSE),
        }[kind]
        if roman is not None and roman_style is not None:
            readings.append(LabelReading(roman_style, roman))
        if letters is not None:
            readings.append(LabelReading(letter_style, letters))
    return readings
