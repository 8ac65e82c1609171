"""Tables read from their cells, not only their headers: unknown header words, a side column beside
the table, a short figure column against a text column, and quantity × unit price = amount.
Each document is a real PDF drawn with reportlab and read by the real parser."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

HEIGHT = letter[1]

ITEMS = {"type": "object", "title": "Purchase order", "properties": {"items": {"type": "array", "items": {
    "type": "object", "properties": {
        "item_code": {"type": "string", "description": "Supplier part number."},
        "description": {"type": "string", "description": "What was ordered."},
        "quantity": {"type": "number", "description": "Ordered quantity."},
        "unit_price": {"type": "number", "description": "Price per unit."},
        "line_total": {"type": "number", "description": "Quantity x unit price."}}}}}}

ROWS = [("AB1234", "Copper pipe 15 mm x 3 m", "12", "4.50", "54.00"),
        ("CD5678", "Glass beaker 250 ml", "3", "19.99", "59.97"),
        ("EF9012", "Hi-vis safety vest", "40", "6.25", "250.00")]
EXPECTED = [{"item_code": c, "description": d, "quantity": float(q), "unit_price": float(p), "line_total": float(t)}
            for c, d, q, p, t in ROWS]


def _pdf(lines: list[list[tuple[float, str, str]]], extra: list[tuple[float, float, str]] = ()) -> bytes:
    """Rows 16 pt apart from y=140; a cell is (x, text, align): 'l' starts at x, 'r' ends at x."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    c.drawString(50, HEIGHT - 60, "Purchase Order PO-7731")
    for n, cells in enumerate(lines):
        y = HEIGHT - 140 - 16 * n
        for x, text, align in cells:
            (c.drawRightString if align == "r" else c.drawString)(x, y, text)
    for x, y, text in extra:
        c.drawString(x, HEIGHT - y, text)
    c.save()
    return buf.getvalue()


def _items(pdf: bytes) -> list[dict]:
    doc = parse_document(pdf, filename="order.pdf")
    return extract_document(doc, ExtractOptions(ITEMS, extraction_target="per_doc")).result["items"]


def _by_code(items: list[dict]) -> dict:
    return {i["item_code"]: i for i in items}


def test_a_table_whose_headers_are_all_unknown_words_is_read_from_its_cells() -> None:
    header = [(50, "Zorp", "l"), (120, "Blivet", "l"), (330, "Fnord", "r"), (400, "Quux", "r"), (470, "Wibble", "r")]
    body = [[(50, c, "l"), (120, d, "l"), (330, q, "r"), (400, p, "r"), (470, t, "r")] for c, d, q, p, t in ROWS]
    assert _by_code(_items(_pdf([header, *body]))) == _by_code(EXPECTED)


def test_arithmetic_picks_quantity_and_unit_price_when_headers_do_not_say() -> None:
    # "Figures" and "Values" name nothing; the printed order is price, quantity, total.
    header = [(50, "Part", "l"), (120, "Text", "l"), (330, "Figures", "r"), (400, "Values", "r"),
              (470, "Line Total", "r")]
    body = [[(50, c, "l"), (120, d, "l"), (330, p, "r"), (400, q, "r"), (470, t, "r")] for c, d, q, p, t in ROWS]
    got = _by_code(_items(_pdf([header, *body])))
    assert {k: (v["quantity"], v["unit_price"]) for k, v in got.items()} == {
        c: (float(q), float(p)) for c, _, q, p, _ in ROWS}


def test_a_side_column_beside_the_table_does_not_leak_into_rows() -> None:
    header = [(50, "Code", "l"), (110, "Description", "l"), (260, "Qty", "r"), (310, "Unit Price", "r"),
              (370, "Total", "r")]
    body = [[(50, c, "l"), (110, d, "l"), (260, q, "r"), (310, p, "r"), (370, t, "r")] for c, d, q, p, t in ROWS]
    side = [(420, 140 + 8, "Ship To"), (420, 140 + 24, "Harbour Works Ltd"), (420, 140 + 40, "12 Quay Street"),
            (420, 140 + 56, "Dover CT16 1AA")]
    items = _items(_pdf([header, *body], side))
    assert _by_code(items) == _by_code(EXPECTED)


def test_a_short_figure_column_right_before_a_text_column_keeps_its_cells_apart() -> None:
    # The quantity sits 4 pt before the description, so the parser reads "12 Copper pipe ..." as one phrase.
    header = [(50, "Code", "l"), (115, "Qty", "l"), (134, "Description", "l"), (400, "Unit Price", "r"),
              (470, "Total", "r")]
    body = [[(50, c, "l"), (130, q, "r"), (134, d, "l"), (400, p, "r"), (470, t, "r")] for c, d, q, p, t in ROWS]
    got = _by_code(_items(_pdf([header, *body])))
    assert {k: (v["quantity"], v["description"]) for k, v in got.items()} == {
        c: (float(q), d) for c, d, q, _, _ in ROWS}


def test_summary_rows_set_apart_below_the_items_are_not_items() -> None:
    # Labels under the description column, amounts under the total column, neither summing the rows above:
    # only their place (a gap under the items) and their sparse cells say they are not items.
    header = [(50, "Code", "l"), (110, "Description", "l"), (260, "Qty", "r"), (330, "Unit Price", "r"),
              (400, "Total", "r")]
    body = [[(50, c, "l"), (110, d, "l"), (260, q, "r"), (330, p, "r"), (400, t, "r")] for c, d, q, p, t in ROWS]
    summary = [[], [], [(110, "Freight", "l"), (400, "25.00", "r")],
               [(110, "Amount payable", "l"), (400, "388.97", "r")]]
    assert _by_code(_items(_pdf([header, *body, *summary]))) == _by_code(EXPECTED)


def test_header_words_set_as_close_as_one_phrase_over_three_columns_are_three_headers() -> None:
    """"Glorp Snark Boojum" over unit prices, totals and codes, its words 7 pt apart (one phrase), and each
    total 7 pt before its code ("250.00 EF9012", one phrase too): the white strips down the rows under
    the header cut both, and the cells say which column is which."""
    header = [(50, "Description", "l"), (260, "Qty", "r"), (367, "Glorp", "r"), (400, "Snark", "r"),
              (407, "Boojum", "l")]
    body = [[(50, d, "l"), (260, q, "r"), (367, p, "r"), (400, t, "r"), (407, c, "l")] for c, d, q, p, t in ROWS]
    assert _by_code(_items(_pdf([header, *body]))) == _by_code(EXPECTED)


def test_a_row_of_a_ruled_grid_with_a_damaged_figure_is_still_a_row() -> None:
    """A scan's misread quantity ("l1!" for 11) in a ruled table: the rules say it is a row, so the rows under
    it are read too."""
    rows = [("AB1234", ["Copper pipe 15 mm x 3 m"], "12", "EA"), ("CD5678", ["Quarterly maintenance visit -", "HVAC"],
            "l1!", "VST"), ("EF9012", ["Hi-vis safety vest"], "40", "PCS"), ("GH3456", ["Glass beaker"], "3", "EA")]
    schema = {"type": "object", "title": "Delivery note", "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"item_code": {"type": "string"}, "description": {"type": "string"},
                                         "quantity": {"type": ["number", "null"]}, "unit": {"type": "string"}}}}}}
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    xs, top, y = [50, 110, 300, 350, 400], HEIGHT - 130, HEIGHT - 130
    lines = [y]
    for text, x in zip(("Code", "Description", "", "Unit"), xs, strict=False):
        c.drawString(x + 4, y - 11, text)
    c.drawRightString(xs[3] - 4, y - 11, "Qty")
    y -= 16
    lines.append(y)
    for code, desc, qty, unit in rows:
        c.drawString(xs[0] + 4, y - 11, code)
        for k, part in enumerate(desc):
            c.drawString(xs[1] + 4, y - 11 - 11 * k, part)
        c.drawRightString(xs[3] - 4, y - 11, qty)
        c.drawString(xs[3] + 4, y - 11, unit)
        y -= 5 + 11 * len(desc)
        lines.append(y)
    for ly in lines:
        c.line(xs[0], ly, xs[-1], ly)
    for x in xs:
        c.line(x, top, x, y)
    c.save()
    doc = parse_document(buf.getvalue(), filename="note.pdf")
    items = extract_document(doc, ExtractOptions(schema)).result["items"]
    assert [i["item_code"] for i in items] == ["AB1234", "CD5678", "EF9012", "GH3456"]
    assert items[1]["description"] == "Quarterly maintenance visit - HVAC"


def test_a_field_the_arithmetic_displaces_takes_the_free_column_of_its_kind() -> None:
    # "Units" names the unit of measure, but its cells are the quantities the arithmetic finds; the unit is
    # then the free column of words ("Pack": EA, BOX, PCS), whatever its header
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
        **ITEMS["properties"]["items"]["items"]["properties"],
        "unit": {"type": ["string", "null"], "description": "Unit of measure as printed (e.g. EA, BOX)."}}}}}}
    header = [(50, "Ref", "l"), (120, "Units", "r"), (140, "Product", "l"), (380, "Amount", "r"),
              (450, "Net Price", "r"), (470, "Pack", "l")]
    packs = ("EA", "BOX", "PCS")
    body = [[(50, c, "l"), (120, q, "r"), (140, d, "l"), (380, t, "r"), (450, p, "r"), (470, u, "l")]
            for (c, d, q, p, t), u in zip(ROWS, packs, strict=True)]
    doc = parse_document(_pdf([header, *body]), filename="order.pdf")
    items = extract_document(doc, ExtractOptions(schema)).result["items"]
    assert [(i["quantity"], i["unit_price"], i["line_total"], i["unit"]) for i in items] == [
        (float(q), float(p), float(t), u) for (_, _, q, p, t), u in zip(ROWS, packs, strict=True)]
