"""Prometheus metrics.

Two kinds. Process metrics (HTTP latency, stage latency, heartbeats) live in the default registry of
the process that measured them: an API process shows its requests, a worker process its jobs (scrape
each `assay worker` on ASSAY_METRICS_PORT; `assay serve` with in-process workers shows both).
Queue metrics (jobs by status, queue depth, live leases) are read from the shared database at scrape
time, so every process reports the same cluster-wide numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

if TYPE_CHECKING:
    from assay.storage.db import Database

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
STAGE_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900)

HTTP_LATENCY = Histogram("assay_http_request_duration_seconds", "HTTP request latency by route template.",
                         ["method", "route", "status"], buckets=LATENCY_BUCKETS)
STAGE_LATENCY = Histogram("assay_job_stage_duration_seconds", "Time spent in one pipeline stage of a job.",
                          ["stage"], buckets=STAGE_BUCKETS)
JOB_LATENCY = Histogram("assay_job_duration_seconds", "Time a worker spent on one attempt, by outcome.",
                        ["kind", "outcome"], buckets=STAGE_BUCKETS)
JOBS_FINISHED = Counter("assay_worker_jobs_total", "Attempts this process finished, by outcome.",
                        ["kind", "outcome"])
HEARTBEATS = Counter("assay_worker_heartbeats_total", "Lease renewals sent by this process's workers.",
                     ["outcome"])
LAST_HEARTBEAT = Gauge("assay_worker_last_heartbeat_timestamp_seconds",
                       "When a worker in this process last renewed a lease.")
RATE_LIMITED = Counter("assay_http_rate_limited_total", "Requests refused with 429 by this API process.")


_recorded: ContextVar[list[tuple[str, float]] | None] = ContextVar("recorded_stages", default=None)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a pipeline stage (parse, extract) into assay_job_stage_duration_seconds."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        STAGE_LATENCY.labels(name).observe(seconds)
        recorded = _recorded.get()
        if recorded is not None:
            recorded.append((name, seconds))


@contextmanager
def recording() -> Iterator[list[tuple[str, float]]]:
    """The stages timed inside the block, as (name, seconds): a worker's sandbox child measures them,
    the worker process records them (`record_stages`) where /metrics is served."""
    stages: list[tuple[str, float]] = []
    token = _recorded.set(stages)
    try:
        yield stages
    finally:
        _recorded.reset(token)


def record_stages(stages: list[tuple[str, float]]) -> None:
    for name, seconds in stages:
        STAGE_LATENCY.labels(name).observe(seconds)


def timed(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    """`call` (a step runner: `call(fn, *args, **kwargs)`) with each run timed as pipeline stage `name`."""

    def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with stage(name):
            return call(fn, *args, **kwargs)

    return run


def heartbeat(ok: bool | None) -> None:
    """Count a lease renewal: True renewed, False lost, None failed (database unreachable)."""
    HEARTBEATS.labels({True: "renewed", False: "lost", None: "error"}[ok]).inc()
    if ok:
        LAST_HEARTBEAT.set_to_current_time()


class QueueCollector:
    """Cluster-wide queue state, read from the database when scraped."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from assay.storage import tables
        from assay.storage.tables import utcnow

        J = tables.Job
        by_status = GaugeMetricFamily("assay_jobs", "Jobs in the database by kind and status.",
                                      labels=["kind", "status"])
        depth = GaugeMetricFamily("assay_queue_depth", "Jobs waiting to run (PENDING or THROTTLED).",
                                  labels=["kind"])
        oldest = GaugeMetricFamily("assay_queue_oldest_seconds", "Age of the oldest waiting job.",
                                   labels=["kind"])
        leases = GaugeMetricFamily("assay_worker_leases", "Running jobs whose worker's heartbeat is current "
                                   "(live) or overdue (expired: the worker is gone).", labels=["state"])
        owners = GaugeMetricFamily("assay_workers_busy", "Distinct workers holding a live lease.")
        now = utcnow()
        waiting = J.status.in_(("PENDING", "THROTTLED"))
        with self.db.session() as session:
            waiting_kinds: dict[str, float] = {}
            counts = session.execute(select(J.kind, J.status, func.count()).group_by(J.kind, J.status))
            for kind, status, count in counts:
                by_status.add_metric([kind, status], count)
                if status in ("PENDING", "THROTTLED"):
                    waiting_kinds[kind] = waiting_kinds.get(kind, 0) + count
            for kind in ("extract", "parse"):
                depth.add_metric([kind], waiting_kinds.get(kind, 0))
            firsts = session.execute(select(J.kind, func.min(J.created_at)).where(waiting).group_by(J.kind))
            for kind, first in firsts:
                oldest.add_metric([kind], max(0.0, (now - _aware(first)).total_seconds()) if first else 0.0)
            running = J.status == "RUNNING"
            live = session.scalar(select(func.count()).where(running, J.lease_expires_at >= now)) or 0
            expired = session.scalar(select(func.count()).where(running, J.lease_expires_at < now)) or 0
            busy = session.scalar(select(func.count(func.distinct(J.lease_owner))).where(
                running, J.lease_expires_at >= now)) or 0
        leases.add_metric(["live"], live)
        leases.add_metric(["expired"], expired)
        owners.add_metric([], busy)
        yield from (by_status, depth, oldest, leases, owners)


def _aware(value):  # type: ignore[no-untyped-def]
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


def exposition(db: Database | None) -> bytes:
    """The text exposition: this process's metrics, then the queue's (when a database is given)."""
    from prometheus_client import REGISTRY

    output = generate_latest(REGISTRY)
    if db is not None:
        registry = CollectorRegistry(auto_describe=False)
        registry.register(QueueCollector(db))  # type: ignore[arg-type]
        output += generate_latest(registry)
    return output


def serve_worker_metrics(settings) -> None:  # type: ignore[no-untyped-def]
    """`assay worker`: serve /metrics on ASSAY_METRICS_PORT (process metrics and the queue's)."""
    from prometheus_client import REGISTRY, start_http_server

    from assay.storage.db import Database

    database = Database(settings.resolved_database_url(), pool_size=1)
    REGISTRY.register(QueueCollector(database))  # type: ignore[arg-type]
    start_http_server(settings.metrics_port)
