"""A worker: claim a job, run it while a heartbeat keeps the lease, write the outcome under the fence."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid

from assay.runtime import Runtime
from assay.errors import AssayError, JobCancelledError, LeaseLostError
from assay.jobqueue import queue
from assay.jobqueue.queue import Lease
from assay.jobqueue.sandbox import Sandbox

log = logging.getLogger(__name__)


class ShutdownError(Exception):
    """The process is stopping; the job is handed back to the queue."""


class Heartbeat(threading.Thread):
    def __init__(self, runtime: Runtime, lease: Lease) -> None:
        super().__init__(name=f"heartbeat-{lease.job_id}", daemon=True)
        self.runtime, self.lease = runtime, lease
        self.lost = threading.Event()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.runtime.settings.heartbeat_seconds):
            try:
                if not queue.heartbeat(self.runtime.db, self.runtime.settings, self.lease):
                    self.lost.set()
                    return
            except Exception:  # a dropped connection: keep trying until the lease runs out
                log.warning("heartbeat for %s failed", self.lease.job_id, exc_info=True)


class Worker:
    def __init__(self, runtime: Runtime, stopping: threading.Event, index: int = 0) -> None:
        self.runtime = runtime
        self.stopping = stopping
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{index}:{uuid.uuid4().hex[:6]}"
        self.sandbox = Sandbox(time_limit=runtime.settings.job_time_limit_seconds)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                lease = queue.claim(self.runtime.db, self.runtime.settings, self.owner)
            except Exception:
                log.warning("claiming a job failed; retrying", exc_info=True)
                self.stopping.wait(self.runtime.settings.poll_seconds * 4)
                continue
            if lease is None:
                self.stopping.wait(self.runtime.settings.poll_seconds)
                continue
            self.process(lease)
        self.sandbox.stop()

    def process(self, lease: Lease) -> None:
        from assay.pipeline.run import run_job

        heartbeat = Heartbeat(self.runtime, lease)
        heartbeat.start()

        last_check = [0.0]

        def checkpoint() -> None:
            """Called between steps and while the sandbox computes: stop quickly when the job was
            cancelled or taken over (the database is asked at most once a second)."""
            if self.stopping.is_set():
                raise ShutdownError()
            if heartbeat.lost.is_set():
                raise JobCancelledError()
            if time.monotonic() - last_check[0] >= 1.0:
                last_check[0] = time.monotonic()
                if not queue.still_ours(self.runtime.db, lease):
                    raise JobCancelledError()

        log.info("job %s: attempt %d by %s", lease.job_id, lease.attempt, self.owner)
        try:
            def call(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
                return self.sandbox.call(fn, *args, checkpoint=checkpoint, **kwargs)

            outcome = run_job(self.runtime, lease, checkpoint, call)
            queue.complete(self.runtime.db, lease, **outcome)
            log.info("job %s: completed", lease.job_id)
        except (JobCancelledError, LeaseLostError):
            log.info("job %s: no longer ours (cancelled, deleted or re-claimed); result discarded", lease.job_id)
        except ShutdownError:
            queue.release(self.runtime.db, lease)
            log.info("job %s: handed back at shutdown", lease.job_id)
        except AssayError as exc:
            self._fail(lease, exc.message)
        except Exception as exc:
            log.exception("job %s: unexpected error", lease.job_id)
            self._fail(lease, f"Internal error while processing the job ({type(exc).__name__}: {exc}).")
        finally:
            heartbeat.done.set()

    def _fail(self, lease: Lease, message: str) -> None:
        try:
            queue.fail(self.runtime.db, lease, message)
            log.info("job %s: failed: %s", lease.job_id, message)
        except LeaseLostError:
            log.info("job %s: failed after losing its lease; discarded", lease.job_id)
