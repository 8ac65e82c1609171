"""`assay.extract` and `assay.parse`: in-process, with dict or Pydantic schemas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, ValidationError

import assay
from assay.errors import InvalidRequestError, SchemaError, UnsupportedFormatError
from tests.documents import INVOICE_SCHEMA, invoice_pdf


class LineItem(BaseModel):
    description: str
    quantity: float
    amount: float


class Invoice(BaseModel):
    invoice_number: str = Field(description="The invoice number")
    invoice_date: str | None = None
    total: float
    line_items: list[LineItem] = []


def test_import_is_light() -> None:
    code = (
        "import sys, assay; "
        "print(assay.__version__, *(m in sys.modules for m in ('assay.local', 'sqlalchemy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [assay.__version__, "False", "False"]
    assert sorted(assay.__all__) == ["Result", "__version__", "classify", "extract", "parse", "split"]


def test_extract_with_a_dict_schema_from_bytes_and_path(tmp_path: Path) -> None:
    data = invoice_pdf("INV-42")
    result = assay.extract(data, INVOICE_SCHEMA)
    assert isinstance(result, assay.Result)
    assert result.result["invoice_number"] == "INV-42"
    assert result.data is result.result
    assert result.metadata["document_metadata"]["total"]["grounding"] in ("exact", "normalized")
    assert result.usage["num_pages_extracted"] == 1

    path = tmp_path / "inv.pdf"
    path.write_bytes(data)
    assert assay.extract(str(path), INVOICE_SCHEMA).result == result.result
    assert assay.extract(path, INVOICE_SCHEMA).file == "inv.pdf"


def test_extract_into_a_pydantic_model_with_citations() -> None:
    result = assay.extract(invoice_pdf("INV-43", rows=2), Invoice, cite_sources=True, confidence_scores=True)
    invoice = result.data
    assert isinstance(invoice, Invoice)
    assert invoice.invoice_number == "INV-43"
    assert invoice.total == 30.0
    assert [item.amount for item in invoice.line_items] == [10.0, 20.0]
    citations = result.citations()
    assert citations["invoice_number"][0]["matching_text"] == "INV-43"
    assert citations["line_items[1].amount"][0]["page"] == 1
    assert 0 < result.metadata["document_metadata"]["total"]["confidence"] <= 1


def test_a_missing_required_field_fails_validation_but_keeps_the_raw_result() -> None:
    class Strict(BaseModel):
        invoice_number: str
        purchase_order_reference: str

    result = assay.extract(invoice_pdf(), Strict)
    assert result.result["purchase_order_reference"] is None
    with pytest.raises(ValidationError):
        result.data  # noqa: B018


def test_per_table_row_gives_a_list_of_models() -> None:
    result = assay.extract(invoice_pdf(rows=3), LineItem, extraction_target="per_table_row")
    assert [row.description for row in result.data] == [
        "Widget model A0",
        "Widget model B1",
        "Widget model C2",
    ]


def test_options_are_validated_like_the_api() -> None:
    with pytest.raises(SchemaError):
        assay.extract(invoice_pdf(), {"type": "array"})
    with pytest.raises(InvalidRequestError, match="extraction_target"):
        assay.extract(invoice_pdf(), INVOICE_SCHEMA, extraction_target="per_word")
    with pytest.raises(InvalidRequestError, match="No such file"):
        assay.extract("/nonexistent/file.pdf", INVOICE_SCHEMA)
    with pytest.raises(UnsupportedFormatError):
        assay.extract(b"\x00\x01\x02 binary", INVOICE_SCHEMA)


def test_a_misspelt_option_is_refused_not_ignored() -> None:
    with pytest.raises(InvalidRequestError, match=r"Unknown option 'cite_source' \(did you mean 'cite_sources'\?\)"):
        assay.extract(invoice_pdf(), INVOICE_SCHEMA, cite_source=True)
    with pytest.raises(InvalidRequestError, match=r"Unknown option 'colour'; the options are .*extraction_target"):
        assay.extract(invoice_pdf(), INVOICE_SCHEMA, colour="red")
    cited = assay.extract(invoice_pdf(), INVOICE_SCHEMA, cite_sources=True).metadata["document_metadata"]["total"]
    assert cited["citation"]


def test_parse_returns_the_document_model() -> None:
    document = assay.parse(invoice_pdf(pages=3), target_pages="2-3")
    assert [page.number for page in document.pages] == [2, 3]
    assert document.page_count == 3
    assert "Terms and conditions, page 2" in document.pages[0].text
    first = assay.parse(invoice_pdf())
    assert first.pages[0].tables[0].n_cols == 3
