"""Bounded imports of the real public datasets, checking their known traps.

Skipped when the shared datasets folder is absent. Each file is read only up to a few thousand
rows so the suite stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_dir
from upstander.records.models import (
    Allegation,
    Finding,
    ImportRun,
    OfficerInvolvedShooting,
    OfficerSourceLink,
    UseOfForceReport,
)

SHARED = shared_dir()
DATASETS = SHARED / "datasets" if SHARED else None
pytestmark = [
    pytest.mark.datasets,
    pytest.mark.django_db,
    pytest.mark.skipif(
        DATASETS is None or not DATASETS.is_dir(), reason="shared datasets are absent"
    ),
]


def _folder(name: str) -> Path:
    assert DATASETS is not None
    return DATASETS / name


def test_seattle_real(import_all: Any):
    runs = {
        r.kind: r
        for r in import_all("seattle-uof", _folder("seattle_spd_use_of_force"), limit=2000)
    }
    force = runs["seattle-uof:force"]
    assert force.cursor == 2000
    assert force.rejected == 0
    shootings = runs["seattle-uof:shootings"]
    assert shootings.status == ImportRun.Status.COMPLETED
    assert OfficerInvolvedShooting.objects.filter(summary__contains="\n").exists()


def test_wapo_real(import_all: Any):
    agencies, _shootings = import_all("wapo", _folder("wapo_fatal_police_shootings_v2"), limit=4000)
    assert agencies.status == ImportRun.Status.COMPLETED
    assert agencies.created == 3681
    assert OfficerInvolvedShooting.objects.filter(other_agencies__isnull=False).exists()
    assert OfficerInvolvedShooting.objects.filter(body_camera=True).exists()


def test_nypd_real_renumbered_ids(import_all: Any):
    import_all("nypd-ccrb", _folder("nypd_ccrb_mos_chatnoir"), limit=300)
    old = OfficerSourceLink.objects.get(source="nypd-ccrb:2021-03-20", source_key="000002")
    new = OfficerSourceLink.objects.get(source="nypd-ccrb:2022-02-08", source_key="000001")
    assert old.officer_id == new.officer_id  # Accardi, renumbered
    assert old.officer.last_name == "Accardi"


def test_cpdp_real_traps(import_all: Any):
    runs = import_all("cpdp", _folder("chicago_cpdp"), limit=1500)
    assert all(run.cursor == 1500 or run.status == ImportRun.Status.COMPLETED for run in runs)
    recorded = set(Allegation.objects.values_list("finding_as_recorded", flat=True))
    findings = set(Allegation.objects.values_list("final_finding", flat=True))
    assert findings <= set(Finding.values)
    if {"NOT SUSTAINED", "Not Sustained"} <= recorded:
        mixed = Allegation.objects.filter(
            finding_as_recorded__in=["NOT SUSTAINED", "Not Sustained"]
        )
        assert set(mixed.values_list("final_finding", flat=True)) == {Finding.NOT_SUSTAINED}
    # The placeholder officer id never becomes one officer with thousands of complaints.
    busiest = max((o.allegations.count() for o in _officers_with_allegations()), default=0)
    assert busiest < 100
    assert Allegation.objects.filter(officer=None).exists()
    assert UseOfForceReport.objects.exclude(force_types=[]).exists()


def _officers_with_allegations() -> list[Any]:
    from upstander.records.models import Officer

    return list(Officer.objects.filter(allegations__isnull=False).distinct()[:500])


def test_dallas_null_literals_through_a_mapping(import_all: Any, data_dir: Path):
    path = (
        _folder("pdi_uof_multicity_hrf") / "dallas_r2r" / "Police_Response_to_Resistance_2019.csv"
    )
    (run,) = import_all("csv", path, mapping=data_dir / "dallas-r2r-2019.yaml", limit=1500)
    assert run.cursor == 1500
    assert run.rejected < 15
    assert not UseOfForceReport.objects.filter(force_types__icontains="NULL").exists()
    again = import_all("csv", path, mapping=data_dir / "dallas-r2r-2019.yaml", limit=1500)
    assert again[0].created == 0 or again[0].cursor > 1500


def test_south_bend_byte_order_mark(import_all: Any, data_dir: Path):
    path = _folder("pdi_uof_multicity_hrf") / "south_bend_uof" / "Police_Use_of_Force_Incidents.csv"
    (run,) = import_all("csv", path, mapping=data_dir / "south-bend-uof.yaml")
    assert run.status == ImportRun.Status.COMPLETED
    assert run.created > 150
    assert run.rejected == 0
