"""`assay classify` and `assay split` on real PDFs, in this process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assay.cli import app
from tests.documents import CONTRACT, CONTRACT_MORE, INVOICE, RECIPE, pdf

runner = CliRunner()
RULES = ["--rule", "invoice=A bill from a supplier requesting payment for goods or services",
         "--rule", "contract=A service agreement between two parties setting out terms"]
CATEGORIES = [arg.replace("--rule", "--category") for arg in RULES]


def test_classify_a_folder_prints_each_type_as_json(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(pdf(("INVOICE", INVOICE, None)))
    (folder / "b.pdf").write_bytes(pdf(("SERVICES AGREEMENT", CONTRACT, None)))
    (folder / "c.pdf").write_bytes(pdf(("Lemon Drizzle Cake", RECIPE, None)))
    result = runner.invoke(app, ["classify", str(folder), *RULES])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(Path(r["file"]).name, r["type"]) for r in records] == [("a.pdf", "invoice"), ("b.pdf", "contract"),
                                                                    ("c.pdf", None)]
    assert all(0 <= r["confidence"] <= 1 for r in records)
    assert "Page 1" in records[0]["reasoning"]


def test_split_writes_segments_and_reports_bad_input(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
                           ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None)))
    out = tmp_path / "segments.json"
    result = runner.invoke(app, ["split", str(bundle), *CATEGORIES, "--uncategorized", "omit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    segments = json.loads(out.read_text())[0]["segments"]
    assert [(s["category"], s["pages"]) for s in segments] == [("invoice", [1]), ("contract", [3, 4])]

    refused = runner.invoke(app, ["split", str(bundle), *CATEGORIES, "--uncategorized", "maybe"])
    assert refused.exit_code == 2
    assert "include, omit or forbid" in refused.output
    missing = runner.invoke(app, ["classify", str(tmp_path / "nope.pdf"), *RULES])
    assert missing.exit_code == 2
    no_name = runner.invoke(app, ["classify", str(bundle), "--rule", "=no type"])
    assert no_name.exit_code == 2


def test_the_python_api_classifies_and_splits_in_process() -> None:
    import assay
    from assay.domain.classification import Category, Rule

    invoice = pdf(("INVOICE", INVOICE, None))
    assert assay.classify(invoice, [Rule("invoice", "A bill from a supplier"), Rule("contract", "An agreement")],
                          filename="i.pdf").type == "invoice"
    segments = assay.split(pdf(("INVOICE", INVOICE, None), ("SERVICES AGREEMENT", CONTRACT, None)),
                           [Category("invoice", "A bill from a supplier"), Category("contract", "An agreement")])
    assert [(s.category, s.pages) for s in segments] == [("invoice", (1,)), ("contract", (2,))]
