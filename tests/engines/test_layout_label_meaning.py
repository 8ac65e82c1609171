"""Labels the synonym table does not know, read by meaning (engines.layout.meaning): a label worded as
the field's description, a known head word with a qualifier, and the same documents with the model off."""

from __future__ import annotations

import pytest
from engine_docs import document, page, sized_page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document
from assay.semantics import embed

CLAIM = {"type": "object", "title": "Insurance claim", "properties": {
    "policy_number": {"type": "string"},
    "deductible": {"type": ["number", "null"],
                   "description": "The excess: what the policyholder pays towards each claim before the insurer pays"},
    "date_of_loss": {"type": ["string", "null"], "format": "date"}}}
INVOICE = {"type": "object", "title": "Invoice", "properties": {
    "invoice_number": {"type": "string"}, "tax": {"type": ["number", "null"]},
    "total": {"type": ["number", "null"]}}}


@pytest.fixture(params=["on", "off"])
def embeddings(request, monkeypatch):
    """Each test runs with the model and with ASSAY_EMBEDDINGS=off (lexical evidence alone)."""
    monkeypatch.setenv(embed.ENV_SWITCH, request.param)
    if request.param == "on":
        assert embed.available(), "the embedding model is a dependency: it must be installed"
    return request.param


def run(doc, schema):
    out = extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    return out.result, out.field_metadata["document_metadata"]


def test_a_label_worded_as_the_fields_description_fills_it(embeddings):
    doc = document(page([("Policy No.: PX-4411", 40, 40), ("Excess:", 40, 60), ("250.00", 200, 60)]))
    result, meta = run(doc, CLAIM)
    assert result == {"policy_number": "PX-4411", "deductible": 250, "date_of_loss": None}
    # a label read by meaning is believed less than one the table knows
    assert meta["deductible"]["confidence"] < meta["policy_number"]["confidence"]


def test_a_qualified_total_label_fills_total_not_tax(embeddings):
    doc = document(page([("Invoice No.: A-1", 40, 40),
                         ("Total Amount Payable (incl. VAT)", 40, 60), ("120.00", 300, 60)]))
    result, _ = run(doc, INVOICE)
    assert result == {"invoice_number": "A-1", "tax": None, "total": 120}


def test_an_unrelated_label_fills_nothing(embeddings):
    doc = document(page([("Policy No.: PX-4411", 40, 40), ("Vehicle Registration:", 40, 60), ("250.00", 200, 60)]))
    result, _ = run(doc, CLAIM)
    assert result == {"policy_number": "PX-4411", "deductible": None, "date_of_loss": None}


def test_a_heading_worded_otherwise_opens_the_lists_section(embeddings):
    schema = {"type": "object", "title": "Resume", "properties": {
        "full_name": {"type": "string"},
        "languages": {"type": "array", "items": {"type": "string"}, "description": "Languages the candidate speaks"}}}
    doc = document(sized_page([("Dana Whitfield", 220, 40, 24),
                               ("SPOKEN LANGUAGES", 48, 100, 12), ("English, French, Polish", 48, 122, 10)]))
    result, _ = run(doc, schema)
    assert result == {"full_name": "Dana Whitfield", "languages": ["English", "French", "Polish"]}


def test_a_ticked_option_worded_otherwise_takes_the_option_its_row_leaves(embeddings):
    schema = {"type": "object", "properties": {"employment_status": {
        "type": ["string", "null"], "enum": ["employed", "self_employed", "unemployed", "student", "retired", None]}}}
    doc = document(page([("Employment ☒ In employment ☐ Own business ☐ Unemployed ☐ Student ☐ Retired", 40, 40)]))
    result, _ = run(doc, schema)
    # three boxes are named by spelling; the ticked one by meaning, or without the model by its word's
    # other form ("employment" / "employed")
    assert result == {"employment_status": "employed"}


def test_dot_leaders_between_a_label_and_its_value_are_no_part_of_it(embeddings):
    schema = {"type": "object", "properties": {"order_reference": {"type": ["string", "null"]},
                                               "pay_date": {"type": ["string", "null"], "format": "date"}}}
    doc = document(page([("Order Ref.: .................... PO-41285", 40, 40),
                         ("Pay Date : ....................", 40, 60), ("3 Jul 2026", 300, 60)]))
    result, _ = run(doc, schema)
    assert result == {"order_reference": "PO-41285", "pay_date": "2026-07-03"}


@pytest.mark.parametrize(("part", "whole"), [("Total excl. VAT", "Total incl. VAT"), ("Total before tax", "Total"),
                                             ("Sub-total", "Total"), ("Total net of VAT", "Amount payable")])
def test_a_qualifier_that_leaves_part_out_stops_a_label_naming_the_whole(embeddings, part, whole):
    doc = document(page([("Invoice No.: A-1", 40, 40), (part, 200, 160), ("100.00", 400, 160),
                         ("VAT 20%", 200, 174), ("20.00", 400, 174), (whole, 200, 188), ("120.00", 400, 188)]))
    result, _ = run(doc, INVOICE)
    assert result == {"invoice_number": "A-1", "tax": 20, "total": 120}
    alone = document(page([("Invoice No.: A-1", 40, 40), (part, 200, 160), ("100.00", 400, 160)]))
    assert run(alone, INVOICE)[0]["total"] is None


def test_a_label_printed_as_initials_names_the_field_its_name_or_description_spells(embeddings):
    # "M.I." is short for "middle initial": the description's "Middle name or initial" spells it, the
    # name's own words spell "DOB"; "E.T.A." spells nothing in the schema and names no field.
    schema = {"type": "object", "properties": {
        "first_name": {"type": "string"},
        "middle_name": {"type": ["string", "null"], "description": "Middle name or initial; null if blank."},
        "date_of_birth": {"type": ["string", "null"], "format": "date"},
        "eta_note": {"type": ["string", "null"], "description": "Free text."}}}
    doc = document(page([("First Name:", 40, 40), ("Camille", 160, 40), ("M.I.:", 40, 60), ("T.", 160, 60),
                         ("DOB:", 40, 80), ("9/7/1992", 160, 80), ("E.T.A.:", 40, 100), ("Noon", 160, 100)]))
    result, _ = run(doc, schema)
    assert result == {"first_name": "Camille", "middle_name": "T.", "date_of_birth": "1992-09-07",
                      "eta_note": None}


def test_a_label_worded_with_another_owed_word_fills_the_amount_due(embeddings):
    # "Payable" says what "Due" says: the label names the amount due, not the amount paid
    schema = {"type": "object", "title": "Invoice", "properties": {
        "invoice_number": {"type": "string"},
        "amount_paid": {"type": ["number", "null"], "description": "Payments or deposits already received"},
        "amount_due": {"type": ["number", "null"]}}}
    doc = document(page([("Invoice No.: A-1", 40, 40), ("Amount Payable", 40, 60), ("120.00", 300, 60)]))
    result, _ = run(doc, schema)
    assert result == {"invoice_number": "A-1", "amount_paid": None, "amount_due": 120}


def test_labels_worded_with_the_other_word_for_a_side_fill_their_fields(embeddings):
    # credits are deposits, debits withdrawals: the same side of one pair of opposites
    schema = {"type": "object", "title": "Bank statement", "properties": {
        "total_deposits": {"type": ["number", "null"]}, "total_withdrawals": {"type": ["number", "null"]}}}
    doc = document(page([("Total Credits", 40, 40), ("1,200.00", 300, 40),
                         ("Total Debits", 40, 60), ("800.00", 300, 60)]))
    result, _ = run(doc, schema)
    assert result == {"total_deposits": 1200, "total_withdrawals": 800}


PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": ["string", "null"]}, "employee_id": {"type": ["string", "null"]},
    "net_pay": {"type": ["number", "null"]}}}


@pytest.mark.parametrize(("printed", "field"), [("Jane Roe", "employee_name"), ("E-20417", "employee_id")])
def test_a_label_that_names_a_party_alone_gives_the_field_its_value_fits(embeddings, printed, field):
    # "Employee" names the employee, not whether by name or by number: the value beside it says which
    doc = document(page([("Payslip", 40, 20), ("Employee", 40, 40), (printed, 200, 40), ("Net Pay: 1,200.00", 40, 60)]))
    result, _ = run(doc, PAYSLIP)
    assert result == {"employee_name": None, "employee_id": None, "net_pay": 1200} | {field: printed}


def test_a_label_worded_as_the_description_fills_a_date_whose_name_ends_like_an_issuer():
    # "available_from" is a date: never the letterhead's name ("from" the issuer), nor a label's words. (The
    # words alone, without the model, read "Date Available" nearer date_of_birth: two words of one in each.)
    schema = {"type": "object", "title": "Job application", "properties": {
        "full_name": {"type": ["string", "null"]},
        "available_from": {"type": ["string", "null"], "format": "date",
                           "description": "Earliest date the applicant can start"},
        "date_of_birth": {"type": ["string", "null"], "format": "date"}}}
    doc = document(page([("Full Name: Jane Roe", 40, 40), ("Date Available", 40, 60), ("25/09/2026", 200, 60),
                         ("Born", 40, 80), ("13/03/1990", 200, 80)]))
    result, _ = run(doc, schema)
    assert result == {"full_name": "Jane Roe", "available_from": "2026-09-25", "date_of_birth": "1990-03-13"}


def test_labels_without_a_colon_worded_otherwise_fill_the_dates_their_values_fit(embeddings):
    # no colon and no word of the fields' names: the two dates beside them and the sides they name decide
    schema = {"type": "object", "title": "Lease", "properties": {
        "tenant_name": {"type": ["string", "null"]},
        "lease_start": {"type": ["string", "null"], "format": "date"},
        "lease_end": {"type": ["string", "null"], "format": "date"}}}
    doc = document(page([("Tenant: Jane Roe", 40, 40), ("Term Ends", 40, 60), ("31/08/2027", 200, 60),
                         ("Term Begins", 40, 80), ("01/09/2026", 200, 80)]))
    result, _ = run(doc, schema)
    assert result == {"tenant_name": "Jane Roe", "lease_start": "2026-09-01", "lease_end": "2027-08-31"}


def test_a_sum_qualified_by_what_it_leaves_out_names_the_sum_not_what_it_leaves_out(embeddings):
    """"Sum | before VAT": the head is the word before the qualifier, not the tax it leaves out."""
    schema = {"type": "object", "title": "Invoice", "properties": {
        "subtotal": {"type": ["number", "null"], "description": "Sum of the line amounts before tax"},
        "tax": {"type": ["number", "null"]}, "total": {"type": ["number", "null"]}}}
    doc = document(page([("Sum before VAT:", 40, 60), ("100.00", 300, 60),
                         ("Tax:", 40, 80), ("19.00", 300, 80), ("Total:", 40, 100), ("119.00", 300, 100)]))
    result, _ = run(doc, schema)
    assert result == {"subtotal": 100, "tax": 19, "total": 119}


def test_a_label_whose_head_only_says_the_kind_of_value_names_the_field_its_words_describe():
    """"Stock Number": "number" says an identifier follows, not whose; the description says whose (sku)."""
    schema = {"type": "object", "title": "Catalog product page", "properties": {
        "sku": {"type": "string", "description": "The stock number (SKU) of the product."},
        "price": {"type": "number"}}}
    doc = document(page([("List price $ 1,794.00", 40, 70), ("Stock number D85872", 40, 100)]))
    result, _ = run(doc, schema)
    assert result == {"sku": "D85872", "price": 1794}


@pytest.mark.parametrize("printed", ["Amount owing", "Please pay"])
def test_a_label_worded_as_one_of_the_tables_wordings_of_a_field_names_it(embeddings, printed):
    """"Amount owing" shares no word with "total" but says what the table's "amount due" says; "Please pay" all
    that its "total to pay" says."""
    doc = document(page([("Invoice No.: A-1", 40, 40), ("VAT 20%:", 40, 60), ("20.00", 300, 60),
                         (printed, 40, 80), ("120.00", 300, 80)]))
    result, _ = run(doc, INVOICE)
    assert result == {"invoice_number": "A-1", "tax": 20, "total": 120}


def test_a_label_sharing_only_a_head_with_a_wording_is_not_named_by_it(embeddings):
    """"Net Value" is no "tax value": the words before the head say whose value (an invoice at 0 % VAT)."""
    schema = {"type": "object", "title": "Invoice", "properties": {
        "subtotal": {"type": ["number", "null"]}, "tax_amount": {"type": ["number", "null"]},
        "total": {"type": ["number", "null"]}}}
    doc = document(page([("Net Value : EUR 4.903,14", 40, 60),
                         ("Total Amount Payable (incl. VAT) : EUR 4.903,14", 40, 80)]))
    result, _ = run(doc, schema)
    assert result == {"subtotal": 4903.14, "tax_amount": None, "total": 4903.14}
