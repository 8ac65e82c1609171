from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from assay.api.schemas.common import Wire


class WebhookConfigCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    webhook_url: str
    webhook_events: list[str] | None = None
    webhook_headers: dict[str, str] | None = None
    webhook_output_format: str | None = None
    webhook_signing_secret: str | None = None


class WebhookConfigUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    webhook_url: str | None = None
    webhook_events: list[str] | None = None
    webhook_headers: dict[str, str] | None = None
    webhook_output_format: str | None = None
    webhook_signing_secret: str | None = None


class WebhookConfig(Wire):
    """The signing secret is write-only: only `has_secret` comes back."""

    id: str
    webhook_url: str
    has_secret: bool
    tenant_id: str
    tenant_type: str = "project"
    webhook_events: list[str] | None = None
    webhook_headers: dict[str, str] | None = None
    webhook_output_format: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class WebhookDelivery(Wire):
    """One event sent (or being sent) to one endpoint: `status` is pending | delivered | failed (gave up
    after ASSAY_WEBHOOK_MAX_ATTEMPTS); `last_response_status` is the HTTP status of the last attempt (null
    when none came back), `last_error` why that attempt failed."""

    id: str
    job_id: str
    webhook_config_id: str | None = None
    event_type: str
    webhook_url: str
    status: str
    attempts: int
    last_response_status: int | None = None
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    created_at: datetime
    delivered_at: datetime | None = None
