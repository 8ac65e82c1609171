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
