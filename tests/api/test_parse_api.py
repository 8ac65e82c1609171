"""Parse v2 through the SDK: parse a file, read text/markdown/items, extract from the parse job."""

from __future__ import annotations

import pytest
from llama_cloud import BadRequestError, ConflictError

from assay.storage import tables
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf


def test_parse_then_extract_from_the_parse_job(server: LiveServer) -> None:
    client = server.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf("INV-9", pages=2), "application/pdf"),
                                  purpose="parse").id
    result = client.parsing.parse(tier="cost_effective", version="latest", file_id=file_id,
                                  expand=["text", "markdown", "items", "metadata"], polling_interval=0.1)
    assert result.job.id.startswith("pjb-")
    assert result.job.status == "COMPLETED"
    assert [p.page_number for p in result.text.pages] == [1, 2]
    assert "Invoice Number: INV-9" in result.text.pages[0].text
    assert "INV-9" in result.markdown.pages[0].markdown
    page = result.items.pages[0]
    assert page.page_width == 612
    assert page.page_height == 792
    assert any(item.type == "table" for item in page.items)

    job = client.extract.run(file_input=result.job.id, configuration={"data_schema": INVOICE_SCHEMA},
                             polling_interval=0.1)
    assert job.extract_result["invoice_number"] == "INV-9"
    listed = client.extract.list(document_input_type="parse_job_id")
    assert [j.id for j in listed] == [job.id]
    assert [j.id for j in client.parsing.list()] == [result.job.id]
    with server.runtime.db.session() as session:
        output_key = session.get(tables.Job, result.job.id).result["blob_key"]
    assert server.runtime.blobs.exists(output_key)
    deleted = client.parsing.delete(result.job.id)
    assert deleted.id == result.job.id
    assert not server.runtime.blobs.exists(output_key)


def test_upload_parse_with_page_ranges_and_rules(api_server: LiveServer) -> None:
    client = api_server.sdk()
    job = client.parsing.create(tier="fast", version="latest", upload_file=("i.pdf", invoice_pdf(), "application/pdf"),
                                page_ranges={"target_pages": "1"})
    assert job.status == "PENDING"
    assert job.tier == "fast"
    with pytest.raises(ConflictError):
        client.parsing.delete(job.id)
    with pytest.raises(BadRequestError, match="COMPLETED"):
        client.extract.create(file_input=job.id, configuration={"data_schema": INVOICE_SCHEMA})
    assert client.parsing.cancel(job.id).status == "CANCELLED"
    with pytest.raises(BadRequestError, match="target_pages"):
        client.parsing.create(tier="fast", version="latest", file_id=job.id, page_ranges={"target_pages": "x"})
