"""Route a finished extract job to review when its saved configuration has a review rule: its result
becomes an agent-data item holding the SDK's `ExtractedData`, `pending_review` when the rule finds a
reason (a value under the confidence threshold, an empty required field, a value without grounding;
listed in `metadata.review.flags`) and `accepted` otherwise. Written in the transaction that
completes the job, so a result and its review item commit together. Per-document results only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assay.domain import review
from assay.storage import tables
from assay.storage.tables import utcnow


def route(session: Session, job: tables.Job) -> tables.AgentData | None:
    rule = session.get(tables.ReviewRule, job.configuration_id) if job.configuration_id else None
    if rule is None or rule.project_id != job.project_id or not isinstance(job.result, dict):
        return None
    meta = ((job.extract_metadata or {}).get("field_metadata") or {}).get("document_metadata") or {}
    flags = review.flags(job.result, meta, job.configuration.get("data_schema") or {},
                         confidence_below=rule.confidence_below, required_empty=rule.required_empty,
                         ungrounded=rule.ungrounded)
    if not (job.configuration.get("cite_sources") or job.configuration.get("confidence_scores")):
        meta = {}  # bare {grounding} leaves: the SDK's ExtractedData refuses them (wire.extract_job sends none)
    file = session.get(tables.File, job.file_id) if job.file_id else None
    data: dict[str, Any] = {
        "original_data": job.result, "data": job.result, "status": "pending_review" if flags else "accepted",
        "overall_confidence": review.overall_confidence(meta), "field_metadata": meta, "file_id": job.file_id,
        "file_name": file.name if file else None, "file_hash": file.sha256 if file else None,
        "metadata": {"job_id": job.id, "review": {"flags": flags, "confirmed": []}},
    }
    now = utcnow()
    item = tables.AgentData(id=tables.new_id("agd"), project_id=job.project_id, deployment_name=rule.deployment_name,
                            collection=rule.collection, data=data, created_at=now, updated_at=now)
    session.add(item)
    session.flush()
    return item
