"""Real public policy documents from the shared corpus (skipped when it is absent).

``labels.jsonl`` there gives human-checked citations (section and page) for each provision a
document meets; the reader should find those sections on those pages.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from upstander.core.documents.model import ParsedDocument
from upstander.core.documents.reader import parse_document
from upstander.core.documents.structure import slugify

from .conftest import shared_corpus_documents

pytestmark = pytest.mark.corpus

CORPUS = shared_corpus_documents()
DOCUMENTS = (
    sorted(path.name for path in CORPUS.iterdir() if path.suffix != ".jsonl") if CORPUS else []
)
HIT_RATE_FLOOR = 0.9


@cache
def parsed(name: str) -> ParsedDocument:
    assert CORPUS is not None
    return parse_document(CORPUS / name)


@pytest.mark.parametrize("name", DOCUMENTS or ["(corpus absent)"])
def test_every_corpus_document_parses(name: str, corpus_documents: Path) -> None:
    document = parsed(name)
    assert document.sections
    ids = [section.id for section in document.sections]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("name", "section_id", "page", "heading"),
    [
        ("arlington-heights-pd_il_use-of-force.pdf", "VII", 11, "Duty to Intervene"),
        ("arlington-heights-pd_il_use-of-force.pdf", "VI.D", 10, None),
        ("lake-county-sheriff_il_use-of-force.pdf", "VI", 4, None),
        ("mundelein-pd_il_use-of-force.pdf", "II.C", 5, None),
        ("rockford-pd_il_use-of-force.pdf", "II.A.1", 5, "Deadly force"),
        ("la-grange-pd_il_policy-manual.pdf", "300.2.1", 52, "DUTY TO INTERCEDE AND REPORT"),
        ("neiu-pd_il_policy-manual.pdf", "300.2.1", 37, None),
        ("north-riverside-pd_il_policy-manual.pdf", "1003.3", 528, None),
        ("la-grange-pd_il_use-of-force-ch300-extract.txt", "300.3.6", 4, None),
    ],
)
def test_known_citations(
    name: str, section_id: str, page: int, heading: str | None, corpus_documents: Path
) -> None:
    sections = {section.id: section for section in parsed(name).sections}
    assert section_id in sections
    assert sections[section_id].page == page
    if heading is not None:
        assert sections[section_id].heading == heading


_RCW_PART = re.compile(r"^RCW\s+[\d.]+\((?P<id>\d+)\)")
_WORDED = re.compile(r"^(?P<words>[A-Z][A-Z ]+?)(?:\s+(?P<item>\d+)(?:-\d+)?)?$")
_CITED_ID = re.compile(r"^(?P<id>\d+(?:\.\d+)+|[IVXL]+(?:\.[A-Za-z0-9]+)*)\b")


def cited_sections(row: dict[str, object]) -> list[tuple[str, int | None]]:
    """The (section id, page) pairs a label row cites; the page belongs to the first one."""
    cited: list[tuple[str, int | None]] = []
    for position, part in enumerate(str(row["section"]).split(";")):
        part = part.strip()
        found = _RCW_PART.match(part) or _CITED_ID.match(part)
        if found is not None:
            section_id = found.group("id")
        else:
            # Unnumbered headings are cited by their words: "DEADLY FORCE 3-4" is item 3 of
            # the list under DEADLY FORCE, whose id is "deadly-force.3".
            worded = _WORDED.match(part)
            if worded is None:
                continue
            section_id = slugify(worded.group("words"))
            if worded.group("item"):
                section_id += "." + worded.group("item")
        page_note = re.search(r"\(p\.(\d+)\)", part)
        if page_note is not None:
            page: int | None = int(page_note.group(1))
        else:
            page = int(str(row["page"])) if position == 0 else None
        cited.append((section_id, page))
    return cited


def test_labelled_citations_are_found(corpus_documents: Path) -> None:
    rows = [
        json.loads(line)
        for line in (corpus_documents / "labels.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    checked = 0
    misses = []
    for row in rows:
        if not row.get("section") or not row.get("page"):
            continue
        for section_id, page in cited_sections(row):
            checked += 1
            starts = [
                s.page
                for s in parsed(row["doc"]).sections
                # a worded citation may shorten a long heading ("POINTING OF FIREARM")
                if s.id == section_id or s.id.startswith(f"{section_id}-")
            ]
            if not starts or not (
                page is None or any(start is None or abs(start - page) <= 1 for start in starts)
            ):
                misses.append((row["doc"], section_id, page, starts))
    hit_rate = 1 - len(misses) / checked
    print(f"\ncorpus citation hit rate: {checked - len(misses)}/{checked} = {hit_rate:.1%}")
    assert checked > 50
    print("misses:", misses)
    assert hit_rate >= HIT_RATE_FLOOR, misses
