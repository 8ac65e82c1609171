"""The durable queue: a killed worker's job is finished by another, exactly once; throttling; fencing."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assay.domain.job import JobKind
from assay.errors import LeaseLostError
from assay.jobqueue import queue
from assay.jobqueue.queue import Lease
from assay.storage import tables
from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import spawn_worker, wait_until


def job_row(live: LiveServer, job_id: str) -> tables.Job:
    with live.runtime.db.session() as session:
        job = session.get(tables.Job, job_id)
        assert job is not None
        return job


@pytest.fixture
def queue_server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """API only: the workers of these tests are separate processes."""
    yield from start_server(make_settings(tmp_path, database_url, **pace.leases(2.0, 0.3)), workers=0)


def test_a_killed_worker_job_is_finished_by_another_exactly_once(queue_server: LiveServer) -> None:
    live = queue_server
    client = live.sdk()
    file_id = client.files.create(file=("long.pdf", invoice_pdf(pages=200), "application/pdf"),
                                  purpose="extract").id
    job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                                webhook_configurations=[{"webhook_url": "http://127.0.0.1:9/unused"}])
    first = spawn_worker(live.settings)
    try:
        wait_until(lambda: job_row(live, job.id).lease_owner is not None, what="the first worker's claim")
        stale = job_row(live, job.id)
        assert stale.status == "RUNNING"
        assert stale.attempts == 1
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert client.extract.get(job.id).status == "RUNNING"  # nothing lost: still there, lease running out

    second = spawn_worker(live.settings)
    try:
        wait_until(lambda: client.extract.get(job.id).status == "COMPLETED", timeout=90, what="completion")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    done = job_row(live, job.id)
    assert done.attempts == 2
    assert done.lease_version == 2
    assert done.result["invoice_number"] == "INV-1042"

    stale_lease = Lease(job.id, JobKind.EXTRACT, stale.lease_version, stale.lease_owner or "", 1)
    with pytest.raises(LeaseLostError):
        queue.complete(live.runtime.db, stale_lease, result={"invoice_number": "overwritten"})
    with pytest.raises(LeaseLostError):
        queue.fail(live.runtime.db, stale_lease, "late failure")
    assert job_row(live, job.id).result == done.result
    with live.runtime.db.session() as session:
        events = session.scalars(select(tables.WebhookDelivery.event_type).where(
            tables.WebhookDelivery.job_id == job.id).order_by(tables.WebhookDelivery.created_at)).all()
    assert events == ["extract.pending", "extract.success"]


def test_jobs_over_the_project_limit_are_throttled_then_completed(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url, max_running_jobs_per_project=1)
    for live in start_server(settings, workers=2):
        client = live.sdk()
        file_id = client.files.create(file=("i.pdf", invoice_pdf(pages=40), "application/pdf"),
                                      purpose="extract").id
        ids = [client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA}).id
               for _ in range(3)]
        seen: set[str] = set()
        most_running = 0

        def all_completed() -> bool:
            nonlocal most_running
            statuses = [j.status for j in client.extract.list(job_ids=ids)]  # one consistent snapshot
            seen.update(statuses)
            most_running = max(most_running, statuses.count("RUNNING"))
            return all(s == "COMPLETED" for s in statuses)

        wait_until(all_completed, 120, "the three jobs to complete")
        assert all(client.extract.get(i).status == "COMPLETED" for i in ids)
        assert "THROTTLED" in seen
        assert most_running == 1


def test_an_abandoned_job_fails_after_max_attempts(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url, max_attempts=2, lease_seconds=0.2)
    for live in start_server(settings, workers=0):
        client = live.sdk()
        file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
        job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA})
        db = live.runtime.db
        for attempt in (1, 2):  # two workers claim it and vanish without a heartbeat
            lease = queue.claim(db, settings, f"ghost-{attempt}")
            assert lease is not None
            assert lease.attempt == attempt
            time.sleep(0.3)
        assert queue.claim(db, settings, "third") is None
        failed = client.extract.get(job.id)
        assert failed.status == "FAILED"
        assert "abandoned" in failed.error_message
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(tables.Job).where(
                tables.Job.status == "RUNNING")) == 0


def test_a_job_handed_back_after_each_failure_fails_after_max_attempts(
    tmp_path: Path, database_url: str
) -> None:
    settings = make_settings(tmp_path, database_url, max_attempts=2)
    for live in start_server(settings, workers=0):
        client = live.sdk()
        file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
        job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA})
        db = live.runtime.db
        for attempt in (1, 2):  # each run hits a database error and hands the job back
            lease = queue.claim(db, settings, f"worker-{attempt}")
            assert lease is not None
            assert lease.attempt == attempt
            queue.release(db, lease, count_attempt=True)
        assert queue.claim(db, settings, "third") is None
        failed = client.extract.get(job.id)
        assert failed.status == "FAILED"
        assert "2 times" in failed.error_message

        shutdown = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA})
        for _ in range(3):  # handed back at shutdown: never counts
            lease = queue.claim(db, settings, "stopping")
            assert lease is not None
            assert lease.job_id == shutdown.id
            assert lease.attempt == 1
            queue.release(db, lease)


def test_a_result_with_nul_characters_is_stored_without_them(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    for live in start_server(settings, workers=0):
        client = live.sdk()
        file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
        job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA})
        lease = queue.claim(live.runtime.db, settings, "worker")
        assert lease is not None
        # PostgreSQL refuses NUL in jsonb; a model's reply could carry one
        queue.complete(live.runtime.db, lease, result={"vendor\x00": ["Acme\x00 Ltd"], "total": 5},
                       extract_metadata={"note": "\x00"})
        assert job_row(live, job.id).result == {"vendor": ["Acme Ltd"], "total": 5}
        assert client.extract.get(job.id).status == "COMPLETED"
