"""Files API (`/api/v1/beta/files`), field for field as LlamaCloud's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep, public_base_url, split_values
from assay.api.schemas.common import Page, PresignedURL
from assay.api.schemas.files import File, FileQuery
from assay.errors import PayloadTooLargeError
from assay.services import files, pages
from assay.storage import tables

router = APIRouter(prefix="/api/v1/beta/files", tags=["files"])


def _wire(record: tables.File, presigned: dict[str, object] | None = None) -> File:
    wire = File.model_validate(record)
    wire.file_size = record.size
    if presigned:
        wire.download_url = PresignedURL.model_validate(presigned)
    return wire


@router.post("", status_code=201)
def upload_file(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    file: UploadFile,
    purpose: Annotated[str, Form()],
    external_file_id: Annotated[str | None, Form()] = None,
) -> File:
    """Upload a file (multipart). The type is sniffed from the bytes, never taken from the name."""
    limit = runtime.settings.max_upload_bytes
    if file.size is not None and file.size > limit:
        raise PayloadTooLargeError(f"The upload is {file.size} bytes; the limit is {limit} bytes.")
    record = files.upload(
        session, runtime.blobs, principal, source=file.file, name=file.filename,
        purpose=purpose, external_file_id=external_file_id, max_bytes=limit,
    )
    return _wire(record)


@router.get("")
def list_files(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    principal: PrincipalDep,
    expand: Annotated[list[str] | None, Query()] = None,
    external_file_id: Annotated[str | None, Query()] = None,
    file_ids: Annotated[list[str] | None, Query()] = None,
    file_name: Annotated[str | None, Query()] = None,
    order_by: Annotated[str | None, Query()] = None,
    page_size: Annotated[int | None, Query()] = None,
    page_token: Annotated[str | None, Query()] = None,
) -> Page[File]:
    settings = runtime.settings
    result = files.list_files(
        session, principal, file_ids=file_ids, file_name=file_name, external_file_id=external_file_id,
        order_by=order_by, page_token=page_token,
        page_size=pages.clamp_page_size(page_size, settings.page_size_default, settings.page_size_max),
    )
    with_url = "download_url" in split_values(expand)
    base = public_base_url(request, runtime)
    items = [_wire(r, files.presign(session, r, base) if with_url else None) for r in result.items]
    return Page[File](items=items, next_page_token=result.next_page_token, total_size=result.total_size)


@router.post("/query")
def query_files(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: FileQuery) -> Page[File]:
    """Deprecated search; the same as the list endpoint with the filter in the body."""
    flt = body.filter
    settings = runtime.settings
    if flt and flt.project_id and flt.project_id != principal.project_id:
        return Page[File](items=[], next_page_token=None, total_size=0)
    order = (body.order_by or "").split(",")[0].strip() or None
    result = files.list_files(
        session, principal,
        file_ids=flt.file_ids if flt else None,
        file_name=flt.file_name if flt else None,
        external_file_id=flt.external_file_id if flt else None,
        order_by=order, page_token=body.page_token,
        page_size=pages.clamp_page_size(body.page_size, settings.page_size_default, settings.page_size_max),
    )
    return Page[File](items=[_wire(r) for r in result.items], next_page_token=result.next_page_token,
                      total_size=result.total_size)


@router.get("/{file_id}")
def get_file(
    file_id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
    expand: Annotated[list[str] | None, Query()] = None,
) -> File:
    record = files.get(session, principal, file_id)
    presigned = None
    if "download_url" in split_values(expand):
        presigned = files.presign(session, record, public_base_url(request, runtime))
    return _wire(record, presigned)


@router.get("/{file_id}/content")
def file_content(
    file_id: str, request: Request, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
    expires_at_seconds: Annotated[int | None, Query()] = None,
) -> PresignedURL:
    """A signed, absolute URL that downloads the file without the Authorization header."""
    record = files.get(session, principal, file_id)
    presigned = files.presign(session, record, public_base_url(request, runtime), expires_at_seconds or 3600)
    return PresignedURL.model_validate(presigned)


@router.get("/{file_id}/download", include_in_schema=False)
def download(file_id: str, runtime: RuntimeDep, session: SessionDep, expires: int, signature: str) -> StreamingResponse:
    record = files.verify_download(session, file_id, expires, signature)
    stream = runtime.blobs.open(record.blob_key)

    def chunks():  # type: ignore[no-untyped-def]
        with stream:
            while chunk := stream.read(1024 * 1024):
                yield chunk

    disposition = "attachment; filename*=UTF-8''" + _quote(record.name)
    return StreamingResponse(chunks(), media_type=record.mime_type,
                             headers={"Content-Disposition": disposition, "Content-Length": str(record.size)})


@router.delete("/{file_id}", status_code=204)
def delete_file(file_id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> Response:
    files.delete(session, runtime.blobs, principal, file_id)
    return Response(status_code=204)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
