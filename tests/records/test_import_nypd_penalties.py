"""The CCRB penalties table, imported as discipline on the NYPD complaints' allegations."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_dir
from upstander.records.imports import import_plan
from upstander.records.imports.nypd_penalties import PENALTIES, TAX_ID, NypdPenaltyImporter
from upstander.records.models import Discipline, ImportRun, OfficerSourceLink

pytestmark = pytest.mark.django_db


def _rejects(run: ImportRun) -> dict[int, str]:
    with open(run.rejects_file, encoding="utf-8", newline="") as handle:
        return {int(row[0]): row[1] for row in list(csv.reader(handle))[1:]}


def _penalties() -> Any:
    return Discipline.objects.filter(import_source=PENALTIES).select_related(
        "allegation__officer", "allegation__complaint"
    )


def test_penalties_come_after_the_complaints_they_discipline(data_dir: Path):
    plan, left_out = import_plan("nypd-ccrb", data_dir / "nypd-penalties")
    assert [file.name for _, file in plan] == [
        "2021-03-20_sample_active_officer.csv",
        "2021-03-20_sample_active_complaint.csv",
        "ccrb-sample-penalties.csv",
    ]
    assert isinstance(plan[-1][0], NypdPenaltyImporter)
    assert left_out == []


def test_penalties_find_the_officer_within_the_complaint(import_all: Any, data_dir: Path):
    *_, penalties = import_all("nypd-ccrb", data_dir / "nypd-penalties")
    assert penalties.status == ImportRun.Status.COMPLETED
    assert penalties.cursor == 9
    by_officer: dict[tuple[str, str], list[Discipline]] = {}
    for discipline in _penalties():
        key = (discipline.allegation.complaint.number, discipline.allegation.officer.last_name)
        by_officer.setdefault(key, []).append(discipline)
    assert sorted(by_officer) == [
        ("900000101", "Fenwick"),
        ("900000102", "Lindqvist"),  # Fenwick is already Tax ID 990001
        ("900000103", "Moreno"),  # the only one with a Formalized Training disposition
        ("900000104", "Fenwick"),  # found through the Tax ID learnt on complaint 900000101
    ]
    assert len(by_officer[("900000101", "Fenwick")]) == 2  # both substantiated allegations
    plea = by_officer[("900000102", "Lindqvist")][0]
    assert (plea.recommended, plea.imposed) == (
        "Forfeit vacation 5 days",
        "Forfeit vacation 3 days",
    )
    assert plea.decided_on == date(2019, 11, 10)
    trial = by_officer[("900000104", "Fenwick")][0]
    assert trial.suspension_days == 10
    assert trial.decided_on == date(2020, 8, 26)
    command = by_officer[("900000101", "Fenwick")][0]
    assert (command.recommended, command.imposed) == (
        "Command Discipline A",
        "Command Discipline - A",
    )
    links = dict(
        OfficerSourceLink.objects.filter(source=TAX_ID).values_list("source_key", "officer")
    )
    assert set(links) == {"990001", "990002", "990003"}
    assert links["990001"] == by_officer[("900000101", "Fenwick")][0].allegation.officer_id
    evidence = OfficerSourceLink.objects.get(source=TAX_ID, source_key="990003").evidence
    assert evidence["matched"] == f"{PENALTIES}:900000103"
    reasons = _rejects(penalties)
    assert set(reasons) == {2, 3, 8, 9, 10}
    assert "900000105 has 2 substantiated officers" in reasons[2]
    assert "900000100 has 2 substantiated officers" in reasons[3]
    assert reasons[8] == "complaint 900000999 is not imported"
    assert reasons[9] == "Complaint Id and Tax ID are required"
    assert reasons[10] == "Tax ID 990001 has no substantiated allegation on complaint 900000103"


def test_penalties_again_place_only_rows_refused_before(import_all: Any, data_dir: Path):
    import_all("nypd-ccrb", data_dir / "nypd-penalties")
    assert _penalties().count() == 5
    # Complaint 900000105 names Fenwick and Ostrander; once Fenwick is known as Tax ID 990001
    # (later in the file), a second pass can tell that 990007 is Ostrander.
    *_, again = import_all("nypd-ccrb", data_dir / "nypd-penalties")
    assert again.created == 1
    placed = _penalties().get(allegation__complaint__number="900000105")
    assert placed.allegation.officer.last_name == "Ostrander"
    assert set(_rejects(again)) == {3, 8, 9, 10}
    before = (_penalties().count(), OfficerSourceLink.objects.count())
    *_, third = import_all("nypd-ccrb", data_dir / "nypd-penalties")
    assert third.created == 0
    assert (_penalties().count(), OfficerSourceLink.objects.count()) == before


def test_penalties_interrupted_then_resumed(import_all: Any, data_dir: Path):
    folder = data_dir / "nypd-penalties"
    import_all("nypd-ccrb", folder / "2021-03-20_sample_active_officer.csv")
    import_all("nypd-ccrb", folder / "2021-03-20_sample_active_complaint.csv")
    penalties = folder / "ccrb-sample-penalties.csv"
    (first,) = import_all("nypd-ccrb", penalties, limit=3)
    assert first.status == ImportRun.Status.INTERRUPTED
    assert _penalties().count() == 2  # complaint 900000101's two allegations
    (second,) = import_all("nypd-ccrb", penalties)
    assert second.pk == first.pk
    assert second.status == ImportRun.Status.COMPLETED
    assert second.cursor == 9
    assert _penalties().count() == 5
    assert set(_rejects(second)) == {2, 3, 8, 9, 10}  # each refused row written once


SHARED = shared_dir()


@pytest.mark.datasets
@pytest.mark.skipif(
    SHARED is None or not (SHARED / "datasets").is_dir(), reason="shared datasets are absent"
)
def test_penalties_real(import_all: Any):
    assert SHARED is not None
    folder = SHARED / "datasets"
    # The first complaints of the 2021 snapshot, then the penalties of the same years.
    import_all("nypd-ccrb", folder / "nypd_ccrb_mos_chatnoir", limit=3000)
    (run,) = import_all("nypd-ccrb", folder / "nypd_ccrb_penalties_ryanwatkins", limit=1500)
    assert run.cursor == 1500
    assert run.created > 0
    assert run.rejected > 0  # complaints outside the bounded sample
    for discipline in _penalties()[:200]:
        assert discipline.allegation.final_finding == "sustained"
        assert discipline.allegation.officer_id is not None
