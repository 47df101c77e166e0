"""Imports of the public datasets from small sample files with the real files' traps."""

from __future__ import annotations

import csv
import gc
import gzip
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from upstander.audit.models import AuditEvent
from upstander.records.imports import ImportPlanError, import_plan, run_import
from upstander.records.imports.base import finding_for, parse_datetime
from upstander.records.imports.seattle import SeattleForceImporter
from upstander.records.models import (
    Agency,
    Allegation,
    Complaint,
    Discipline,
    Finding,
    ForceReportOfficer,
    ForceSubject,
    ImportRun,
    Officer,
    OfficerInvolvedShooting,
    OfficerSourceLink,
    UseOfForceReport,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = [
        Agency,
        Officer,
        OfficerSourceLink,
        UseOfForceReport,
        ForceReportOfficer,
        ForceSubject,
        OfficerInvolvedShooting,
        Complaint,
        Allegation,
        Discipline,
    ]
    return {model.__name__: model.objects.count() for model in models}


def _rejects(run: ImportRun) -> list[list[str]]:
    with open(run.rejects_file, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_seattle_force_groups_rows_into_incidents_and_refuses_bad_rows(import_all, data_dir):
    force, _shootings = sorted(
        import_all("seattle-uof", data_dir / "seattle"), key=lambda run: run.kind
    )
    assert force.status == ImportRun.Status.COMPLETED
    assert force.cursor == 7
    reasons = {int(row[0]): row[1] for row in _rejects(force)}
    assert "is not a date" in reasons[5]
    assert "Officer_ID is empty" in reasons[6]
    assert "expected 11 columns, found 5" in reasons[7]
    report = UseOfForceReport.objects.get(report_number="101")
    assert report.involved.count() == 2
    assert report.subjects.count() == 1  # both rows name subject 203
    local = report.occurred_at.astimezone(ZoneInfo("America/Los_Angeles"))
    assert (local.hour, local.minute) == (0, 9)  # "12:09:00 AM"
    assert report.force_level == "Level 1"
    assert report.unit.name == "East"
    ois = UseOfForceReport.objects.get(report_number="106")
    assert ois.force_types == ["firearm"]
    assert ois.subjects.get().race == ""  # a literal NULL is no value


def test_seattle_shootings_keep_multiline_summaries(import_all, data_dir):
    runs = {run.kind: run for run in import_all("seattle-uof", data_dir / "seattle")}
    run = runs["seattle-uof:shootings"]
    shooting = OfficerInvolvedShooting.objects.get(case_number="FRB 05-05")
    assert shooting.officers_involved == 2
    assert '"stop"' in shooting.summary
    assert "\n" in shooting.summary
    assert shooting.investigation_finding == "Justified"
    assert shooting.officer_disciplined is False
    missing = OfficerInvolvedShooting.objects.get(import_key="2009000002")
    assert missing.officer_disciplined is None  # "Missing" means unknown
    assert run.rejected == 1
    assert "not a date" in _rejects(run)[0][1]


def test_second_run_adds_nothing(import_all, data_dir):
    import_all("seattle-uof", data_dir / "seattle")
    before = _counts()
    again = import_all("seattle-uof", data_dir / "seattle")
    assert _counts() == before
    assert all(run.created == 0 for run in again)


def test_one_audit_event_per_run(import_all, data_dir):
    import_all("seattle-uof", data_dir / "seattle")
    events = AuditEvent.objects.filter(action="import-run-finished")
    assert events.count() == 2
    assert {event.data["kind"] for event in events} == {
        "seattle-uof:force",
        "seattle-uof:shootings",
    }


def test_limit_then_resume_continues_from_the_cursor(db, data_dir, tmp_path):
    path = data_dir / "seattle" / "Use_Of_Force_sample.csv"
    rejects = tmp_path / "rejects.csv"
    first = run_import(SeattleForceImporter(), path, rejects_path=rejects, limit=3)
    assert first.status == ImportRun.Status.INTERRUPTED
    assert first.cursor == 3
    assert UseOfForceReport.objects.count() == 2
    second = run_import(SeattleForceImporter(), path, rejects_path=rejects)
    assert second.pk == first.pk
    assert second.status == ImportRun.Status.COMPLETED
    assert second.cursor == 7
    assert UseOfForceReport.objects.count() == 3
    lines = [row[0] for row in csv.reader(rejects.open(encoding="utf-8"))][1:]
    assert lines == ["5", "6", "7"]  # each refused row written once across both runs


class Crash(Exception):
    pass


def test_crash_mid_import_leaves_whole_batches_and_resumes(db, data_dir, tmp_path, monkeypatch):
    path = data_dir / "seattle" / "Use_Of_Force_sample.csv"
    importer = SeattleForceImporter()
    importer.batch_size = 2
    real_write = SeattleForceImporter.write
    calls = {"n": 0}

    def failing_write(self: Any, items: Any) -> Any:
        calls["n"] += 1
        result = real_write(self, items)
        if calls["n"] == 2:
            raise Crash("power cut")  # after writing, before the batch commits
        return result

    monkeypatch.setattr(SeattleForceImporter, "write", failing_write)
    with pytest.raises(Crash):
        run_import(importer, path, rejects_path=tmp_path / "r.csv")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "power cut" in run.error
    assert run.cursor == 2
    # The first batch (incident 101, both officers) is whole; the second left nothing.
    assert list(UseOfForceReport.objects.values_list("report_number", flat=True)) == ["101"]
    assert ForceReportOfficer.objects.count() == 2
    monkeypatch.setattr(SeattleForceImporter, "write", real_write)
    resumed = run_import(SeattleForceImporter(), path, rejects_path=tmp_path / "r.csv")
    assert resumed.pk == run.pk
    assert resumed.status == ImportRun.Status.COMPLETED
    assert UseOfForceReport.objects.count() == 3


def test_ctrl_c_marks_the_run_interrupted(db, data_dir, tmp_path, monkeypatch):
    path = data_dir / "seattle" / "Use_Of_Force_sample.csv"

    def interrupted(self: Any, items: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(SeattleForceImporter, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_import(SeattleForceImporter(), path, rejects_path=tmp_path / "r.csv")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.INTERRUPTED
    assert run.cursor == 0
    assert UseOfForceReport.objects.count() == 0


def test_an_import_leaves_the_garbage_collector_as_it_found_it(db, data_dir, tmp_path, monkeypatch):
    # The heap is frozen while an import runs (see run_import), and thawed however it ends.
    path = data_dir / "seattle" / "Use_Of_Force_sample.csv"
    frozen_during: list[int] = []
    real_write = SeattleForceImporter.write

    def watched(self: Any, items: Any) -> Any:
        frozen_during.append(gc.get_freeze_count())
        return real_write(self, items)

    monkeypatch.setattr(SeattleForceImporter, "write", watched)
    before = gc.get_freeze_count()
    run_import(SeattleForceImporter(), path, rejects_path=tmp_path / "r.csv")
    assert frozen_during
    assert all(count > 0 for count in frozen_during)
    assert gc.get_freeze_count() == before

    def broken(self: Any, items: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(SeattleForceImporter, "write", broken)
    with pytest.raises(RuntimeError):
        run_import(SeattleForceImporter(), path, rejects_path=tmp_path / "r2.csv")
    assert gc.get_freeze_count() == before


def test_gzipped_files_import_the_same(db, data_dir, tmp_path):
    source = data_dir / "seattle" / "Use_Of_Force_sample.csv"
    zipped = tmp_path / "Use_Of_Force_sample.csv.gz"
    with source.open("rb") as plain, gzip.open(zipped, "wb") as packed:
        shutil.copyfileobj(plain, packed)
    run = run_import(SeattleForceImporter(), zipped, rejects_path=tmp_path / "r.csv")
    assert run.created == 3
    assert run.rejected == 3


def test_wapo_links_several_agencies_and_refuses_unknown_ones(import_all, data_dir):
    agencies, shootings = import_all("wapo", data_dir / "wapo")
    assert agencies.created == 3
    names = set(Agency.objects.values_list("name", flat=True))
    assert "Jefferson County Sheriff's Office (CO)" in names  # same name in two states
    joint = OfficerInvolvedShooting.objects.get(import_key="11")
    assert joint.agency.slug == "wapo-2"
    assert [a.slug for a in joint.other_agencies.all()] == ["wapo-3"]
    assert joint.subject_race == "White, Black"
    assert joint.body_camera is True
    assert joint.subject_age is None
    reasons = [row[1] for row in _rejects(shootings)]
    assert reasons == [
        "agency id 99 is not in the agencies file",
        "agency_ids is empty",
        "date '2018-13-08' is not a date",
    ] or sorted(reasons) == sorted(
        [
            "agency id 99 is not in the agencies file",
            "agency_ids is empty",
            "date '2018-13-08' is not a date",
        ]
    )


def test_nypd_links_renumbered_snapshot_by_name_and_badge(import_all, data_dir):
    import_all("nypd-ccrb", data_dir / "nypd")
    accardi = OfficerSourceLink.objects.get(source="nypd-ccrb:2021-03-20", source_key="000002")
    renumbered = OfficerSourceLink.objects.get(source="nypd-ccrb:2022-02-08", source_key="000001")
    assert renumbered.officer_id == accardi.officer_id
    assert renumbered.evidence["matched"] == "nypd-ccrb:2021-03-20:000002"
    assert "badge_number" in renumbered.evidence["on"]
    # Same id in the new snapshot, but a different person: never matched on id.
    newman = OfficerSourceLink.objects.get(source="nypd-ccrb:2022-02-08", source_key="000007")
    assert newman.officer.last_name == "Newman"
    assert Officer.objects.count() == 4
    assert set(accardi.officer.names.values_list("last_name", flat=True)) == {"Accardi", "ACCARDI"}


def test_nypd_discipline_only_where_substantiated(import_all, data_dir):
    runs = {run.kind: run for run in import_all("nypd-ccrb", data_dir / "nypd")}
    complaints = runs["nypd-ccrb:complaints-2021-03-20_sample_active_complaint"]
    force = Allegation.objects.get(description="Physical force")
    assert force.final_finding == Finding.SUSTAINED
    assert force.category.slug == "excessive-force"
    assert force.discipline.get().imposed == "Forfeit vacation 5 day(s)"
    assert force.discipline.get().recommended == "Command Discipline A"
    race = Allegation.objects.get(description="Race")
    assert race.final_finding == Finding.NOT_SUSTAINED
    assert race.category.slug == "bias-based-policing"
    assert not race.discipline.exists()  # the repeated NYPD penalty is not this allegation's
    assert Allegation.objects.filter(category__name="Abuse of authority").count() == 1
    assert complaints.skipped == 1  # the duplicated row
    reasons = [row[1] for row in _rejects(complaints)]
    assert "officer_id 777777 is not in the 2021 officer files" in reasons
    assert "expected 8 columns, found 5" in reasons


def test_cpdp_bundle(import_all, data_dir):
    runs = {
        run.kind.split(":")[1].split("_")[0]: run for run in import_all("cpdp", data_dir / "cpdp")
    }
    complaints = Complaint.objects.order_by("number")
    assert [c.number for c in complaints] == ["1000001", "1000002", "1000003"]
    assert complaints[1].source == Complaint.Source.INTERNAL
    assert complaints[1].received_on.isoformat() == "2006-09-27"  # mixed date formats
    assert complaints[1].closed_on is None  # literal NULL
    assert complaints[2].source == Complaint.Source.ANONYMOUS
    refused = {row[1] for row in _rejects(runs["complaints-complaints"])}
    assert refused == {"cr_id is empty", "incident_date '1901-01-05' is outside 1950 to today"}
    # Placeholder officers ("UNKNOWN") keep their allegations but name no officer.
    placeholder = Allegation.objects.filter(complaint__number="1000002")
    assert placeholder.count() == 2
    assert not placeholder.exclude(officer=None).exists()
    assert {a.final_finding for a in placeholder} == {Finding.NOT_SUSTAINED, Finding.EXONERATED}
    sustained = Allegation.objects.get(import_key__endswith=":1")
    assert sustained.final_finding == Finding.SUSTAINED
    assert sustained.discipline.get().imposed == "005 - 5 SUSPENSION"
    assert sustained.category.slug == "excessive-force"
    assert Allegation.objects.get(import_key__endswith=":2").final_finding == "not_sustained"
    assert "cr_id 9999999 is not in the complaints file" in {
        row[1] for row in _rejects(runs["complaints-accused"])
    }
    # The same officer in the complaints and TRR files, matched on name and date appointed.
    doe = Officer.objects.get(last_name="Doe")
    assert doe.source_links.count() == 3  # accused, TRR officers, unit history
    assert doe.force_roles.get().report.report_number == "4"
    report = UseOfForceReport.objects.get(report_number="4")
    assert report.force_types == ["take down/emergency handcuffing", "verbal commands"]
    assert report.subject_resistance == ["active resister"]
    assert report.unit.name == "13"
    assert UseOfForceReport.objects.get(report_number="5").force_types == ["firearm", "taser"]
    assert UseOfForceReport.objects.get(report_number="5").officer_injured is True
    assert "trr_id 88 is not in the TRR main file" in {
        row[1] for row in _rejects(runs["TRR-actions-responses"])
    }


def test_mapping_import(import_all, data_dir):
    (run,) = import_all(
        "csv", data_dir / "mapped_export.csv", mapping=data_dir / "mapping-example.yaml"
    )
    assert run.created == 2
    first = UseOfForceReport.objects.get(report_number="UF2019-1")
    assert first.agency.slug == "example-pd"
    assert first.force_types == ["takedown", "grab", "taser display"]  # merged across rows
    assert first.camera_status == "recorded"
    local = first.occurred_at.astimezone(ZoneInfo("America/Chicago"))
    assert (local.hour, local.minute) == (22, 34)
    assert first.involved.count() == 2
    assert first.unit.name == "SOUTHEAST"
    second = UseOfForceReport.objects.get(report_number="UF2019-2")
    assert second.force_types == []
    assert second.subject_injured is True
    assert not second.involved.exists()  # a NULL badge names no officer
    reasons = {row[1] for row in _rejects(run)}
    assert reasons == {
        "occurred_at '31/12/2019 10:00 PM' is not a date and time",
        "the incident id (FILENUM) is empty",
    }
    again = import_all(
        "csv", data_dir / "mapped_export.csv", mapping=data_dir / "mapping-example.yaml"
    )
    assert again[0].created == 0
    assert ForceSubject.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("target: complaint", "only 'target: force_report'"),
        ("agency: {slug: x}", "'agency' needs"),
        ("agency: {slug: x, name: X}\nsource: s\nfields: {report_number: A}", "'occurred_at'"),
        ("agency: {slug: x, name: X}\nsource: s\nfields: {colour: A}", "unknown fields"),
        ("[unclosed", "cannot read"),
    ],
)
def test_bad_mapping_files_are_explained(tmp_path, text, message):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(ImportPlanError, match=message):
        import_plan("csv", tmp_path, mapping=mapping)


def test_unknown_dataset_and_missing_path(tmp_path):
    with pytest.raises(ImportPlanError, match="unknown dataset"):
        import_plan("lapd", tmp_path)
    with pytest.raises(ImportPlanError, match="does not exist"):
        import_plan("wapo", tmp_path / "nowhere")
    with pytest.raises(ImportPlanError, match="no wapo file"):
        import_plan("wapo", tmp_path)


@pytest.mark.parametrize(
    ("raw", "finding"),
    [
        ("NOT SUSTAINED", Finding.NOT_SUSTAINED),
        ("Not Sustained", Finding.NOT_SUSTAINED),
        ("Substantiated (Charges)", Finding.SUSTAINED),
        ("Unsubstantiated", Finding.NOT_SUSTAINED),
        ("NO AFFIDAVIT", Finding.CLOSED),
        ("NULL", None),
    ],
)
def test_findings_in_any_case(raw, finding):
    assert finding_for(raw) == finding


def test_bom_and_spaced_headers_are_normalised(db, tmp_path):
    path = tmp_path / "Use_Of_Force_bom.csv"
    path.write_bytes(
        "\ufeff ID,Incident_Num,  Incident_Type,Occured_date_time,Precinct,Sector,Beat,"
        "Officer_ID,Subject_ID,Subject_Race,Subject_Gender\n"
        "A,1,Level 1 - Use of Force,2015-01-01 10:00:00,East,,,5,6,,\n".encode()
    )
    run = run_import(SeattleForceImporter(), path, rejects_path=tmp_path / "r.csv")
    assert run.created == 1
    assert run.rejected == 0


def test_parse_datetime_keeps_local_time():
    moment = parse_datetime("06/07/2014 01:09:00 PM")
    assert moment is not None
    assert (moment.hour, moment.minute) == (13, 9)


def test_report_needs_existing_file(tmp_path: Path):
    with pytest.raises(ImportPlanError):
        import_plan("seattle-uof", tmp_path / "x.csv")


def test_cpdp_unit_history_gives_assignments_and_badges(import_all, data_dir):
    import_all("cpdp", data_dir / "cpdp")
    doe = Officer.objects.get(last_name="Doe")
    assignments = list(doe.assignments.order_by("started_on").values_list("unit__name", "ended_on"))
    assert [unit for unit, _ in assignments] == ["19", "13"]
    assert assignments[1][1] is None  # current
    badges = set(doe.names.values_list("badge_number", flat=True))
    assert {"1234", "5678"} <= badges
    again = import_all("cpdp", data_dir / "cpdp")
    assert doe.assignments.count() == 2
    assert all(run.created == 0 for run in again if "unit-history" in run.kind)


def test_cpdp_importing_again_reports_nothing_created(import_all, data_dir):
    first = import_all("cpdp", data_dir / "cpdp")
    links = ForceReportOfficer.objects.count()
    again = import_all("cpdp", data_dir / "cpdp")
    assert ForceReportOfficer.objects.count() == links
    assert [(run.kind, run.created) for run in again if run.created] == []
    # What was created the first time is skipped the second, row for row.
    created = {run.kind: run.created for run in first}
    for run in again:
        if "TRR-officers" in run.kind:
            assert run.skipped >= created[run.kind] > 0
