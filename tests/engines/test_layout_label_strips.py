"""A strip of labels over a strip of values ("Invoice No. | Invoice Date | Due Date | PO Number" over the four
values) under a large title, above the items' table: each label's value is the phrase under it, also where
the labels are wordings neither the synonym table nor meaning alone would read without a colon. The strip
is no table's header (the rows of figures further down are the items table's, under its own header) and the
title over it labels nothing. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "properties": {
    "invoice_number": {"type": "string", "description": "The invoice's own identifier exactly as printed."},
    "invoice_date": {"type": "string", "format": "date", "description": "Date the invoice was issued."},
    "due_date": {"type": ["string", "null"], "format": "date", "description": "Payment due date."},
    "po_number": {"type": ["string", "null"], "description": "Customer purchase order number."},
    "total": {"type": "number"},
    "line_items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"}, "amount": {"type": "number"}}}}}}
VALUES = ("A-5521", "04.03.2026", "03.04.2026", "PO-7781")


def _invoice(labels: tuple[str, ...]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(60, 740, "Blue Fjord Consulting AS")
    c.drawString(60, 726, "Strandgata 4, 5013 Bergen")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(60, 682, "INVOICE")
    for j, (label, value) in enumerate(zip(labels, VALUES, strict=True)):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(60 + 120 * j, 662, label)
        c.setFont("Helvetica", 10)
        c.drawString(60 + 120 * j, 648, value)
    y = 610
    for row in (("Description", "Qty", "Amount"), ("Workshop facilitation", "2", "300.00"),
                ("Travel costs", "1", "120.00")):
        c.drawString(60, y, row[0])
        c.drawRightString(330, y, row[1])
        c.drawRightString(450, y, row[2])
        y -= 14
    c.drawString(330, y - 14, "Total")
    c.drawRightString(450, y - 14, "420.00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("labels", [("Invoice No.", "Invoice Date", "Due Date", "PO Number"),
                                    ("Ref.", "Date of invoice", "Payment deadline", "Purchase order")],
                         ids=["known", "reworded"])
def test_each_label_of_a_strip_reads_the_value_under_it(labels):
    doc = parse_document(_invoice(labels), filename="invoice.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA, cite_sources=True, confidence_scores=True)).result
    assert (out["invoice_number"], out["invoice_date"], out["due_date"], out["po_number"]) == (
        "A-5521", "2026-03-04", "2026-04-03", "PO-7781")
    assert [(it["description"], it["quantity"], it["amount"]) for it in out["line_items"]] == [
        ("Workshop facilitation", 2, 300), ("Travel costs", 1, 120)]
    assert out["total"] == 420
