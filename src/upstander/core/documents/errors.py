"""The one exception the document reader raises, with a stable code and an actionable message."""

from __future__ import annotations

__all__ = ["ERROR_CODES", "DocumentError"]

# Stable codes: the CLI, the API and the web app show them and tests match on them.
ERROR_CODES = frozenset(
    {
        "file_not_found",
        "not_a_file",
        "too_large",
        "unsupported_format",
        "pdf_corrupt",
        "pdf_encrypted",
        "pdf_no_pages",
        "pdf_no_text_layer",
        "docx_corrupt",
        "docx_zip_bomb",
        "binary_file",
        "undecodable_text",
        "empty_document",
    }
)


class DocumentError(Exception):
    """A document that cannot be read; ``code`` is stable, ``message`` tells the user what to do."""

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown document error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"
