"""Tick boxes set otherwise than before their options: a bare tick beside a question's printed answers
("Smoker  YES / NO ✓") answers the word beside it, and the answers printed after the question are its choices,
not an answer; boxes printed after their answers ("Yes [ ] No [X]") take the words before them."""

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


def test_boxes_printed_after_their_answers_take_the_words_before_them():
    result = run([("Full name: Jane Roe", 40, 40), ("Do you smoke? Yes [ ] No [X]", 40, 60),
                  ("Do you keep pets? Yes [X] No [ ]", 40, 74)])
    assert (result["smoker"], result["has_pets"]) == (False, True)


def test_a_line_of_options_with_boxes_is_no_value_of_the_label_before_it():
    schema = {"type": "object", "properties": {"employment_status": {
        "type": ["string", "null"], "enum": ["Employed", "Self-employed", "Retired", "Student"]}}}
    out = extract_document(document(page([("Status: [ ] Employed [X] Student [ ] Retired", 40, 88)])),
                           ExtractOptions(schema))
    assert out.result["employment_status"] == "Student"


def test_a_question_with_its_tick_boxes_under_a_blank_label_is_not_its_value():
    # "Employer:" is left blank; the phrase under it is the next question, its options ticked beside it.
    schema = {"type": "object", "properties": {
        "employer_name": {"type": ["string", "null"], "description": "Current employer; null if blank."},
        "has_pets": {"type": ["boolean", "null"], "description": "true if the applicant has pets"}}}
    doc = document(page([("Employer:", 51, 313), ("Earnings per month:", 309, 313), ("Any pets  ○ Yes ◉ No", 48, 338),
                         ("Smoking  ○ Yes ◉ No", 48, 384)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"employer_name": None, "has_pets": False}
