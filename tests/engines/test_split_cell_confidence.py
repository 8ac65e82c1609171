"""A value read across two of the parser's table cells ("5 | 741.3" taken as 5741.3) is capped in
confidence (issue 21): the confidence step sees the cells its grounded words lie in. The example
manifest is parsed for real; the engine output is the glued value an engine that ignored the cells
would return, beside the right one."""

from __future__ import annotations

from pathlib import Path

from assay.domain.fields import read_context
from assay.domain.options import ExtractOptions
from assay.engines.base import EngineOutput, Hint
from assay.parsers import parse_document
from assay.pipeline import confidence
from assay.pipeline.metadata import field_metadata

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shipping_manifest.pdf"
SCHEMA = {"type": "object", "properties": {"weight": {"type": "number"}}}


def _confidence(document, value: float, texts: tuple[str, ...]) -> tuple[float, str]:
    page = document.pages[0]
    words = [w for w in page.words if w.text in texts][:len(texts)]
    hint = Hint(0.95, page=page.number, boxes=[w.box for w in words], text=" ".join(w.text for w in words),
                features={"source_table": 1.0, "label_sim": 1.0, "fit": 1.0, "score": 0.95})
    output = EngineOutput(result={"weight": value}, hints={"weight": hint})
    options = ExtractOptions(SCHEMA, cite_sources=True, confidence_scores=True)
    meta, _ = field_metadata(document, read_context(document), SCHEMA, {"weight": value}, output, options)
    entry = meta["document_metadata"]["weight"]
    return entry["confidence"], entry["grounding"]


def test_a_value_glued_from_two_cells_is_capped_and_one_cell_is_not() -> None:
    document = parse_document(EXAMPLE.read_bytes(), filename=EXAMPLE.name)
    glued, grounding = _confidence(document, 5741.3, ("5", "741.3"))
    assert grounding != "none"  # the words are printed: only the cells they lie in tell
    assert glued <= confidence.SPLIT_CELLS_CEILING
    right, _ = _confidence(document, 741.3, ("741.3",))
    assert right > confidence.SPLIT_CELLS_CEILING
