"""Review: people confirm, correct or clear the fields of extractions kept in the agent-data store, and
accept or reject each one. Every change is a revision (which API key, when, the field's state before
and after) and the last one not yet undone can be undone. A correction made by selecting printed
words keeps the words (page, text, box) and its field: `corrections()` lists them for layout memory.

Items to review are agent-data items whose data is the SDK's `ExtractedData` (see
`assay.domain.review`); a saved extract configuration's review rule (`put_rule`) puts its new results
there (`assay.jobqueue.routing`). Accepting or rejecting notifies the project's saved webhooks that
take `review.accepted` / `review.rejected`, signed and retried like every other webhook.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assay.domain import review as R
from assay.errors import ConflictError, InvalidFieldError, InvalidRequestError, NotFoundError
from assay.services import agent_data, configurations, pages
from assay.services.accounts import Principal
from assay.storage.tables import AgentData, ReviewRevision, ReviewRule, utcnow
from assay.webhooks import outbox

ACTIONS = ("confirm", "correct", "clear", "accept", "reject", "undo")
EXPORT_FORMATS = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


@dataclass(frozen=True)
class Change:
    """One reviewer action. `correct` takes `value` (typed), `words` (selected on the page: `[{page,
    text, box: [x, y, w, h]}]` in points; the value is their text unless `value` is given), or both."""

    action: str
    path: str | None = None
    value: Any = None
    words: list[dict[str, Any]] | None = None
    page_dimensions: dict[str, float] | None = None
    reason: str | None = None


def items(session: Session, principal: Principal, *, status: str | None, deployment_name: str | None,
          collection: str | None, page_size: int, page_token: str | None) -> tuple[list[AgentData], str | None]:
    """The project's review items (ExtractedData-shaped), oldest first, of one status when given."""
    query = select(AgentData).where(AgentData.project_id == principal.project_id)
    if status is not None:
        query = query.where(agent_data.data_equals(session, ("status",), status))
    else:
        query = query.where(agent_data.data_has(session, ("status",)))
    if deployment_name:
        query = query.where(AgentData.deployment_name == deployment_name)
    if collection:
        query = query.where(AgentData.collection == collection)
    rows = list(session.scalars(pages.after_asc(query, AgentData.created_at, AgentData.id, page_token)
                                .limit(page_size + 1)))
    if len(rows) > page_size:
        rows = rows[:page_size]
        return rows, pages.encode_token([rows[-1].created_at.isoformat(), rows[-1].id])
    return rows, None


def apply(session: Session, principal: Principal, item_id: str, change: Change,
          ) -> tuple[AgentData, ReviewRevision]:
    """Makes the change and records it; returns the item as it now stands and the revision."""
    if change.action not in ACTIONS:
        raise InvalidFieldError(f"Unknown review action {change.action!r}; use {', '.join(ACTIONS)}.")
    record = _locked(session, principal, item_id)
    item = copy.deepcopy(record.data)
    if not isinstance(item.get("data"), dict) or "status" not in item:
        raise InvalidRequestError(f"Agent data {item_id} is not an extraction to review (no ExtractedData in it).")
    undoes = None
    if change.action == "undo":
        target = _last_effective(session, item_id)
        path, before, after = target.path, _state(item, target.path), target.before
        target.undone = True
        undoes = target.id
    elif change.action in ("accept", "reject"):
        if change.action == "reject" and not (change.reason or "").strip():
            raise InvalidFieldError("A rejection needs a reason.")
        path, before = None, R.status_state(item)
        after = {"status": "accepted" if change.action == "accept" else "rejected", "reason": change.reason}
    else:
        if not change.path:
            raise InvalidFieldError(f"{change.action} needs the field's path.")
        path, before = change.path, R.field_state(item, change.path)
        after = _field_after(change, before)
    _set_state(item, path, after)
    record.data = item
    record.updated_at = utcnow()
    revision = ReviewRevision(
        project_id=principal.project_id, item_id=item_id, seq=_next_seq(session, item_id), key_id=principal.key_id,
        action=change.action, path=path, before=before, after=after, reason=change.reason,
        file_id=item.get("file_id"), words=change.words if change.action == "correct" else None, undoes=undoes,
        created_at=utcnow())
    session.add(revision)
    session.flush()
    if change.action in ("accept", "reject"):
        outbox.enqueue_subject_event(session, principal.project_id, item_id, f"review.{after['status']}",
                                     agent_data.to_wire(record), _subscribers(session, principal))
    return record, revision


def _field_after(change: Change, before: dict[str, Any]) -> dict[str, Any]:
    if change.action == "confirm":
        return {**before, "confirmed": True}
    meta = dict(before["meta"] or {})
    if change.action == "clear":
        return {"value": None, "meta": {**meta, "citation": []} if meta else None, "confirmed": True}
    cited = R.citation(change.words, change.page_dimensions) if change.words else None
    if change.value is None and cited is None:
        raise InvalidFieldError("A correction needs a value or words selected on the page.")
    typed = change.value if change.value is not None else cited["matching_text"]  # type: ignore[index]
    value = R.coerce(typed, before["value"]) if isinstance(typed, str) else typed
    meta.update({"confidence": 1.0, "extraction_confidence": 1.0, "citation": [cited] if cited else [],
                 "grounding": "exact" if cited else "none"})
    return {"value": value, "meta": meta, "confirmed": True}


def _state(item: dict[str, Any], path: str | None) -> dict[str, Any]:
    return R.field_state(item, path) if path else R.status_state(item)


def _set_state(item: dict[str, Any], path: str | None, state: dict[str, Any]) -> None:
    if path:
        R.set_field_state(item, path, state)
    else:
        R.set_status_state(item, state)


def _locked(session: Session, principal: Principal, item_id: str) -> AgentData:
    """The item, locked until the unit of work ends, so two reviewers' changes queue one after the other."""
    record = session.get(AgentData, item_id, with_for_update=True)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"Agent data {item_id} not found.")
    return record


def _next_seq(session: Session, item_id: str) -> int:
    return int(session.scalar(select(func.coalesce(func.max(ReviewRevision.seq), 0))
                              .where(ReviewRevision.item_id == item_id)) or 0) + 1


def undid_accept(session: Session, revision: ReviewRevision) -> bool:
    """Whether `revision` undid an accept."""
    target = session.get(ReviewRevision, revision.undoes) if revision.undoes else None
    return target is not None and target.action == "accept"


def _last_effective(session: Session, item_id: str) -> ReviewRevision:
    revision = session.scalar(
        select(ReviewRevision).where(ReviewRevision.item_id == item_id, ReviewRevision.action != "undo",
                                     ReviewRevision.undone.is_(False))
        .order_by(ReviewRevision.seq.desc()).limit(1))
    if revision is None:
        raise ConflictError("Nothing to undo: every change to this item has been undone.")
    return revision


def _subscribers(session: Session, principal: Principal) -> list[dict[str, Any]]:
    """The project's saved webhooks, as endpoints (review events are not job events: no job lists them)."""
    from assay.services import webhook_configs

    configs, _ = webhook_configs.list_configs(session, principal)
    return [{"webhook_url": c.webhook_url, "webhook_events": c.webhook_events, "webhook_headers": c.webhook_headers,
             "webhook_output_format": c.webhook_output_format, "webhook_signing_secret": c.signing_secret,
             "webhook_config_id": c.id} for c in configs]


def revisions(session: Session, principal: Principal, item_id: str) -> list[ReviewRevision]:
    agent_data.get(session, principal, item_id)
    return list(session.scalars(select(ReviewRevision).where(ReviewRevision.item_id == item_id)
                                .order_by(ReviewRevision.seq)))


def corrections(session: Session, principal: Principal, *, file_id: str | None = None) -> list[ReviewRevision]:
    """Corrections made by selecting printed words and not undone, oldest first: each names its field
    (`path`), the corrected value (`after`) and the words (page, text, box)."""
    query = select(ReviewRevision).where(
        ReviewRevision.project_id == principal.project_id, ReviewRevision.action == "correct",
        ReviewRevision.undone.is_(False), ReviewRevision.words.is_not(None))
    if file_id is not None:
        query = query.where(ReviewRevision.file_id == file_id)
    return list(session.scalars(query.order_by(ReviewRevision.created_at, ReviewRevision.id)))


def revision_to_wire(revision: ReviewRevision) -> dict[str, Any]:
    return {"id": revision.id, "item_id": revision.item_id, "seq": revision.seq, "key_id": revision.key_id,
            "action": revision.action, "path": revision.path, "before": revision.before, "after": revision.after,
            "reason": revision.reason, "file_id": revision.file_id, "words": revision.words,
            "undoes": revision.undoes, "undone": revision.undone, "created_at": revision.created_at}


# --- export -------------------------------------------------------------------------------------

def export(session: Session, principal: Principal, fmt: str, *, deployment_name: str | None = None,
           collection: str | None = None) -> tuple[str, str]:
    """Accepted results, oldest first, as JSON (an array), JSONL or CSV (one row per array item);
    returns (text, media type)."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidFieldError(f"Unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}.")
    records, token = [], None
    while True:
        page, token = items(session, principal, status="accepted", deployment_name=deployment_name,
                            collection=collection, page_size=1000, page_token=token)
        records.extend({"id": r.id, "file_id": r.data.get("file_id"), "file_name": r.data.get("file_name"),
                        "data": r.data.get("data")} for r in page)
        if token is None:
            break
    if fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        text = _csv(records)
    return text, EXPORT_FORMATS[fmt]


def _csv(records: list[dict[str, Any]]) -> str:
    table = [{"id": r["id"], "file_name": r["file_name"], **row} for r in records for row in R.rows(r["data"] or {})]
    columns = list(dict.fromkeys(key for row in table for key in row)) or ["id", "file_name"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


# --- routing rules ------------------------------------------------------------------------------

RULE_FIELDS = ("deployment_name", "collection", "confidence_below", "required_empty", "ungrounded")


def put_rule(session: Session, principal: Principal, configuration_id: str, fields: dict[str, Any]) -> ReviewRule:
    """Route the finished jobs of a saved extract configuration to review."""
    config = configurations.get(session, principal, configuration_id)
    if config.product_type != "extract_v2":
        raise InvalidRequestError(f"{configuration_id} is a {config.product_type} configuration; review rules "
                                  "route extract_v2 ones.")
    below = fields.get("confidence_below")
    if below is not None and not 0 <= below <= 1:
        raise InvalidFieldError("confidence_below must be between 0 and 1.")
    if not (fields.get("deployment_name") or "").strip():
        raise InvalidFieldError("deployment_name must not be empty.")
    rule = session.get(ReviewRule, configuration_id)
    if rule is None:
        rule = ReviewRule(configuration_id=configuration_id, project_id=principal.project_id, created_at=utcnow())
        session.add(rule)
    for name in RULE_FIELDS:
        setattr(rule, name, fields.get(name))
    rule.collection = fields.get("collection") or agent_data.DEFAULT_COLLECTION
    rule.updated_at = utcnow()
    session.flush()
    return rule


def get_rule(session: Session, principal: Principal, configuration_id: str) -> ReviewRule:
    rule = session.get(ReviewRule, configuration_id)
    if rule is None or rule.project_id != principal.project_id:
        raise NotFoundError(f"No review rule for configuration {configuration_id}.")
    return rule


def delete_rule(session: Session, principal: Principal, configuration_id: str) -> None:
    session.delete(get_rule(session, principal, configuration_id))
    session.flush()


def rule_to_wire(rule: ReviewRule) -> dict[str, Any]:
    return {"configuration_id": rule.configuration_id, **{name: getattr(rule, name) for name in RULE_FIELDS},
            "created_at": rule.created_at, "updated_at": rule.updated_at}


