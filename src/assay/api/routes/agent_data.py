"""The SDK's agent-data store: `/api/v1/beta/agent-data` (create, get, update, delete, `:search`,
`:aggregate`, `:delete` by query), every item in the caller's project."""

from __future__ import annotations

from fastapi import APIRouter

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.agent_data import (
    AgentData,
    AgentDataAggregate,
    AgentDataCreate,
    AgentDataSearch,
    AgentDataUpdate,
    AggregateGroup,
    DeleteByQueryResult,
    ScopeBody,
)
from assay.api.schemas.common import Page
from assay.runtime import Runtime
from assay.services import agent_data, pages

router = APIRouter(prefix="/api/v1/beta/agent-data", tags=["agent-data"])


def _out(record) -> AgentData:  # type: ignore[no-untyped-def]
    return AgentData.model_validate(agent_data.to_wire(record))


def _scope(body: ScopeBody) -> agent_data.Scope:
    return agent_data.Scope(body.deployment_name, body.collection or agent_data.DEFAULT_COLLECTION, body.filters())


def _size(runtime: Runtime, page_size: int | None) -> int:
    return pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)


@router.post("")
def create(session: SessionDep, principal: PrincipalDep, body: AgentDataCreate) -> AgentData:
    return _out(agent_data.create(session, principal, body.deployment_name, body.collection, body.data))


@router.post("/:search")
def search(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: AgentDataSearch) -> Page[AgentData]:
    rows, token, total = agent_data.search(
        session, principal, _scope(body), order_by=body.order_by, offset=body.offset, page_token=body.page_token,
        page_size=_size(runtime, body.page_size), include_total=body.include_total)
    return Page[AgentData](items=[_out(r) for r in rows], next_page_token=token, total_size=total)


@router.post("/:aggregate")
def aggregate(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
              body: AgentDataAggregate) -> Page[AggregateGroup]:
    groups, token = agent_data.aggregate(
        session, principal, _scope(body), group_by=body.group_by or [], count=bool(body.count),
        first=bool(body.first), order_by=body.order_by, offset=body.offset, page_token=body.page_token,
        page_size=_size(runtime, body.page_size))
    return Page[AggregateGroup](items=[AggregateGroup.model_validate(g) for g in groups], next_page_token=token)


@router.post("/:delete")
def delete_by_query(session: SessionDep, principal: PrincipalDep, body: ScopeBody) -> DeleteByQueryResult:
    return DeleteByQueryResult(deleted_count=agent_data.delete_by_query(session, principal, _scope(body)))


@router.get("/{item_id}")
def get(item_id: str, session: SessionDep, principal: PrincipalDep) -> AgentData:
    return _out(agent_data.get(session, principal, item_id))


@router.put("/{item_id}")
def update(item_id: str, session: SessionDep, principal: PrincipalDep, body: AgentDataUpdate) -> AgentData:
    return _out(agent_data.update(session, principal, item_id, body.data))


@router.delete("/{item_id}")
def delete(item_id: str, session: SessionDep, principal: PrincipalDep) -> dict[str, str]:
    agent_data.delete_item(session, principal, item_id)
    return {"id": item_id}
