"""The shortcuts the importers take for speed give the same results as the plain way."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from upstander.records.imports.base import (
    DATE_FORMATS,
    DATETIME_FORMATS,
    _read,
    clean,
    combine,
    imported_ids,
    insert_returning_ids,
    insert_rows,
    parse_datetime,
)
from upstander.records.models import Agency, ForceReportOfficer, Officer, UseOfForceReport


def _strptime(raw: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(raw, fmt)
    except ValueError:
        return None


@pytest.mark.parametrize(
    "raw",
    [
        "06/07/2014 12:09:00 AM",
        "06/07/2014 12:09:00 PM",
        "06/07/2014 01:09:59 pm",
        "12/31/1999 11:59:59 PM",
        "6/7/2014 1:09:00 AM",  # one-digit fields: strptime's business
        "06/07/2014 00:09:00 AM",  # no hour 0 on a 12-hour clock
        "06/07/2014 13:09:00 PM",
        "13/07/2014 01:00:00 AM",
        "02/30/2014 01:00:00 AM",
        "06/07/2014 01:60:00 AM",
        "2014-06-07 23:59:59",
        "2014-06-07 24:00:00",
        "2014-13-07 10:00:00",
        "2014-06-07T10:00:00",
        "2014-06-07",
        "06/07/2014",
        "00/07/2014",
        "06/31/2014",
        "\u0661\u0662/\u0660\u0667/\u0662\u0660\u0661\u0664",  # digits that are not ASCII
    ],
)
def test_fixed_width_formats_read_as_strptime_reads_them(raw: str) -> None:
    for fmt in [*DATETIME_FORMATS, *DATE_FORMATS]:
        assert _read(raw, fmt) == _strptime(raw, fmt), fmt


def test_parse_datetime_still_remembers_each_columns_format() -> None:
    seattle = ZoneInfo("America/Los_Angeles")
    first = parse_datetime("06/07/2014 12:09:00 PM", "speed-test column", seattle)
    then = parse_datetime("2014-06-08 01:02:03", "speed-test column", seattle)
    assert first == datetime(2014, 6, 7, 12, 9, tzinfo=seattle)
    assert then == datetime(2014, 6, 8, 1, 2, 3, tzinfo=seattle)


def test_combine_with_cached_times_of_day() -> None:
    chicago = ZoneInfo("America/Chicago")
    day = date(2010, 5, 1)
    assert combine(day, "14:47:00", chicago) == datetime(2010, 5, 1, 14, 47, tzinfo=chicago)
    assert combine(day, "0930", chicago).hour == 9
    assert combine(day, "99:00", chicago).hour == 12  # unreadable: noon
    assert combine(day, "NULL", chicago).hour == 12


def test_clean_only_blanks_null_markers() -> None:
    assert clean(" n/a ") == ""
    assert clean("NULL.") == ""
    assert clean("Nullify") == "Nullify"
    assert clean("  a long cell that is not a marker  ") == "a long cell that is not a marker"


@pytest.fixture
def agency(db: object) -> Agency:
    return Agency.objects.create(name="Speed Test PD", slug="speed-test-pd", state="IL")


def _report(agency: Agency, key: str, **fields: object) -> dict[str, object]:
    return {
        "agency_id": agency.pk,
        "report_number": key,
        "occurred_at": datetime(2020, 1, 2, 3, 4, tzinfo=UTC),
        "import_source": "speed:test",
        "import_key": key,
        **fields,
    }


def test_insert_rows_counts_what_it_inserted_and_skips_what_is_there(agency: Agency) -> None:
    rows = [_report(agency, "1"), _report(agency, "2"), _report(agency, "2")]
    assert insert_rows(UseOfForceReport, rows) == 2
    assert insert_rows(UseOfForceReport, [_report(agency, "2"), _report(agency, "3")]) == 1
    assert UseOfForceReport.objects.count() == 3


def test_insert_rows_keeps_values_common_to_every_row_exactly(agency: Agency) -> None:
    # Values every row shares are sent once; text that is not plainly safe as a literal
    # (quotes, percent signs, placeholders) must still arrive unchanged.
    tricky = "it's 100% %s; --"
    rows = [
        _report(agency, "a", location=tricky, beat="", force_types=["taser"]),
        _report(agency, "b", location=tricky, beat="", force_types=["taser"]),
    ]
    insert_rows(UseOfForceReport, rows)
    for report in UseOfForceReport.objects.all():
        assert report.location == tricky
        assert report.beat == ""
        assert report.force_types == ["taser"]
        assert report.subject_resistance == []  # the model default
        assert report.officer_injured is None
        assert report.occurred_at == datetime(2020, 1, 2, 3, 4, tzinfo=UTC)


def test_insert_rows_gives_rows_that_leave_a_field_out_its_default(agency: Agency) -> None:
    insert_rows(
        UseOfForceReport,
        [_report(agency, "x", force_types=["firearm"]), _report(agency, "y")],
    )
    found = dict(UseOfForceReport.objects.values_list("import_key", "force_types"))
    assert found == {"x": ["firearm"], "y": []}


def test_imported_ids_by_key_for_one_source_only(agency: Agency) -> None:
    insert_rows(UseOfForceReport, [_report(agency, "1"), _report(agency, "2")])
    insert_rows(UseOfForceReport, [_report(agency, "3", import_source="other:source")])
    ids = dict(UseOfForceReport.objects.values_list("import_key", "id"))
    assert imported_ids(UseOfForceReport, "speed:test", ["1", "2", "3", "1"]) == {
        "1": ids["1"],
        "2": ids["2"],
    }
    assert imported_ids(UseOfForceReport, "speed:test", []) == {}


def test_insert_returning_ids_in_row_order_across_chunks(agency: Agency) -> None:
    # Enough rows that SQLite needs several statements (999 parameters at most in each).
    rows = [
        {"agency_id": agency.pk, "first_name": "Officer", "last_name": f"N{i:04d}"}
        for i in range(250)
    ]
    ids = insert_returning_ids(Officer, rows)
    assert len(ids) == 250
    names = dict(Officer.objects.values_list("id", "last_name"))
    assert [names[i] for i in ids] == [row["last_name"] for row in rows]


def test_insert_rows_stores_a_choice_by_its_value(agency: Agency) -> None:
    insert_rows(UseOfForceReport, [_report(agency, "r")])
    report = UseOfForceReport.objects.get()
    officer_ids = insert_returning_ids(
        Officer, [{"agency_id": agency.pk, "first_name": "A", "last_name": "B"}]
    )
    insert_rows(
        ForceReportOfficer,
        [
            {
                "report_id": report.pk,
                "officer_id": officer_ids[0],
                "role": ForceReportOfficer.Role.USED_FORCE,
            }
        ],
    )
    assert ForceReportOfficer.objects.get().role == "used_force"
