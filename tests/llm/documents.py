"""Documents and schemas small enough for a 270M model to answer in a few seconds."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from tests.documents import tiny_pdf

SIMPLE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string", "description": "The invoice number"},
        "invoice_date": {"type": "string", "description": "Date of the invoice, YYYY-MM-DD"},
        "total": {"type": "number", "description": "Total amount due"},
    },
}


def simple_invoice(number: str = "INV-7") -> bytes:
    return tiny_pdf("INVOICE", f"Invoice Number: {number}", "Invoice Date: 2026-03-14", "Total: 60.00")


def two_pages(first: list[str], second: list[str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for lines in (first, second):
        pdf.setFont("Helvetica", 11)
        for i, line in enumerate(lines):
            pdf.drawString(72, 720 - 16 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
