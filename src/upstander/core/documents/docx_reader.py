"""Reading Word (.docx) documents, including the list numbers Word draws from ``numbering.xml``.

Word does not store automatic list labels ("II.", "C.", "3.1") in the paragraph text: each
numbered paragraph points at a list instance (``w:numId``) and a level (``w:ilvl``), and the
label is computed from the abstract list definition's format, level text and counters. Policy
citations depend on those labels, so they are rebuilt here.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from upstander.core.documents.errors import DocumentError
from upstander.core.documents.extract import Extracted
from upstander.core.documents.numbering import to_letters, to_roman
from upstander.core.documents.structure import Line

__all__ = ["MAX_UNCOMPRESSED_BYTES", "ListNumbering", "check_zip", "extract_docx"]

# A real policy .docx is a few MB unpacked; these limits stop decompression bombs early.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_MEMBER_RATIO = 200
_RATIO_APPLIES_ABOVE = 10 * 1024 * 1024


def check_zip(path: Path) -> None:
    """Refuse archives that are not Word documents or that would expand to an absurd size."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(
            "docx_corrupt", "The Word document is damaged or incomplete; re-save it in Word."
        ) from exc
    if "word/document.xml" not in names:
        raise DocumentError(
            "unsupported_format",
            "The file is a zip archive but not a Word document; use PDF, DOCX, HTML or text.",
        )
    # Declared sizes are enough to check: zipfile stops inflating a member at its declared
    # size (and fails its CRC check), so an archive cannot understate them to get past this.
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            member.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_MEMBER_RATIO
        ):
            raise DocumentError(
                "docx_zip_bomb",
                "The Word document would expand to an unsafe size when opened, so it was not "
                "read; re-save it in Word or export it as PDF.",
            )


def _format_number(value: int, number_format: str) -> str:
    if number_format == "upperRoman":
        return to_roman(value)
    if number_format == "lowerRoman":
        return to_roman(value).lower()
    if number_format == "upperLetter":
        return (
            to_letters(value)
            if value <= 26
            else to_letters((value - 1) % 26 + 1) * ((value - 1) // 26 + 1)
        )
    if number_format == "lowerLetter":
        return _format_number(value, "upperLetter").lower()
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass(slots=True)
class _Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = ""
    style_id: str | None = None


@dataclass(slots=True)
class _ListInstance:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class ListNumbering:
    """Word's list definitions and the running counters that turn them into labels."""

    def __init__(self, numbering_element: Any | None) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, _ListInstance] = {}
        self.style_levels: dict[str, tuple[str, int]] = {}  # paragraph style -> (abstract, level)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering_element is None:
            return
        for abstract in numbering_element.findall(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            levels: dict[int, _Level] = {}
            for level in abstract.findall(qn("w:lvl")):
                number = int(level.get(qn("w:ilvl"), "0"))
                levels[number] = _Level(
                    start=int(_val(level, "w:start") or "1"),
                    number_format=_val(level, "w:numFmt") or "decimal",
                    text=_val(level, "w:lvlText") or "",
                    style_id=_val(level, "w:pStyle"),
                )
            self.levels[abstract_id] = levels
        for instance in numbering_element.findall(qn("w:num")):
            num_id = instance.get(qn("w:numId"))
            abstract_id = _val(instance, "w:abstractNumId") or ""
            overrides = {}
            for override in instance.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.instances[num_id] = _ListInstance(abstract_id, overrides)

    def label(self, num_id: str, level: int) -> str:
        """Advance the list's counter at ``level`` and return the label Word would draw there."""
        instance = self.instances.get(num_id)
        if instance is None:
            return ""
        levels = self.levels.get(instance.abstract_id, {})
        definition = levels.get(level)
        if definition is None or definition.number_format in ("bullet", "none"):
            return ""
        # Instances of one abstract list continue each other's numbering, as in Word, unless
        # an instance restarts it with a start override.
        counters = self.counters.setdefault(instance.abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for override_level, start in instance.start_overrides.items():
                counters[override_level] = start - 1
                for deeper in [key for key in counters if key > override_level]:
                    del counters[deeper]
        if level in counters:
            counters[level] += 1
        else:
            counters[level] = definition.start
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]

        def substitute(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            referenced_level = levels.get(referenced, _Level())
            value = counters.get(referenced, referenced_level.start)
            return _format_number(value, referenced_level.number_format)

        return re.sub(r"%([1-9])", substitute, definition.text).strip()


def _numbering_of(paragraph: Paragraph, styles: dict[str, Any]) -> tuple[str, int] | None:
    """Find the list instance and level of a paragraph, directly or through its style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        num_pr: Any = properties.numPr
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        if num_id is not None:
            return str(num_id), int(level)
    style_id = (
        properties.pStyle.val if properties is not None and properties.pStyle is not None else None
    )
    seen: set[str] = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            return None
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId")
            if num_id is not None:
                return num_id, int(_val(num_pr, "w:ilvl") or "0")
        style_id = _val(style, "w:basedOn")
    return None


def extract_docx(path: Path) -> Extracted:
    """Read a Word document's paragraphs and tables in order, with list labels restored."""
    check_zip(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for damaged packages
        raise DocumentError(
            "docx_corrupt", "The Word document is damaged or incomplete; re-save it in Word."
        ) from exc
    try:
        numbering_element = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_element = None
    numbering = ListNumbering(numbering_element)
    styles = {
        style.get(qn("w:styleId")): style
        for style in document.styles.element.findall(qn("w:style"))
    }
    lines: list[Line] = []

    def add_paragraph(paragraph: Paragraph) -> None:
        text = paragraph.text.strip()
        found = _numbering_of(paragraph, styles)
        label = numbering.label(*found) if found is not None else ""
        if not text and not label:
            lines.append(Line("", paragraph=True))
            return
        style_name = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = style_name.startswith(("Heading", "Title"))
        words = f"{label} {text}".strip() if label else text
        lines.append(Line(words, heading=heading, paragraph=True))

    def add_row(cells: list[Any]) -> None:
        # A table row is one line, its cells joined by " | " as a flattened table reads
        # ("4 | Active aggression | Personal weapons; baton"): a cell on a line of its own
        # would part a level of a matrix from the responses it allows. Cells merged across
        # columns repeat in python-docx and are kept once.
        texts: list[str] = []
        for cell in cells:
            words = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if words and (not texts or texts[-1] != words):
                texts.append(words)
        if texts:
            lines.append(Line(" | ".join(texts), paragraph=True))

    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            add_paragraph(Paragraph(block, document))
        elif block.tag == qn("w:tbl"):
            for row in Table(block, document).rows:
                add_row(row.cells)
    title = (document.core_properties.title or "").strip() or None
    return Extracted("docx", lines, None, title, [line.text for line in lines[:80]])
