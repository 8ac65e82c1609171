"""Values read from sentences cite the words that print them, and the sentence nearest the cue wins."""

from __future__ import annotations

from engine_docs import prose_document

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

LEASE = {"type": "object", "title": "Lease", "properties": {
    "term_months": {"type": "integer", "description": "Length of the initial term in months."},
    "rent_due_day": {"type": ["integer", "null"], "description": "Day of the month rent is due (1-31)."},
    "late_fee": {"type": ["number", "null"], "description": "Late fee amount for late rent."},
    "pets_allowed": {"type": "boolean", "description": "Whether pets are permitted."},
    "notice_period_days": {"type": ["integer", "null"],
                           "description": "Days of written notice required to terminate or not renew; null if none."},
    "governing_law": {"type": "string", "description": "Jurisdiction whose law governs the agreement."},
}}

FILLER = "The parties agree that this clause is one of many ordinary provisions written in this agreement here."
TEXT = [
    FILLER, FILLER,
    "The term of this Agreement shall commence on the first day of May and shall continue for a period of",
    "twelve (12) months, unless terminated earlier in accordance with this Agreement.",
    "The Tenant may terminate early only by paying a fee equal to two (2) months' rent and by giving written",
    "notice of not less than forty-five (45) days.",
    "Either party may terminate this Agreement at the end of the term by giving at least sixty (60) days"
    " prior written notice.",
    "Rent is payable on or before the fifth (5th) day of each month. If rent is late the Tenant shall pay $40.00.",
    "No animals, birds or pets of any kind shall be kept on or about the Premises without the written consent.",
    "This Agreement shall be governed by the laws of England and Wales, without regard to conflict of laws.",
    FILLER, FILLER, FILLER, FILLER, FILLER, FILLER,
]


def _boxes(meta: dict, key: str) -> list[dict]:
    return meta[key]["citation"][0]["bounding_boxes"]


def test_values_from_sentences_cite_their_printed_phrase() -> None:
    out = extract_document(prose_document(TEXT), ExtractOptions(LEASE, cite_sources=True, confidence_scores=True,
                                                            extraction_target="per_doc"))
    r, meta = out.result, out.field_metadata["document_metadata"]
    assert r["term_months"] == 12
    assert r["rent_due_day"] == 5
    assert r["late_fee"] == 40
    assert r["notice_period_days"] == 60  # the defining sentence, not the early-termination one
    assert r["pets_allowed"] is False
    assert r["governing_law"] == "England and Wales"
    # "twelve (12) months": one line box, from "twelve" to "months"
    (term,) = _boxes(meta, "term_months")
    assert term["x"] == 60.0
    assert term["w"] == 5.0 * len("twelve(12)months,") + 6.0
    assert meta["rent_due_day"]["citation"][0]["matching_text"] == "fifth (5th) day"
    assert meta["late_fee"]["citation"][0]["matching_text"] == "$40.00."
    pets = meta["pets_allowed"]["citation"][0]["matching_text"]
    assert pets == "shall be kept on or about the Premises"
