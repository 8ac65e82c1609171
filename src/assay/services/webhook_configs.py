"""Saved webhook configurations, and the endpoint list a job is created with."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assay.errors import InvalidFieldError, InvalidRequestError, NotFoundError
from assay.services import pages
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.tables import utcnow
from assay.webhooks.guard import check_url_syntax

FORMATS = ("string", "json")
FIELDS = ("webhook_url", "webhook_events", "webhook_headers", "webhook_output_format")


def validate(fields: dict[str, Any]) -> None:
    if "webhook_url" in fields:
        check_url_syntax(str(fields["webhook_url"]))
    if fields.get("webhook_events") == []:
        raise InvalidFieldError("webhook_events must not be empty; omit it (null) for every event.")
    fmt = fields.get("webhook_output_format")
    if fmt is not None and fmt not in FORMATS:
        raise InvalidFieldError(f"webhook_output_format must be one of {', '.join(FORMATS)}.")


def endpoint(fields: dict[str, Any]) -> dict[str, Any]:
    validate(fields)
    if not fields.get("webhook_url"):
        raise InvalidRequestError("webhook_url is required.")
    return {
        "webhook_url": fields["webhook_url"],
        "webhook_events": fields.get("webhook_events"),
        "webhook_headers": fields.get("webhook_headers") or {},
        "webhook_output_format": fields.get("webhook_output_format") or "string",
        "webhook_signing_secret": fields.get("webhook_signing_secret"),
    }


def resolve_endpoints(session: Session, principal: Principal, inline: list[dict[str, Any]],
                      ids: list[str]) -> list[dict[str, Any]]:
    endpoints = [endpoint(item) for item in inline]
    for config_id in ids:
        record = get(session, principal, config_id)
        endpoints.append({**endpoint({f: getattr(record, f) for f in FIELDS}),
                          "webhook_signing_secret": record.signing_secret})
    return endpoints


def create(session: Session, principal: Principal, fields: dict[str, Any]) -> tables.WebhookConfig:
    spec = endpoint(fields)
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


def update(session: Session, principal: Principal, config_id: str, fields: dict[str, Any]) -> tables.WebhookConfig:
    """Only the fields present change; sending webhook_signing_secret rotates it."""
    record = get(session, principal, config_id)
    validate(fields)
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
