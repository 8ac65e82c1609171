"""Classify (`/api/v2/classify`): which of the user's rules a document is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from assay import wire
from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.common import Page
from assay.api.schemas.extract import DeletedJob
from assay.api.schemas.sorting import ClassifyJob, ClassifyJobCreate
from assay.domain.job import JobKind
from assay.services import classify_jobs, idempotency, jobs, pages

router = APIRouter(prefix="/api/v2/classify", tags=["classify"])


def _out(job: object) -> ClassifyJob:
    return ClassifyJob.model_validate(wire.classify_job(job))  # type: ignore[arg-type]


def utc(value: datetime | None) -> datetime | None:
    """Naive datetimes in the query (the SDK sends them for naive values) are UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


@router.post("")
def create_classify_job(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                        body: ClassifyJobCreate) -> ClassifyJob:
    """Classify a file (`dfl-…`) or a completed parse job (`pjb-…`) against `configuration.rules` (or a
    saved classify_v2 configuration). A `transaction_id` used before returns that job."""
    job = idempotency.create_once_per_transaction(
        session, principal, "classify", body.transaction_id, hours=runtime.settings.idempotency_hours,
        create=lambda: classify_jobs.create(
            session, principal, file_input=body.file_input or body.file_id or body.parse_job_id,
            configuration=body.configuration, configuration_id=body.configuration_id,
            transaction_id=body.transaction_id,
            webhook_configurations=[w.model_dump(exclude_none=True) for w in body.webhook_configurations or []],
            webhook_configuration_ids=body.webhook_configuration_ids,
            webhook_allow_private=runtime.settings.webhook_allow_private))
    return _out(job)


@router.get("")
def list_classify_jobs(
    runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
    configuration_id: str | None = None,
    status: str | None = None,
    job_ids: Annotated[list[str] | None, Query()] = None,
    created_at_on_or_after: datetime | None = None,
    created_at_on_or_before: datetime | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> Page[ClassifyJob]:
    """Classify jobs, newest first."""
    settings = runtime.settings
    flt = jobs.JobFilter(configuration_id=configuration_id, status=status, job_ids=job_ids,
                         created_at_on_or_after=utc(created_at_on_or_after),
                         created_at_on_or_before=utc(created_at_on_or_before))
    result = jobs.list_jobs(session, principal, flt, kind=JobKind.CLASSIFY, page_token=page_token,
                            page_size=pages.clamp_page_size(page_size, settings.page_size_default,
                                                            settings.page_size_max))
    return Page[ClassifyJob](items=[_out(j) for j in result.items], next_page_token=result.next_page_token,
                             total_size=result.total_size)


@router.get("/{job_id}")
def get_classify_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> ClassifyJob:
    return _out(jobs.get(session, principal, job_id, JobKind.CLASSIFY))


@router.post("/{job_id}/cancel")
def cancel_classify_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> ClassifyJob:
    return _out(jobs.cancel(session, principal, job_id, JobKind.CLASSIFY))


@router.delete("/{job_id}")
def delete_classify_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> DeletedJob:
    """Delete a finished job (a queued or running one must be cancelled first)."""
    return DeletedJob(**jobs.delete(session, principal, job_id, force=False, kind=JobKind.CLASSIFY))
