"""Item lines without a table header (engines.layout.lists): the quantity and unit price printed in any of the
usual notations beside the description, told apart by the arithmetic quantity × price = amount."""

from __future__ import annotations

import pytest
from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

RECEIPT = {"type": "object", "title": "Receipt", "properties": {
    "merchant_name": {"type": "string"},
    "items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": ["number", "null"]},
        "unit_price": {"type": ["number", "null"]}, "total_price": {"type": "number"}}}},
    "total": {"type": "number"}}}
GOODS = [("Flat white", 2, 3.50, 7.00), ("Croissant", 1, 2.20, 2.20), ("Brownie", 3, 1.80, 5.40)]


def items(lines):
    rows = [("Corner Bakery", 40, 20)]
    for n, parts in enumerate(lines):
        rows += [(text, x, 100 + 12 * n) for text, x in parts]
    rows += [("TOTAL", 40, 160), ("14.60", 200, 160)]
    out = extract_document(document(page(rows)), ExtractOptions(RECEIPT))
    return [(i["description"], i["quantity"], i["unit_price"], i["total_price"]) for i in out.result["items"]]


@pytest.mark.parametrize("notation", [
    lambda d, q, p, a: [(str(q), 20), (d, 40), (f"{p:.2f}", 150), (f"{a:.2f}", 200)],  # a quantity column first
    lambda d, q, p, a: [(f"{d} {q} @ {p:.2f}", 20), (f"{a:.2f}", 200)],  # a quantity line after the name
    lambda d, q, p, a: [(f"{q} x {d} @ {p:.2f}", 20), (f"{a:.2f}", 200)],
    lambda d, q, p, a: [(d, 20), (str(q), 120), (f"{p:.2f}", 150), (f"{a:.2f}", 200)],  # quantity, price columns
])
def test_a_quantity_and_a_price_beside_the_name_are_read_by_their_product(notation):
    assert items([notation(*g) for g in GOODS]) == GOODS


def test_a_quantity_without_a_price_is_read_in_front_or_behind():
    expected = [(d, q, None, a) for d, q, _, a in GOODS]
    assert items([[(f"{q} x {d}", 20), (f"{a:.2f}", 200)] for d, q, _, a in GOODS]) == expected
    assert items([[(f"{d} x{q}", 20), (f"{a:.2f}", 200)] for d, q, _, a in GOODS]) == expected


def test_figures_that_do_not_multiply_to_the_amount_stay_in_the_description():
    """"Lamp 60 W 2" at 9.00: no 60 × 2 or 2 × 60 makes 9.00, and no price is printed."""
    got = items([[("Lamp 60 W 2", 20), ("9.00", 200)], [("Bulb 4 8", 20), ("5.60", 200)]])
    assert [g[0] for g in got] == ["Lamp 60 W 2", "Bulb 4 8"]
