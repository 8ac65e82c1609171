"""Run one claimed job, top to bottom. Returns the fields the queue writes on completion."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError

from assay import metrics
from assay.domain import tiers
from assay.domain.document import Document
from assay.domain.job import JobKind
from assay.jobqueue import queue
from assay.jobqueue.queue import Lease
from assay.runtime import Runtime
from assay.storage import tables

Checkpoint = Callable[[], None]
Call = Callable[..., Any]  # call(fn, *args, **kwargs): runs a CPU-bound step, in the worker's sandbox


def direct(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a step in this process (no sandbox)."""
    return fn(*args, **kwargs)


def run_job(runtime: Runtime, lease: Lease, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    job = queue.load(runtime.db, lease)
    if lease.kind is JobKind.PARSE:
        return run_parse(runtime, job, checkpoint, call)
    return run_extract(runtime, job, checkpoint, call)


def run_extract(runtime: Runtime, job: tables.Job, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    from assay.pipeline.extract import extract

    config = job.configuration
    if job.document_input_type == "parse_job_id":
        parse_job_id = job.file_input
        document = load_parse_output(runtime, parse_job_id)
        parse_tier = (_get(runtime, parse_job_id) or job).configuration.get("tier")
    else:
        parse_job_id = None
        parse_tier = config.get("parse_tier") or tiers.PARSE_TIER_FOR[config.get("tier", "cost_effective")]
        document = parse_cached(runtime, job.file_id or "", tier=parse_tier, target_pages=config.get("target_pages"),
                                max_pages=config.get("max_pages"), checkpoint=checkpoint, call=call)
    checkpoint()
    with metrics.stage("extract"):
        extraction = call(extract, document, config["data_schema"], config,
                          engine=runtime.settings.engine_for(config), llm=runtime.settings.llm_options())
    checkpoint()
    pages = len(document.pages)
    usage = {**extraction.usage, "num_pages_extracted": pages, "num_pages_billed": pages,
             **tiers.credits(config.get("tier", "cost_effective"), parse_tier if parse_job_id is None else None,
                       pages, pages)}
    metadata = {"field_metadata": extraction.field_metadata, "parse_job_id": parse_job_id, "parse_tier": parse_tier}
    return {"result": extraction.result, "extract_metadata": metadata, "usage": usage}


def run_parse(runtime: Runtime, job: tables.Job, checkpoint: Checkpoint, call: Call = direct) -> dict[str, Any]:
    params = job.configuration
    ranges = params.get("page_ranges") or {}
    document = parse_cached(runtime, job.file_id or "", tier=params.get("tier", "cost_effective"),
                            target_pages=ranges.get("target_pages"), max_pages=ranges.get("max_pages"),
                            checkpoint=checkpoint, call=call)
    checkpoint()
    from assay.parsers import document_to_json

    key = f"parse/{job.project_id}/{job.id}.json"
    runtime.blobs.put_bytes(key, json.dumps(document_to_json(document)).encode())
    pages = len(document.pages)
    credits = tiers.parse_credits(params.get("tier", ""), pages)
    return {"result": {"blob_key": key, "pages": pages}, "usage": {"num_pages_parsed": pages, "credits": credits}}


def parse_cached(runtime: Runtime, file_id: str, *, tier: str, target_pages: str | None, max_pages: int | None,
                 checkpoint: Checkpoint, call: Call = direct) -> Document:
    """Parse the file, or reuse the parse of the same bytes with the same settings."""
    from assay.parsers import document_from_json, document_to_json, parse_document

    with runtime.db.session() as session:
        record = session.get(tables.File, file_id)
        if record is None:
            from assay.errors import DocumentError

            raise DocumentError(f"The file {file_id} was deleted before the job ran.")
        settings_key = json.dumps([tier, target_pages, max_pages, runtime.settings.max_pages])
        key = hashlib.sha256(f"{record.sha256}:{settings_key}".encode()).hexdigest()
        cached = session.get(tables.ParseCache, key)
    if cached is not None and runtime.blobs.exists(cached.blob_key):
        return document_from_json(json.loads(runtime.blobs.read(cached.blob_key)))
    data = runtime.blobs.read(record.blob_key)
    checkpoint()
    with metrics.stage("parse"):
        document = call(parse_document, data, filename=record.name, target_pages=target_pages, max_pages=max_pages,
                        tier=tier, max_page_count=runtime.settings.max_pages)
    blob_key = f"parse-cache/{key}.json"
    runtime.blobs.put_bytes(blob_key, json.dumps(document_to_json(document)).encode())
    try:
        with runtime.db.session() as session:
            if session.get(tables.ParseCache, key) is None:
                session.add(tables.ParseCache(key=key, blob_key=blob_key, page_count=len(document.pages)))
    except IntegrityError:
        pass  # another worker cached the same parse a moment ago
    return document


def load_parse_output(runtime: Runtime, parse_job_id: str) -> Document:
    from assay.errors import DocumentError
    from assay.parsers import document_from_json

    job = _get(runtime, parse_job_id)
    if job is None or not isinstance(job.result, dict) or "blob_key" not in job.result:
        raise DocumentError(f"The output of parse job {parse_job_id} is gone.")
    return document_from_json(json.loads(runtime.blobs.read(job.result["blob_key"])))


def _get(runtime: Runtime, job_id: str) -> tables.Job | None:
    with runtime.db.session() as session:
        return session.get(tables.Job, job_id)
