"""Classify and split wire models. Configurations are taken as JSON objects and checked by the services
(`classify_jobs`, `split_jobs`), so that every problem gets its own message and stable code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assay.api.schemas.common import Wire
from assay.api.schemas.extract import WebhookConfiguration


class _JobCreate(BaseModel):
    """What a classify and a split job's create body share: the configuration, inline or saved, and webhooks."""

    model_config = ConfigDict(extra="ignore")
    configuration: dict[str, Any] | None = None
    configuration_id: str | None = None
    transaction_id: str | None = Field(default=None, max_length=200)
    webhook_configuration_ids: list[str] | None = None
    webhook_configurations: list[WebhookConfiguration] | None = None


class ClassifyJobCreate(_JobCreate):
    file_input: str | None = Field(default=None, max_length=200)
    file_id: str | None = Field(default=None, max_length=200)  # deprecated by the vendor: file_input
    parse_job_id: str | None = Field(default=None, max_length=200)  # deprecated by the vendor: file_input


class ClassifyJob(Wire):
    id: str
    project_id: str
    user_id: str
    status: str
    file_input: str
    document_input_type: str
    parse_job_id: str | None = None
    configuration: dict[str, Any]
    configuration_id: str | None = None
    transaction_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    error_message: str | None = None
    result: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None


class SplitJobCreate(_JobCreate):
    file_input: str = Field(max_length=200)


class DocumentInput(BaseModel):
    type: str
    value: str = Field(max_length=200)


class BetaSplitJobCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    document_input: DocumentInput
    configuration: dict[str, Any] | None = None
    configuration_id: str | None = None


class SplitJob(Wire):
    id: str
    project_id: str
    user_id: str
    status: str
    file_input: str
    document_input_type: str
    categories: list[dict[str, Any]]
    splitting_strategy: dict[str, Any] | None = None
    target_pages: str | None = None
    parse_tier: str | None = None
    parse_config_id: str | None = None
    configuration_id: str | None = None
    transaction_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    error_message: str | None = None
    result: dict[str, Any] | None = None


class BetaSplitJob(Wire):
    id: str
    project_id: str
    user_id: str
    status: str
    document_input: DocumentInput
    categories: list[dict[str, Any]]
    configuration_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    error_message: str | None = None
    result: dict[str, Any] | None = None
