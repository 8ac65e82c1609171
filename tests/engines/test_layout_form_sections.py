"""Which object a form's field belongs to: a section heading that names no object still ends the section above
it, and the labels under it say whose section it is; of two fields that want the same value equally, the one with
no other reading takes it; a tick box's option is no label, and a phone number has a phone number's shape."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.engines.layout.geometry import layout_page
from assay.engines.layout.keyvalue import label_spots
from assay.pipeline.run import extract_document

PERSON = {"type": "object", "properties": {
    "first_name": {"type": "string"}, "last_name": {"type": "string"},
    "email": {"type": ["string", "null"]},
    "phone": {"type": ["string", "null"], "description": "Primary phone number as written; null if blank."}}}
FORM = {"type": "object", "title": "Rental application", "properties": {
    "applicant": PERSON,
    "emergency_contact": {"type": "object", "properties": {
        "name": {"type": ["string", "null"]},
        "phone": {"type": ["string", "null"], "description": "Emergency contact phone; null if blank."},
        "relationship": {"type": ["string", "null"]}}},
    "preferred_contact": {"type": ["string", "null"], "enum": ["email", "phone", "text", None]},
    "move_in_date": {"type": ["string", "null"], "format": "date"}}}


def run(rows: list[tuple[str, float, float]]) -> dict:
    return extract_document(document(page(rows)), ExtractOptions(FORM)).result


def phones(result: dict) -> tuple:
    return result["applicant"]["phone"], result["emergency_contact"]["phone"]


def test_a_heading_no_label_names_is_the_section_of_the_object_its_labels_name():
    # "PERSON TO NOTIFY" names nothing; "Name:" and "Relationship:" under it name the emergency contact's fields
    # alone, so "Contact number:" there is the contact's, not the applicant's (whose section ends at the heading)
    rows = [("APPLICANT", 40, 40), ("First Name:", 40, 60), ("Camille", 200, 60), ("Last Name:", 40, 74),
            ("Dlamini", 200, 74), ("Contact No.:", 40, 88), ("+41 85 449 49 57", 200, 88),
            ("PERSON TO NOTIFY", 40, 130), ("Name:", 40, 150), ("Grace Dlamini", 200, 150),
            ("Contact number:", 40, 164), ("064 129 02 89", 200, 164), ("Relationship:", 40, 178), ("Sister", 200, 178)]
    assert phones(run(rows)) == ("+41 85 449 49 57", "064 129 02 89")


def test_of_two_fields_that_want_one_value_equally_the_one_with_no_other_reading_takes_it():
    # "Contact number" names both phones alike, and nothing places it: the applicant has "Primary Phone" too
    rows = [("Forename:", 40, 60), ("Amelia", 200, 60), ("Primary Phone:", 40, 74), ("+65 6564 8259", 200, 74),
            ("Contact name:", 40, 130), ("Camille Osei", 200, 130), ("Contact number:", 40, 144),
            ("+65 6720 4748", 200, 144)]
    assert phones(run(rows)) == ("+65 6564 8259", "+65 6720 4748")


def test_a_tick_boxs_option_is_no_label():
    layout = layout_page(page([("Employment Status ☐ Employed ☑ Student", 40, 40), ("☑ Phone", 40, 60)]))
    assert [s.text for s in label_spots(layout)] == ["employment", "employment status"]


def test_a_date_under_a_phones_label_is_no_phone_number():
    rows = [("Phone", 40, 40), ("21 Jul 2026", 40, 54)]
    assert run(rows)["applicant"]["phone"] is None
