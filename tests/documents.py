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


# Pages of a bundle (classify and split). A page: (title or None, body lines, printed page mark or None)
PageSpec = tuple[str | None, list[str], str | None]

INVOICE = (["Northwind Supplies Ltd, 12 Market Street, Leeds", "Invoice No: INV-20417   Date: 2026-03-14",
            "Bill To: Cedar Logistics GmbH", "Description          Qty    Unit price    Amount",
            "Toner cartridge        2        45.00        90.00", "Subtotal 90.00   VAT 18.00   Total due 108.00",
            "Payment terms: net 30 days. Please pay by bank transfer."])
CONTRACT = (["This Agreement is made between Harbor Consulting Inc. (the Provider) and Summit Foods plc",
             "(the Client). The parties agree to the following terms and obligations.",
             "1. Services. The Provider shall perform the services in Schedule A.",
             "2. Fees. The Client shall pay the fees within thirty days of each invoice.",
             "3. Term. This Agreement continues for twelve months unless terminated."])
CONTRACT_MORE = (["4. Termination. Either party may terminate this Agreement on thirty days' notice.",
                  "5. Liability. Neither party is liable for indirect loss under this Agreement.",
                  "6. Governing law. This Agreement is governed by the laws of England.",
                  "Signed for the Provider: ________   Signed for the Client: ________"])
RECIPE = (["Serves four. Preheat the oven to 180 degrees.", "Whisk two eggs with sugar and butter until pale.",
           "Fold in the flour and lemon zest, then bake for forty minutes.", "Dust with icing sugar to serve."])

def pdf(*pages: PageSpec) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter)
    for title, lines, mark in pages:
        y = 730
        if title:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(60, y, title)
            y -= 36
        c.setFont("Helvetica", 10)
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        if mark:
            c.setFont("Helvetica", 8)
            c.drawCentredString(306, 40, mark)
        c.showPage()
    c.save()
    return buffer.getvalue()
