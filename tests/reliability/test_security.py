"""Security review as tests: project isolation on every route of the served OpenAPI schema, key hashing
and revocation, upload names, the webhook SSRF guard (DNS rebinding included), no secrets in logs."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from assay import logs
from assay.errors import InvalidRequestError
from assay.services import accounts
from assay.storage import tables
from assay.webhooks import guard
from tests import pace
from tests.conftest import TEST_KEY, LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import wait_until
from tests.receiver import Receiver

SCHEMA = {"type": "object", "properties": {"invoice_number": {"type": "string"}}}
BODIES: dict[tuple[str, str], Any] = {  # a valid body for every route that takes one, by (method, path)
    ("POST", "/api/v1/beta/files"): None,  # multipart: handled below
    ("POST", "/api/v2/parse/upload"): None,
    ("POST", "/api/v1/beta/files/query"): {"filter": {"file_ids": ["{file_id}"]}},
    ("POST", "/api/v1/beta/configurations"): {"name": "b-config", "parameters": {
        "product_type": "extract_v2", "data_schema": SCHEMA}},
    ("PATCH", "/api/v1/beta/configurations/{config_id}"): {"name": "renamed"},
    ("PUT", "/api/v1/beta/configurations/{config_id}"): {"name": "renamed", "parameters": {
        "product_type": "extract_v2", "data_schema": SCHEMA}},
    ("POST", "/api/v2/extract/schema/generate"): {"prompt": "invoice number"},
    ("POST", "/api/v2/extract"): {"file_input": "{file_id}", "configuration": {"data_schema": SCHEMA}},
    ("POST", "/api/v2/extract/schema/validation"): {"data_schema": SCHEMA},
    ("POST", "/api/v2/parse"): {"file_id": "{file_id}", "tier": "fast", "version": "latest"},
    ("POST", "/api/v1/beta/webhook-configs"): {"webhook_url": "https://example.com/hook"},
    ("PUT", "/api/v1/beta/webhook-configs/{config_id}"): {"webhook_url": "https://example.com/other"},
    ("POST", "/api/v2/classify"): {"file_input": "{file_id}", "configuration": {"rules": [
        {"type": "invoice", "description": "A bill for goods or services"}]}},
    ("POST", "/api/v1/split/jobs"): {"file_input": "{file_id}", "configuration": {"categories": [
        {"name": "invoice", "description": "A bill for goods or services"}]}},
    ("POST", "/api/v1/beta/agent-data"): {"deployment_name": "d", "data": {"a": 1}},
    ("PUT", "/api/v1/beta/agent-data/{item_id}"): {"data": {"a": 2}},
    ("POST", "/api/v1/beta/agent-data/:search"): {"deployment_name": "d", "include_total": True},
    ("POST", "/api/v1/beta/agent-data/:aggregate"): {"deployment_name": "d", "count": True, "first": True},
    ("POST", "/api/v1/beta/agent-data/:delete"): {"deployment_name": "d"},
    ("POST", "/api/v1/beta/agent-data/{item_id}/review"): {"action": "confirm", "path": "a"},
    ("PUT", "/api/v1/beta/review/rules/{configuration_id}"): {"deployment_name": "d"},
    ("POST", "/api/v1/layouts"): {"job_id": "{extract_job}", "result": {"invoice_number": "INV-1"}},
    ("POST", "/api/v1/beta/split/jobs"): {"document_input": {"type": "file_id", "value": "{file_id}"},
                                          "configuration": {"categories": [
                                              {"name": "invoice", "description": "A bill for goods or services"}]}},
}

UNSCOPED = {"/health", "/ready", "/api/v2/extract/schema/validation", "/api/v2/parse/versions"}


@pytest.fixture
def two_projects(tmp_path: Path) -> Iterator[tuple[LiveServer, str, dict[str, str]]]:
    """A server; project A (the default key) owns one object of every kind; returns B's key too."""
    for live in start_server(make_settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}"), workers=1):
        http = live.http()
        file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                            files={"file": ("a.pdf", invoice_pdf())}).json()["id"]
        ext = http.post("/api/v2/extract", json={"file_input": file_id,
                                                 "configuration": {"data_schema": INVOICE_SCHEMA}}).json()["id"]
        pjb = http.post("/api/v2/parse", json={"file_id": file_id, "tier": "fast", "version": "latest"}).json()["id"]
        cfg = http.post("/api/v1/beta/configurations", json=BODIES[("POST", "/api/v1/beta/configurations")]).json()
        whc = http.post("/api/v1/beta/webhook-configs", json={"webhook_url": "https://example.com/a"}).json()
        cls = http.post("/api/v2/classify", json=_fill(BODIES[("POST", "/api/v2/classify")], {"file_id": file_id}))
        spl = http.post("/api/v1/split/jobs", json=_fill(BODIES[("POST", "/api/v1/split/jobs")], {"file_id": file_id}))
        wait_until(lambda: http.get(f"/api/v2/extract/{ext}").json()["status"] == "COMPLETED", what="A's job")
        wait_until(lambda: http.get(f"/api/v2/parse/{pjb}").json()["job"]["status"] == "COMPLETED", what="parse")
        project_a = http.get("/api/v1/projects").json()[0]["id"]
        agd = http.post("/api/v1/beta/agent-data", json={"deployment_name": "d", "data": {"a": 1}}).json()["id"]
        assert http.put(f"/api/v1/beta/review/rules/{cfg['id']}", json={"deployment_name": "d"}).status_code == 200
        lay = http.post("/api/v1/layouts", json={"job_id": ext, "result": {"invoice_number": "INV-1"}})
        assert lay.status_code == 201, lay.text
        with live.runtime.db.session() as session:
            b_key, _ = accounts.create_key(session, accounts.create_project(session, "B").id)
        ids = {"file_id": file_id, "extract_job": ext, "parse_job": pjb, "configuration": cfg["id"],
               "webhook_config": whc["id"], "project_id": project_a, "classify_job": cls.json()["id"],
               "split_job": spl.json()["id"], "agent_data": agd, "layout": lay.json()["id"]}
        yield live, b_key, ids


def _path_ids(path: str, ids: dict[str, str]) -> str:
    values = {"file_id": ids["file_id"], "project_id": ids["project_id"], "number": "1",
              "job_id": ids["parse_job"] if path.startswith("/api/v2/parse")
              else ids["classify_job"] if path.startswith("/api/v2/classify") else ids["extract_job"],
              "split_job_id": ids["split_job"], "item_id": ids["agent_data"], "layout_id": ids["layout"],
              "configuration_id": ids["configuration"],
              "config_id": ids["webhook_config"] if "webhook-configs" in path else ids["configuration"]}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):  # "{file_id}", "{extract_job}": A's objects
        return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), m.group(0)), value)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def test_every_route_hides_another_projects_objects(two_projects: tuple[LiveServer, str, dict[str, str]]) -> None:
    live, b_key, ids = two_projects
    a, b = live.http(), live.http(b_key)
    schema = a.get("/openapi.json").json()
    a_ids = set(ids.values())
    checked = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            method = method.upper()
            url = _path_ids(path, ids)
            takes_body = "requestBody" in operation
            if takes_body and (method, path) not in BODIES:
                pytest.fail(f"{method} {path} takes a body this test does not know: add one to BODIES")
            body = _fill(BODIES.get((method, path)), ids)
            if path in ("/api/v1/beta/files", "/api/v2/parse/upload") and method == "POST":
                response = b.post(path, data={"purpose": "extract", "configuration": '{"tier": "fast", '
                                  '"version": "latest"}'}, files={"file": ("b.pdf", invoice_pdf())})
                assert response.status_code < 300, response.text  # B may upload to its own project
            elif "{" in path:
                if method == "GET":  # the ids are real: A itself can read each one
                    assert a.get(url).status_code == 200, url
                response = b.request(method, url, json=body)
                assert response.status_code == 404, (method, url, response.status_code, response.text)
            else:
                query = {"file_ids": ids["file_id"], "job_ids": [ids["extract_job"], ids["parse_job"]]} \
                    if method == "GET" else None
                response = b.request(method, path, json=body, params=query)
                if method == "POST" and body and {"file_input", "file_id", "document_input", "job_id"} & set(body):
                    assert response.status_code == 404, (method, path, response.text)
                else:
                    assert response.status_code < 500, (method, path, response.text)
                    assert not (a_ids - {ids["project_id"]}) & set(re.findall(r"[a-z]{3}-[0-9a-f-]{36}",
                                                                              response.text)), (method, path)
                # naming A's project explicitly is refused by every route that is scoped to a project
                scoped = b.request(method, path, json=body, params={"project_id": ids["project_id"]})
                if path not in UNSCOPED:
                    assert scoped.status_code == 404, (method, path, scoped.status_code)
            checked.append(f"{method} {path}")
    assert len(checked) >= 35, checked
    # the job and its file are still there and unchanged for A
    assert a.get(f"/api/v2/extract/{ids['extract_job']}").json()["status"] == "COMPLETED"
    assert a.get(f"/api/v1/beta/files/{ids['file_id']}").status_code == 200
    assert a.get(f"/api/v1/beta/agent-data/{ids['agent_data']}").json()["data"] == {"a": 1}


def test_keys_are_stored_hashed_and_revocation_is_immediate(api_server: LiveServer) -> None:
    live = api_server
    with live.runtime.db.session() as session:
        key, record = accounts.create_key(session, accounts.default_project(session).id, name="temp")
        stored = [(k.key_hash, k.hint) for k in session.scalars(select(tables.ApiKey))]
    assert all(TEST_KEY not in h and key not in h and len(h) == 64 for h, _ in stored)
    assert live.http(key).get("/api/v2/extract").status_code == 200
    with live.runtime.db.session() as session:
        accounts.revoke_key(session, record.id)
    refused = live.http(key).get("/api/v2/extract")
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert live.http("llx-" + "z" * 40).get("/api/v2/extract").status_code == 401
    assert httpx.get(live.base_url + "/api/v2/extract", timeout=pace.seconds(10)).status_code == 401


def test_upload_names_are_sanitized(api_server: LiveServer) -> None:
    http = api_server.http()
    for given, kept in (("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\Windows\\evil.pdf", "evil.pdf"),
                        ("dir/sub/x.pdf", "x.pdf"), (".hidden.pdf", "hidden.pdf")):
        response = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                             files={"file": (given, invoice_pdf())})
        assert response.status_code == 201, (given, response.text)
        assert response.json()["name"] == kept, (given, response.text)
    assert http.post("/api/v1/beta/files", data={"purpose": "nonsense"},
                     files={"file": ("a.pdf", invoice_pdf())}).status_code == 422


def test_ssrf_guard_refuses_private_addresses_and_metadata_hosts() -> None:
    for url in ("http://127.0.0.1/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x", "http://metadata.google.internal/x", "http://localhost:8080/x", "file:///etc/passwd"):
        with pytest.raises(InvalidRequestError):
            guard.resolve_public(url, allow_private=False)


def test_webhooks_connect_to_the_address_that_was_checked() -> None:
    """DNS rebinding: the POST goes to the IP the guard approved, with the original Host and TLS name."""
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(200))
    url, host, extensions = guard.pin("https://hooks.example.com:8443/h?x=1", "93.184.216.34")
    with httpx.Client(transport=transport) as client:
        client.post(url, headers={"Host": host}, extensions=extensions, content=b"{}")
    request = seen[0]
    assert request.url.host == "93.184.216.34"
    assert request.url.port == 8443
    assert request.url.query == b"x=1"
    assert request.headers["host"] == "hooks.example.com:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.com"
    assert guard.pin("http://h.example/x", "2001:db8::1")[0] == "http://[2001:db8::1]/x"


def test_no_secrets_in_logs(server: LiveServer, receiver: Receiver, caplog: pytest.LogCaptureFixture) -> None:
    live = server
    secret = "whsec-" + "s" * 30
    caplog.set_level(logging.DEBUG)
    handler = logging.StreamHandler(stream := __import__("io").StringIO())
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    logging.getLogger().addHandler(handler)
    try:
        http = live.http()
        file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                            files={"file": ("a.pdf", invoice_pdf())}).json()["id"]
        job = http.post("/api/v2/extract", json={
            "file_input": file_id, "configuration": {"data_schema": INVOICE_SCHEMA},
            "webhook_configurations": [{"webhook_url": receiver.url, "webhook_signing_secret": secret}]}).json()
        wait_until(lambda: len(receiver.events) >= 2, what="the webhooks")
        link = http.get(f"/api/v1/beta/files/{file_id}/content").json()["url"]
        assert httpx.get(link, timeout=pace.seconds(10)).status_code == 200
        httpx.get(live.base_url + "/api/v2/extract", headers={"Authorization": "Bearer llx-wrong-key-123456"},
                  timeout=pace.seconds(10))
        time.sleep(0.2)
        # every record the server made (the test's own httpx client logs on the main thread), before any
        # formatter of ours could redact it: nothing secret was logged in the first place
        raw = "\n".join(r.getMessage() for r in caplog.records if r.threadName != "MainThread")
        logging.getLogger("assay.test").warning("a careless line: Authorization: Bearer %s", TEST_KEY)
    finally:
        logging.getLogger().removeHandler(handler)
    signature = receiver.payloads[-1]["headers"]["LC-Signature"].split("=", 1)[1]
    download_signature = httpx.URL(link).params["signature"]
    assert job["id"] in stream.getvalue()  # the logs did capture this job's lines
    for leaked in (TEST_KEY, secret, signature, download_signature, "llx-wrong-key-123456"):
        assert leaked not in raw, f"{leaked[:12]}… appears in the log records"
        assert leaked not in stream.getvalue(), f"{leaked[:12]}… appears in the formatted logs"


def test_redaction_patterns() -> None:
    line = ("Bearer llx-abc123456789 sha256=" + "a" * 64 + " /download?expires=1&signature=deadbeefcafe "
            '{"webhook_signing_secret": "hunter2"}')
    redacted = logs.redact(line)
    for secret in ("llx-abc123456789", "a" * 64, "deadbeefcafe", "hunter2"):
        assert secret not in redacted
