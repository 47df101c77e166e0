"""Comparing policy versions section by section."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.core.documents.diff import diff_documents, redline
from upstander.core.documents.model import DocumentMetadata, ParsedDocument, Section
from upstander.core.documents.reader import parse_document

from .conftest import FIXTURES

_VOCABULARY = (
    "members shall intervene report force supervisor within hours officer reasonable "
    "de-escalation warning vehicle chokehold retaliate training review policy writing"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))
_SENTENCES = st.lists(_WORDS, min_size=6, max_size=30).map(" ".join)


def _document(texts: list[str]) -> ParsedDocument:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    sections = [Section(id=f"II.{letters[index]}", heading="", text=text, page=1, level=1)
                for index, text in enumerate(texts)]  # fmt: skip
    return ParsedDocument("<test>", "text", None, DocumentMetadata(), sections)


EMPTY = {"added": [], "removed": [], "changed": [], "moved": [], "detail": []}


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=12, unique=True))
def test_a_document_compared_with_itself_has_no_changes(texts: list[str]) -> None:
    document = _document(texts)
    assert diff_documents(document, document) == EMPTY


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=2, max_size=10, unique=True), st.data())
def test_one_edited_section_is_reported_alone(texts: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(texts) - 1))
    edited = [*texts]
    edited[index] = texts[index] + " and shall document it in writing"
    result = diff_documents(_document(texts), _document(edited))
    target = _document(texts).sections[index].id
    assert result["changed"] == [target]
    assert result["added"] == result["removed"] == result["moved"] == []
    inserted = [op["text"] for op in result["detail"][0]["ops"] if op["op"] == "insert"]
    assert inserted == ["and shall document it in writing"]


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=2, max_size=10, unique=True), st.data())
def test_an_inserted_section_renumbers_the_rest(texts: list[str], data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(texts) - 1))
    new_text = "a brand new duty to render first aid to any injured person at once"
    newer = [*texts[:position], new_text, *texts[position:]]
    old, new = _document(texts), _document(newer)
    result = diff_documents(old, new)
    assert result["added"] == [new.sections[position].id] or (
        result["changed"] and result["changed"][0] == new.sections[position].id
    )
    renumbered = [[old.sections[i].id, new.sections[i + 1].id] for i in range(position, len(texts))]
    # Every later section is found under its new letter, not reported as changed.
    for pair in renumbered:
        assert pair in result["moved"] or pair[0] in result["changed"]
    assert len(result["moved"]) >= len(renumbered) - 1


def test_revised_code_of_ethics() -> None:
    old = parse_document(FIXTURES / "riverbend-code-of-ethics-2021.md")
    new = parse_document(FIXTURES / "riverbend-code-of-ethics-2023.md")
    result = diff_documents(old, new)
    assert result["added"] == ["II.C", "III.B"]
    assert ["II.C", "II.D"] in result["moved"]  # intervene: renumbered and extended
    assert ["II.D", "II.E"] in result["moved"]  # report misconduct: renumbered only
    assert result["removed"] == []
    intervene = next(entry for entry in result["detail"] if entry["new_id"] == "II.D")
    inserted = " ".join(op["text"] for op in intervene["ops"] if op["op"] == "insert")
    assert inserted == "member, whatever their rank."


def test_redline_operations() -> None:
    assert redline("members shall report", "members must report now") == [
        {"op": "equal", "text": "members"},
        {"op": "delete", "text": "shall"},
        {"op": "insert", "text": "must"},
        {"op": "equal", "text": "report"},
        {"op": "insert", "text": "now"},
    ]
