"""Deliver due webhook events: signed POSTs, retried with exponential backoff, in order per job."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

import httpx
from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from assay.config import Settings
from assay.errors import InvalidRequestError
from assay.storage import tables
from assay.storage.db import Database
from assay.storage.tables import utcnow
from assay.webhooks.guard import pin, resolve_public

log = logging.getLogger(__name__)
BATCH = 20


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def claim_due(db: Database, settings: Settings) -> list[tables.WebhookDelivery]:
    """Take due deliveries that have no earlier undelivered event for the same job and endpoint,
    pushing their next attempt out so no other process takes them while this one sends."""
    D = tables.WebhookDelivery
    earlier = aliased(D)
    now = utcnow()
    blocked = (
        select(earlier.id)
        .where(and_(earlier.job_id == D.job_id, earlier.url == D.url, earlier.status == "pending",
                    earlier.created_at < D.created_at))
        .exists()
    )
    query = (select(D).where(D.status == "pending", D.next_attempt_at <= now, ~blocked)
             .order_by(D.next_attempt_at, D.created_at).limit(BATCH))
    with db.session() as session:
        if not db.is_sqlite:
            query = query.with_for_update(skip_locked=True, of=D)
        rows = list(session.scalars(query))
        for row in rows:
            row.next_attempt_at = now + timedelta(seconds=settings.webhook_timeout_seconds * 3)
        return rows


def send(delivery: tables.WebhookDelivery, client: httpx.Client,
         settings: Settings) -> tuple[int | None, str | None]:
    """POST one event; returns (the HTTP status received, None on a 2xx, else why it failed)."""
    body = delivery.body.encode()
    headers = {"Content-Type": "application/json", "User-Agent": "Assay-Webhooks/1",
               "X-Assay-Event-Id": delivery.id, "X-Assay-Event": delivery.event_type}
    headers.update(delivery.headers or {})
    if delivery.signing_secret:
        headers["LC-Signature"] = signature(delivery.signing_secret, body)
    try:
        addresses = resolve_public(delivery.url, allow_private=settings.webhook_allow_private)
        url, headers["Host"], extensions = pin(delivery.url, addresses[0])  # connect to the address checked
        response = client.post(url, content=body, headers=headers, timeout=settings.webhook_timeout_seconds,
                               extensions=extensions)
    except InvalidRequestError as exc:
        return None, exc.message
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


def record(db: Database, settings: Settings, delivery_id: str, outcome: tuple[int | None, str | None]) -> None:
    response_status, error = outcome
    with db.session() as session:
        row = session.get(tables.WebhookDelivery, delivery_id)
        if row is None:
            return
        row.attempts += 1
        row.last_response_status = response_status
        if error is None:
            row.status, row.delivered_at, row.last_error = "delivered", utcnow(), None
            return
        row.last_error = error
        if row.attempts >= settings.webhook_max_attempts:
            row.status = "failed"
            log.warning("webhook %s to %s failed for good: %s", row.id, row.url, error)
        else:
            row.next_attempt_at = utcnow() + timedelta(seconds=min(2 ** (row.attempts - 1), 300))


def deliver_due(db: Database, settings: Settings, client: httpx.Client) -> int:
    """One round: returns how many deliveries were attempted."""
    rows = claim_due(db, settings)
    for row in rows:
        record(db, settings, row.id, send(row, client, settings))
    return len(rows)
