"""Extract v2 wire models (CONTRACT §3.2, §4.1, §4.2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assay.api.schemas.common import Wire


class WebhookConfiguration(BaseModel):
    model_config = ConfigDict(extra="ignore")
    webhook_url: str
    webhook_events: list[str] | None = None
    webhook_headers: dict[str, str] | None = None
    webhook_output_format: Literal["string", "json"] | None = None
    webhook_signing_secret: str | None = None


class ExtractConfiguration(BaseModel):
    """Unknown keys are accepted and kept (newer SDKs send new ones)."""

    model_config = ConfigDict(extra="allow")
    data_schema: dict[str, Any]
    tier: str | None = None
    version: str | None = None
    extract_version: str | None = None
    extraction_target: str | None = None
    system_prompt: str | None = None
    cite_sources: bool | None = None
    confidence_scores: bool | None = None
    advanced_citations: bool | None = None
    target_pages: str | None = None
    max_pages: int | None = None
    parse_tier: str | None = None
    parse_config_id: str | None = None
    disable_cache: bool | None = None
    spreadsheet_mode: bool | None = None
    sheet_names: list[str] | None = None


class ExtractJobCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    file_input: str = Field(max_length=200)
    configuration: ExtractConfiguration | None = None
    configuration_id: str | None = None
    webhook_configuration_ids: list[str] | None = None
    webhook_configurations: list[WebhookConfiguration] | None = None


class ExtractJob(Wire):
    model_config = ConfigDict(extra="allow")
    id: str
    project_id: str
    file_input: str
    status: str
    created_at: datetime
    updated_at: datetime
    configuration_id: str | None = None
    configuration: dict[str, Any] | None = None
    error_message: str | None = None
    extract_result: dict[str, Any] | list[Any] | None = None
    extract_metadata: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None
    warnings: list[dict[str, Any]] = Field(default_factory=list, description=(
        "Assay's own: what a completed job's values do not say (pipeline.outcome): no_readable_text, "
        "unreadable_text, required_fields_missing (with `fields`), pages_not_read (with `pages`: "
        "[{page_number, error}]), replaced_characters (with `count` and `pages`)."))


class SchemaValidation(BaseModel):
    data_schema: dict[str, Any]


class DeletedJob(BaseModel):
    id: str
    project_id: str
