"""Split (`/api/v1/split/jobs`, and the beta resource `/api/v1/beta/split/jobs`): the documents of a bundle."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from assay import wire
from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.routes.classify import utc
from assay.api.schemas.common import Page
from assay.api.schemas.extract import DeletedJob
from assay.api.schemas.sorting import BetaSplitJob, BetaSplitJobCreate, SplitJob, SplitJobCreate
from assay.domain.job import JobKind
from assay.errors import InvalidRequestError
from assay.services import idempotency, jobs, pages, split_jobs

router = APIRouter(tags=["split"])
V1 = "/api/v1/split/jobs"
BETA = "/api/v1/beta/split/jobs"


def _out(job: Any) -> SplitJob:
    return SplitJob.model_validate(wire.split_job(job))


def _beta(job: Any) -> BetaSplitJob:
    return BetaSplitJob.model_validate(wire.beta_split_job(job))


@router.post(V1)
def create_split_job(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                     body: SplitJobCreate) -> SplitJob:
    """Split a file (`dfl-…`) or a completed parse job (`pjb-…`) into segments of `configuration.categories`
    (or a saved split_v1 configuration). A `transaction_id` used before returns that job."""
    job = idempotency.create_once_per_transaction(
        session, principal, "split", body.transaction_id, hours=runtime.settings.idempotency_hours,
        create=lambda: split_jobs.create(
            session, principal, file_input=body.file_input, configuration=body.configuration,
            configuration_id=body.configuration_id, transaction_id=body.transaction_id,
            webhook_configurations=[w.model_dump(exclude_none=True) for w in body.webhook_configurations or []],
            webhook_configuration_ids=body.webhook_configuration_ids,
            webhook_allow_private=runtime.settings.webhook_allow_private))
    return _out(job)


@router.post(BETA)
def create_beta_split_job(session: SessionDep, principal: PrincipalDep, body: BetaSplitJobCreate) -> BetaSplitJob:
    """The beta resource takes a file only: `document_input: {"type": "file_id", "value": "dfl-…"}`."""
    if body.document_input.type != "file_id":
        raise InvalidRequestError("document_input.type must be 'file_id' here; to split a parse job's output, "
                                  "POST /api/v1/split/jobs with file_input set to the parse job's id.")
    if body.document_input.value.startswith("pjb-"):
        raise InvalidRequestError("document_input.value must be a file id (dfl-…).")
    job = split_jobs.create(session, principal, file_input=body.document_input.value,
                            configuration=body.configuration, configuration_id=body.configuration_id)
    return _beta(job)


def _list(runtime: Any, session: Any, principal: Any, status: str | None, job_ids: list[str] | None,
          after: datetime | None, before: datetime | None, page_size: int | None,
          page_token: str | None) -> jobs.JobPage:
    settings = runtime.settings
    flt = jobs.JobFilter(status=split_jobs.status_filter(status), job_ids=job_ids,
                         created_at_on_or_after=utc(after), created_at_on_or_before=utc(before))
    return jobs.list_jobs(session, principal, flt, kind=JobKind.SPLIT, page_token=page_token,
                          page_size=pages.clamp_page_size(page_size, settings.page_size_default,
                                                          settings.page_size_max))


@router.get(V1)
def list_split_jobs(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, status: str | None = None,
                    job_ids: Annotated[list[str] | None, Query()] = None,
                    created_at_on_or_after: datetime | None = None, created_at_on_or_before: datetime | None = None,
                    page_size: int | None = None, page_token: str | None = None) -> Page[SplitJob]:
    """Split jobs, newest first; `status` as the wire shows it (pending, processing, completed, failed, cancelled)."""
    result = _list(runtime, session, principal, status, job_ids, created_at_on_or_after, created_at_on_or_before,
                   page_size, page_token)
    return Page[SplitJob](items=[_out(j) for j in result.items], next_page_token=result.next_page_token,
                          total_size=result.total_size)


@router.get(BETA)
def list_beta_split_jobs(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                         status: str | None = None, job_ids: Annotated[list[str] | None, Query()] = None,
                         created_at_on_or_after: datetime | None = None,
                         created_at_on_or_before: datetime | None = None,
                         page_size: int | None = None, page_token: str | None = None) -> Page[BetaSplitJob]:
    result = _list(runtime, session, principal, status, job_ids, created_at_on_or_after, created_at_on_or_before,
                   page_size, page_token)
    return Page[BetaSplitJob](items=[_beta(j) for j in result.items], next_page_token=result.next_page_token,
                              total_size=result.total_size)


@router.get(V1 + "/{split_job_id}")
def get_split_job(split_job_id: str, session: SessionDep, principal: PrincipalDep) -> SplitJob:
    return _out(jobs.get(session, principal, split_job_id, JobKind.SPLIT))


@router.get(BETA + "/{split_job_id}")
def get_beta_split_job(split_job_id: str, session: SessionDep, principal: PrincipalDep) -> BetaSplitJob:
    return _beta(jobs.get(session, principal, split_job_id, JobKind.SPLIT))


@router.post(V1 + "/{split_job_id}/cancel")
def cancel_split_job(split_job_id: str, session: SessionDep, principal: PrincipalDep) -> SplitJob:
    return _out(jobs.cancel(session, principal, split_job_id, JobKind.SPLIT))


@router.delete(V1 + "/{split_job_id}")
def delete_split_job(split_job_id: str, session: SessionDep, principal: PrincipalDep) -> DeletedJob:
    """Delete a finished job (a queued or running one must be cancelled first)."""
    return DeletedJob(**jobs.delete(session, principal, split_job_id, force=False, kind=JobKind.SPLIT))
