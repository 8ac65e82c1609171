"""An enum's option printed nowhere on the page, meant by a short phrase: a catalog page's breadcrumb ("Home >
Cook & Dine") names its category by sentence meaning; a phrase that means two options about equally names
neither."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document
from assay.semantics import embed

_SCHEMA = {"type": "object", "title": "Catalog product page", "properties": {
    "product_name": {"type": "string", "description": "Product name (page heading)."},
    "category": {"type": "string", "enum": ["Furniture", "Lighting", "Kitchen", "Outdoor", "Textiles", "Storage"],
                 "description": "Product category."}}}


def _category(crumb: str):
    assert embed.available(), "the embedding model is a dependency: it must be installed"
    doc = document(page([(crumb, 40, 30), ("Nord Oak Shelf", 40, 300), ("Price $ 456.95", 40, 330)]))
    return extract_document(doc, ExtractOptions(_SCHEMA)).result["category"]


def test_a_breadcrumbs_part_names_the_option_it_means():
    assert _category("Home \u203a Cook & Dine") == "Kitchen"
    assert _category("Collection \u203a Patio & Garden") == "Outdoor"


def test_a_phrase_that_means_two_options_about_equally_names_neither():
    assert _category("Home \u203a Living Room") is None  # Kitchen 0.57, Furniture 0.54
