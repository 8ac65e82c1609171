"""What a newcomer trips on in the `assay` command: folders, empty files, confidence in tables, readable
help, a 401 that names the key's variable, and `keys` commands run from the wrong folder."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from assay import cli
from assay.cli import app
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf

runner = CliRunner()


def test_extract_runs_every_document_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "more").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(invoice_pdf("INV-1"))
    (folder / "more" / "b.pdf").write_bytes(invoice_pdf("INV-2", rows=2))
    (folder / ".hidden.pdf").write_bytes(b"not a document")
    (folder / "a.expected.json").write_text("{}")  # beside documents, as in examples/: not a document
    (folder / "make.py").write_text("print()")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(INVOICE_SCHEMA))
    result = runner.invoke(app, ["extract", str(folder), "-s", str(schema), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(Path(r["file"]).name, r["result"]["invoice_number"]) for r in records] == [("a.pdf", "INV-1"),
                                                                                         ("b.pdf", "INV-2")]
    missing = runner.invoke(app, ["extract", str(tmp_path / "nowhere"), "-s", str(schema)])
    assert missing.exit_code == 2
    assert "No such file or folder" in missing.output


def test_an_empty_file_is_refused_with_the_servers_code(api_server: LiveServer, tmp_path: Path) -> None:
    refused = api_server.http().post("/api/v1/beta/files", data={"purpose": "extract"},
                                     files={"file": ("empty.pdf", b"")})
    assert refused.status_code == 400
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty), "-s", json.dumps(INVOICE_SCHEMA), "--format", "json"])
    assert result.exit_code == 2, result.output
    record = json.loads(result.stdout)
    assert "empty" in record["error"]
    assert record["code"] == refused.json()["code"] == "invalid_request"


def test_confidence_is_shown_in_terminal_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "a.pdf"
    document.write_bytes(invoice_pdf("INV-7"))
    screen = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, width=200, color_system=None))
    result = runner.invoke(app, ["extract", str(document), "-s", json.dumps(INVOICE_SCHEMA), "--confidence"])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    header = next(line for line in shown.splitlines() if "field" in line and "value" in line)
    assert "confidence" in header
    row = next(line for line in shown.splitlines() if "INV-7" in line)
    assert "%" in row
    assert shown.count("%") >= 6  # the line items' cells too


def test_help_names_values_and_keeps_the_environment_hints() -> None:
    extract = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "160"})
    assert "<bool>" not in extract.output
    assert "<str>" not in extract.output
    assert "<int" not in extract.output
    assert "SCHEMA" in extract.output
    assert "FORMAT" in extract.output
    remote = runner.invoke(app, ["jobs", "list", "--help"], env={"COLUMNS": "200"})
    assert "[env: ASSAY_BASE_URL" in remote.output
    assert "[env: ASSAY_API_KEY" in remote.output
    serve = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "ASSAY_PORT" in serve.output
    assert "<int>" not in serve.output


def test_a_refused_key_names_the_variable(api_server: LiveServer) -> None:
    denied = runner.invoke(app, ["jobs", "list", "--base-url", api_server.base_url, "--api-key", "llx-wrong"])
    assert denied.exit_code == 2
    assert "401" in denied.output
    assert "ASSAY_API_KEY" in denied.output


def test_keys_commands_do_not_make_an_empty_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in [k for k in os.environ if k.startswith("ASSAY_")]:
        monkeypatch.delenv(name)
    for command in (["keys", "list"], ["keys", "revoke", "key-1"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert str(tmp_path / ".assay") in result.output.replace("\n", "")
        assert "ASSAY_HOME" in result.output
    assert not (tmp_path / ".assay").exists()
