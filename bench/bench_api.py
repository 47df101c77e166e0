"""API latency on PostgreSQL with generated records, against the same queries run directly.

Usage: ``python bench/bench_api.py [--reports 1000000] [--officers 50000] [--clients 20]
[--requests 2000] [--processes N] [--keep] [--reuse]``. It makes its own database on the
PostgreSQL server named by ``BENCH_POSTGRES_URL`` (default: the local trust-auth server),
generates the records with ``generate_series`` (reports spread over 50 units and ten years, one
officer who used force on each and a witness on every third), starts the real server
(``upstander serve``, one process per CPU core unless ``--processes`` says otherwise) and, from
a second process, sends requests from ``--clients`` concurrent keep-alive connections on
loopback, driven by one thread with a selector so the load takes little CPU from the server, to
two endpoints: an officer's profile and a filtered incident list (one unit, one quarter, a page
of 50 with its total). It prints p50/p95/p99 and compares p95 with the same SQL run directly
through psycopg (the page query and its count, or the profile's queries), sequentially.
Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "upstander_bench_api"
TARGET_P95_MS = 100.0
UNITS = 50


def database_url() -> str:
    return POSTGRES.rsplit("/", 1)[0] + f"/{BENCH_DB}"


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(),
        UPSTANDER_DATA_DIR=str(work),
        UPSTANDER_SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="upstander.settings",
    )
    env.pop("UPSTANDER_TESTING", None)
    return env


GENERATE = [
    "INSERT INTO records_agency (name, slug, state, kind) VALUES "
    "('Bench City Police Department', 'bench-city', 'IL', 'municipal')",
    "INSERT INTO records_unit (agency_id, name) SELECT a.id, 'Unit ' || g "
    "FROM records_agency a, generate_series(1, {units}) g",
    "INSERT INTO records_officer (agency_id, unit_id, first_name, last_name, badge_number, rank, "
    "gender, race) SELECT a.id, (SELECT min(id) FROM records_unit) + (g % {units}), "
    "'First' || g, 'Last' || g, g::text, 'Officer', '', '' "
    "FROM records_agency a, generate_series(1, {officers}) g",
    "INSERT INTO records_useofforcereport (agency_id, unit_id, report_number, occurred_at, "
    "location, beat, call_type, narrative, force_types, force_level, subject_resistance, "
    "weapons, subject_injured, injuries, camera_status, import_source, import_key) "
    "SELECT a.id, (SELECT min(id) FROM records_unit) + (g % {units}), 'R' || g, "
    "timestamptz '2015-01-01' + (g::double precision / {reports}) * interval '3650 days', "
    "'', '', 'Disturbance', '', "
    "CASE g % 3 WHEN 0 THEN '[\"taser\"]' WHEN 1 THEN '[\"takedown\"]' "
    "ELSE '[\"verbal commands\"]' END::jsonb, 'Level ' || (1 + g % 3), '[]', '[]', "
    "g % 7 = 0, '', 'unknown', '', '' FROM records_agency a, generate_series(1, {reports}) g",
    "INSERT INTO records_forcereportofficer (report_id, officer_id, role) "
    "SELECT r.id, (SELECT min(id) FROM records_officer) + (r.id * 7919) % {officers}, "
    "'used_force' FROM records_useofforcereport r",
    "INSERT INTO records_forcereportofficer (report_id, officer_id, role) "
    "SELECT r.id, (SELECT min(id) FROM records_officer) + (r.id * 104729) % {officers}, "
    "'witnessed' FROM records_useofforcereport r WHERE r.id % 3 = 0 "
    "ON CONFLICT DO NOTHING",
    "ANALYZE",
]


def _existing_counts() -> tuple[int, int] | None:
    """Reports and officers in a benchmark database kept by an earlier run, if there is one."""
    import psycopg

    try:
        with psycopg.connect(database_url(), autocommit=True) as connection:
            row = connection.execute(
                "SELECT (SELECT count(*) FROM records_useofforcereport), "
                "(SELECT count(*) FROM records_officer)"
            ).fetchone()
    except psycopg.Error:
        return None
    return (int(row[0]), int(row[1])) if row else None


def prepare(
    work: Path, reports: int, officers: int, reuse: bool = False
) -> tuple[str, list[int], list[int]]:
    """Make, migrate and fill the database; returns a session cookie, officer and unit ids.

    With ``reuse``, a database of the same size kept by an earlier run (``--keep``) is used as
    it is.
    """
    import psycopg

    env = environment(work)
    if reuse and _existing_counts() == (reports, officers):
        print(f"reusing {reports} reports, {officers} officers")
        # Tables added since the database was made (none have data the benchmark reads).
        subprocess.run(
            [sys.executable, "-m", "upstander", "migrate"], env=env, check=True, capture_output=True
        )
    else:
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {BENCH_DB}")
        subprocess.run(
            [sys.executable, "-m", "upstander", "migrate"], env=env, check=True, capture_output=True
        )
        started = time.perf_counter()
        with psycopg.connect(database_url(), autocommit=True) as connection:
            for statement in GENERATE:
                connection.execute(
                    statement.format(units=UNITS, officers=officers, reports=reports).encode()
                )
        elapsed = time.perf_counter() - started
        print(f"generated {reports} reports, {officers} officers in {elapsed:.0f} s")
    with psycopg.connect(database_url(), autocommit=True) as connection:
        officer_ids = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM records_officer ORDER BY random() LIMIT 500"
            )
        ]
        unit_ids = [row[0] for row in connection.execute("SELECT id FROM records_unit")]
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from upstander.accounts.roles import Role\n"
        "from upstander.accounts.services import roles_sync, user_create\n"
        "from django.contrib.auth import get_user_model\n"
        "roles_sync()\n"
        "user = get_user_model().objects.filter(username='bench').first() or user_create(\n"
        "    username='bench', password='bench-password-123', roles=[Role.INVESTIGATOR])\n"
        "client = Client()\n"
        "client.force_login(user)\n"
        "print(client.cookies['sessionid'].value)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1], officer_ids, unit_ids


def paths(officer_ids: list[int], unit_ids: list[int], count: int) -> dict[str, list[str]]:
    """The request paths for each endpoint, drawn with a fixed seed."""
    rng = random.Random(7)
    incident = []
    for _ in range(count):
        year = rng.randint(2015, 2024)
        quarter = rng.randint(0, 3)
        since = f"{year}-{1 + 3 * quarter:02d}-01"
        until = f"{year}-{3 + 3 * quarter:02d}-28"
        unit = rng.choice(unit_ids)
        incident.append(
            f"/api/v1/records/force-reports?agency=bench-city&unit={unit}"
            f"&since={since}&until={until}&limit=50"
        )
    profile = [f"/api/v1/records/officers/{rng.choice(officer_ids)}/profile" for _ in range(count)]
    return {"officer profile": profile, "incident list": incident}


def load(port: int, cookie: str, requests: list[str], clients: int) -> list[float]:
    """Send the requests from ``clients`` keep-alive connections; returns latencies in ms.

    One thread drives every connection through a selector, with each request encoded in
    advance, so the client side takes little CPU from the server it measures. A latency runs
    from sending a request to holding its whole response.
    """
    pending = [
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: sessionid={cookie}\r\n\r\n"
        ).encode()
        for path in requests
    ]
    pending.reverse()  # popped from the end, in the order given
    latencies: list[float] = []
    errors: list[str] = []
    chooser = selectors.DefaultSelector()

    def send(connection: _Connection) -> None:
        connection.request = pending.pop()
        connection.response = bytearray()
        connection.started = time.perf_counter()
        connection.sock.sendall(connection.request)

    for _ in range(min(clients, len(pending))):
        connection = _Connection(port)
        chooser.register(connection.sock, selectors.EVENT_READ, connection)
        send(connection)
    while chooser.get_map():
        for key, _ in chooser.select():
            connection = key.data
            chunk = connection.sock.recv(262144)
            if chunk:
                connection.response += chunk
            status, done = _response_complete(connection.response, closed=not chunk)
            if not done:
                continue
            latencies.append((time.perf_counter() - connection.started) * 1000)
            if status != 200:
                errors.append(f"{status} {connection.request.split(b' ')[1].decode()}")
            closing = not chunk or b"\r\nconnection: close" in connection.response[:4096].lower()
            if closing or not pending:
                chooser.unregister(connection.sock)
                connection.sock.close()
            if not pending:
                continue
            if closing:
                connection = _Connection(port)
                chooser.register(connection.sock, selectors.EVENT_READ, connection)
            send(connection)
    chooser.close()
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[0]}")
    return latencies


class _Connection:
    """A keep-alive connection to the server and the request in flight on it."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = b""
        self.response = bytearray()
        self.started = 0.0


def _response_complete(data: bytearray, *, closed: bool) -> tuple[int, bool]:
    """The status of the HTTP response in ``data`` and whether all of it has arrived."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        if closed:
            raise SystemExit("The server closed a connection before answering.")
        return 0, False
    head = bytes(data[:head_end]).decode("latin-1").lower().split("\r\n")
    status = int(head[0].split()[1])
    body = len(data) - head_end - 4
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name == "content-length":
            return status, body >= int(value)
        if name == "transfer-encoding" and "chunked" in value:
            return status, data.endswith(b"\r\n0\r\n\r\n")
    return status, closed  # no length: the body ends when the server closes


def _cpu_by_process(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user and system) used so far by each of these processes and their
    descendants that are still running (Linux /proc)."""
    used: dict[int, float] = {}
    todo = list(pids)
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    while todo:
        pid = todo.pop()
        if pid in used:
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            continue
    return used


def _cpu_since(before: dict[int, float], pids: list[int]) -> float:
    """CPU seconds used since ``before`` by the processes running now (new ones in full); what
    a process that has ended used is lost."""
    return sum(now - before.get(pid, 0.0) for pid, now in _cpu_by_process(pids).items())


def _database_backends() -> list[int]:
    """Process ids of the PostgreSQL backends serving the benchmark database (same machine)."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [BENCH_DB]
        ).fetchall()
    return [int(row[0]) for row in rows]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def direct_sql(officer_ids: list[int], unit_ids: list[int], count: int) -> dict[str, list[float]]:
    """The endpoints' essential queries run straight through psycopg, one after another."""
    import psycopg

    rng = random.Random(7)
    timings: dict[str, list[float]] = {"officer profile": [], "incident list": []}
    with psycopg.connect(database_url()) as connection:
        for _ in range(count):
            year, quarter = rng.randint(2015, 2024), rng.randint(0, 3)
            since = f"{year}-{1 + 3 * quarter:02d}-01"
            until = f"{year}-{3 + 3 * quarter:02d}-28"
            unit = rng.choice(unit_ids)
            started = time.perf_counter()
            where = (
                "FROM records_useofforcereport r JOIN records_agency a ON a.id = r.agency_id "
                "WHERE a.slug = 'bench-city' AND r.unit_id = %s AND r.occurred_at >= %s "
                "AND r.occurred_at < %s::date + 1"
            )
            connection.execute(f"SELECT count(*) {where}", [unit, since, until]).fetchall()
            connection.execute(
                f"SELECT r.*, a.name, u.name {where.replace('WHERE', 'LEFT JOIN records_unit u ON u.id = r.unit_id WHERE')} "  # noqa: E501
                "ORDER BY r.occurred_at DESC, r.id DESC LIMIT 50",
                [unit, since, until],
            ).fetchall()
            timings["incident list"].append((time.perf_counter() - started) * 1000)
        for _ in range(count):
            officer = rng.choice(officer_ids)
            started = time.perf_counter()
            connection.execute(
                "SELECT o.*, a.name, u.name FROM records_officer o JOIN records_agency a "
                "ON a.id = o.agency_id LEFT JOIN records_unit u ON u.id = o.unit_id "
                "WHERE o.id = %s",
                [officer],
            ).fetchall()
            connection.execute(
                "SELECT count(*) FROM records_forcereportofficer WHERE officer_id = %s", [officer]
            ).fetchall()
            connection.execute(
                "SELECT f.*, r.report_number, r.occurred_at FROM records_forcereportofficer f "
                "JOIN records_useofforcereport r ON r.id = f.report_id WHERE f.officer_id = %s "
                "ORDER BY r.occurred_at DESC LIMIT 25",
                [officer],
            ).fetchall()
            connection.execute(
                "SELECT count(*) FROM records_allegation WHERE officer_id = %s", [officer]
            ).fetchall()
            timings["officer profile"].append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Generate, serve, load and report; exit 1 when a p95 misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--officers", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="Server processes (default: one per CPU core).",
    )
    parser.add_argument("--threads", type=int, default=16, help="Threads per server process.")
    parser.add_argument("--port", type=int, default=0, help="Server port (default: a free one).")
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Use a database of the same size kept by an earlier --keep run instead of a new one.",
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    cookie, officer_ids, unit_ids = prepare(work, args.reports, args.officers, args.reuse)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "upstander",
            "serve",
            "--no-migrate",
            "--port",
            str(args.port),
            "--threads",
            str(args.threads),
            "--processes",
            str(args.processes),
        ],
        env=environment(work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failed = False
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/api/v1/health"
                )
                break
            except OSError:
                time.sleep(0.2)
        sql = direct_sql(officer_ids, unit_ids, min(args.requests, 500))
        print(
            f"server: {args.processes} processes x {args.threads} threads; "
            f"{args.clients} clients from a second process; {os.cpu_count()} CPU cores"
        )
        print(
            f"{'endpoint':<16} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
            f"{'SQL p95 ms':>10} {'ratio':>6}"
        )
        for name, requested in paths(officer_ids, unit_ids, args.requests).items():
            warm = requested[: args.clients * 2]
            load(args.port, cookie, warm, args.clients)
            # Where the CPU goes while it runs (server processes, database backends, load).
            backends = _database_backends()
            cpu_before = (
                _cpu_by_process([server.pid]),
                _cpu_by_process(backends),
                resource.getrusage(resource.RUSAGE_CHILDREN),
            )
            # The load runs in a second process, as a separate client would.
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--load-only",
                    str(args.port),
                    cookie,
                    str(args.clients),
                ],
                input=json.dumps(requested),
                capture_output=True,
                text=True,
                check=True,
            )
            latencies = json.loads(child.stdout)
            loader = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_ms = [
                _cpu_since(cpu_before[0], [server.pid]) * 1000 / len(latencies),
                # Backends opened during the load count from their start.
                _cpu_since(cpu_before[1], sorted({*backends, *_database_backends()}))
                * 1000
                / len(latencies),
                (
                    loader.ru_utime
                    + loader.ru_stime
                    - cpu_before[2].ru_utime
                    - cpu_before[2].ru_stime
                )
                * 1000
                / len(latencies),
            ]
            p95 = percentile(latencies, 0.95)
            sql_p95 = percentile(sql[name], 0.95)
            failed = failed or p95 >= TARGET_P95_MS
            # One client at a time too: the cost of a request without queueing behind others.
            alone = load(args.port, cookie, requested[:200], 1)
            alone_p95 = percentile(alone, 0.95)
            print(
                f"{name:<16} {len(latencies):>8} {statistics.median(latencies):>7.1f} "
                f"{p95:>7.1f} {percentile(latencies, 0.99):>7.1f} {sql_p95:>10.2f} "
                f"{p95 / sql_p95:>6.1f}   1 client: p50 {statistics.median(alone):.1f} "
                f"p95 {alone_p95:.1f} ms ({alone_p95 / sql_p95:.1f}x SQL)"
            )
            print(
                f"{'':<16} CPU ms per request under load: server {cpu_ms[0]:.1f}, "
                f"database {cpu_ms[1]:.1f}, load generator {cpu_ms[2]:.2f}"
            )
        print(f"target: p95 under {TARGET_P95_MS:.0f} ms with {args.clients} concurrent clients")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            import psycopg

            with psycopg.connect(POSTGRES, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--load-only":
        port, cookie, clients = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
        print(json.dumps(load(port, cookie, json.loads(sys.stdin.read()), clients)))
        raise SystemExit(0)
    raise SystemExit(main())
