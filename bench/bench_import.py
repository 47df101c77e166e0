"""Import throughput against a raw bulk insert of the same rows, on SQLite and PostgreSQL.

Usage: ``python bench/bench_import.py [--databases sqlite,postgresql] [--dataset seattle|trr]
[--bundle]``. For each database it makes a fresh, migrated database, then in the same run:
reads the file with the csv module and inserts every row's cells into a bare table with one
``executemany`` in one transaction (the raw baseline), and runs the real import of the same file
(parsing, validation, officer matching, several tables, batches with a resume cursor). It
prints rows per second for both and their ratio; the target is at least a third of raw speed.
``--bundle`` also times the import of the whole Chicago CPDP bundle (every supported file).
PostgreSQL is reached through ``BENCH_POSTGRES_URL`` (default: the local trust-auth server);
the benchmark creates and drops its own database there.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1 / 3
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "upstander_bench_import"


def datasets_dir() -> Path:
    """The shared datasets folder beside the checkout (or under UPSTANDER_SHARED_DIR)."""
    configured = os.environ.get("UPSTANDER_SHARED_DIR")
    shared = Path(configured) if configured else REPO_ROOT.parent / "shared"
    return shared / "datasets"


FILES = {
    "seattle": ("seattle_spd_use_of_force/Use_Of_Force_2021-06.csv", "seattle-uof"),
    "trr": ("chicago_cpdp/TRR-main_2004-2018_2018-08_p456008.csv.gz", "cpdp"),
}


def _fresh_postgres() -> str:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DB}")
    return POSTGRES.rsplit("/", 1)[0] + f"/{BENCH_DB}"


def _drop_postgres() -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _open_text(path: Path) -> io.TextIOWrapper:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def raw_insert(path: Path) -> int:
    """Read the CSV and insert every row's cells into a bare table; returns rows inserted."""
    from django.db import connection, transaction

    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader)
        width = len(header)
        rows = [row for row in reader if len(row) == width]
    columns = ", ".join(f"c{i} text" for i in range(width))
    placeholders = ", ".join(["%s"] * width)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_rows")
        cursor.execute(f"CREATE TABLE bench_raw_rows ({columns})")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO bench_raw_rows VALUES ({placeholders})", rows)  # noqa: S608
    return len(rows)


def real_import(dataset: str, path: Path, rejects: Path) -> int:
    """Run the real importer(s) for the file; returns data rows processed."""
    from upstander.records.imports import import_plan, run_import

    plan, _ = import_plan(dataset, path)
    rows = 0
    for importer, file in plan:
        run = run_import(importer, file, rejects_path=rejects / f"{importer.kind[:40]}.csv")
        rows += run.cursor
    return rows


def one_database(kind: str, dataset: str, bundle: bool) -> dict[str, object]:
    """Measure in this process against one fresh database (called in a child process)."""
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["UPSTANDER_DATA_DIR"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "upstander.settings"
    os.environ.setdefault("UPSTANDER_SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    if kind == "postgresql":
        os.environ["DATABASE_URL"] = _fresh_postgres()
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    relative, importer = FILES[dataset]
    path = datasets_dir() / relative
    started = time.perf_counter()
    raw_rows = raw_insert(path)
    raw_seconds = time.perf_counter() - started
    started = time.perf_counter()
    imported_rows = real_import(importer, path, work)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    real_import(importer, path, work)  # again: adds nothing
    rerun_seconds = time.perf_counter() - started
    result: dict[str, object] = {
        "database": kind,
        "file": path.name,
        "raw_rows": raw_rows,
        "raw_rows_per_s": round(raw_rows / raw_seconds),
        "import_rows": imported_rows,
        "import_rows_per_s": round(imported_rows / import_seconds),
        "ratio": round((imported_rows / import_seconds) / (raw_rows / raw_seconds), 3),
        "rerun_seconds": round(rerun_seconds, 1),
    }
    if bundle:
        started = time.perf_counter()
        result["bundle_rows"] = real_import("cpdp", datasets_dir() / "chicago_cpdp", work)
        result["bundle_seconds"] = round(time.perf_counter() - started, 1)
    from django.db import connections

    connections.close_all()
    if kind == "postgresql":
        _drop_postgres()
    return result


def main(argv: list[str] | None = None) -> int:
    """Run each database in its own process and print a table; exit 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--dataset", choices=sorted(FILES), default="seattle")
    parser.add_argument("--bundle", action="store_true", help="Also time the Chicago bundle.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_database(args.one, args.dataset, args.bundle)))
        return 0
    if not (datasets_dir() / FILES[args.dataset][0]).exists():
        print("The shared datasets are absent; nothing to measure.")
        return 0
    results = []
    for kind in args.databases.split(","):
        command = [sys.executable, __file__, "--one", kind, "--dataset", args.dataset]
        if args.bundle:
            command.append("--bundle")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{kind}: failed\n{done.stderr[-2000:]}")
            return 1
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'database':<11} {'rows':>8} {'raw rows/s':>11} {'import rows/s':>14} {'ratio':>6}")
    for r in results:
        print(
            f"{r['database']:<11} {r['import_rows']:>8} {r['raw_rows_per_s']:>11} "
            f"{r['import_rows_per_s']:>14} {r['ratio']:>6}  (re-run adding nothing: "
            f"{r['rerun_seconds']} s)"
        )
        if "bundle_seconds" in r:
            print(f"  Chicago bundle: {r['bundle_rows']} rows in {r['bundle_seconds']} s")
    below = [r for r in results if float(str(r["ratio"])) < TARGET_RATIO]
    print(f"target: import at least {TARGET_RATIO:.2f} of raw speed")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
