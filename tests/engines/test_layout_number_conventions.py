"""A number's separators read by the document's own conventions: a page that prints no decimals but
groups its amounts with dots ("6.000") means thousands."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

_SCHEMA = {"type": "object", "properties": {
    "monthly_income": {"type": ["number", "null"]}, "rent": {"type": ["number", "null"]}}}


def test_dot_grouped_amount_on_a_page_without_decimals_is_thousands():
    doc = document(page([("Monthly Income:", 50, 100), ("6.000", 160, 100)]))
    out = extract_document(doc, ExtractOptions(_SCHEMA))
    assert out.result["monthly_income"] == 6000


def test_a_page_with_dot_decimals_keeps_the_dot_a_decimal():
    doc = document(page([("Monthly Income:", 50, 100), ("6.000", 160, 100),
                         ("Rent:", 50, 130), ("12.50", 160, 130)]))
    out = extract_document(doc, ExtractOptions(_SCHEMA))
    assert out.result == {"monthly_income": 6.0, "rent": 12.5}


def test_a_page_with_comma_groups_keeps_the_dot_a_decimal():
    doc = document(page([("Monthly Income:", 50, 100), ("6.000", 160, 100),
                         ("Rent:", 50, 130), ("1,200", 160, 130)]))
    out = extract_document(doc, ExtractOptions(_SCHEMA))
    assert out.result == {"monthly_income": 6.0, "rent": 1200}
