"""Classify jobs (`/api/v2/classify`): which of the user's rules a file or a parse job's output is.

A job's stored parameters are `{"configuration": {rules, parsing_configuration, mode}, "transaction_id"}`;
the worker's runner is `assay.jobqueue.run.run_classify` and the wire shape `assay.wire.classify_job`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assay.domain.classification import Rule
from assay.domain.job import JobKind, JobStatus
from assay.errors import InvalidFieldError, InvalidRequestError, NotFoundError
from assay.jobqueue import queue
from assay.services import jobs, webhook_configs
from assay.services.accounts import Principal
from assay.storage import tables

PRODUCT_TYPE = "classify_v2"
MODES = ("FAST",)


def rules_of(configuration: dict[str, Any]) -> list[Rule]:
    """The configuration's rules as the domain's, refusing none, blank types and repeated types."""
    raw = configuration.get("rules")
    if not isinstance(raw, list) or not raw:
        raise InvalidFieldError("configuration.rules needs at least one rule ({type, description}).")
    rules = []
    for i, rule in enumerate(raw):
        if not isinstance(rule, dict) or not isinstance(rule.get("type"), str):
            raise InvalidFieldError(f"configuration.rules[{i}] needs a string type and a description.")
        description = rule.get("description")
        if not isinstance(description, str):
            raise InvalidFieldError(f"configuration.rules[{i}].description must be a string.")
        rules.append(Rule(rule["type"].strip(), description.strip()))
    types = [r.type for r in rules]
    if len(set(types)) != len(types):
        raise InvalidFieldError(f"Two classify rules share a type: {sorted({t for t in types if types.count(t) > 1})}.")
    return rules


def effective_configuration(configuration: dict[str, Any]) -> dict[str, Any]:
    """Validate a classify configuration: what is stored with the job."""
    from assay.parsers import page_ranges

    rules_of(configuration)
    mode = configuration.get("mode")
    if mode is not None and mode not in MODES:
        raise InvalidRequestError(f"configuration.mode must be one of {', '.join(MODES)}; got {mode!r}.")
    parsing = {k: v for k, v in (configuration.get("parsing_configuration") or {}).items() if v is not None}
    max_pages = parsing.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise InvalidRequestError("parsing_configuration.max_pages must be an integer of at least 1.")
    if parsing.get("target_pages") is not None:
        page_ranges(str(parsing["target_pages"]))
    return {"rules": [{"type": r["type"].strip(), "description": r["description"].strip()}
                      for r in configuration["rules"]],
            "mode": mode, "parsing_configuration": parsing or None}


def saved_configuration(session: Session, principal: Principal, configuration_id: str) -> tables.Configuration:
    record = session.get(tables.Configuration, configuration_id)
    if record is None or record.project_id != principal.project_id or record.product_type != PRODUCT_TYPE:
        raise NotFoundError(f"Classify configuration {configuration_id} not found.")
    return record


def create(session: Session, principal: Principal, *, file_input: str | None, configuration: dict[str, Any] | None,
           configuration_id: str | None, transaction_id: str | None = None,
           webhook_configurations: list[dict[str, Any]] | None = None,
           webhook_configuration_ids: list[str] | None = None, webhook_allow_private: bool = False) -> tables.Job:
    input_type, file_id, configuration, configuration_version = jobs.sorting_input(
        session, principal, file_input, configuration, configuration_id,
        lambda cid: saved_configuration(session, principal, cid))
    config = effective_configuration(configuration)
    parsing = config["parsing_configuration"] or {}
    if input_type == "file_id":
        jobs.check_pages(session, file_id, parsing.get("target_pages"), parsing.get("max_pages"))
    endpoints = webhook_configs.resolve_endpoints(
        session, principal, webhook_configurations or [], webhook_configuration_ids or [],
        allow_private=webhook_allow_private)
    job = tables.Job(
        id=tables.new_id("cls"), kind=JobKind.CLASSIFY.value, project_id=principal.project_id,
        status=JobStatus.PENDING.value, file_input=file_input, document_input_type=input_type, file_id=file_id,
        configuration={"configuration": config, "transaction_id": transaction_id},
        configuration_id=configuration_id, configuration_version=configuration_version, webhooks=endpoints,
    )
    queue.enqueue(session, job)
    return job
