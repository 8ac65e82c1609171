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
