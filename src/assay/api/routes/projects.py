"""Projects: a key sees exactly one, its own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assay.api.deps import AuthDep, PrincipalDep, SessionDep
from assay.api.schemas.common import Page, Project
from assay.errors import NotFoundError
from assay.services.accounts import Principal
from assay.storage import tables

router = APIRouter(tags=["projects"])


def _own(session: SessionDep, principal: Principal) -> tables.Project:
    project = session.get(tables.Project, principal.project_id)
    assert project is not None
    return project


@router.get("/api/v1/projects")
def list_projects_v1(
    session: SessionDep, principal: PrincipalDep, project_name: Annotated[str | None, Query()] = None
) -> list[Project]:
    project = _own(session, principal)
    return [Project.model_validate(project)] if project_name in (None, project.name) else []


@router.get("/api/v2/projects")
def list_projects(
    session: SessionDep, principal: PrincipalDep, name: Annotated[str | None, Query()] = None
) -> Page[Project]:
    project = _own(session, principal)
    items = [Project.model_validate(project)] if name in (None, project.name) else []
    return Page[Project](items=items, next_page_token=None, total_size=len(items))


@router.get("/api/v1/projects/{project_id}")
@router.get("/api/v2/projects/{project_id}")
def get_project(project_id: str, session: SessionDep, principal: AuthDep,
                organization_id: str | None = None) -> Project:
    if project_id != principal.project_id or organization_id not in (None, principal.organization_id):
        raise NotFoundError(f"Project {project_id} not found.")
    return Project.model_validate(_own(session, principal))
