"""Section-level full-text search behind one interface: SQLite FTS5 or PostgreSQL tsvector."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

__all__ = ["SearchHit", "fts_query", "section_ids_matching", "snippet"]

_WORD = re.compile(r"[\w'-]+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    section_pk: int
    rank: float


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word quoted (so operators in user input are plain words)."""
    words = [w.strip("'-") for w in _WORD.findall(text)]
    return " ".join(f'"{w}"' for w in words if w)


def section_ids_matching(text: str, *, limit: int = 200) -> list[SearchHit]:
    """Primary keys of the sections matching ``text``, best first."""
    if not _WORD.search(text):
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """SELECT id, ts_rank(to_tsvector('english', heading || ' ' || text), query) AS rank
                   FROM policies_policysection, websearch_to_tsquery('english', %s) AS query
                   WHERE to_tsvector('english', heading || ' ' || text) @@ query
                   ORDER BY rank DESC, id LIMIT %s""",
                [text, limit],
            )
        else:
            query = fts_query(text)
            if not query:
                return []
            cursor.execute(
                """SELECT rowid, bm25(policies_section_fts) AS rank FROM policies_section_fts
                   WHERE policies_section_fts MATCH %s ORDER BY rank, rowid LIMIT %s""",
                [query, limit],
            )
        return [SearchHit(int(pk), float(rank)) for pk, rank in cursor.fetchall()]


def snippet(text: str, query: str, *, width: int = 220) -> str:
    """A window of ``text`` around the first query word it contains."""
    lowered = text.lower()
    positions = [
        lowered.find(word.lower()) for word in _WORD.findall(query) if word.lower() in lowered
    ]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start : start + width].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return f"{prefix}{window}{suffix}"
