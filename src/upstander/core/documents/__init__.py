"""Reading policy documents: extraction, section structure, metadata and revision diffs.

Public entry points (import them from their modules; this package stays import-light):

- :func:`upstander.core.documents.reader.parse_document` and ``parse_text``: a PDF, DOCX,
  HTML, Markdown or text document to a :class:`~upstander.core.documents.model.ParsedDocument`.
- :func:`upstander.core.documents.diff.diff_documents`: two versions to added, removed,
  changed and moved sections with word-level redlines.
- :class:`upstander.core.documents.errors.DocumentError`: every failure, with a stable ``code``.

Nothing here imports Django; an import-linter contract keeps it that way.
"""
