"""A party's name printed under another wording of its role: "Sold To", "Buyer", "Invoice to" for customer_name,
"Supplier" for seller_name, with or without a colon, the name beside the label or heading the block under it.
The synonym table says a customer is who an invoice is billed or sold to; it is read both ways, so a field
named by the role finds the role's other wordings. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "properties": {
    "invoice_number": {"type": "string"}, "seller_name": {"type": "string"},
    "customer_name": {"type": "string"}, "total": {"type": "number"}}}


def _invoice(seller: str, customer: str, below: bool) -> bytes:
    """The seller's and the customer's labels at the left, each name beside its label or under it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 740, "INVOICE")
    c.setFont("Helvetica", 10)
    c.drawString(60, 710, "Invoice no.")
    c.drawString(200, 710, "INV-2231")
    y = 670.0
    for label, name, address in ((seller, "Northwind Trading Ltd", "12 Harbour Road, Leeds LS1 4AB"),
                                 (customer, "Jane Doe", "4 Elm Street, York YO1 7HH")):
        c.drawString(60, y, label)
        if below:
            c.drawString(60, y - 14, name)
            c.drawString(60, y - 28, address)
            y -= 70
        else:
            c.drawString(200, y, name)
            y -= 30
    c.drawString(60, y - 20, "Paper A4, 2 reams")
    c.drawRightString(450, y - 20, "9.00")
    c.drawString(300, y - 50, "Total")
    c.drawRightString(450, y - 50, "9.00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("below", [False, True], ids=["beside", "below"])
@pytest.mark.parametrize(("seller", "customer"), [("Supplier:", "Sold To:"), ("Seller", "Buyer"),
                                                  ("Vendor", "Invoice to"), ("From:", "Bill to")])
def test_a_role_printed_in_other_words_labels_the_party_name(seller, customer, below):
    doc = parse_document(_invoice(seller, customer, below), filename="invoice.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA, cite_sources=True, confidence_scores=True))
    assert out.result["customer_name"] == "Jane Doe"
    assert out.result["seller_name"] == "Northwind Trading Ltd"
    assert out.result["total"] == 9.0
