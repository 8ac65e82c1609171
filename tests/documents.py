"""Real documents made in the tests (never read from outside the repository)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def tiny_pdf(*lines: str) -> bytes:
    """A one-page Letter PDF with `lines` in Helvetica 11 from the top left."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 720
    for line in lines:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string", "description": "The invoice number"},
        "invoice_date": {"type": "string", "format": "date"},
        "total": {"type": "number", "description": "Total amount due"},
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "quantity": {"type": "number"},
                    "amount": {"type": "number"},
                },
            },
        },
    },
}


def invoice_pdf(number: str = "INV-1042", *, rows: int = 3, pages: int = 1) -> bytes:
    """An invoice: labelled header fields, a line-item table, a total; `pages` - 1 extra filler pages."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 720, "INVOICE")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 690, f"Invoice Number: {number}")
    pdf.drawString(72, 674, "Invoice Date: 2026-03-14")
    y = 630
    pdf.setFont("Helvetica-Bold", 11)
    for x, head in ((72, "Description"), (350, "Quantity"), (470, "Amount")):
        pdf.drawString(x, y, head)
    pdf.setFont("Helvetica", 11)
    total = 0.0
    for i in range(rows):
        y -= 18
        amount = 10.0 * (i + 1)
        total += amount
        pdf.drawString(72, y, f"Widget model {chr(65 + i % 26)}{i}")
        pdf.drawString(350, y, str(i + 1))
        pdf.drawRightString(520, y, f"{amount:,.2f}")
    pdf.drawString(350, y - 36, "Total:")
    pdf.drawRightString(520, y - 36, f"{total:,.2f}")
    pdf.showPage()
    for page in range(1, pages):
        pdf.setFont("Helvetica", 11)
        for line in range(40):
            pdf.drawString(72, 740 - 16 * line, f"Terms and conditions, page {page + 1}, paragraph {line + 1}.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
