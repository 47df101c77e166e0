"""Imports of public accountability datasets, and of any CSV through a mapping file."""

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
from upstander.records.imports.mapping import MappingError, MappingImporter, mapping_load
from upstander.records.imports.nypd_ccrb import NypdComplaintImporter, NypdOfficerImporter
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
    if name.startswith("complaints-complaints_") and "clear" not in name:
        return CpdpComplaintImporter(label)
    if name.startswith("complaints-accused_"):
        return CpdpAccusedImporter(label)
    if name.startswith("TRR-main_"):
        return CpdpForceReportImporter(label)
    if name.startswith("TRR-officers_"):
        return CpdpForceOfficerImporter(label)
    if name.startswith("TRR-actions-responses_"):
        return CpdpForceActionImporter(label)
    if name.startswith("unit-history_"):
        return CpdpAssignmentImporter(label)
    return None


# Files that must come first in a bundle: what later files refer to.
CPDP_ORDER = ["complaints-complaints_", "complaints-accused_", "TRR-main_", "TRR-officers_", "TRR-"]


def _nypd(name: str) -> Importer | None:
    snapshot = name[:10]
    if name.endswith("_officer.csv"):
        return NypdOfficerImporter(snapshot, header=False)
    if name.endswith("_officers.csv"):
        return NypdOfficerImporter(snapshot, header=True)
    if name.endswith("_complaint.csv"):
        return NypdComplaintImporter(name.removesuffix(".csv"))
    return None


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
        files.sort(key=lambda f: ("complaint.csv" in f.name, f.name))
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
