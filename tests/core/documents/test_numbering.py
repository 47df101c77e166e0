"""The label grammar: Roman numerals, letters, readings of ambiguous labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upstander.core.documents.numbering import (
    LabelStyle,
    format_label,
    from_letters,
    from_roman,
    label_readings,
    match_decimal_label,
    match_label,
    to_letters,
    to_roman,
)


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_round_trip(value: int) -> None:
    assert from_roman(to_roman(value)) == value
    assert from_roman(to_roman(value).lower()) == value


@given(st.integers(min_value=1, max_value=26 * 3))
def test_doubled_letter_labels_round_trip(value: int) -> None:
    repeat, remainder = divmod(value - 1, 26)
    letters = chr(ord("A") + remainder) * (repeat + 1)
    assert from_letters(letters) == value


def test_letters_in_spreadsheet_form() -> None:
    assert [to_letters(value) for value in (1, 26, 27)] == ["A", "Z", "AA"]


@pytest.mark.parametrize("text", ["IIII", "VX", "IC", "ABC", ""])
def test_invalid_roman_numerals(text: str) -> None:
    assert from_roman(text) is None


@given(st.sampled_from(list(LabelStyle)), st.integers(min_value=1, max_value=52))
def test_formatted_labels_read_back(style: LabelStyle, value: int) -> None:
    label = format_label(style, value)
    matched = match_label(f"{label} Duty to intervene")
    assert matched is not None
    kind, body, _ = matched
    assert any(
        reading.style is style and reading.value == value for reading in label_readings(kind, body)
    )


def test_ambiguous_labels_have_both_readings() -> None:
    styles = {reading.style for reading in label_readings("dot", "I")}
    assert styles == {LabelStyle.ROMAN, LabelStyle.UPPER}
    assert {reading.value for reading in label_readings("dot", "C")} == {3, 100}
    assert {reading.style for reading in label_readings("dot", "i")} == {
        LabelStyle.LOWER_ROMAN,
        LabelStyle.LOWER,
    }


@pytest.mark.parametrize(
    "line", ["1.5", "4.1.4, 4.1.5", "U.S. 386", "e.g. a baton", "No. 5", "720 ILCS 5/7-5.5"]
)
def test_running_text_is_not_a_label(line: str) -> None:
    matched = match_label(line)
    assert matched is None or not label_readings(matched[0], matched[1])


def test_decimal_labels_are_kept_as_written() -> None:
    matched = match_decimal_label("300.4.1 DEADLY FORCE APPLICATIONS")
    assert matched is not None
    assert matched[0].text == "300.4.1"
    assert matched[0].parts == (300, 4, 1)
    assert match_decimal_label("4.1.4, 4.1.5") is None
