"""Workers in this process: N job workers and one webhook sender, started and stopped together."""

from __future__ import annotations

import logging
import signal
import threading

import httpx

from assay.jobqueue.worker import Worker
from assay.runtime import Runtime
from assay.webhooks.deliver import deliver_due

log = logging.getLogger(__name__)


class WorkerPool:
    def __init__(self, runtime: Runtime, workers: int) -> None:
        self.runtime = runtime
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=Worker(runtime, self.stopping, i).run, name=f"assay-worker-{i}", daemon=True)
            for i in range(workers)
        ]
        self.threads.append(threading.Thread(target=self._send_webhooks, name="assay-webhooks", daemon=True))

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        log.info("started %d workers", len(self.threads) - 1)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop claiming; running jobs stop at their next step and go back to the queue."""
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout)

    def _send_webhooks(self) -> None:
        with httpx.Client(follow_redirects=False) as client:
            while not self.stopping.is_set():
                try:
                    sent = deliver_due(self.runtime.db, self.runtime.settings, client)
                except Exception:
                    log.warning("webhook delivery round failed", exc_info=True)
                    sent = 0
                if not sent:
                    self.stopping.wait(self.runtime.settings.poll_seconds)


def run_forever(runtime: Runtime, workers: int) -> None:
    """`assay worker`: run until SIGTERM or SIGINT, then hand running jobs back and exit."""
    pool = WorkerPool(runtime, workers)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    pool.start()
    done.wait()
    log.info("stopping workers")
    pool.stop()
