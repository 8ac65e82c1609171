"""Idempotent job creation: `Idempotency-Key` on POST /api/v2/extract and /api/v2/parse, and the
`transaction_id` of classify and split jobs.

The same key with the same body in the same project, within ASSAY_IDEMPOTENCY_HOURS, returns the
job the first request created; the same key with a different body is a 409 (never retried). The
key row is inserted before the job, in the request's transaction: of two racing requests, the
second waits on the primary key until the first commits, then replays its job.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assay.errors import ConflictError, InvalidRequestError, NotFoundError
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.tables import utcnow

MAX_KEY = 255


def fingerprint(route: str, body: Any) -> str:
    return hashlib.sha256(json.dumps([route, body], sort_keys=True, default=str).encode()).hexdigest()


def create_once(session: Session, principal: Principal, key: str | None, request_hash: str, *, hours: float,
                create: Callable[[], tables.Job]) -> tables.Job:
    """`create()` the job, unless this key already made one for the same request."""
    if key is None:
        return create()
    if not key.strip() or len(key) > MAX_KEY:
        raise InvalidRequestError(f"Idempotency-Key must be 1 to {MAX_KEY} characters.")
    pk = (principal.project_id, key)
    existing = session.get(tables.IdempotencyKey, pk)
    if existing is not None and existing.created_at < utcnow() - timedelta(hours=hours):
        session.delete(existing)  # expired: the key starts afresh
        session.flush()
        existing = None
    if existing is None:
        try:
            with session.begin_nested():
                session.add(tables.IdempotencyKey(project_id=principal.project_id, key=key,
                                                  request_hash=request_hash, created_at=utcnow()))
        except IntegrityError:  # a concurrent request with this key committed first
            existing = session.get(tables.IdempotencyKey, pk, populate_existing=True)
            if existing is None:
                raise
    if existing is not None:
        return _replay(session, existing, request_hash)
    job = create()
    record = session.get(tables.IdempotencyKey, pk)
    assert record is not None
    record.job_id = job.id
    session.flush()
    return job


def _replay(session: Session, record: tables.IdempotencyKey, request_hash: str) -> tables.Job:
    if record.request_hash != request_hash:
        raise ConflictError("This Idempotency-Key was used with a different request body; use a new key.")
    job = session.get(tables.Job, record.job_id) if record.job_id else None
    if job is None:
        raise NotFoundError(f"The job created with this Idempotency-Key ({record.job_id}) was deleted.")
    return job


def create_once_per_transaction(session: Session, principal: Principal, kind: str, transaction_id: str | None, *,
                                hours: float, create: Callable[[], tables.Job]) -> tables.Job:
    """A classify or split job's `transaction_id`: reusing it returns the job it first created, whatever
    the new request's body (the vendor's rule, unlike Idempotency-Key's)."""
    key = None if transaction_id is None else f"transaction_id/{kind}/{transaction_id}"
    if key is not None and len(key) > MAX_KEY:
        raise InvalidRequestError(f"transaction_id must be at most {MAX_KEY - len(kind) - 16} characters.")
    return create_once(session, principal, key, fingerprint(kind, "transaction_id"), hours=hours, create=create)
