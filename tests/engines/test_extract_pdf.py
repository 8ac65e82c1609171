"""End to end on a real PDF drawn with reportlab and read by the real parser: values and boxes."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 10)
    height = letter[1]
    c.drawString(50, height - 60, "Invoice No.:")
    c.drawString(150, height - 60, "INV-2042")
    c.drawString(50, height - 76, "Invoice Date:")
    c.drawString(150, height - 76, "March 3, 2025")
    c.drawString(50, height - 92, "Total:")
    c.drawString(150, height - 92, "$1,250.00")
    c.save()
    return buf.getvalue()


def test_values_and_citation_boxes_come_from_the_printed_words():
    doc = parse_document(_pdf(), filename="invoice.pdf")
    schema = {"type": "object", "properties": {
        "invoice_number": {"type": "string"}, "invoice_date": {"type": "string", "format": "date"},
        "total": {"type": "number"}, "due_date": {"type": ["string", "null"], "format": "date"}}}
    out = extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    assert out.result == {"invoice_number": "INV-2042", "invoice_date": "2025-03-03", "total": 1250,
                          "due_date": None}
    meta = out.field_metadata["document_metadata"]
    word = next(w for w in doc.pages[0].words if w.text == "INV-2042")
    box = meta["invoice_number"]["citation"][0]["bounding_boxes"][0]
    assert box == word.box.to_dict()
    assert meta["total"]["grounding"] == "normalized"
    assert meta["total"]["citation"][0]["matching_text"] == "$1,250.00"
    assert meta["invoice_date"]["citation"][0]["matching_text"] == "March 3, 2025"
    assert meta["due_date"] == {"citation": [], "confidence": meta["due_date"]["confidence"],
                                "extraction_confidence": meta["due_date"]["extraction_confidence"],
                                "parsing_confidence": 1.0, "grounding": "none"}
