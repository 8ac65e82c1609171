"""Itemized lines without a table header: amounts printed with a currency code or sign as separate
words, a usage note in brackets, and the total found by arithmetic (it sums the lines above it),
whatever words label it. A real PDF drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

BILL = {"type": "object", "title": "Utility bill", "properties": {"charges": {"type": "array", "items": {
    "type": "object", "properties": {
        "description": {"type": "string", "description": "Charge line as printed."},
        "amount": {"type": "number", "description": "Amount of the charge."}}}}}}


def _pdf(lines: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    y = letter[1] - 80
    c.drawString(50, y, "Charges this period")
    for label, amount in lines:
        y -= 15
        c.drawString(50, y, label)
        c.drawRightString(540, y, amount)
    c.save()
    return buf.getvalue()


def test_charges_with_currency_words_end_at_the_line_that_sums_them() -> None:
    pdf = _pdf([("Supply used (99 therms @ 0.2951)", "29.21 EUR"), ("Carbon levy", "EUR 27.60"),
                ("Climate surcharge 7% :", "3.98 EUR"), ("To settle by 3 May :", "60.79 EUR"),
                ("Reference number", "RX 2231")])
    doc = parse_document(pdf, filename="bill.pdf")
    out = extract_document(doc, ExtractOptions(BILL, extraction_target="per_doc")).result
    assert out["charges"] == [{"description": "Supply used", "amount": 29.21},
                              {"description": "Carbon levy", "amount": 27.6}]
