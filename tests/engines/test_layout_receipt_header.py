"""A receipt's header: a numbering word after a label is the label's ("Txn No. S10-503359" is numbered
S10-503359, not "No. S10-503359"), a timestamp under the store's name is no phone number, and a
row of column headers set one space apart ("VAT Total") heads the figures under each of its words; a
label in the plural ("Taxes") names what its singular names."""

from __future__ import annotations

from engine_docs import document, page, sized_page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

RECEIPT = {"type": "object", "properties": {
    "merchant_phone": {"type": ["string", "null"], "description": "Store phone number as printed; null if none."},
    "receipt_number": {"type": ["string", "null"], "description": "Receipt / transaction number as printed."}}}


def _run(doc) -> dict:
    return extract_document(doc, ExtractOptions(RECEIPT)).result


def test_a_numbering_word_after_the_label_is_no_part_of_the_number():
    got = _run(document(page([("BLUE OAK CAFE", 40.0, 20.0), ("Txn No. S10-503359", 40.0, 60.0)])))
    assert got["receipt_number"] == "S10-503359"


def test_a_date_and_time_under_the_stores_name_is_not_its_phone():
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("96 Lakeview Road", 40.0, 50.0, 10.0),
                               ("09/10/2026 13.00", 40.0, 64.0, 10.0)]))
    assert _run(doc)["merchant_phone"] is None


def test_column_headers_one_space_apart_each_head_the_figure_under_it():
    schema = {"type": "object", "properties": {"tax": {"type": ["number", "null"], "description": "Tax amount."},
                                               "total": {"type": "number", "description": "Total paid."}}}
    doc = document(page([("TO PAY", 12.0, 100.0), ("23.92", 166.0, 100.0),
                         ("Code Base", 12.0, 112.0), ("VAT Total", 147.0, 112.0),
                         ("9% 21.94", 12.0, 124.0), ("1.98 23.92", 147.0, 124.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"tax": 1.98, "total": 23.92}


def test_a_label_in_the_plural_names_the_field_of_its_singular():
    schema = {"type": "object", "properties": {"tax": {"type": ["number", "null"], "description": "Tax amount."},
                                               "total": {"type": "number", "description": "Total paid."}}}
    doc = document(page([("Subtotal", 12.0, 100.0), ("21.12", 166.0, 100.0), ("Taxes", 12.0, 112.0),
                         ("4.22", 166.0, 112.0), ("TOTAL", 12.0, 124.0), ("25.34", 166.0, 124.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"tax": 4.22, "total": 25.34}


def test_a_phone_number_after_a_few_words_under_the_stores_name_is_its_phone():
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("96 Lakeview Road", 40.0, 50.0, 10.0),
                               ("Call us 0161 496 0732", 40.0, 64.0, 10.0)]))
    assert _run(doc)["merchant_phone"] == "0161 496 0732"


def test_words_with_a_figure_before_a_number_make_no_phone():
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("Till 6 0161 496 0732", 40.0, 50.0, 10.0)]))
    assert _run(doc)["merchant_phone"] is None


def test_a_number_after_words_that_name_its_kind_is_no_phone():
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("Tax ID No. 45-5180282", 40.0, 50.0, 10.0)]))
    assert _run(doc)["merchant_phone"] is None


def test_a_number_after_a_one_letter_tag_is_left_to_the_tag():
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("F: 0113 496 0124", 40.0, 50.0, 10.0)]))
    assert _run(doc)["merchant_phone"] is None


def test_a_time_after_the_date_is_read_with_its_afternoon_mark():
    schema = {"type": "object", "properties": {
        "time": {"type": ["string", "null"], "description": "Purchase time in 24-hour HH:MM; null if none."}}}
    doc = document(sized_page([("BLUE OAK CAFE", 40.0, 20.0, 18.0), ("03/14/2026 04:51 PM", 40.0, 50.0, 10.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"time": "16:51"}


def test_a_numbering_word_ends_a_label_nobody_knows_as_a_colon_would():
    got = _run(document(page([("BLUE OAK CAFE", 40.0, 20.0), ("Bill No. 80534", 40.0, 60.0),
                              ("Server: Tom", 150.0, 60.0)])))
    assert got["receipt_number"] == "80534"


def test_a_branch_number_after_a_shops_name_in_larger_type_is_part_of_the_name():
    schema = {"type": "object", "title": "Receipt", "properties": {
        "merchant_name": {"type": "string", "description": "Store name as printed at the top of the receipt."}}}
    doc = document(sized_page([("PETRO STOP 114", 40.0, 20.0, 14.0), ("88 Briggate", 40.0, 40.0, 10.0),
                               ("Leeds LS1 6NP", 40.0, 52.0, 10.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"merchant_name": "PETRO STOP 114"}


def test_a_labels_value_after_its_colon_leaves_the_figure_under_it_to_another_line():
    schema = {"type": "object", "properties": {"total": {"type": "number", "description": "Total charged."}}}
    doc = document(page([("Txn 4411", 12.0, 48.0), ("Server: Tom", 130.0, 48.0), ("Espresso", 12.0, 60.0),
                         ("2.80", 166.0, 60.0), ("Brezel", 12.0, 72.0), ("0.95", 166.0, 72.0),
                         ("Amount", 12.0, 84.0), ("3.75", 166.0, 84.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"total": 3.75}


def test_a_labelled_length_written_out_in_another_unit_is_converted_to_the_fields():
    schema = {"type": "object", "properties": {
        "term_months": {"type": "integer", "description": "Length of the initial term in months."}}}
    doc = document(page([("Term:", 40.0, 60.0), ("one (1) year", 140.0, 60.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"term_months": 12}


def test_a_label_after_a_labels_colon_leaves_the_value_beside_them_to_it():
    schema = {"type": "object", "properties": {
        "pay_date": {"type": "string", "format": "date", "description": "Date the pay was paid, YYYY-MM-DD."}}}
    doc = document(page([("Payee:", 40.0, 40.0), ("Mei Moreau", 140.0, 40.0), ("Paid: On:", 40.0, 60.0),
                         ("12/31/25", 140.0, 60.0)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"pay_date": "2025-12-31"}
