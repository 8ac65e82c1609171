"""Graceful shutdown: on SIGTERM, `assay worker` and `assay serve` hand their running jobs back to the queue
(claimable at once, the attempt not counted) and exit 0; another worker then finishes the job."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from assay.jobqueue.pool import STOP_SECONDS
from assay.storage import tables
from assay.storage.tables import utcnow
from tests.conftest import TEST_KEY, LiveServer, free_port, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import spawn, spawn_worker, stop, wait_until, worker_env


def _long_job(http: httpx.Client) -> str:
    file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                        files={"file": ("long.pdf", invoice_pdf(pages=200))}).json()["id"]
    return str(http.post("/api/v2/extract", json={"file_input": file_id,
                                                  "configuration": {"data_schema": INVOICE_SCHEMA}}).json()["id"])


def _row(live: LiveServer, job_id: str) -> tables.Job:
    with live.runtime.db.session() as session:
        job = session.get(tables.Job, job_id)
        assert job is not None
        return job


def _assert_handed_back(live: LiveServer, job_id: str) -> None:
    job = _row(live, job_id)
    assert job.status == "RUNNING"
    assert job.lease_owner is None
    assert job.attempts == 0
    assert job.lease_expires_at is not None
    assert job.lease_expires_at <= utcnow()


def _finish_elsewhere(live: LiveServer, job_id: str) -> None:
    other = spawn_worker(live.settings)
    try:
        wait_until(lambda: _row(live, job_id).status == "COMPLETED", timeout=120, what="the other worker")
    finally:
        stop(other)
    assert _row(live, job_id).attempts == 1


@pytest.fixture
def queue_only(tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}", lease_seconds=30, heartbeat_seconds=0.5)
    yield from start_server(settings, workers=0)


def test_assay_worker_hands_its_job_back_on_sigterm(queue_only: LiveServer, tmp_path: Path) -> None:
    live = queue_only
    job_id = _long_job(live.http())
    log = tmp_path / "worker.log"
    worker = spawn_worker(live.settings, log)
    try:
        wait_until(lambda: _row(live, job_id).lease_owner is not None, what="the claim")
        worker.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        try:  # documented: 5 s at most; 3x for a busy machine
            code = worker.wait(3 * STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the worker was still running {3 * STOP_SECONDS:.0f} s after SIGTERM; its log:\n"
                        + log.read_text()[-4000:])
        assert code == 0, log.read_text()[-4000:]
        print(f"the worker exited {time.monotonic() - signalled:.2f} s after SIGTERM")
    finally:
        stop(worker)
    _assert_handed_back(live, job_id)  # no 30 s lease to wait out
    _finish_elsewhere(live, job_id)


def test_assay_serve_hands_its_in_process_jobs_back_on_sigterm(queue_only: LiveServer, tmp_path: Path) -> None:
    live = queue_only
    port = free_port()
    env = worker_env(live.settings, log_format="json", api_key=TEST_KEY)
    log = tmp_path / "serve.log"
    serve = spawn(["serve", "--port", str(port), "--workers", "1"], env, log)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: _up(base), timeout=60, what="assay serve")
        http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {TEST_KEY}"}, timeout=30)
        job_id = _long_job(http)
        wait_until(lambda: _row(live, job_id).lease_owner is not None, what="the in-process claim")
        serve.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully (lifespan: the pool hands its jobs back), then re-raises the
        # signal so the exit status still says SIGTERM
        assert serve.wait(60) in (0, -signal.SIGTERM)
    finally:
        stop(serve)
    _assert_handed_back(live, job_id)
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(e.get("job_id") == job_id and "handed back" in e["message"] for e in entries), log.read_text()[-2000:]
    assert TEST_KEY not in log.read_text()
    _finish_elsewhere(live, job_id)


def _up(base: str) -> bool:
    try:
        return httpx.get(base + "/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


