"""A worker: claim a job, run it while a heartbeat keeps the lease, write the outcome under the fence."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from assay import logs, metrics
from assay.errors import AssayError, JobCancelledError, LeaseLostError
from assay.jobqueue import queue, wakeup
from assay.jobqueue.queue import Lease
from assay.jobqueue.sandbox import Sandbox
from assay.runtime import Runtime

log = logging.getLogger(__name__)


class ShutdownError(Exception):
    """The process is stopping; the job is handed back to the queue."""


class Heartbeat(threading.Thread):
    """Renews one lease from its own thread, on its own database connection, several times per lease
    (every ASSAY_HEARTBEAT_SECONDS, at most a third of ASSAY_LEASE_SECONDS). The job's CPU-bound work runs
    in the sandbox child, so nothing in this process can hold it up. When the lease is lost it calls
    `on_lost` at once (which stops the job's child)."""

    def __init__(self, runtime: Runtime, lease: Lease, on_lost: Callable[[], None]) -> None:
        super().__init__(name=f"heartbeat-{lease.job_id}", daemon=True)
        self.runtime, self.lease, self.on_lost = runtime, lease, on_lost
        self.lost = threading.Event()
        self.done = threading.Event()

    def run(self) -> None:
        settings = self.runtime.settings
        interval = min(settings.heartbeat_seconds, settings.lease_seconds / 3)
        connection: Connection | None = None
        try:
            while not self.done.wait(interval):
                try:
                    connection = connection or self.runtime.db.engine.connect()
                    renewed = queue.heartbeat(connection, settings, self.lease)
                except Exception:  # a dropped connection: reconnect and keep trying until the lease runs out
                    metrics.heartbeat(None)
                    log.warning("heartbeat for %s failed", self.lease.job_id, exc_info=True)
                    if connection is not None:
                        connection.invalidate()
                        connection.close()
                    connection = None
                    continue
                metrics.heartbeat(renewed)
                if not renewed:
                    self.lost.set()
                    if not self.done.is_set():
                        self.on_lost()
                    return
        finally:
            if connection is not None:
                connection.close()

    def stop(self) -> None:
        self.done.set()


class Worker:
    def __init__(self, runtime: Runtime, stopping: threading.Event, index: int = 0) -> None:
        self.runtime = runtime
        self.stopping = stopping
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{index}:{uuid.uuid4().hex[:6]}"
        self.sandbox = Sandbox(time_limit=runtime.settings.job_time_limit_seconds)

    def run(self) -> None:
        while not self.stopping.is_set():
            rings = wakeup.DOORBELL.count()
            try:
                lease = queue.claim(self.runtime.db, self.runtime.settings, self.owner)
            except Exception:
                log.warning("claiming a job failed; retrying", exc_info=True)
                self.stopping.wait(self.runtime.settings.poll_seconds)
                continue
            if lease is None:  # idle until a job is announced (or the fallback poll)
                wakeup.DOORBELL.wait(rings, self.runtime.settings.poll_seconds)
                continue
            token = logs.job_id.set(lease.job_id)
            try:
                self.process(lease)
            except Exception:  # never let one job end the worker thread; its lease runs out and it is retried
                log.exception("job %s: the worker could not record its outcome", lease.job_id)
            finally:
                logs.job_id.reset(token)
        self.sandbox.stop()

    def process(self, lease: Lease) -> None:
        from assay.jobqueue.run import DatabaseLostError, run_in_sandbox

        heartbeat = Heartbeat(self.runtime, lease, on_lost=self.sandbox.kill)
        heartbeat.start()

        last_check = [0.0]

        def checkpoint() -> None:
            """Called while the sandbox computes: stop quickly when the job was cancelled or taken over
            (the database is asked at most once a second), or when this process is stopping."""
            if self.stopping.is_set():
                raise ShutdownError()
            if heartbeat.lost.is_set():
                raise JobCancelledError()
            if time.monotonic() - last_check[0] >= 1.0:
                last_check[0] = time.monotonic()
                if not queue.still_ours(self.runtime.db, lease):
                    raise JobCancelledError()

        log.info("job %s: attempt %d by %s", lease.job_id, lease.attempt, self.owner)
        started, outcome_label = time.perf_counter(), "error"
        try:
            outcome, stages = self.sandbox.call(run_in_sandbox, self.runtime.settings, lease, checkpoint=checkpoint)
            heartbeat.stop()
            metrics.record_stages(stages)
            queue.complete(self.runtime.db, lease, **outcome)
            outcome_label = "completed"
            log.info("job %s: completed", lease.job_id)
        except (JobCancelledError, LeaseLostError):
            outcome_label = "discarded"
            log.info("job %s: no longer ours (cancelled, deleted or re-claimed); result discarded", lease.job_id)
        except ShutdownError:
            outcome_label = "released"
            queue.release(self.runtime.db, lease)
            log.info("job %s: handed back at shutdown", lease.job_id)
        except (DBAPIError, DatabaseLostError):
            # The database went away mid-job (dropped connection, failover), or refused what the job
            # wrote. Hand the job back for another attempt, which counts: a job that fails this way every
            # time fails for good after max_attempts. If even that fails, its lease runs out instead.
            outcome_label = "released"
            log.warning("job %s: database error; handing the job back", lease.job_id, exc_info=True)
            queue.release(self.runtime.db, lease, count_attempt=True)
        except AssayError as exc:
            outcome_label = "failed"
            self._fail(lease, exc.message)
        except Exception as exc:
            outcome_label = "failed"
            log.exception("job %s: unexpected error", lease.job_id)
            self._fail(lease, f"Internal error while processing the job ({type(exc).__name__}: {exc}).")
        finally:
            heartbeat.stop()
            metrics.JOBS_FINISHED.labels(lease.kind.value, outcome_label).inc()
            metrics.JOB_LATENCY.labels(lease.kind.value, outcome_label).observe(time.perf_counter() - started)

    def _fail(self, lease: Lease, message: str) -> None:
        try:
            queue.fail(self.runtime.db, lease, message)
            log.info("job %s: failed: %s", lease.job_id, message)
        except LeaseLostError:
            log.info("job %s: failed after losing its lease; discarded", lease.job_id)
