"""Honest outcomes: a document without readable text, or with a garbage text layer, and a required field
not found each give the job a warning, and a garbage text layer never reports parsing_confidence 1.0."""

from __future__ import annotations

import pytest

from assay import local
from assay.pipeline import confidence as C
from assay.pipeline.outcome import _readable
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, broken_page_pdf, tiny_pdf

LINES = ["Invoice number INV-1042", "Date 12 March 2026", "Vendor Acme Office Supplies Ltd",
         "Description Quantity Amount", "Printer paper 4 20.00", "Blue ink cartridges 2 30.00", "Total due 60.00",
         "Payment within thirty days to the account below"]


def _shifted(line: str) -> str:
    """What a font with a shifted encoding gives back: every letter one further in the alphabet."""
    return "".join(chr((ord(c) - base + 1) % 26 + base) if c.isascii() and c.isalpha() else c
                   for c in line for base in [ord("a") if c.islower() else ord("A")])


def _offset(line: str) -> str:
    """A subset font whose codes sit 29 below the letters' ('Invoice' → ',QYRLFH')."""
    return "".join(chr(ord(c) - 29) if c.isalpha() else c for c in line)


SCHEMA = {**INVOICE_SCHEMA, "required": ["invoice_number", "total"]}


def _warnings(result: local.Result) -> dict[str, dict]:
    return {w["code"]: w for w in result.warnings}


def test_a_readable_invoice_has_no_warning() -> None:
    result = local.extract(tiny_pdf(*LINES), SCHEMA, filename="i.pdf", confidence_scores=True)
    assert result.result["invoice_number"] == "INV-1042"
    assert result.warnings == []
    assert result.metadata["document_metadata"]["invoice_number"]["parsing_confidence"] == 1.0


@pytest.mark.parametrize("garble", [_shifted, _offset], ids=["shifted_letters", "offset_codes"])
def test_a_garbage_text_layer_is_flagged_and_lowers_parsing_confidence(garble) -> None:  # type: ignore[no-untyped-def]
    result = local.extract(tiny_pdf(*map(garble, LINES)), SCHEMA, filename="g.pdf", confidence_scores=True)
    warning = _warnings(result)["unreadable_text"]
    assert "text layer" in warning["message"]
    entries = result.metadata["document_metadata"]
    assert all(e["parsing_confidence"] < 0.8 for k, e in entries.items() if k != "line_items")


def test_a_document_without_words_is_flagged() -> None:
    result = local.extract(tiny_pdf(), SCHEMA, filename="blank.pdf", confidence_scores=True)
    assert "no_readable_text" in _warnings(result)
    assert result.metadata["document_metadata"]["total"]["parsing_confidence"] == 0.0


def test_required_fields_not_found_are_listed() -> None:
    schema = {"type": "object", "required": ["invoice_number", "total_amount_due", "vendor"],
              "properties": {"invoice_number": {"type": "string"}, "total_amount_due": {"type": "number"},
                             "vendor": {"type": "object", "required": ["tax_id"],
                                        "properties": {"name": {"type": "string"}, "tax_id": {"type": "string"}}}}}
    result = local.extract(tiny_pdf("Invoice number INV-9", "Vendor name Acme Ltd"), schema, filename="i.pdf")
    missing = _warnings(result)["required_fields_missing"]
    assert "total_amount_due" in missing["fields"]
    assert "invoice_number" not in missing["fields"]
    assert "total_amount_due" in missing["message"]


def test_words_are_judged_by_their_shape_not_a_word_list() -> None:
    for word in ["Rechnung", "Zahlungsbedingungen", "sprzedawca", "Kowalski", "McDonald", "HST", "INV-1042",
                 "Straße", "Москва", "日本語", "(Supplier)"]:
        assert _readable(word), word
    for word in ["Jowpjdf", "QYRLFH", "hFkQzT", "xkcvbt", "Ÿ¼ÍÆ", "\ue001\ue002", "Inv\ufffdice"]:
        assert _readable(word) is False, word
    assert _readable("—") is None
    assert _readable("20.00") is None


def test_confidence_follows_the_evidence_within_one_calibration_step() -> None:
    """Two values whose features differ got one figure when their raw scores fell on the same step of
    the isotonic table (a DOCX contract: every value 0.877); the rate is interpolated between steps' middles."""
    table = C._MODEL["isotonic"]
    (lo, _), (hi, _) = table[2], table[3]
    inside = [lo + (hi - lo) * t for t in (0.25, 0.5, 0.75)]
    figures = [C.calibrate(raw) for raw in inside]
    assert figures == sorted(figures)
    assert len(set(figures)) == 3
    assert C.calibrate((lo + hi) / 2) == round(table[3][1], 4)


def test_the_job_carries_the_warnings(server: LiveServer) -> None:
    client = server.sdk()
    file_id = client.files.create(file=("g.pdf", tiny_pdf(*map(_shifted, LINES)), "application/pdf"),
                                  purpose="extract").id
    job = client.extract.run(file_input=file_id, polling_interval=0.1,
                             configuration={"data_schema": SCHEMA, "confidence_scores": True})
    assert job.status == "COMPLETED"
    codes = [w["code"] for w in job.warnings]  # type: ignore[attr-defined]
    assert "unreadable_text" in codes
    assert "warnings" not in (job.extract_metadata.model_extra or {})
    entry = job.extract_metadata.field_metadata.document_metadata["invoice_number"]
    assert entry["parsing_confidence"] < 1.0
    clean = client.files.create(file=("i.pdf", tiny_pdf(*LINES), "application/pdf"), purpose="extract").id
    assert client.extract.run(file_input=clean, polling_interval=0.1,
                              configuration={"data_schema": SCHEMA}).warnings == []  # type: ignore[attr-defined]


def test_a_page_that_fails_is_a_warning_with_its_number_and_reason() -> None:
    result = local.extract(broken_page_pdf(*LINES), SCHEMA, filename="i.pdf")
    assert result.result["invoice_number"] == "INV-1042"  # the other pages are still read
    lost = _warnings(result)["pages_not_read"]
    assert [p["page_number"] for p in lost["pages"]] == [2]
    assert "could not be loaded" in lost["pages"][0]["error"]
    assert "page 2" in lost["message"]
    assert (result.usage["num_pages_read"], result.usage["num_pages_lost"]) == (1, 1)


def test_the_job_counts_the_pages_read_and_lost(server: LiveServer) -> None:
    client = server.sdk()
    file_id = client.files.create(file=("b.pdf", broken_page_pdf(*LINES), "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, polling_interval=0.1, configuration={"data_schema": SCHEMA})
    assert job.status == "COMPLETED"
    warning = next(w for w in job.warnings if w["code"] == "pages_not_read")  # type: ignore[attr-defined]
    assert warning["pages"][0]["page_number"] == 2
    usage = client.extract.get(job.id, expand=["metadata"]).metadata.usage
    assert usage.num_pages_extracted == 2
    assert (usage.model_extra or {}).get("num_pages_read") == 1
    assert (usage.model_extra or {}).get("num_pages_lost") == 1
