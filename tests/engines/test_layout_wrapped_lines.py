"""A wrapped line of a sentence that happens to start with a label word is not "label + value"."""

from __future__ import annotations

from assay.domain.document import Box, Document, Page, Word
from assay.pipeline.extract import extract

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


def _doc(lines: list[str]) -> Document:
    words: list[Word] = []
    for n, line in enumerate(lines):
        x = 60.0
        for token in line.split(" "):
            w = 5.0 * len(token)
            words.append(Word(token, Box(x, 60.0 + 14.0 * n, w, 10.0)))
            x += w + 3.0
    return Document(pages=[Page(number=1, width=700.0, height=792.0, words=words)], mime_type="application/pdf")


def _run(lines: list[str]) -> dict:
    return extract(_doc(lines), LEASE, {"extraction_target": "per_doc"}).result


def test_a_wrapped_line_starting_with_a_label_word_is_not_a_labelled_value() -> None:
    out = _run([FILLER, FILLER, *WRAPPED, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER])
    assert out == {"landlord_name": None, "governing_law": None}


def test_a_label_line_after_a_finished_sentence_is_still_read() -> None:
    out = _run([FILLER, FILLER, "Governing law Ohio", *WRAPPED, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER])
    assert out["governing_law"] == "Ohio"
