"""Split jobs (`/api/v1/split/jobs`, and the beta `/api/v1/beta/split/jobs`): where the documents of a
bundle begin and end, and which of the user's categories each one is.

A job's stored parameters are the split configuration (categories, splitting_strategy, target_pages,
parse_tier, parse_config_id, version) and its `transaction_id`; the worker's runner is
`assay.jobqueue.run.run_split` and the wire shape `assay.wire.split_job`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assay import wire
from assay.domain import tiers
from assay.domain.classification import UNCATEGORIZED, Category, SplitStrategy, Uncategorized
from assay.domain.job import JobKind, JobStatus
from assay.errors import InvalidFieldError, InvalidRequestError, NotFoundError
from assay.jobqueue import queue
from assay.services import jobs, webhook_configs
from assay.services.accounts import Principal
from assay.storage import tables

PRODUCT_TYPE = "split_v1"
DEFAULT_PARSE_TIER = "fast"  # the vendor's default


def categories_of(params: dict[str, Any]) -> list[Category]:
    raw = params.get("categories")
    if not isinstance(raw, list) or not raw:
        raise InvalidFieldError("configuration.categories needs at least one category ({name, description}).")
    categories = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InvalidFieldError(f"configuration.categories[{i}] needs a string name.")
        description = item.get("description") or ""
        if not isinstance(description, str):
            raise InvalidFieldError(f"configuration.categories[{i}].description must be a string.")
        categories.append(Category(item["name"].strip(), description.strip()))
    names = [c.name.casefold() for c in categories]
    if len(set(names)) != len(names):
        raise InvalidFieldError("Two split categories share a name.")
    if UNCATEGORIZED in names:
        raise InvalidFieldError(f"{UNCATEGORIZED!r} is the name of pages that fit no category; "
                                "choose another category name.")
    return categories


def strategy_of(params: dict[str, Any]) -> SplitStrategy:
    raw = params.get("splitting_strategy") or {}
    if not isinstance(raw, dict):
        raise InvalidFieldError("configuration.splitting_strategy must be an object.")
    allowed = raw.get("allow_uncategorized") or Uncategorized.INCLUDE.value
    if allowed not in {u.value for u in Uncategorized}:
        raise InvalidFieldError(f"splitting_strategy.allow_uncategorized must be one of "
                                f"{', '.join(u.value for u in Uncategorized)}; got {allowed!r}.")
    min_pages = raw.get("min_pages_per_split", 1)
    if not isinstance(min_pages, int) or isinstance(min_pages, bool):
        raise InvalidFieldError("splitting_strategy.min_pages_per_split must be an integer.")
    instructions = raw.get("custom_instructions")
    if instructions is not None and not isinstance(instructions, str):
        raise InvalidFieldError("splitting_strategy.custom_instructions must be a string.")
    return SplitStrategy(Uncategorized(allowed), min_pages, instructions)


def effective_configuration(configuration: dict[str, Any]) -> dict[str, Any]:
    """Validate a split configuration and fill its defaults: what is stored with the job."""
    from assay.parsers import page_ranges

    categories = categories_of(configuration)
    strategy = strategy_of(configuration)
    parse_tier = configuration.get("parse_tier")
    if parse_tier is not None and parse_tier not in tiers.PARSE_TIERS:
        raise InvalidRequestError(f"parse_tier must be one of {', '.join(tiers.PARSE_TIERS)}; got {parse_tier!r}.")
    if configuration.get("target_pages") is not None:
        page_ranges(str(configuration["target_pages"]))
    return {
        "categories": [{"name": c.name, "description": c.description or None} for c in categories],
        "splitting_strategy": {"allow_uncategorized": strategy.allow_uncategorized.value,
                               "min_pages_per_split": strategy.min_pages_per_split,
                               "custom_instructions": strategy.custom_instructions},
        "target_pages": configuration.get("target_pages"),
        "parse_tier": parse_tier,
        "parse_config_id": configuration.get("parse_config_id"),
        "version": configuration.get("version"),
    }


def _saved(session: Session, principal: Principal, configuration_id: str, product_type: str) -> tables.Configuration:
    record = session.get(tables.Configuration, configuration_id)
    if record is None or record.project_id != principal.project_id or record.product_type != product_type:
        noun = "Split" if product_type == PRODUCT_TYPE else "Parse"
        raise NotFoundError(f"{noun} configuration {configuration_id} not found.")
    return record


def parse_tier_of(session: Session, principal: Principal, config: dict[str, Any]) -> str:
    """The tier a file is read with: the saved parse configuration's (which may not restrict pages:
    segments number pages as in the whole file), else parse_tier, else fast."""
    if config.get("parse_config_id"):
        params = _saved(session, principal, config["parse_config_id"], "parse_v2").parameters
        ranges = params.get("page_ranges") or {}
        if ranges.get("target_pages") or ranges.get("max_pages") or params.get("target_pages") \
                or params.get("max_pages"):
            raise InvalidRequestError(f"Parse configuration {config['parse_config_id']} restricts pages; a split "
                                      "numbers pages as in the whole document, so it cannot use it.")
        return str(params.get("tier") or DEFAULT_PARSE_TIER)
    return str(config.get("parse_tier") or DEFAULT_PARSE_TIER)


def create(session: Session, principal: Principal, *, file_input: str, configuration: dict[str, Any] | None,
           configuration_id: str | None, transaction_id: str | None = None,
           webhook_configurations: list[dict[str, Any]] | None = None,
           webhook_configuration_ids: list[str] | None = None, webhook_allow_private: bool = False) -> tables.Job:
    input_type, file_id, configuration, configuration_version = jobs.sorting_input(
        session, principal, file_input, configuration, configuration_id,
        lambda cid: _saved(session, principal, cid, PRODUCT_TYPE))
    config = effective_configuration(configuration)
    if config["target_pages"] and input_type != "parse_job_id":
        raise InvalidRequestError("target_pages needs a completed parse job as file_input (pjb-…): split results "
                                  "number pages as in the parsed document.")
    config["parse_tier_used"] = parse_tier_of(session, principal, config) if input_type == "file_id" else None
    endpoints = webhook_configs.resolve_endpoints(
        session, principal, webhook_configurations or [], webhook_configuration_ids or [],
        allow_private=webhook_allow_private)
    job = tables.Job(
        id=tables.new_id("spl"), kind=JobKind.SPLIT.value, project_id=principal.project_id,
        status=JobStatus.PENDING.value, file_input=file_input, document_input_type=input_type, file_id=file_id,
        configuration={**config, "transaction_id": transaction_id},
        configuration_id=configuration_id, configuration_version=configuration_version, webhooks=endpoints,
    )
    queue.enqueue(session, job)
    return job


def status_filter(wire_status: str | None) -> str | None:
    """The stored status a list's `status` filter (lower case, as the wire shows it) names."""
    if wire_status is None:
        return None
    for status, name in wire.SPLIT_STATUS.items():
        if name == wire_status and status is not JobStatus.THROTTLED:
            return status.value
    raise InvalidRequestError(f"status must be one of {', '.join(sorted(set(wire.SPLIT_STATUS.values())))}; "
                              f"got {wire_status!r}.")
