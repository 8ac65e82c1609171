"""A side column printed beside a table (a delivery note's "Ship To" block right of the items) is read as a
block of its own: its lines join no table row, and its party is read whole; a line to sign heads no party."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.engines.layout.geometry import layout_page
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "title": "Delivery note", "properties": {
    "delivery_note_number": {"type": "string"},
    "ship_to": {"type": "object", "properties": {
        "name": {"type": ["string", "null"]},
        "address": {"type": "object", "properties": {
            "street": {"type": ["string", "null"]}, "city": {"type": ["string", "null"]},
            "postal_code": {"type": ["string", "null"]}}}}},
    "items": {"type": "array", "items": {"type": "object", "properties": {
        "item_code": {"type": "string"}, "description": {"type": "string"},
        "quantity_delivered": {"type": "integer"}}}}}}

ROWS = [("AB12345", "Glass beaker 250 ml", "5"), ("CD67890", "Copper pipe 15 mm", "12"),
        ("EF13579", "Office chair mesh", "3"), ("GH24680", "Kraft paper bags", "40"),
        ("JK11223", "Safety vest class 2", "8")]


def _note():
    items = [("Delivery Note", 40, 20), ("Code", 40, 100), ("Description", 110, 100), ("Qty", 300, 100)]
    for n, (code, text, qty) in enumerate(ROWS):
        y = 116 + 16 * n
        items += [(code, 40, y), (text, 110, y), (qty, 300, y)]
    side = ["Delivery No.: DN-4471", "Ship To", "Harbor Supplies Ltd", "12 Quay Street", "Portland, OR 97201"]
    items += [(line, 400, 52 + 16 * n) for n, line in enumerate(side)]  # from above the table to beside it
    return document(page(items))


def test_a_side_column_beside_a_table_joins_none_of_its_rows():
    rows = [r.text for r in layout_page(_note().pages[0]).rows]
    assert "AB12345 Glass beaker 250 ml 5" in rows
    assert "Harbor Supplies Ltd" in rows
    assert "12 Quay Street" in rows
    result = extract_document(_note(), ExtractOptions(SCHEMA)).result
    assert result["delivery_note_number"] == "DN-4471"
    assert [(i["item_code"], i["description"], i["quantity_delivered"]) for i in result["items"]] == [
        (code, text, int(qty)) for code, text, qty in ROWS]
    assert result["ship_to"] == {"name": "Harbor Supplies Ltd", "address": {
        "street": "12 Quay Street", "city": "Portland", "postal_code": "97201"}}


def test_a_tables_own_text_column_right_of_the_middle_stays_in_its_rows():
    items = [("Code", 40, 100), ("Description", 110, 100), ("Qty", 300, 100), ("Unit", 400, 100),
             ("Price", 480, 100)]
    for n, (code, text, qty) in enumerate(ROWS):
        y = 116 + 16 * n
        items += [(code, 40, y), (text, 110, y), (qty, 300, y), ("EA", 400, y), ("9.50", 480, y)]
    rows = [r.text for r in layout_page(page(items)).rows]
    assert rows[1:] == [f"{code} {text} {qty} EA 9.50" for code, text, qty in ROWS]


def test_a_line_to_sign_heads_no_party_and_the_letterhead_names_the_sender():
    schema = {"type": "object", "title": "Delivery note", "properties": {
        "supplier": SCHEMA["properties"]["ship_to"] | {"description": "The company sending the goods."}}}
    doc = document(page([("Osei & Thompson B.V.", 40, 20), ("Singellaan 376", 40, 34), ("8066 VA Zwolle", 40, 48),
                         ("Delivery Note", 40, 80), ("Goods received by: ______________ Date: ________", 40, 300)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"supplier": {
        "name": "Osei & Thompson B.V.",
        "address": {"street": "Singellaan 376", "city": "Zwolle", "postal_code": "8066 VA"}}}


def test_a_column_of_amounts_led_by_a_currency_sign_is_no_side_column():
    # "A$2,695.12" and "R 2 963.05" start with letters but are figures: the table's own column.
    items = [("Description", 40, 100), ("Qty", 200, 100), ("Price", 300, 100), ("Amount", 420, 100)]
    amounts = ["A$2,695.12", "R 2 963.05", "A$1,043.58", "R 721.77", "A$1,474.62"]
    for n, ((_, text, qty), amount) in enumerate(zip(ROWS, amounts, strict=True)):
        y = 116 + 16 * n
        items += [(text, 40, y), (qty, 200, y), ("A$9.99", 300, y), (amount, 420, y)]
    items += [("Subtotal", 340, 212), ("A$9,000.00", 420, 212), ("Total", 340, 228), ("A$9,900.00", 420, 228)]
    rows = [r.text for r in layout_page(page(items)).rows]
    assert "Glass beaker 250 ml 5 A$9.99 A$2,695.12" in rows
    assert "Copper pipe 15 mm 12 A$9.99 R 2 963.05" in rows


def test_a_side_block_whose_lines_share_the_header_row_and_the_row_under_it_ends_no_table():
    """The customer's address right of the items, one of its lines on the header's row and the next on a row of its
    own before the first item: the header's phrase that names no field at its end is the block's, not a column."""
    items = [("Delivery Note", 40, 20), ("Delivery No.: DN-4471", 400, 20), ("Ship To", 400, 68),
             ("Harbor Supplies Ltd", 400, 84), ("Code", 40, 100), ("Description", 110, 100), ("Qty", 300, 100),
             ("12 Quay Street", 400, 100), ("Portland, OR 97201", 400, 116)]
    for n, (code, text, qty) in enumerate(ROWS):
        y = 132 + 16 * n
        items += [(code, 40, y), (text, 110, y), (qty, 300, y)]
    result = extract_document(document(page(items)), ExtractOptions(SCHEMA)).result
    assert [(i["item_code"], i["description"], i["quantity_delivered"]) for i in result["items"]] == [
        (code, text, int(qty)) for code, text, qty in ROWS]
