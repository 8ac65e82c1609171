"""Saved configurations and schema generation wire models (CONTRACT §3.4, §4.5, §3.2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from assay.api.schemas.common import Wire


class ConfigurationCreate(BaseModel):
    """Also the output of schema generation: a request ready to save."""

    model_config = ConfigDict(extra="ignore")
    name: str
    parameters: dict[str, Any]


class ConfigurationUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    parameters: dict[str, Any] | None = None


class Configuration(Wire):
    """`version` is the updated_at ISO string of the change that made it; `parameters.product_type`
    always equals `product_type` (the SDK's union discriminator)."""

    id: str
    name: str
    product_type: str
    version: str
    parameters: dict[str, Any]
    created_at: datetime | None = None
    updated_at: datetime | None = None


class SchemaGenerate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    prompt: str | None = None
    file_id: str | None = None
    data_schema: dict[str, Any] | None = None
    name: str | None = None
