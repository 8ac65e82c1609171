"""The review screen end to end (Playwright on Debian's Chromium, a real server on SQLite with one worker):
open the queue, correct a field by selecting words on the page, undo, accept, and check the stored
revisions and the export; confirm 20 fields with one key press each.

Screenshots go to tests/screenshots/ (git-ignored); ASSAY_DOCS_SCREENSHOTS=1 also writes docs/review.png.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.web.browser import open_page, require_browser, shoot

require_browser()
from playwright.sync_api import Browser, Page, expect  # noqa: E402 (after the check that it is installed)

DOCS = Path(__file__).resolve().parents[2] / "docs"
WORDS: dict[str, list[str]] = {}  # page 1's printed words, in the order the words endpoint gives them
SCHEMA = {**INVOICE_SCHEMA, "properties": {**INVOICE_SCHEMA["properties"],
                                           "purchase_order": {"type": "string", "description": "PO number"}},
          "required": ["invoice_number", "purchase_order"]}


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("review")
    yield from start_server(make_settings(tmp, f"sqlite:///{tmp / 'assay.db'}"), workers=1)


def routed(live: LiveServer, number: str) -> dict[str, Any]:
    """An invoice extracted with a saved configuration whose rule routes it to review."""
    client, http = live.sdk(), live.http()
    cfg = client.configurations.create(name=f"cfg-{number}", parameters={
        "product_type": "extract_v2", "data_schema": SCHEMA, "cite_sources": True, "confidence_scores": True})
    assert http.put(f"/api/v1/beta/review/rules/{cfg.id}", json={"deployment_name": "invoices"}).status_code == 200
    file_id = client.files.create(file=(f"{number}.pdf", invoice_pdf(number), "application/pdf"),
                                  purpose="extract").id
    job = client.extract.run(file_input=file_id, configuration_id=cfg.id, polling_interval=0.1)
    items = http.get("/api/v1/beta/review/items").json()["items"]
    (item,) = [i for i in items if i["data"]["metadata"]["job_id"] == job.id]
    return dict(item)


def drag_over_word(page: Page, text: str) -> None:
    """Press the pointer just above-left of the printed word and release it just inside its far corner."""
    box = page.locator(f".page-frame[data-page='1'] .word[data-index='{WORDS['page1'].index(text)}']").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] - 2, box["y"] - 1)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.mouse.move(box["x"] + box["width"] - 1, box["y"] + box["height"] - 1, steps=4)
    page.mouse.up()


def test_correct_a_field_from_the_page_undo_accept_and_export(browser: Browser, review_server: LiveServer) -> None:
    item = routed(review_server, "INV-31")
    http = review_server.http()
    words = http.get(f"/api/v1/beta/files/{item['data']['file_id']}/pages/1/words").json()
    WORDS["page1"] = [w["text"] for w in words["words"]]
    page = open_page(browser, review_server)
    page.goto(review_server.base_url + "/#/review")
    link = page.locator(f'#queue-table tr[data-id="{item["id"]}"] a.review-link')
    expect(link).to_have_text("INV-31.pdf")
    link.click()
    expect(page.get_by_role("heading", name="INV-31.pdf")).to_be_visible()
    expect(page.locator("#item-status")).to_have_text("pending_review")

    field = page.locator('.review-field[data-path="purchase_order"]')
    expect(field).to_contain_text("Not found")
    field.click()
    expect(field).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".page-frame[data-page='1'] .word")).to_have_count(len(words["words"]))
    page.wait_for_function("() => document.querySelector('.page-frame img').naturalWidth > 0")

    drag_over_word(page, "INV-31")
    expect(field).to_contain_text("INV-31")
    box = page.locator('.box.active[data-path="purchase_order"]')
    expect(box).to_have_count(1)
    stored = http.get(f"/api/v1/beta/agent-data/{item['id']}").json()["data"]
    citation = stored["field_metadata"]["purchase_order"]["citation"][0]
    assert stored["data"]["purchase_order"] == "INV-31"
    assert citation["matching_text"] == "INV-31"
    printed = words["words"][WORDS["page1"].index("INV-31")]["box"]
    assert [citation["bounding_boxes"][0][k] for k in "xywh"] == printed
    shoot(page, "10-review-correct")
    if os.environ.get("ASSAY_DOCS_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / "review.png"))

    page.keyboard.press("u")  # undo: the value and its citation go back
    expect(field).to_contain_text("Not found")
    expect(page.locator('.box.active[data-path="purchase_order"]')).to_have_count(0)
    assert http.get(f"/api/v1/beta/agent-data/{item['id']}").json()["data"]["data"]["purchase_order"] is None

    drag_over_word(page, "INV-31")
    expect(field).to_contain_text("INV-31")
    page.locator("#review-fields").locator("button").first.focus()
    page.keyboard.press("a")  # accept: the next item, or the queue when none is left
    expect(page).to_have_url(review_server.base_url + "/#/review")
    expect(page.locator("#queue-empty")).to_contain_text("Nothing to review")

    revisions = http.get(f"/api/v1/beta/agent-data/{item['id']}/revisions").json()
    assert [(r["action"], r["path"], r["undone"]) for r in revisions] == [
        ("correct", "purchase_order", True), ("undo", "purchase_order", False),
        ("correct", "purchase_order", False), ("accept", None, False)]
    assert revisions[2]["before"]["value"] is None
    assert revisions[2]["after"]["value"] == "INV-31"
    assert revisions[2]["words"] == [{"page": 1, "text": "INV-31", "box": printed}]
    assert all(r["key_id"] and r["key_id"].startswith("key-") for r in revisions)
    assert revisions[3]["after"]["status"] == "accepted"

    with page.expect_download() as download:
        page.locator("#export-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {r["id"] for r in rows} == {item["id"]}
    assert {r["purchase_order"] for r in rows} == {"INV-31"}
    assert len(rows) == len(stored["data"]["line_items"])  # one row per line item
    page.locator(".tab[data-status='accepted']").click()
    expect(page.locator(f'#queue-table tr[data-id="{item["id"]}"]')).to_be_visible()


def test_twenty_fields_take_one_key_press_each(browser: Browser, review_server: LiveServer) -> None:
    http = review_server.http()
    file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                        files={"file": ("twenty.pdf", invoice_pdf("INV-20"))}).json()["id"]
    values = {f"field_{n:02d}": f"value {n}" for n in range(20)}
    meta = {k: {"confidence": 0.97, "grounding": "exact", "citation": []} for k in values}
    item = http.post("/api/v1/beta/agent-data", json={"deployment_name": "forms", "data": {
        "original_data": values, "data": values, "status": "pending_review", "field_metadata": meta,
        "file_id": file_id, "file_name": "twenty.pdf", "metadata": {}}}).json()
    page = open_page(browser, review_server)
    page.goto(review_server.base_url + f"/#/review/{item['id']}")
    fields = page.locator(".review-field")
    expect(fields).to_have_count(20)
    expect(fields.first).to_be_focused()
    for n in range(20):  # Enter confirms the selected field and moves to the next one
        page.keyboard.press("Enter")
        expect(page.locator(".review-field.confirmed")).to_have_count(n + 1)
    shoot(page, "11-review-keyboard")
    stored = http.get(f"/api/v1/beta/agent-data/{item['id']}").json()["data"]
    assert sorted(stored["metadata"]["review"]["confirmed"]) == sorted(values)
    revisions = http.get(f"/api/v1/beta/agent-data/{item['id']}/revisions").json()
    assert [r["path"] for r in revisions] == list(values)  # 20 presses, 20 revisions, in order
    assert {r["action"] for r in revisions} == {"confirm"}
    page.keyboard.press("a")
    expect(page).to_have_url(review_server.base_url + "/#/review")
    assert http.get(f"/api/v1/beta/agent-data/{item['id']}").json()["data"]["status"] == "accepted"
