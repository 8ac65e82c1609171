"""The web UI end to end: Playwright drives Debian's Chromium against a real server (SQLite, one worker).

Screenshots of the main views are written to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.web.browser import open_page, require_browser, shoot

# the invoice schema plus two fields the invoice does not have: they come back with low confidence
UI_SCHEMA = {**INVOICE_SCHEMA, "properties": {
    **INVOICE_SCHEMA["properties"],
    "purchase_order": {"type": "string", "description": "Purchase order number"},
    "vendor_name": {"type": "string", "description": "Name of the seller"},
}}

require_browser()
from playwright.sync_api import Browser, Page, expect  # noqa: E402 (after the check that it is installed)


@pytest.fixture(scope="module")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """SQLite with one in-process worker: jobs run to completion."""
    tmp = tmp_path_factory.mktemp("ui")
    yield from start_server(make_settings(tmp, f"sqlite:///{tmp / 'assay.db'}"), workers=1)


@pytest.fixture(scope="module")
def queue_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """SQLite with no worker: jobs stay PENDING until cancelled."""
    tmp = tmp_path_factory.mktemp("queue")
    yield from start_server(make_settings(tmp, f"sqlite:///{tmp / 'assay.db'}"), workers=0)


def upload(live: LiveServer, name: str, data: bytes) -> str:
    response = live.http().post("/api/v1/beta/files", files={"file": (name, data)}, data={"purpose": "extract"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def needs_review(result: Any, meta: Any, path: str = "") -> list[tuple[float, str]]:
    """(confidence, path) of every value below 90% or without a source, in document order."""
    if isinstance(result, list):
        return [r for i, item in enumerate(result) for r in needs_review(item, meta[i], f"{path}[{i}]")]
    if isinstance(result, dict):
        return [r for key, value in result.items()
                for r in needs_review(value, meta.get(key), f"{path}.{key}" if path else key)]
    if meta["confidence"] < 0.9 or (result is not None and not meta["citation"]):
        return [(meta["confidence"], path)]
    return []


def assert_box_at_citation(page: Page, path: str, citation: dict[str, Any]) -> None:
    """The highlighted overlay box sits at the citation's bbox × (rendered width / page width)."""
    frame = page.locator(f'.page-frame[data-page="{citation["page"]}"]')
    image = frame.locator("img.page-img")
    expect(image).to_have_attribute("src", re.compile(r"^blob:"))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    box = frame.locator(f'.box.active[data-path="{path}"]').first
    expect(box).to_be_visible()
    shown = image.bounding_box()
    drawn = box.bounding_box()
    assert shown is not None
    assert drawn is not None
    scale = shown["width"] / citation["page_dimensions"]["width"]
    assert shown["height"] == pytest.approx(citation["page_dimensions"]["height"] * scale, abs=1.5)
    bbox = citation["bounding_boxes"][0]
    assert drawn["x"] == pytest.approx(shown["x"] + bbox["x"] * scale, abs=2)
    assert drawn["y"] == pytest.approx(shown["y"] + bbox["y"] * scale, abs=2)
    assert drawn["width"] == pytest.approx(bbox["w"] * scale, abs=2)
    assert drawn["height"] == pytest.approx(bbox["h"] * scale, abs=2)


def test_upload_extract_and_see_citations_on_the_page(browser: Browser, ui_server: LiveServer) -> None:
    page = open_page(browser, ui_server, signed_in=False)
    page.goto(ui_server.base_url + "/")

    # the key gate says where a key comes from; a wrong key is refused inline, the right one is kept for the tab
    expect(page.locator("#key-source")).to_contain_text("assay keys create")
    expect(page.locator("#key-source")).to_contain_text("ASSAY_API_KEY")
    page.get_by_label("API key").fill("llx-wrong")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#key-error")).to_contain_text("not accepted")
    shoot(page, "01-sign-in")
    page.get_by_label("API key").fill(ui_server.api_key)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="New extraction")).to_be_visible()

    page.locator("#file-input").set_input_files(
        [{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": invoice_pdf("INV-2048")}])
    expect(page.locator('.upload[data-status="ready"]')).to_have_count(1)

    # schema problems come back from the server's validation endpoint and are shown inline
    page.locator("#schema").fill('{"type": "array"}')
    expect(page.locator("#schema-status")).to_contain_text("the root must be of type 'object'")
    expect(page.locator("#schema")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#start")).to_be_disabled()
    page.locator("#schema").fill("{not json")
    expect(page.locator("#schema-status")).to_contain_text("Not valid JSON")
    page.locator("#schema").fill(json.dumps(UI_SCHEMA, indent=2))
    expect(page.locator("#schema-status")).to_contain_text("Valid schema, 9 fields")
    expect(page.get_by_label("Cite sources")).to_be_checked()
    expect(page.get_by_label("Confidence scores")).to_be_checked()
    shoot(page, "02-new-extraction")

    page.locator("#start").click()
    expect(page).to_have_url(ui_server.base_url + "/#/jobs")
    row = page.locator("#jobs-table tbody tr").first
    expect(row).to_have_attribute("data-status", "COMPLETED")  # the list polls until the worker is done
    job_id = row.get_attribute("data-job-id")
    assert job_id is not None
    row.get_by_role("link").click()

    expect(page.get_by_role("heading", name="invoice.pdf")).to_be_visible()
    job = ui_server.http().get(f"/api/v2/extract/{job_id}").json()
    meta = job["extract_metadata"]["field_metadata"]["document_metadata"]

    # low-confidence and unsourced values are listed first, least confident first
    review = sorted(needs_review(job["extract_result"], meta), key=lambda item: item[0])
    assert any(path == "purchase_order" for _, path in review)
    expect(page.locator("#review .review-row")).to_have_count(len(review))
    shown = page.locator("#review .review-row").evaluate_all("rows => rows.map(r => r.dataset.path)")
    assert shown == [path for _, path in review]
    expect(page.locator('#review [data-path="purchase_order"]')).to_contain_text("Not found")

    page.locator('.tree [data-path="invoice_number"]').click()
    expect(page.locator('.tree [data-path="invoice_number"]')).to_have_attribute("aria-pressed", "true")
    assert_box_at_citation(page, "invoice_number", meta["invoice_number"]["citation"][0])
    expect(page.locator("#selection")).to_contain_text("INV-2048")
    confidence = meta["invoice_number"]["confidence"]
    expect(page.locator('.tree [data-path="invoice_number"] .conf')).to_have_text(f"{round(confidence * 100)}%")
    shoot(page, "03-result")

    # an array's count says how many rows the document showed when fewer came back
    counted = job["extract_metadata"]["table_rows"]["line_items"]
    shown, extracted = counted["table_rows"], len(job["extract_result"]["line_items"])
    expect(page.locator(".tree .group-title .count")).to_have_text(
        f"{extracted} of {shown}" if shown > extracted else str(extracted))

    # array items are a table; a cell's boxes are drawn the same way
    page.locator('.array-table [data-path="line_items[1].amount"]').click()
    assert_box_at_citation(page, "line_items[1].amount", meta["line_items"][1]["amount"]["citation"][0])

    # clicking a box on the page selects its field in the tree
    page.locator('.box[data-path="total"]').click()
    expect(page.locator('.tree [data-path="total"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator('.tree [data-path="total"]')).to_be_focused()

    with page.expect_download() as download:
        page.locator("#download-json").click()
    assert json.loads(Path(download.value.path()).read_text()) == job["extract_result"]
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    csv = Path(download.value.path()).read_bytes().decode()
    assert csv.startswith("field,value,confidence,page,matching_text\r\n")
    assert f"invoice_number,INV-2048,{confidence},1" in csv

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator('.tree [data-path="invoice_number"]').click()
    assert_box_at_citation(page, "invoice_number", meta["invoice_number"]["citation"][0])
    shoot(page, "04-result-phone")
    page.context.close()


def test_jobs_list_filters_pages_cancels_and_explains_conflicts(browser: Browser, queue_server: LiveServer) -> None:
    http = queue_server.http()
    file_a = upload(queue_server, "alpha.pdf", invoice_pdf("A-1"))
    file_b = upload(queue_server, "beta.pdf", invoice_pdf("B-1"))
    created = [http.post("/api/v2/extract", json={"file_input": file_a if i % 3 else file_b,
                                                 "configuration": {"data_schema": INVOICE_SCHEMA}}).json()["id"]
               for i in range(12)]
    newest_first = created[::-1]
    page = open_page(browser, queue_server)
    page.goto(queue_server.base_url + "/#/jobs")
    rows = page.locator("#jobs-table tbody tr")

    expect(rows).to_have_count(10)
    expect(page.locator("#page-range")).to_have_text("1–10 of 12")
    assert [rows.nth(i).get_attribute("data-job-id") for i in range(10)] == newest_first[:10]
    expect(page.locator("#page-prev")).to_be_disabled()
    shoot(page, "05-jobs")
    page.locator("#page-next").click()
    expect(page.locator("#page-range")).to_have_text("11–12 of 12")
    assert [rows.nth(i).get_attribute("data-job-id") for i in range(2)] == newest_first[10:]
    expect(page.locator("#page-next")).to_be_disabled()
    page.locator("#page-prev").click()
    expect(page.locator("#page-range")).to_have_text("1–10 of 12")

    page.get_by_label("File").select_option(label="beta.pdf")
    expect(page.locator("#page-range")).to_have_text("1–4 of 4")
    expect(rows.locator(".job-file")).to_have_text(["beta.pdf"] * 4)
    page.get_by_label("Status").select_option("COMPLETED")
    expect(page.locator("#jobs-empty")).to_contain_text("No jobs match these filters.")
    page.get_by_role("button", name="Clear filters").first.click()
    expect(page.locator("#page-range")).to_have_text("1–10 of 12")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    page.get_by_label("Created from").fill(tomorrow)
    expect(page.locator("#jobs-empty")).to_be_visible()
    page.get_by_label("Created from").fill((date.today() - timedelta(days=2)).isoformat())
    expect(page.locator("#page-range")).to_have_text("1–10 of 12")

    # cancel the newest job; the list shows it as cancelled
    newest = page.locator(f'tr[data-job-id="{newest_first[0]}"]')
    newest.get_by_role("button", name="Cancel").click()
    expect(newest).to_have_attribute("data-status", "CANCELLED")
    expect(newest.get_by_role("button", name="Cancel")).to_have_count(0)
    assert http.get(f"/api/v2/extract/{newest_first[0]}").json()["status"] == "CANCELLED"

    # deleting a pending job is refused (409): the server's reason is shown, nothing disappears
    pending = page.locator(f'tr[data-job-id="{newest_first[1]}"]')
    pending.get_by_role("button", name="Delete").click()
    page.locator("#confirm-ok").click()
    expect(page.locator("#jobs-message")).to_contain_text("Cannot delete:")
    expect(page.locator("#jobs-message")).to_contain_text("cancel")
    expect(pending).to_be_visible()

    # the cancelled one can be deleted
    newest.get_by_role("button", name="Delete").click()
    page.locator("#confirm-ok").click()
    expect(newest).to_have_count(0)
    expect(page.locator("#page-range")).to_have_text("1–10 of 11")
    shoot(page, "06-jobs-after-cancel")

    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "07-jobs-phone")
    page.context.close()


def test_save_a_configuration_and_start_jobs_with_it(browser: Browser, ui_server: LiveServer) -> None:
    page = open_page(browser, ui_server)
    page.goto(ui_server.base_url + "/#/new")
    page.locator("#file-input").set_input_files(
        [{"name": f"inv-{i}.pdf", "mimeType": "application/pdf", "buffer": invoice_pdf(f"INV-{i}")}
         for i in range(2)])
    expect(page.locator('.upload[data-status="ready"]')).to_have_count(2)
    page.locator("#schema").fill(json.dumps(INVOICE_SCHEMA))
    expect(page.locator("#schema-status")).to_contain_text("Valid schema")
    page.get_by_label("Save as configuration").fill("Invoices")
    page.locator("#save-config").click()
    expect(page.locator("#config-select option:checked")).to_have_text("Invoices")
    config_id = page.locator("#config-select").input_value()
    assert config_id.startswith("cfg-")
    saved = ui_server.http().get(f"/api/v1/beta/configurations/{config_id}").json()
    assert saved["parameters"]["data_schema"] == INVOICE_SCHEMA
    assert saved["parameters"]["cite_sources"] is True

    page.locator("#start").click()
    expect(page).to_have_url(ui_server.base_url + "/#/jobs")
    page.get_by_label("Configuration").select_option(label="Invoices")
    rows = page.locator("#jobs-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.locator('td[data-label="Configuration"]')).to_have_text(["Invoices", "Invoices"])
    jobs = ui_server.http().get("/api/v2/extract", params={"configuration_id": config_id}).json()["items"]
    assert len(jobs) == 2

    # editing the schema switches back to an inline configuration
    page.goto(ui_server.base_url + "/#/new")
    page.locator("#config-select").select_option(config_id)
    expect(page.locator("#config-help")).to_contain_text("Jobs will reference")
    page.locator("#schema").press("End")
    page.locator("#schema").type(" ")
    expect(page.locator("#config-select")).to_have_value("")
    page.context.close()


def test_split_a_bundle_and_see_its_documents_as_coloured_page_ranges(browser: Browser,
                                                                      ui_server: LiveServer) -> None:
    from tests.documents import CONTRACT, CONTRACT_MORE, INVOICE, RECIPE, pdf

    page = open_page(browser, ui_server)
    page.goto(ui_server.base_url + "/#/sort")
    expect(page.get_by_role("heading", name="Classify & split")).to_be_visible()
    bundle = pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
                 ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))
    page.locator("#sort-file").set_input_files([{"name": "bundle.pdf", "mimeType": "application/pdf",
                                                  "buffer": bundle}])
    page.locator("#sort-start").click()
    segments = page.locator(".bundle .segment")
    expect(segments).to_have_count(3)
    assert [segments.nth(i).get_attribute("data-category") for i in range(3)] == [
        "invoice", "uncategorized", "contract"]
    assert segments.nth(2).get_attribute("data-pages") == "3,4"
    colours = [segments.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in (0, 2)]
    assert colours[0] != colours[1]  # each kind its own colour
    expect(page.locator("#segments tbody tr").nth(2)).to_contain_text("3–4")
    shoot(page, "07-split")

    page.locator("#sort-mode").select_option("classify")
    expect(page.locator("#uncategorized")).to_be_hidden()
    page.locator("#sort-file").set_input_files([{"name": "invoice.pdf", "mimeType": "application/pdf",
                                                  "buffer": pdf(("INVOICE", INVOICE, None))}])
    page.locator("#sort-start").click()
    expect(page.locator("#classification h2")).to_have_text("Kind: invoice")
    expect(page.locator("#classification .reasoning")).to_contain_text("Page 1")


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def _fits(page: Page) -> None:
    """No sideways scrolling; the line-items table and its confidence badges inside the fields pane."""
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    pane = page.locator(".fields-pane").bounding_box()
    table = page.locator(".array-table").bounding_box()
    assert pane is not None
    assert table is not None
    assert table["x"] >= pane["x"]
    assert table["x"] + table["width"] <= pane["x"] + pane["width"] + 0.5
    clipped = page.locator(".array-table .cell-btn").evaluate_all(
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert clipped == 0
    scroller = page.locator(".table-scroll")
    assert scroller.evaluate("s => s.scrollWidth <= s.clientWidth + 1"), "the table scrolls inside its card"


@pytest.mark.parametrize("width", [1400, 420])
def test_the_result_fits_its_cards_with_a_wide_table(browser: Browser, ui_server: LiveServer, width: int) -> None:
    """The example purchase order (a 6-column items table): nothing overflows, at a desktop width and a phone's.
    A required field not found is flagged, "Review first" names fields as the list does, and the callout on
    the page never covers the next line. At 1400 px it regenerates the README's screenshot."""
    file_id = upload(ui_server, "purchase_order.pdf", (EXAMPLES / "purchase_order.pdf").read_bytes())
    schema = json.loads((EXAMPLES / "purchase_order.schema.json").read_text())
    schema["properties"]["payment_terms"] = {"type": "string", "description": "When payment is due"}
    schema["required"] = ["po_number", "payment_terms"]
    job = ui_server.http().post("/api/v2/extract", json={"file_input": file_id, "configuration": {
        "data_schema": schema, "cite_sources": True, "confidence_scores": True}}).json()
    page = open_page(browser, ui_server, width=width, height=900)
    page.goto(f"{ui_server.base_url}/#/jobs/{job['id']}")
    expect(page.get_by_role("heading", name="purchase_order.pdf")).to_be_visible(timeout=pace.seconds(60) * 1000)
    expect(page.locator(".array-table")).to_be_visible()
    _fits(page)

    # a required field not found: the job is not a plain green success, and the field is flagged
    expect(page.locator(".result-head .status")).to_have_class(re.compile("status-warned"))
    expect(page.locator('#warnings [data-code="required_fields_missing"]')).to_contain_text("payment_terms")
    expect(page.locator('.tree [data-path="payment_terms"] .required-missing')).to_be_visible()
    expect(page.locator('.tree [data-path="po_number"] .required-missing')).to_have_count(0)

    review = page.locator('#review [data-path="payment_terms"] .field-key')
    expect(review).to_have_text("Payment terms")  # a label, as in the list, not the raw key

    page.locator('.tree [data-path="vendor"]').click()
    box = page.locator('.box.active[data-path="vendor"]').first
    expect(box).to_be_visible()
    callout = page.locator(".callout").bounding_box()
    drawn = box.bounding_box()
    assert callout is not None
    assert drawn is not None
    assert callout["y"] + callout["height"] <= drawn["y"] + 0.5, "the callout sits above the value, off the next line"
    _fits(page)
    shoot(page, f"05-result-{width}")
    if width == 1400 and os.environ.get("ASSAY_GEN_SCREENSHOT"):  # regenerate the README's picture
        page.locator('.tree [data-path="po_number"]').click()
        page.screenshot(path=str(README_SCREENSHOT))
    page.context.close()
