"""Jobs as the API returns them: the one place a job record becomes its wire shape.

The API's routes, the services and the webhook outbox render jobs here, so a job reads the same
whether it is fetched, listed or delivered in a webhook. Each job kind has one renderer, named
after the kind, and `render` picks it by the job's kind; a new kind adds its function here and its
entry in RENDERERS (and its event names to `webhooks.outbox.EVENTS`).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from assay.domain.job import JobKind, JobStatus
from assay.storage import tables


def extract_job(job: tables.Job, expand: AbstractSet[str] = frozenset()) -> dict[str, Any]:
    """An ExtractV2Job as the API returns it: expandable fields only when expanded (CONTRACT §4.2);
    extract_metadata also whenever the configuration asks for citations or confidence."""
    config = job.configuration or {}
    wire: dict[str, Any] = {
        "id": job.id, "project_id": job.project_id, "file_input": job.file_input, "status": job.status,
        "created_at": job.created_at, "updated_at": job.updated_at,
        "configuration_id": job.configuration_id, "error_message": job.error_message,
        **({"configuration_version": job.configuration_version} if job.configuration_version else {}),
        "extract_result": job.result if job.status == JobStatus.COMPLETED else None,
    }
    if "configuration" in expand:
        wire["configuration"] = config
    wants_metadata = config.get("cite_sources") or config.get("confidence_scores")
    if ("extract_metadata" in expand or wants_metadata) and job.status == JobStatus.COMPLETED:
        wire["extract_metadata"] = job.extract_metadata
    usage = job.usage or {}
    if "metadata" in expand:
        wire["metadata"] = {"usage": {k: usage.get(k) for k in (
            "num_pages_extracted", "num_document_tokens", "num_output_tokens", "num_pages_billed")}}
    if "usage" in expand:
        wire["usage"] = {k: usage.get(k) for k in ("credits", "extract_credits", "parse_credits")}
    return wire


def parse_job(job: tables.Job) -> dict[str, Any]:
    """A parse job as the API returns it (the `job` of every parse response)."""
    usage = job.usage or {}
    return {
        "id": job.id, "project_id": job.project_id, "status": job.status,
        "created_at": job.created_at, "updated_at": job.updated_at, "error_message": job.error_message,
        "name": job.name, "tier": (job.configuration or {}).get("tier"),
        "usage": {"credits": usage.get("credits")} if usage else None,
        "user_metadata": job.user_metadata,
    }


RENDERERS: dict[JobKind, Callable[[tables.Job], dict[str, Any]]] = {
    JobKind.EXTRACT: extract_job,
    JobKind.PARSE: parse_job,
}


def render(job: tables.Job) -> dict[str, Any]:
    """The job as `GET` returns it without `expand` (what a webhook delivers)."""
    return RENDERERS[JobKind(job.kind)](job)
