from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Wire(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(Wire, Generic[T]):
    """The cursor page envelope every list endpoint shares."""

    items: list[T]
    next_page_token: str | None = None
    total_size: int | None = None


class PresignedURL(Wire):
    url: str
    expires_at: datetime
    form_fields: dict[str, str] | None = None


class Project(Wire):
    id: str
    name: str
    organization_id: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    is_default: bool = False
