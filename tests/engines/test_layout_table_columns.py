"""Where a table's columns come from when its header says little: a header of abbreviations names its
fields ("Desc", "UP", "Disc", "Amt"), and the white channels of the body split a short figure column
from the text column beside it when a centred header leaves the text under no header, and a field named
for the line ("line_item") is read by what it is (text), not by its name.
Each document is a real PDF drawn with reportlab and read by the real parser."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

HEIGHT = letter[1]


def _schema(**fields: str) -> dict:
    props = {name: {"type": kind} for name, kind in fields.items()}
    return {"type": "object", "title": "Invoice", "properties": {"lines": {"type": "array", "items": {
        "type": "object", "properties": props}}}}


def _pdf(lines: list[list[tuple[float, str, str]]]) -> bytes:
    """Rows 16 pt apart from y=140; a cell is (x, text, align): 'l' starts at x, 'r' ends at x, 'c' centres on x."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    c.drawString(50, HEIGHT - 60, "Invoice 4471")
    for n, cells in enumerate(lines):
        y = HEIGHT - 140 - 16 * n
        for x, text, align in cells:
            draw = {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[align]
            draw(x, y, text)
    c.save()
    return buf.getvalue()


def _lines(pdf: bytes, schema: dict) -> list[dict]:
    doc = parse_document(pdf, filename="invoice.pdf")
    return extract_document(doc, ExtractOptions(schema, extraction_target="per_doc")).result["lines"]


def test_a_table_whose_headers_are_all_abbreviations_is_read() -> None:
    # No header is a label of its field: each is short for it (a start, a consonant skeleton, initials).
    # The amounts are price less discount, so the cells alone cannot tell the three figure columns apart.
    rows = [("Copper pipe 15 mm", "54.00", "4.00", "50.00"), ("Glass beaker 250 ml", "19.99", "1.99", "18.00"),
            ("Hi-vis safety vest", "62.50", "2.50", "60.00")]
    header = [(50, "Desc", "l"), (330, "UP", "r"), (400, "Disc", "r"), (470, "Amt", "r")]
    body = [[(50, d, "l"), (330, p, "r"), (400, k, "r"), (470, a, "r")] for d, p, k, a in rows]
    schema = _schema(description="string", unit_price="number", discount="number", amount="number")
    assert _lines(_pdf([header, *body]), schema) == [
        {"description": d, "unit_price": float(p), "discount": float(k), "amount": float(a)} for d, p, k, a in rows]


def test_a_short_figure_column_before_text_under_a_centred_header_keeps_its_cells_apart() -> None:
    # "Description" is centred over its column, so the short descriptions start left of it, under no
    # header, right after the quantities: only the white channel between the two says where they part.
    rows = [("12", "Pipe clip", "54.00"), ("3", "Beaker", "59.97"), ("40", "Safety vest", "250.00")]
    header = [(50, "Qty", "l"), (200, "Description", "c"), (470, "Amount", "r")]
    body = [[(64, q, "r"), (90, d, "l"), (470, a, "r")] for q, d, a in rows]
    schema = _schema(quantity="integer", description="string", amount="number")
    assert _lines(_pdf([header, *body]), schema) == [
        {"quantity": int(q), "description": d, "amount": float(a)} for q, d, a in rows]



def test_a_text_field_named_line_item_holds_the_lines_text() -> None:
    # "Goods" is no label of it: its column is the one text column, and a field named for the line
    # ("line_item") is the line's text, not a code, so it takes it.
    rows = [("Pipe clip", "12", "54.00"), ("Beaker", "3", "59.97"), ("Safety vest", "40", "250.00")]
    header = [(50, "Goods", "l"), (330, "Qty", "r"), (470, "Amount", "r")]
    body = [[(50, d, "l"), (330, q, "r"), (470, a, "r")] for d, q, a in rows]
    schema = _schema(line_item="string", quantity="integer", amount="number")
    assert _lines(_pdf([header, *body]), schema) == [
        {"line_item": d, "quantity": int(q), "amount": float(a)} for d, q, a in rows]
