"""Claiming jobs, renewing leases, and writing results under a fencing token.

A claim bumps `lease_version`; every later write by that worker names the version it holds, so a
worker whose lease expired and whose job was claimed again cannot overwrite the new owner's work.
On PostgreSQL the claim is `SELECT … FOR UPDATE SKIP LOCKED`; on SQLite every transaction is
BEGIN IMMEDIATE (see storage.db), so a claim is one short serialized write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.orm import Session

from assay.config import Settings
from assay.domain.job import JobKind, JobStatus
from assay.errors import LeaseLostError
from assay.jobqueue import state, wakeup
from assay.storage import tables
from assay.storage.db import Database
from assay.storage.tables import utcnow
from assay.webhooks import outbox

SCAN = 50


@dataclass(frozen=True, slots=True)
class Lease:
    job_id: str
    kind: JobKind
    version: int
    owner: str
    attempt: int


def _locked(db: Database, query: Any) -> Any:
    return query if db.is_sqlite else query.with_for_update(skip_locked=True)


def claim(db: Database, settings: Settings, owner: str) -> Lease | None:
    """Take the oldest runnable job: a queued one, or a running one whose lease expired."""
    J = tables.Job
    now = utcnow()
    with db.session() as session:
        expired = session.scalars(_locked(db, select(J).where(
            J.status == JobStatus.RUNNING.value, J.lease_expires_at < now).order_by(J.created_at).limit(SCAN))).all()
        for job in expired:
            lease = _take(session, settings, job, owner)
            if lease:
                return lease
        queued = session.scalars(_locked(db, select(J).where(
            J.status.in_([JobStatus.PENDING.value, JobStatus.THROTTLED.value])
        ).order_by(J.created_at).limit(SCAN))).all()
        running: dict[str, int | None] = {}
        for job in queued:
            if job.kind == JobKind.EXTRACT.value:
                if job.project_id not in running:
                    running[job.project_id] = _running(session, db, job.project_id)
                count = running[job.project_id]
                if count is None:  # another worker is claiming for this project right now
                    continue
                if count >= settings.max_running_jobs_per_project:
                    if job.status == JobStatus.PENDING.value:
                        state.move(session, job, JobStatus.THROTTLED)
                    continue
            lease = _take(session, settings, job, owner)
            if lease:
                return lease
    return None


def _running(session: Session, db: Database, project_id: str) -> int | None:
    """Extract jobs of the project running now, or None when another worker holds the project's claim
    lock. On PostgreSQL the per-project advisory lock (held to the end of this transaction) makes the
    count and the claim one step, so concurrent workers never start more than the project's limit."""
    J = tables.Job
    if not db.is_sqlite and not session.scalar(select(func.pg_try_advisory_xact_lock(func.hashtext(project_id)))):
        return None
    return session.scalar(select(func.count()).select_from(J).where(
        J.project_id == project_id, J.kind == JobKind.EXTRACT.value, J.status == JobStatus.RUNNING.value)) or 0


def _take(session: Session, settings: Settings, job: tables.Job, owner: str) -> Lease | None:
    if job.attempts >= settings.max_attempts:
        state.move(session, job, JobStatus.FAILED, error_message=(
            f"The job was abandoned by its worker {job.attempts} times (its lease expired, or the database "
            "failed while it ran); giving up."))
        return None
    job.attempts += 1
    job.lease_version += 1
    job.lease_owner = owner
    job.lease_expires_at = utcnow() + timedelta(seconds=settings.lease_seconds)
    if job.status != JobStatus.RUNNING.value:
        state.move(session, job, JobStatus.RUNNING)
    session.flush()
    return Lease(job.id, JobKind(job.kind), job.lease_version, owner, job.attempts)


def enqueue(session: Session, job: tables.Job) -> None:
    """Add a new job: its row, its first webhook and the idle workers' wake-up commit together."""
    session.add(job)
    session.flush()
    outbox.enqueue_status_event(session, job)
    wakeup.announce(session)


def heartbeat(connection: Connection, settings: Settings, lease: Lease) -> bool:
    """Renew the lease on the heartbeat's own connection; False when the job is no longer ours to run
    (cancelled, deleted, re-claimed)."""
    J = tables.Job
    with connection.begin():
        result = connection.execute(
            update(J).where(J.id == lease.job_id, J.lease_version == lease.version,
                            J.status == JobStatus.RUNNING.value)
            .values(lease_expires_at=utcnow() + timedelta(seconds=settings.lease_seconds))
        )
    return bool(result.rowcount)


def still_ours(db: Database, lease: Lease) -> bool:
    J = tables.Job
    with db.session() as session:
        row = session.execute(select(J.status, J.lease_version).where(J.id == lease.job_id)).first()
    return row is not None and row[0] == JobStatus.RUNNING.value and row[1] == lease.version


def _fenced(session: Session, db: Database, lease: Lease) -> tables.Job:
    query = select(tables.Job).where(tables.Job.id == lease.job_id)
    if not db.is_sqlite:
        query = query.with_for_update()
    job = session.scalar(query)
    if job is None or job.lease_version != lease.version or job.status != JobStatus.RUNNING.value:
        raise LeaseLostError(f"Job {lease.job_id}: lease {lease.version} is no longer held by {lease.owner}.")
    return job


def complete(db: Database, lease: Lease, **fields: Any) -> None:
    with db.session() as session:
        state.move(session, _fenced(session, db, lease), JobStatus.COMPLETED, **fields)


def fail(db: Database, lease: Lease, message: str) -> None:
    with db.session() as session:
        state.move(session, _fenced(session, db, lease), JobStatus.FAILED, error_message=message)


def load(db: Database, lease: Lease) -> tables.Job:
    with db.session() as session:
        return _fenced(session, db, lease)


def release(db: Database, lease: Lease, *, count_attempt: bool = False) -> None:
    """Hand a job back: it is claimable at once. At a graceful shutdown the attempt does not count;
    after a failure (`count_attempt`) it does, so that a job that fails every time cannot loop."""
    J = tables.Job
    with db.session() as session:
        session.execute(
            update(J).where(J.id == lease.job_id, J.lease_version == lease.version, J.lease_owner == lease.owner,
                            J.status == JobStatus.RUNNING.value)
            .values(lease_expires_at=utcnow(), lease_owner=None,
                    attempts=J.attempts if count_attempt else J.attempts - 1)
        )
        wakeup.announce(session)
