"""Layout memory: remember reviewed documents, and list, inspect and delete what was remembered.

`remember` is the one way in: a parsed document, its schema and the values a person accepted or
corrected. It finds the document's layout among the project's remembered ones (same schema fields)
and updates it, or remembers a new one; the next documents of that layout are read at the places
it learnt (`assay.pipeline.recall`, consulted by the worker through `jobqueue.run.remembered_layout`).
`remember_job` does it for a completed extract job, whose file and schema are known, and
`learn_from_review` when a person accepts a review item made from such a job (`forget_review` when that
acceptance is undone).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from assay.domain.document import Document
from assay.domain.job import JobKind, JobStatus
from assay.domain.options import ExtractOptions
from assay.domain.schema import normalize_schema
from assay.errors import InvalidRequestError, NotFoundError
from assay.jobqueue.run import extract_input
from assay.pipeline import recall
from assay.runtime import Runtime
from assay.services import jobs, pages
from assay.services.accounts import Principal
from assay.storage import layouts, tables
from assay.storage.tables import utcnow


def remember(session: Session, project_id: str, schema: dict, document: Document, accepted_result: dict, *,
             example_id: str) -> tables.Layout:
    """Learn from one reviewed document: `accepted_result` holds the values a person accepted or corrected
    (the whole result, in the schema's shape); `example_id` names the example (its job id)."""
    if not isinstance(accepted_result, dict):
        raise InvalidRequestError("The accepted result must be a JSON object in the schema's shape.")
    normalized = normalize_schema(schema)
    key = recall.schema_key(normalized)
    fp, learnt = recall.learn(document, normalized, accepted_result, example_id)
    layout = layouts.match(session, project_id, key, fp)
    if layout is None:
        layout = tables.Layout(project_id=project_id, schema_key=key, name=recall.layout_name(document),
                               data_schema=normalized, tokens=fp.tokens, signature=fp.signature,
                               fixed_words=learnt.fixed, places=learnt.places, sums=learnt.sums,
                               conventions=learnt.conventions,
                               examples=[example_id])
    else:
        updated = recall.update(layouts.memory(layout), document, normalized, accepted_result, example_id)
        layout.places, layout.conventions = updated.places, updated.conventions
        layout.examples = [*[e for e in layout.examples if e != example_id], example_id]
        layout.updated_at = utcnow()
    layouts.save(session, layout)
    return layout


def remember_job(session: Session, runtime: Runtime, principal: Principal, job_id: str,
                 accepted_result: Any) -> tables.Layout:
    """`remember` for a completed extract job of this project: its document and schema are the job's.
    The job is read and its document loaded before `session` is first used: on SQLite `session` then
    holds the write lock, which loading a parse (through the parse cache's own units of work) would wait on."""
    with runtime.db.session(read_only=True) as reading:
        job = jobs.get(reading, principal, job_id, JobKind.EXTRACT)
    if job.status != JobStatus.COMPLETED:
        raise InvalidRequestError(f"Job {job_id} is {job.status}; only a completed job can be remembered.")
    options = ExtractOptions.from_configuration(job.configuration)
    if options.extraction_target != "per_doc":
        raise InvalidRequestError("Layout memory learns from per_doc jobs only.")
    document = extract_input(runtime, job)[0]
    return remember(session, principal.project_id, options.data_schema, document, accepted_result,
                    example_id=job.id)


def learn_from_review(session: Session, runtime: Runtime, principal: Principal,
                      item: dict[str, Any]) -> tables.Layout | None:
    """An accepted review item (the SDK's ExtractedData, its values as corrected) teaches its job's layout.
    An item not made from a completed per_doc extract job of this project (agent data other code wrote,
    a job since deleted) teaches nothing and does not stop the accept."""
    job_id = (item.get("metadata") or {}).get("job_id")
    if not isinstance(job_id, str) or not isinstance(item.get("data"), dict):
        return None
    try:
        return remember_job(session, runtime, principal, job_id, item["data"])
    except (InvalidRequestError, NotFoundError):
        return None


def forget_review(session: Session, principal: Principal, item: dict[str, Any]) -> None:
    """An accept undone: the layouts its job taught forget it (`recall.forget`); a layout it alone taught goes."""
    job_id = (item.get("metadata") or {}).get("job_id")
    if not isinstance(job_id, str):
        return
    L = tables.Layout
    taught = session.scalars(select(L).where(L.project_id == principal.project_id,
                                             cast(L.examples, String).contains(f'"{job_id}"')))
    for layout in taught:
        if job_id not in layout.examples:
            continue
        left = recall.forget(layouts.memory(layout), job_id)
        examples = [e for e in layout.examples if e != job_id]
        if left is None or not examples:
            layouts.remove(session, layout)
            continue
        layout.places, layout.examples, layout.updated_at = left.places, examples, utcnow()
        session.flush()


def get(session: Session, principal: Principal, layout_id: str) -> tables.Layout:
    layout = session.get(tables.Layout, layout_id)
    if layout is None or layout.project_id != principal.project_id:
        raise NotFoundError(f"Layout {layout_id} not found.")
    return layout


def delete(session: Session, principal: Principal, layout_id: str) -> None:
    layouts.remove(session, get(session, principal, layout_id))


def list_layouts(session: Session, principal: Principal, *, page_size: int,
                 page_token: str | None = None) -> tuple[list[tables.Layout], str | None]:
    """The project's remembered layouts, newest first."""
    L = tables.Layout
    query = pages.after_desc(select(L).where(L.project_id == principal.project_id), L.created_at, L.id, page_token)
    rows = list(session.scalars(query.limit(page_size + 1)))
    if len(rows) > page_size:
        rows = rows[:page_size]
        return rows, pages.encode_token([rows[-1].created_at, rows[-1].id])
    return rows, None


def to_wire(layout: tables.Layout) -> dict[str, Any]:
    """A layout as the API shows it: each field's places with their anchor words, box and record."""
    fields = {path: [{"page": p["page"] + 1 if p["page"] >= 0 else "last",
                      "anchors": [a["text"] for a in p["anchors"]], "box": p["box"], "lines": p["lines"],
                      "right": p["right"], "seen": p["seen"], "confidence": recall.rate(p),
                      "example_id": p.get("example_id"),
                      **({"value": p["value"]} if p.get("kind") == "unprinted" else {})} for p in places]
              for path, places in layout.places.items()}
    return {"id": layout.id, "project_id": layout.project_id, "name": layout.name,
            "schema_key": layout.schema_key, "examples": layout.examples, "fields": fields,
            "sums": layout.sums, "fixed_words": sum(t.startswith("w:") for t in layout.tokens),
            "created_at": layout.created_at, "updated_at": layout.updated_at}
