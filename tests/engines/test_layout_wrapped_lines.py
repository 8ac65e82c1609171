"""A wrapped line of a sentence that happens to start with a label word is not "label + value"."""

from __future__ import annotations

from engine_docs import prose_document

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

LEASE = {"type": "object", "title": "Lease", "properties": {
    "landlord_name": {"type": ["string", "null"], "description": "Name of the landlord."},
    "governing_law": {"type": ["string", "null"], "description": "Jurisdiction whose law governs the agreement."},
}}

FILLER = "The parties agree that this clause is one of many ordinary provisions written in this agreement here."
WRAPPED = [
    "All fixtures placed on the Premises by Tenant shall, unless otherwise agreed in writing, become the property of",
    "Landlord and remain on the Premises at the expiration.",
    "No oral modification shall be binding. Any change in rent shall be made only in accordance with applicable",
    "law and upon the notice required by law.",
]


def _run(lines: list[str]) -> dict:
    return extract_document(prose_document(lines), ExtractOptions(LEASE, extraction_target="per_doc")).result


def test_a_wrapped_line_starting_with_a_label_word_is_not_a_labelled_value() -> None:
    out = _run([FILLER, FILLER, *WRAPPED, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER])
    assert out == {"landlord_name": None, "governing_law": None}


def test_a_label_line_after_a_finished_sentence_is_still_read() -> None:
    out = _run([FILLER, FILLER, "Governing law Ohio", *WRAPPED, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER])
    assert out["governing_law"] == "Ohio"
