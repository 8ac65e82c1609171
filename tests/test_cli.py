"""The `assay` command: local extraction and parsing through typer's CliRunner, and the remote
commands against a real server."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assay.cli import app
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf

runner = CliRunner()


@pytest.fixture
def invoices(tmp_path: Path) -> tuple[Path, Path, Path]:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(INVOICE_SCHEMA))
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(invoice_pdf("INV-1"))
    second.write_bytes(invoice_pdf("INV-2", rows=2))
    return schema, first, second


def test_extract_prints_json_with_citations(invoices: tuple[Path, Path, Path]) -> None:
    schema, first, _ = invoices
    result = runner.invoke(app, ["extract", str(first), "--schema", str(schema), "--citations"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["result"]["invoice_number"] == "INV-1"
    assert record["result"]["total"] == 60
    cited = record["extract_metadata"]["field_metadata"]["document_metadata"]["invoice_number"]["citation"][0]
    assert cited["page"] == 1
    assert cited["matching_text"] == "INV-1"


def test_extract_batch_in_parallel_to_jsonl_and_csv(
    invoices: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    schema, first, second = invoices
    out = tmp_path / "results.jsonl"
    result = runner.invoke(
        app, ["extract", str(first), str(second), "-s", str(schema), "-o", str(out), "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["result"]["invoice_number"] for r in lines] == ["INV-1", "INV-2"]  # in the order given
    assert "extract_metadata" not in lines[0]

    result = runner.invoke(app, ["extract", str(first), str(second), "-s", str(schema), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["invoice_number"], r["total"]) for r in rows] == [("INV-1", "60"), ("INV-2", "30")]


def test_extract_per_table_row_and_pages(tmp_path: Path) -> None:
    doc = tmp_path / "long.pdf"
    doc.write_bytes(invoice_pdf("INV-3", rows=4, pages=3))
    row_schema = {
        "type": "object",
        "properties": {
            "description": {"type": "string"},
            "quantity": {"type": "number"},
            "amount": {"type": "number"},
        },
    }
    result = runner.invoke(
        app,
        [
            "extract",
            str(doc),
            "-s",
            json.dumps(row_schema),
            "--target",
            "per_table_row",
            "--pages",
            "1-2",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["result"]
    assert [r["amount"] for r in rows] == [10, 20, 30, 40]
    assert json.loads(result.stdout)["usage"]["num_pages_extracted"] == 2


def test_extract_errors_are_one_line_with_exit_codes(
    invoices: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    schema, first, _ = invoices
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf"), "-s", str(schema)])
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"error: No such file or folder: {tmp_path / 'nope.pdf'}"

    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "array"}')
    invalid = runner.invoke(app, ["extract", str(first), "-s", str(bad)])
    assert invalid.exit_code == 2
    assert "root must be of type 'object'" in invalid.stderr
    assert "Traceback" not in invalid.output
    assert len(invalid.stderr.strip().splitlines()) == 1

    assert runner.invoke(app, ["extract", str(first), "-s", str(schema), "--backend", "gpt9"]).exit_code == 2
    assert runner.invoke(app, ["extract", str(first), "-s", str(schema), "--pages", "3-1"]).exit_code == 2

    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x00\x01\x02 not a document")
    mixed = runner.invoke(app, ["extract", str(first), str(garbage), "-s", str(schema)])
    assert mixed.exit_code == 2
    assert "garbage.bin" in mixed.stderr
    records = json.loads(mixed.stdout)
    assert records[0]["result"]["invoice_number"] == "INV-1"
    assert "error" in records[1]


def test_debug_shows_the_traceback(invoices: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, first, _ = invoices
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "array"}')
    result = runner.invoke(app, ["extract", str(first), "-s", str(bad), "--debug"])
    assert result.exit_code == 1
    assert result.exception is not None
    assert type(result.exception).__name__ == "SchemaError"


def test_parse_markdown_and_json(invoices: tuple[Path, Path, Path]) -> None:
    _, first, _ = invoices
    markdown = runner.invoke(app, ["parse", str(first)])
    assert markdown.exit_code == 0
    assert "Invoice Number: INV-1" in markdown.stdout
    assert "| Description | Quantity | Amount |" in markdown.stdout
    document = json.loads(runner.invoke(app, ["parse", str(first), "--format", "json"]).stdout)
    assert len(document["pages"]) == 1


def test_schema_generate_and_validate(invoices: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, first, _ = invoices
    out = tmp_path / "proposed.json"
    result = runner.invoke(app, ["schema", "generate", str(first), "-o", str(out)])
    assert result.exit_code == 0, result.output
    proposed = json.loads(out.read_text())
    assert {"invoice_number", "invoice_date", "total", "line_items"} <= set(proposed["properties"])
    extracted = runner.invoke(app, ["extract", str(first), "-s", str(out)])
    assert json.loads(extracted.stdout)["result"]["invoice_number"] == "INV-1"

    prompt = runner.invoke(app, ["schema", "generate", "--prompt", "the customer name, order date and total"])
    assert list(json.loads(prompt.stdout)["properties"]) == ["customer_name", "order_date", "total"]
    assert runner.invoke(app, ["schema", "generate"]).exit_code == 2

    assert runner.invoke(app, ["schema", "validate", str(out)]).stdout.startswith("ok: ")
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "object", "properties": {"a": {"type": "decimal"}, "b": {"$ref": "#/nope"}}}')
    invalid = runner.invoke(app, ["schema", "validate", str(bad)])
    assert invalid.exit_code == 2
    assert len(invalid.stderr.strip().splitlines()) == 2


def test_remote_commands(api_server: LiveServer, tmp_path: Path) -> None:
    doc = tmp_path / "invoice.pdf"
    doc.write_bytes(invoice_pdf("INV-R"))
    auth = ["--base-url", api_server.base_url, "--api-key", api_server.api_key]
    uploaded = runner.invoke(app, ["files", "upload", str(doc), *auth])
    assert uploaded.exit_code == 0, uploaded.output
    file_id, name = uploaded.stdout.strip().split("\t")
    assert file_id.startswith("dfl-")
    assert name == "invoice.pdf"

    job = api_server.sdk().extract.create(file_input=file_id, configuration={"data_schema": INVOICE_SCHEMA})
    listed = runner.invoke(app, ["jobs", "list", *auth])
    assert [j["id"] for j in json.loads(listed.stdout)] == [job.id]
    got = json.loads(runner.invoke(app, ["jobs", "get", job.id, *auth]).stdout)
    assert got["status"] == "PENDING"
    assert got["configuration"]["data_schema"] == INVOICE_SCHEMA
    cancelled = runner.invoke(app, ["jobs", "cancel", job.id, *auth])
    assert cancelled.exit_code == 0
    assert cancelled.stdout.strip() == f"{job.id} CANCELLED"

    again = runner.invoke(app, ["jobs", "cancel", job.id, *auth])
    assert again.exit_code == 1
    assert again.stderr.startswith("error: 409: ")
    unknown = runner.invoke(app, ["jobs", "get", "ext-nope", *auth])
    assert unknown.exit_code == 2
    assert "404" in unknown.stderr
    denied = runner.invoke(app, ["jobs", "list", "--base-url", api_server.base_url, "--api-key", "llx-wrong"])
    assert denied.exit_code == 2
    assert "401" in denied.stderr


def test_review_export(api_server: LiveServer, tmp_path: Path) -> None:
    http = api_server.http()
    data = {"original_data": {}, "status": "pending_review", "field_metadata": {}, "metadata": {},
            "data": {"invoice_number": "INV-E", "line_items": [{"amount": 1}, {"amount": 2}]}}
    item = http.post("/api/v1/beta/agent-data", json={"deployment_name": "d", "data": data}).json()
    assert http.post(f"/api/v1/beta/agent-data/{item['id']}/review", json={"action": "accept"}).status_code == 200
    http.post("/api/v1/beta/agent-data", json={"deployment_name": "d", "data": data})  # still pending: not exported
    auth = ["--base-url", api_server.base_url, "--api-key", api_server.api_key]
    as_json = runner.invoke(app, ["review", "export", *auth])
    assert as_json.exit_code == 0, as_json.output
    assert [(r["id"], r["data"]["invoice_number"]) for r in json.loads(as_json.stdout)] == [(item["id"], "INV-E")]
    out = tmp_path / "accepted.csv"
    as_csv = runner.invoke(app, ["review", "export", "--format", "csv", "--out", str(out), *auth])
    assert as_csv.exit_code == 0, as_csv.output
    assert out.read_text().splitlines() == ["id,file_name,invoice_number,line_items.amount",
                                            f"{item['id']},,INV-E,1", f"{item['id']},,INV-E,2"]
    lines = runner.invoke(app, ["review", "export", "-f", "jsonl", "--deployment", "other", *auth]).stdout
    assert lines == ""
    bad = runner.invoke(app, ["review", "export", "-f", "xml", *auth])
    assert bad.exit_code == 2
    assert "422" in bad.stderr


def test_remote_settings_come_from_the_environment(
    api_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASSAY_BASE_URL", raising=False)
    monkeypatch.delenv("ASSAY_API_KEY", raising=False)
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", api_server.base_url)
    monkeypatch.setenv("LLAMA_CLOUD_API_KEY", api_server.api_key)
    assert runner.invoke(app, ["jobs", "list"]).exit_code == 0
    monkeypatch.delenv("LLAMA_CLOUD_BASE_URL")
    monkeypatch.setenv("ASSAY_BASE_URL", api_server.base_url)  # the vendor key is not sent to ASSAY_BASE_URL
    assert runner.invoke(app, ["jobs", "list"]).exit_code == 2
    monkeypatch.setenv("ASSAY_API_KEY", api_server.api_key)
    assert runner.invoke(app, ["jobs", "list"]).exit_code == 0
