"""The model proposes values; Assay finds them in the document, cites them, and scores them."""

from __future__ import annotations

from tests.llm.conftest import FaultProxy
from tests.llm.documents import SIMPLE_SCHEMA, simple_invoice

from assay.domain.document import Box
from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.ground import Grounder
from assay.pipeline.run import extract_document


def test_every_model_value_is_grounded_by_assay_or_gets_no_box(proxy: FaultProxy) -> None:
    document = parse_document(simple_invoice("INV-7"), filename="invoice.pdf")
    extraction = extract_document(document, ExtractOptions(SIMPLE_SCHEMA, cite_sources=True, confidence_scores=True),
                                  engine="openai", llm=proxy.options(structured_output="json_object_schema"))
    meta = extraction.field_metadata["document_metadata"]
    printed = " ".join(w.text for _, w in document.iter_words())
    for name, value in extraction.result.items():
        entry = meta[name]
        if entry["grounding"] == "none":
            assert entry["citation"] == [], name  # never a guessed box
            assert value is None or entry["confidence"] < 0.9, name
        else:
            cite = entry["citation"][0]
            assert cite["page"] == 1, name
            assert cite["bounding_boxes"], name
            assert cite["matching_text"] in printed, name
    assert extraction.result["invoice_number"] == "INV-7"
    cite = meta["invoice_number"]["citation"][0]
    assert cite["matching_text"] == "INV-7"
    assert meta["invoice_number"]["grounding"] == "exact"
    box = Box(**cite["bounding_boxes"][0])
    label = next(w for _, w in document.iter_words() if w.text == "Number:")
    assert box.x > label.box.right  # the value's own words, right of its label
    assert abs(box.cy - label.box.cy) < 3


def test_values_are_found_exactly_normalized_fuzzily_or_not_at_all() -> None:
    document = parse_document(simple_invoice("INV-7"), filename="invoice.pdf")
    g = Grounder(document)
    assert g.ground("INV-7", {"type": "string"}).kind == "exact"
    assert g.ground(60.0, {"type": "number"}).kind == "normalized"  # printed "60.00"
    assert g.ground("INVOICE NUMBR", {"type": "string"}).kind == "fuzzy"
    missing = g.ground("PO-123456", {"type": "string"})
    assert missing.kind == "none"
    assert missing.page is None
    assert missing.boxes == []
