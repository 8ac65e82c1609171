"""Page images of uploaded files, for the web UI: `GET /api/v1/beta/files/{id}/pages[/{n}.png]`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from assay.api.deps import PrincipalDep, RuntimeDep
from assay.services import page_images

router = APIRouter(prefix="/api/v1/beta/files", tags=["pages"])


class PageSize(BaseModel):
    page: int  # 1-based
    width: float  # points, the frame citation boxes use
    height: float


class FilePages(BaseModel):
    file_id: str
    page_count: int
    render: str  # pdf | image | text (a white page with the parsed words drawn at their boxes)
    pages: list[PageSize]


@router.get("/{file_id}/pages")
def list_pages(file_id: str, runtime: RuntimeDep, principal: PrincipalDep) -> FilePages:
    """The file's pages and their sizes in points."""
    record = page_images.lookup(runtime, principal, file_id)
    sizes = page_images.page_sizes(runtime, record)
    return FilePages(file_id=record.id, page_count=len(sizes), render=page_images.kind(record),
                     pages=[PageSize(page=s.number, width=s.width, height=s.height) for s in sizes])


class PageWord(BaseModel):
    text: str
    box: list[float]  # [x, y, w, h] in points, origin top left


class PageWords(BaseModel):
    page: int
    width: float
    height: float
    words: list[PageWord]


@router.get("/{file_id}/pages/{number:int}/words")
def page_words(file_id: str, number: int, runtime: RuntimeDep, principal: PrincipalDep) -> PageWords:
    """Page `number`'s printed words and their boxes, in the frame of its citations (for the review screen)."""
    record = page_images.lookup(runtime, principal, file_id)
    size, words = page_images.page_words(runtime, record, number)
    return PageWords(page=size.number, width=size.width, height=size.height,
                     words=[PageWord(text=text, box=list(box)) for text, box in words])


@router.get("/{file_id}/pages/{number:int}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}, 404: {"description": "No such file or page."}})
def page_png(
    file_id: str, number: int, request: Request, runtime: RuntimeDep, principal: PrincipalDep,
    width: Annotated[int, Query(ge=page_images.MIN_WIDTH, le=page_images.MAX_WIDTH)] = 800,
) -> Response:
    """Page `number` (1-based) rendered as a PNG `width` pixels wide; cached on the server."""
    record = page_images.lookup(runtime, principal, file_id)
    etag = f'"{record.sha256[:32]}-{page_images.RENDER_VERSION}-{number}-{width}"'
    headers = {"ETag": etag, "Cache-Control": "private, max-age=86400"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    png = page_images.render_png(runtime, record, number, width)
    return Response(png, media_type="image/png", headers=headers)
