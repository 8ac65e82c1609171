"""Wire models of the SDK's agent-data store (`llama_cloud.types.beta.agent_data*`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from assay.api.schemas.common import Wire

Scalar = float | str | None


class Filter(BaseModel):
    """One field's comparisons; every one given must hold (an unknown operator is refused with its name)."""

    model_config = ConfigDict(extra="allow")
    eq: Scalar = None
    ne: Scalar = None
    gt: Scalar = None
    gte: Scalar = None
    lt: Scalar = None
    lte: Scalar = None
    includes: list[Scalar] | None = None
    excludes: list[Scalar] | None = None


class AgentDataCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    data: dict[str, Any]
    deployment_name: str
    collection: str | None = None


class AgentDataUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")
    data: dict[str, Any]


class ScopeBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    deployment_name: str
    collection: str | None = None
    filter: dict[str, Filter] | None = None

    def filters(self) -> dict[str, dict[str, Any]]:
        """Each field's operators as sent (an explicit `eq: null` included)."""
        return {name: f.model_dump(exclude_unset=True) for name, f in (self.filter or {}).items()}


class AgentDataSearch(ScopeBody):
    include_total: bool = False
    offset: int | None = None
    order_by: str | None = None
    page_size: int | None = None
    page_token: str | None = None


class AgentDataAggregate(ScopeBody):
    count: bool | None = None
    first: bool | None = None
    group_by: list[str] | None = None
    offset: int | None = None
    order_by: str | None = None
    page_size: int | None = None
    page_token: str | None = None


class AgentData(Wire):
    id: str
    deployment_name: str
    collection: str
    data: dict[str, Any]
    project_id: str
    created_at: datetime
    updated_at: datetime


class AggregateGroup(Wire):
    group_key: dict[str, Any]
    count: int | None = None
    first_item: dict[str, Any] | None = None


class DeleteByQueryResult(Wire):
    deleted_count: int
