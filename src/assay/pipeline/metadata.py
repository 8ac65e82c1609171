"""The metadata of a result: for each leaf, its grounding (step ④), citation and confidence (step ⑤).

`field_metadata` is exactly the contract's `extract_metadata.field_metadata`: `document_metadata`
(per_doc), `page_metadata` (per_page) or `row_metadata` (per_table_row), holding nothing but field
entries, so the SDK's `ExtractedData.from_extract_job` and `parse_extracted_field_metadata` read it.
A leaf entry is `{"citation": [...], "confidence", "extraction_confidence", "parsing_confidence",
"grounding"}`: `citation` only with cite_sources, the confidence keys only with confidence_scores;
`grounding` (exact | normalized | fuzzy | inferred | none) always. A value read from layout memory
(`pipeline.recall`) adds `source: "layout_memory"`, `layout_id` and `example_id` (the reviewed job that
taught it), and its confidence is how often that place was right (the SDK drops the extra keys).

What is not a field goes beside it, in `extract_metadata` (whose SDK model allows extra keys):
`table_rows`, for every array of objects the rows the document showed versus the rows returned,
keyed by the array's path in `extract_result` (`"line_items"`, `"orders[1].lines"`, `"[0].line_items"`
for per_page, `""` for the per_table_row result itself): `{"table_rows": n, "extracted": m}`; and for
per_page, `page_numbers`, the page each `extract_result` item was read from.
"""

from __future__ import annotations

from typing import Any

from assay.domain.document import Document, cell_index
from assay.domain.fields import ReadContext
from assay.domain.options import ExtractOptions
from assay.domain.schema import node_type
from assay.engines.base import EngineOutput, Hint
from assay.pipeline import confidence as C
from assay.pipeline import recall
from assay.pipeline.ground import Grounding, ground_value


def field_metadata(document: Document, ctx: ReadContext, schema: dict, result: Any, output: EngineOutput,
                   options: ExtractOptions, text_quality: float = 1.0, *,
                   keep_raw: bool = False) -> tuple[dict, dict]:
    """(field_metadata, the other `extract_metadata` keys) of `result` (conformed), with the engine's
    hints in `output`. `text_quality` (outcome.text_quality) bounds every leaf's parsing_confidence.
    `keep_raw` adds each leaf's confidence features (`_raw`), for refitting the calibration (bench only)."""
    shaper = _Shaper(document, ctx, options.cite_sources, options.confidence_scores, keep_raw, output,
                     C.filled_share(result), text_quality)
    target = options.extraction_target
    if target not in ("per_page", "per_table_row"):
        meta = shaper.object(schema, result, output.hints)
        return {"document_metadata": meta}, {"table_rows": shaper.table_rows}
    hints = output.hints if isinstance(output.hints, list) else [output.hints]
    metas = [shaper.object(schema, r, h if i < len(hints) else None, at=f"[{i}]")
             for i, (r, h) in enumerate(zip(result, hints + [None] * len(result), strict=False))]
    if target == "per_page":
        pages = [page.number for page in document.pages][:len(metas)]
        return {"page_metadata": metas}, {"table_rows": shaper.table_rows, "page_numbers": pages}
    shaper.table_rows[""] = {"table_rows": output.table_rows.get("", len(result)), "extracted": len(result)}
    return {"row_metadata": metas}, {"table_rows": shaper.table_rows}


class _Shaper:
    """Builds the metadata tree: grounding, citation and confidence per leaf."""

    def __init__(self, document: Document, ctx: ReadContext, cite: bool, scores: bool, keep_raw: bool,
                 out: EngineOutput, filled: float, text_quality: float) -> None:
        self.document = document
        self.ctx = ctx
        self.cite = cite
        self.scores = scores
        self.keep_raw = keep_raw
        self.out = out
        self.table_rows: dict[str, dict[str, int]] = {}
        self.filled = filled  # the share of the result's fields that have a value (confidence.filled_share)
        self.text_quality = text_quality  # how readable the document's words are, as a bound (outcome.text_quality)
        self.cells: dict[int, dict[int, tuple[int, int, int]]] = {}  # page number → document.cell_index

    def object(self, node: dict, value: dict, hints: Any, path: str = "", at: str = "") -> dict:
        """`path`: the schema path (`a.b`, the engine's key for table_rows); `at`: the result path (`a[0].b`)."""
        meta: dict[str, Any] = {}
        hints = hints if isinstance(hints, dict) else {}
        for key, sub in node.get("properties", {}).items():
            sub_path, sub_at = f"{path}.{key}" if path else key, f"{at}.{key}" if at else key
            sub_value = value.get(key) if isinstance(value, dict) else None
            meta[key] = self.node(sub, sub_value, hints.get(key), sub_path, sub_at)
            if node_type(sub)[0] == "array" and node_type(sub.get("items", {}))[0] == "object":
                extracted = len(sub_value or [])
                self.table_rows[sub_at] = {"table_rows": self.out.table_rows.get(sub_path, extracted),
                                           "extracted": extracted}
        return meta

    def node(self, node: dict, value: Any, hint: Any, path: str, at: str) -> Any:
        t = node_type(node)[0]
        if t == "object":
            return self.object(node, value or {}, hint, path, at)
        if t == "array":
            items = value or []
            hints = hint if isinstance(hint, list) else []
            item_node = node.get("items", {})
            return [self.node(item_node, v, hints[i] if i < len(hints) else None, path, f"{at}[{i}]")
                    for i, v in enumerate(items)]
        return self.leaf(node, value, hint if isinstance(hint, Hint) else None)

    def leaf(self, node: dict, value: Any, hint: Hint | None) -> dict:
        g = ground_value(self.document, value, node, hint, self.ctx)
        entry: dict[str, Any] = {}
        if self.cite:
            cit = g.citation()
            entry["citation"] = [cit] if cit else []
        if self.scores:
            parsing = round(min(g.parsing_confidence, self.text_quality), 4)
            features = C.raw_features(hint, g.kind, value is None, node_type(node)[1], parsing, self.filled,
                                      self.cells_holding(g))
            extraction = C.confidence(features)  # parsing is one of its features
            if isinstance(hint, recall.Recalled) and g.kind != "none":
                extraction = round(min(hint.confidence, max(0.01, parsing)), 4)
            entry["confidence"] = extraction
            entry["extraction_confidence"] = extraction
            entry["parsing_confidence"] = parsing
            if self.keep_raw:
                entry["_raw"] = features
        entry["grounding"] = g.kind
        if isinstance(hint, recall.Recalled):
            entry.update(source="layout_memory", layout_id=hint.layout_id, example_id=hint.example_id)
        return entry

    def cells_holding(self, g: Grounding) -> set[tuple[int, int, int]]:
        """The cells (table, row, column) of g's page that hold its words, in tables whose header the
        parser read (a headerless block of a receipt's words is no evidence of where a value ends)."""
        if g.page is None or not g.page.tables:
            return set()
        index = self.cells.get(g.page.number)
        if index is None:
            tables = g.page.tables
            index = {w: cell for w, cell in cell_index(tables).items() if tables[cell[0]].header_rows}
            self.cells[g.page.number] = index
        return {index[id(w)] for w in g.words if id(w) in index}
