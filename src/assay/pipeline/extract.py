"""Extraction (step ③): the job's engine proposes values, and they are made to fit the schema.

* `propose` runs the engine, handing it the job's options, the document's grounder (an engine may
  ask where a candidate value is printed) and the model server for engines that use one.
* `conform_result` makes the engine's answer fit the schema: every property present (null when not
  found), values coerced to their type (a number printed as text, an enum matched to its allowed
  spelling) or nulled when they cannot be. Nulls are allowed on every field, including
  non-nullable ones: an honest null beats an invented value.
"""

from __future__ import annotations

from typing import Any

from assay.domain import values as V
from assay.domain.document import Document
from assay.domain.options import ExtractOptions, LLMOptions
from assay.domain.schema import node_type
from assay.engines.base import EngineOutput, Grounder, get_engine


def propose(document: Document, schema: dict, options: ExtractOptions, *, engine: str, grounder: Grounder,
            llm: LLMOptions | None = None) -> EngineOutput:
    """The values the engine named `engine` reads from `document` for the normalized `schema`."""
    return get_engine(engine).extract(document, schema, options, grounder=grounder, llm=llm)


def conform_result(value: Any, schema: dict, target: str) -> Any:
    """The engine's result fitted to `schema`: one object, or for per_page / per_table_row a list of them."""
    if target in ("per_page", "per_table_row"):
        items = value if isinstance(value, list) else [value]
        return [conform(item, schema) for item in items]
    return conform(value, schema)


def conform(value: Any, node: dict) -> Any:
    """`value` made to fit `node`: missing keys → null, wrong types coerced or nulled."""
    t, _nullable = node_type(node)
    if value is None:
        return {k: conform(None, sub) for k, sub in node.get("properties", {}).items()} if t == "object" \
            and node_type(node)[1] is False else ([] if t == "array" else None)
    if t == "object":
        if not isinstance(value, dict):
            return conform(None, node)
        return {k: conform(value.get(k), sub) for k, sub in node.get("properties", {}).items()}
    if t == "array":
        if not isinstance(value, list):
            return []
        items = [conform(v, node.get("items", {})) for v in value]
        return [v for v in items if v is not None]
    return _scalar(value, node, t)


def _scalar(value: Any, node: dict, t: str) -> Any:
    if "enum" in node:
        if value in node["enum"]:
            return value
        got = V.match_enum(str(value), node["enum"])
        return got[0] if got else None
    if t in ("number", "integer"):
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            value = V.parse_number(value)
        if not isinstance(value, (int, float)):
            return None
        if t == "integer":
            return int(value) if float(value).is_integer() else None
        return V.format_number(float(value), False)
    if t == "boolean":
        return value if isinstance(value, bool) else V.parse_bool(str(value))
    if t == "string":
        return value if isinstance(value, str) else (None if isinstance(value, (dict, list)) else str(value))
    return value
