"""Queue the notifications of a job's status change, in the transaction that made the change."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from assay import wire
from assay.storage import tables
from assay.storage.tables import utcnow

# every event name a webhook may subscribe to: the SDK's enum (llama_cloud 2.19 WebhookConfigCreateParams),
# including the products' events this server does not emit (yet)
EVENT_NAMES = (
    "batch.cancelled", "batch.error", "batch.pending", "batch.running", "batch.success",
    "classify.cancelled", "classify.error", "classify.partial_success", "classify.pending", "classify.running",
    "classify.success",
    "extract.cancelled", "extract.error", "extract.partial_success", "extract.pending", "extract.success",
    "parse.cancelled", "parse.error", "parse.partial_success", "parse.pending", "parse.running", "parse.success",
    "sheets.cancelled", "sheets.error", "sheets.partial_success", "sheets.pending", "sheets.success",
    "split.cancelled", "split.error", "split.pending", "split.processing", "split.success",
    "unmapped_event",
    "verify.cancelled", "verify.error", "verify.pending", "verify.running", "verify.success",
)

# Assay's own events: a reviewed extraction accepted or rejected (services.review)
REVIEW_EVENT_NAMES = ("review.accepted", "review.rejected")

EVENTS = {  # (kind, status) → event name; THROTTLED and (for extract) RUNNING notify nobody
    ("extract", "PENDING"): "extract.pending",
    ("extract", "COMPLETED"): "extract.success",
    ("extract", "FAILED"): "extract.error",
    ("extract", "CANCELLED"): "extract.cancelled",
    ("parse", "PENDING"): "parse.pending",
    ("parse", "RUNNING"): "parse.running",
    ("parse", "COMPLETED"): "parse.success",
    ("parse", "FAILED"): "parse.error",
    ("parse", "CANCELLED"): "parse.cancelled",
    ("classify", "PENDING"): "classify.pending",
    ("classify", "RUNNING"): "classify.running",
    ("classify", "COMPLETED"): "classify.success",
    ("classify", "FAILED"): "classify.error",
    ("classify", "CANCELLED"): "classify.cancelled",
    ("split", "PENDING"): "split.pending",
    ("split", "RUNNING"): "split.processing",
    ("split", "COMPLETED"): "split.success",
    ("split", "FAILED"): "split.error",
    ("split", "CANCELLED"): "split.cancelled",
}


def enqueue_status_event(session: Session, job: tables.Job) -> None:
    event = EVENTS.get((job.kind, job.status))
    if event is None or not job.webhooks:
        return
    enqueue_subject_event(session, job.project_id, job.id, event, wire.render(job), job.webhooks)


def enqueue_subject_event(session: Session, project_id: str, subject_id: str, event: str, data: Any,
                          endpoints: list[dict[str, Any]]) -> None:
    """One delivery per endpoint that takes `event` (all events when its list is null); `subject_id` (a
    job or a reviewed item) is the delivery's `job_id`, so its deliveries are listed as a job's are."""
    now = utcnow()
    for endpoint in endpoints:
        events = endpoint.get("webhook_events")
        if events is not None and event not in events:
            continue
        delivery = tables.WebhookDelivery(
            id=tables.new_id("evt"), project_id=project_id, job_id=subject_id, event_type=event,
            url=endpoint["webhook_url"], headers=endpoint.get("webhook_headers"),
            webhook_config_id=endpoint.get("webhook_config_id"),
            signing_secret=endpoint.get("webhook_signing_secret"), next_attempt_at=now, created_at=now,
        )
        as_string = endpoint.get("webhook_output_format", "string") != "json"
        payload: dict[str, Any] = {
            "event_id": delivery.id, "event_type": event, "timestamp": now.isoformat(),
            "project_id": project_id, "data": _dumps(data) if as_string else data,
        }
        delivery.body = _dumps(payload)
        session.add(delivery)
    session.flush()


def _dumps(value: Any) -> str:
    return json.dumps(value, default=_default, separators=(",", ":"))


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
