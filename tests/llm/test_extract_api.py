"""The `openai` engine through the real API, worker and SDK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests import pace
from tests.conftest import LiveServer, free_port, make_settings, start_server
from tests.llm.conftest import MODEL_ALIAS, FaultProxy
from tests.llm.documents import SIMPLE_SCHEMA, simple_invoice


@pytest.fixture
def llm_server(tmp_path: Path, proxy: FaultProxy) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'assay.db'}", llm_base_url=proxy.url,
                             llm_model=MODEL_ALIAS, llm_context_tokens=4096, llm_max_output_tokens=256,
                             llm_structured_output="json_object_schema", llm_timeout_seconds=pace.seconds(120))
    yield from start_server(settings, workers=1)


@pytest.fixture
def unreachable_server(tmp_path: Path) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'assay.db'}",
                             llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_model="m", llm_max_retries=1)
    yield from start_server(settings, workers=1)


def upload(live: LiveServer, data: bytes) -> str:
    return live.sdk().files.create(file=("invoice.pdf", data, "application/pdf"), purpose="extract").id


def test_an_extract_job_runs_on_the_model_and_comes_back_grounded(llm_server: LiveServer, proxy: FaultProxy) -> None:
    client = llm_server.sdk()
    job = client.extract.run(file_input=upload(llm_server, simple_invoice("INV-7")), polling_interval=0.2,
                             configuration={"data_schema": SIMPLE_SCHEMA, "cite_sources": True,
                                            "confidence_scores": True, "engine": "openai"})
    assert job.status == "COMPLETED"
    assert job.extract_result["invoice_number"] == "INV-7"
    entry = job.extract_metadata.field_metadata.document_metadata["invoice_number"]
    assert entry["citation"][0]["matching_text"] == "INV-7"
    assert entry["citation"][0]["bounding_boxes"]
    assert entry["grounding"] == "exact"
    assert proxy.chats
    assert "[p1:l2] Invoice Number: INV-7" in proxy.chats[-1]["messages"][1]["content"]


def test_the_layout_engine_stays_selectable_per_job(llm_server: LiveServer, proxy: FaultProxy) -> None:
    job = llm_server.sdk().extract.run(file_input=upload(llm_server, simple_invoice("INV-9")), polling_interval=0.2,
                                       configuration={"data_schema": SIMPLE_SCHEMA, "engine": "layout"})
    assert job.status == "COMPLETED"
    assert job.extract_result["invoice_number"] == "INV-9"
    assert proxy.chats == []


def test_an_unreachable_model_fails_the_job_with_a_clear_reason(unreachable_server: LiveServer) -> None:
    from llama_cloud import LlamaCloud

    client: LlamaCloud = unreachable_server.sdk()
    job = client.extract.create(file_input=upload(unreachable_server, simple_invoice()),
                                configuration={"data_schema": SIMPLE_SCHEMA})
    job = pace.wait_until(lambda: (j := client.extract.get(job.id)).status in ("COMPLETED", "FAILED") and j,
                          60, "the job to finish", interval=0.2)
    assert job.status == "FAILED"
    assert "model is unreachable" in job.error_message
    assert "ASSAY_LLM_BASE_URL" in job.error_message
