"""The Layouts page: the project's remembered layouts, each field's places, forgetting one (Playwright, Chromium)."""

from __future__ import annotations

from tests.api.test_layouts_api import SCHEMA, sender_form
from tests.conftest import LiveServer
from tests.web.browser import open_page, shoot
from tests.web.test_ui import Browser, expect, ui_server, upload  # noqa: F401 (ui_server: a fixture)


def test_see_a_remembered_layout_and_forget_it(browser: Browser, ui_server: LiveServer) -> None:  # noqa: F811
    client = ui_server.sdk()
    file_id = upload(ui_server, "note.pdf", sender_form("QPM/7731-B", "Harbourside Trading", [40.0]))
    job = client.extract.run(file_input=file_id, polling_interval=0.1, configuration={"data_schema": SCHEMA})
    accepted = {"reference": "QPM/7731-B", "customer": "Harbourside Trading", "payable": 52.0}
    layout = ui_server.http().post("/api/v1/layouts", json={"job_id": job.id, "result": accepted}).json()

    page = open_page(browser, ui_server)
    page.goto(ui_server.base_url + "/#/layouts")
    expect(page.locator('[data-nav="layouts"]')).to_have_attribute("aria-current", "page")
    row = page.locator(f'#layouts-table tr[data-id="{layout["id"]}"]')
    expect(row).to_contain_text("Quillfeather Paper Mills")
    expect(row.locator("td").nth(1)).to_have_text("3")
    row.locator("[data-show]").click()
    fields = page.locator("#layout-fields")
    expect(fields).to_contain_text("reference")
    expect(fields).to_contain_text("ctl")
    expect(fields).to_contain_text("1 of 1")
    shoot(page, "layouts")

    row.locator("[data-delete]").click()
    page.locator("#confirm-ok").click()
    expect(page.locator("#layouts-empty")).to_be_visible()
    assert ui_server.http().get(f"/api/v1/layouts/{layout['id']}").status_code == 404
