"""An enum value printed in other words than its option: a word that only one option has names it
("Upon receipt" → "Due on receipt"); a word two options share names neither."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

_SCHEMA = {"type": "object", "properties": {"payment_terms": {
    "type": ["string", "null"], "enum": ["Net 15", "Net 30", "Net 45", "Due on receipt", "2/10 Net 30", None]}}}


def _read(line: str):
    out = extract_document(document(page([(line, 40, 200)])), ExtractOptions(_SCHEMA, confidence_scores=True))
    return out.result["payment_terms"], out.field_metadata["document_metadata"]["payment_terms"]["confidence"]


def test_a_word_only_one_option_has_names_it():
    assert _read("Pay Terms: Upon receipt")[0] == "Due on receipt"
    value, confidence = _read("Credit Terms: 15 Days")
    assert value == "Net 15"
    assert confidence < _read("Payment Terms: Net 45")[1]


def test_a_word_two_options_share_names_neither():
    assert _read("Credit Terms: 30 Days")[0] is None
