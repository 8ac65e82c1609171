"""The metadata of a result: for each leaf, its grounding (step ④), citation and confidence (step ⑤).

It is exactly the contract's `extract_metadata.field_metadata`: `document_metadata` (per_doc),
`page_metadata` (per_page) or `row_metadata` (per_table_row). A leaf entry is `{"citation": [...],
"confidence", "extraction_confidence", "parsing_confidence", "grounding"}`: `citation` only with
cite_sources, the confidence keys only with confidence_scores; `grounding` (exact | normalized |
fuzzy | inferred | none) always. Every array of objects also reports the rows the document showed
versus the rows returned, in a sibling key `"<field>__rows": {"table_rows": n, "extracted": m}`
(for per_table_row, in each row entry's parent: `field_metadata["rows"] = {"table_rows": n,
"extracted": m}`).
"""

from __future__ import annotations

from typing import Any

from assay.domain.document import Document
from assay.domain.fields import ReadContext
from assay.domain.options import ExtractOptions
from assay.domain.schema import node_type
from assay.engines.base import EngineOutput, Hint
from assay.pipeline import confidence as C
from assay.pipeline.ground import ground_value


def field_metadata(document: Document, ctx: ReadContext, schema: dict, result: Any, output: EngineOutput,
                   options: ExtractOptions, *, keep_raw: bool = False) -> dict:
    """The field_metadata of `result` (conformed), with the engine's hints in `output`. `keep_raw`
    adds each leaf's confidence features (`_raw`), for refitting the calibration (bench only)."""
    shaper = _Shaper(document, ctx, options.cite_sources, options.confidence_scores, keep_raw, C.filled_share(result))
    target = options.extraction_target
    if target not in ("per_page", "per_table_row"):
        return {"document_metadata": shaper.object(schema, result, output.hints, output)}
    hints = output.hints if isinstance(output.hints, list) else [output.hints]
    metas = [shaper.object(schema, r, h if i < len(hints) else None, output)
             for i, (r, h) in enumerate(zip(result, hints + [None] * len(result), strict=False))]
    if target == "per_page":
        for meta, page in zip(metas, document.pages, strict=False):
            if "page_number" not in schema.get("properties", {}):
                meta["page_number"] = page.number
        return {"page_metadata": metas}
    return {"row_metadata": metas,
            "rows": {"table_rows": output.table_rows.get("", len(result)), "extracted": len(result)}}


class _Shaper:
    """Builds the metadata tree: grounding, citation and confidence per leaf."""

    def __init__(self, document: Document, ctx: ReadContext, cite: bool, scores: bool, keep_raw: bool,
                 filled: float) -> None:
        self.document = document
        self.ctx = ctx
        self.cite = cite
        self.scores = scores
        self.keep_raw = keep_raw
        self.filled = filled  # the share of the result's fields that have a value (confidence.filled_share)

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
            parsing = round(g.parsing_confidence, 4)
            features = C.raw_features(hint, g.kind, value is None, node_type(node)[1], parsing, self.filled)
            extraction = C.calibrate(C.raw_score(features))  # parsing is one of its features
            entry["confidence"] = extraction
            entry["extraction_confidence"] = extraction
            entry["parsing_confidence"] = parsing
            if self.keep_raw:
                entry["_raw"] = features
        entry["grounding"] = g.kind
        return entry
