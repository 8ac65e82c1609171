"""Saved configurations (`/api/v1/beta/configurations`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep, split_values
from assay.api.schemas.common import Page
from assay.api.schemas.configurations import Configuration, ConfigurationCreate, ConfigurationUpdate
from assay.services import configurations, pages

router = APIRouter(prefix="/api/v1/beta/configurations", tags=["configurations"])


def _out(view: configurations.ConfigurationView) -> Configuration:
    return Configuration.model_validate(view)


@router.post("", status_code=201)
def create_configuration(
    session: SessionDep, principal: PrincipalDep, body: ConfigurationCreate
) -> Configuration:
    """Create, or update (a new version of) the one with the same name and product type."""
    record = configurations.create(session, principal, name=body.name, parameters=body.parameters)
    return _out(configurations.current(record))


@router.get("")
def list_configurations(
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    product_type: Annotated[list[str] | None, Query()] = None,
    name: str | None = None,
    latest_only: bool = False,
    page_size: int | None = None,
    page_token: str | None = None,
) -> Page[Configuration]:
    """Every version, newest first; latest_only=true keeps the current version of each configuration."""
    settings = runtime.settings
    result = configurations.list_configurations(
        session,
        principal,
        product_types=split_values(product_type),
        name=name,
        latest_only=latest_only,
        page_token=page_token,
        page_size=pages.clamp_page_size(page_size, settings.page_size_default, settings.page_size_max),
    )
    return Page[Configuration](
        items=[_out(v) for v in result.items],
        next_page_token=result.next_page_token,
        total_size=result.total_size,
    )


@router.get("/{config_id}")
def get_configuration(config_id: str, session: SessionDep, principal: PrincipalDep) -> Configuration:
    return _out(configurations.current(configurations.get(session, principal, config_id)))


@router.put("/{config_id}")
@router.patch("/{config_id}", operation_id="patch_configuration")  # one operation id per method
def update_configuration(
    config_id: str, session: SessionDep, principal: PrincipalDep, body: ConfigurationUpdate
) -> Configuration:
    """Change the name and/or parameters; omitted ones stay. The SDK sends PUT; PATCH is the same."""
    record = configurations.update(session, principal, config_id, name=body.name, parameters=body.parameters)
    return _out(configurations.current(record))


@router.delete("/{config_id}", status_code=204)
def delete_configuration(config_id: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """Jobs that used it keep the configuration they ran with."""
    configurations.delete_configuration(session, principal, config_id)
    return Response(status_code=204)
