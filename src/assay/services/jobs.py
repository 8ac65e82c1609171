"""Extract jobs: create (enqueue), read, list, cancel, delete. The worker side is assay.jobqueue; the wire
shape of a job is assay.wire."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assay.domain import tiers
from assay.domain.job import JobKind, JobStatus
from assay.domain.options import DEFAULTS, EXTRACTION_TARGETS, ExtractOptions, unknown_keys
from assay.errors import ConflictError, InvalidRequestError, NotFoundError
from assay.jobqueue import queue, state
from assay.services import configurations, pages, webhook_configs
from assay.services.accounts import Principal
from assay.storage import tables

log = logging.getLogger(__name__)


def effective_configuration(configuration: dict[str, Any]) -> dict[str, Any]:
    """Validate an extract configuration and fill the defaults: what is stored with the job. Keys no
    option names are kept and ignored (the contract's forward compatibility); they are logged."""
    from assay.domain.schema import normalize_schema
    from assay.parsers import page_ranges

    config = {k: v for k, v in configuration.items() if v is not None}
    if "data_schema" not in config:
        raise InvalidRequestError("configuration.data_schema is required.")
    normalize_schema(config["data_schema"])  # raises SchemaError (422) listing every problem
    config = {**DEFAULTS, **config}
    _one_of("tier", config["tier"], tiers.EXTRACT_TIERS)
    _one_of("extraction_target", config["extraction_target"], EXTRACTION_TARGETS)
    if config.get("engine") is not None:
        from assay.engines.base import engine_names

        _one_of("engine", config["engine"], ("auto", *engine_names()))
    if config.get("parse_tier") is not None:
        _one_of("parse_tier", config["parse_tier"], tiers.PARSE_TIERS)
    if config["tier"] == "agentic_plus" and config["extraction_target"] != "per_doc":
        raise InvalidRequestError("tier agentic_plus supports extraction_target per_doc only.")
    if config.get("spreadsheet_mode") and config["tier"] != "agentic_plus":
        raise InvalidRequestError("spreadsheet_mode requires tier agentic_plus.")
    if config["tier"] == "turbo" and (config.get("parse_tier") or config.get("parse_config_id")):
        raise InvalidRequestError("tier turbo has no parse step: parse_tier and parse_config_id are not allowed.")
    max_pages = config.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise InvalidRequestError("max_pages must be an integer of at least 1.")
    if config.get("target_pages") is not None:
        page_ranges(str(config["target_pages"]))
    unknown = unknown_keys(config)
    if unknown:
        log.info("extract configuration keys this server ignores: %s", ", ".join(unknown))
    return config


def _one_of(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidRequestError(f"{name} must be one of {', '.join(allowed)}; got {value!r}.")


def sorting_input(session: Session, principal: Principal, file_input: str | None,
                  configuration: dict[str, Any] | None, configuration_id: str | None,
                  saved: Callable[[str], Any]) -> tuple[str, str, dict[str, Any], int | None]:
    """What a new classify or split job reads: (document_input_type, file_id, its configuration, the saved
    configuration's version). Exactly one of an inline `configuration` and a `configuration_id`, looked up by
    `saved`."""
    if (configuration is None) == (configuration_id is None):
        raise InvalidRequestError("Provide exactly one of configuration or configuration_id.")
    if not file_input:
        raise InvalidRequestError("Provide file_input: a file id (dfl-…) or a completed parse job id (pjb-…).")
    input_type, file_id = resolve_input(session, principal, file_input)
    if configuration_id is None:
        assert configuration is not None
        return input_type, file_id, configuration, None
    record = saved(configuration_id)
    return input_type, file_id, {k: v for k, v in record.parameters.items() if k != "product_type"}, record.version


def resolve_input(session: Session, principal: Principal, file_input: str) -> tuple[str, str]:
    """(document_input_type, file_id) for a `dfl-` file id (or bare UUID) or a completed `pjb-` parse job."""
    other = session.get(tables.Job, file_input)
    if other is not None and other.project_id == principal.project_id and other.kind != JobKind.PARSE:
        raise InvalidRequestError(f"{file_input} is a {other.kind} job; file_input must be a file id (dfl-…) "
                                  "or a completed parse job id (pjb-…).")
    if file_input.startswith("pjb-"):
        parse_job = session.get(tables.Job, file_input)
        if parse_job is None or parse_job.project_id != principal.project_id or parse_job.kind != JobKind.PARSE:
            raise NotFoundError(f"Parse job {file_input} not found.")
        if parse_job.status != JobStatus.COMPLETED:
            raise InvalidRequestError(f"Parse job {file_input} is {parse_job.status}; it must be COMPLETED.")
        return "parse_job_id", parse_job.file_id or ""
    record = session.get(tables.File, file_input)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"File {file_input} not found.")
    return "file_id", record.id


def check_pages(session: Session, file_id: str, target_pages: str | None, max_pages: int | None) -> None:
    """When the file's page count is known, a selection that leaves no page is refused now, not in the worker."""
    from assay.parsers import parse_page_selection

    record = session.get(tables.File, file_id)
    if record is not None and record.page_count and target_pages:
        parse_page_selection(str(target_pages), max_pages, record.page_count)


def create(
    session: Session,
    principal: Principal,
    *,
    file_input: str,
    configuration: dict[str, Any] | None,
    configuration_id: str | None,
    webhook_configurations: list[dict[str, Any]] | None = None,
    webhook_configuration_ids: list[str] | None = None,
    running_limit: int,
    webhook_allow_private: bool = False,
) -> tables.Job:
    if (configuration is None) == (configuration_id is None):
        raise InvalidRequestError("Provide exactly one of configuration or configuration_id.")
    input_type, file_id = resolve_input(session, principal, file_input)
    configuration_version = None
    if configuration_id is not None:
        saved = configurations.saved(session, principal, configuration_id, "extract_v2")
        configuration = {k: v for k, v in saved.parameters.items() if k != "product_type"}
        configuration_version = saved.version
    assert configuration is not None
    config = effective_configuration(configuration)
    configurations.check_references(session, principal, config)
    options = ExtractOptions.from_configuration(config)
    check_pages(session, file_id, options.target_pages, options.max_pages)
    endpoints = webhook_configs.resolve_endpoints(
        session, principal, webhook_configurations or [], webhook_configuration_ids or [],
        allow_private=webhook_allow_private,
    )
    status = JobStatus.THROTTLED if running_extract_jobs(session, principal.project_id) >= running_limit \
        else JobStatus.PENDING
    job = tables.Job(
        id=tables.new_id("ext"), kind=JobKind.EXTRACT.value, project_id=principal.project_id,
        status=status.value, file_input=file_input, document_input_type=input_type, file_id=file_id,
        configuration=config, configuration_id=configuration_id, configuration_version=configuration_version,
        webhooks=endpoints,
    )
    queue.enqueue(session, job)
    return job


def running_extract_jobs(session: Session, project_id: str) -> int:
    return session.scalar(
        select(func.count()).select_from(tables.Job).where(
            tables.Job.project_id == project_id, tables.Job.kind == JobKind.EXTRACT.value,
            tables.Job.status == JobStatus.RUNNING.value,
        )
    ) or 0


def get(session: Session, principal: Principal, job_id: str, kind: JobKind = JobKind.EXTRACT) -> tables.Job:
    job = session.get(tables.Job, job_id)
    if job is None or job.project_id != principal.project_id or job.kind != kind.value:
        raise NotFoundError(f"{kind.value.capitalize()} job {job_id} not found.")
    return job


def cancel(session: Session, principal: Principal, job_id: str, kind: JobKind = JobKind.EXTRACT) -> tables.Job:
    job = get(session, principal, job_id, kind)
    session.refresh(job, with_for_update=not _is_sqlite(session))
    if JobStatus(job.status).terminal:
        raise ConflictError(f"Job {job_id} is {job.status} and cannot be cancelled.")
    state.move(session, job, JobStatus.CANCELLED, cancel_requested=True, error_message="Cancelled by the user.")
    return job


def delete(session: Session, principal: Principal, job_id: str, *, force: bool,
           kind: JobKind = JobKind.EXTRACT) -> dict[str, str]:
    job = get(session, principal, job_id, kind)
    if not JobStatus(job.status).terminal and not force:
        raise ConflictError(f"Job {job_id} is {job.status}; cancel it first, or pass force=true.")
    session.delete(job)
    session.flush()
    return {"id": job_id, "project_id": principal.project_id}


@dataclass(slots=True)
class JobFilter:
    configuration_id: str | None = None
    status: str | None = None
    file_input: str | None = None
    job_ids: list[str] | None = None
    document_input_type: str | None = None
    created_at_on_or_after: datetime | None = None
    created_at_on_or_before: datetime | None = None


COUNT_LIMIT = 10_000


@dataclass(slots=True)
class JobPage:
    items: list[tables.Job]
    next_page_token: str | None
    total_size: int | None  # None: more than COUNT_LIMIT jobs match


def list_jobs(session: Session, principal: Principal, flt: JobFilter, *, page_size: int,
              page_token: str | None, kind: JobKind = JobKind.EXTRACT, count_limit: int = COUNT_LIMIT) -> JobPage:
    """One page of jobs, newest first (keyset on created_at, id), and how many match the filters.

    `total_size` is exact up to `count_limit` matching jobs and None above it (the contract makes it
    optional, `int | null`): counting is bounded, so a page costs a few milliseconds at millions of
    jobs, where an exact count of a few hundred thousand matches alone takes ~100 ms on PostgreSQL.
    It is counted on every page, so it stays current while jobs are created and deleted.
    """
    Job = tables.Job
    where = _job_conditions(principal, flt, kind)
    query = pages.after_desc(select(Job).where(*where), Job.created_at, Job.id, page_token)
    rows = list(session.scalars(query.limit(page_size + 1)))
    token = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        token = pages.encode_token([rows[-1].created_at, rows[-1].id])
    return JobPage(items=rows, next_page_token=token, total_size=_bounded_count(session, where, count_limit))


def _job_conditions(principal: Principal, flt: JobFilter, kind: JobKind) -> list[Any]:
    Job = tables.Job
    where: list[Any] = [Job.project_id == principal.project_id, Job.kind == kind.value]
    if flt.status:
        _one_of("status", flt.status, tuple(s.value for s in JobStatus))
        where.append(Job.status == flt.status)
    if flt.configuration_id:
        where.append(Job.configuration_id == flt.configuration_id)
    if flt.file_input:
        where.append(Job.file_input == flt.file_input)
    if flt.job_ids:
        where.append(Job.id.in_(flt.job_ids))
    if flt.document_input_type:
        _one_of("document_input_type", flt.document_input_type, ("file_id", "parse_job_id"))
        where.append(Job.document_input_type == flt.document_input_type)
    if flt.created_at_on_or_after:
        where.append(Job.created_at >= flt.created_at_on_or_after)
    if flt.created_at_on_or_before:
        where.append(Job.created_at <= flt.created_at_on_or_before)
    return where


def _bounded_count(session: Session, where: list[Any], limit: int) -> int | None:
    """COUNT(*) that stops after `limit` + 1 rows (an index-only scan with the indexes in tables.py)."""
    matches = select(tables.Job.id).where(*where).limit(limit + 1).subquery()
    count = session.scalar(select(func.count()).select_from(matches)) or 0
    return count if count <= limit else None


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
