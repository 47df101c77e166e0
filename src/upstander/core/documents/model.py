"""Plain data types shared by the document reader, the differ and the standards assessor."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["DocumentMetadata", "ParsedDocument", "Section"]


@dataclass(slots=True)
class Section:
    """One numbered part of a policy document, in document order."""

    id: str  # stable citation id: "II.C", "III.A.5", "300.4.1"; "" for untitled front matter
    heading: str
    text: str  # body text, page headers and footers removed
    page: int | None = None  # 1-based page where the section starts, when the format has pages
    level: int = 0  # depth in the outline, 0 for top level
    # (character offset in ``text``, page number) wherever the body moves to a new page, so a
    # quote deep in a long section can be given its own page. Filled for paged formats only;
    # not part of the JSON form and not compared (two readings of one text are equal).
    page_breaks: list[tuple[int, int]] = field(default_factory=list, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "heading": self.heading, "page": self.page, "text": self.text}

    def page_at(self, offset: int) -> int | None:
        """The page holding character ``offset`` of ``text`` (the start page before any break)."""
        page = self.page
        for start, number in self.page_breaks:
            if start > offset:
                break
            page = number
        return page


@dataclass(slots=True)
class DocumentMetadata:
    """What a document says about itself; dates are ISO ``YYYY-MM-DD`` strings or None."""

    title: str | None = None
    number: str | None = None  # "Directive 114-A", "General Order 1.06", "Policy 300"
    issued: str | None = None
    effective: str | None = None
    revised: str | None = None
    rescinds: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ParsedDocument:
    """A document read into metadata and a flat, ordered list of sections."""

    path: str
    format: str  # "pdf", "docx", "html", "markdown", "text"
    pages: int | None
    metadata: DocumentMetadata
    sections: list[Section]

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((section for section in self.sections if section.id == section_id), None)

    def subtree(self, section_id: str) -> list[Section]:
        """The section with this id followed by all its subsections ("II.C", "II.C.1", ...)."""
        prefix = f"{section_id}."
        return [
            section
            for section in self.sections
            if section.id == section_id or section.id.startswith(prefix)
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "pages": self.pages,
            "metadata": self.metadata.to_json(),
            "sections": [section.to_json() for section in self.sections],
        }
