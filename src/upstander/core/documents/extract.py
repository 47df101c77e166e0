"""Getting lines of text out of each supported format, and telling the formats apart by content."""

from __future__ import annotations

import importlib.util
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import pypdf
import pypdfium2 as pdfium
from selectolax.lexbor import LexborHTMLParser, LexborNode

from upstander.core.documents.errors import DocumentError
from upstander.core.documents.numbering import LabelStyle, format_label
from upstander.core.documents.structure import Line

__all__ = [
    "Extracted",
    "decode_text",
    "detect_format",
    "extract_html",
    "extract_markdown",
    "extract_pdf",
    "extract_plain_text",
]

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(slots=True)
class Extracted:
    """What a format extractor hands to the structure builder."""

    format: str
    lines: list[Line]
    pages: int | None = None
    title: str | None = None  # a title the file states in its own metadata (<title>, Word)
    front_matter: list[str] = field(default_factory=list)  # lines to read metadata from


def detect_format(head: bytes, suffix: str) -> str:
    """Name a file's format from its first bytes; the suffix only picks among text kinds."""
    suffix = suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # the DOCX reader rejects zips that are not Word documents
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            "unsupported_format",
            "This is an old binary Office file (.doc); save it as .docx or PDF and try again.",
        )
    if suffix == ".pdf":
        raise DocumentError(
            "pdf_corrupt",
            "The file is named .pdf but is not a PDF; check that it downloaded fully.",
        )
    if suffix == ".docx":
        raise DocumentError(
            "docx_corrupt",
            "The file is named .docx but is not a Word document; re-save it in Word.",
        )
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    sniff = head[:512].lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")):
        return "html"
    if suffix in ("", ".rst", ".asc", ".log"):
        return "text"
    raise DocumentError(
        "unsupported_format",
        f"Files ending in {suffix} are not supported; use PDF, DOCX, HTML, Markdown or plain text.",
    )


# --- plain text -------------------------------------------------------------------------------

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def decode_text(data: bytes) -> str:
    """Decode text of unknown encoding, refusing binary data that only looks like text by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:8192]
    if b"\x00" in sample or (
        sample and sum(byte in _CONTROL for byte in sample) / len(sample) > 0.1
    ):
        raise DocumentError(
            "binary_file",
            "The file holds binary data, not text; check that it is the right file or convert it.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DocumentError(
            "undecodable_text",
            "The text encoding could not be recognised; save the file as UTF-8 and try again.",
        )
    return str(best)


_FORM_FEED_SPLIT = re.compile(r"\r\n|\r|\n")


def _split_pages(text: str) -> tuple[list[Line], int | None]:
    pages = text.split("\f")
    paged = len(pages) > 1
    lines = [
        Line(raw, page_number if paged else None)
        for page_number, page in enumerate(pages, start=1)
        for raw in _FORM_FEED_SPLIT.split(page)
    ]
    return lines, (len(pages) if paged else None)


def extract_plain_text(text: str) -> Extracted:
    """Read plain text; form feeds, as text exported from PDFs keeps them, mark pages."""
    lines, pages = _split_pages(text)
    return Extracted("text", lines, pages, front_matter=[line.text for line in lines[:80]])


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]\s+|>\s?)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")


def extract_markdown(text: str) -> Extracted:
    """Read Markdown: "#" lines are headings, numbered lines keep their numbers as labels."""
    lines: list[Line] = []
    title: str | None = None
    raw_lines, pages = _split_pages(text)
    for raw in raw_lines:
        heading = _MD_HEADING.match(raw.text)
        if heading is not None:
            words = _MD_EMPHASIS.sub("", heading.group(2))
            if title is None and len(heading.group(1)) == 1:
                title = words
            lines.append(Line(words, raw.page, heading=True))
            continue
        cleaned = _MD_EMPHASIS.sub("", _MD_BULLET.sub("", raw.text)).strip()
        lines.append(Line(cleaned, raw.page))
    return Extracted("markdown", lines, pages, title, [line.text for line in lines[:80]])


# --- HTML -------------------------------------------------------------------------------------

_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "svg", "button", "form"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd",
    "body", "html", "figure", "figcaption", "address", "hr", "br",
} | _HEADING_TAGS  # fmt: skip
_OL_STYLES = {
    "1": LabelStyle.ARABIC,
    "A": LabelStyle.UPPER,
    "a": LabelStyle.LOWER,
    "I": LabelStyle.ROMAN,
    "i": LabelStyle.LOWER_ROMAN,
}
_WHITESPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


class _HtmlWalker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.inline: list[str] = []

    def flush(self) -> None:
        text = _clean("".join(self.inline))
        if text:
            self.lines.append(Line(text, paragraph=True))
        self.inline = []

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.inline.append(child.text_content or "")
            elif tag in _SKIP_TAGS or tag == "-comment":
                continue
            elif tag in _HEADING_TAGS:
                self.flush()
                text = _clean(child.text(deep=True, separator=" "))
                if text:
                    self.lines.append(Line(text, heading=True, paragraph=True))
            elif tag == "ol":
                self.flush()
                self.walk_list(child)
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.inline.append(child.text(deep=True, separator=""))

    def walk_list(self, node: LexborNode) -> None:
        style = _OL_STYLES.get(node.attributes.get("type") or "1", LabelStyle.ARABIC)
        try:
            value = int(node.attributes.get("start") or 1)
        except ValueError:
            value = 1
        for item in node.iter():
            if item.tag != "li":
                continue
            # Browsers number <ol> items themselves, so the label is not in the text.
            self.inline.append(format_label(style, max(value, 1)) + " ")
            self.walk(item)
            self.flush()
            value += 1


def extract_html(text: str) -> Extracted:
    """Read HTML: headings, paragraphs, and list items with their browser-drawn numbers."""
    tree = LexborHTMLParser(text)
    title_node = tree.css_first("title")
    title = _clean(title_node.text()) if title_node is not None else None
    walker = _HtmlWalker()
    root = tree.body or tree.root
    if root is not None:
        walker.walk(root)
        walker.flush()
    lines = walker.lines
    return Extracted("html", lines, None, title or None, [line.text for line in lines[:80]])


# --- PDF --------------------------------------------------------------------------------------

_PDF_LINE_SPLIT = re.compile(r"\r\n|\n|\r")


_ENCRYPTED_MESSAGE = (
    "The PDF is password-protected; open it with the password and save an unprotected copy."
)
_CORRUPT_MESSAGE = (
    "The PDF is damaged or incomplete; download it again or re-save it from a PDF viewer."
)
_NO_PAGES_MESSAGE = "The PDF has no pages; check that the right file was exported."


def _diagnose_unreadable_pdf(path: Path) -> DocumentError:
    """PDFium only says it could not load a file (its last-error code can be stale), so ask
    pypdf whether the file is encrypted or has no pages."""
    try:
        reader = pypdf.PdfReader(path)
        encrypted = reader.is_encrypted
        pages = None if encrypted else len(reader.pages)
    except Exception:  # any parse failure just means "not a readable PDF"
        return DocumentError("pdf_corrupt", _CORRUPT_MESSAGE)
    if encrypted:
        return DocumentError("pdf_encrypted", _ENCRYPTED_MESSAGE)
    if pages == 0:
        return DocumentError("pdf_no_pages", _NO_PAGES_MESSAGE)
    return DocumentError("pdf_corrupt", _CORRUPT_MESSAGE)


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _diagnose_unreadable_pdf(path) from exc


def _page_texts(document: pdfium.PdfDocument) -> list[str]:
    texts = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        # PDFium marks a hyphen it found at a line break as U+FFFE; show it as the hyphen.
        texts.append(textpage.get_text_range().replace("\ufffe", "-"))
        textpage.close()
        page.close()
    return texts


def extract_pdf(path: Path) -> Extracted:
    """Read a PDF's text layer page by page; scanned PDFs need the optional OCR extra."""
    document = _open_pdf(path)
    try:
        page_count = len(document)
        if page_count == 0:
            raise DocumentError("pdf_no_pages", _NO_PAGES_MESSAGE)
        try:
            texts = _page_texts(document)
        except pdfium.PdfiumError as exc:
            raise DocumentError(
                "pdf_corrupt", "The PDF is damaged and its text could not be read; re-save it."
            ) from exc
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        document.close()
    characters = sum(len(text.strip()) for text in texts)
    # Fewer than ~20 characters a page is what scanned pages with a stray page number give.
    if characters < 20 * page_count:
        texts = _ocr_texts(path, page_count)
    lines = [
        Line(raw, page_number)
        for page_number, text in enumerate(texts, start=1)
        for raw in _PDF_LINE_SPLIT.split(text)
    ]
    front = [raw for raw in _PDF_LINE_SPLIT.split(texts[0])] if texts else []
    return Extracted("pdf", lines, page_count, title, front)


def _ocr_texts(path: Path, page_count: int) -> list[str]:
    if importlib.util.find_spec("ocrmypdf") is None:
        raise DocumentError(
            "pdf_no_text_layer",
            "The PDF is a scan with no text layer; install the OCR extra "
            "(pip install 'upstander[ocr]') to read it.",
        )
    import ocrmypdf

    with tempfile.TemporaryDirectory() as workdir:
        output = Path(workdir) / "ocr.pdf"
        ocrmypdf.ocr(path, output, force_ocr=True, progress_bar=False)
        document = _open_pdf(output)
        try:
            texts = _page_texts(document)
        finally:
            document.close()
    if sum(len(text.strip()) for text in texts) < 20 * page_count:
        raise DocumentError(
            "pdf_no_text_layer", "OCR found no readable text in the scanned PDF; check the scan."
        )
    return texts
