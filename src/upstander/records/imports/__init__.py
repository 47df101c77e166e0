"""Imports of public accountability datasets, and of any CSV through a mapping file.

A bundle folder is imported file by file in an order where the files others refer to come
first: for Chicago (CPDP) the rosters (which create the officers the other files join), then
the complaints (including CLEAR's), the accused, the people on complaints, the TRR reports and
their members, then everything hanging off a report; salaries and awards need only officers.
For NYPD the officer snapshots come before the complaint files, and the CCRB penalties table
(discipline on substantiated allegations) after them.
"""

from __future__ import annotations

import re
from pathlib import Path

from upstander.records.imports.base import Importer, RowError, run_import
from upstander.records.imports.cpdp import (
    CpdpAccusedImporter,
    CpdpAssignmentImporter,
    CpdpComplaintImporter,
    CpdpForceActionImporter,
    CpdpForceOfficerImporter,
    CpdpForceReportImporter,
)
from upstander.records.imports.cpdp_complaint_parties import (
    ROLES,
    CpdpClearComplaintImporter,
    CpdpComplaintPartyImporter,
)
from upstander.records.imports.cpdp_force_extra import (
    CpdpForceDischargeImporter,
    CpdpForceReviewImporter,
    CpdpForceSubjectImporter,
    CpdpSubjectWeaponImporter,
)
from upstander.records.imports.cpdp_people import (
    CpdpAwardImporter,
    CpdpRosterImporter,
    CpdpSalaryImporter,
)
from upstander.records.imports.mapping import MappingError, MappingImporter, mapping_load
from upstander.records.imports.nypd_ccrb import NypdComplaintImporter, NypdOfficerImporter
from upstander.records.imports.nypd_penalties import NypdPenaltyImporter
from upstander.records.imports.seattle import SeattleForceImporter, SeattleShootingImporter
from upstander.records.imports.wapo import WapoAgencyImporter, WapoShootingImporter

__all__ = ["DATASETS", "ImportPlanError", "RowError", "import_plan", "run_import"]

DATASETS = ("cpdp", "nypd-ccrb", "seattle-uof", "wapo", "csv")


class ImportPlanError(ValueError):
    """Nothing importable at the given path; the message says what was expected."""


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and ".csv" in p.name)
    return [path]


def _cpdp(name: str) -> Importer | None:
    """The importer for one CPDP export file, chosen by its name; None for unsupported files."""
    if "_profiles" in name:
        return None
    label = name.split(".csv")[0]
    label = re.sub(r"_p\d+$", "", label)[:50]
    if name.startswith(("roster_", "roster-inactive_")):
        return CpdpRosterImporter(label)
    if name.startswith("complaints-complaints-clear_"):
        return CpdpClearComplaintImporter(label)
    if name.startswith("complaints-complaints_"):
        return CpdpComplaintImporter(label)
    if name.startswith("complaints-accused_"):
        return CpdpAccusedImporter(label)
    for prefix, role in ROLES.items():
        if name.startswith(prefix):
            return CpdpComplaintPartyImporter(label, role)
    if name.startswith("TRR-main_"):
        return CpdpForceReportImporter(label)
    if name.startswith("TRR-officers_"):
        return CpdpForceOfficerImporter(label)
    if name.startswith("TRR-actions-responses_"):
        return CpdpForceActionImporter(label)
    if name.startswith("TRR-subjects_"):
        return CpdpForceSubjectImporter(label)
    if name.startswith("TRR-subject-weapons_"):
        return CpdpSubjectWeaponImporter(label)
    if name.startswith("TRR-weapon-discharges_"):
        return CpdpForceDischargeImporter(label)
    if name.startswith("TRR-statuses_"):
        return CpdpForceReviewImporter(label)
    if name.startswith("unit-history_"):
        return CpdpAssignmentImporter(label)
    if name.startswith("salary_"):
        return CpdpSalaryImporter(label)
    if name.startswith("awards_"):
        return CpdpAwardImporter(label)
    return None


# Files that must come first in a bundle: what later files refer to. Rosters are read oldest
# first, so the newest roster's rank, unit and separation date are the ones kept. The 2000-2023
# complaints come before the 1967-1999 ones: 1,537 complaints of the turn of 2000 are in both,
# and the newer export's record (beat, investigating agency, complainant type) is the one kept.
CPDP_ORDER = [
    "roster_",
    "roster-inactive_",
    "complaints-complaints_2",
    "complaints-complaints_",
    "complaints-complaints-clear_",
    "complaints-accused_",
    "complaints-",
    "TRR-main_",
    "TRR-officers_",
    "TRR-",
]


def _nypd(name: str) -> Importer | None:
    snapshot = name[:10]
    if name.endswith("_officer.csv"):
        return NypdOfficerImporter(snapshot, header=False)
    if name.endswith("_officers.csv"):
        return NypdOfficerImporter(snapshot, header=True)
    if name.endswith("_complaint.csv"):
        return NypdComplaintImporter(name.removesuffix(".csv"))
    if "penalties" in name:
        return NypdPenaltyImporter()
    return None


def _nypd_rank(name: str) -> int:
    """Officers, then complaints, then penalties on the complaints' allegations."""
    if "penalties" in name:
        return 2
    return 1 if "complaint.csv" in name else 0


def _rank(name: str, order: list[str]) -> int:
    return next((i for i, prefix in enumerate(order) if name.startswith(prefix)), len(order))


def import_plan(
    dataset: str, path: Path, *, mapping: Path | None = None
) -> tuple[list[tuple[Importer, Path]], list[Path]]:
    """The importers to run, in order, for a file or bundle folder; and the files left out."""
    if not path.exists():
        raise ImportPlanError(f"{path} does not exist")
    files = _files(path)
    plan: list[tuple[Importer, Path]] = []
    left_out: list[Path] = []
    if dataset == "csv":
        if mapping is None:
            raise ImportPlanError("a csv import needs --mapping FILE (YAML)")
        try:
            loaded = mapping_load(mapping)
        except MappingError as exc:
            raise ImportPlanError(str(exc)) from exc
        return [(MappingImporter(loaded), f) for f in files], []
    if dataset == "cpdp":
        files.sort(key=lambda f: (_rank(f.name, CPDP_ORDER), f.name))
        choose = _cpdp
    elif dataset == "nypd-ccrb":
        files.sort(key=lambda f: (_nypd_rank(f.name), f.name))
        choose = _nypd
    elif dataset == "seattle-uof":

        def choose(name: str) -> Importer | None:
            if "Officer_Involved_Shooting" in name or "_OIS" in name:
                return SeattleShootingImporter()
            return SeattleForceImporter() if "Use_Of_Force" in name else None

    elif dataset == "wapo":
        files.sort(key=lambda f: ("agencies" not in f.name, f.name))

        def choose(name: str) -> Importer | None:
            if "agencies" in name:
                return WapoAgencyImporter()
            return WapoShootingImporter() if "shootings" in name else None

    else:
        raise ImportPlanError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    for file in files:
        importer = choose(file.name)
        if importer is None:
            left_out.append(file)
        else:
            plan.append((importer, file))
    if not plan:
        raise ImportPlanError(f"no {dataset} file found at {path}")
    return plan, left_out
