"""Parse v2 jobs: create from a file, read the output in the shapes the SDK expands, cancel, delete.

Tiers map to what they do here: `fast` reads the text layer only (no OCR, no table detection);
`cost_effective`, `agentic` and `agentic_plus` add OCR for pages without text and table detection.
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from sqlalchemy.orm import Session

from assay import wire
from assay.domain import tiers
from assay.domain.document import Document, Page
from assay.domain.job import JobKind, JobStatus
from assay.errors import InvalidRequestError, NotFoundError
from assay.jobqueue import queue
from assay.services import configurations, webhook_configs
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.blobs import BlobStore

RELEASE = "2026-01-01"  # this server's one parser release; `latest` and later dates resolve to it


def versions() -> dict[str, Any]:
    return {**{tier: [RELEASE] for tier in tiers.PARSE_TIERS}, "latest": {tier: RELEASE for tier in tiers.PARSE_TIERS}}


def resolve_version(version: str) -> str:
    if version == "latest" or (len(version) == 10 and version[4] == "-" and version >= RELEASE):
        return RELEASE
    raise InvalidRequestError(f"Unknown parse version {version!r}; use 'latest' or a date on or after {RELEASE}.")


def create(session: Session, principal: Principal, params: dict[str, Any], *, file_id: str | None,
           webhook_configuration_ids: list[str] | None = None, webhook_allow_private: bool = False) -> tables.Job:
    from assay.parsers import page_ranges
    from assay.services.jobs import check_pages

    tier = params.get("tier")
    if tier not in tiers.PARSE_TIERS:
        raise InvalidRequestError(f"tier must be one of {', '.join(tiers.PARSE_TIERS)}; got {tier!r}.")
    params = {**params, "version": resolve_version(str(params.get("version") or "latest"))}
    if params.get("source_url"):
        raise InvalidRequestError("source_url is not supported by this server: upload the file and pass file_id.")
    if not file_id:
        raise InvalidRequestError("Provide file_id (or upload the file).")
    ranges = params.get("page_ranges") or {}
    if ranges.get("target_pages"):
        page_ranges(str(ranges["target_pages"]))
    record = session.get(tables.File, file_id)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"File {file_id} not found.")
    check_pages(session, file_id, ranges.get("target_pages"), ranges.get("max_pages"))
    if params.get("configuration_id") is not None:
        configurations.saved(session, principal, str(params["configuration_id"]), "parse_v2")
    endpoints = webhook_configs.resolve_endpoints(
        session, principal, params.pop("webhook_configurations", None) or [], webhook_configuration_ids or [],
        allow_private=webhook_allow_private)
    job = tables.Job(
        id=tables.new_id("pjb"), kind=JobKind.PARSE.value, project_id=principal.project_id,
        status=JobStatus.PENDING.value, file_input=file_id, document_input_type="file_id", file_id=file_id,
        configuration=params, name=record.name, user_metadata=params.pop("user_metadata", None),
        webhooks=endpoints,
    )
    queue.enqueue(session, job)
    return job


def delete(session: Session, blobs: BlobStore, principal: Principal, job_id: str) -> dict[str, str]:
    """Delete a finished parse job and its output (a running one must be cancelled first)."""
    from assay.services import jobs

    job = jobs.get(session, principal, job_id, JobKind.PARSE)
    output_key = job.result.get("blob_key") if isinstance(job.result, dict) else None
    deleted = jobs.delete(session, principal, job_id, force=False, kind=JobKind.PARSE)
    if output_key:
        blobs.delete(output_key)
    return deleted


def load_document(blobs: BlobStore, job: tables.Job) -> Document | None:
    from assay.parsers import document_from_json

    if job.status != JobStatus.COMPLETED.value or not isinstance(job.result, dict):
        return None
    return document_from_json(json.loads(blobs.read(job.result["blob_key"])))


def output(job: tables.Job, document: Document | None, expand: set[str]) -> dict[str, Any]:
    """ParsingGetResponse: `job` always, each other part only when expanded (and the job completed)."""
    from assay.parsers import document_to_markdown

    response: dict[str, Any] = {"job": wire.parse_job(job)}
    if document is None:
        return response
    pages = document.pages
    if "text" in expand:
        response["text"] = {"pages": [{"page_number": p.number, "text": p.text} for p in pages]}
    if "markdown" in expand:
        response["markdown"] = {"pages": [_page_markdown(p, document) for p in pages]}
    if "items" in expand:
        response["items"] = {"pages": [_page_items(p) for p in pages]}
    if "metadata" in expand:
        response["metadata"] = {"pages": [{"page_number": p.number, "confidence": _confidence(p),
                                           "text_source": p.text_source.value} for p in pages]}
    if "job_metadata" in expand:
        response["job_metadata"] = {"page_count": document.page_count, "pages_parsed": len(pages),
                                    "mime_type": document.mime_type}
    if "text_full" in expand:
        response["text_full"] = "\n\n".join(p.text for p in pages)
    if "markdown_full" in expand:
        response["markdown_full"] = document_to_markdown(document)
    return response


def _confidence(page: Page) -> float:
    return round(page.ocr_confidence if page.ocr_confidence is not None else 1.0, 4)


def _page_markdown(page: Page, document: Document) -> dict[str, Any]:
    from assay.parsers import document_to_markdown

    if page.error:
        return {"page_number": page.number, "success": False, "error": page.error}
    single = Document(pages=[page], mime_type=document.mime_type, page_count=1)
    return {"page_number": page.number, "markdown": document_to_markdown(single), "success": True}


def _page_items(page: Page) -> dict[str, Any]:
    if page.error:
        return {"page_number": page.number, "success": False, "error": page.error}
    items: list[dict[str, Any]] = []
    for block in page.blocks:
        bbox = [page.source_box(block.box).to_dict()]
        if block.kind.value == "heading":
            items.append({"type": "heading", "level": 2, "value": block.text, "md": f"## {block.text}", "bbox": bbox})
        else:
            items.append({"type": "text", "value": block.text, "md": block.text, "bbox": bbox})
    for table in page.tables:
        rows = [[cell.text if cell else None for cell in row] for row in table.rows()]
        items.append({"type": "table", "rows": rows, "csv": _csv(rows), "md": _markdown_table(rows, table.header_rows),
                      "html": _html_table(rows, table.header_rows),
                      "bbox": [page.source_box(table.box).to_dict()]})
    return {"page_number": page.number, "page_width": page.width, "page_height": page.height,
            "success": True, "items": items}


def _csv(rows: list[list[str | None]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[c or "" for c in row] for row in rows])
    return out.getvalue()


def _markdown_table(rows: list[list[str | None]], header_rows: int) -> str:
    if not rows:
        return ""
    lines = ["| " + " | ".join((c or "").replace("|", "\\|") for c in row) + " |" for row in rows]
    lines.insert(max(header_rows, 1), "|" + "---|" * len(rows[0]))
    return "\n".join(lines)


def _html_table(rows: list[list[str | None]], header_rows: int) -> str:
    body = []
    for i, row in enumerate(rows):
        tag = "th" if i < header_rows else "td"
        body.append("<tr>" + "".join(f"<{tag}>{html.escape(c or '')}</{tag}>" for c in row) + "</tr>")
    return "<table>" + "".join(body) + "</table>"
