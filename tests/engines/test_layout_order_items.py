"""An order's items table printed unlike the development documents: the unit of measure printed after the
quantity in its cell, with no column of its own; a header read as the description over a column of codes
beside a column of the goods' names. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

ITEM = {"type": "object", "title": "Purchase order line", "properties": {
    "item_code": {"type": "string", "description": "Supplier part number / SKU."},
    "description": {"type": "string", "description": "Item description as printed."},
    "quantity": {"type": "number", "description": "Ordered quantity."},
    "unit": {"type": ["string", "null"], "description": "Unit of measure as printed (e.g. EA, BOX)."},
    "unit_price": {"type": "number", "description": "Price per unit."},
    "line_total": {"type": "number", "description": "Quantity x unit price."}}}

LINES = [("BP-3961", "Copper pipe 15 mm x 3 m", 75, "LEN", 167.95),
         ("DR-2596", "LED panel 600 x 600", 27, "EA", 232.85), ("AN-9133", "Safety goggles", 141, "EA", 284.99)]


def _items(heads: tuple[str, ...], cells) -> list[tuple]:
    """A table of the given headers, each line's cells given by `cells(line)`; text left-aligned from x=50 on,
    figures right-aligned."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 9)
    c.drawString(50, 740, "Nordwind Technik GmbH")
    xs = (50, 120, 320, 400, 480)
    y = 680
    for x, head in zip(xs, heads, strict=True):
        (c.drawString if x < 300 else c.drawRightString)(x, y, head)
    for line in LINES:
        y -= 14
        for x, cell in zip(xs, cells(line), strict=True):
            (c.drawString if x < 300 else c.drawRightString)(x, y, cell)
    c.showPage()
    c.save()
    doc = parse_document(buf.getvalue(), filename="order.pdf")
    got = extract_document(doc, ExtractOptions(ITEM, extraction_target="per_table_row")).result
    return [(r["item_code"], r["description"], r["quantity"], r["unit"], r["unit_price"], r["line_total"])
            for r in got]


EXPECTED = [(code, text, qty, unit, price, round(qty * price, 2)) for code, text, qty, unit, price in LINES]


def test_the_unit_printed_after_the_quantity_in_its_cell_fills_the_unit():
    got = _items(("Item #", "Details", "Quantity", "Unit Price", "Ext. Price"),
                 lambda ln: (ln[0], ln[1], f"{ln[2]} {ln[3]}", f"{ln[4]:,.2f}", f"{ln[2] * ln[4]:,.2f}"))
    assert got == EXPECTED


def test_a_header_read_as_the_description_over_codes_beside_a_column_of_names_heads_the_codes():
    got = _items(("Article", "Specification", "Quantity", "Price/Unit", "Amount"),
                 lambda ln: (ln[0], ln[1], f"{ln[2]} {ln[3]}", f"{ln[4]:,.2f}", f"{ln[2] * ln[4]:,.2f}"))
    assert got == EXPECTED
