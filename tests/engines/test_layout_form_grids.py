"""A filled-in form: "label | value" pairs set two a row line up as a grid does, yet are no table (its phrases are
read by meaning, a heading alone over them labels none of them); a label goes on through a preposition
("Relationship | to applicant"); a blank field's neighbour that meaning knows as a label is no value; a colon's
label that means a free text field gives it whatever text follows."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

FORM = {"type": "object", "title": "Rental application", "properties": {
    "applicant": {"type": "object", "properties": {
        "first_name": {"type": "string", "description": "Applicant first name."},
        "last_name": {"type": "string", "description": "Applicant last name."},
        "date_of_birth": {"type": ["string", "null"], "description": "Date of birth, YYYY-MM-DD; null if blank."},
        "email": {"type": ["string", "null"], "description": "Email address; null if blank."},
        "phone": {"type": ["string", "null"], "description": "Primary phone number as written; null if blank."}}},
    "employer_name": {"type": ["string", "null"], "description": "Current employer; null if blank."},
    "monthly_income": {"anyOf": [{"type": "number"}, {"type": "null"}], "description": "Gross monthly income."},
    "has_pets": {"type": ["boolean", "null"], "description": "Answer to the pets question."},
    "pet_details": {"type": ["string", "null"], "description": "Description of pets; null if blank."},
    "emergency_contact": {"type": "object", "properties": {
        "name": {"type": ["string", "null"], "description": "Emergency contact name; null if blank."},
        "relationship": {"type": ["string", "null"], "description": "Relationship to applicant; null if blank."}}}}}


def _run(items: list[tuple[str, float, float]]) -> dict:
    return extract_document(document(page(items)), ExtractOptions(FORM)).result


def test_pairs_set_two_a_row_under_a_heading_are_read_as_labels_and_values():
    got = _run([("APPLICANT", 50, 60),
                ("Given Name(s)", 50, 80), ("Linnea", 160, 80), ("Middle Name", 320, 80), ("Marie", 430, 80),
                ("Last Name", 50, 100), ("Holm", 160, 100), ("Date of Birth", 320, 100), ("15 Jun 1977", 430, 100),
                ("Email address", 50, 120), ("l.holm@example.org", 160, 120), ("Contact Number", 320, 120),
                ("07700 900461", 430, 120)])
    assert got["applicant"] == {"first_name": "Linnea", "last_name": "Holm", "date_of_birth": "1977-06-15",
                                "email": "l.holm@example.org", "phone": "07700 900461"}


def test_a_label_goes_on_through_a_preposition():
    got = _run([("EMERGENCY CONTACT", 50, 60), ("Contact name", 50, 80), ("Audrey Lee", 240, 80),
                ("Relationship to applicant", 50, 100), ("Friend", 240, 100)])
    assert got["emergency_contact"]["relationship"] == "Friend"  # not "to applicant"


def test_a_blank_fields_neighbour_that_meaning_knows_as_a_label_is_no_value():
    got = _run([("Employer Name", 50, 80), ("Income per month ($)", 320, 80), ("Pets: none", 50, 100)])
    assert got["employer_name"] is None


def test_a_colons_label_that_means_a_free_text_field_gives_it_the_text_after_it():
    got = _run([("Do you have pets? [X] Yes [ ] No", 50, 80), ("Type and number of pets: Two rabbits", 50, 100)])
    assert got["has_pets"] is True
    assert got["pet_details"] == "Two rabbits"


def test_a_yes_or_no_answer_is_no_free_text_value():
    got = _run([("Pet owner:", 50, 80), ("O Yes", 200, 80), ("ONo", 300, 80)])
    assert got["pet_details"] is None  # "O Yes": a radio button read as a letter, then the answer
