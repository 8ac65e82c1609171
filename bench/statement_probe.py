#!/usr/bin/env python3
"""A quick probe of bank statements in wordings and arrangements written apart from the generalization generator,
as bench/invoice_probe.py is for invoices: the bank's letterhead, the holder's postal block, the account's
details as "Label: value" lines or a column of labels beside their values; the transactions in a table of one of
several column orders (paid out and paid in apart, or one signed amount; a value date beside the posting date;
the balance last or missing), with its own header wordings, amount notations and date formats; the balances and
totals in a summary above or below the table. Each transaction is counted as one field (date, description,
amount and balance right), as value F1 weighs them.

    PYTHONPATH=src python bench/statement_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/statement_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07; 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from probe_score import ListRead, report
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "bank_statement.json").read_text())
LABELS = {"account_number": ["Account Number", "Account No.", "Acct.", "Account", "Account #"],
          "period": ["Statement Period", "Period", "Statement Dates", "For the period", "Covering"],
          "opening_balance": ["Opening Balance", "Balance Brought Forward", "Previous Balance", "Starting Balance",
                              "Balance at start"],
          "closing_balance": ["Closing Balance", "New Balance", "Balance Carried Forward", "Ending Balance",
                              "Balance at end"],
          "total_credits": ["Total Credits", "Money In", "Total Paid In", "Deposits", "Credits Total"],
          "total_debits": ["Total Debits", "Money Out", "Total Paid Out", "Withdrawals", "Debits Total"]}
HEADERS = {"date": ["Date", "Posting Date", "Txn Date", "Booked", "Entry Date"],
           "value": ["Value Date", "Val. Date", "Effective"],
           "description": ["Description", "Details", "Particulars", "Narrative", "Transaction", "Payee / Memo"],
           "out": ["Debit", "Withdrawals", "Paid Out", "Money Out", "Payments"],
           "in": ["Credit", "Deposits", "Paid In", "Money In", "Receipts"],
           "amount": ["Amount", "Amount (EUR)", "Sum", "Value"],
           "balance": ["Balance", "Running Balance", "Balance After", "Account Balance"]}
ORDERS = [("date", "description", "out", "in", "balance"), ("date", "description", "amount", "balance"),
          ("date", "value", "description", "out", "in", "balance"), ("date", "description", "in", "out", "balance"),
          ("description", "date", "amount", "balance"), ("date", "description", "amount")]
PAYEES = ["Card purchase TESCO", "Salary ACME LTD", "Direct debit British Gas", "Transfer to savings",
          "ATM withdrawal", "Interest", "Standing order Rent", "Refund AMAZON", "Coffee House", "Insurance premium",
          "Mobile top-up", "Dividend payment"]
BANKS = ["Northgate Savings Bank", "Banca Alpina SpA", "First Harbor Credit Union", "Ironbark Bancorp"]
HOLDERS = [("Helen Okafor", "14 Alder Close", "Harrogate HG2 7QP"),
           ("Jonas Weber", "Lindenweg 8", "73497 Tannhausen"),
           ("Priya Natarajan", "221 Maple Avenue", "Springfield, IL 62704")]
DATES = ["%d/%m/%Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%b %d, %Y", "%d %b"]
NOTATIONS = ["minus", "trailing", "parens", "drcr"]
STYLES = ["colon", "columns"]
FIGURES = ("out", "in", "amount", "balance")


def _money(v: float, decimal_comma: bool) -> str:
    text = f"{abs(v):,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".") if decimal_comma else text


def _signed(v: float, notation: str, decimal_comma: bool) -> str:
    text = _money(v, decimal_comma)
    if v >= 0:
        return text + (" CR" if notation == "drcr" else "")
    return {"minus": f"-{text}", "trailing": f"{text}-", "parens": f"({text})", "drcr": f"{text} DR"}[notation]


def _positions(order: tuple[str, ...], heads: dict[str, str]) -> dict[str, float]:
    """Where each column starts (text, left to right from the margin) or ends (figures, right of x=330, each
    far enough from the one before for its header to stand apart)."""
    xs, x, right = {}, 50.0, 330.0
    for col in order:
        if col in FIGURES:
            right += max(70.0, stringWidth(heads[col], "Helvetica-Bold", 9) + 20)
            xs[col] = right
        else:
            xs[col] = x
            x += 70 if col in ("date", "value") else 200
    return xs


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt, notation = r.choice(STYLES), r.choice(DATES), r.choice(NOTATIONS)
    order = r.choice(ORDERS)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    heads = {k: r.choice(v) for k, v in HEADERS.items()}
    bank, (holder, street, city) = r.choice(BANKS), r.choice(HOLDERS)
    decimal_comma = r.random() < 0.3
    start = dt.date(2026, r.randint(1, 10), 1)
    end = start.replace(month=start.month + 1) - dt.timedelta(days=1)
    account = r.choice([f"{r.randint(10, 99)}-{r.randint(1000, 9999)}-{r.randint(100000, 999999)}",
                        f"****{r.randint(1000, 9999)}", f"{r.randint(10000000, 99999999)}"])
    opening = round(r.uniform(200, 5000), 2)
    balance, day, txs = opening, start, []
    for _ in range(r.randint(6, 14)):
        day = min(end, day + dt.timedelta(days=r.randint(0, 3)))
        payee = r.choice(PAYEES)
        amount = round(r.uniform(50, 3000), 2) if payee.startswith(("Salary", "Refund", "Interest", "Dividend")) \
            else -round(r.uniform(3, 400), 2)
        balance = round(balance + amount, 2)
        txs.append((day, payee, amount, balance))
    credits = round(sum(t[2] for t in txs if t[2] > 0), 2)
    debits = round(-sum(t[2] for t in txs if t[2] < 0), 2)
    fmt_full = fmt if "%Y" in fmt else fmt + " %Y"
    details = [(labels["account_number"], account),
               (labels["period"], f"{start.strftime(fmt_full)} - {end.strftime(fmt_full)}")]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, bank)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(430, 745, r.choice(["Statement", "Account Statement", "Statement of Account"]))
    c.setFont("Helvetica", 9)
    for n, line in enumerate([holder, street, city]):
        c.drawString(50, 700 - 12 * n, line)
    for n, (label, value) in enumerate(details):
        if style == "colon":
            c.drawString(330, 700 - 13 * n, f"{label}: {value}")
        else:
            c.drawString(330, 700 - 13 * n, label)
            c.drawString(430, 700 - 13 * n, value)
    summary = [(labels["opening_balance"], opening), (labels["total_credits"], credits),
               (labels["total_debits"], debits), (labels["closing_balance"], balance)]
    y = 640
    for n, (label, value) in enumerate(summary):
        c.drawString(330, y - 13 * n, label)
        c.drawRightString(540, y - 13 * n, ("-" if value < 0 else "") + _money(value, decimal_comma))
    xs = _positions(order, heads)
    y = 560
    c.setFont("Helvetica-Bold", 9)
    for col in order:
        head = heads[col]
        (c.drawRightString if col in FIGURES else c.drawString)(xs[col], y, head)
    c.setFont("Helvetica", 9)
    for day, payee, amount, bal in txs:
        y -= 13
        cells = {"date": day.strftime(fmt), "value": (day + dt.timedelta(days=1)).strftime(fmt),
                 "description": payee, "balance": ("-" if bal < 0 else "") + _money(bal, decimal_comma),
                 "amount": _signed(amount, notation, decimal_comma),
                 "out": _money(amount, decimal_comma) if amount < 0 else "",
                 "in": _money(amount, decimal_comma) if amount > 0 else ""}
        for col in order:
            (c.drawRightString if col in FIGURES else c.drawString)(xs[col], y, cells[col])
    c.showPage()
    c.save()
    expected = {"bank_name": bank, "account_holder": holder, "account_number": account,
                "start": start.isoformat(), "end": end.isoformat(), "opening_balance": opening,
                "closing_balance": balance, "total_credits": credits, "total_debits": debits}
    has_balance = "balance" in order
    for n, (day, payee, amount, bal) in enumerate(txs):
        expected[f"tx{n}"] = (day.isoformat(), payee, amount, bal if has_balance else None)
    choices = {"style": style, **labels, "table": "|".join(heads[c] for c in order), "notation": notation,
               "date": fmt}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="statement.pdf"), ExtractOptions(SCHEMA)).result
    return statement_values(out, ("bank_name", "account_holder", "account_number", "opening_balance",
                                  "closing_balance", "total_credits", "total_debits"))


def statement_values(out: dict, keys: tuple[str, ...]) -> ListRead:
    """A statement's values read under the probe's keys: `keys`, the period's "start" and "end", and each
    transaction as one (date, description, amount, balance) under "tx<n>"."""
    got = {k: out.get(k) for k in keys}
    got["start"] = (out.get("statement_period") or {}).get("start_date")
    got["end"] = (out.get("statement_period") or {}).get("end_date")
    read = [(t.get("date"), t.get("description"), t.get("amount"), t.get("balance"))
            for t in out.get("transactions") or []]
    return ListRead(got, read, "tx")


def _wording(key: str, choices: dict) -> str | None:
    if key.startswith("tx"):
        return f"{choices['table']} {choices['notation']} {choices['date']}"
    return choices.get("period" if key in ("start", "end") else key, "")


if __name__ == "__main__":
    report(make, _read, _wording)
