"""Leases on a busy or stalled machine, with `assay worker` processes: a live worker keeps its job however slowly it
runs; a paused one loses the job to another worker and, resumed, cannot complete it; every job COMPLETES once."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from assay.storage import tables
from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import cpu_hogs, spawn_worker, stop, wait_until, wait_while_progressing

UNUSED_WEBHOOK = [{"webhook_url": "http://127.0.0.1:9/unused"}]  # so that each status change leaves an outbox row


@pytest.fixture
def queue_server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """API only: the workers are separate processes, to be paused and starved."""
    # Three renewals a lease, as in the issue that found a live job failed as abandoned (6 s / 2 s there).
    yield from start_server(make_settings(tmp_path, database_url, **pace.leases(2.0, 0.6)), workers=0)


def test_a_paused_worker_loses_its_job_to_another_and_cannot_complete_it(queue_server: LiveServer,
                                                                        tmp_path: Path) -> None:
    live = queue_server
    job_id = _extract(live.http(), _upload(live.http(), invoice_pdf(pages=200)))
    log = tmp_path / "workers.log"
    paused = spawn_worker(live.settings, log, job_time_limit_seconds=600)
    other = None
    try:
        wait_until(lambda: _row(live, job_id).lease_owner is not None, timeout=120, what="the first claim")
        paused.send_signal(signal.SIGSTOP)  # past its lease: its heartbeat stops with it
        other = spawn_worker(live.settings, log, job_time_limit_seconds=600)
        wait_until(lambda: _row(live, job_id).lease_version == 2, timeout=120, what="the other worker's claim")
        paused.send_signal(signal.SIGCONT)  # both now believe they run the job; only the fence decides
        wait_until(lambda: f"job {job_id}: no longer ours" in log.read_text(), timeout=60,
                   what="the resumed worker to give the job up")
        wait_while_progressing(lambda: _progress(live), lambda: _row(live, job_id).status != "RUNNING",
                               what="progress on the job")
        assert paused.poll() is None  # it gave the job up and lives on
    finally:
        paused.send_signal(signal.SIGCONT)
        codes = [stop(paused), stop(other) if other else 0]
    done = _row(live, job_id)
    assert done.status == "COMPLETED", log.read_text()[-3000:]
    assert (done.attempts, done.lease_version) == (2, 2)
    assert done.result["invoice_number"] == "INV-1042"
    assert _events(live) == Counter({"extract.pending": 1, "extract.success": 1})
    assert codes == [0, 0]


def test_on_a_busy_machine_every_job_completes_once_and_no_live_worker_loses_its_lease(
    queue_server: LiveServer, tmp_path: Path
) -> None:
    live = queue_server
    http = live.http()
    big = _upload(http, invoice_pdf("INV-BIG", pages=150))
    small = [_upload(http, invoice_pdf(f"INV-{i}")) for i in range(2)]
    jobs = [_extract(http, big), _extract(http, big), *(_extract(http, f) for f in small)]
    parse = http.post("/api/v2/parse", json={"file_id": big, "tier": "fast", "webhook_configurations": UNUSED_WEBHOOK})
    assert parse.status_code == 200, parse.text
    jobs.append(parse.json()["id"])
    log = tmp_path / "workers.log"
    with cpu_hogs(os.cpu_count() or 1):
        workers = [spawn_worker(live.settings, log, job_time_limit_seconds=600) for _ in range(2)]
        try:
            wait_while_progressing(lambda: _progress(live), lambda: all(_row(live, j).status != "RUNNING" and
                                                                        _row(live, j).status != "PENDING"
                                                                        for j in jobs),
                                   what="progress on the jobs")
        finally:
            codes = [stop(w) for w in workers]
    rows = [_row(live, j) for j in jobs]
    assert [r.status for r in rows] == ["COMPLETED"] * len(jobs), log.read_text()[-3000:]
    assert [r.attempts for r in rows] == [1] * len(jobs), "a live worker lost its lease"
    assert [r.result["invoice_number"] for r in rows[:4]] == ["INV-BIG", "INV-BIG", "INV-0", "INV-1"]
    assert _events(live) == Counter({"extract.pending": 4, "extract.success": 4, "parse.pending": 1,
                                     "parse.running": 1, "parse.success": 1})
    assert codes == [0, 0]


def _upload(http: httpx.Client, pdf: bytes) -> str:
    response = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                         files={"file": ("doc.pdf", pdf, "application/pdf")})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _extract(http: httpx.Client, file_id: str) -> str:
    response = http.post("/api/v2/extract", json={"file_input": file_id, "configuration": {
        "data_schema": INVOICE_SCHEMA}, "webhook_configurations": UNUSED_WEBHOOK})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def _row(live: LiveServer, job_id: str) -> tables.Job:
    with live.runtime.db.session(read_only=True) as session:
        job = session.get(tables.Job, job_id)
        assert job is not None
        return job


def _progress(live: LiveServer) -> object:
    """What changes while workers live: statuses, claims, and the heartbeats' renewals."""
    J = tables.Job
    with live.runtime.db.session(read_only=True) as session:
        return session.execute(select(J.status, J.lease_version, J.lease_expires_at).order_by(J.id)).all()


def _events(live: LiveServer) -> Counter[str]:
    with live.runtime.db.session(read_only=True) as session:
        return Counter(session.scalars(select(tables.WebhookDelivery.event_type)))
