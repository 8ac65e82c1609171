"""The SDK's own helpers (`ExtractedData.from_extract_job`, `parse_extracted_field_metadata`) read Assay's
jobs: field_metadata holds field entries only; the table-row counts sit beside it in extract_metadata."""

from __future__ import annotations

from llama_cloud.types.beta.extracted_data import ExtractedData, parse_extracted_field_metadata
from pydantic import BaseModel

from tests.conftest import LiveServer
from tests.documents import invoice_pdf

SCORED = {"cite_sources": True, "confidence_scores": True}


class LineItem(BaseModel):
    description: str | None = None
    quantity: float | None = None
    amount: float | None = None


class Header(BaseModel):
    invoice_number: str | None = None
    invoice_date: str | None = None


class Invoice(BaseModel):
    header: Header
    total: float | None = None
    line_items: list[LineItem]


def _run(live: LiveServer, data: bytes, schema: dict, **config: object):  # type: ignore[no-untyped-def]
    client = live.sdk()
    file_id = client.files.create(file=("i.pdf", data, "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, polling_interval=0.1, configuration={"data_schema": schema, **config})
    assert job.status == "COMPLETED", job.error_message
    return client.extract.get(job.id, expand=["extract_metadata"])


def _confidences(node: object) -> list[float]:
    if isinstance(node, dict):
        if isinstance(node.get("confidence"), float | int):
            return [node["confidence"]]
        return [c for v in node.values() for c in _confidences(v)]
    if isinstance(node, list):
        return [c for v in node for c in _confidences(v)]
    return []


def test_from_extract_job_reads_nested_objects_and_arrays_of_objects(server: LiveServer) -> None:
    job = _run(server, invoice_pdf("INV-7", rows=4), Invoice.model_json_schema(), **SCORED)
    extracted = ExtractedData.from_extract_job(job, Invoice)
    assert extracted.data.header.invoice_number == "INV-7"
    assert [item.amount for item in extracted.data.line_items] == [10.0, 20.0, 30.0, 40.0]
    assert extracted.field_metadata["header"]["invoice_number"].citation[0].page == 1
    assert extracted.field_metadata["line_items"][3]["amount"].citation[0].matching_text == "40.00"
    leaves = _confidences(job.extract_metadata.field_metadata.document_metadata)
    assert len(leaves) == 2 + 1 + 4 * 3  # every leaf, and nothing else, counts towards the overall score
    assert abs(extracted.overall_confidence - sum(leaves) / len(leaves)) < 1e-9
    assert job.extract_metadata.table_rows == {"line_items": {"table_rows": 4, "extracted": 4}}


def test_nested_arrays_are_counted_by_their_path_in_the_result(server: LiveServer) -> None:
    lines = {"type": "array", "items": {"type": "object", "properties": {"description": {"type": "string"},
                                                                          "amount": {"type": "number"}}}}
    schema = {"type": "object", "properties": {"orders": {"type": "array", "items": {
        "type": "object", "properties": {"line_items": lines}}}}}
    job = _run(server, invoice_pdf(rows=2), schema, **SCORED)
    parse_extracted_field_metadata(job.extract_metadata.field_metadata.document_metadata)
    counts = job.extract_metadata.table_rows
    assert "orders" in counts
    assert set(counts) == {"orders"} | {f"orders[{i}].line_items" for i in range(counts["orders"]["extracted"])}


def test_per_page_and_per_table_row_jobs_parse_in_the_sdk(server: LiveServer) -> None:
    row_schema = LineItem.model_json_schema()
    rows = _run(server, invoice_pdf(rows=3), row_schema, extraction_target="per_table_row", **SCORED)
    assert [r["amount"] for r in rows.extract_result] == [10.0, 20.0, 30.0]
    for entry in rows.extract_metadata.field_metadata.row_metadata:
        assert parse_extracted_field_metadata(entry)["amount"].confidence is not None
    assert rows.extract_metadata.table_rows == {"": {"table_rows": 3, "extracted": 3}}

    pages = _run(server, invoice_pdf("INV-9", rows=2, pages=2), Invoice.model_json_schema(),
                 extraction_target="per_page", **SCORED)
    assert len(pages.extract_result) == 2
    metas = pages.extract_metadata.field_metadata.page_metadata
    for entry in metas:
        parsed = parse_extracted_field_metadata(entry)
        assert set(parsed) == {"header", "total", "line_items"}
    assert pages.extract_metadata.page_numbers == [1, 2]
    assert pages.extract_metadata.table_rows["[0].line_items"]["extracted"] == 2
    assert ExtractedData[dict].create(pages.extract_result[0], field_metadata=metas[0]).overall_confidence > 0


def test_a_job_without_citations_or_confidences_still_reads_in_the_sdk(server: LiveServer) -> None:
    """A leaf the SDK cannot tell as field metadata (no citation, no confidence) made from_extract_job raise."""
    job = _run(server, invoice_pdf("INV-8", rows=2), Invoice.model_json_schema())
    extracted = ExtractedData.from_extract_job(job, Invoice)
    assert extracted.data.header.invoice_number == "INV-8"
    assert job.extract_metadata.field_metadata.document_metadata == {}
    assert job.extract_metadata.table_rows == {"line_items": {"table_rows": 2, "extracted": 2}}
