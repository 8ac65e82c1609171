"""Idempotent creates, per-key rate limits, body and schema limits, through the API."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assay.services import accounts
from assay.storage import tables
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, tiny_pdf


def _file(live: LiveServer, api_key: str | None = None) -> str:
    response = live.http(api_key).post("/api/v1/beta/files", data={"purpose": "extract"},
                                       files={"file": ("a.pdf", tiny_pdf("Invoice Number: A-1"))})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _second_key(live: LiveServer) -> str:
    with live.runtime.db.session() as session:
        project = accounts.create_project(session, "other")
        key, _ = accounts.create_key(session, project.id)
    return key


def _jobs(live: LiveServer) -> int:
    with live.runtime.db.session() as session:
        return session.scalar(select(func.count()).select_from(tables.Job)) or 0


def test_an_idempotency_key_returns_the_same_job(api_server: LiveServer) -> None:
    live = api_server
    http = live.http()
    body = {"file_input": _file(live), "configuration": {"data_schema": INVOICE_SCHEMA}}
    headers = {"Idempotency-Key": "order-42"}
    first = http.post("/api/v2/extract", json=body, headers=headers)
    again = http.post("/api/v2/extract", json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert _jobs(live) == 1

    changed = http.post("/api/v2/extract", json={**body, "configuration": {"data_schema": {
        "type": "object", "properties": {"x": {"type": "string"}}}}}, headers=headers)
    assert changed.status_code == 409
    assert changed.headers["x-should-retry"] == "false"

    other_key = _second_key(live)  # keys are per project: another project's same key is another job
    other = live.http(other_key).post("/api/v2/extract", json={**body, "file_input": _file(live, other_key)},
                                      headers=headers)
    assert other.status_code == 200
    assert other.json()["id"] != first.json()["id"]
    assert http.post("/api/v2/extract", json=body).json()["id"] != first.json()["id"]  # no key: a new job

    parse = {"file_id": body["file_input"], "tier": "fast", "version": "latest"}
    p1 = http.post("/api/v2/parse", json=parse, headers={"Idempotency-Key": "p-1"})
    p2 = http.post("/api/v2/parse", json=parse, headers={"Idempotency-Key": "p-1"})
    assert p1.status_code == 200
    assert p1.json()["id"] == p2.json()["id"]
    assert http.post("/api/v2/parse", json={**parse, "tier": "agentic"},
                     headers={"Idempotency-Key": "p-1"}).status_code == 409


def test_concurrent_requests_with_one_key_make_one_job(api_server: LiveServer) -> None:
    live = api_server
    body = {"file_input": _file(live), "configuration": {"data_schema": INVOICE_SCHEMA}}
    ids: list[str] = []
    barrier = threading.Barrier(6)

    def create() -> None:
        with live.http() as http:
            barrier.wait()
            response = http.post("/api/v2/extract", json=body, headers={"Idempotency-Key": "race"})
            assert response.status_code == 200, response.text
            ids.append(response.json()["id"])

    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(ids) == 6
    assert len(set(ids)) == 1
    assert _jobs(live) == 1


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}", rate_limit_per_minute=60,
                             rate_limit_burst=5, max_json_body_bytes=20_000)
    yield from start_server(settings, workers=0)


def test_rate_limit_is_per_key_with_retry_after(limited: LiveServer) -> None:
    http = limited.http()
    statuses = [http.get("/api/v2/extract").status_code for _ in range(8)]
    assert statuses[:5] == [200] * 5
    assert 429 in statuses[5:]
    refused = http.get("/api/v2/extract")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["code"] == "rate_limited"
    assert limited.http(_second_key(limited)).get("/api/v2/extract").status_code == 200  # its own bucket
    assert http.get("/health").status_code == 200  # probes are never limited


def test_json_bodies_over_the_limit_are_413(limited: LiveServer) -> None:
    http = limited.http("llx-unused")  # refused before authentication even runs
    big = {"file_input": "dfl-x", "configuration": {"data_schema": {"type": "object", "description": "x" * 30_000}}}
    assert http.post("/api/v2/extract", json=big).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"file_input": "' + b"x" * 15_000
        yield b"x" * 15_000 + b'"}'

    response = http.post("/api/v2/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_schema_size_and_depth_limits_are_enforced(api_server: LiveServer) -> None:
    http = api_server.http()
    deep: dict = {"type": "string"}
    for _ in range(9):
        deep = {"type": "object", "properties": {"a": deep}}
    response = http.post("/api/v2/extract/schema/validation", json={"data_schema": deep})
    assert response.status_code == 422
    assert "nesting deeper than 7" in response.text
    wide = {"type": "object", "properties": {f"f{i}": {"type": "string"} for i in range(5001)}}
    response = http.post("/api/v2/extract", json={"file_input": _file(api_server),
                                                 "configuration": {"data_schema": wide}})
    assert response.status_code == 422
    assert "exceed the limit of 5000" in response.text
