"""List latency, queue claim latency and job create throughput at 100k and 1M jobs (issue 3).

    python bench/api_bench.py [--sizes 100000,1000000] [--backends sqlite,postgres] [--repeat 100]
                              [--creates 300] [--http] [--pg-url postgresql://postgres@127.0.0.1:5432/test]

Each (backend, size) gets a scratch database (a temporary SQLite file, or a new PostgreSQL database
created from --pg-url and dropped afterwards), migrated with the real migrations, then filled in
bulk: COPY on PostgreSQL, SQLAlchemy core executemany on SQLite. Then VACUUM ANALYZE / ANALYZE, as
autovacuum (or `PRAGMA optimize`) would have done on a live server.

The data looks like a busy server's: five projects (the one measured holds half the jobs), 85 %
extract and 15 % parse jobs, nearly all terminal (COMPLETED ≫ FAILED > CANCELLED) with a queue tail of
PENDING / THROTTLED / RUNNING jobs among the newest, created_at spread over 180 days, a few hot files
reused thousands of times (file_input drawn from a skewed pool) and 20 saved configurations.

Measured through the real service functions, one unit of work (session) per call as a request does:
  * `services.jobs.list_jobs` (page_size 50): first page, deep pages (following tokens 50 pages in),
    and filtered first pages (status, file_input, configuration_id, created_at range, combined);
  * `jobqueue.queue.claim` (each call claims one queued job);
  * `services.jobs.create` throughput, sequential, one commit per job;
  * with --http, the same list scenarios and creates through a real uvicorn server and httpx.

Runtime on the reference machine (2 cores, busy): 100k jobs take ~20 s per backend; 1M jobs take
~1 min on PostgreSQL (COPY: 36 s) and ~3.5 min on SQLite (executemany: 165 s); the full default run
(both sizes, both backends, --repeat 100) took 4 min 20 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from machine import describe
from scratch import scratch_database
from sqlalchemy import text

from assay import wire
from assay.config import Settings
from assay.jobqueue import queue
from assay.services import accounts, jobs
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.db import Database

PAGE_SIZE = 50
DEEP_PAGES = 50
PROJECT_WEIGHTS = (0.5, 0.2, 0.15, 0.1, 0.05)
FILES_PER_PROJECT = 5000
CONFIGS_PER_PROJECT = 20
SPAN = timedelta(days=180)
KEY = "llx-bench-" + "k" * 32
SCHEMA = {"type": "object", "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}}}
CONFIG_JSON = json.dumps({"data_schema": SCHEMA, "tier": "cost_effective", "extraction_target": "per_doc",
                          "cite_sources": False, "confidence_scores": False})
TERMINAL = (("COMPLETED", 0.93), ("FAILED", 0.05), ("CANCELLED", 0.02))


@dataclass
class World:
    principal: Principal
    projects: list[str]
    files: dict[str, list[str]]  # project → file ids, hottest first
    configs: dict[str, list[str]]
    now: datetime


# ---------------------------------------------------------------- loading


def setup_world(db: Database, now: datetime) -> World:
    with db.session() as session:
        accounts.bootstrap(session, first_key=KEY)
        main = accounts.default_project(session)
        projects = [main.id] + [accounts.create_project(session, f"project {i}").id
                                for i in range(1, len(PROJECT_WEIGHTS))]
        files: dict[str, list[str]] = {}
        configs: dict[str, list[str]] = {}
        for project in projects:
            files[project] = [tables.new_id("dfl") for _ in range(FILES_PER_PROJECT)]
            session.execute(tables.File.__table__.insert(), [
                {"id": f, "project_id": project, "name": f"invoice-{i}.pdf",
                 "name_key": tables.name_key(f"invoice-{i}.pdf"), "file_type": "pdf", "mime_type": "application/pdf",
                 "purpose": "extract", "size": 50_000, "sha256": "0" * 64, "page_count": 2, "blob_key": f"blobs/{f}",
                 "created_at": now - SPAN, "last_modified_at": now - SPAN}
                for i, f in enumerate(files[project])])
            configs[project] = [tables.new_id("cfg") for _ in range(CONFIGS_PER_PROJECT)]
            session.execute(tables.Configuration.__table__.insert(), [
                {"id": c, "project_id": project, "name": f"config {i}", "name_key": tables.name_key(f"config {i}"),
                 "product_type": "extract_v2", "parameters": {"data_schema": SCHEMA}, "version": "v1",
                 "created_at": now - SPAN, "updated_at": now - SPAN} for i, c in enumerate(configs[project])])
        principal = Principal(project_id=main.id, organization_id=main.organization_id, key_id=None)
    return World(principal, projects, files, configs, now)


def job_rows(world: World, size: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`size` jobs in creation order; the newest are the queue (PENDING, THROTTLED, RUNNING)."""
    rng = random.Random(seed)
    queued = max(200, size // 500)  # the backlog: 2,000 jobs at 1M
    start = world.now - SPAN
    step = SPAN / size
    terminal = [s for s, _ in TERMINAL]
    weights = [w for _, w in TERMINAL]
    for i in range(size):
        project = rng.choices(world.projects, PROJECT_WEIGHTS)[0]
        kind = "extract" if rng.random() < 0.85 else "parse"
        created = start + step * i
        tail = size - i
        lease = None
        if tail <= queued:
            status = "RUNNING" if tail % 100 == 0 else "THROTTLED" if tail % 10 == 0 and kind == "extract" \
                else "PENDING"
            if status == "RUNNING":  # a few abandoned leases among live ones
                lease = world.now + (timedelta(seconds=-60) if tail % 1000 == 0 else timedelta(days=1))
        else:
            status = rng.choices(terminal, weights)[0]
        pool = world.files[project]
        file_id = pool[int(len(pool) * rng.random() ** 3)]
        config_id = rng.choice(world.configs[project]) if kind == "extract" and rng.random() < 0.4 else None
        done = status in terminal
        yield {
            "id": tables.new_id("ext" if kind == "extract" else "pjb"), "kind": kind, "project_id": project,
            "status": status, "file_input": file_id, "document_input_type": "file_id", "file_id": file_id,
            "configuration": CONFIG_JSON, "configuration_id": config_id,
            "configuration_version": "v1" if config_id else None,
            "name": None, "user_metadata": None, "webhooks": "[]",
            "error_message": "The document could not be parsed." if status == "FAILED" else None,
            "result": json.dumps({"invoice_number": f"INV-{i:07d}", "total": round(rng.random() * 1e4, 2)})
            if status == "COMPLETED" else None,
            "extract_metadata": None,
            "usage": json.dumps({"num_pages_extracted": 2, "credits": 10.0}) if done else None,
            "created_at": created, "updated_at": created + timedelta(seconds=20),
            "started_at": created + timedelta(seconds=2) if done or status == "RUNNING" else None,
            "finished_at": created + timedelta(seconds=20) if done else None,
            "attempts": 1 if done or status == "RUNNING" else 0, "lease_owner": "w1" if lease else None,
            "lease_expires_at": lease, "lease_version": 1 if done or status == "RUNNING" else 0,
            "cancel_requested": status == "CANCELLED",
        }


COLUMNS = [c.name for c in tables.Job.__table__.columns]
JSON_COLUMNS = {"configuration", "webhooks", "result", "usage"}


def load_jobs(db: Database, world: World, size: int) -> None:
    rows = job_rows(world, size)
    if db.is_sqlite:
        insert = tables.Job.__table__.insert()
        batch: list[dict[str, Any]] = []
        with db.engine.begin() as conn:
            for row in rows:
                for c in JSON_COLUMNS:  # the JSON type serializes itself on this path
                    if row[c] is not None:
                        row[c] = json.loads(row[c])
                batch.append(row)
                if len(batch) == 20_000:
                    conn.execute(insert, batch)
                    batch = []
            if batch:
                conn.execute(insert, batch)
            conn.exec_driver_sql("ANALYZE")
        return
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(f"COPY jobs ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_naive(row[c]) for c in COLUMNS])
        raw.commit()
    finally:
        raw.close()
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE jobs")


def _naive(value: Any) -> Any:
    return value.astimezone(UTC).replace(tzinfo=None) if isinstance(value, datetime) else value


# ---------------------------------------------------------------- measuring


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm the plan cache and the pages
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def list_scenarios(world: World) -> dict[str, jobs.JobFilter]:
    project = world.principal.project_id
    now = world.now
    return {
        "first page": jobs.JobFilter(),
        "status=COMPLETED": jobs.JobFilter(status="COMPLETED"),
        "status=FAILED": jobs.JobFilter(status="FAILED"),
        "file_input=<hot file>": jobs.JobFilter(file_input=world.files[project][0]),
        "file_input=<typical file>": jobs.JobFilter(file_input=world.files[project][len(world.files[project]) // 3]),
        "configuration_id=": jobs.JobFilter(configuration_id=world.configs[project][3]),
        "created_at 1 week, 3 months ago": jobs.JobFilter(created_at_on_or_after=now - timedelta(days=97),
                                                          created_at_on_or_before=now - timedelta(days=90)),
        "status+configuration_id+created_at": jobs.JobFilter(
            status="COMPLETED", configuration_id=world.configs[project][3],
            created_at_on_or_after=now - timedelta(days=60)),
        "status+file_input": jobs.JobFilter(status="FAILED", file_input=world.files[project][0]),
    }


def service_list(db: Database, world: World, flt: jobs.JobFilter, token: str | None = None) -> jobs.JobPage:
    with db.session() as session:
        page = jobs.list_jobs(session, world.principal, flt, page_size=PAGE_SIZE, page_token=token)
        [wire.extract_job(j) for j in page.items]  # what the route does with them
        return page


def deep_walk(fetch: Callable[[str | None], str | None], walks: int) -> list[float]:
    """Per-page latency of pages 2..DEEP_PAGES, following tokens from the first page."""
    out = []
    for _ in range(walks):
        token = fetch(None)
        for _ in range(DEEP_PAGES - 1):
            t = time.perf_counter()
            token = fetch(token)
            out.append((time.perf_counter() - t) * 1000)
    return out


def measure_claims(db: Database, n: int) -> list[float]:
    settings = Settings(max_running_jobs_per_project=10**6, lease_seconds=3600)
    out = []
    for i in range(n):
        t = time.perf_counter()
        lease = queue.claim(db, settings, f"bench-{i}")
        out.append((time.perf_counter() - t) * 1000)
        if lease is None:
            break
    return out


def measure_creates(db: Database, world: World, n: int) -> float:
    project = world.principal.project_id
    t = time.perf_counter()
    for i in range(n):
        with db.session() as session:
            jobs.create(session, world.principal, file_input=world.files[project][i % 50],
                        configuration={"data_schema": SCHEMA} if i % 2 else None,
                        configuration_id=None if i % 2 else world.configs[project][i % 20], running_limit=10**6)
    return n / (time.perf_counter() - t)


@contextmanager
def live_server(url: str, tmp: str) -> Iterator[str]:
    import httpx
    import uvicorn

    from assay.api.app import create_app

    settings = Settings(home=Path(tmp), database_url=url, api_key=KEY)  # type: ignore[call-arg]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, workers=0), host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    httpx.get(base + "/health")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(30)


def http_params(flt: jobs.JobFilter) -> dict[str, str]:
    return {k: v.isoformat() if isinstance(v, datetime) else v
            for k in flt.__slots__ if (v := getattr(flt, k)) is not None}  # type: ignore[attr-defined]


def run_http(url: str, world: World, repeat: int, creates: int, row: Callable[..., None]) -> None:
    import httpx

    with tempfile.TemporaryDirectory() as tmp, live_server(url, tmp) as base, \
            httpx.Client(base_url=base, headers={"Authorization": f"Bearer {KEY}"}, timeout=60) as client:
        def get(params: dict[str, Any]) -> dict[str, Any]:
            response = client.get("/api/v2/extract", params={**params, "page_size": PAGE_SIZE})
            response.raise_for_status()
            return response.json()

        for name, flt in list_scenarios(world).items():
            params = http_params(flt)
            row(f"HTTP list {name}", timed(lambda p=params: get(p), repeat))
        row(f"HTTP list deep (pages 2-{DEEP_PAGES})",
            deep_walk(lambda tok: get({"page_token": tok} if tok else {})["next_page_token"], max(1, repeat // 50)))
        project = world.principal.project_id
        t = time.perf_counter()
        for i in range(creates):
            client.post("/api/v2/extract", json={"file_input": world.files[project][i % 50],
                                                 "configuration": {"data_schema": SCHEMA}}).raise_for_status()
        row("HTTP create", None, creates / (time.perf_counter() - t))


def bench(backend: str, size: int, args: argparse.Namespace) -> None:
    with scratch_database(backend, args.pg_url, f"assay_bench_{size}", args.keep) as url:
        db = Database(url)
        db.migrate()
        now = datetime.now(UTC)
        world = setup_world(db, now)
        t = time.perf_counter()
        load_jobs(db, world, size)
        load_s = time.perf_counter() - t
        with db.session() as session:
            mine = session.scalar(text("SELECT count(*) FROM jobs WHERE project_id = :p AND kind = 'extract'"),
                                  {"p": world.principal.project_id})
        print(f"\n{backend}, {size:,} jobs (loaded in {load_s:.0f}s; {mine:,} extract jobs in the measured project)")
        print(f"  {'scenario':44} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'total_size':>10}")

        def row(name: str, samples: list[float] | None, rate: float | None = None, total: Any = "") -> None:
            if samples is None:
                print(f"  {name:44} {rate:>17.0f} jobs/s")
                return
            q = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else samples * 99
            print(f"  {name:44} {q[49]:8.2f} {q[98]:8.2f} {max(samples):8.2f} {total!s:>10}")

        for name, flt in list_scenarios(world).items():
            samples = timed(lambda f=flt: service_list(db, world, f), args.repeat)
            row(f"list {name}", samples, total=service_list(db, world, flt).total_size)
        row(f"list deep (pages 2-{DEEP_PAGES}, following tokens)",
            deep_walk(lambda tok: service_list(db, world, jobs.JobFilter(), tok).next_page_token,
                      max(1, args.repeat // 50)))
        row("claim (one queued job per call)", measure_claims(db, args.claims))
        row("create (services.jobs.create, 1 commit each)", None, measure_creates(db, world, args.creates))
        if args.http:
            run_http(url, world, args.repeat, args.creates, row)
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=100, help="samples per list scenario")
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--creates", type=int, default=300)
    parser.add_argument("--http", action="store_true", help="also measure through a real uvicorn server")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases (for EXPLAIN)")
    args = parser.parse_args()
    print(describe())
    started = time.perf_counter()
    for size in [int(s) for s in args.sizes.split(",") if s]:
        for backend in [b for b in args.backends.split(",") if b]:
            bench(backend, size, args)
    print(f"\n(total {time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
