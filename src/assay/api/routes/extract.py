"""Extract v2 (`/api/v2/extract`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from assay import wire
from assay.api.deps import IdempotencyKeyHeader, PrincipalDep, RuntimeDep, SessionDep, split_values
from assay.api.schemas.common import Page
from assay.api.schemas.extract import DeletedJob, ExtractJob, ExtractJobCreate, SchemaValidation
from assay.services import idempotency, jobs, pages

router = APIRouter(prefix="/api/v2/extract", tags=["extract"])


def _out(job_wire: dict[str, Any]) -> ExtractJob:
    return ExtractJob.model_validate(job_wire)


def _utc(value: datetime | None) -> datetime | None:
    """Naive datetimes in the query (the SDK sends them for naive values) are UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


@router.post("", response_model_exclude_unset=True)
def create_job(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: ExtractJobCreate,
               idempotency_key: IdempotencyKeyHeader = None) -> ExtractJob:
    """Queue an extraction of a file (`dfl-…`) or a completed parse job (`pjb-…`). With an `Idempotency-Key`,
    the same request again within 24 h returns the first job; another body with that key is a 409."""
    def new_job() -> Any:
        return jobs.create(
            session, principal, file_input=body.file_input,
            configuration=body.configuration.model_dump(exclude_none=True) if body.configuration else None,
            configuration_id=body.configuration_id,
            webhook_configurations=[w.model_dump(exclude_none=True)
                                    for w in body.webhook_configurations or []],
            webhook_configuration_ids=body.webhook_configuration_ids,
            running_limit=runtime.settings.max_running_jobs_per_project,
            webhook_allow_private=runtime.settings.webhook_allow_private,
        )

    fingerprint = idempotency.fingerprint("extract", body.model_dump(mode="json"))
    job = idempotency.create_once(session, principal, idempotency_key, fingerprint,
                                  hours=runtime.settings.idempotency_hours, create=new_job)
    return _out(wire.extract_job(job, {"configuration"}))


@router.get("", response_model_exclude_unset=True)
def list_jobs(
    runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
    configuration_id: str | None = None,
    status: str | None = None,
    file_input: str | None = None,
    document_input_value: Annotated[str | None, Query(deprecated=True)] = None,
    document_input_type: str | None = None,
    job_ids: Annotated[list[str] | None, Query()] = None,
    created_at_on_or_after: datetime | None = None,
    created_at_on_or_before: datetime | None = None,
    expand: Annotated[list[str] | None, Query()] = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> Page[ExtractJob]:
    """Extract jobs, newest first."""
    settings = runtime.settings
    flt = jobs.JobFilter(
        configuration_id=configuration_id, status=status, file_input=file_input or document_input_value,
        job_ids=job_ids, document_input_type=document_input_type,
        created_at_on_or_after=_utc(created_at_on_or_after), created_at_on_or_before=_utc(created_at_on_or_before),
    )
    result = jobs.list_jobs(session, principal, flt, page_token=page_token,
                            page_size=pages.clamp_page_size(page_size, settings.page_size_default,
                                                            settings.page_size_max))
    wanted = split_values(expand)
    return Page[ExtractJob](items=[_out(wire.extract_job(j, wanted)) for j in result.items],
                            next_page_token=result.next_page_token, total_size=result.total_size)


@router.post("/schema/validation")
def validate_schema(body: SchemaValidation) -> SchemaValidation:
    """Validate a data_schema; returns it normalized (refs resolved), ready for extract jobs."""
    from assay.domain.schema import normalize_schema

    return SchemaValidation(data_schema=normalize_schema(body.data_schema))


@router.get("/{job_id}", response_model_exclude_unset=True)
def get_job(job_id: str, session: SessionDep, principal: PrincipalDep,
            expand: Annotated[list[str] | None, Query()] = None) -> ExtractJob:
    return _out(wire.extract_job(jobs.get(session, principal, job_id), split_values(expand)))


@router.post("/{job_id}/cancel", response_model_exclude_unset=True)
def cancel_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> ExtractJob:
    """Cancel a queued or running job; a running one stops at its next step."""
    return _out(wire.extract_job(jobs.cancel(session, principal, job_id)))


@router.delete("/{job_id}", responses={409: {"description": "The job is not finished; pass force=true."}})
def delete_job(job_id: str, session: SessionDep, principal: PrincipalDep, force: bool = False) -> DeletedJob:
    """Delete a finished job (or any job with force=true). Returns 200 with a JSON object."""
    return DeletedJob(**jobs.delete(session, principal, job_id, force=force))
