"""The rest of the Chicago bundle: rosters, salaries, awards, people on complaints, CLEAR
complaints, and the TRR subjects, subject weapons, weapon discharges and supervisor reviews."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_dir
from upstander.records.imports import import_plan
from upstander.records.models import (
    Award,
    Complaint,
    ComplaintPerson,
    ForceDischarge,
    ForceReportOfficer,
    ForceSubject,
    ImportRun,
    Officer,
    OfficerName,
    OfficerSourceLink,
    SalaryRecord,
    UseOfForceReport,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Officer,
    OfficerName,
    OfficerSourceLink,
    Complaint,
    ComplaintPerson,
    UseOfForceReport,
    ForceSubject,
    ForceDischarge,
    ForceReportOfficer,
    SalaryRecord,
    Award,
]
# What the sample bundle holds once imported, whether in one run or several.
EXPECTED = {
    "Officer": 4,  # Quartz, Vantablack, Marigold from the rosters; Newcomb from an award
    "Complaint": 3,  # two from the complaints file, one more from CLEAR
    "ComplaintPerson": 8,
    "UseOfForceReport": 4,
    "ForceSubject": 2,
    "ForceDischarge": 3,
    "ForceReportOfficer": 1,
    "SalaryRecord": 2,
    "Award": 2,
}


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _role(kind: str) -> str:
    """ "cpdp:roster_1936-2017_2017-04" -> "roster_1936"; keeps the two TRR periods apart."""
    name = kind.split(":", 1)[1]
    return "_".join(name.split("_")[:2])


def _runs(runs: list[ImportRun]) -> dict[str, ImportRun]:
    return {_role(run.kind): run for run in runs}


def _rejects(run: ImportRun) -> dict[int, str]:
    with open(run.rejects_file, encoding="utf-8", newline="") as handle:
        return {int(row[0]): row[1] for row in list(csv.reader(handle))[1:]}


@pytest.fixture
def bundle(data_dir: Path) -> Path:
    return data_dir / "cpdp-more"


def test_every_file_of_the_bundle_has_an_importer_and_rosters_come_first(bundle: Path):
    plan, left_out = import_plan("cpdp", bundle)
    assert left_out == []
    names = [file.name for _, file in plan]
    assert len(names) == 19
    assert names[:3] == [
        "roster_1936-2017_2017-04.csv",
        "roster_1969-2023_2023-07_p000011.csv",
        "roster-inactive_2015-2024_2024-05_p000012.csv",
    ]
    order = {name.split("_")[0]: i for i, name in reversed(list(enumerate(names)))}
    assert order["complaints-complaints"] < order["complaints-complaints-clear"]
    assert order["complaints-complaints-clear"] < order["complaints-complainants"]
    assert order["TRR-main"] < order["TRR-subjects"] < order["TRR-weapon-discharges"]


def test_the_newer_complaints_export_comes_before_the_older(tmp_path: Path):
    # Complaints of the turn of 2000 are in both; the first file read makes the record.
    for name in (
        "complaints-complaints_1967-1999_2016-12.csv",
        "complaints-complaints_2000-2023_2023-08_p000011.csv",
    ):
        (tmp_path / name).write_text("cr_id\n", encoding="utf-8")
    plan, _ = import_plan("cpdp", tmp_path)
    assert [file.name[:31] for _, file in plan] == [
        "complaints-complaints_2000-2023",
        "complaints-complaints_1967-1999",
    ]


def test_rosters_make_the_officers_later_files_join(import_all: Any, bundle: Path):
    runs = _runs(import_all("cpdp", bundle))
    assert all(run.status == ImportRun.Status.COMPLETED for run in runs.values())
    assert _counts() | EXPECTED == _counts()
    oldest = runs["roster_1936-2017"]
    assert (oldest.created, oldest.skipped, oldest.rejected) == (2, 1, 2)  # row 6 repeats row 3
    reasons = _rejects(oldest)
    assert reasons == {
        4: "officer has no name",
        5: "appointed_date '13/45/1999' is not a date",
    }
    # Appointed in 1946: older than other records' dates, still an officer's history.
    quartz = Officer.objects.get(last_name="Quartz")
    assert (quartz.hired_on, quartz.separated_on) == (date(1946, 3, 4), date(1980, 6, 30))
    assert quartz.birth_year == 1921
    # One officer across two rosters, the salary file (matched on its org_hire_date) and a
    # review of a 2021 report; the newer roster's rank and unit win.
    otto = Officer.objects.get(last_name="Vantablack")
    assert otto.source_links.exclude(source="cpdp:stars").count() == 4
    assert (otto.rank, otto.unit.name, otto.badge_number) == ("SERGEANT OF POLICE", "12", "9103")
    assert (otto.gender, otto.race, otto.birth_year) == ("MALE", "BLACK", 1970)
    assert set(otto.names.values_list("badge_number", flat=True)) >= {"9101", "9102", "9103"}
    penny = Officer.objects.get(last_name="Marigold")
    assert penny.separated_on == date(2021, 5, 1)  # the inactive roster's vacate date
    assert penny.hired_on == date(2012, 8, 20)


def test_salaries_and_awards(import_all: Any, bundle: Path):
    runs = _runs(import_all("cpdp", bundle))
    otto = Officer.objects.get(last_name="Vantablack")
    # Both rows have row_id 1: the file counts rows from 1 again each year.
    pay = list(otto.salaries.values_list("year", "rank", "salary", "pay_grade"))
    assert pay == [
        (2017, "SERGEANT", Decimal("101442.00"), "E|3"),
        (2018, "SERGEANT", Decimal("104000.00"), "E|4"),
    ]
    assert _rejects(runs["salary_2017-2023"]) == {
        4: "salary 'lots' is not an amount",
        5: "year '' is missing or implausible",
    }
    award = Award.objects.get(officer__last_name="Marigold")
    assert (award.kind, award.status, award.tracking_number) == (
        "HONORABLE MENTION",
        "FINAL",
        "9900001",
    )
    assert (award.requested_on, award.started_on, award.ceremony_on) == (
        date(2018, 3, 6),
        date(2018, 2, 1),
        date(2018, 5, 1),
    )
    # An awardee on no roster becomes an officer of their own.
    newcomb = Officer.objects.get(last_name="Newcomb")
    assert newcomb.awards.get().status == "DENIED"
    assert _rejects(runs["awards_2017-2019"]) == {4: "award_type is empty"}


def test_people_on_complaints(import_all: Any, bundle: Path):
    runs = _runs(import_all("cpdp", bundle))
    by_log = ComplaintPerson.objects.filter(complaint__number="990002")
    # "2004-0990002" in the people files is CLEAR complaint 990002.
    assert set(by_log.values_list("role", flat=True)) == {"complainant", "victim", "investigator"}
    victim = by_log.get(role="victim")
    assert victim.birth_year is None  # 1828: impossible, dropped with the row kept
    assert victim.injury == "BRUISED ARM"
    assert ComplaintPerson.objects.get(complaint__number="990003").birth_year is None  # 2037
    investigator = by_log.get(role="investigator")
    assert investigator.officer.last_name == "Marigold"  # name and date appointed
    witnesses = ComplaintPerson.objects.filter(role="officer_witness").order_by("import_key")
    assert [w.officer.last_name if w.officer else None for w in witnesses] == [
        "Vantablack",  # name and an old star, from the rosters' star history
        None,  # an officer no roster names: kept, not invented
    ]
    assert Officer.objects.filter(last_name__iexact="Knownhere").count() == 0
    assert _rejects(runs["complaints-complainants_2000-2023"]) == {
        2: "cr_id is empty",
        5: "cr_id 2023-0000077 is not a known complaint",
    }
    assert _rejects(runs["complaints-investigators_2000-2023"]) == {
        3: "cr_id 9999998 is not a known complaint"
    }


def test_clear_complaints_add_narratives_and_missing_complaints(import_all: Any, bundle: Path):
    runs = _runs(import_all("cpdp", bundle))
    known = Complaint.objects.get(number="990002")
    assert known.summary == "AN OFFICER IS SAID TO HAVE PUSHED A BYSTANDER"
    assert known.closed_on == date(2004, 11, 30)  # was NULL in the complaints file
    added = Complaint.objects.get(number="990003")
    assert added.summary == "A MEMBER WAS ABSENT FROM DUTY"  # the first of its two rows
    assert added.source == Complaint.Source.INTERNAL
    clear = runs["complaints-complaints-clear_2000-2022"]
    assert (clear.created, clear.skipped, clear.rejected) == (1, 2, 2)
    assert _rejects(clear) == {
        5: "cr_id is empty",
        6: "incident_date '1929-01-01' is outside 1950 to today",
    }


def test_force_subjects_weapons_discharges_and_reviews(import_all: Any, bundle: Path):
    runs = _runs(import_all("cpdp", bundle))
    first = UseOfForceReport.objects.get(report_number="2099-00001")
    subject = first.subjects.get()
    assert (subject.subject_key, subject.gender, subject.age) == ("cb:f00d", "FEMALE", 37)
    assert subject.injured is True
    assert subject.armed_with == "KNIFE"
    assert first.subject_injured is True
    second = UseOfForceReport.objects.get(report_number="2099-00002").subjects.get()
    assert (second.subject_key, second.injured) == ("row:3", False)
    subjects = runs["TRR-subjects_2021-2023"]
    assert (subjects.created, subjects.skipped) == (2, 1)  # the same booking number twice
    assert _rejects(subjects) == {5: "trr_id 2099-09999 is not in the TRR main file"}

    assert UseOfForceReport.objects.get(report_number="990001").weapons == [
        "hands/fists",
        "screwdriver",
    ]
    assert _rejects(runs["TRR-subject-weapons_2004-2018"]) == {
        5: "trr_id 990009 is not in the TRR main file",
        6: "weapon_type is empty",
    }

    pistol = ForceDischarge.objects.get(report__report_number="990002")
    # The 2004-2018 header is one column off its rows; the values land where they belong.
    assert (pistol.weapon, pistol.shots) == ("SEMI-AUTO PISTOL", 3)
    assert (pistol.firearm_make, pistol.firearm_model) == ("GLOCK INC", "17")
    assert pistol.details["firearm_caliber"] == "9 MM"
    assert pistol.details["member_position"] == "STANDING"
    assert "lots" in _rejects(runs["TRR-weapon-discharges_2004-2018"])[4]
    taser = ForceDischarge.objects.get(report__report_number="2099-00001")
    assert (taser.weapon, taser.shots) == ("TASER", 1)
    assert taser.details["taser_dartid_no"] == "X0000001"

    review = ForceReportOfficer.objects.get(role=ForceReportOfficer.Role.SUPERVISED)
    assert review.report == first
    assert review.officer.last_name == "Vantablack"
    statuses = runs["TRR-statuses_2021-2023"]
    assert (statuses.created, statuses.skipped) == (1, 1)
    assert _rejects(statuses) == {3: "the reviewing supervisor has no name"}


def test_importing_again_adds_nothing(import_all: Any, bundle: Path):
    import_all("cpdp", bundle)
    before = _counts()
    again = import_all("cpdp", bundle)
    assert all(run.created == 0 for run in again), [(r.kind, r.created) for r in again]
    assert _counts() == before


def test_interrupted_then_resumed_ends_where_one_run_does(import_all: Any, bundle: Path):
    first = import_all("cpdp", bundle, limit=2)
    assert any(run.status == ImportRun.Status.INTERRUPTED for run in first)
    second = import_all("cpdp", bundle)
    assert all(run.status == ImportRun.Status.COMPLETED for run in second)
    resumed = {run.pk for run in first if run.status == ImportRun.Status.INTERRUPTED}
    assert resumed <= {run.pk for run in second}
    counts = _counts()
    assert counts | EXPECTED == counts


SHARED = shared_dir()
CHICAGO = SHARED / "datasets" / "chicago_cpdp" if SHARED else None
REAL = pytest.mark.skipif(
    CHICAGO is None or not CHICAGO.is_dir(), reason="shared datasets are absent"
)


def _real(import_all: Any, *prefixes: str, limit: int = 1500) -> dict[str, ImportRun]:
    """Import, in plan order, the real files whose names start with the given prefixes."""
    assert CHICAGO is not None
    plan, _ = import_plan("cpdp", CHICAGO)
    runs: dict[str, ImportRun] = {}
    for _, file in plan:
        if file.name.startswith(prefixes):
            (run,) = import_all("cpdp", file, limit=limit)
            runs[_role(run.kind)] = run
    return runs


@pytest.mark.datasets
@REAL
def test_real_rosters(import_all: Any):
    runs = _real(import_all, "roster")
    assert all(run.cursor == 1500 for run in runs.values())
    assert Officer.objects.filter(separated_on__isnull=False).exists()
    # The 2017 and 2023 rosters list many of the same officers: matched, not duplicated.
    assert Officer.objects.count() < sum(run.created for run in runs.values())


@pytest.mark.datasets
@REAL
def test_real_salaries_and_awards(import_all: Any):
    runs = _real(import_all, "roster", "salary", "awards", limit=2000)
    assert runs["salary_2017-2023"].created > 1500
    assert runs["awards_2017-2019"].created > 1500
    assert SalaryRecord.objects.filter(salary__gt=0).exists()
    # Salary rows join roster officers rather than creating new ones for most people.
    joined = OfficerSourceLink.objects.filter(source__startswith="cpdp:salary").exclude(
        evidence__has_key="created_from"
    )
    assert joined.exists()


@pytest.mark.datasets
@REAL
def test_real_complaint_parties(import_all: Any):
    runs = _real(
        import_all,
        "roster",
        "complaints-complaints",
        "complaints-complainants",
        "complaints-victims",
        "complaints-civilian-witnesses",
        "complaints-CPD-witnesses",
        "complaints-investigators",
        limit=3000,
    )
    for role in ("complainants", "victims", "civilian-witnesses", "CPD-witnesses"):
        assert runs[f"complaints-{role}_2000-2023"].created > 0, role
    assert runs["complaints-complaints-clear_2000-2022"].created > 0
    assert Complaint.objects.exclude(summary="").exists()
    birth_years = ComplaintPerson.objects.exclude(birth_year=None).values_list(
        "birth_year", flat=True
    )
    assert all(1900 <= year <= date.today().year for year in birth_years)


@pytest.mark.datasets
@REAL
def test_real_force_extras(import_all: Any):
    runs = _real(
        import_all,
        "TRR-main",
        "TRR-subjects",
        "TRR-subject-weapons",
        "TRR-weapon-discharges",
        "TRR-statuses",
        limit=3000,
    )
    assert runs["TRR-subjects_2021-2023"].created > 2000
    assert runs["TRR-subject-weapons_2004-2018"].created > 0
    assert UseOfForceReport.objects.exclude(weapons=[]).exists()
    # The shifted 2004-2018 header: shots are numbers, never the "No" of the reload column.
    assert (
        runs["TRR-weapon-discharges_2004-2018"].rejected
        < runs["TRR-weapon-discharges_2004-2018"].cursor
    )
    assert ForceDischarge.objects.filter(weapon__icontains="taser").exists()
    assert ForceReportOfficer.objects.filter(role=ForceReportOfficer.Role.SUPERVISED).exists()
