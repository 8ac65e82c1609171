"""Review over HTTP against a real server with a real worker, on SQLite and PostgreSQL: a saved
configuration's rule routes new results to review; confirm, correct (typed, and by the printed words
on the page), clear, undo, reject and accept, each a revision with its API key; corrections as data;
export as JSON, JSONL and CSV; signed `review.accepted` / `review.rejected` webhooks."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from typing import Any

from llama_cloud.types.beta.extracted_data import ExtractedData

from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.receiver import Receiver

# the invoice plus a required field the invoice does not print: every result is routed to review
SCHEMA = {**INVOICE_SCHEMA, "properties": {**INVOICE_SCHEMA["properties"],
                                           "purchase_order": {"type": "string", "description": "PO number"}},
          "required": ["invoice_number", "purchase_order"]}
CONFIG = {"product_type": "extract_v2", "data_schema": SCHEMA, "cite_sources": True, "confidence_scores": True}


def routed_item(live: LiveServer, number: str = "INV-77", rule: dict[str, Any] | None = None,
                config: dict[str, Any] = CONFIG) -> dict[str, Any]:
    """A job on a saved configuration with a review rule, and the review item it became."""
    client, http = live.sdk(), live.http()
    cfg = client.configurations.create(name=f"invoices-{number}", parameters=config)
    body = rule or {"deployment_name": "invoices", "collection": "inbox"}
    assert http.put(f"/api/v1/beta/review/rules/{cfg.id}", json=body).status_code == 200
    file_id = client.files.create(file=("inv.pdf", invoice_pdf(number), "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, configuration_id=cfg.id, polling_interval=0.1)
    assert job.status == "COMPLETED"
    status = "" if rule else "pending_review"
    found = [i for i in http.get("/api/v1/beta/review/items", params={"status": status}).json()["items"]
             if i["data"]["metadata"]["job_id"] == job.id]
    assert len(found) == 1
    return found[0]


def review(live: LiveServer, item_id: str, **change: Any) -> dict[str, Any]:
    response = live.http().post(f"/api/v1/beta/agent-data/{item_id}/review", json=change)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_rule_routes_results_and_the_sdk_reads_the_item(server: LiveServer) -> None:
    item = routed_item(server)
    assert item["deployment_name"] == "invoices"
    assert item["collection"] == "inbox"
    data = item["data"]
    assert data["status"] == "pending_review"
    assert "required_empty:purchase_order" in data["metadata"]["review"]["flags"]
    assert data["data"]["invoice_number"] == "INV-77"
    assert data["file_name"] == "inv.pdf"
    extracted = ExtractedData[dict].model_validate(server.sdk().beta.agent_data.get(item["id"]).data)
    assert extracted.field_metadata["invoice_number"].citation[0].page == 1
    # a rule that finds nothing to check accepts the result straight away
    quiet = routed_item(server, "INV-78", rule={"deployment_name": "invoices", "confidence_below": None,
                                                "required_empty": False, "ungrounded": False})
    assert quiet["data"]["status"] == "accepted"
    assert quiet["collection"] == "default"
    queue = server.http().get("/api/v1/beta/review/items").json()["items"]
    assert [i["id"] for i in queue] == [item["id"]]
    first = server.http().get("/api/v1/beta/review/items", params={"status": "", "page_size": 1}).json()
    second = server.http().get("/api/v1/beta/review/items", params={
        "status": "", "page_size": 1, "page_token": first["next_page_token"]}).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [item["id"], quiet["id"]]  # oldest first
    assert second["next_page_token"] is None


def test_a_result_without_citations_or_confidences_is_routed_with_empty_metadata(server: LiveServer) -> None:
    bare = {"product_type": "extract_v2", "data_schema": SCHEMA}
    item = routed_item(server, "INV-79", config=bare)
    assert item["data"]["field_metadata"] == {}
    assert item["data"]["metadata"]["review"]["flags"] == ["required_empty:purchase_order"]  # grounding still read
    extracted = ExtractedData[dict].model_validate(server.sdk().beta.agent_data.get(item["id"]).data)
    assert extracted.data["invoice_number"] == "INV-79"


def test_every_change_is_a_revision_and_undo_reverts_the_last(server: LiveServer) -> None:
    item = routed_item(server)
    item_id, http = item["id"], server.http()
    words = http.get(f"/api/v1/beta/files/{item['data']['file_id']}/pages/1/words").json()
    number = next(w for w in words["words"] if w["text"] == "INV-77")

    confirmed = review(server, item_id, action="confirm", path="invoice_number")
    assert confirmed["revision"]["after"]["confirmed"] is True
    key_id = confirmed["revision"]["key_id"]
    assert key_id
    assert key_id.startswith("key-")

    typed = review(server, item_id, action="correct", path="total", value="1,234.50")
    assert typed["item"]["data"]["data"]["total"] == 1234.5  # typed text read as the field's type
    assert typed["revision"]["before"]["value"] != 1234.5

    by_words = review(server, item_id, action="correct", path="purchase_order",
                      words=[{"page": 1, "text": number["text"], "box": number["box"]}],
                      page_dimensions={"width": words["width"], "height": words["height"]})
    data = by_words["item"]["data"]
    assert data["data"]["purchase_order"] == "INV-77"
    citation = data["field_metadata"]["purchase_order"]["citation"][0]
    assert citation["matching_text"] == "INV-77"
    assert citation["page"] == 1
    assert [citation["bounding_boxes"][0][k] for k in "xywh"] == number["box"]
    assert data["field_metadata"]["purchase_order"]["confidence"] == 1.0

    cleared = review(server, item_id, action="clear", path="invoice_date")
    assert cleared["item"]["data"]["data"]["invoice_date"] is None
    undone = review(server, item_id, action="undo")
    assert undone["revision"]["undoes"] == cleared["revision"]["id"]
    assert undone["item"]["data"]["data"]["invoice_date"] == item["data"]["data"]["invoice_date"]
    again = review(server, item_id, action="undo")  # the next undo reverts the correction before it
    assert again["item"]["data"]["data"].get("purchase_order") is None

    revisions = http.get(f"/api/v1/beta/agent-data/{item_id}/revisions").json()
    assert [(r["seq"], r["action"], r["path"], r["undone"]) for r in revisions] == [
        (1, "confirm", "invoice_number", False), (2, "correct", "total", False),
        (3, "correct", "purchase_order", True), (4, "clear", "invoice_date", True),
        (5, "undo", "invoice_date", False), (6, "undo", "purchase_order", False)]
    assert all(r["key_id"] == key_id and r["created_at"] for r in revisions)
    assert http.get("/api/v1/beta/review/corrections").json() == []  # the word correction was undone

    redo = review(server, item_id, action="correct", path="purchase_order",
                  words=[{"page": 1, "text": number["text"], "box": number["box"]}])
    corrections = http.get("/api/v1/beta/review/corrections", params={"file_id": item["data"]["file_id"]}).json()
    assert [(c["id"], c["path"], c["after"]["value"], c["words"][0]["text"]) for c in corrections] == [
        (redo["revision"]["id"], "purchase_order", "INV-77", "INV-77")]


def test_reject_and_accept_notify_signed_webhooks_and_export(server: LiveServer, receiver: Receiver) -> None:
    http = server.http()
    saved = http.post("/api/v1/beta/webhook-configs", json={
        "webhook_url": receiver.url, "webhook_signing_secret": "s3cret", "webhook_output_format": "json",
        "webhook_events": ["review.accepted", "review.rejected"]})
    assert saved.status_code == 201, saved.text
    first, second = routed_item(server, "INV-1"), routed_item(server, "INV-2")
    refused = http.post(f"/api/v1/beta/agent-data/{first['id']}/review", json={"action": "reject"})
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_field"
    rejected = review(server, first["id"], action="reject", reason="not our invoice")
    assert rejected["item"]["data"]["status"] == "rejected"
    assert rejected["item"]["data"]["metadata"]["review"]["reason"] == "not our invoice"
    review(server, second["id"], action="correct", path="purchase_order", value="PO-9")
    accepted = review(server, second["id"], action="accept")
    assert accepted["revision"]["before"]["status"] == "pending_review"
    receiver.wait_for(2)
    events = []
    for headers, body in receiver.events:
        assert headers["LC-Signature"] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        payload = json.loads(body)
        events.append((payload["event_type"], payload["data"]["id"], payload["data"]["data"]["status"]))
    assert events == [("review.rejected", first["id"], "rejected"), ("review.accepted", second["id"], "accepted")]
    deliveries = http.get("/api/v2/webhook-deliveries", params={"job_id": second["id"]}).json()["items"]
    assert [(d["event_type"], d["status"]) for d in deliveries] == [("review.accepted", "delivered")]

    exported = http.get("/api/v1/beta/review/export", params={"format": "json"})
    assert exported.headers["content-type"].startswith("application/json")
    (only,) = exported.json()
    assert only["id"] == second["id"]
    assert only["data"]["purchase_order"] == "PO-9"
    lines = http.get("/api/v1/beta/review/export", params={"format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [second["id"]]
    rows = list(csv.DictReader(io.StringIO(http.get("/api/v1/beta/review/export", params={"format": "csv"}).text)))
    assert len(rows) == 3  # one row per line item
    assert [float(r["line_items.amount"]) for r in rows] == [10.0, 20.0, 30.0]
    assert {r["invoice_number"] for r in rows} == {"INV-2"}
    assert {r["purchase_order"] for r in rows} == {"PO-9"}
    undo = review(server, second["id"], action="undo")
    assert undo["item"]["data"]["status"] == "pending_review"
    assert http.get("/api/v1/beta/review/export").json() == []
