"""The one function that changes a job's status, and what must happen with each change."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assay.domain.job import JobKind, JobStatus, check_move
from assay.jobqueue import routing, wakeup
from assay.storage import tables
from assay.storage.tables import utcnow
from assay.webhooks import outbox


def move(session: Session, job: tables.Job, new: JobStatus, **fields: Any) -> None:
    """Move `job` to `new` (raising ConflictError if illegal), set `fields`, and queue its webhooks
    in the same transaction, so a status and its notification commit or vanish together. A job that
    ends wakes idle workers: a throttled job may start now, and there are webhooks to send."""
    check_move(JobKind(job.kind), JobStatus(job.status), new)
    now = utcnow()
    job.status = new.value
    job.updated_at = now
    for name, value in fields.items():
        setattr(job, name, _storable(value))
    if new is JobStatus.RUNNING and job.started_at is None:
        job.started_at = now
    if new.terminal:
        job.finished_at = now
        job.lease_owner = None
        job.lease_expires_at = None
    session.flush()
    if new is JobStatus.COMPLETED and job.kind == JobKind.EXTRACT.value:
        routing.route(session, job)
    outbox.enqueue_status_event(session, job)
    if new.terminal:
        wakeup.announce(session)


def _storable(value: Any) -> Any:
    """`value` without NUL characters, which PostgreSQL refuses in text and jsonb (a model's reply
    can carry one): left in, the write would fail on every attempt."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value
