"""Read a policy document from disk or memory into metadata and ordered, cited sections."""

from __future__ import annotations

from pathlib import Path

from upstander.core.documents.docx_reader import extract_docx
from upstander.core.documents.errors import DocumentError
from upstander.core.documents.extract import (
    Extracted,
    decode_text,
    detect_format,
    extract_html,
    extract_markdown,
    extract_pdf,
    extract_plain_text,
)
from upstander.core.documents.metadata import read_metadata
from upstander.core.documents.model import ParsedDocument
from upstander.core.documents.structure import build_sections, remove_running_heads

__all__ = ["DEFAULT_MAX_BYTES", "parse_document", "parse_text"]

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def parse_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read a PDF, DOCX, HTML, Markdown or text file into a :class:`ParsedDocument`."""
    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError("file_not_found", "No file exists at that path; check it.") from exc
    except OSError as exc:
        raise DocumentError(
            "file_not_found", f"The file could not be opened ({exc.strerror})."
        ) from exc
    if not source.is_file():
        raise DocumentError("not_a_file", "The path is a folder, not a document; name a file.")
    if size > max_bytes:
        raise DocumentError(
            "too_large",
            f"The file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB "
            "limit; split it or raise the limit.",
        )
    with source.open("rb") as handle:
        head = handle.read(2048)
    document_format = detect_format(head, source.suffix)
    if document_format == "pdf":
        extracted = extract_pdf(source)
    elif document_format == "docx":
        extracted = extract_docx(source)
    else:
        text = decode_text(source.read_bytes())
        extracted = _extract_text(text, document_format)
    return _assemble(extracted, str(path))


def parse_text(text: str, *, path: str = "<text>", format: str = "text") -> ParsedDocument:
    """Read plain text (or Markdown / HTML, named by ``format``) already held in memory."""
    return _assemble(_extract_text(text, format), path)


def _extract_text(text: str, document_format: str) -> Extracted:
    if document_format == "html":
        return extract_html(text)
    if document_format == "markdown":
        return extract_markdown(text)
    return extract_plain_text(text)


def _assemble(extracted: Extracted, path: str) -> ParsedDocument:
    if not any(line.text.strip() for line in extracted.lines):
        raise DocumentError("empty_document", "The document contains no text; check the file.")
    metadata = read_metadata(extracted.front_matter, extracted.title)
    lines = extracted.lines
    if extracted.pages is not None and extracted.pages >= 2:
        lines = remove_running_heads(lines, extracted.pages)
    return ParsedDocument(
        path=path,
        format=extracted.format,
        pages=extracted.pages,
        metadata=metadata,
        sections=build_sections(lines),
    )
