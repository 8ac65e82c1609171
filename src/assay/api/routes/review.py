"""Review (Assay's own endpoints): the queue, a change to an item (each one a revision), its revisions,
corrections as data, export of accepted results, and per-configuration routing rules."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.agent_data import AgentData
from assay.api.schemas.common import Page
from assay.api.schemas.review import ReviewChange, ReviewResult, ReviewRule, ReviewRuleBody, Revision
from assay.services import agent_data, layouts, pages, review

router = APIRouter(tags=["review"])
ITEMS = "/api/v1/beta/agent-data/{item_id}"
RULES = "/api/v1/beta/review/rules/{configuration_id}"


def _revision(revision) -> Revision:  # type: ignore[no-untyped-def]
    return Revision.model_validate(review.revision_to_wire(revision))


@router.get("/api/v1/beta/review/items")
def list_items(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
               status: str | None = "pending_review", deployment_name: str | None = None,
               collection: str | None = None, page_size: int | None = None,
               page_token: str | None = None) -> Page[AgentData]:
    """Review items (agent data holding an ExtractedData), oldest first; `status` (default
    pending_review: the queue) may be accepted, rejected or error; send it empty for all."""
    size = pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)
    rows, token = review.items(session, principal, status=status or None, deployment_name=deployment_name,
                               collection=collection, page_size=size, page_token=page_token)
    return Page[AgentData](items=[AgentData.model_validate(agent_data.to_wire(r)) for r in rows],
                           next_page_token=token)


@router.post(ITEMS + "/review")
def change(item_id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
           body: ReviewChange) -> ReviewResult:
    """Confirm, correct or clear a field; accept or reject the item; or undo the last change not undone.
    Accepting teaches layout memory the item's document with its values as accepted; undoing the accept
    makes it forget them."""
    item, revision = review.apply(session, principal, item_id, review.Change(
        body.action, body.path, body.value, [w.model_dump() for w in body.words] if body.words else None,
        body.page_dimensions, body.reason))
    if body.action == "accept":
        layouts.learn_from_review(session, runtime, principal, item.data)
    elif body.action == "undo" and review.undid_accept(session, revision):
        layouts.forget_review(session, principal, item.data)
    return ReviewResult(item=AgentData.model_validate(agent_data.to_wire(item)), revision=_revision(revision))


@router.get(ITEMS + "/revisions")
def list_revisions(item_id: str, session: SessionDep, principal: PrincipalDep) -> list[Revision]:
    """Every change to the item, oldest first."""
    return [_revision(r) for r in review.revisions(session, principal, item_id)]


@router.get("/api/v1/beta/review/corrections")
def list_corrections(session: SessionDep, principal: PrincipalDep, file_id: str | None = None) -> list[Revision]:
    """Corrections made by selecting printed words (not undone): the field, the value, the words."""
    return [_revision(r) for r in review.corrections(session, principal, file_id=file_id)]


@router.get("/api/v1/beta/review/export", response_class=Response,
            responses={200: {"content": {m: {} for m in review.EXPORT_FORMATS.values()}}})
def export(session: SessionDep, principal: PrincipalDep, format: Literal["json", "jsonl", "csv"] = "json",
           deployment_name: str | None = None, collection: str | None = None) -> Response:
    """Accepted results: JSON, JSONL, or CSV with one row per array item."""
    text, media_type = review.export(session, principal, format, deployment_name=deployment_name,
                                     collection=collection)
    return Response(text, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="accepted.{format}"'})


@router.put(RULES)
def put_rule(configuration_id: str, session: SessionDep, principal: PrincipalDep,
             body: ReviewRuleBody) -> ReviewRule:
    """Route this saved extract configuration's finished jobs to review (pending_review when a value is
    under `confidence_below`, a required field is empty or a value has no grounding; accepted otherwise)."""
    return ReviewRule.model_validate(review.rule_to_wire(
        review.put_rule(session, principal, configuration_id, body.model_dump())))


@router.get(RULES)
def get_rule(configuration_id: str, session: SessionDep, principal: PrincipalDep) -> ReviewRule:
    return ReviewRule.model_validate(review.rule_to_wire(review.get_rule(session, principal, configuration_id)))


@router.delete(RULES, status_code=204)
def delete_rule(configuration_id: str, session: SessionDep, principal: PrincipalDep) -> Response:
    review.delete_rule(session, principal, configuration_id)
    return Response(status_code=204)
