"""Getting a ParsedDocument for the assessor.

TEMPORARY: until ``upstander.core.documents.reader`` lands, a private fallback reads PDFs one
section per numbered heading (pypdfium2) and text as one section. Remove the fallback once
the reader is in place.
"""

from __future__ import annotations

import re
from pathlib import Path

from upstander.core.documents.model import DocumentMetadata, ParsedDocument, Section

__all__ = ["ReadError", "document_from_text", "read_document"]


class ReadError(Exception):
    """A document could not be read (fallback reader's counterpart of DocumentError)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def read_document(path: str | Path) -> ParsedDocument:
    """Parse ``path`` with the project reader (fallback: a minimal private reader)."""
    try:
        from upstander.core.documents.reader import parse_document
    except ImportError:
        return _fallback_read(Path(path))
    return parse_document(path)


def document_from_text(text: str, path: str = "<text>") -> ParsedDocument:
    """Parse plain text with the project reader (fallback: one section)."""
    try:
        from upstander.core.documents.reader import parse_text
    except ImportError:
        return _fallback_text(text, path)
    return parse_text(text, path=path)


# --- fallback -----------------------------------------------------------------------------

_HEADING = re.compile(
    r"^(?P<id>\d{2,4}(?:\.\d+)+|[IVX]{1,5}\.(?:[A-Z]\.)?|[A-Z]\.)\s+(?P<title>[A-Z][^\n]{2,90})$",
    re.MULTILINE,
)


def _fallback_text(text: str, path: str, fmt: str = "text") -> ParsedDocument:
    return ParsedDocument(
        path=path,
        format=fmt,
        pages=None,
        metadata=DocumentMetadata(),
        sections=[Section(id="", heading="", text=text, page=None)],
    )


def _split_page(text: str, page: int) -> list[Section]:
    sections: list[Section] = []
    last = 0
    current_id, current_heading = "", ""
    for match in _HEADING.finditer(text):
        body = text[last : match.start()]
        if body.strip() or current_id:
            sections.append(Section(current_id, current_heading, body, page))
        current_id, current_heading = match.group("id").rstrip("."), match.group("title").strip()
        last = match.end()
    sections.append(Section(current_id, current_heading, text[last:], page))
    return sections


def _fallback_read(path: Path) -> ParsedDocument:
    if not path.exists():
        raise ReadError("not_found", f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:  # pypdfium2 raises its own PdfiumError for damaged files
            raise ReadError("unreadable", f"{path.name}: not a readable PDF ({exc})") from exc
        sections: list[Section] = []
        for number in range(len(pdf)):
            text = pdf[number].get_textpage().get_text_range()
            sections.extend(_split_page(text.replace("\r\n", "\n").replace("\r", "\n"), number + 1))
        return ParsedDocument(str(path), "pdf", len(pdf), DocumentMetadata(), sections)
    if suffix in (".txt", ".md", ".text", ".markdown"):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError("encoding", f"{path.name}: not UTF-8 text") from exc
        if not text.strip():
            raise ReadError("empty", f"{path.name}: the file is empty")
        return _fallback_text(text, str(path))
    raise ReadError("unsupported", f"{path.name}: unsupported file type '{suffix}'")
