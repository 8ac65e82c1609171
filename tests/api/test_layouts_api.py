"""Layout memory over HTTP: a reviewed extract job teaches its layout, the next document of that layout is
read where the reviewed one printed each value; layouts are listed, inspected, deleted, per project."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.conftest import LiveServer

SCHEMA = {"type": "object", "properties": {
    "reference": {"type": "string", "description": "The document's reference"},
    "customer": {"type": "string", "description": "Who the goods are for"},
    "payable": {"type": "number", "description": "Amount payable"},
}}


def sender_form(reference: str, customer: str, amounts: list[float]) -> bytes:
    """One sender's consignment note: cryptic labels ('Ctl', 'Consignee', 'Gross'), a table of any length."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 730, "Quillfeather Paper Mills")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 714, "Unit Four, Tannery Lane, Bristol")
    pdf.drawString(400, 690, "Ctl")
    pdf.drawString(440, 690, reference)
    pdf.drawString(400, 674, "Sheet of record")
    pdf.drawString(72, 650, "Consignee")
    pdf.drawString(72, 636, customer)
    y = 600
    for x, head in ((72, "Article"), (300, "Reams"), (470, "Value")):
        pdf.drawString(x, y, head)
    for i, amount in enumerate(amounts):
        y -= 16
        pdf.drawString(72, y, f"Laid paper grade {chr(65 + i)}")
        pdf.drawString(300, y, str(i + 2))
        pdf.drawRightString(520, y, f"{amount:,.2f}")
    pdf.drawString(400, y - 30, "Carriage")
    pdf.drawRightString(520, y - 30, "12.00")
    pdf.drawString(400, y - 46, "Gross")
    pdf.drawRightString(520, y - 46, f"{sum(amounts) + 12:,.2f}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _extract(live: LiveServer, data: bytes):  # type: ignore[no-untyped-def]
    client = live.sdk()
    file_id = client.files.create(file=("note.pdf", data, "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, polling_interval=0.1, configuration={
        "data_schema": SCHEMA, "cite_sources": True, "confidence_scores": True})
    assert job.status == "COMPLETED", job.error_message
    return client.extract.get(job.id, expand=["extract_metadata"])


def test_a_reviewed_job_teaches_its_layout_to_the_next_documents(server: LiveServer) -> None:
    first = _extract(server, sender_form("QPM/7731-B", "Harbourside Trading", [40.0, 55.5]))
    truth = {"reference": "QPM/7731-B", "customer": "Harbourside Trading", "payable": 107.5}
    assert first.extract_result != truth  # the engine alone misreads this sender's form
    http = server.http()
    taught = http.post("/api/v1/layouts", json={"job_id": first.id, "result": truth})
    assert taught.status_code == 201, taught.text
    layout = taught.json()
    assert layout["examples"] == [first.id]
    assert set(layout["fields"]) == set(truth)
    assert layout["fields"]["reference"][0]["anchors"][0] == "ctl"

    second = _extract(server, sender_form("QPM/9902-A", "Ironbark Engineering Co", [12.0, 30.0, 8.25, 99.0]))
    assert second.extract_result == {"reference": "QPM/9902-A", "customer": "Ironbark Engineering Co",
                                     "payable": 161.25}
    meta = second.extract_metadata.field_metadata.document_metadata
    for name in truth:
        assert meta[name]["source"] == "layout_memory"
        assert meta[name]["layout_id"] == layout["id"]
        assert meta[name]["example_id"] == first.id
        assert meta[name]["grounding"] == "exact"
        assert meta[name]["citation"][0]["page"] == 1
        assert 0.5 < meta[name]["confidence"] <= 0.99

    # a second review of the same layout updates it: each place was right once more
    again = http.post("/api/v1/layouts", json={"job_id": second.id, "result": second.extract_result}).json()
    assert again["id"] == layout["id"]
    assert again["examples"] == [first.id, second.id]
    assert again["fields"]["reference"][0]["seen"] == 2
    assert again["fields"]["reference"][0]["right"] == 2
    listed = http.get("/api/v1/layouts").json()["items"]
    assert [item["id"] for item in listed] == [layout["id"]]
    assert http.get(f"/api/v1/layouts/{layout['id']}").json()["name"].startswith("Quillfeather Paper Mills")

    assert http.delete(f"/api/v1/layouts/{layout['id']}").json() == {"id": layout["id"],
                                                                      "project_id": layout["project_id"]}
    assert http.get(f"/api/v1/layouts/{layout['id']}").status_code == 404
    third = _extract(server, sender_form("QPM/1200-C", "Cedar Logistics", [10.0]))
    assert "source" not in third.extract_metadata.field_metadata.document_metadata["reference"]


def test_a_document_of_another_layout_is_read_as_before(server: LiveServer) -> None:
    from tests.documents import invoice_pdf

    schema_job = _extract(server, invoice_pdf("INV-77"))
    before = schema_job.extract_result
    first = _extract(server, sender_form("QPM/7731-B", "Harbourside Trading", [40.0]))
    truth = {"reference": "QPM/7731-B", "customer": "Harbourside Trading", "payable": 52.0}
    assert server.http().post("/api/v1/layouts", json={"job_id": first.id, "result": truth}).status_code == 201
    after = _extract(server, invoice_pdf("INV-77"))
    assert after.extract_result == before
    assert all("source" not in leaf for leaf in after.extract_metadata.field_metadata.document_metadata.values())


def test_layouts_are_kept_per_project_and_bad_requests_have_codes(server: LiveServer) -> None:
    from assay.services import accounts

    first = _extract(server, sender_form("QPM/7731-B", "Harbourside Trading", [40.0]))
    http = server.http()
    made = http.post("/api/v1/layouts", json={"job_id": first.id, "result": {"reference": "QPM/7731-B"}}).json()
    with server.runtime.db.session() as session:
        other = accounts.create_project(session, "other")
        other_key, _ = accounts.create_key(session, other.id)
    theirs = server.http(api_key=other_key)
    assert theirs.get("/api/v1/layouts").json()["items"] == []
    for response in (theirs.get(f"/api/v1/layouts/{made['id']}"), theirs.delete(f"/api/v1/layouts/{made['id']}"),
                     theirs.post("/api/v1/layouts", json={"job_id": first.id, "result": {}})):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    missing = http.post("/api/v1/layouts", json={"job_id": "ext-nope", "result": {}})
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    not_object = http.post("/api/v1/layouts", json={"job_id": first.id, "result": [1]})
    assert not_object.status_code == 422
    assert http.get(f"/api/v1/layouts/{made['id']}").status_code == 200


@pytest.fixture
def waiting_job(api_server: LiveServer) -> str:
    client = api_server.sdk()
    file_id = client.files.create(file=("n.pdf", sender_form("Q", "C", [1.0]), "application/pdf"),
                                  purpose="extract").id
    return client.extract.create(file_input=file_id, configuration={"data_schema": SCHEMA}).id


def test_a_job_not_completed_cannot_be_remembered(api_server: LiveServer, waiting_job: str) -> None:
    response = api_server.http().post("/api/v1/layouts", json={"job_id": waiting_job, "result": {}})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_the_cli_remembers_lists_shows_and_deletes_layouts(server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from assay.cli import app

    first = _extract(server, sender_form("QPM/7731-B", "Harbourside Trading", [40.0]))
    accepted = tmp_path / "accepted.json"
    accepted.write_text(json.dumps({"reference": "QPM/7731-B", "customer": "Harbourside Trading", "payable": 52.0}))
    runner, auth = CliRunner(), ["--base-url", server.base_url, "--api-key", server.api_key]
    made = runner.invoke(app, ["layouts", "remember", first.id, str(accepted), *auth])
    assert made.exit_code == 0, made.output
    layout_id = made.stdout.strip()
    listed = json.loads(runner.invoke(app, ["layouts", "list", "--json", *auth]).stdout)
    assert [item["id"] for item in listed] == [layout_id]
    shown = json.loads(runner.invoke(app, ["layouts", "show", layout_id, *auth]).stdout)
    assert shown["fields"]["payable"][0]["anchors"][0] == "gross"
    assert runner.invoke(app, ["layouts", "delete", layout_id, *auth]).exit_code == 0
    gone = runner.invoke(app, ["layouts", "show", layout_id, *auth])
    assert gone.exit_code != 0
    assert "not found" in gone.output


def test_remember_job_works_inside_a_unit_of_work_that_already_wrote(server: LiveServer) -> None:
    """How a review's accept path calls it: after writing its own rows in the same session (on SQLite that
    session holds the write lock, which the cached parse is read beside, not behind)."""
    from assay.services import accounts, layouts

    first = _extract(server, sender_form("QPM/7731-B", "Harbourside Trading", [40.0]))
    runtime = server.runtime
    with runtime.db.session() as session:
        project = accounts.default_project(session)
        accounts.create_project(session, "written first")  # the review's own write
        principal = accounts.Principal(project.id, project.organization_id, None)
        layout = layouts.remember_job(session, runtime, principal, first.id,
                                      {"reference": "QPM/7731-B", "customer": "Harbourside Trading"})
        assert set(layout.places) == {"reference", "customer"}
    assert server.http().get(f"/api/v1/layouts/{layout.id}").status_code == 200


def test_accepting_a_review_item_teaches_its_layout(server: LiveServer) -> None:
    """The review path (issue 18) feeds layout memory: the values as corrected, on accept; undoing the accept
    takes them back."""
    client, http = server.sdk(), server.http()
    cfg = client.configurations.create(name="notes", parameters={
        "product_type": "extract_v2", "data_schema": SCHEMA, "cite_sources": True, "confidence_scores": True})
    rule = {"deployment_name": "notes", "collection": "inbox", "confidence_below": 1.0}  # every result reviewed
    assert http.put(f"/api/v1/beta/review/rules/{cfg.id}", json=rule).status_code == 200
    data = sender_form("QPM/7731-B", "Harbourside Trading", [40.0, 55.5])
    file_id = client.files.create(file=("note.pdf", data, "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, configuration_id=cfg.id, polling_interval=0.1)
    item = next(i for i in http.get("/api/v1/beta/review/items", params={"status": ""}).json()["items"]
                if i["data"]["metadata"]["job_id"] == job.id)
    truth = {"reference": "QPM/7731-B", "customer": "Harbourside Trading", "payable": 107.5}
    for path, value in truth.items():
        corrected = http.post(f"/api/v1/beta/agent-data/{item['id']}/review",
                              json={"action": "correct", "path": path, "value": value})
        assert corrected.status_code == 200, corrected.text
    assert http.get("/api/v1/layouts").json()["items"] == []  # corrections alone teach nothing yet
    accepted = http.post(f"/api/v1/beta/agent-data/{item['id']}/review", json={"action": "accept"})
    assert accepted.status_code == 200, accepted.text

    [layout] = http.get("/api/v1/layouts").json()["items"]
    assert layout["examples"] == [job.id]
    second = _extract(server, sender_form("QPM/9902-A", "Ironbark Engineering Co", [12.0, 30.0, 8.25, 99.0]))
    assert second.extract_result == {"reference": "QPM/9902-A", "customer": "Ironbark Engineering Co",
                                     "payable": 161.25}

    undone = http.post(f"/api/v1/beta/agent-data/{item['id']}/review", json={"action": "undo"})
    assert undone.status_code == 200, undone.text
    assert http.get("/api/v1/layouts").json()["items"] == []  # the accept undone: its job taught nothing
