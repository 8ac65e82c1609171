"""Layout memory's wire models (Assay's own endpoints: the vendor has none)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from assay.api.schemas.common import Wire


class LayoutRemember(BaseModel):
    """A reviewed extract job: the values a person accepted or corrected, in the schema's shape."""

    job_id: str = Field(description="A completed per_doc extract job (`ext-…`) of this project.")
    result: dict[str, Any] = Field(description="The accepted or corrected extract_result, the whole object.")


class LayoutPlace(Wire):
    page: int | str  # 1-based, or "last"
    anchors: list[str]  # the fixed words nearest the value, best first
    box: list[float]  # where the value was printed on the example: x, y, w, h in points
    lines: int
    right: int  # times this place read the accepted value
    seen: int  # reviewed documents it was tried on
    confidence: float
    example_id: str | None = None


class Layout(Wire):
    id: str
    project_id: str
    name: str
    schema_key: str
    examples: list[str]
    fields: dict[str, list[LayoutPlace]]
    sums: list[dict[str, Any]]
    fixed_words: int
    created_at: datetime
    updated_at: datetime


class DeletedLayout(Wire):
    id: str
    project_id: str
