"""An invoice's details printed as "label | value" rows without colons in a column beside the customer's block
("Sold To:" over the customer's name and address at the left): a heading that shares its row with another
column's phrase opens a section of its own column only, so the labels beside the customer's block are no
customer's labels ("P.O. #" beside it is the purchase order's number, not a postal code of the customer); and
an identifier label's own words are read as words, whatever their case and dots ("Invoice Code", "P.O. #"). A row
"label | value" beside the customer's block is a pair of its own column, though the block's line before it makes
three phrases of the row ("Payment Deadline | 17 Nov 2026" is the due date, read by meaning).
Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.fields import root_field
from assay.domain.options import ExtractOptions
from assay.engines.layout.keyvalue import own_identifier
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

ADDRESS = {"type": "object", "description": "Postal address.", "properties": {
    "street": {"type": "string", "description": "Street line exactly as printed."},
    "city": {"type": "string", "description": "City or town as printed."},
    "postal_code": {"type": "string", "description": "Postal or ZIP code as printed."}}}
SCHEMA = {"type": "object", "title": "Invoice", "properties": {
    "invoice_number": {"type": "string", "description": "The invoice's own identifier exactly as printed."},
    "invoice_date": {"type": "string", "format": "date", "description": "Date the invoice was issued."},
    "due_date": {"type": ["string", "null"], "format": "date", "description": "Payment due date; null if none."},
    "po_number": {"type": ["string", "null"], "description": "Customer purchase order number; null if none."},
    "bill_to": {"type": "object", "description": "The customer being billed.", "properties": {
        "name": {"type": "string"}, "address": ADDRESS}},
    "total": {"type": "number"}}}


def _invoice(details: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, "Nordwind Technik GmbH")
    c.setFont("Helvetica", 9)
    c.drawString(50, 730, "Hafenstrasse 22, 20457 Hamburg")
    block = ["Sold To:", "Maple Leaf Logistics Inc", "500 King St W", "Toronto M5V 1L9"]
    for y, line in zip((690, 678, 667, 656), block, strict=True):
        c.drawString(50, y, line)  # set closer than the details beside it: the last detail has a row of its own
    for n, (label, value) in enumerate(details):
        c.drawString(360, 690 - 13 * n, label)
        c.drawString(460, 690 - 13 * n, value)
    c.drawString(360, 560, "Total")
    c.drawRightString(540, 560, "1,410.12")
    c.showPage()
    c.save()
    return buf.getvalue()


def _run(details: list[tuple[str, str]]) -> dict:
    doc = parse_document(_invoice(details), filename="invoice.pdf")
    return extract_document(doc, ExtractOptions(SCHEMA)).result


def test_a_label_beside_the_customers_block_is_no_label_of_the_customers():
    out = _run([("Bill Number", "A90289"), ("Date of Invoice", "08/25/2026"), ("Due", "09/24/2026"),
                ("P.O. #", "P8888")])
    assert (out["po_number"], out["bill_to"]["address"]["postal_code"]) == ("P8888", "M5V 1L9")


@pytest.mark.parametrize("label", ["Invoice Code", "INVOICE CODE"])
def test_an_identifier_label_names_the_field_of_its_words_in_any_case(label):
    out = _run([(label, "A90289"), ("Invoice Date", "08/25/2026"), ("PO Number", "P8888")])
    assert out["invoice_number"] == "A90289"


def test_a_label_and_its_value_beside_the_customers_block_are_a_pair_of_their_own_column():
    out = _run([("Bill Number", "A90289"), ("Issue Date", "10/03/2026"), ("Payment Deadline", "11/17/2026")])
    assert (out["invoice_date"], out["due_date"]) == ("2026-10-03", "2026-11-17")


@pytest.mark.parametrize("label", ["Invoice Code", "INVOICE CODE", "invoice code"])
def test_an_identifier_labels_own_words_are_the_fields_in_any_case(label):
    invoice_number = next(f for f in root_field(SCHEMA).children() if f.name == "invoice_number")
    assert own_identifier(label, invoice_number)
    assert not own_identifier("Customer Code", invoice_number)  # whose code it is, the field never says


def test_a_label_the_table_knows_for_one_field_is_no_initials_of_another():
    # "P.O. #" under the customer's block, in its section: a purchase order's number by the synonym table, and by
    # its letters the initials of nothing else ("P" and "O" of "postal code" made it the customer's postal code)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 9)
    c.drawString(50, 745, "Nordwind Technik GmbH")
    for n, line in enumerate(["Invoice To", "Maple Leaf Logistics Inc", "500 King St W", "Toronto M5V 1L9"]):
        c.drawString(50, 690 - 12 * n, line)
    for j, (label, value) in enumerate([("Invoice No.", "INV-93521"), ("Date of Invoice", "22 Mar 2026"),
                                        ("P.O. #", "PO-4742")]):
        c.drawString(50 + 130 * j, 600, label)
        c.drawString(50 + 130 * j, 588, value)
    c.drawString(360, 540, "Total")
    c.drawRightString(540, 540, "1,410.12")
    c.showPage()
    c.save()
    out = extract_document(parse_document(buf.getvalue(), filename="invoice.pdf"), ExtractOptions(SCHEMA)).result
    assert (out["po_number"], out["bill_to"]["address"]["postal_code"]) == ("PO-4742", "M5V 1L9")


def test_a_pair_beside_the_block_two_rows_from_a_known_label_is_read():
    # "Tax Point" beside it is a label the table does not know; "Invoice #" two rows up is
    out = _run([("Invoice #", "A92065"), ("Tax Point", "04/01/2026"), ("Payment Deadline", "04/15/2026")])
    assert out["due_date"] == "2026-04-15"


def test_a_pair_beside_the_block_whose_value_is_no_bare_figure_is_read_though_no_label_near_is_known():
    # neither "Tax Point" nor "Payment Deadline" is a label the table knows; their values are dates, not the
    # bare figures of a table's rows beside a column of dates or codes
    out = _run([("Tax Point", "04/01/2026"), ("Payment Deadline", "04/15/2026")])
    assert out["due_date"] == "2026-04-15"


def test_our_reference_is_the_invoices_and_your_order_the_customers():
    out = _run([("Our Reference", "A90289"), ("Invoice Date", "08/25/2026"), ("Your Order No.", "P8888")])
    assert (out["invoice_number"], out["po_number"]) == ("A90289", "P8888")
