"""Extraction (step ③ + ④): run an engine, ground its values, score them, shape the metadata.

`extract` is what a job runs once the document is parsed. The engine proposes values; this module
then makes them trustworthy and contract-shaped:

* the result fits the schema: every property present (null when not found), values coerced to
  their type (a number printed as text, an enum matched to its allowed spelling) or nulled when
  they cannot be, then checked with jsonschema. Nulls are allowed on every field, including
  non-nullable ones: an honest null beats an invented value.
* each leaf gets metadata, exactly the contract's `extract_metadata.field_metadata`:
  `document_metadata` (per_doc), `page_metadata` (per_page) or `row_metadata` (per_table_row).
  A leaf entry is `{"citation": [...], "confidence", "extraction_confidence", "parsing_confidence",
  "grounding"}`: `citation` only with cite_sources, the confidence keys only with
  confidence_scores; `grounding` (exact | normalized | fuzzy | inferred | none) always.
* every array of objects also reports the rows the document showed versus the rows returned, in a
  sibling key `"<field>__rows": {"table_rows": n, "extracted": m}` (for per_table_row, in each
  row entry's parent: `field_metadata["rows"] = {"table_rows": n, "extracted": m}`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import jsonschema

from assay.domain import values as V
from assay.domain.document import Document
from assay.domain.fields import Field, ReadContext, read_context
from assay.domain.schema import node_type, normalize_schema
from assay.engines.base import EngineOutput, Hint, get_engine
from assay.engines.ground import ground_value
from assay.errors import EngineError
from assay.pipeline import confidence as C


@dataclass
class Extraction:
    result: dict | list
    field_metadata: dict
    usage: dict


def extract(document: Document, data_schema: dict, configuration: dict, *, engine: str = "layout",
            llm: Any = None) -> Extraction:
    """`llm`: the LLMOptions of the `openai` engine (Settings.llm_options()), handed to it with the call."""
    schema = normalize_schema(data_schema)
    target = configuration.get("extraction_target") or "per_doc"
    out = get_engine(engine).extract(document, schema, {**configuration, "_llm": llm} if llm else configuration)
    shaper = _Shaper(document, read_context(document), bool(configuration.get("cite_sources")),
                     bool(configuration.get("confidence_scores")))
    shaper.keep_raw = bool(configuration.get("_raw_confidence"))  # bench only: for refitting calibration
    if target in ("per_page", "per_table_row"):
        items = out.result if isinstance(out.result, list) else [out.result]
        hints = out.hints if isinstance(out.hints, list) else [out.hints]
        result = [conform(item, schema) for item in items]
        metas = [shaper.object(schema, r, h if i < len(hints) else None, out)
                 for i, (r, h) in enumerate(zip(result, hints + [None] * len(result), strict=False))]
        _validate(result, {"type": "array", "items": schema})
        if target == "per_page":
            for meta, page in zip(metas, document.pages, strict=False):
                if "page_number" not in schema.get("properties", {}):
                    meta["page_number"] = page.number
            field_metadata: dict = {"page_metadata": metas}
        else:
            field_metadata = {"row_metadata": metas,
                              "rows": {"table_rows": out.table_rows.get("", len(result)), "extracted": len(result)}}
    else:
        result = conform(out.result, schema)
        _validate(result, schema)
        field_metadata = {"document_metadata": shaper.object(schema, result, out.hints, out)}
    usage = dict(out.usage)
    usage.setdefault("num_pages_extracted", len(document.pages))
    return Extraction(result, field_metadata, usage)


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


def _relaxed(node: Any) -> Any:
    """The schema with null allowed everywhere: extraction may always answer 'not found'."""
    if isinstance(node, dict):
        out = {k: _relaxed(v) for k, v in node.items() if k not in ("required", "format", "pattern")}
        if "type" in out:
            t = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = list(dict.fromkeys([*t, "null"]))
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    if isinstance(node, list):
        return [_relaxed(v) for v in node]
    return node


def _validate(result: Any, schema: dict) -> None:
    try:
        jsonschema.validate(result, _relaxed(copy.deepcopy(schema)))
    except jsonschema.ValidationError as exc:
        raise EngineError(f"extraction result does not fit the schema at {list(exc.absolute_path)}: "
                          f"{exc.message}") from exc


class _Shaper:
    """Builds the metadata tree: grounding, citation and confidence per leaf."""

    def __init__(self, document: Document, ctx: ReadContext, cite: bool, scores: bool) -> None:
        self.document = document
        self.ctx = ctx
        self.cite = cite
        self.scores = scores
        self.keep_raw = False

    def object(self, node: dict, value: dict, hints: Any, out: EngineOutput, path: str = "") -> dict:
        meta: dict[str, Any] = {}
        hints = hints if isinstance(hints, dict) else {}
        for key, sub in node.get("properties", {}).items():
            meta[key] = self.node(sub, value.get(key) if isinstance(value, dict) else None, hints.get(key), out,
                                  f"{path}.{key}" if path else key)
            if node_type(sub)[0] == "array" and node_type(sub.get("items", {}))[0] == "object":
                extracted = len(value.get(key) or []) if isinstance(value, dict) else 0
                meta[f"{key}__rows"] = {"table_rows": out.table_rows.get(path + ("." if path else "") + key,
                                                                          extracted), "extracted": extracted}
        return meta

    def node(self, node: dict, value: Any, hint: Any, out: EngineOutput, path: str) -> Any:
        t = node_type(node)[0]
        if t == "object":
            return self.object(node, value or {}, hint, out, path)
        if t == "array":
            items = value or []
            hints = hint if isinstance(hint, list) else []
            item_node = node.get("items", {})
            return [self.node(item_node, v, hints[i] if i < len(hints) else None, out, path)
                    for i, v in enumerate(items)]
        return self.leaf(node, value, hint if isinstance(hint, Hint) else None)

    def leaf(self, node: dict, value: Any, hint: Hint | None) -> dict:
        g = ground_value(self.document, value, node, hint, self.ctx)
        entry: dict[str, Any] = {}
        if self.cite:
            cit = g.citation()
            entry["citation"] = [cit] if cit else []
        if self.scores:
            is_null = value is None
            features = C.raw_features(hint, g.kind, is_null, node_type(node)[1])
            extraction = C.calibrate(C.raw_score(features), is_null)
            parsing = round(g.parsing_confidence, 4)
            entry["confidence"] = round(extraction * (0.5 + 0.5 * parsing), 4)
            entry["extraction_confidence"] = extraction
            entry["parsing_confidence"] = parsing
            if self.keep_raw:
                entry["_raw"] = [round(C.raw_score(features), 4), is_null]
        entry["grounding"] = g.kind
        return entry


def leaf_fields(schema: dict) -> list[Field]:
    """Every scalar leaf of a normalized schema (helper for tools and tests)."""
    out: list[Field] = []

    def walk(f: Field) -> None:
        for c in f.children():
            if c.type == "object":
                walk(c)
            elif c.type != "array":
                out.append(c)

    walk(Field((), schema))
    return out
