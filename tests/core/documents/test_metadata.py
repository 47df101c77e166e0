"""Metadata a document states about itself, and only that."""

from __future__ import annotations

import pytest

from upstander.core.documents.metadata import parse_date, read_metadata


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3, 2021", "2021-03-03"),
        ("MAR 3, 2021", "2021-03-03"),
        ("Sept. 14, 2019", "2019-09-14"),
        ("3 March 2021", "2021-03-03"),
        ("03/03/2021", "2021-03-03"),
        ("3-3-21", "2021-03-03"),
        ("12-26-95", "1995-12-26"),
        ("2021-03-03", "2021-03-03"),
        ("AUGUST 02, 2006", "2006-08-02"),
        ("February 30, 2021", None),
        ("soon", None),
    ],
)
def test_dates_in_common_forms(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_labelled_fields() -> None:
    metadata = read_metadata(
        [
            "GENERAL ORDER",
            "Number: General Order 1.06",
            "Subject: Response to Resistance",
            "Date of Issue: March 3, 2021",
            "Effective Date:",
            "03/15/2021",
            "Revision Date: 2023-01-10",
            "Rescinds: General Order 1.05; Training Bulletin 4",
        ]
    )
    assert metadata.title == "Response to Resistance"
    assert metadata.number == "General Order 1.06"
    assert (metadata.issued, metadata.effective, metadata.revised) == (
        "2021-03-03",
        "2021-03-15",
        "2023-01-10",
    )
    assert metadata.rescinds == ["General Order 1.05", "Training Bulletin 4"]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Directive 114-A", "Directive 114-A"),
        ("G.O. 2020-01", "G.O. 2020-01"),
        ("Policy 300", "Policy 300"),
        ("General Order: 15-35R Page 2 of 9", "General Order 15-35R"),
        ("SOP Number: 6.01", "SOP 6.01"),
    ],
)
def test_document_numbers(line: str, number: str) -> None:
    assert read_metadata([line]).number == number


def test_nothing_stated_means_null() -> None:
    metadata = read_metadata(["Members shall intervene.", "Dated reports are due in 2021."])
    assert metadata.to_json() == {
        "title": None,
        "number": None,
        "issued": None,
        "effective": None,
        "revised": None,
        "rescinds": [],
    }


def test_empty_rescinds_label_followed_by_another_label() -> None:
    assert read_metadata(["RESCINDS: DISTRIBUTION:", "EFFECTIVE DATE: JUL 1, 1993"]).rescinds == []
    assert read_metadata(["Rescinds: None"]).rescinds == []


def test_header_table_with_several_labels_on_a_line() -> None:
    metadata = read_metadata(
        [
            "GENERAL ORDER",
            "Title: RULES OF CONDUCT Number: PER-200",
            "Effective Date: 12-26-95 Distribution: ALL",
            "Policy Number: 1.6.01",
            "Rescinds: 95-0025, Department Rules and",
            " Regulations Manual",
        ]
    )
    assert metadata.title == "RULES OF CONDUCT"
    assert metadata.number == "Policy 1.6.01"
    assert metadata.effective == "1995-12-26"
    assert metadata.rescinds == ["95-0025, Department Rules and Regulations Manual"]


def test_bare_number_takes_the_banner_kind_only_when_printed() -> None:
    assert read_metadata(["GENERAL ORDER", "NUMBER:", "1.5"]).number == "General Order 1.5"
    assert read_metadata(["Number: PER-200", "See general order 4."]).number == "PER-200"


def test_file_names_stored_as_pdf_titles_are_ignored() -> None:
    assert read_metadata([], fallback_title="Microsoft Word - 6.01r").title is None
    assert read_metadata([], fallback_title="Use of Force").title == "Use of Force"
