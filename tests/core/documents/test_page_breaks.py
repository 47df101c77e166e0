"""Page breaks inside sections: where a long section moves to its next page."""

from __future__ import annotations

import pytest

from upstander.core.documents.reader import parse_document, parse_text

from .conftest import FIXTURES

PAGED = (
    "300.1 PURPOSE\n"
    "This policy governs force. Officers shall act lawfully.\n"
    "\fThis sentence stands on page two.\n"
    "\fSo does nothing; this one is on page three.\n"
    "\f300.2 REPORTING\n"
    "All reports go here.\n"
)


def test_breaks_point_at_the_first_character_of_each_later_page() -> None:
    document = parse_text(PAGED, path="paged.txt")
    section = document.section("300.1")
    assert section is not None
    assert section.page == 1
    assert [page for _, page in section.page_breaks] == [2, 3]
    for offset, page in section.page_breaks:
        assert section.text[offset:].startswith(("This sentence", "So does"))
        assert section.page_at(offset) == page
    assert section.page_at(0) == 1
    assert section.page_at(len(section.text)) == 3


def test_a_section_on_one_page_has_no_breaks() -> None:
    section = parse_text(PAGED, path="paged.txt").section("300.2")
    assert section is not None
    assert section.page == 4
    assert section.page_breaks == []


def test_unpaged_text_has_no_breaks() -> None:
    document = parse_text("1. Purpose\nOne.\nTwo.\n", path="plain.txt")
    assert all(section.page_breaks == [] for section in document.sections)


def test_breaks_stay_out_of_the_json_contract() -> None:
    document = parse_text(PAGED, path="paged.txt")
    data = document.to_json()
    assert all(set(item) == {"id", "heading", "page", "text"} for item in data["sections"])


def test_breaks_do_not_change_equality() -> None:
    first = parse_text(PAGED, path="paged.txt").sections
    second = parse_text(PAGED, path="paged.txt").sections
    second[1].page_breaks = []
    assert first == second


def test_pdf_sections_spanning_pages_carry_breaks() -> None:
    path = FIXTURES / "riverbend-policy-manual.pdf"
    if not path.exists():
        pytest.skip("fixture missing")
    document = parse_document(path)
    spanning = [section for section in document.sections if section.page_breaks]
    for section in spanning:
        assert section.page is not None
        pages = [page for _, page in section.page_breaks]
        assert pages == sorted(pages)
        assert pages[0] > section.page
        assert all(0 <= offset <= len(section.text) for offset, _ in section.page_breaks)
