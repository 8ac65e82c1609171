"""A receipt item's quantity line: which number is the quantity is told by type ("3.99 x 6": the whole
number; "3.59 x 2.010 kg": the one with a unit; "1,59/kg": the price per unit), and the line belongs to
the item whose amount it multiplies to, or to the name printed above it when it carries the amount. A
total labelled in any words is found by arithmetic over the item lines, quantity lines passed over."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

NUM = {"type": ["number", "null"]}
RECEIPT = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
    "description": {"type": "string"}, "quantity": NUM, "unit_price": NUM, "total_price": NUM}}}}}


def _items(rows: list[tuple[str, float, float]]) -> list[dict]:
    return extract_document(document(page(rows)), ExtractOptions(RECEIPT)).result["items"]


def _lines(*lines: tuple[str, str]) -> list[tuple[str, float, float]]:
    out: list[tuple[str, float, float]] = []
    for n, (text, amount) in enumerate(lines):
        out.append((text, 40.0, 100.0 + 12.0 * n))
        if amount:
            out.append((amount, 250.0, 100.0 + 12.0 * n))
    return out


def test_quantity_lines_above_or_below_an_amount_in_either_order():
    rows = [("Till 3 Op: Ann", 40.0, 80.0), *_lines(
        ("Greek yoghurt", "20.64"), ("6 x 3.44", ""), ("Apples", ""), ("3.59 x 2.010 kg", "7.22"),
        ("Toothpaste", ""), ("3.99 x 6", "23.94"), ("Croissant", "2.73"), ("------------", ""),
        ("TO PAY", "54.53"))]
    assert _items(rows) == [
        {"description": "Greek yoghurt", "quantity": 6, "unit_price": 3.44, "total_price": 20.64},
        {"description": "Apples", "quantity": 2.01, "unit_price": 3.59, "total_price": 7.22},
        {"description": "Toothpaste", "quantity": 6, "unit_price": 3.99, "total_price": 23.94},
        {"description": "Croissant", "quantity": None, "unit_price": None, "total_price": 2.73}]


def test_a_name_over_its_weighed_line_in_a_table_is_an_item_of_its_own():
    rows = [("Qty", 40.0, 80.0), ("Item", 70.0, 80.0), ("Amount", 250.0, 80.0),
            ("1", 40.0, 92.0), ("Basmati rice", 70.0, 92.0), ("4.79", 250.0, 92.0),
            ("Tomatoes loose", 70.0, 104.0), ("1.181 kg @ 2.76/kg", 70.0, 116.0), ("3.26", 250.0, 116.0),
            ("2", 40.0, 128.0), ("Croissant", 70.0, 128.0), ("3.18", 250.0, 128.0),
            ("------------", 40.0, 140.0), ("Total to pay", 40.0, 152.0), ("11.23", 250.0, 152.0)]
    assert _items(rows) == [
        {"description": "Basmati rice", "quantity": 1, "unit_price": None, "total_price": 4.79},
        {"description": "Tomatoes loose", "quantity": 1.181, "unit_price": 2.76, "total_price": 3.26},
        {"description": "Croissant", "quantity": 2, "unit_price": None, "total_price": 3.18}]


def test_a_quantity_line_printed_as_one_word():
    rows = _lines(("AVOCADO", ""), ("2@1.45", "2.90"), ("BREAD", "3.10"), ("TOTAL", "6.00"))
    assert _items(rows) == [
        {"description": "AVOCADO", "quantity": 2, "unit_price": 1.45, "total_price": 2.9},
        {"description": "BREAD", "quantity": None, "unit_price": None, "total_price": 3.1}]


def test_a_weighed_item_after_an_items_price_line_under_a_currency_header_is_an_item_of_its_own():
    # the amounts' header is a currency ("EUR"), no field's name; the name "Tomatoes loose" follows the line
    # that prices the item above ("@ 1.55 ea"), not the item's own row
    lines = [[("Qty", 40.0), ("Item", 70.0), ("EUR", 250.0)],
             [("1", 40.0), ("Bananas", 70.0), ("2.86", 250.0)], [("1", 40.0), ("Basmati rice", 70.0), ("7.72", 250.0)],
             [("3", 40.0), ("Apples Gala", 70.0), ("4.65", 250.0)], [("@ 1.55 ea", 80.0)],
             [("Tomatoes loose", 70.0)], [("0.911 kg @ 4.70/kg", 80.0), ("4.28", 250.0)],
             [("1", 40.0), ("Greek yoghurt", 70.0), ("2.29", 250.0)],
             [("2", 40.0), ("Croissant", 70.0), ("3.18", 250.0)],
             [("------------", 40.0)], [("Total to pay", 40.0), ("24.98", 250.0)]]
    rows = [(text, x, 80.0 + 14.0 * n) for n, line in enumerate(lines) for text, x in line]  # lines 14 pt apart
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"},
        "unit_price": {"type": ["number", "null"], "description": "Price per unit when printed."},
        "total_price": {"type": "number", "description": "Line total."}}}}}}
    assert extract_document(document(page(rows)), ExtractOptions(schema)).result["items"] == [
        {"description": "Bananas", "quantity": 1, "unit_price": None, "total_price": 2.86},
        {"description": "Basmati rice", "quantity": 1, "unit_price": None, "total_price": 7.72},
        {"description": "Apples Gala", "quantity": 3, "unit_price": 1.55, "total_price": 4.65},
        {"description": "Tomatoes loose", "quantity": 0.911, "unit_price": 4.7, "total_price": 4.28},
        {"description": "Greek yoghurt", "quantity": 1, "unit_price": None, "total_price": 2.29},
        {"description": "Croissant", "quantity": 2, "unit_price": None, "total_price": 3.18}]
