"""Validation (step ⑥): the result is checked against the user's schema, with null allowed everywhere.

`conform_result` (step ③) already made the result fit; this is the final check, so a result that
does not fit fails the job with the path of the problem instead of reaching the user.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from assay.domain.schema import map_schema
from assay.errors import EngineError


def validate(result: Any, schema: dict, target: str) -> None:
    """Raise EngineError unless `result` fits the normalized `schema` (a list of it for per_page /
    per_table_row), nulls allowed."""
    whole = {"type": "array", "items": schema} if target in ("per_page", "per_table_row") else schema
    try:
        relaxed = _relaxed(copy.deepcopy(whole))  # normalized, so valid: not checked against the metaschema again
        jsonschema.validators.validator_for(relaxed)(relaxed).validate(result)
    except jsonschema.ValidationError as exc:
        raise EngineError(f"extraction result does not fit the schema at {list(exc.absolute_path)}: "
                          f"{exc.message}") from exc


def _relaxed(schema: dict) -> dict:
    """The schema with null allowed everywhere: extraction may always answer 'not found'."""
    return map_schema(schema, _relaxed_node)


def _relaxed_node(node: dict) -> dict:
    out = {k: v for k, v in node.items() if k not in ("required", "format", "pattern")}
    if "type" in out:
        t = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = list(dict.fromkeys([*t, "null"]))
    if "enum" in out and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    return out
