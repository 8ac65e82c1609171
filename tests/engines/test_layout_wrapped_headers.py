"""Column headers wrapped onto two lines ("Unit" over "price", "Line" over "total") beside headers printed once,
at the top, at the bottom or centred between the two lines: the table is read whole, and an item's amount under
the header word "total" is not the invoice's total. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "properties": {
    "line_items": {"type": "array", "items": {"type": "object", "properties": {
        "item_code": {"type": ["string", "null"], "description": "Product code / SKU of the line"},
        "description": {"type": "string"}, "quantity": {"type": "number"},
        "unit_price": {"type": "number"}, "amount": {"type": "number"}}}},
    "subtotal": {"type": "number"}, "tax_amount": {"type": "number"}, "total": {"type": "number"}}}
ITEMS = [("2", "Widget blue", "4.50", "9.00"), ("10", "Bolt M6 zinc", "0.25", "2.50"),
         ("1", "Hinge brass 40mm", "3.10", "3.10")]
LINE = 12.0  # the header's two lines, this far apart


def _invoice(once_at: float) -> bytes:
    """The single-line headers printed `once_at` of the way down from the wrapped header's first line."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 740, "INVOICE")
    c.setFont("Helvetica-Bold", 9)
    top = 680.0
    c.drawString(60, top - once_at * LINE, "Qty")
    c.drawString(100, top - once_at * LINE, "Item")
    for x, (first, second) in ((360, ("Unit", "price")), (450, ("Line", "total"))):
        c.drawRightString(x, top, first)
        c.drawRightString(x, top - LINE, second)
    c.setFont("Helvetica", 9)
    y = top - LINE - 20
    for qty, desc, price, amount in ITEMS:
        c.drawString(60, y, qty)
        c.drawString(100, y, desc)
        c.drawRightString(360, y, f"£ {price}")
        c.drawRightString(450, y, f"£ {amount}")
        y -= 14
    for label, figure in (("Net", "14.60"), ("VAT 20%", "2.92"), ("Gross", "17.52")):
        y -= 6
        c.drawString(300, y, label)
        c.drawRightString(450, y, f"£ {figure}")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("once_at", [0.0, 0.5, 1.0], ids=["top", "centred", "bottom"])
def test_a_header_wrapped_onto_two_lines_reads_the_whole_table(once_at):
    doc = parse_document(_invoice(once_at), filename="invoice.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA, cite_sources=True, confidence_scores=True))
    rows = [(it["quantity"], it["description"], it["unit_price"], it["amount"]) for it in out.result["line_items"]]
    assert rows == [(float(q), d, float(p), float(a)) for q, d, p, a in ITEMS]
    assert all(it["item_code"] is None for it in out.result["line_items"])  # "Item" over words is no code
    assert (out.result["subtotal"], out.result["tax_amount"], out.result["total"]) == (14.6, 2.92, 17.52)
