"""Run one claimed job, top to bottom: one runner per job kind. Returns the fields the queue writes on completion.

A runner composes the pipeline's steps (`assay.pipeline`) with what only the worker has: the job's
row, the stored files and parses. The whole job runs in the worker's sandbox (`run_in_sandbox`, a
child process with its own connection to the database), so the worker process itself does no
CPU-bound work: its heartbeat is never starved, and a cancelled or taken-over job is stopped by
killing the child. A new job kind adds its runner to RUNNERS.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError

from assay import metrics
from assay.config import Settings
from assay.domain import tiers
from assay.domain.classification import UNCATEGORIZED, Category, Rule, SplitStrategy, Uncategorized
from assay.domain.document import Document
from assay.domain.job import JobKind
from assay.domain.options import ExtractOptions
from assay.domain.schema import normalize_schema
from assay.errors import AssayError, DocumentError
from assay.jobqueue import queue
from assay.jobqueue.queue import Lease
from assay.parsers import document_from_json, document_to_json, parse_page_selection
from assay.pipeline import fingerprint, recall
from assay.pipeline.parse import ParseSettings, direct, parse_cached
from assay.runtime import Runtime
from assay.storage import layouts, tables
from assay.storage.blobs import BlobStore
from assay.storage.db import Database
from assay.storage.parses import StoredParses

Stages = list[tuple[str, float]]


class DatabaseLostError(AssayError):
    """The database failed while the job ran; the job goes back to the queue."""

    code = "database_error"


def run_in_sandbox(settings: Settings, lease: Lease) -> tuple[dict[str, Any], Stages]:
    """The sandbox child's side of a job: run it, and say how long each pipeline stage took (the
    worker process records the stages in its own metrics)."""
    try:
        with metrics.recording() as stages:
            return run_job(_child_runtime(settings), lease), stages
    except DBAPIError as exc:
        raise DatabaseLostError(f"The database failed while job {lease.job_id} ran: {type(exc).__name__}.") from exc


_runtimes: dict[tuple[str, str], Runtime] = {}


def _child_runtime(settings: Settings) -> Runtime:
    """The child's own database connection and blob store, opened on its first job (migrated already)."""
    key = (settings.resolved_database_url(), settings.resolved_storage_url())
    if key not in _runtimes:
        _runtimes[key] = Runtime(settings, Database(key[0], pool_size=2), BlobStore(key[1]))
    return _runtimes[key]


def run_job(runtime: Runtime, lease: Lease) -> dict[str, Any]:
    job = queue.load(runtime.db, lease)
    return RUNNERS[lease.kind](runtime, job)


def run_extract(runtime: Runtime, job: tables.Job) -> dict[str, Any]:
    from assay.pipeline.run import extract_document

    options = ExtractOptions.from_configuration(job.configuration)
    document, parse_job_id, parse_tier = extract_input(runtime, job)
    memory = remembered_layout(runtime, job.project_id, options, document)
    with metrics.stage("extract"):
        extraction = extract_document(document, options, engine=runtime.settings.engine_for(options.engine),
                                      llm=runtime.settings.llm_options(), memory=memory)
    pages = len(document.pages)
    usage = {**extraction.usage, "num_pages_extracted": pages, "num_pages_billed": pages,
             **tiers.credits(options.tier, parse_tier if parse_job_id is None else None, pages, pages)}
    metadata = {"field_metadata": extraction.field_metadata, **extraction.other_metadata,
                "parse_job_id": parse_job_id, "parse_tier": parse_tier, "warnings": extraction.warnings}
    return {"result": extraction.result, "extract_metadata": metadata, "usage": usage}


def extract_input(runtime: Runtime, job: tables.Job) -> tuple[Document, str | None, str | None]:
    """An extract job's document (parsed, or its parse job's output), that parse job's id, and the parse tier."""
    options = ExtractOptions.from_configuration(job.configuration)
    if job.document_input_type == "parse_job_id":
        document = load_parse_output(runtime, job.file_input)
        return document, job.file_input, (_get(runtime, job.file_input) or job).configuration.get("tier")
    parse_tier = options.parse_tier_to_use
    document = _parse(runtime, job.file_id or "", parse_tier, options.target_pages, options.max_pages)
    return document, None, parse_tier


def remembered_layout(runtime: Runtime, project_id: str, options: ExtractOptions,
                      document: Document) -> recall.Memory | None:
    """The project's remembered layout this document matches (per_doc jobs only): `pipeline.recall`."""
    if options.extraction_target != "per_doc" or not document.pages:
        return None
    with metrics.stage("layout_lookup"):
        fp = fingerprint.fingerprint(document)
        key = recall.schema_key(normalize_schema(options.data_schema))
        with runtime.db.session(read_only=True) as session:
            return layouts.find_memory(session, project_id, key, fp)


def run_parse(runtime: Runtime, job: tables.Job) -> dict[str, Any]:
    params = job.configuration
    ranges = params.get("page_ranges") or {}
    document = _parse(runtime, job.file_id or "", params.get("tier", "cost_effective"), ranges.get("target_pages"),
                      ranges.get("max_pages"))
    key = f"parse/{job.project_id}/{job.id}.json"
    runtime.blobs.put_bytes(key, json.dumps(document_to_json(document)).encode())
    pages = len(document.pages)
    credits = tiers.parse_credits(params.get("tier", ""), pages)
    return {"result": {"blob_key": key, "pages": pages}, "usage": {"num_pages_parsed": pages, "credits": credits}}


CLASSIFY_PARSE_TIER = "cost_effective"  # reads scanned pages too (OCR), where `fast` would see nothing


def run_classify(runtime: Runtime, job: tables.Job) -> dict[str, Any]:
    from assay.pipeline.sort import classify_document

    config = job.configuration["configuration"]
    parsing = config.get("parsing_configuration") or {}
    document, parse_tier = _input_document(runtime, job, CLASSIFY_PARSE_TIER, parsing.get("target_pages"),
                                           parsing.get("max_pages"))
    rules = [Rule(r["type"], r["description"]) for r in config["rules"]]
    with metrics.stage("classify"):
        decided = classify_document(document, rules, engine=runtime.settings.engine_for(None),
                                    llm=runtime.settings.llm_options())
    result = {"type": decided.type, "confidence": decided.confidence, "reasoning": decided.reasoning}
    return {"result": result, "usage": _sorting_usage(parse_tier, len(document.pages))}


def run_split(runtime: Runtime, job: tables.Job) -> dict[str, Any]:
    from assay.pipeline.sort import split_document

    config = job.configuration
    document, parse_tier = _input_document(runtime, job, config.get("parse_tier_used") or "fast",
                                           config.get("target_pages"), None)
    categories = [Category(c["name"], c.get("description") or "") for c in config["categories"]]
    raw = config.get("splitting_strategy") or {}
    strategy = SplitStrategy(Uncategorized(raw.get("allow_uncategorized", "include")),
                             raw.get("min_pages_per_split", 1), raw.get("custom_instructions"))
    with metrics.stage("split"):
        segments = split_document(document, categories, strategy, engine=runtime.settings.engine_for(None),
                                  llm=runtime.settings.llm_options())
    result = {"segments": [{"category": s.category if s.category is not None else UNCATEGORIZED,
                            "pages": list(s.pages), "confidence_category": s.confidence_category.value}
                           for s in segments]}
    return {"result": result, "usage": _sorting_usage(parse_tier, len(document.pages))}


def _sorting_usage(parse_tier: str | None, pages: int) -> dict[str, Any]:
    """Classify and split bill their parsing only: nothing of their own on a parse job's output."""
    parse_credits = tiers.parse_credits(parse_tier, pages) if parse_tier else None
    return {"credits": parse_credits or 0.0, "parse_credits": parse_credits, "num_pages": pages}


def _input_document(runtime: Runtime, job: tables.Job, parse_tier: str, target_pages: str | None,
                    max_pages: int | None) -> tuple[Document, str | None]:
    """The job's document with the selected pages, numbered as in the input, and the tier it was parsed
    with here (None for a parse job's output, which was parsed and billed by that job)."""
    if job.document_input_type == "parse_job_id":
        document = load_parse_output(runtime, job.file_input)
        return select_pages(document, target_pages, max_pages), None
    document = _parse(runtime, job.file_id or "", parse_tier, target_pages, max_pages)
    return document, parse_tier


def select_pages(document: Document, target_pages: str | None, max_pages: int | None) -> Document:
    """The pages of a parsed document that a selection names, by their own numbers."""
    if not target_pages and max_pages is None:
        return document
    last = max((p.number for p in document.pages), default=0)
    wanted = set(parse_page_selection(target_pages, None, last))
    pages = [p for p in document.pages if p.number in wanted][:max_pages]
    if not pages:
        raise DocumentError(f"target_pages {target_pages!r} selects no page of the parsed document.")
    return Document(pages=pages, mime_type=document.mime_type, page_count=document.page_count,
                    metadata=document.metadata)


RUNNERS: dict[JobKind, Callable[[Runtime, tables.Job], dict[str, Any]]] = {
    JobKind.EXTRACT: run_extract,
    JobKind.PARSE: run_parse,
    JobKind.CLASSIFY: run_classify,
    JobKind.SPLIT: run_split,
}


def _parse(runtime: Runtime, file_id: str, tier: str, target_pages: str | None, max_pages: int | None) -> Document:
    """The file parsed, or its cached parse; at most the server's ASSAY_MAX_PAGES pages."""
    settings = ParseSettings(tier, target_pages, max_pages, runtime.settings.max_pages, runtime.settings.image_ocr)
    return parse_cached(StoredParses(runtime.db, runtime.blobs), file_id, settings,
                        call=metrics.timed("parse", direct))


def load_parse_output(runtime: Runtime, parse_job_id: str) -> Document:
    job = _get(runtime, parse_job_id)
    if job is None or not isinstance(job.result, dict) or "blob_key" not in job.result:
        raise DocumentError(f"The output of parse job {parse_job_id} is gone.")
    return document_from_json(json.loads(runtime.blobs.read(job.result["blob_key"])))


def _get(runtime: Runtime, job_id: str) -> tables.Job | None:
    with runtime.db.session() as session:
        return session.get(tables.Job, job_id)
