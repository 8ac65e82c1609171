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
    extract_metadata also whenever the configuration asks for citations or confidence. `warnings`
    (Assay's own, always present: `pipeline.outcome`) is kept with the metadata but shown beside it."""
    config = job.configuration or {}
    stored = dict(job.extract_metadata or {})
    warnings = stored.pop("warnings", [])
    wire: dict[str, Any] = {
        "id": job.id, "project_id": job.project_id, "file_input": job.file_input, "status": job.status,
        "created_at": job.created_at, "updated_at": job.updated_at,
        "configuration_id": job.configuration_id, "error_message": job.error_message,
        **({"configuration_version": job.configuration_version} if job.configuration_version else {}),
        "extract_result": job.result if job.status == JobStatus.COMPLETED else None,
        "warnings": warnings if job.status == JobStatus.COMPLETED else [],
    }
    if "configuration" in expand:
        wire["configuration"] = config
    wants_metadata = config.get("cite_sources") or config.get("confidence_scores")
    if ("extract_metadata" in expand or wants_metadata) and job.status == JobStatus.COMPLETED:
        if job.extract_metadata is None:
            wire["extract_metadata"] = None
        else:
            wire["extract_metadata"] = stored if wants_metadata else _without_field_entries(stored)
    usage = job.usage or {}
    if "metadata" in expand:
        wire["metadata"] = {"usage": {
            **{k: usage.get(k) for k in (
                "num_pages_extracted", "num_document_tokens", "num_output_tokens", "num_pages_billed")},
            # Assay's own, beside LlamaCloud's: of the pages extracted, those read and those that failed
            **{k: usage[k] for k in ("num_pages_read", "num_pages_lost") if k in usage}}}
    if "usage" in expand:
        wire["usage"] = {k: usage.get(k) for k in ("credits", "extract_credits", "parse_credits")}
    return wire


def _without_field_entries(metadata: dict[str, Any] | None) -> dict[str, Any] | None:
    """A job that asked for neither citations nor confidences has only `grounding` in each leaf; the
    SDK tells field metadata by its citation or confidence keys and raises on a bare `{"grounding": ...}`
    (`parse_extracted_field_metadata`, so `ExtractedData.from_extract_job`), so such trees go out empty."""
    if not metadata:
        return metadata
    trees = metadata.get("field_metadata") or {}
    emptied = {k: {} if isinstance(tree, dict) else [{} for _ in tree] for k, tree in trees.items()}
    return {**metadata, "field_metadata": emptied}


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


def classify_job(job: tables.Job) -> dict[str, Any]:
    """A classify job as the API returns it. Assay has no users: `user_id` is the job's project."""
    params = job.configuration or {}
    configuration = {k: v for k, v in (params.get("configuration") or {}).items() if v is not None}
    usage = job.usage or {}
    return {
        "id": job.id, "project_id": job.project_id, "user_id": job.project_id, "status": job.status,
        "file_input": job.file_input, "document_input_type": job.document_input_type,
        "parse_job_id": job.file_input if job.document_input_type == "parse_job_id" else None,
        "configuration": configuration, "configuration_id": job.configuration_id,
        "transaction_id": params.get("transaction_id"),
        "created_at": job.created_at, "updated_at": job.updated_at, "error_message": job.error_message,
        "result": job.result if job.status == JobStatus.COMPLETED else None,
        "usage": {"credits": usage.get("credits"), "parse_credits": usage.get("parse_credits")} if usage else None,
    }


# A split job's status on the wire: lower case, and a running job is `processing`.
SPLIT_STATUS = {JobStatus.PENDING: "pending", JobStatus.THROTTLED: "pending", JobStatus.RUNNING: "processing",
                JobStatus.COMPLETED: "completed", JobStatus.FAILED: "failed", JobStatus.CANCELLED: "cancelled"}


def split_job(job: tables.Job) -> dict[str, Any]:
    """A split job as `/api/v1/split/jobs` returns it (see `beta_split_job` for the beta resource)."""
    params = job.configuration or {}
    return {
        "id": job.id, "project_id": job.project_id, "user_id": job.project_id,
        "status": SPLIT_STATUS[JobStatus(job.status)],
        "file_input": job.file_input, "document_input_type": job.document_input_type,
        "categories": params.get("categories") or [],
        "splitting_strategy": params.get("splitting_strategy"),
        "target_pages": params.get("target_pages"), "parse_tier": params.get("parse_tier"),
        "parse_config_id": params.get("parse_config_id"), "configuration_id": job.configuration_id,
        "transaction_id": params.get("transaction_id"),
        "created_at": job.created_at, "updated_at": job.updated_at, "error_message": job.error_message,
        "result": job.result if job.status == JobStatus.COMPLETED else None,
    }


def beta_split_job(job: tables.Job) -> dict[str, Any]:
    """A split job as the beta resource returns it: the input as a nested `document_input`."""
    wire = split_job(job)
    return {"document_input": {"type": wire.pop("document_input_type"), "value": wire.pop("file_input")},
            **{k: v for k, v in wire.items() if k not in (
                "splitting_strategy", "target_pages", "parse_tier", "parse_config_id", "transaction_id")}}


RENDERERS: dict[JobKind, Callable[[tables.Job], dict[str, Any]]] = {
    JobKind.EXTRACT: extract_job,
    JobKind.PARSE: parse_job,
    JobKind.CLASSIFY: classify_job,
    JobKind.SPLIT: split_job,
}


def render(job: tables.Job) -> dict[str, Any]:
    """The job as `GET` returns it without `expand` (what a webhook delivers)."""
    return RENDERERS[JobKind(job.kind)](job)
