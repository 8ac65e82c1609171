"""Faults on PostgreSQL: 3 worker processes, 200 jobs, workers SIGKILLed and restarted at random, every
database connection dropped once. Every job must end COMPLETED exactly once with its own result, none
stuck, and the outbox must hold one webhook per (job, event, endpoint)."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from assay.storage import tables
from tests import pace
from tests.conftest import make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import spawn_worker, stop, wait_until
from tests.receiver import Receiver

pytestmark = pytest.mark.postgres

JOBS, FILES, WORKERS = 200, 20, 3
SEED = 20261129


def test_jobs_survive_killed_workers_and_a_dropped_database(tmp_path: Path, pg_database: str,
                                                            receiver: Receiver) -> None:
    rng = random.Random(SEED)
    settings = make_settings(tmp_path, pg_database, **pace.leases(2.0, 0.3), poll_seconds=0.1,
                             max_attempts=8, webhook_allow_private=True)
    logs = tmp_path / "workers.log"
    for live in start_server(settings, workers=0):
        http = live.http()
        numbers = [f"INV-{7000 + i}" for i in range(FILES)]
        file_ids = []
        for number in numbers:
            response = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                                 files={"file": (f"{number}.pdf", invoice_pdf(number), "application/pdf")})
            assert response.status_code == 201, response.text
            file_ids.append(response.json()["id"])
        expected: dict[str, str] = {}
        for i in range(JOBS):
            response = http.post("/api/v2/extract", json={
                "file_input": file_ids[i % FILES], "configuration": {"data_schema": INVOICE_SCHEMA},
                "webhook_configurations": [{"webhook_url": receiver.url}]})
            assert response.status_code == 200, response.text
            expected[response.json()["id"]] = numbers[i % FILES]

        started = time.monotonic()
        workers = [spawn_worker(settings, logs, webhook_timeout_seconds=2) for _ in range(WORKERS)]
        spawned = [time.monotonic()] * WORKERS
        kills, dropped, dropped_at = 0, 0, None
        try:
            next_kill = time.monotonic() + rng.uniform(1, 3)
            while time.monotonic() - started < 240:
                done = _count(live, "COMPLETED") + _count(live, "FAILED")
                if done >= JOBS:
                    break
                if not dropped and done >= JOBS // 3:
                    dropped = _drop_connections(pg_database)
                    dropped_at = done
                if time.monotonic() >= next_kill:
                    i = rng.randrange(WORKERS)
                    workers[i].send_signal(signal.SIGKILL)
                    workers[i].wait(10)
                    kills += 1
                    workers[i] = spawn_worker(settings, logs, webhook_timeout_seconds=2)
                    spawned[i] = time.monotonic()
                    next_kill = time.monotonic() + rng.uniform(1, 3)
                time.sleep(0.2)
            elapsed = time.monotonic() - started
            wait_until(lambda: _pending_deliveries(live) == 0, timeout=90, what="the outbox to drain")
        finally:
            # a worker still importing has no SIGTERM handler yet (and no job): only older ones must exit 0
            settled = [time.monotonic() - t > 10 for t in spawned]
            codes = [stop(w) for w in workers]

        _report(live, kills=kills, dropped=dropped, dropped_at=dropped_at, elapsed=elapsed, receiver=receiver)
        with live.runtime.db.session() as session:
            jobs = {j.id: j for j in session.scalars(select(tables.Job))}
            deliveries = session.execute(select(tables.WebhookDelivery.job_id, tables.WebhookDelivery.event_type,
                                                tables.WebhookDelivery.url, tables.WebhookDelivery.status)).all()
        assert kills >= 3
        assert dropped >= 1
        statuses = Counter(j.status for j in jobs.values())
        assert statuses == {"COMPLETED": JOBS}, f"{statuses}; see {logs}"
        wrong = {i: j.result for i, j in jobs.items() if (j.result or {}).get("invoice_number") != expected[i]}
        assert not wrong, f"results lost or mixed up: {wrong}"
        assert all(j.lease_owner is None and j.finished_at is not None for j in jobs.values())
        per_key = Counter((d.job_id, d.event_type, d.url) for d in deliveries)
        assert max(per_key.values()) == 1, [k for k, n in per_key.items() if n > 1]
        assert Counter(d.event_type for d in deliveries) == {"extract.pending": JOBS, "extract.success": JOBS}
        assert {d.status for d in deliveries} == {"delivered"}
        received = {(e["job_id"], e["event_type"]) for e in receiver.payloads}
        assert len(received) == 2 * JOBS  # every event arrived (at least once)
        assert all(code == 0 for code, old in zip(codes, settled, strict=True) if old), \
            f"workers did not stop cleanly on SIGTERM: {codes}"


def _count(live, status: str) -> int:  # type: ignore[no-untyped-def]
    with live.runtime.db.session() as session:
        return session.scalar(select(func.count()).select_from(tables.Job).where(tables.Job.status == status)) or 0


def _pending_deliveries(live) -> int:  # type: ignore[no-untyped-def]
    D = tables.WebhookDelivery
    with live.runtime.db.session() as session:
        return session.scalar(select(func.count()).select_from(D).where(D.status == "pending")) or 0


def _drop_connections(url: str) -> int:
    """Terminate every other connection to the test database: the API's and all the workers'."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return len(rows)


def _report(live, *, kills: int, dropped: int, dropped_at: int | None, elapsed: float,  # type: ignore[no-untyped-def]
            receiver: Receiver) -> None:
    with live.runtime.db.session() as session:
        attempts = Counter(session.scalars(select(tables.Job.attempts)))
    duplicates = len(receiver.payloads) - len({e["event_id"] for e in receiver.payloads})
    metrics = httpx.get(live.base_url + "/metrics", timeout=pace.seconds(10)).text
    assert "assay_jobs{" in metrics
    print(f"\nfault test: {JOBS} jobs in {elapsed:.1f} s, {kills} workers SIGKILLed, {dropped} connections "
          f"terminated after {dropped_at} jobs; attempts per job {dict(sorted(attempts.items()))}; "
          f"{len(receiver.payloads)} webhook POSTs received, {duplicates} repeated (at-least-once delivery)")
