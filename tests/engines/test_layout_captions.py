"""Short labels set otherwise than before their values: form captions printed under them ("Jane" on the line,
"First name" under it), one-letter contact tags ("T: 0113 496 0123"); and the letters a name is written in."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

FORM = {"type": "object", "title": "Application", "properties": {
    "first_name": {"type": "string"}, "last_name": {"type": "string"},
    "date_of_birth": {"type": ["string", "null"], "format": "date"}, "phone": {"type": ["string", "null"]},
    "signature_date": {"type": ["string", "null"], "format": "date"}}}


def run(rows, schema=FORM):
    out = extract_document(document(page(rows)), ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    return out.result, out.field_metadata["document_metadata"]


def test_captions_under_the_lines_name_the_values_written_over_them():
    result, meta = run([("Jane", 40, 60), ("Roe", 240, 60), ("________________", 40, 70), ("________________", 240, 70),
                        ("First name", 40, 82), ("Last name", 240, 82),
                        ("23/03/1980", 40, 110), ("+1 555 123 4567", 240, 110),
                        ("Date of birth", 40, 122), ("Telephone", 240, 122)])
    assert result == {"first_name": "Jane", "last_name": "Roe", "date_of_birth": "1980-03-23",
                      "phone": "+1 555 123 4567", "signature_date": None}
    assert meta["first_name"]["citation"][0]["matching_text"] == "Jane"


def test_a_signature_block_dates_the_signature_over_its_caption():
    result, _ = run([("First name: Jane", 40, 60), ("Last name: Roe", 40, 74), ("Jane Roe", 40, 200),
                     ("12 September 2026", 300, 200), ("Signature", 40, 214), ("Date", 300, 214)])
    assert result["signature_date"] == "2026-09-12"


def test_labels_over_their_values_keep_their_values():
    """A strip of labels above values: a label's phrase above it is the previous label's value, not its own."""
    result, _ = run([("First name", 40, 60), ("Jane", 40, 72), ("Last name", 40, 90), ("Roe", 40, 102)])
    assert (result["first_name"], result["last_name"]) == ("Jane", "Roe")


def test_a_name_has_letters():
    """Under "First name" sits the next row's date: no name is written in figures alone."""
    result, _ = run([("First name", 40, 60), ("12/03/1980", 40, 72)])
    assert result["first_name"] is None


RECEIPT = {"type": "object", "title": "Receipt", "properties": {
    "merchant_name": {"type": "string"}, "merchant_phone": {"type": ["string", "null"]},
    "email": {"type": ["string", "null"]}, "total": {"type": ["number", "null"]}}}


def test_one_letter_tags_label_the_contact_details_of_their_kind():
    result, _ = run([("Corner Bakery", 40, 20), ("12 High St, Leeds LS1 4AB", 40, 32), ("T: 0113 496 0123", 40, 44),
                     ("E hello@cornerbakery.co.uk", 40, 56), ("TOTAL", 40, 200), ("12.40", 200, 200)], RECEIPT)
    assert (result["merchant_phone"], result["email"]) == ("0113 496 0123", "hello@cornerbakery.co.uk")


def test_a_tag_labels_only_a_value_of_its_kinds_shape():
    """"P 12.40" is no phone number: four digits; "F:" tags a fax, not the phone."""
    result, _ = run([("Corner Bakery", 40, 20), ("P 12.40", 40, 44), ("F: 0113 496 0124", 40, 56)], RECEIPT)
    assert result["merchant_phone"] is None
