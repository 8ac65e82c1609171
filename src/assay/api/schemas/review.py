"""Wire models of review (Assay's own: the vendor's review screen is cloud-only and has no public API)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assay.api.schemas.agent_data import AgentData
from assay.api.schemas.common import Wire


class Word(BaseModel):
    """A printed word: its page (1-based), text and box `[x, y, w, h]` in points, origin top left."""

    page: int
    text: str
    box: list[float] = Field(min_length=4, max_length=4)


class ReviewChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: str = Field(description="confirm | correct | clear (a field), accept | reject (the item), undo")
    path: str | None = Field(None, description="The field, as `vendor.name` or `line_items[0].amount`.")
    value: Any = Field(None, description="correct: the new value (typed text is read as the field's type).")
    words: list[Word] | None = Field(None, description="correct: the printed words the value is read from.")
    page_dimensions: dict[str, float] | None = None
    reason: str | None = Field(None, description="accept | reject: why (required to reject).")


class Revision(Wire):
    """One change: who (`key_id`, the API key), when, the field's (or status's) state before and after."""

    id: str
    item_id: str
    seq: int
    key_id: str | None = None
    action: str
    path: str | None = None
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str | None = None
    file_id: str | None = None
    words: list[dict[str, Any]] | None = None
    undoes: str | None = None
    undone: bool
    created_at: datetime


class ReviewResult(Wire):
    item: AgentData
    revision: Revision


class ReviewRuleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deployment_name: str
    collection: str | None = None
    confidence_below: float | None = 0.9
    required_empty: bool = True
    ungrounded: bool = True


class ReviewRule(ReviewRuleBody, Wire):
    model_config = ConfigDict(from_attributes=True)
    configuration_id: str
    created_at: datetime
    updated_at: datetime
