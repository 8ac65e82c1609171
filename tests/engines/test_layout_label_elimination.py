"""Labels read by elimination (engines.layout.leftover) and by what their qualifiers do (semantics.match):
a "Label:" that neither the synonym table nor meaning decides names the one open field its value fits, a
rate label's figure that is that rate of another figure is a levy, and a narrowed label ("Amount excl.
Tax") names the field narrowed the same way."""

from __future__ import annotations

import pytest
from engine_docs import document, page, sized_page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document
from assay.semantics import embed, match

INVOICE = {"type": "object", "title": "Invoice", "properties": {
    "invoice_number": {"type": "string"},
    "invoice_date": {"type": "string", "format": "date", "description": "Date the invoice was issued."},
    "due_date": {"type": ["string", "null"], "format": "date", "description": "Payment due date; null if none."},
    "subtotal": {"type": ["number", "null"], "description": "Sum of the line totals before tax."},
    "tax_amount": {"type": ["number", "null"], "description": "Total tax amount; null if none."},
    "total": {"type": ["number", "null"], "description": "Grand total / amount due."}}}
PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "employee_id": {"type": ["string", "null"], "description": "Employee / payroll / staff number; null if none."},
    "pay_date": {"type": "string", "format": "date"},
    "net_pay": {"type": "number"}}}


@pytest.fixture
def model(monkeypatch):
    monkeypatch.setenv(embed.ENV_SWITCH, "on")
    assert embed.available(), "the embedding model is a dependency: it must be installed"


def run(doc, schema):
    return extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True)).result


def _invoice(*lines: tuple[str, float, float]):
    return document(page([("Invoice No.: A-1", 40, 40), ("Invoice Date: 03/02/2026", 40, 54), *lines]))


def test_an_unknown_date_label_names_the_one_open_date_field(model):
    result = run(_invoice(("Remit By: 03/03/2026", 40, 68)), INVOICE)
    assert (result["invoice_date"], result["due_date"]) == ("2026-03-02", "2026-03-03")


def test_a_date_label_nearer_a_filled_field_names_no_open_one(model):
    # "Order Date" is another date like the invoice's, not the due date
    result = run(_invoice(("Order Date: 03/01/2026", 40, 68)), INVOICE)
    assert result["due_date"] is None


def test_a_rate_labels_figure_that_is_that_rate_of_another_is_the_tax(model):
    result = run(_invoice(("Net Value:", 300, 160), ("200.00", 420, 160),
                          ("USt. 19 %:", 300, 174), ("38.00", 420, 174),
                          ("Please Pay:", 300, 188), ("238.00", 420, 188)), INVOICE)
    assert (result["subtotal"], result["tax_amount"], result["total"]) == (200, 38, 238)


def test_a_rate_labels_figure_that_is_no_rate_of_anything_is_no_tax(model):
    result = run(_invoice(("Discount 5 %:", 300, 174), ("17.00", 420, 174)), INVOICE)
    assert result["tax_amount"] is None


def test_a_short_label_is_read_by_its_values_kind(model):
    # "Payee" names no field by its words; its value is a name, the one open name field is the employee's
    doc = document(page([("Pay Date: 03/02/2026", 40, 40), ("Payee:", 40, 54), ("Hannah Patel", 140, 54),
                         ("Net Pay: 1,250.00", 40, 68)]))
    result = run(doc, PAYSLIP)
    assert result["employee_name"] == "Hannah Patel"
    assert result["employee_id"] is None


def test_a_label_seen_only_in_the_fields_description_fills_it(model):
    doc = document(page([("Name: Hannah Patel", 40, 40), ("Staff No.: E-4411", 40, 54),
                         ("Pay Date: 03/02/2026", 40, 68)]))
    assert run(doc, PAYSLIP)["employee_id"] == "E-4411"


def test_an_identifier_label_of_words_the_field_does_not_use_names_it_where_it_means_it_far_more(model):
    # "Personnel" is no word of "Employee / payroll / staff number", but the phrase means employee_id far more
    # than any other field (0.46 against 0.12): a label and its value in a column of such pairs
    doc = document(page([("Employee", 40, 40), ("Hannah Patel", 160, 40), ("Personnel No.", 40, 54),
                         ("7145", 160, 54), ("Pay Date", 40, 68), ("03/02/2026", 160, 68)]))
    assert run(doc, PAYSLIP)["employee_id"] == "7145"


@pytest.mark.parametrize("label", ["Amount excl. Tax", "Total before tax", "Net Value"])
def test_a_narrowed_label_names_the_field_narrowed_alike(model, label):
    fields = [match.FieldText(name, "", spec.get("description", ""), "Invoice")
              for name, spec in INVOICE["properties"].items()]
    row = dict(zip([f.name for f in fields], match.score_matrix([label], fields)[0], strict=True))
    assert row["subtotal"] > max(row["tax_amount"], row["total"])


def test_an_inclusive_qualifier_does_not_make_a_total_a_tax(model):
    fields = [match.FieldText(name, "", spec.get("description", ""), "Invoice")
              for name, spec in INVOICE["properties"].items()]
    row = dict(zip([f.name for f in fields], match.score_matrix(["Total Amount Payable (incl. VAT)"], fields)[0],
                   strict=True))
    assert row["total"] > row["tax_amount"]


def test_the_known_labels_beside_a_label_say_whose_field_it_names(model):
    # "Other Names" is as near a contact's name as the applicant's middle name; its row names the applicant
    schema = {"type": "object", "title": "Rental application", "properties": {
        "applicant": {"type": "object", "properties": {
            "first_name": {"type": "string"}, "middle_name": {"type": ["string", "null"]},
            "last_name": {"type": "string"}}},
        "emergency_contact": {"type": "object", "properties": {"name": {"type": ["string", "null"]}}}}}
    doc = document(page([("First Name:", 40, 40), ("Other Names:", 200, 40), ("Family name:", 360, 40),
                         ("Siobhan", 40, 54), ("E.", 200, 54), ("Mensah", 360, 54)]))
    result = run(doc, schema)
    assert result["applicant"] == {"first_name": "Siobhan", "middle_name": "E.", "last_name": "Mensah"}
    assert result["emergency_contact"]["name"] is None


def test_a_negative_figure_is_no_unsigned_fields_value_by_elimination():
    # "Payment: -23.40" is money coming back: the one amount field left open (a tax) does not take it
    schema = {"type": "object", "title": "Utility bill", "properties": {
        "previous_balance": {"type": ["number", "null"]}, "tax_amount": {"type": ["number", "null"]},
        "amount_due": {"type": ["number", "null"]}}}
    doc = document(page([("Previous Balance: 46.80", 40, 40), ("Payment: -23.40", 40, 60),
                         ("Total Due: 23.40", 40, 80)]))
    result = extract_document(doc, ExtractOptions(schema)).result
    assert result == {"previous_balance": 46.8, "tax_amount": None, "amount_due": 23.4}


def test_a_phrase_without_a_colon_that_barely_means_the_open_field_fills_nothing():
    # "Earned | 44" (loyalty points under the receipt's total) is a row of two phrases, like "Term Begins |
    # 01/09/2026", but its words say too little of a total for the figure to be one
    schema = {"type": "object", "title": "Receipt", "properties": {
        "company": {"type": ["string", "null"]}, "total": {"type": ["number", "null"]}}}
    doc = document(page([("Company: Subang Petrol", 40, 40), ("Earned", 40, 60), ("44", 200, 60)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"company": "Subang Petrol", "total": None}


def test_a_label_without_a_colon_in_a_column_of_known_labels_names_the_open_text_field(model):
    # "Ref." names only a kind of value, and without a colon a text field takes no phrase by elimination; in a
    # column of "label | value" rows beside "Invoice Date" it is one
    block = [("Invoice Date", 40, 40), ("03/02/2026", 200, 40), ("Ref.", 40, 54), ("A-5521", 200, 54)]
    untitled = {"type": "object", "properties": INVOICE["properties"]}  # a title makes "Ref." the invoice's
    assert run(document(page(block)), untitled)["invoice_number"] == "A-5521"


def test_a_label_without_a_colon_alone_names_no_open_text_field(model):
    # the same row with nothing known beside it: a line of two phrases says nothing of what it is
    doc = document(page([("Ref.", 40, 40), ("A-5521", 200, 40), ("Invoice Date", 40, 140),
                         ("03/02/2026", 200, 140)]))
    assert run(doc, {"type": "object", "properties": INVOICE["properties"]})["invoice_number"] is None


def test_a_one_word_label_in_a_column_of_known_labels_names_the_open_identifier(model):
    # "Reference" names an invoice's number or an order's as well; the order's has its own label, and in a
    # column of labels the phrase needs no colon to name the one identifier left
    schema = {"type": "object", "properties": {**INVOICE["properties"], "po_number": {"type": ["string", "null"]}}}
    block = [("Reference", 40, 40), ("A-5521", 200, 40), ("Invoice Date", 40, 54), ("03/02/2026", 200, 54),
             ("PO Number", 40, 68), ("PO-7781", 200, 68)]
    result = run(document(page(block)), schema)
    assert (result["invoice_number"], result["po_number"]) == ("A-5521", "PO-7781")



def test_a_numbering_label_set_apart_from_its_figure_is_a_label_whatever_stands_over_it(model):
    # "Document No." means the invoice's number little more than the order's; its numbering word ends it as a
    # colon would, though its figure stands apart in a column of values (plain text, a table's cells), and it is
    # no value of the title over it: it names the document's own number
    schema = {"type": "object", "title": "Invoice", "properties": {
        **INVOICE["properties"], "po_number": {"type": ["string", "null"]}}}
    doc = document(page([("INVOICE", 40, 40), ("Document No.", 40, 64), ("45713", 200, 64),
                         ("Invoice Date", 40, 76), ("03/06/2026", 200, 76)]))
    assert run(doc, schema)["invoice_number"] == "45713"


@pytest.mark.parametrize("label", ["Deadline", "Pay Before"])
def test_a_date_label_without_a_colon_in_a_column_of_known_labels_names_the_open_date_field(model, label):
    # no colon, and meaning puts the words only a little near the due date ("Pay Before" nearer the amounts by its
    # "pay", though "before" at its end announces a deadline); in a column of "label | value" rows a date under
    # an unknown label is the open date field's, as a text under one is the open text field's
    block = [("Invoice No.", 40, 40), ("A-5521", 200, 40), ("Invoice Date", 40, 54), ("16.04.2026", 200, 54),
             (label, 40, 68), ("16.05.2026", 200, 68)]
    assert run(document(page(block)), INVOICE)["due_date"] == "2026-05-16"

def test_a_sum_of_money_in_a_column_of_totals_is_no_identifier(model):
    schema = {"type": "object", "title": "Receipt", "properties": {
        "receipt_number": {"type": ["string", "null"]}, "tax": {"type": ["number", "null"]},
        "total": {"type": ["number", "null"]}}}
    block = [("Taxes", 40, 40), ("2,62", 200, 40), ("TO PAY", 40, 54), ("16,43", 200, 54),
             ("GIFT CERT", 40, 68), ("16,43", 200, 68)]
    assert run(document(page(block)), schema) == {"receipt_number": None, "tax": 2.62, "total": 16.43}


@pytest.mark.parametrize("terms", ["Payment terms: 30 days net", "Terms: Net 30"])
def test_the_date_that_is_the_invoice_date_plus_the_terms_is_the_due_date(model, terms):
    # "Settle by" means nothing the model can tell; the arithmetic does: 03/02/2026 + 30 days
    doc = _invoice(("Settle by", 40, 68), ("04/01/2026", 200, 68), ("Delivered", 40, 82), ("02/28/2026", 200, 82),
                   (terms, 40, 120))
    result = run(doc, INVOICE)
    assert (result["invoice_date"], result["due_date"]) == ("2026-03-02", "2026-04-01")


def test_no_date_is_the_due_date_by_terms_where_none_is_the_sum():
    doc = _invoice(("Settle by", 40, 68), ("03/05/2026", 200, 68), ("Terms: Net 30", 40, 120))
    assert run(doc, INVOICE)["due_date"] is None


PAYSLIP_NAMES = {"type": "object", "title": "Payslip", "properties": {
    "employer_name": {"type": "string", "description": "Name of the employer."},
    **PAYSLIP["properties"],
    "earnings": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "amount": {"type": "number"}}}}}}


def _payslip(label: str):
    # the employer's name in large type at the top, as a résumé prints its person's: the reading of it as a
    # person's name loses the words to the employer, which leaves the employee's name open for its label
    return document(sized_page([
        ("Lindqvist Byggteknik AB", 40, 30, 16), ("PAYSLIP", 40, 70, 10),
        (label, 40, 90, 10), ("Maja Eriksson", 200, 90, 10), ("Employee no.", 40, 104, 10), ("E-4471", 200, 104, 10),
        ("Pay date", 40, 118, 10), ("25.03.2026", 200, 118, 10),
        ("Earnings", 40, 160, 10), ("Amount", 200, 160, 10), ("Monthly salary", 40, 174, 10),
        ("41,250.00", 200, 174, 10), ("Overtime", 40, 188, 10), ("1,200.00", 200, 188, 10),
        ("Net pay", 40, 220, 10), ("30,550.00", 200, 220, 10)]))


@pytest.mark.parametrize("label", ["Name", "Worker"])
def test_a_name_field_whose_only_reading_another_field_reads_surer_is_open(model, label):
    result = run(_payslip(label), PAYSLIP_NAMES)
    assert (result["employer_name"], result["employee_name"]) == ("Lindqvist Byggteknik AB", "Maja Eriksson")
    assert [it["description"] for it in result["earnings"]] == ["Monthly salary", "Overtime"]


DELIVERY = {"type": "object", "title": "Delivery note", "properties": {
    "delivery_note_number": {"type": "string", "description": "The delivery note's own number as printed."},
    "delivery_date": {"type": "string", "format": "date", "description": "Date the goods were delivered."},
    "order_reference": {"type": ["string", "null"],
                        "description": "The customer's purchase order number this delivery fulfils; null if none."},
    "tracking_number": {"type": ["string", "null"],
                        "description": "Tracking, waybill or consignment number as printed; null if none."}}}


def test_an_identifier_label_meaning_cannot_place_names_the_documents_own_number(model):
    # "Docket No." means the order reference, the tracking number and the note's number about alike.
    doc = document(page([("Acme Freight Ltd", 40, 40), ("Docket No.: 73041", 300, 80), ("Date: 23/04/2026", 300, 94)]))
    result = run(doc, DELIVERY)
    assert (result["delivery_note_number"], result["order_reference"]) == ("73041", None)
