"""A financial statement over two pages under a two-level column header ("Three months ended | Nine months
ended" over "September 30," over the years): every line comes back with its label and its four amounts,
section headings inside the table do not end it, and "$ (1,234)" is a negative amount. Real PDFs drawn
with reportlab, read by the real parser."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from assay.domain import values
from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

RIGHTS = (360.0, 420.0, 490.0, 550.0)
KEYS = ("three_months_2026", "three_months_2025", "nine_months_2026", "nine_months_2025")
SCHEMA = {"type": "object", "properties": {
    "company": {"type": "string", "description": "Name of the reporting company"},
    "lines": {"type": "array", "items": {"type": "object", "properties": {
        "label": {"type": "string", "description": "Label of the statement line"},
        **{k: {"type": "number", "description": k.replace("_", " ")} for k in KEYS}}}}}}

PAGE_ONE = [("Revenue:",), ("Product", "$ 12,400", "$ 11,020", "$ 36,100", "$ 31,870"),
            ("Services", "5,310", "4,980", "15,775", "14,010"),
            ("Cost of revenue:",), ("Hardware components", "$ (3,150)", "$ (2,940)", "$ (9,410)", "$ (8,660)"),
            ("Hosting and support", "(1,208)", "(1,117)", "(3,590)", "(3,301)")]
PAGE_TWO = [("Operating expenses:",), ("Research and development", "2,480", "2,215", "7,330", "6,580"),
            ("Sales and marketing", "1,905", "1,870", "5,640", "5,512")]


def _page(c: canvas.Canvas, title: str, rows: list[tuple[str, ...]]) -> None:
    c.setFont("Helvetica-Bold", 11)
    c.drawCentredString(306, 740, "Northwind Harbor Holdings, Inc.")
    c.drawCentredString(306, 726, title)
    c.setFont("Helvetica-Bold", 8)
    for left, right, text in ((RIGHTS[0] - 45, RIGHTS[1], "Three months ended"),
                              (RIGHTS[2] - 45, RIGHTS[3], "Nine months ended")):
        c.drawCentredString((left + right) / 2, 690, text)
        c.drawCentredString((left + right) / 2, 679, "September 30,")
    for right, year in zip(RIGHTS, ("2026", "2025", "2026", "2025"), strict=True):
        c.drawRightString(right, 664, year)
    y = 650.0
    for row in rows:
        c.setFont("Helvetica-Bold" if len(row) == 1 else "Helvetica", 8)
        c.drawString(54 if len(row) == 1 else 64, y, row[0])
        for right, amount in zip(RIGHTS, row[1:], strict=False):
            sign, _, figure = amount.rpartition(" ")
            c.drawRightString(right, y, figure)
            if sign:
                c.drawString(right - 48, y, sign)
        y -= 10.5
    c.showPage()


def _statement() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    _page(c, "Condensed Consolidated Statements of Operations", PAGE_ONE)
    _page(c, "Condensed Consolidated Statements of Operations (continued)", PAGE_TWO)
    c.save()
    return buf.getvalue()


def test_a_statement_under_a_two_level_header_comes_back_line_by_line_over_both_pages() -> None:
    doc = parse_document(_statement(), filename="statement.pdf")
    got = extract_document(doc, ExtractOptions(SCHEMA)).result["lines"]
    want = [(row[0], *(values.parse_number(a) for a in row[1:])) for row in PAGE_ONE + PAGE_TWO if len(row) > 1]
    assert [(r["label"], *(r[k] for k in KEYS)) for r in got] == want


def test_a_currency_sign_before_brackets_is_a_negative_amount() -> None:
    assert values.parse_number("$ (3,150)") == -3150.0
    assert values.parse_number("(12.00) EUR") == -12.0
