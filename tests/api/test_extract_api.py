"""Extract v2 through the official SDK against a real server with a real worker, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from llama_cloud import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError

from tests import pace
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf


def upload(live: LiveServer, data: bytes, name: str = "invoice.pdf") -> str:
    return live.sdk().files.create(file=(name, data, "application/pdf"), purpose="extract").id


def wait_status(live: LiveServer, job_id: str, statuses: set[str], timeout: float = 60) -> str:
    client = live.sdk()
    return str(pace.wait_until(lambda: (s := client.extract.get(job_id).status) in statuses and s, timeout,
                               f"job {job_id} to reach {statuses}"))


def test_run_extracts_with_citations_without_expand(server: LiveServer) -> None:
    client = server.sdk()
    file_id = upload(server, invoice_pdf("INV-7"))
    job = client.extract.run(
        file_input=file_id, polling_interval=0.1,
        configuration={"data_schema": INVOICE_SCHEMA, "cite_sources": True, "confidence_scores": True},
    )
    assert job.id.startswith("ext-")
    assert job.status == "COMPLETED"
    assert job.extract_result["invoice_number"] == "INV-7"
    assert job.extract_result["total"] == 60.0
    assert len(job.extract_result["line_items"]) == 3
    citation = job.extract_metadata.field_metadata.document_metadata["invoice_number"]["citation"][0]
    assert citation["page"] == 1
    assert citation["matching_text"] == "INV-7"
    assert citation["page_dimensions"] == {"width": 612.0, "height": 792.0}
    assert job.configuration is None  # only with expand=configuration

    expanded = client.extract.get(job.id, expand=["configuration", "extract_metadata", "usage", "metadata"])
    assert expanded.configuration.data_schema == INVOICE_SCHEMA
    assert expanded.configuration.tier == "cost_effective"
    assert expanded.usage.credits == 5.0 + 3.0  # one page: extract 5 + parse 3 (cost_effective)
    assert expanded.metadata.usage.num_pages_extracted == 1


def test_metadata_only_when_expanded_if_not_asked_for(server: LiveServer) -> None:
    client = server.sdk()
    job = client.extract.run(file_input=upload(server, invoice_pdf()), polling_interval=0.1,
                             configuration={"data_schema": INVOICE_SCHEMA})
    assert job.extract_metadata is None
    assert client.extract.get(job.id, expand=["extract_metadata"]).extract_metadata is not None


def test_create_validates_input(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = upload(api_server, invoice_pdf())
    with pytest.raises(BadRequestError, match="exactly one"):
        client.extract.create(file_input=file_id)
    with pytest.raises(NotFoundError):
        client.extract.create(file_input="dfl-00000000-0000-0000-0000-000000000000",
                              configuration={"data_schema": INVOICE_SCHEMA})
    with pytest.raises(NotFoundError):
        client.extract.create(file_input=file_id, configuration_id="cfg-nope")
    with pytest.raises(UnprocessableEntityError):
        client.extract.create(file_input=file_id, configuration={"data_schema": {"type": "array"}})
    with pytest.raises(BadRequestError, match="target_pages"):
        client.extract.create(file_input=file_id,
                              configuration={"data_schema": INVOICE_SCHEMA, "target_pages": "3-1"})
    with pytest.raises(BadRequestError, match="selects no page of this 1-page document"):
        client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA, "target_pages": "5"})
    huge = client.extract.create(file_input=file_id,  # checked against the page count, never expanded
                                 configuration={"data_schema": INVOICE_SCHEMA, "target_pages": "1-999999999"})
    assert huge.status == "PENDING"
    with pytest.raises(BadRequestError, match="engine must be one of auto, layout, openai"):
        client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA, "engine": "gpt9"})
    with pytest.raises(BadRequestError, match="per_doc"):
        client.extract.create(file_input=file_id, configuration={
            "data_schema": INVOICE_SCHEMA, "tier": "agentic_plus", "extraction_target": "per_page"})


def test_list_filters_and_pages_while_jobs_are_created(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_a = upload(api_server, invoice_pdf("A"))
    file_b = upload(api_server, invoice_pdf("B"))
    config = {"data_schema": INVOICE_SCHEMA}
    created = [client.extract.create(file_input=file_a if i % 2 else file_b, configuration=config).id
               for i in range(7)]
    first = client.extract.list(page_size=3)
    assert [j.id for j in first.items] == created[::-1][:3]  # newest first
    assert first.total_size == 7
    extra = client.extract.create(file_input=file_a, configuration=config).id  # must not shift the pages
    seen = [j.id for j in first.items]
    page = first
    while page.has_next_page():
        page = page.get_next_page()
        seen += [j.id for j in page.items]
    assert seen == created[::-1]

    assert {j.id for j in client.extract.list(file_input=file_a)} == {*created[1::2], extra}
    assert {j.id for j in client.extract.list(job_ids=created[:2])} == set(created[:2])
    assert all(j.status == "PENDING" for j in client.extract.list(status="PENDING"))
    assert list(client.extract.list(status="COMPLETED")) == []
    assert len(list(client.extract.list(document_input_type="file_id"))) == 8
    assert list(client.extract.list(document_input_type="parse_job_id")) == []
    assert len(list(client.extract.list(document_input_value=file_b))) == 4
    future = datetime.now(UTC) + timedelta(hours=1)
    assert list(client.extract.list(created_at_on_or_after=future)) == []
    assert len(list(client.extract.list(created_at_on_or_before=future.replace(tzinfo=None)))) == 8
    with_config = client.extract.list(page_size=1, expand=["configuration"]).items[0]
    assert with_config.configuration.data_schema == INVOICE_SCHEMA
    assert client.extract.list(page_size=1).items[0].configuration is None


def test_cancel_and_delete_rules(api_server: LiveServer) -> None:
    client = api_server.sdk()
    job = client.extract.create(file_input=upload(api_server, invoice_pdf()),
                                configuration={"data_schema": INVOICE_SCHEMA})
    started = time.monotonic()
    with pytest.raises(ConflictError):  # x-should-retry: false, so the SDK does not retry for ~15 s
        client.extract.delete(job.id)
    assert time.monotonic() - started < 2
    cancelled = client.extract.cancel(job.id)
    assert cancelled.status == "CANCELLED"
    with pytest.raises(ConflictError):
        client.extract.cancel(job.id)
    assert client.extract.delete(job.id) == {"id": job.id, "project_id": job.project_id}
    with pytest.raises(NotFoundError):
        client.extract.get(job.id)
    other = client.extract.create(file_input=job.file_input, configuration={"data_schema": INVOICE_SCHEMA})
    client.extract.delete(other.id, force=True)
    with pytest.raises(NotFoundError):
        client.extract.delete(other.id)


def test_schema_validation(api_server: LiveServer) -> None:
    client = api_server.sdk()
    schema = {
        "type": "object",
        "$defs": {"Money": {"type": "object", "properties": {"amount": {"type": "number"}}}},
        "properties": {"total": {"$ref": "#/$defs/Money"}},
    }
    normalized = client.extract.validate_schema(data_schema=schema).data_schema
    assert normalized["properties"]["total"]["properties"]["amount"]["type"] == "number"
    with pytest.raises(UnprocessableEntityError) as caught:
        client.extract.validate_schema(data_schema={"type": "array", "items": {"type": "string"}})
    assert caught.value.body["detail"][0]["loc"] == ["body", "data_schema"]


def test_cancel_reaches_a_running_job(server: LiveServer) -> None:
    client = server.sdk()
    job = client.extract.create(file_input=upload(server, invoice_pdf(pages=300)),
                                configuration={"data_schema": INVOICE_SCHEMA})
    follow = client.extract.create(file_input=job.file_input, configuration={"data_schema": INVOICE_SCHEMA})
    assert wait_status(server, job.id, {"RUNNING", "COMPLETED"}) == "RUNNING"
    time.sleep(0.5)  # mid-parse or mid-extraction
    cancelled_at = time.monotonic()
    assert client.extract.cancel(job.id).status == "CANCELLED"
    wait_status(server, follow.id, {"RUNNING", "COMPLETED", "FAILED"}, timeout=10)
    assert time.monotonic() - cancelled_at < 3  # the one worker dropped the cancelled job and moved on
    assert wait_status(server, follow.id, {"COMPLETED", "FAILED"}) == "COMPLETED"
    final = client.extract.get(job.id)
    assert final.status == "CANCELLED"
    assert final.extract_result is None
