"""A bare tick beside a question's printed answers ("Smoker  YES / NO ✓"): the mark answers the word beside
it, and the answers printed after the question are its choices, not an answer."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

FORM = {"type": "object", "title": "Application", "properties": {
    "full_name": {"type": "string"},
    "smoker": {"type": ["boolean", "null"], "description": "true if the applicant smokes"},
    "has_pets": {"type": ["boolean", "null"], "description": "true if the applicant has pets"}}}


def run(rows):
    return extract_document(document(page(rows)), ExtractOptions(FORM)).result


def test_a_tick_after_an_answer_or_before_one_gives_that_answer():
    result = run([("Full name: Jane Roe", 40, 40), ("Smoker  YES / NO ✓", 40, 60), ("Pets  ✓ YES / NO", 40, 74)])
    assert (result["smoker"], result["has_pets"]) == (False, True)


def test_answers_printed_as_choices_with_nothing_ticked_are_no_answer():
    result = run([("Full name: Jane Roe", 40, 40), ("Smoker  YES / NO", 40, 60)])
    assert result["smoker"] is None
