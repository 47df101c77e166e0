"""Fixtures for the records tests: the sample files and a helper running a whole plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "records"


@pytest.fixture
def data_dir() -> Path:
    """The folder of small sample files written for these tests."""
    return DATA


@pytest.fixture
def import_all(db: Any, tmp_path: Path) -> Callable[..., list[Any]]:
    """Run every importer of a dataset over a path; returns the import runs."""
    from upstander.records.imports import import_plan, run_import

    def run(dataset: str, path: Path, **options: Any) -> list[Any]:
        mapping = options.pop("mapping", None)
        plan, _ = import_plan(dataset, path, mapping=mapping)
        return [
            run_import(
                importer,
                file,
                rejects_path=tmp_path / f"{importer.kind.replace(':', '-')}-rejects.csv",
                **options,
            )
            for importer, file in plan
        ]

    return run
