"""JSON logs tagged with request and job ids, request ids echoed, Prometheus metrics."""

from __future__ import annotations

import io
import json
import logging

import httpx
import pytest

from assay import logs
from tests import pace
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import wait_until


@pytest.fixture
def json_lines() -> io.StringIO:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def test_logs_are_json_with_request_and_job_ids(server: LiveServer, json_lines: io.StringIO) -> None:
    http = server.http()
    upload = http.post("/api/v1/beta/files", data={"purpose": "extract"}, files={"file": ("a.pdf", invoice_pdf())},
                       headers={"X-Request-ID": "req-upload-1"})
    assert upload.headers["x-request-id"] == "req-upload-1"
    job = http.post("/api/v2/extract", json={"file_input": upload.json()["id"],
                                             "configuration": {"data_schema": INVOICE_SCHEMA}}).json()
    wait_until(lambda: http.get(f"/api/v2/extract/{job['id']}").json()["status"] == "COMPLETED", what="the job")
    generated = http.get("/health").headers["x-request-id"]
    assert len(generated) == 32
    assert http.get("/health", headers={"X-Request-ID": "bad id\twith spaces"}).headers["x-request-id"] != \
        "bad id\twith spaces"

    entries = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    access = [e for e in entries if e["logger"] == "assay.access"]
    upload_line = next(e for e in access if e.get("request_id") == "req-upload-1")
    assert upload_line["path"] == "/api/v1/beta/files"
    assert upload_line["status"] == 201
    assert upload_line["method"] == "POST"
    assert upload_line["duration_ms"] >= 0
    worker_lines = [e for e in entries if e["logger"] == "assay.jobqueue.worker"]
    assert worker_lines
    assert all(e.get("job_id") == job["id"] for e in worker_lines)
    assert any("completed" in e["message"] for e in worker_lines)


def test_metrics(server: LiveServer) -> None:
    http = server.http()
    file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                        files={"file": ("a.pdf", invoice_pdf("INV-9"))}).json()["id"]
    job = http.post("/api/v2/extract", json={"file_input": file_id,
                                             "configuration": {"data_schema": INVOICE_SCHEMA}}).json()
    wait_until(lambda: http.get(f"/api/v2/extract/{job['id']}").json()["status"] == "COMPLETED", what="the job")
    response = httpx.get(server.base_url + "/metrics", timeout=pace.seconds(10))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    for sample in ('assay_jobs{kind="extract",status="COMPLETED"}', 'assay_queue_depth{kind="extract"} 0.0',
                   'assay_job_stage_duration_seconds_count{stage="parse"}',
                   'assay_job_stage_duration_seconds_count{stage="extract"}',
                   'assay_job_duration_seconds_count{kind="extract",outcome="completed"}',
                   'assay_worker_leases{state="expired"} 0.0', "assay_worker_heartbeats_total",
                   'route="/api/v2/extract/{job_id}"'):
        assert sample in text, sample
    assert file_id not in text  # routes are templates, never ids
    assert job["id"] not in text
