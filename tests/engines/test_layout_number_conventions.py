"""A number's separators read by the document's own conventions: a page that prints no decimals but
groups its amounts with dots ("6.000") means thousands; where nothing else tells, an address says whether
numeric dates are day first."""

from __future__ import annotations

import pytest
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


def test_a_page_of_figures_all_grouped_with_dots_groups_thousands():
    # Four figures of the shape "110.374" and no decimals: thousands, not four figures to three decimals each
    # (a section's "4.2" says nothing either way).
    schema = {"type": "object", "properties": {k: {"type": ["number", "null"]} for k in ("a", "b", "c", "d")}}
    doc = document(page([("4.2 Budget", 50, 60), ("A:", 50, 100), ("110.374", 160, 100), ("B:", 50, 120),
                         ("44.498", 160, 120), ("C:", 50, 140), ("211.640", 160, 140), ("D:", 50, 160),
                         ("24.712", 160, 160)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"a": 110374, "b": 44498, "c": 211640, "d": 24712}


def test_a_count_printed_with_a_dot_is_thousands_where_the_page_does_not_say():
    # "1.661" could be a decimal anywhere else; a count has none, so its dot groups thousands.
    schema = {"type": "object", "properties": {"pupils": {"type": ["integer", "null"]},
                                               "teachers": {"type": ["integer", "null"]}}}
    doc = document(page([("Pupils on roll:", 50, 100), ("1.661", 160, 100), ("Teachers:", 50, 130), ("92", 160, 130)]))
    assert extract_document(doc, ExtractOptions(schema)).result == {"pupils": 1661, "teachers": 92}


@pytest.mark.parametrize(("place", "want"), [("Bristol BS1 4RN", "2026-01-11"), ("Sydney NSW 2000", "2026-01-11"),
                                             ("Boise, ID 83702", "2026-11-01")])
def test_an_address_says_whether_numeric_dates_are_day_first(place, want):
    # Nothing else on the page tells: no amounts, no phone number, no date with a part over 12.
    schema = {"type": "object", "properties": {"order_date": {"type": "string", "format": "date"}}}
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), (place, 40, 64),
                         ("Order Date: 11/01/2026", 300, 40)]))
    out = extract_document(doc, ExtractOptions(schema))
    assert out.result["order_date"] == want
