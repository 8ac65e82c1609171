"""Workers in this process: N job workers, one webhook sender and (on PostgreSQL) one listener for new
jobs, started and stopped together."""

from __future__ import annotations

import logging
import signal
import threading
import time

import httpx

from assay.jobqueue import wakeup
from assay.jobqueue.worker import Worker
from assay.runtime import Runtime
from assay.webhooks.deliver import deliver_due

log = logging.getLogger(__name__)
STOP_SECONDS = 5.0  # the most a graceful stop takes (README: Jobs and workers)


class WorkerPool:
    def __init__(self, runtime: Runtime, workers: int) -> None:
        self.workers = workers
        self.runtime = runtime
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=Worker(runtime, self.stopping, i).run, name=f"assay-worker-{i}", daemon=True)
            for i in range(workers)
        ]
        self.threads.append(threading.Thread(target=self._send_webhooks, name="assay-webhooks", daemon=True))
        if not runtime.db.is_sqlite:
            self.threads.append(threading.Thread(target=wakeup.listen, args=(runtime.db.url, self.stopping),
                                                 name="assay-listener", daemon=True))

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        log.info("started %d workers", self.workers)

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Stop claiming; running jobs stop computing at once and go back to the queue. Returns within
        `timeout` even if a thread is stuck (on an unreachable database): its job's lease runs out instead."""
        self.stopping.set()
        wakeup.DOORBELL.ring()
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def _send_webhooks(self) -> None:
        with httpx.Client(follow_redirects=False) as client:
            while not self.stopping.is_set():
                rings = wakeup.DOORBELL.count()
                try:
                    sent = deliver_due(self.runtime.db, self.runtime.settings, client)
                except Exception:
                    log.warning("webhook delivery round failed", exc_info=True)
                    sent = 0
                if not sent:  # a job that ends rings the doorbell; retries are due by the clock
                    wakeup.DOORBELL.wait(rings, self.runtime.settings.poll_seconds)


def run_forever(runtime: Runtime, workers: int) -> None:
    """`assay worker`: run until SIGTERM or SIGINT, then hand running jobs back and exit."""
    pool = WorkerPool(runtime, workers)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    pool.start()
    while not done.wait(0.5):  # timed: a signal the kernel hands to another thread still stops us
        pass
    log.info("stopping workers")
    started = time.monotonic()
    pool.stop()
    log.info("workers stopped in %.2f s", time.monotonic() - started)
