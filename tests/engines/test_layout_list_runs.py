"""Lists read line by line ("Monthly salary   41,250.00"), no table header the schema knows: a page's runs of
item lines are each closed by a total, and the total's label says whose run it is where the schema has
several lists ("Gross pay" closes the earnings, gross_pay being their total; "Total deductions" the
deductions), whatever the headings over the runs say and in whichever order they are printed. A run whose
total names no list goes to the first list that has no run of its own. Real PDFs drawn with reportlab, read by
the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

ITEM = {"type": "object", "properties": {"description": {"type": "string"}, "amount": {"type": "number"}}}
SCHEMA = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": "string"},
    "earnings": {"type": "array", "description": "Earnings lines of this period.", "items": ITEM},
    "deductions": {"type": "array", "description": "Deduction lines (taxes, contributions).", "items": ITEM},
    "gross_pay": {"type": ["number", "null"], "description": "Total earnings of the period before deductions."},
    "total_deductions": {"type": ["number", "null"], "description": "Sum of the deductions."},
    "net_pay": {"type": "number"}}}
EARNED = ("Pay elements", [("Monthly salary", "41,250.00"), ("Overtime", "1,200.00")], ("Gross pay", "42,450.00"))
WITHHELD = ("Withholdings", [("Income tax", "9,800.00"), ("Pension", "2,100.00")], ("Total deductions", "11,900.00"))


def _payslip(*runs, step: float = 16, gap: float = 40) -> bytes:
    """Runs one under the other, each under its heading: a phrase, or two ("Income | This Period") over the
    descriptions and the amounts; lines `step` apart, runs `gap` apart."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(60, 740, "Employee: Maja Eriksson")
    y = 700
    for heading, lines, (label, total) in runs:
        left, right = (heading, "") if isinstance(heading, str) else heading
        c.drawString(60, y, left)
        c.drawRightString(330, y, right)
        for text, amount in [*lines, (label, total)]:
            y -= step
            c.drawString(60, y, text)
            c.drawRightString(330, y, amount)
        y -= gap
    c.drawString(60, y, "Net pay")
    c.drawRightString(330, y, "30,550.00")
    c.showPage()
    c.save()
    return buf.getvalue()


def _lists(*runs) -> tuple[list, list]:
    doc = parse_document(_payslip(*runs), filename="payslip.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA)).result
    return ([(it["description"], it["amount"]) for it in out["earnings"]],
            [(it["description"], it["amount"]) for it in out["deductions"]])


@pytest.mark.parametrize("order", ["earnings first", "deductions first"])
def test_each_run_of_lines_goes_to_the_list_its_total_closes(order):
    runs = (EARNED, WITHHELD) if order == "earnings first" else (WITHHELD, EARNED)
    assert _lists(*runs) == ([("Monthly salary", 41250), ("Overtime", 1200)],
                             [("Income tax", 9800), ("Pension", 2100)])


def test_a_run_whose_total_names_no_list_is_the_open_lists():
    withheld = (WITHHELD[0], WITHHELD[1], ("Withheld in all", "11,900.00"))
    assert _lists(EARNED, withheld)[1] == [("Income tax", 9800), ("Pension", 2100)]


def test_a_table_ends_at_the_next_tables_header_and_the_next_list_reads_the_lines_under_it():
    # "Income" names the earnings: their table; "Withholdings | Total" under it prints words where the earnings
    # print figures, the next table's header, not an earning; the deductions, under a header no list's name and
    # a total no field's label, are the lines under it, not the earnings' lines
    earned = (("Income", "This Period"), EARNED[1], ("Total Gross", "42,450.00"))
    withheld = (("Withholdings", "Total"), WITHHELD[1], ("Less Total", "11,900.00"))
    doc = parse_document(_payslip(earned, withheld, step=14, gap=30), filename="payslip.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA)).result
    assert [(it["description"], it["amount"]) for it in out["earnings"]] == [("Monthly salary", 41250),
                                                                              ("Overtime", 1200)]
    assert [(it["description"], it["amount"]) for it in out["deductions"]] == [("Income tax", 9800),
                                                                                ("Pension", 2100)]
