"""Run one claimed job, top to bottom: one runner per job kind. Returns the fields the queue writes on completion.

A runner composes the pipeline's steps (`assay.pipeline`) with what only the worker has: the job's
row, the stored files and parses, the sandbox that runs CPU-bound steps (`call`) and the checkpoint
that stops a cancelled job between steps. A new job kind adds its runner to RUNNERS.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from assay import metrics
from assay.domain import tiers
from assay.domain.document import Document
from assay.domain.job import JobKind
from assay.domain.options import ExtractOptions
from assay.errors import DocumentError
from assay.jobqueue import queue
from assay.jobqueue.queue import Lease
from assay.parsers import document_from_json, document_to_json
from assay.pipeline.parse import Call, ParseSettings, direct, parse_cached
from assay.runtime import Runtime
from assay.storage import tables
from assay.storage.parses import StoredParses

Checkpoint = Callable[[], None]


def run_job(runtime: Runtime, lease: Lease, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    job = queue.load(runtime.db, lease)
    return RUNNERS[lease.kind](runtime, job, checkpoint, call)


def run_extract(runtime: Runtime, job: tables.Job, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    from assay.pipeline.run import extract_document

    options = ExtractOptions.from_configuration(job.configuration)
    if job.document_input_type == "parse_job_id":
        parse_job_id = job.file_input
        document = load_parse_output(runtime, parse_job_id)
        parse_tier = (_get(runtime, parse_job_id) or job).configuration.get("tier")
    else:
        parse_job_id = None
        parse_tier = options.parse_tier_to_use
        document = _parse(runtime, job.file_id or "", parse_tier, options.target_pages, options.max_pages,
                          checkpoint, call)
    checkpoint()
    with metrics.stage("extract"):
        extraction = call(extract_document, document, options, engine=runtime.settings.engine_for(options.engine),
                          llm=runtime.settings.llm_options())
    checkpoint()
    pages = len(document.pages)
    usage = {**extraction.usage, "num_pages_extracted": pages, "num_pages_billed": pages,
             **tiers.credits(options.tier, parse_tier if parse_job_id is None else None, pages, pages)}
    metadata = {"field_metadata": extraction.field_metadata, **extraction.other_metadata,
                "parse_job_id": parse_job_id, "parse_tier": parse_tier}
    return {"result": extraction.result, "extract_metadata": metadata, "usage": usage}


def run_parse(runtime: Runtime, job: tables.Job, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    params = job.configuration
    ranges = params.get("page_ranges") or {}
    document = _parse(runtime, job.file_id or "", params.get("tier", "cost_effective"), ranges.get("target_pages"),
                      ranges.get("max_pages"), checkpoint, call)
    checkpoint()
    key = f"parse/{job.project_id}/{job.id}.json"
    runtime.blobs.put_bytes(key, json.dumps(document_to_json(document)).encode())
    pages = len(document.pages)
    credits = tiers.parse_credits(params.get("tier", ""), pages)
    return {"result": {"blob_key": key, "pages": pages}, "usage": {"num_pages_parsed": pages, "credits": credits}}


RUNNERS: dict[JobKind, Callable[[Runtime, tables.Job, Checkpoint, Call], dict[str, Any]]] = {
    JobKind.EXTRACT: run_extract,
    JobKind.PARSE: run_parse,
}


def _parse(runtime: Runtime, file_id: str, tier: str, target_pages: str | None, max_pages: int | None,
           checkpoint: Checkpoint, call: Call) -> Document:
    """The file parsed in the sandbox, or its cached parse; at most the server's ASSAY_MAX_PAGES pages."""
    settings = ParseSettings(tier, target_pages, max_pages, runtime.settings.max_pages)
    return parse_cached(StoredParses(runtime.db, runtime.blobs), file_id, settings, checkpoint=checkpoint,
                        call=metrics.timed("parse", call))


def load_parse_output(runtime: Runtime, parse_job_id: str) -> Document:
    job = _get(runtime, parse_job_id)
    if job is None or not isinstance(job.result, dict) or "blob_key" not in job.result:
        raise DocumentError(f"The output of parse job {parse_job_id} is gone.")
    return document_from_json(json.loads(runtime.blobs.read(job.result["blob_key"])))


def _get(runtime: Runtime, job_id: str) -> tables.Job | None:
    with runtime.db.session() as session:
        return session.get(tables.Job, job_id)
