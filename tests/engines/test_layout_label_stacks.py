"""A stack of labels each over its value in one column, no colons ("Worker" over "Maja Eriksson" over "Staff
number" over "E-4471"): each label's value is the phrase under it, also where only one label of the stack is
one the synonym table knows; the stack's other labels are read by meaning, as a strip of labels side by side
is. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "title": "Payslip", "properties": {
    "employer_name": {"type": "string", "description": "Name of the employer."},
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "employee_id": {"type": ["string", "null"], "description": "Employee / payroll / staff number."},
    "pay_date": {"type": "string", "format": "date", "description": "Date the pay was paid."},
    "currency": {"type": ["string", "null"], "description": "ISO 4217 code of the currency."},
    "net_pay": {"type": "number"}}}
VALUES = ("Maja Eriksson", "E-4471", "25.03.2026", "SEK")


def _payslip(labels: tuple[str, ...]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 740, "Lindqvist Byggteknik AB")
    c.setFont("Helvetica", 10)
    c.drawString(60, 722, "Storgatan 12, 411 38 Goteborg")
    y = 680
    for label, value in zip(labels, VALUES, strict=True):
        c.drawString(400, y, label)
        c.drawString(400, y - 14, value)
        y -= 32
    c.drawString(60, 520, "Net pay")
    c.drawRightString(330, 520, "30,550.00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("labels", [("Employee", "Employee no.", "Pay date", "Currency"),
                                    ("Worker", "Staff number", "Paid on", "Currency")],
                         ids=["known", "reworded"])
def test_each_label_of_a_stack_reads_the_value_under_it(labels):
    doc = parse_document(_payslip(labels), filename="payslip.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA)).result
    assert (out["employee_name"], out["employee_id"], out["pay_date"], out["currency"]) == (
        "Maja Eriksson", "E-4471", "2026-03-25", "SEK")


def _strip_payslip() -> dict:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 740, "Lindqvist Byggteknik AB")
    c.setFont("Helvetica", 10)
    for j, (label, value) in enumerate([("Worker", "Maja Eriksson"), ("Staff number", "E-4471"),
                                        ("Value Date", "25.03.2026")]):
        c.drawString(60 + 150 * j, 690, label)
        c.drawString(60 + 150 * j, 676, value)
    c.drawString(60, 600, "Net pay")
    c.drawRightString(330, 600, "30,550.00")
    c.showPage()
    c.save()
    return extract_document(parse_document(buf.getvalue(), filename="payslip.pdf"), ExtractOptions(SCHEMA)).result


def test_a_strip_of_labels_none_of_which_the_table_knows_is_one_where_a_date_stands_under_one():
    # side by side, no label of the strip is one the synonym table knows; the date among the values says the
    # row under is values, not a table's header over its rows
    out = _strip_payslip()
    assert (out["employee_id"], out["pay_date"]) == ("E-4471", "2026-03-25")


def test_right_of_a_label_in_a_strip_is_the_next_label_not_its_value():
    assert _strip_payslip()["employee_name"] == "Maja Eriksson"  # not "Staff number"
