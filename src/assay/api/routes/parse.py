"""Parse v2 (`/api/v2/parse`): the document model as text, markdown and items per page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, UploadFile
from pydantic import ValidationError

from assay import wire
from assay.api.deps import IdempotencyKeyHeader, PrincipalDep, RuntimeDep, SessionDep, split_values
from assay.api.schemas.common import Page
from assay.api.schemas.extract import DeletedJob
from assay.api.schemas.parse import ParseJob, ParseJobCreate, ParseResult
from assay.domain.job import JobKind
from assay.errors import InvalidRequestError
from assay.services import files, idempotency, jobs, pages, parse_jobs

router = APIRouter(prefix="/api/v2/parse", tags=["parse"])


def _new_job(runtime: Any, session: Any, principal: Any, body: ParseJobCreate, file_id: str | None) -> Any:
    params = body.model_dump(exclude_none=True, exclude={"file_id", "webhook_configuration_ids"})
    return parse_jobs.create(session, principal, params, file_id=file_id,
                             webhook_configuration_ids=body.webhook_configuration_ids,
                             webhook_allow_private=runtime.settings.webhook_allow_private)


def _create(runtime: Any, session: Any, principal: Any, body: ParseJobCreate, file_id: str | None) -> ParseJob:
    return ParseJob.model_validate(wire.parse_job(_new_job(runtime, session, principal, body, file_id)))


@router.post("")
def create_parse_job(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: ParseJobCreate,
                     idempotency_key: IdempotencyKeyHeader = None) -> ParseJob:
    """Parse an uploaded file (`file_id`). An `Idempotency-Key` works as on POST /api/v2/extract."""
    fingerprint = idempotency.fingerprint("parse", body.model_dump(mode="json"))
    job = idempotency.create_once(session, principal, idempotency_key, fingerprint,
                                  hours=runtime.settings.idempotency_hours,
                                  create=lambda: _new_job(runtime, session, principal, body, body.file_id))
    return ParseJob.model_validate(wire.parse_job(job))


@router.post("/upload")
def upload_and_parse(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, file: UploadFile,
                     configuration: Annotated[str, Form()] = "{}") -> ParseJob:
    """Upload a file and parse it; `configuration` is a JSON string form field, as the SDK sends it."""
    try:
        body = ParseJobCreate.model_validate(json.loads(configuration))
    except (ValueError, ValidationError) as exc:
        raise InvalidRequestError(f"configuration must be a JSON object with tier and version: {exc}") from exc
    record = files.upload(session, runtime.blobs, principal, source=file.file, name=file.filename,
                          purpose="parse", max_bytes=runtime.settings.max_upload_bytes)
    return _create(runtime, session, principal, body, record.id)


@router.get("/versions")
def versions() -> dict[str, Any]:
    return parse_jobs.versions()


@router.get("")
def list_parse_jobs(
    runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
    status: str | None = None,
    job_ids: Annotated[list[str] | None, Query()] = None,
    created_at_on_or_after: datetime | None = None,
    created_at_on_or_before: datetime | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> Page[ParseJob]:
    def utc(value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value

    flt = jobs.JobFilter(status=status, job_ids=job_ids, created_at_on_or_after=utc(created_at_on_or_after),
                         created_at_on_or_before=utc(created_at_on_or_before))
    size = pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)
    result = jobs.list_jobs(session, principal, flt, page_size=size, page_token=page_token, kind=JobKind.PARSE)
    return Page[ParseJob](items=[ParseJob.model_validate(wire.parse_job(j)) for j in result.items],
                          next_page_token=result.next_page_token, total_size=result.total_size)


@router.get("/{job_id}", response_model_exclude_unset=True)
def get_parse_job(job_id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                  expand: Annotated[list[str] | None, Query()] = None) -> ParseResult:
    job = jobs.get(session, principal, job_id, JobKind.PARSE)
    wanted = split_values(expand)
    document = parse_jobs.load_document(runtime.blobs, job) if wanted else None
    return ParseResult.model_validate(parse_jobs.output(job, document, wanted))


@router.post("/{job_id}/cancel")
def cancel_parse_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> ParseJob:
    job = jobs.cancel(session, principal, job_id, JobKind.PARSE)
    return ParseJob.model_validate(wire.parse_job(job))


@router.delete("/{job_id}")
def delete_parse_job(job_id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep) -> DeletedJob:
    """Delete a finished parse job and its output (a running one must be cancelled first)."""
    return DeletedJob(**parse_jobs.delete(session, runtime.blobs, principal, job_id))
