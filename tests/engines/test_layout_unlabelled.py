"""Values printed without a label: page heading, price beside it, lettered dimensions, measures, phrases."""

from __future__ import annotations

import pytest
from engine_docs import sized_page

from assay.domain.document import Document, Page
from assay.domain.fields import Field
from assay.domain.options import ExtractOptions
from assay.engines.layout.unlabelled import description_phrases
from assay.pipeline.run import extract_document

NUM = {"anyOf": [{"type": "number"}, {"type": "null"}]}
PRODUCT = {"type": "object", "title": "Product sheet", "properties": {
    "product_name": {"type": "string", "description": "Product name (page heading)."},
    "price": {"type": "number", "description": "List price."},
    "currency": {"type": "string", "enum": ["USD", "EUR", "GBP"]},
    "size_cm": {"type": "object", "properties": {"width": NUM, "depth": NUM, "height": NUM}},
    "weight_kg": NUM,
    "colors": {"type": "array", "items": {"type": "string"}, "description": "Colours as printed."},
    "available": {"type": "boolean",
                  "description": "true if shown as in stock / ready to ship; false if sold out or made to order."},
    "warranty_years": {"type": ["integer", "null"]},
}}


def _page(number: int, items: list[tuple[str, float, float, float]]) -> Page:
    return sized_page(items, number, gap_em=0.3)


def _sheet(number: int, name: str, price: str, dims: str, extra: list) -> Page:
    return _page(number, [
        ("KITCHEN", 48, 40, 10),
        (name, 48, 100, 24), (price, 480, 102, 22),
        ("Item no. KIT-1234", 48, 140, 10),
        ("A sturdy piece made by hand for years of use in any home setting.", 48, 160, 10),
        (dims, 48, 190, 10),
        *extra,
        ("Acme Trade Catalogue 2026", 48, 760, 8), (str(number), 560, 760, 8),
    ])


def _run(pages: list[Page]) -> tuple[list, list]:
    doc = Document(pages=pages, mime_type="application/pdf")
    out = extract_document(doc, ExtractOptions(PRODUCT, cite_sources=True, confidence_scores=True,
                                                extraction_target="per_page"))
    return out.result, out.field_metadata["page_metadata"]


def test_unlabelled_product_page() -> None:
    page = _sheet(1, "Oslo Oak Side Table", "$249.00", "W 60 x D 45 x H 52 cm", [
        ("3,5 kg", 48, 206, 10),
        ("Colours", 300, 230, 10), ("Oak, Smoked Grey", 300, 246, 10),
        ("Made to order", 48, 280, 11), ("5-year guarantee", 420, 280, 10),
    ])
    result, meta = _run([page])
    got = result[0]
    assert got["product_name"] == "Oslo Oak Side Table"
    assert got["price"] == 249
    assert got["currency"] == "USD"
    assert got["size_cm"] == {"width": 60, "depth": 45, "height": 52}
    assert got["weight_kg"] == 3.5
    assert got["colors"] == ["Oak", "Smoked Grey"]
    assert got["available"] is False
    assert got["warranty_years"] == 5
    m = meta[0]
    # the currency cites the symbol alone, not the whole amount
    sym = m["currency"]["citation"][0]["bounding_boxes"][0]
    assert sym["x"] == pytest.approx(480)
    assert sym["w"] < 15
    # "5-year": the figure's share of the word
    warranty = m["warranty_years"]["citation"][0]["bounding_boxes"][0]
    assert warranty["x"] == pytest.approx(420)
    assert warranty["w"] < 8


def test_wrapped_heading_smaller_than_price_and_missing_dimensions() -> None:
    page = _page(1, [
        ("Textiles", 300, 90, 10),
        ("Siena Jute Linen Duvet", 300, 108, 20), ("Cover", 300, 132, 20),
        ("Item no. TEX-11593", 300, 162, 9),
        ("W 189 x H 28 cm", 300, 256, 10.5),
        ("Available in: Walnut Stain, Brushed Brass", 300, 296, 10.5),
        ("Price", 300, 328, 9), ("341,99 EUR", 300, 340, 22),
        ("Not in stock", 300, 376, 10.5),
    ])
    got = _run([page])[0][0]
    assert got["product_name"] == "Siena Jute Linen Duvet Cover"
    assert got["price"] == 341.99
    assert got["currency"] == "EUR"
    assert got["size_cm"] == {"width": 189, "depth": None, "height": 28}
    assert got["weight_kg"] is None
    assert got["warranty_years"] is None
    assert got["colors"] == ["Walnut Stain", "Brushed Brass"]
    assert got["available"] is False  # "not" turns the true phrase round


def test_labelled_measure_cites_the_number_without_its_unit() -> None:
    page = _sheet(1, "Nara Lamp", "$20.00", "Width 73 cm", [("In stock", 48, 280, 11)])
    result, meta = _run([page])
    assert result[0]["size_cm"]["width"] == 73
    assert result[0]["available"] is True
    box = meta[0]["size_cm"]["width"]["citation"][0]["bounding_boxes"][0]
    assert box["w"] == pytest.approx(0.6 * 10 * 2)  # "73" only


@pytest.mark.parametrize(("description", "yes", "no"), [
    pytest.param("true if shown as in stock / available now; false if made to order, sold out or backordered.",
                 ["in stock", "available now"], ["made to order", "sold out", "backordered"], id="slashes"),
    pytest.param('True when marked "Ready to ship"; false when "Pre-order".', ["ready to ship"], ["pre-order"],
                 id="quoted"),
    pytest.param("Whether pets are permitted.", [], [], id="none"),
])
def test_description_phrases(description: str, yes: list[str], no: list[str]) -> None:
    f = Field(("flag",), {"type": "boolean", "description": description})
    assert description_phrases(f) == (yes, no)


@pytest.mark.parametrize(("dims", "expected"), [
    pytest.param("Dimensions: H 82 / W 186 / D 25 cm", {"width": 186, "depth": 25, "height": 82},
                 id="lettered-phrases-split-by-slashes"),
    pytest.param("Dimensions: 1.160 x 240 x 300 mm", {"width": 116, "depth": 24, "height": 30},
                 id="unlettered-width-depth-height-in-mm"),
    pytest.param("Size: 80x40x75cm (H x W x D)", {"width": 40, "depth": 75, "height": 80}, id="legend-gives-order"),
])
def test_dimensions_read_across_a_row_and_without_letters(dims: str, expected: dict) -> None:
    page = _sheet(1, "Oslo Oak Side Table", "249,00 EUR", dims, [("In stock", 48, 280, 11)])
    assert _run([page])[0][0]["size_cm"] == expected


def test_a_list_label_with_its_items_after_it_on_the_row_and_a_weight_in_grams() -> None:
    page = _sheet(1, "Oslo Oak Side Table", "$249.00", "W 60 x D 45 x H 52 cm", [
        ("Weight: 3500 g", 48, 206, 10), ("Colours Sand / Pebble Grey / Oak", 48, 230, 10),
        ("In stock", 48, 280, 11)])
    got = _run([page])[0][0]
    assert got["colors"] == ["Sand", "Pebble Grey", "Oak"]
    assert got["weight_kg"] == 3.5


@pytest.mark.parametrize("row", [[("Colour options: Brass, Walnut", 48, 230, 10)],
                                 [("Colour options", 48, 230, 10), ("Brass, Walnut", 200, 230, 10)]])
def test_a_list_label_only_meaning_knows_or_set_beside_its_items_gives_them(row: list) -> None:
    page = _sheet(1, "Oslo Oak Side Table", "$249.00", "W 60 x D 45 x H 52 cm", [*row, ("In stock", 48, 280, 11)])
    assert _run([page])[0][0]["colors"] == ["Brass", "Walnut"]


def test_a_status_worded_otherwise_reads_by_a_word_only_one_side_has_and_a_label_ends_at_the_capitals() -> None:
    # "Pre-order" shares "order" with "made to order" alone; "Stock: available" is the field's own word
    # (no side) then "available"; "Out of stock" has "out" of "sold out". "Colour options Sage, Sand":
    # the items start with capitals, so "options" is the label's.
    def sheet(number: int, status: str) -> Page:
        return _sheet(number, "Oslo Oak Side Table", "$249.00", "W 60 x D 45 x H 52 cm", [
            ("Colour options Sage, Pebble Grey, Sand", 48, 230, 10), (status, 48, 280, 11)])

    stock = {**PRODUCT["properties"]["available"],
             "description": "true if shown as in stock / available now; false if made to order or sold out."}
    schema = {**PRODUCT, "properties": {**PRODUCT["properties"], "in_stock": stock}}
    schema["properties"].pop("available")
    pages = [sheet(1, "Pre-order"), sheet(2, "Stock: available"), sheet(3, "Out of stock"), sheet(4, "Call us")]
    doc = Document(pages=pages, mime_type="application/pdf")
    result = extract_document(doc, ExtractOptions(schema, extraction_target="per_page")).result
    assert [r["in_stock"] for r in result] == [False, True, False, None]
    assert result[0]["colors"] == ["Sage", "Pebble Grey", "Sand"]


def test_another_fields_label_as_printed_is_no_near_spelling_of_this_ones() -> None:
    page = _sheet(1, "Oslo Oak Side Table", "$249.00", "Specifications", [
        ("Width", 48, 206, 10), ("60 cm", 150, 206, 10), ("Height", 48, 220, 10), ("18 cm", 150, 220, 10),
        ("In stock", 48, 280, 11)])
    got = _run([page])[0][0]
    assert got["weight_kg"] is None  # "Height" is one letter from "Weight", and the height's own label


@pytest.mark.parametrize("price", ["CHF 1,745.67", "1,745.67 €"])
def test_a_price_with_its_currency_as_a_word_of_its_own(price: str) -> None:
    page = _sheet(1, "Oslo Oak Side Table", price, "W 60 x D 45 x H 52 cm", [("In stock", 48, 280, 11)])
    assert _run([page])[0][0]["price"] == 1745.67
