"""Saved webhook configurations, the endpoint list a job is created with, and the deliveries made.

A webhook is refused when it is saved or a job is created with it, not found undeliverable later: its
URL must reach an address this server delivers to (`webhooks.guard.check_destination`, which
ASSAY_WEBHOOK_ALLOW_PRIVATE relaxes) and each event name must be one of the SDK's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assay.errors import InvalidFieldError, InvalidRequestError, NotFoundError, WebhookEventError
from assay.services import pages
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.tables import utcnow
from assay.webhooks.guard import check_destination
from assay.webhooks.outbox import EVENT_NAMES, REVIEW_EVENT_NAMES

FORMATS = ("string", "json")
FIELDS = ("webhook_url", "webhook_events", "webhook_headers", "webhook_output_format")


def validate(fields: dict[str, Any], *, allow_private: bool) -> None:
    if fields.get("webhook_url") is not None:
        check_destination(str(fields["webhook_url"]), allow_private=allow_private)
    events = fields.get("webhook_events")
    if events == []:
        raise InvalidFieldError("webhook_events must not be empty; omit it (null) for every event.")
    known = EVENT_NAMES + REVIEW_EVENT_NAMES
    unknown = [e for e in events or () if e not in known]
    if unknown:
        raise WebhookEventError(f"Unknown webhook event {unknown[0]!r}; the events are {', '.join(known)}.")
    fmt = fields.get("webhook_output_format")
    if fmt is not None and fmt not in FORMATS:
        raise InvalidFieldError(f"webhook_output_format must be one of {', '.join(FORMATS)}.")


def endpoint(fields: dict[str, Any], *, allow_private: bool) -> dict[str, Any]:
    if not fields.get("webhook_url"):
        raise InvalidRequestError("webhook_url is required.")
    validate(fields, allow_private=allow_private)
    return {
        "webhook_url": fields["webhook_url"],
        "webhook_events": fields.get("webhook_events"),
        "webhook_headers": fields.get("webhook_headers") or {},
        "webhook_output_format": fields.get("webhook_output_format") or "string",
        "webhook_signing_secret": fields.get("webhook_signing_secret"),
    }


def resolve_endpoints(session: Session, principal: Principal, inline: list[dict[str, Any]],
                      ids: list[str], *, allow_private: bool) -> list[dict[str, Any]]:
    """The endpoints a new job notifies; saved ones are checked again (the server's settings may have changed)."""
    endpoints = [endpoint(item, allow_private=allow_private) for item in inline]
    for config_id in ids:
        record = get(session, principal, config_id)
        endpoints.append({**endpoint({f: getattr(record, f) for f in FIELDS}, allow_private=allow_private),
                          "webhook_signing_secret": record.signing_secret, "webhook_config_id": record.id})
    return endpoints


def create(session: Session, principal: Principal, fields: dict[str, Any], *,
           allow_private: bool) -> tables.WebhookConfig:
    spec = endpoint(fields, allow_private=allow_private)
    record = tables.WebhookConfig(
        project_id=principal.project_id, webhook_url=spec["webhook_url"], webhook_events=spec["webhook_events"],
        webhook_headers=spec["webhook_headers"], webhook_output_format=spec["webhook_output_format"],
        signing_secret=spec["webhook_signing_secret"],
    )
    session.add(record)
    session.flush()
    return record


def get(session: Session, principal: Principal, config_id: str) -> tables.WebhookConfig:
    record = session.get(tables.WebhookConfig, config_id)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"Webhook configuration {config_id} not found.")
    return record


def update(session: Session, principal: Principal, config_id: str, fields: dict[str, Any], *,
           allow_private: bool) -> tables.WebhookConfig:
    """Only the fields present change; sending webhook_signing_secret rotates it."""
    record = get(session, principal, config_id)
    validate(fields, allow_private=allow_private)
    for name in FIELDS:
        if name in fields and (fields[name] is not None or name == "webhook_events"):
            setattr(record, name, fields[name])
    if "webhook_signing_secret" in fields:
        record.signing_secret = fields["webhook_signing_secret"]
    record.updated_at = utcnow()
    session.flush()
    return record


def delete(session: Session, principal: Principal, config_id: str) -> None:
    session.delete(get(session, principal, config_id))
    session.flush()


def list_configs(session: Session, principal: Principal, *, page_size: int | None = None,
                 page_token: str | None = None) -> tuple[list[tables.WebhookConfig], str | None]:
    W = tables.WebhookConfig
    query = pages.after_desc(select(W).where(W.project_id == principal.project_id), W.created_at, W.id, page_token)
    if page_size is None:
        return list(session.scalars(query)), None
    rows = list(session.scalars(query.limit(page_size + 1)))
    if len(rows) > page_size:
        rows = rows[:page_size]
        return rows, pages.encode_token([rows[-1].created_at, rows[-1].id])
    return rows, None


def to_wire(record: tables.WebhookConfig) -> dict[str, Any]:
    return {
        "id": record.id, "webhook_url": record.webhook_url, "has_secret": bool(record.signing_secret),
        "tenant_id": record.project_id, "tenant_type": "project", "webhook_events": record.webhook_events,
        "webhook_headers": record.webhook_headers, "webhook_output_format": record.webhook_output_format,
        "created_at": record.created_at, "updated_at": record.updated_at,
    }


def list_deliveries(session: Session, principal: Principal, *, job_id: str | None, webhook_config_id: str | None,
                    page_size: int, page_token: str | None) -> tuple[list[tables.WebhookDelivery], str | None]:
    """This project's webhook deliveries, newest first, of one job and/or one saved configuration."""
    D = tables.WebhookDelivery
    query = select(D).where(D.project_id == principal.project_id)
    if job_id is not None:
        query = query.where(D.job_id == job_id)
    if webhook_config_id is not None:
        query = query.where(D.webhook_config_id == webhook_config_id)
    rows = list(session.scalars(pages.after_desc(query, D.created_at, D.id, page_token).limit(page_size + 1)))
    if len(rows) > page_size:
        rows = rows[:page_size]
        return rows, pages.encode_token([rows[-1].created_at, rows[-1].id])
    return rows, None


def delivery_to_wire(row: tables.WebhookDelivery) -> dict[str, Any]:
    """One event to one endpoint and how its delivery went; `id` is the payload's `event_id`."""
    return {
        "id": row.id, "job_id": row.job_id, "webhook_config_id": row.webhook_config_id,
        "event_type": row.event_type, "webhook_url": row.url, "status": row.status, "attempts": row.attempts,
        "last_response_status": row.last_response_status, "last_error": row.last_error,
        "next_attempt_at": row.next_attempt_at if row.status == "pending" else None,
        "created_at": row.created_at, "delivered_at": row.delivered_at,
    }
