"""Layout memory (`/api/v1/layouts`, Assay's own): remember a reviewed extract job; list, inspect and
delete the project's remembered layouts."""

from __future__ import annotations

from fastapi import APIRouter

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.common import Page
from assay.api.schemas.layouts import DeletedLayout, Layout, LayoutRemember
from assay.services import layouts, pages

router = APIRouter(prefix="/api/v1/layouts", tags=["layouts"])


def _out(record) -> Layout:  # type: ignore[no-untyped-def]
    return Layout.model_validate(layouts.to_wire(record))


@router.post("", status_code=201)
def remember(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: LayoutRemember) -> Layout:
    """Learn the layout of a completed extract job from its accepted (or corrected) result: the next
    documents of that layout are read where this one printed each value."""
    return _out(layouts.remember_job(session, runtime, principal, body.job_id, body.result))


@router.get("")
def list_layouts(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, page_size: int | None = None,
                 page_token: str | None = None) -> Page[Layout]:
    """The project's remembered layouts, newest first."""
    size = pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)
    rows, token = layouts.list_layouts(session, principal, page_size=size, page_token=page_token)
    return Page[Layout](items=[_out(r) for r in rows], next_page_token=token)


@router.get("/{layout_id}")
def get_layout(layout_id: str, session: SessionDep, principal: PrincipalDep) -> Layout:
    return _out(layouts.get(session, principal, layout_id))


@router.delete("/{layout_id}")
def delete_layout(layout_id: str, session: SessionDep, principal: PrincipalDep) -> DeletedLayout:
    """Forget a layout: documents of it are read by the engine alone again."""
    layouts.delete(session, principal, layout_id)
    return DeletedLayout(id=layout_id, project_id=principal.project_id)
