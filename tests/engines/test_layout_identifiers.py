"""Identifiers read by their published shape and check digits: VAT numbers, ABNs, EINs, IBANs, BICs."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from assay.domain.document import Box, Word
from assay.domain.options import ExtractOptions
from assay.engines.layout.identifiers import find
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

TEXT = {"type": ["string", "null"]}


def _pdf(lines: list[tuple[str, float, float]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 10)
    for text, x, y in lines:
        c.drawString(x, A4[1] - y, text)
    c.save()
    return buf.getvalue()


def _run(lines: list[tuple[str, float, float]], properties: dict) -> tuple[dict, dict, list[Word]]:
    doc = parse_document(_pdf(lines), filename="invoice.pdf")
    schema = {"type": "object", "title": "Invoice", "properties": properties}
    out = extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    return out.result, out.field_metadata["document_metadata"], doc.pages[0].words


def _cites_from_to(meta: dict, words: list[Word], first: str, last: str) -> bool:
    """The citation's boxes run from the word `first` to the word `last` (a line's boxes come merged)."""
    boxes = [b for c in meta["citation"] for b in c["bounding_boxes"]]
    end = next(w for w in words if w.text == last).box
    start = next(w for w in words if w.text == first and w.box.y == end.y).box
    return (min(b["x"] for b in boxes) == pytest.approx(start.x, abs=0.5)
            and max(b["x"] + b["w"] for b in boxes) == pytest.approx(end.right, abs=0.5))


def _words(text: str) -> list[Word]:
    return [Word(t, Box(10.0 * i, 0, 8, 8)) for i, t in enumerate(text.split())]


@pytest.mark.parametrize(("printed", "kind", "valid"), [
    ("GB82 WEST 1234 5698 7654 32", "iban", True),
    ("DE89370400440532013000", "iban", True),
    ("DE00 0682 6400 1271 7012 55", "iban", False),
    ("DE 136 695 976", "tax", True),
    ("ATU13585627", "tax", True),
    ("NL004495445B01", "tax", True),
    ("GB 980 7806 84", "tax", True),
    ("CHE-116.281.710 MWST", "tax", True),
    ("IE6388047V", "tax", True),
    ("FR40303265045", "tax", True),
    ("27AAPFU0939F1ZV", "tax", True),
    ("123456782 RT0001", "tax", True),
    ("51 824 753 556", "tax", True),
    ("51 824 753 557", "tax", False),
])
def test_shapes_and_check_digits(printed: str, kind: str, valid: bool) -> None:
    found = find(_words(printed))
    assert [(m.text, kind in m.kinds(), m.valid({kind})) for m in found] == [(printed, True, valid)]


def test_no_identifier_in_ordinary_words() -> None:
    # a street line is no GSTIN, "No 123456789" no Norwegian number, a date no identifier at all
    assert find(_words("261 Natalie Plaza Suite 464")) == []
    assert all(m.text == "123456789" for m in find(_words("Invoice No 123456789")))
    assert find(_words("Date 21.01.2025")) == []


def test_iban_printed_in_groups_is_read_whole_and_cited_with_all_its_words() -> None:
    result, meta, words = _run([
        ("Northwind Supplies Ltd", 50, 50),
        ("Invoice No.: INV-7731", 50, 70),
        ("Payment details", 50, 400),
        ("IBAN: GB82 WEST 1234 5698 7654 32", 50, 416),
        ("SWIFT: NWBKGB2L", 50, 432),
        ("Account holder: Northwind Supplies Ltd", 50, 448),
    ], {"invoice_number": {"type": "string"}, "iban": TEXT, "bic": TEXT})
    assert result["iban"] == "GB82 WEST 1234 5698 7654 32"
    assert _cites_from_to(meta["iban"], words, "GB82", "32")
    assert result["bic"] == "NWBKGB2L"


def test_an_account_number_field_reads_the_iban_not_the_label_beside_it() -> None:
    result, _meta, _words = _run([
        ("Harbour Building Society", 50, 50),
        ("Statement of Account", 50, 70),
        ("Account Holder", 50, 90), ("Account: AT61 1904 3002 3457 3201", 200, 90),
        ("JANE DOE", 50, 106),
    ], {"account_holder": TEXT, "account_number": {"type": "string", "description": "Account number as printed."}})
    assert result["account_number"] == "AT61 1904 3002 3457 3201"


def test_an_abn_whose_check_fails_loses_to_one_whose_check_passes() -> None:
    result, meta, words = _run([
        ("Tax Invoice", 50, 50),
        ("Kookaburra Trading Pty Ltd", 50, 70),
        ("Supplier ABN: 51 824 753 557", 50, 86),
        ("12 Wattle Street, Perth WA 6000", 50, 102),
        ("Total: $120.00", 50, 300),
        ("Kookaburra Trading Pty Ltd   ABN 51 824 753 556", 50, 700),
    ], {"supplier_abn": {"type": ["string", "null"], "description": "The supplier's Australian Business Number."},
        "total": {"type": "number"}})
    assert result["supplier_abn"] == "51 824 753 556"
    assert _cites_from_to(meta["supplier_abn"], words, "51", "556")


def test_a_vat_number_under_an_unknown_label_is_found_by_its_shape() -> None:
    result, meta, words = _run([
        ("Brandt Maschinenbau GmbH", 50, 50),
        ("Hauptstrasse 5, 10115 Berlin", 50, 66),
        ("Umsatzsteuer-Identifikationsnummer DE 136 695 976", 50, 82),
        ("Invoice No.: RE-2025-118", 50, 120),
    ], {"invoice_number": {"type": "string"},
        "seller_id": {"type": ["string", "null"], "description": "The seller's VAT number."}})
    assert result["seller_id"] == "DE 136 695 976"
    assert _cites_from_to(meta["seller_id"], words, "DE", "976")


def test_a_labelled_reading_is_cut_to_the_identifier_it_holds() -> None:
    result, _meta, _words = _run([
        ("Mensah & MacLeod Corp.", 50, 50),
        ("Albany, NY 12234", 50, 66),
        ("Tax ID No. 46-7771364", 50, 82),
    ], {"vendor": {"type": "object", "properties": {
        "name": {"type": "string"},
        "tax_id": {"type": ["string", "null"], "description": "Vendor's VAT / tax registration number."}}}})
    assert result["vendor"]["tax_id"] == "46-7771364"


def test_a_register_number_and_a_vat_number_each_fill_their_own_field() -> None:
    register = {"type": ["string", "null"], "description": "The company's commercial register number."}
    result, _meta, _words = _run([
        ("Brandt Maschinenbau GmbH", 50, 50),
        ("Rechnung Nr. RE-2025-118", 50, 70),
        ("Amtsgericht München HRB 123456", 50, 780), ("USt-IdNr. DE136695976", 300, 780),
    ], {"vat_id": TEXT, "register_number": register})
    assert result == {"vat_id": "DE136695976", "register_number": "HRB 123456"}
    result, _meta, _words = _run([
        ("Thistle Joinery Ltd", 50, 50),
        ("Invoice 2291", 50, 70),
        ("Registered in England and Wales No. 01234567", 50, 780), ("VAT Reg No. GB 980 7806 84", 50, 796),
    ], {"vat_number": TEXT, "company_number": register})
    assert result == {"vat_number": "GB 980 7806 84", "company_number": "01234567"}


def test_an_identifier_under_its_column_header_is_labelled_by_it() -> None:
    result, _meta, _words = _run([
        ("Harbour Freight Co.", 50, 40),
        ("INVOICE #", 50, 80), ("DATE", 200, 80), ("TAX ID", 350, 80),
        ("SI-98037", 50, 96), ("Mar 26, 2025", 200, 96), ("25-3979021", 350, 96),
    ], {"invoice_number": {"type": "string"}, "ein": {"type": ["string", "null"], "description": "Employer ID."}})
    assert result["ein"] == "25-3979021"


def test_a_receipt_s_registration_numbers_by_their_labels() -> None:
    result, _meta, _words = _run([
        ("SYARIKAT PERNIAGAAN GIN KEE", 50, 40),
        ("CO REG : 933109-X", 50, 56),
        ("GST ID : 001019043840", 50, 72),
        ("TOTAL 12.50", 50, 200),
    ], {"company_reg_no": TEXT, "gst_id": TEXT, "total": {"type": "number"}})
    assert result == {"company_reg_no": "933109-X", "gst_id": "001019043840", "total": 12.5}
