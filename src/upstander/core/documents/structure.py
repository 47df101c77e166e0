"""From extracted lines to a flat, ordered list of sections with stable dotted ids.

The builder walks the lines once, keeping a stack of the enumeration styles that are open (for
example Roman, then capital letters, then arabic numbers). A line starts a section only when its
label continues the sequence at some open level or opens a new, deeper level with a first label
("A.", "1.", "(a)"); anything else is running text. Stock-manual labels ("300.4.1") are kept as
written and checked to move forward through the manual.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from upstander.core.documents.model import Section
from upstander.core.documents.numbering import (
    DecimalLabel,
    LabelReading,
    LabelStyle,
    from_roman,
    label_readings,
    match_decimal_label,
    match_label,
    to_roman,
)

__all__ = ["Line", "build_sections", "remove_running_heads", "slugify"]


@dataclass(slots=True)
class Line:
    """One line of extracted text, with the page it is on and whether the format marks a heading."""

    text: str
    page: int | None = None
    heading: bool = False  # Markdown "#", HTML <h1>-<h6>, a Word "Heading" style
    paragraph: bool = False  # a whole paragraph (Word, HTML), so it always starts afresh


# --- running heads and feet -------------------------------------------------------------------

_PAGE_OF_RE = re.compile(r"^page\s+\d{1,4}\s+of\s+\d{1,4}$", re.IGNORECASE)
_TOP_ZONE = 12
_BOTTOM_ZONE = 6
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?[-\u2013]?\s*\d{1,4}\s*[-\u2013]?(?:\s*(?:of|/)\s*\d{1,4})?$"
    # Stock manuals foot each page with "<policy name> - <page>", sometimes split in two.
    r"|^[A-Za-z][^.:;]{2,80}\s[-\u2013](?:\s*\d{1,4})?$",
    re.IGNORECASE,
)


def _running_key(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


def _is_structural(lines: list[Line], index: int) -> bool:
    """Lines that look repeated once digits are masked but are really section starts."""
    text = lines[index].text.strip()
    decimal = match_decimal_label(text)
    if decimal is not None and any(char.isalpha() for char in text[decimal[1] :]):
        return True  # "106.1 PURPOSE AND SCOPE" masks to the same key on every policy
    if text in ("Policy", "Chapter") or _CHAPTER_RE.match(text):
        return True
    if text.isdigit() and index > 0 and lines[index - 1].text.strip() in ("Policy", "Chapter"):
        return True
    if index + 1 < len(lines) and not any(char.isdigit() for char in text):
        # A policy's name, repeated in its own running heads, sits right above "300.1 ...".
        following = match_decimal_label(lines[index + 1].text.strip())
        if following is not None and following[0].parts[1:] == (1,):
            return True
    return False


def remove_running_heads(lines: list[Line], page_count: int) -> list[Line]:
    """Drop page headers and footers: lines near the top or bottom that repeat across pages."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.page is not None and line.text.strip():
            by_page.setdefault(line.page, []).append(index)
    if not by_page:
        return lines
    zone_keys: dict[int, str] = {}
    pages_with_key: Counter[str] = Counter()
    for indexes in by_page.values():
        zone = indexes[:_TOP_ZONE] + indexes[-_BOTTOM_ZONE:]
        seen: set[str] = set()
        for index in zone:
            key = _running_key(lines[index].text)
            zone_keys[index] = key
            seen.add(key)
        pages_with_key.update(seen)
    # Three pages is enough to call a line a running head: stock manuals repeat a chapter's
    # header only on that chapter's few pages, and body lines rarely repeat word for word.
    threshold = 3 if page_count >= 3 else page_count + 1
    drop = {
        index
        for index, key in zone_keys.items()
        if (
            (len(key) > 2 and pages_with_key[key] >= threshold)
            or _PAGE_NUMBER_RE.match(lines[index].text.strip())
        )
        and not _is_structural(lines, index)
    }
    return [line for index, line in enumerate(lines) if index not in drop]


# --- sections ---------------------------------------------------------------------------------

_SENTENCE_END = (".", ":", ";", "!", "?", '"', "\u201d", ")", "\u2019", "'")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "than",
        "that",
        "the",
        "to",
        "with",
    ]
)
_FORM_LABELS = (
    "DATE DATES NUMBER SUBJECT RESCINDS DISTRIBUTION TITLE ISSUE ISSUED EFFECTIVE AMENDED "
    "TERMINATION PAGE TO FROM SERIES CALEA ILEAP APPROVED AUTHOR REPLACES"
)
_FORM_LABEL_WORDS = frozenset(_FORM_LABELS.split(" "))
_INLINE_HEADING_RE = re.compile(r"^(?P<words>[A-Z][A-Z ]{2,30}[A-Z]):\s+\S")
_CAPS_HEADING_RE = re.compile(r"^[A-Z][A-Z0-9 &/,'\u2019\-()]{2,60}:?$")
_TERM_RE = re.compile(
    r"^(?P<term>[^:\u2013\u2014]{2,70}?)\s*(?::\s*\S|\s[\u2013\u2014-]\s+[A-Z\"\u201c])"
)
_ARTICLE_RE = re.compile(
    r"^(?:ARTICLE|Article)\s+(?P<number>\d{1,3}|[IVXLC]{1,6})\b\.?\s*(?:[-\u2013:.]\s*)?(?P<title>.*)$"
)
# "SECTION III. GENERAL CONDUCT": a part of an order cited by its numeral ("Section III").
_SECTION_RE = re.compile(
    r"^(?:SECTION|Section)\s+(?P<number>[IVXLC]{1,6}|\d{1,2})\b\.?\s*(?:[-\u2013:.]\s*)?"
    r"(?P<title>[^.]*)$"
)
# A full outline path written at the start of a paragraph: "III.A.1. Members shall ...",
# "II.C. Duty to Intervene". At least one component is a letter, so "300.4.1" stays decimal.
_PATH_RE = re.compile(
    r"^(?P<path>(?:[IVXLC]{1,6}|\d{1,3})(?:\.(?:[A-Z]{1,2}|\d{1,3}|[a-z])){1,4})\.?\s+"
    r"(?P<rest>[A-Z\"\u201c(].*)$"
)
# A statute's section as a styled heading: "12-7-101. Definitions." (title, chapter, section).
_STATUTE_HEADING_RE = re.compile(
    r"^(?:§\s*)?(?P<number>\d{1,3}(?:-\d{1,4}){1,3})\.?\s+(?P<title>[A-Z][^\n]{0,100}?)\.?$"
)
# A paragraph numbered on its own through a whole document, as consent decrees and statutes
# number them ("51. Officers shall not use a NECK HOLD ..."): cited as "paragraph 51".
_NUMBERED_PARAGRAPH_RE = re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<rest>[A-Z\"\u201c(][^\n]{30,})$")
# A heading (Markdown "#", Word heading style) that starts with its part number.
_NUMBERED_HEADING_RE = re.compile(r"^(?P<number>\d{1,3})\.?\s+(?P<title>[A-Z][^.]{0,80})$")
# "Policy 300 - Use of Force"; not "Policy 5.07, Warrant Service" (a decimal number cited in a
# sentence), and not a paragraph that happens to begin with "Policy 5".
_CHAPTER_RE = re.compile(
    r"^(?:Policy|Chapter)\s+(?P<number>\d{1,4})\b(?!\.\d)"
    r"(?:\s*[-\u2013:.]\s*(?P<title>[^\n]{0,100}))?$"
)
_MAX_CONTENTS_ENTRIES = 80
# Contents lines end in a page number after dot leaders (". . . 52") or a wide gap; a heading
# may end in a number of its own ("LEVEL 2"), so one space before a number is not enough.
_TOC_TAIL_RE = re.compile(r"(?:(?:\s?\.){3,}|\u2026+|\s{2,})\s*\d{1,4}$")


def slugify(text: str) -> str:
    """Turn an unnumbered heading into an id: "Use of Force" -> "use-of-force"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _is_caps_heading(text: str) -> bool:
    if not _CAPS_HEADING_RE.match(text):
        return False
    if _FORM_LABEL_WORDS.intersection(re.findall(r"[A-Z]+", text)):
        return False  # "EFFECTIVE DATE:" in a header table labels a value, not a section
    words = text.split()
    letters = sum(char.isalpha() for char in text)
    return 1 <= len(words) <= 8 and letters >= 4


def _looks_like_title(rest: str, next_text: str | None) -> bool:
    words = rest.split()
    if not words or len(words) > 12 or len(rest) > 90:
        return False
    if len(rest) > 60 and rest.upper() != rest and not rest.endswith(":"):
        return False  # a long mixed-case line is a sentence wrapped at the margin
    if rest.endswith((".", ";", ",")) and not rest.isupper():
        return False
    if words[-1].lower() in _FUNCTION_WORDS:
        return False
    if next_text and next_text[:1].islower() and match_label(next_text) is None:
        return False
    return rest[:1].isupper() or rest[:1].isdigit()


_RUN_IN_RE = re.compile(r"^(?P<head>[A-Z][\w'-]*(?:\s+[\w'-]+){0,5})\.\s+(?=[A-Z])")
_MODAL_WORDS = {"shall", "must", "will", "may", "should", "is", "are", "be", "not"}


def _is_title_case(text: str) -> bool:
    """Every word capitalised but short function words, and no verb of obligation."""
    words = text.split()
    if any(word.lower() in _MODAL_WORDS for word in words):
        return False
    return all(word[:1].isupper() or word.lower() in _FUNCTION_WORDS for word in words)


def _split_heading(rest: str, next_text: str | None) -> tuple[str, str]:
    """Split what follows a label into (heading, first body line)."""
    rest = rest.strip()
    if not rest:
        return "", ""
    term = _TERM_RE.match(rest)
    if term is not None:
        words = term.group("term").split()
        if 1 <= len(words) <= 8 and term.group("term")[:1].isupper():
            # A defined term ("Chokehold: applying ...") names the section; the definition
            # stays whole in the text so quotes read naturally.
            return term.group("term").strip(), rest
    if rest.upper() == rest and any(char.isalpha() for char in rest):
        return rest.rstrip(":").strip(), ""
    run_in = _RUN_IN_RE.match(rest)
    if run_in is not None and _is_title_case(run_in.group("head")):
        # A run-in heading ("Intervention. A deputy who knows ...") names the rule; the text
        # stays whole so quotes read as printed.
        return run_in.group("head"), rest
    if _looks_like_title(rest, next_text):
        return rest.rstrip(":").strip(), ""
    return "", rest


@dataclass(slots=True)
class _Frame:
    style: LabelStyle
    value: int
    component: str


@dataclass(slots=True)
class _OpenSection:
    id: str
    heading: str
    page: int | None
    level: int
    body: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)  # page of each body entry
    line: str = ""  # the line that started the section, kept to undo a table of contents
    numbered: bool = True  # False for a section opened by an unnumbered heading


class _OutlineBuilder:
    def __init__(self) -> None:
        self.sections: list[_OpenSection] = []
        self.current = _OpenSection(id="", heading="", page=None, level=0)
        self.stack: list[_Frame] = []
        self.saved_stack: list[_Frame] | None = None
        self.heading_slug: str | None = None  # the last unnumbered heading, as an id
        self.last_rule: tuple[int, ...] | None = None
        self.rule_base: int | None = None  # outline level of the section the rules sit in
        self.prefix: str | None = None  # prepended to ids of a list restarted under it
        self.saved_prefix: str | None = None
        self.decimal_id: str | None = None
        self.decimal_level = -1
        self.last_decimal: tuple[int, ...] | None = None
        self.last_chapter: int | None = None
        self.last_part = 0  # the last "Chapter N" of a manual
        self.path_root: str | None = None  # the part ("III") written-out paths sit in
        self.last_paragraph: int | None = None  # the last document-wide paragraph number
        self.used_ids: Counter[str] = Counter()
        self.awaiting_title = False
        self.line = ""
        self.last_index: dict[str, int] = {}  # where each id was last closed, for contents pages

    # Starting sections ---------------------------------------------------------------------

    def start(self, base_id: str, heading: str, page: int | None, level: int) -> None:
        self.close()
        self.awaiting_title = False
        self.used_ids[base_id] += 1
        count = self.used_ids[base_id]
        section_id = base_id if count == 1 else f"{base_id}#{count}"
        self.current = _OpenSection(
            id=section_id, heading=heading, page=page, level=level, line=self.line
        )

    def close(self) -> None:
        current = self.current
        if current.id or current.heading or any(part.strip() for part in current.body):
            self.last_index[current.id] = len(self.sections)
            self.sections.append(current)

    def add_body(self, text: str, page: int | None = None) -> None:
        if not text:
            return
        if self.current.page is None:
            self.current.page = page  # front matter starts where its first words are
        if self.awaiting_title:
            self.awaiting_title = False
            if _looks_like_title(text, None) and len(text.split()) <= 10:
                # Stock manuals print "Policy / 300" and then the policy's name.
                self.current.heading = text
                return
        self.current.body.append(text)
        self.current.pages.append(page)

    # Decimal (stock manual) labels --------------------------------------------------------

    def accept_decimal(
        self,
        label: DecimalLabel,
        rest: str,
        next_text: str | None,
        boundary: bool,
        heading: bool = False,
    ) -> bool:
        rest = rest.strip()
        if not rest or not rest[:1].isupper() or _TOC_TAIL_RE.search(rest):
            return False
        shouted = rest.upper() == rest
        parts = label.parts
        previous = self.last_decimal
        if _is_paragraph(rest, next_text):
            # A numbered paragraph ("4.6.1 For the purposes of this section, ...") opens a
            # section only where it continues the outline: the first paragraph under the
            # section above, or the next one after it. Anything else is a cross-reference at
            # the start of a wrapped line.
            return boundary and previous is not None and _continues(previous, parts)
        if previous is None or parts[0] != previous[0]:
            # A new chapter opens with its first subsection ("300.1") and moves forward; a
            # little slack lets the outline recover when a chapter's first heading was missed.
            # A heading styled as one ("4.2.1 Purpose" in Word or Markdown) may open the outline
            # below the chapter level when it is the first of its run.
            opens = (
                parts[1:] == (1,)
                or self.last_chapter == parts[0]
                or (heading and previous is None and parts[-1] == 1)
            )
            if not opens and not (shouted and boundary and parts[1] <= 2 and len(parts) <= 3):
                return False
            if previous is not None and parts[0] < previous[0]:
                return False
        elif parts <= previous:
            return False
        return True

    def start_decimal(self, label: DecimalLabel, heading: str, page: int | None) -> None:
        self.last_decimal = label.parts
        self.decimal_id = label.text
        self.decimal_level = len(label.parts) - 1
        self.stack = []
        self.saved_stack = None
        self.heading_slug = self.prefix = None
        self.rule_base = None
        self.start(label.text, heading, page, self.decimal_level)

    def undo_decimal_contents(self, label: DecimalLabel) -> None:
        """A decimal label seen before, when everything since its first use is bare headings,
        was a table of contents without page numbers: turn it back into text."""
        index = self.last_index.get(label.text)
        if index is None or index >= len(self.sections) or self.sections[index].id != label.text:
            return
        run = [*self.sections[index:], self.current]
        # Entries have no text of their own; the last may have picked up the next part's title.
        tail = "".join(self.current.body).strip()
        if len(run) < 3 or any("".join(item.body).strip() for item in run[:-1]) or len(tail) > 80:
            return
        self.drop_toc_run(index)
        self.last_decimal = None
        self.last_rule = None
        self.decimal_id = None
        self.decimal_level = -1
        self.last_chapter = None

    def accept_rule(self, label: DecimalLabel, rest: str) -> bool:
        """Numbered rules in a code of conduct ("12.9 Officers are required to ..."): two-part
        numbers below 100 that run in sequence, one article after another."""
        parts = label.parts
        if len(parts) != 2 or parts[0] >= 100 or not rest.strip()[:1].isupper():
            return False
        previous = self.last_rule
        if previous is None:
            return parts[1] == 1
        return parts == (previous[0], previous[1] + 1) or (parts[0] > previous[0] and parts[1] == 1)

    def start_rule(self, label: DecimalLabel, heading: str, page: int | None) -> None:
        self.last_rule = label.parts
        if self.rule_base is None:
            self.rule_base = max(self.decimal_level, -1)  # rules sit under the open section
        self.decimal_id = label.text
        self.decimal_level = self.rule_base + 1
        self.stack = []
        self.saved_stack = None
        self.heading_slug = self.prefix = None
        self.start(label.text, heading, page, self.decimal_level)

    def accept_path(self, path: str) -> bool:
        """A written-out outline path continues the part it belongs to ("III.B.2" in III)."""
        parts = path.split(".")
        if not any(part.isalpha() for part in parts):
            return False
        if self.path_root is None:
            return True
        return parts[0] == self.path_root or parts[0] == _next_numeral(self.path_root)

    def start_path(self, path: str, heading: str, page: int | None) -> None:
        parts = path.split(".")
        self.path_root = parts[0]
        self.decimal_id = path
        self.decimal_level = len(parts) - 1
        self.last_decimal = None
        self.stack = []
        self.saved_stack = None
        self.heading_slug = self.prefix = None
        self.rule_base = None
        self.start(path, heading, page, self.decimal_level)

    def accept_numbered_paragraph(self, number: int) -> bool:
        """A paragraph number continuing the document's run, or one that starts it high.

        A run that starts at 10 or above cannot be an ordinary list (those start at 1), so it
        opens sections; later numbers must move forward, by less than 50 (an excerpt leaves
        out whole parts).
        """
        if self.decimal_id is not None:
            return False
        if self.last_paragraph is None:
            return number >= 10
        return self.last_paragraph < number < self.last_paragraph + 50

    def start_numbered_paragraph(self, number: int, page: int | None) -> None:
        self.last_paragraph = number
        # Paragraphs sit under the lettered part they appear in, without joining its list.
        self.start(str(number), "", page, len(self.stack))

    def start_chapter(self, number: int, heading: str, page: int | None) -> None:
        self.last_chapter = number
        self.decimal_id = str(number)
        self.decimal_level = 0
        self.stack = []
        self.saved_stack = None
        self.heading_slug = self.prefix = None
        self.rule_base = None
        self.start(str(number), heading, page, 0)
        self.awaiting_title = not heading

    # Enumerated labels --------------------------------------------------------------------

    def choose(
        self, readings: list[LabelReading], stack: list[_Frame], allow_push: bool
    ) -> tuple[int, LabelReading] | None:
        """Pick the reading that continues an open level (deepest first) or opens a new one."""
        best: tuple[int, LabelReading] | None = None
        best_rank = -1
        for reading in readings:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].style is reading.style:
                    if reading.value == stack[depth].value + 1:
                        rank = 1000 + depth
                        if rank > best_rank:
                            best, best_rank = (depth, reading), rank
                    elif (
                        reading.value == 1
                        and allow_push
                        and best_rank < 0
                        and stack[-1].style is not reading.style
                    ):
                        # Some orders nest a style inside itself ("i. Personal Weapons:" then
                        # "A. Hand strikes"); never directly under its own kind.
                        best, best_rank = (len(stack), reading), 0
                    break
            else:
                if reading.value == 1 and allow_push and best_rank < 0:
                    best, best_rank = (len(stack), reading), 0
        return best

    def toc_restart(self, readings: list[LabelReading]) -> tuple[int, LabelReading] | None:
        """A first label that restarts the top-level sequence after a table of contents."""
        for reading in readings:
            if reading.value != 1:
                continue
            index = self.last_index.get(reading.component)
            if index is None or index >= len(self.sections):
                continue
            if self.sections[index].id != reading.component:
                continue
            run = [*self.sections[index:], self.current]
            # A contents entry may pick up a stray line (a header table's "APPENDICES:").
            sparse = all(sum(map(len, item.body)) <= 60 for item in run)
            if 2 <= len(run) <= _MAX_CONTENTS_ENTRIES and sparse:
                return index, reading
        return None

    def drop_toc_run(self, run_start: int) -> None:
        """Turn the sections of a table of contents back into text of the section before it."""
        dropped = [*self.sections[run_start:], self.current]
        del self.sections[run_start:]
        for section in dropped:
            self.used_ids[section.id.split("#")[0]] -= 1
        if self.sections:
            self.current = self.sections.pop()
        else:
            self.current = _OpenSection(id="", heading="", page=None, level=0)
        self.current.body.extend(section.line for section in dropped)
        self.current.pages.extend(section.page for section in dropped)
        self.heading_slug = self.prefix = None  # headings inside the contents mean nothing

    def accept_enumerated(self, readings: list[LabelReading], allow_push: bool) -> int | None:
        fresh = not self.stack
        chosen = self.choose(readings, self.stack, allow_push)
        if chosen is None and self.saved_stack is not None:
            # An unnumbered heading interrupted the outline; the label may continue it.
            chosen = self.choose(readings, self.saved_stack, allow_push=False)
            if chosen is not None:
                self.stack, self.prefix, fresh = self.saved_stack, self.saved_prefix, False
        is_push = chosen is not None and chosen[0] == len(self.stack)
        restart = self.toc_restart(readings) if chosen is None or is_push else None
        if restart is not None:
            self.drop_toc_run(restart[0])
            self.stack, self.saved_stack = [], None
            chosen = (0, restart[1])
        if chosen is None:
            return None
        depth, reading = chosen
        if fresh and depth == 0 and self.heading_slug is not None:
            # A list that restarts its numbers under a new unnumbered heading ("LEVELS OF
            # CONTROL / 1. ...") is cited by that heading, so its ids carry the heading's.
            self.prefix = self.heading_slug if self.used_ids[reading.component] > 0 else None
        del self.stack[depth:]
        self.stack.append(_Frame(reading.style, reading.value, reading.component))
        self.saved_stack = None
        return depth

    def enumerated_id(self) -> tuple[str, int]:
        components = [frame.component for frame in self.stack]
        if self.prefix is not None and self.decimal_id is None:
            components.insert(0, self.prefix)
        if self.decimal_id is not None:
            return ".".join([self.decimal_id, *components]), self.decimal_level + len(components)
        return ".".join(components), len(components) - 1

    def start_unnumbered(self, heading: str, page: int | None) -> None:
        if self.stack:
            self.saved_stack, self.saved_prefix = self.stack, self.prefix
        self.stack = []
        self.prefix = None
        self.heading_slug = slugify(heading)
        if self.decimal_id is not None:
            # Inside a stock manual the same short headings recur in many policies
            # ("TRAINING"), so they are cited under their policy section: "300.3.training".
            base_id = f"{self.decimal_id}.{slugify(heading)}"
            self.start(base_id, heading, page, self.decimal_level + 1)
        else:
            self.start(slugify(heading), heading, page, 0)
        self.current.numbered = False


def _paragraph_heading(rest: str) -> str:
    """The defined term or run-in heading a numbered paragraph opens with, if any."""
    heading, _ = _split_heading(rest, None)
    if "," in heading or len(heading.split()) > 5:
        return ""  # "De-escalation techniques include, but are not limited to:" is a sentence
    return heading


def _next_numeral(numeral: str) -> str:
    """The numeral after this one, in the same notation ("III" -> "IV", "3" -> "4")."""
    if numeral.isdigit():
        return str(int(numeral) + 1)
    value = from_roman(numeral)
    return to_roman(value + 1) if value else ""


def _is_paragraph(rest: str, next_text: str | None) -> bool:
    """Whether what follows a decimal label is running text rather than a heading."""
    return len(rest) > 150 or (rest.upper() != rest and not _looks_like_title(rest, next_text))


def _continues(previous: tuple[int, ...], parts: tuple[int, ...]) -> bool:
    """Whether ``parts`` is the first child or the next sibling of ``previous``."""
    if parts == (*previous, 1):
        return True
    return (
        len(parts) == len(previous)
        and len(parts) >= 2
        and parts[:-1] == previous[:-1]
        and parts[-1] == previous[-1] + 1
    )


def _ends_sentence(text: str) -> bool:
    return not text or text.rstrip().endswith(_SENTENCE_END)


def build_sections(lines: list[Line]) -> list[Section]:
    """Find the numbered (and clearly headed) sections in a document's lines, in order."""
    builder = _OutlineBuilder()
    texts = [line.text.strip() for line in lines]
    previous_text = ""
    previous_started = True  # the document start counts as a section boundary
    index = 0
    while index < len(lines):
        line = lines[index]
        text = texts[index]
        index += 1
        if not text:
            builder.add_body("")
            previous_text, previous_started = "", True
            continue
        if _PAGE_OF_RE.match(text):
            continue  # "Page 3 of 12" is never policy text, even where pages are unknown
        next_text = _next_text(texts, index)
        boundary = (
            previous_started or _ends_sentence(previous_text) or line.heading or line.paragraph
        )
        # A capitalised heading may also follow a header block line ("THIS ORDER REMAINS IN
        # EFFECT") or a short line, neither of which ends with punctuation.
        caps_boundary = boundary or len(previous_text) <= 50 or previous_text.isupper()
        current = builder.current
        if (
            previous_started
            and len(previous_text) >= 45  # only a line that reached the margin wraps
            and current.numbered
            and current.heading.isupper()
            and not current.body
            and _is_caps_heading(text)
            and match_label(text) is None
            and match_decimal_label(text) is None
        ):
            # A long capitalised heading wrapped onto a second line ("... UNSERVICEABLE / TOOLS").
            current.heading = f"{current.heading} {text.rstrip(':').strip()}"
            previous_text = text
            continue
        started = _try_start(builder, line, text, next_text, boundary, caps_boundary)
        if started is not None:
            if started == "consume_next":
                index = _skip_to_next(texts, index) + 1
            previous_text, previous_started = text, True
            continue
        builder.add_body(text, line.page)
        previous_text, previous_started = text, False
    builder.close()
    sections: list[Section] = []
    for section in builder.sections:
        text, breaks = _join_body(section)
        sections.append(
            Section(
                id=section.id,
                heading=section.heading,
                text=text,
                page=section.page,
                level=section.level,
                page_breaks=breaks,
            )
        )
    return sections


def _join_body(section: _OpenSection) -> tuple[str, list[tuple[int, int]]]:
    """The section's body text and the offsets in it where a new page begins."""
    joined = "\n".join(section.body)
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    breaks: list[tuple[int, int]] = []
    current = section.page
    offset = 0
    for part, page in zip(section.body, section.pages, strict=False):
        if page is not None and current is not None and page != current:
            position = max(0, min(len(text), offset - lead))
            if breaks and breaks[-1][0] == position:
                breaks[-1] = (position, page)
            else:
                breaks.append((position, page))
        if page is not None:
            current = page
        offset += len(part) + 1
    return text, breaks


def _next_text(texts: list[str], index: int) -> str | None:
    position = _skip_to_next(texts, index)
    return texts[position] if position < len(texts) else None


def _skip_to_next(texts: list[str], index: int) -> int:
    while index < len(texts) and not texts[index]:
        index += 1
    return index


def _try_start(
    builder: _OutlineBuilder,
    line: Line,
    text: str,
    next_text: str | None,
    boundary: bool,
    caps_boundary: bool,
) -> str | None:
    """Start a section at this line when it carries one; say whether the next line was used."""
    builder.line = text
    decimal = match_decimal_label(text)
    if decimal is not None:
        label, end = decimal
        rest = text[end:]
        builder.undo_decimal_contents(label)
        if builder.accept_decimal(label, rest, next_text, boundary, heading=line.heading):
            if _is_paragraph(rest.strip(), next_text):
                # A numbered paragraph: its words are its text; a defined term or run-in
                # heading at its start still names it.
                builder.start_decimal(label, _paragraph_heading(rest), line.page)
                builder.add_body(rest.strip(), line.page)
                return "started"
            heading, first_body = _split_heading(rest, next_text)
            builder.start_decimal(label, heading or rest.strip(), line.page)
            builder.add_body(first_body if heading else "")
            return "started"
        if caps_boundary and builder.accept_rule(label, rest):
            heading, first_body = _split_heading(rest, next_text)
            builder.start_rule(label, heading, line.page)
            builder.add_body(first_body)
            return "started"
    statute = _STATUTE_HEADING_RE.match(text) if line.heading else None
    if statute is not None:
        # Hyphens, not dots, part the number: a path of its own, as "III.A" is.
        builder.start_path(statute.group("number"), statute.group("title").strip(), line.page)
        return "started"
    section = _SECTION_RE.match(text)
    if (
        section is not None
        and caps_boundary
        and len(text) <= 100
        and not _TOC_TAIL_RE.search(text)
        and (
            line.heading
            or text.isupper()
            # "Section 12 - Body Armor" in a list of related sections is a cross-reference.
            or (not section.group("number").isdigit() and _is_short_title(section.group("title")))
        )
    ):
        builder.start_path(section.group("number"), section.group("title").strip(), line.page)
        return "started"
    path = _PATH_RE.match(text)
    if path is not None and boundary and builder.accept_path(path.group("path")):
        rest = path.group("rest")
        heading, first_body = _split_heading(rest, next_text)
        if _is_paragraph(rest, next_text):
            heading, first_body = _paragraph_heading(rest), rest
        builder.start_path(path.group("path"), heading, line.page)
        builder.add_body(first_body, line.page)
        return "started"
    article = _ARTICLE_RE.match(text)
    if (
        article is not None
        and caps_boundary
        and len(text) <= 100
        and not _TOC_TAIL_RE.search(text)
        and (line.heading or text.isupper() or _is_short_title(article.group("title") or ""))
    ):
        # Codes of conduct group their numbered rules under "ARTICLE 2. DUTIES OF MEMBERS".
        builder.start(
            f"article-{article.group('number')}", article.group("title") or "", line.page, 0
        )
        builder.stack, builder.saved_stack = [], None
        builder.heading_slug = builder.prefix = None
        return "started"
    numbered_heading = _NUMBERED_HEADING_RE.match(text) if line.heading else None
    if numbered_heading is not None:
        number = int(numbered_heading.group("number"))
        if _chapter_moves_forward(builder, number) and (
            builder.last_decimal is None or number > builder.last_decimal[0]
        ):
            # "## 2. Applicability" as a Markdown or Word heading, with "2.1 ..." paragraphs
            # under it: the heading opens decimal part 2.
            builder.start_chapter(number, numbered_heading.group("title").strip(), line.page)
            builder.last_decimal = (number,)
            return "started"
    chapter = _CHAPTER_RE.match(text)
    if chapter is not None and _TOC_TAIL_RE.search(text):
        chapter = None  # a contents line
    if chapter is None and text in ("Policy", "Chapter") and next_text and next_text.isdigit():
        chapter = _CHAPTER_RE.match(f"{text} {next_text}")
        if chapter is not None and _chapter_moves_forward(builder, int(chapter.group("number"))):
            builder.start_chapter(int(chapter.group("number")), "", line.page)
            return "consume_next"
    if chapter is not None:
        number = int(chapter.group("number"))
        title = (chapter.group("title") or "").strip()
        if text.startswith("Chapter"):
            # Manual parts ("Chapter 3 - General Operations") count on their own, apart from
            # the policy numbers (300, 302, ...) inside them.
            if len(text) <= 80 and number > builder.last_part:
                builder.last_part = number
                builder.start(f"chapter-{number}", title, line.page, 0)
                builder.stack, builder.saved_stack = [], None
                return "started"
        elif _chapter_moves_forward(builder, number):
            builder.start_chapter(number, title, line.page)
            return "started"
    enumerated = match_label(text)
    if enumerated is not None:
        kind, body, end = enumerated
        rest = text[end:]
        consume = False
        if not rest.strip() and next_text is not None and match_label(next_text) is None:
            # The label sits alone on its line (common in PDFs); its words are on the next one.
            rest, consume = next_text, True
        readings = label_readings(kind, body)
        if readings and rest.strip():
            builder.line = text if not consume else f"{text} {rest}"
            depth = builder.accept_enumerated(readings, allow_push=boundary or line.heading)
            if depth is not None:
                section_id, level = builder.enumerated_id()
                after = None if consume else next_text
                nested = match_label(rest.strip()) if not consume else None
                if (
                    nested is not None
                    and nested[1].isdigit() != body.isdigit()
                    and rest.strip()[nested[2] :].strip()
                ):
                    # "(1) (a) A peace officer shall ...": the first item of a deeper list
                    # starts on its parent's line; the parent has no words of its own.
                    inner = rest.strip()
                    builder.start(section_id, "", line.page, level)
                    readings = label_readings(nested[0], nested[1])
                    builder.line = inner
                    if (
                        readings
                        and builder.accept_enumerated(readings, allow_push=True) is not None
                    ):
                        section_id, level = builder.enumerated_id()
                        rest = inner[nested[2] :]
                    else:
                        builder.add_body(inner)
                        return "started"
                heading, first_body = _split_heading(rest, after)
                builder.start(section_id, heading, line.page, level)
                builder.add_body(first_body)
                return "consume_next" if consume else "started"
    numbered = _NUMBERED_PARAGRAPH_RE.match(text)
    if (
        numbered is not None
        and boundary
        and builder.accept_numbered_paragraph(int(numbered.group("number")))
    ):
        builder.start_numbered_paragraph(int(numbered.group("number")), line.page)
        builder.add_body(numbered.group("rest"), line.page)
        return "started"
    if line.heading or (
        caps_boundary and _is_caps_heading(text) and not _is_caps_heading(next_text or "")
    ):
        builder.start_unnumbered(text.rstrip(":").strip(), line.page)
        return "started"
    inline = _INLINE_HEADING_RE.match(text)
    if inline is not None and boundary and not builder.stack and builder.decimal_id is None:
        # "POLICY: The Department ..." opens a part of an order that has no number.
        words = inline.group("words")
        if _is_caps_heading(words):
            builder.start_unnumbered(words, line.page)
            builder.add_body(text[inline.end("words") + 1 :].strip())
            return "started"
    return None


def _is_short_title(text: str) -> bool:
    """A few capitalised words without a full stop: "Duties of Members"."""
    words = text.split()
    return 0 < len(words) <= 8 and text[:1].isupper() and not _ends_sentence(text)


def _chapter_moves_forward(builder: _OutlineBuilder, number: int) -> bool:
    if builder.last_decimal is not None and number < builder.last_decimal[0]:
        return False
    return builder.last_chapter is None or number > builder.last_chapter
