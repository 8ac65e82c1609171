"""A filtered page of the agent-data store over 100k items (issue 18: target ≤ 50 ms on PostgreSQL).

    python bench/agent_data_bench.py [--size 100000] [--backends postgres,sqlite] [--repeat 50]
                                     [--pg-url postgresql://postgres@127.0.0.1:5432/test]

A scratch database per backend (a new PostgreSQL database from --pg-url, dropped afterwards, or a
temporary SQLite file), migrated with the real migrations, then filled with `--size` review items in
one deployment and collection (plus a tenth as many in another collection, which every query must
skip): ExtractedData-shaped `data` with a status (4 values), a vendor (1,000 values), a
total (0-10,000), a date and a nested confidence. ANALYZE afterwards, as autovacuum would.

Measured through the real service function (`services.agent_data.search`, page_size 50, one unit of
work per call as a request has), p50 and p99 over --repeat calls after one warm-up call.
Prints the machine's load average and core count beside the figures: this project's development
machine is shared, and the figures move with its load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from scratch import scratch_database

from assay.services import accounts, agent_data
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.db import Database

DEPLOYMENT, COLLECTION = "invoices", "review"
STATUSES = ("pending_review", "accepted", "rejected", "error")
SCENARIOS: dict[str, dict[str, Any]] = {
    "first page, no filter": {},
    "status eq (25%)": {"filter": {"status": {"eq": "pending_review"}}},
    "vendor eq (rare, ~0.1%)": {"filter": {"data.vendor": {"eq": "Vendor 0500"}}},
    "total gt 9000 (10%)": {"filter": {"data.total": {"gt": 9000}}},
    "total between 100 and 200 (1%)": {"filter": {"data.total": {"gte": 100, "lt": 200}}},
    "status eq + total lt 500": {"filter": {"status": {"eq": "accepted"}, "data.total": {"lt": 500}}},
    "vendor includes 3": {"filter": {"data.vendor": {"includes": ["Vendor 0001", "Vendor 0002", "Vendor 0003"]}}},
    "status excludes 2": {"filter": {"status": {"excludes": ["accepted", "rejected"]}}},
    "status eq, order_by total desc": {"filter": {"status": {"eq": "rejected"}}, "order_by": "data.total desc"},
    "status eq + include_total": {"filter": {"status": {"eq": "error"}}, "include_total": True},
}


def item(rng: random.Random, project_id: str, collection: str, when: datetime) -> dict[str, Any]:
    vendor = f"Vendor {rng.randrange(1000):04d}"
    total = round(rng.uniform(0, 10_000), 2)
    return {"id": tables.new_id("agd"), "project_id": project_id, "deployment_name": DEPLOYMENT,
            "collection": collection, "created_at": when, "updated_at": when,
            "data": {"status": rng.choice(STATUSES), "vendor": vendor, "total": total,
                     "date": (when - timedelta(days=rng.randrange(60))).date().isoformat(),
                     "data": {"vendor": vendor, "total": total},
                     "field_metadata": {"total": {"confidence": round(rng.random(), 3)}}}}


def load(db: Database, project_id: str, size: int) -> None:
    rng = random.Random(18)
    start = datetime(2026, 6, 1, tzinfo=UTC)
    insert = tables.AgentData.__table__.insert()
    with db.engine.begin() as conn:
        batch = []
        for n in range(size + size // 10):
            collection = COLLECTION if n % 11 else "elsewhere"
            batch.append(item(rng, project_id, collection, start + timedelta(seconds=n * 13)))
            if len(batch) == 5000:
                conn.execute(insert, batch)
                batch = []
        if batch:
            conn.execute(insert, batch)
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE" if db.is_sqlite else "VACUUM ANALYZE agent_data")


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench(backend: str, args: argparse.Namespace) -> None:
    with scratch_database(backend, args.pg_url, "assay_bench_agent") as url:
        db = Database(url)
        try:
            db.migrate()
            with db.session() as session:
                accounts.bootstrap(session, first_key=None)
                project = accounts.default_project(session)
                principal = Principal(project.id, project.organization_id, None)
            t = time.perf_counter()
            load(db, principal.project_id, args.size)
            print(f"\n{backend}: {args.size:,} items in the measured collection (+{args.size // 10:,} elsewhere), "
                  f"loaded in {time.perf_counter() - t:.0f} s")
            print(f"  {'scenario':<36} {'p50 ms':>8} {'p99 ms':>8} {'rows':>5} {'total':>7}")
            for name, body in SCENARIOS.items():
                scope = agent_data.Scope(DEPLOYMENT, COLLECTION, body.get("filter", {}))
                result: list[Any] = []

                def page(scope: agent_data.Scope = scope, body: dict[str, Any] = body,
                         result: list[Any] = result) -> None:
                    with db.session(read_only=True) as session:
                        rows, _, total = agent_data.search(
                            session, principal, scope, order_by=body.get("order_by"), offset=None,
                            page_token=None, page_size=50, include_total=body.get("include_total", False))
                        result[:] = [len(rows), total]

                samples = sorted(timed(page, args.repeat))
                p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
                print(f"  {name:<36} {statistics.median(samples):8.1f} {p99:8.1f} {result[0]:5d} "
                      f"{'' if result[1] is None else result[1]:>7}")
        finally:
            db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--pg-url", default=os.environ.get("ASSAY_TEST_POSTGRES_URL",
                                                           "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    for backend in args.backends.split(","):
        bench(backend.strip(), args)
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores (after)")


if __name__ == "__main__":
    main()
