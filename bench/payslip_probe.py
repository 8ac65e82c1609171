#!/usr/bin/env python3
"""A quick probe of payslips in wordings and arrangements written apart from the generalization generator, as
bench/invoice_probe.py is for invoices: the employee's details as "Label: value" lines, a column of labels beside
their values, a stack of labels over values or a strip of labels over values; earnings and deductions under their
own headers and totals; its own wordings and date formats.

    PYTHONPATH=src python bench/payslip_probe.py 0 80 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/payslip_probe.py 80 160         # seeds kept for checking: read the first line only

Seeds 0-79 were studied on 2026-12-06 (night); 80-159 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from probe_score import report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "payslip.json").read_text())
LABELS = {"employee_name": ["Employee", "Name", "Employee Name", "Staff Member", "Paid To", "Worker"],
          "employee_id": ["Employee No.", "Staff ID", "Payroll No.", "Emp. Code", "Personnel No.", "Employee #"],
          "pay_date": ["Pay Date", "Payment Date", "Date Paid", "Paid On", "Pay Day", "Value Date"],
          "period": ["Pay Period", "Period", "Period Covered", "For the period", "Payroll Period"],
          "gross_pay": ["Gross Pay", "Total Earnings", "Gross", "Total Gross", "Gross Salary"],
          "total_deductions": ["Total Deductions", "Deductions Total", "Total Withheld", "Less Total",
                               "Sum of Deductions"],
          "net_pay": ["Net Pay", "Take Home Pay", "Net Salary", "Amount Paid", "Net Amount", "Pay Out"]}
EARNINGS_HEADERS = [("Earnings", "Amount"), ("Payments", "Amount"), ("Pay Elements", "Sum"),
                    ("Income", "This Period"), ("Description", "Current")]
DEDUCTIONS_HEADERS = [("Deductions", "Amount"), ("Withholdings", "Total"), ("Less", "Sum"),
                      ("Taxes & Deductions", "This Period"), ("Statutory", "Current")]
EARNINGS = ["Basic Salary", "Overtime 1.5x", "Shift Allowance", "Bonus", "Holiday Pay", "Commission"]
DEDUCTIONS = ["Income Tax", "National Insurance", "Pension", "Health Insurance", "Union Dues", "Student Loan"]
EMPLOYERS = ["Lindqvist Byggteknik AB", "Harbour Light Studio Ltd", "Nordwind Technik GmbH", "Cedar & Pine Joinery"]
PEOPLE = ["Maja Eriksson", "Tom Fletcher", "Aisha Rahman", "Lukas Brandt"]
DATES = ["%d/%m/%Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y"]
STYLES = ["colon", "columns", "stack", "strip"]


def _details(c: canvas.Canvas, style: str, details: list[tuple[str, str]]) -> None:
    for n, (label, value) in enumerate(details):
        if style == "colon":
            c.drawString(50, 700 - 13 * n, f"{label}: {value}")
        elif style == "columns":
            c.drawString(50, 700 - 13 * n, label)
            c.drawString(170, 700 - 13 * n, value)
        elif style == "stack":
            x, y = 50 + 140 * (n % 2), 700 - 28 * (n // 2)
            c.drawString(x, y, label)
            c.drawString(x, y - 11, value)
        else:
            c.drawString(50 + 135 * n, 700, label)
            c.drawString(50 + 135 * n, 688, value)


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt = r.choice(STYLES), r.choice(DATES)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    earned_head, withheld_head = r.choice(EARNINGS_HEADERS), r.choice(DEDUCTIONS_HEADERS)
    start = dt.date(2026, r.randint(1, 11), 1)
    end = start.replace(month=start.month + 1) - dt.timedelta(days=1)
    employer, person = r.choice(EMPLOYERS), r.choice(PEOPLE)
    staff_no = f"{r.choice(['E-', 'EMP', ''])}{r.randint(100, 9999)}"
    earned = [(d, round(r.uniform(100, 4000), 2)) for d in r.sample(EARNINGS, r.randint(2, 4))]
    withheld = [(d, round(r.uniform(20, 900), 2)) for d in r.sample(DEDUCTIONS, r.randint(2, 4))]
    gross = round(sum(a for _, a in earned), 2)
    deducted = round(sum(a for _, a in withheld), 2)
    net = round(gross - deducted, 2)
    details = [(labels["employee_name"], person), (labels["employee_id"], staff_no),
               (labels["pay_date"], end.strftime(fmt)),
               (labels["period"], f"{start.strftime(fmt)} - {end.strftime(fmt)}")]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, employer)
    c.setFont("Helvetica", 9)
    c.drawString(50, 730, "Storgatan 12, 411 38 Goteborg")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(420, 745, r.choice(["PAYSLIP", "Pay Statement", "Salary Slip"]))
    c.setFont("Helvetica", 9)
    _details(c, style, details)
    y = 620
    for head, lines, label, total in ((earned_head, earned, labels["gross_pay"], gross),
                                      (withheld_head, withheld, labels["total_deductions"], deducted)):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(50, y, head[0])
        c.drawRightString(330, y, head[1])
        c.setFont("Helvetica", 9)
        for text, amount in [*lines, (label, total)]:
            y -= 13
            c.drawString(50, y, text)
            c.drawRightString(330, y, f"{amount:,.2f}")
        y -= 30
    c.setFont("Helvetica-Bold", 10)
    c.drawString(50, y, labels["net_pay"])
    c.drawRightString(330, y, f"{net:,.2f}")
    c.showPage()
    c.save()
    expected = {"employer_name": employer, "employee_name": person, "employee_id": staff_no,
                "pay_date": end.isoformat(), "start": start.isoformat(), "end": end.isoformat(), "gross_pay": gross,
                "total_deductions": deducted, "net_pay": net, "earnings": sorted(earned),
                "deductions": sorted(withheld)}
    choices = {"style": style, **labels, "earnings": "|".join(earned_head), "deductions": "|".join(withheld_head)}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="payslip.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in ("employer_name", "employee_name", "employee_id", "pay_date", "gross_pay",
                                   "total_deductions", "net_pay")}
    got["start"] = (out.get("pay_period") or {}).get("start_date")
    got["end"] = (out.get("pay_period") or {}).get("end_date")
    for k in ("earnings", "deductions"):
        got[k] = sorted((it.get("description"), it.get("amount")) for it in out.get(k) or [])
    return got


def _wording(key: str, choices: dict) -> str | None:
    return choices.get("period" if key in ("start", "end") else key, "")


if __name__ == "__main__":
    report(make, _read, _wording)
