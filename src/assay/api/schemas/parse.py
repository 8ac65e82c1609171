"""Parse v2 wire models (CONTRACT §3.3, §4.6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from assay.api.schemas.common import Wire


class ParseJobCreate(BaseModel):
    """Options Assay cannot honour are accepted, kept with the job, and ignored."""

    model_config = ConfigDict(extra="allow")
    tier: str
    version: str = "latest"
    file_id: str | None = None
    source_url: str | None = None
    configuration_id: str | None = None
    page_ranges: dict[str, Any] | None = None
    user_metadata: dict[str, str] | None = None
    webhook_configuration_ids: list[str] | None = None
    webhook_configurations: list[dict[str, Any]] | None = None


class ParseJob(Wire):
    id: str
    project_id: str
    status: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    error_message: str | None = None
    name: str | None = None
    tier: str | None = None
    usage: dict[str, Any] | None = None
    user_metadata: dict[str, str] | None = None


class ParseResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    job: ParseJob
