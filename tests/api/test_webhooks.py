"""Webhooks: a real local receiver gets signed, ordered events; a failing receiver is retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from llama_cloud import BadRequestError, UnprocessableEntityError
from llama_cloud.types import webhook_config_create_params

from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
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


@pytest.fixture
def strict_server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """A server as deployed by default: webhooks to private and loopback addresses are refused."""
    yield from start_server(make_settings(tmp_path, database_url, webhook_allow_private=False), workers=0)


def _refused(call: Callable[[], object], code: str, *words: str) -> None:
    with pytest.raises(BadRequestError) as caught:
        call()
    assert caught.value.body["code"] == code
    for word in words:
        assert word in caught.value.body["detail"]


def test_undeliverable_addresses_are_refused_when_saved_or_used(strict_server: LiveServer, tmp_path: Path,
                                                               database_url: str) -> None:
    client = strict_server.sdk()
    for url in ("http://127.0.0.1:9/x", "http://localhost:9/x", "http://10.0.0.1/x", "http://[::1]/x",
                "http://169.254.169.254/latest/meta-data"):
        _refused(lambda url=url: client.webhook_configs.create(webhook_url=url), "webhook_address_refused",
                 "not public", "ASSAY_WEBHOOK_ALLOW_PRIVATE=true")
    public = client.webhook_configs.create(webhook_url="http://93.184.216.34/hook")  # a literal public address
    _refused(lambda: client.webhook_configs.update(public.id, webhook_url="http://127.0.0.1:9/x"),
             "webhook_address_refused", "127.0.0.1")
    assert client.webhook_configs.retrieve(public.id).webhook_url == "http://93.184.216.34/hook"

    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    inline = [{"webhook_url": "http://127.0.0.1:9/x"}]
    _refused(lambda: client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                                           webhook_configurations=inline), "webhook_address_refused")
    _refused(lambda: client.parsing.create(tier="fast", version="latest", file_id=file_id,
                                           webhook_configurations=inline), "webhook_address_refused")
    assert list(client.extract.list()) == []
    assert list(client.parsing.list()) == []

    # saved while the server allowed private addresses, used after it stopped allowing them
    permissive = start_server(make_settings(tmp_path, database_url), workers=0)
    saved = next(permissive).sdk().webhook_configs.create(webhook_url="http://127.0.0.1:9/x")
    permissive.close()
    _refused(lambda: client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                                           webhook_configuration_ids=[saved.id]), "webhook_address_refused")


def test_event_names_are_the_sdks(strict_server: LiveServer) -> None:
    from assay.webhooks.outbox import EVENT_NAMES

    hint = typing.get_type_hints(webhook_config_create_params.WebhookConfigCreateParams)["webhook_events"]
    (sdk_events,) = _literal_args(hint)
    assert sorted(EVENT_NAMES) == sorted(sdk_events)

    client = strict_server.sdk()
    url = "http://93.184.216.34/hook"
    saved = client.webhook_configs.create(webhook_url=url, webhook_events=list(EVENT_NAMES))
    _refused(lambda: client.webhook_configs.create(webhook_url=url, webhook_events=["extract.success", "bogus.event"]),
             "unknown_webhook_event", "'bogus.event'", "extract.success")
    _refused(lambda: client.webhook_configs.update(saved.id, webhook_events=["extract.running"]),
             "unknown_webhook_event")
    file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
    _refused(lambda: client.extract.create(
        file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
        webhook_configurations=[{"webhook_url": url, "webhook_events": ["bogus.event"]}]), "unknown_webhook_event")


def _literal_args(hint: object) -> list[tuple[str, ...]]:
    if typing.get_origin(hint) is typing.Literal:
        return [typing.get_args(hint)]
    return [found for arg in typing.get_args(hint) for found in _literal_args(arg)]


def _deliveries(live: LiveServer, **query: str) -> list[dict]:
    with live.http() as http:
        response = http.get("/api/v2/webhook-deliveries", params=query)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_each_delivery_shows_its_outcome(server: LiveServer) -> None:
    flaky = Receiver(fail_first=2)
    try:
        client = server.sdk()
        saved = client.webhook_configs.create(webhook_url=flaky.url, webhook_events=["extract.success"])
        file_id = client.files.create(file=("i.pdf", invoice_pdf(), "application/pdf"), purpose="extract").id
        job = client.extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA},
                                    webhook_configuration_ids=[saved.id],
                                    webhook_configurations=[{"webhook_url": "http://127.0.0.1:9/closed",
                                                             "webhook_events": ["extract.pending"]}])
        flaky.wait_for(1, timeout=30)

        def both_tried() -> dict | None:
            items = {d["webhook_url"]: d for d in _deliveries(server, job_id=job.id)}
            done = items.get(flaky.url, {}).get("status") == "delivered"
            return items if done and items.get("http://127.0.0.1:9/closed", {}).get("attempts") else None

        items = pace.wait_until(both_tried, 10, "both deliveries to be tried", interval=0.1)
        ok, dead = items[flaky.url], items["http://127.0.0.1:9/closed"]
        assert (ok["event_type"], ok["status"], ok["attempts"]) == ("extract.success", "delivered", 3)
        assert (ok["last_response_status"], ok["last_error"], ok["webhook_config_id"]) == (200, None, saved.id)
        assert ok["id"] == json.loads(flaky.events[0][1])["event_id"]
        assert dead["status"] == "pending"
        assert dead["next_attempt_at"] is not None
        assert dead["last_response_status"] is None
        assert "ConnectError" in dead["last_error"]
        assert dead["webhook_config_id"] is None
        assert [d["id"] for d in _deliveries(server, webhook_config_id=saved.id)] == [ok["id"]]
        assert _deliveries(server, job_id="ext-other") == []
    finally:
        flaky.server.shutdown()
