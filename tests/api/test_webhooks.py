"""Webhooks: a real local receiver gets signed, ordered events; a failing receiver is retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from llama_cloud import UnprocessableEntityError

from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.receiver import Receiver


def _run(live: LiveServer, **webhook: object) -> str:
    client = live.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                             webhook_configurations=[webhook], polling_interval=0.1)
    assert job.status == "COMPLETED"
    return job.id


def test_events_are_signed_and_ordered(server: LiveServer, receiver: Receiver) -> None:
    job_id = _run(server, webhook_url=receiver.url, webhook_signing_secret="s3cret",
                  webhook_headers={"X-Team": "ops"}, webhook_output_format="json")
    receiver.wait_for(2)
    kinds = []
    for headers, body in receiver.events:
        expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert headers["LC-Signature"] == expected
        assert headers["X-Team"] == "ops"
        payload = json.loads(body)
        assert payload["data"]["id"] == job_id
        assert payload["event_id"].startswith("evt-")
        kinds.append(payload["event_type"])
    assert kinds == ["extract.pending", "extract.success"]
    assert json.loads(receiver.events[1][1])["data"]["status"] == "COMPLETED"


def test_string_format_and_event_filter(server: LiveServer, receiver: Receiver) -> None:
    _run(server, webhook_url=receiver.url, webhook_events=["extract.success"])
    receiver.wait_for(1)
    time.sleep(0.5)
    assert len(receiver.events) == 1
    payload = json.loads(receiver.events[0][1])
    assert payload["event_type"] == "extract.success"
    assert json.loads(payload["data"])["status"] == "COMPLETED"  # "string" (default) sends data as JSON text
    assert "LC-Signature" not in receiver.events[0][0]


def test_failing_receiver_is_retried_and_the_job_still_completes(server: LiveServer) -> None:
    flaky = Receiver(fail_first=2)
    try:
        _run(server, webhook_url=flaky.url)
        flaky.wait_for(2, timeout=30)
        assert [json.loads(b)["event_type"] for _, b in flaky.events] == ["extract.pending", "extract.success"]
        assert flaky.calls == 4
    finally:
        flaky.server.shutdown()


def test_saved_webhook_configurations(server: LiveServer, receiver: Receiver) -> None:
    client = server.sdk()
    saved = client.webhook_configs.create(webhook_url=receiver.url, webhook_signing_secret="abc",
                                          webhook_events=["extract.success"])
    assert saved.id.startswith("whc-")
    assert saved.has_secret
    assert "webhook_signing_secret" not in saved.model_dump()
    assert [c.id for c in client.webhook_configs.list()] == [saved.id]
    updated = client.webhook_configs.update(saved.id, webhook_headers={"X-A": "1"})
    assert updated.webhook_headers == {"X-A": "1"}
    assert updated.webhook_events == ["extract.success"]
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                                webhook_configuration_ids=[saved.id])
    receiver.wait_for(1)
    headers, body = receiver.events[0]
    assert json.loads(json.loads(body)["data"])["id"] == job.id
    assert headers["LC-Signature"] == "sha256=" + hmac.new(b"abc", body, hashlib.sha256).hexdigest()
    with pytest.raises(UnprocessableEntityError):
        client.webhook_configs.create(webhook_url=receiver.url, webhook_events=[])
    client.webhook_configs.delete(saved.id)
    assert list(client.webhook_configs.list()) == []


def test_private_addresses_are_refused_by_default() -> None:
    from assay.errors import InvalidRequestError
    from assay.webhooks.guard import resolve_public

    for url in ("http://127.0.0.1:9/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x", "http://localhost/x", "ftp://example.com/x"):
        with pytest.raises(InvalidRequestError):
            resolve_public(url, allow_private=False)
    assert resolve_public("http://127.0.0.1:9/x", allow_private=True) == ["127.0.0.1"]
