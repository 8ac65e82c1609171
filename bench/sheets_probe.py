#!/usr/bin/env python3
"""A quick probe of bank statements that are no PDF: spreadsheets (real date and number cells in several display
formats), CSV exports and HTML pages, in wordings and arrangements written apart from the dev set, the
generalization generator and the other probes. The account's details as label cells beside their values, as a row
of labels over a row of values, or as "Label,value" lines above a CSV's table; the transactions with one signed
amount or money out and in apart, the balance last or missing, the date first or second; the balances beside the
details or in rows under the table.

    PYTHONPATH=src python bench/sheets_probe.py 0 60 [-v]      # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/sheets_probe.py 60 120         # seeds kept for checking: read the first line only

Each transaction is counted as one field (date, description, amount and balance right). Written on 2026-12-07
(fifth session).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from html import escape

from probe_score import report
from statement_probe import SCHEMA, statement_values

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

LABELS = {"bank_name": ["Bank", "Institution", "Issued by", "Financial Institution"],
          "account_holder": ["Account Holder", "Customer Name", "Name", "Account Owner", "Holder"],
          "account_number": ["Account Number", "IBAN", "Acct No", "Account ID", "Account"],
          "start": ["From", "Period Start", "Statement From", "Start Date"],
          "end": ["To", "Period End", "Statement To", "End Date"],
          "opening_balance": ["Opening Balance", "Balance at Start", "Start Balance", "Brought Forward",
                              "Previous Statement Balance"],
          "closing_balance": ["Closing Balance", "Balance at End", "End Balance", "Carried Forward", "Current Balance"]}
HEADERS = {"date": ["Date", "Transaction Date", "Booking Date", "Posted", "Trans. Date"],
           "description": ["Description", "Details", "Reference", "Memo", "Transaction Details", "Narration"],
           "out": ["Debit", "Withdrawal", "Money Out", "Paid Out", "Outgoing"],
           "in": ["Credit", "Deposit", "Money In", "Paid In", "Incoming"],
           "amount": ["Amount", "Value", "Amount (GBP)", "Net Amount"],
           "balance": ["Balance", "Running Balance", "Ledger Balance", "Available Balance"]}
ORDERS = [("date", "description", "out", "in", "balance"), ("date", "description", "amount", "balance"),
          ("description", "date", "amount", "balance"), ("date", "description", "in", "out", "balance"),
          ("date", "description", "amount")]
PAYEES = ["POS PURCHASE CO-OP", "PAYROLL NORTHWIND", "DD COUNCIL TAX", "FASTER PAYMENT J SMITH",
          "CASH WITHDRAWAL", "INTEREST PAID", "SO GYM MEMBERSHIP", "REFUND ONLINE SHOP", "CAFE NERO",
          "CAR INSURANCE", "PHONE BILL", "TRANSFER FROM SAVINGS"]
BANKS = ["Thistle Mutual Bank", "Rheinland Sparkasse", "Coastline Credit Union"]
HOLDERS = ["Imogen Blake", "Tobias Keller", "Aroha Ngata"]
FORMATS = {"xlsx": ["beside", "above", "under"], "csv": ["lines"], "html": ["beside", "above"]}
DATE_CELLS = ["dd/mm/yyyy", "yyyy-mm-dd", "d-mmm-yy", "dd mmm yyyy", "mm/dd/yyyy"]
STRFTIME = {"dd/mm/yyyy": "%d/%m/%Y", "yyyy-mm-dd": "%Y-%m-%d", "d-mmm-yy": "%d-%b-%y", "dd mmm yyyy": "%d %b %Y",
            "mm/dd/yyyy": "%m/%d/%Y"}


def _statement(r: random.Random) -> dict:
    start = dt.date(2026, r.randint(1, 10), 1)
    end = start.replace(month=start.month + 1) - dt.timedelta(days=1)
    opening = round(r.uniform(300, 6000), 2)
    balance, day, txs = opening, start, []
    for _ in range(r.randint(5, 12)):
        day = min(end, day + dt.timedelta(days=r.randint(0, 4)))
        payee = r.choice(PAYEES)
        amount = round(r.uniform(80, 2500), 2) if payee.startswith(("PAYROLL", "REFUND", "INTEREST", "TRANSFER FROM")) \
            else -round(r.uniform(2, 350), 2)
        balance = round(balance + amount, 2)
        txs.append((day, payee, amount, balance))
    account = r.choice([f"GB{r.randint(10, 99)} TMBK {r.randint(1000, 9999)} {r.randint(1000, 9999)} "
                        f"{r.randint(10, 99)}", f"{r.randint(10000000, 99999999)}", f"****{r.randint(1000, 9999)}"])
    return {"bank": r.choice(BANKS), "holder": r.choice(HOLDERS), "account": account, "start": start, "end": end,
            "opening": opening, "closing": balance, "txs": txs}


def _cells(s: dict, order: tuple[str, ...], as_text) -> list[list]:
    """The table's rows, header first; `as_text(value, kind)` renders a date or an amount (or keeps it a cell's
    own number or date)."""
    rows = []
    for day, payee, amount, bal in s["txs"]:
        cell = {"date": as_text(day, "date"), "description": payee, "balance": as_text(bal, "money"),
                "amount": as_text(amount, "money"), "out": as_text(-amount, "money") if amount < 0 else None,
                "in": as_text(amount, "money") if amount > 0 else None}
        rows.append([cell[k] for k in order])
    return rows


def _xlsx(s: dict, d: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = d["r"].choice(["Sheet1", "Statement", "Transactions"])
    details = [(d["labels"][k], v) for k, v in (("bank_name", s["bank"]), ("account_holder", s["holder"]),
                                                ("account_number", s["account"]), ("start", s["start"]),
                                                ("end", s["end"]))]
    balances = [(d["labels"]["opening_balance"], s["opening"]), (d["labels"]["closing_balance"], s["closing"])]
    if d["style"] == "beside":
        for label, value in details + balances:
            ws.append([label, value])
    elif d["style"] == "above":
        ws.append([label for label, _ in details + balances])
        ws.append([value for _, value in details + balances])
    else:  # the details beside, the balances under the table
        for label, value in details:
            ws.append([label, value])
    ws.append([])
    ws.append(list(d["heads"]))
    for row in _cells(s, d["order"], lambda v, kind: v):
        ws.append(row)
    if d["style"] == "under":
        ws.append([])
        for label, value in balances:
            ws.append([None] * (len(d["order"]) - 2) + [label, value])
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = d["date_cell"]
            elif isinstance(c.value, float):
                c.number_format = d["number_cell"]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(d: dict):
    def as_text(v, kind: str) -> str:
        if kind == "date":
            return v.strftime(STRFTIME[d["date_cell"]])
        return f"{v:,.2f}" if d["number_cell"] == "#,##0.00" else f"{v:.2f}"
    return as_text


def _csv(s: dict, d: dict) -> bytes:
    as_text = _text(d)
    buf = io.StringIO()
    out = csv.writer(buf)
    for k, v in (("bank_name", s["bank"]), ("account_holder", s["holder"]), ("account_number", s["account"]),
                 ("start", as_text(s["start"], "date")), ("end", as_text(s["end"], "date")),
                 ("opening_balance", as_text(s["opening"], "money")),
                 ("closing_balance", as_text(s["closing"], "money"))):
        out.writerow([d["labels"][k], v])
    out.writerow([])
    out.writerow(d["heads"])
    for row in _cells(s, d["order"], as_text):
        out.writerow(["" if c is None else c for c in row])
    return buf.getvalue().encode()


def _html(s: dict, d: dict) -> bytes:
    as_text = _text(d)
    pairs = [(d["labels"][k], v) for k, v in (("bank_name", s["bank"]), ("account_holder", s["holder"]),
                                              ("account_number", s["account"]),
                                              ("start", as_text(s["start"], "date")),
                                              ("end", as_text(s["end"], "date")),
                                              ("opening_balance", as_text(s["opening"], "money")),
                                              ("closing_balance", as_text(s["closing"], "money")))]
    out = ["<!DOCTYPE html><html><body>", f"<h1>{escape(s['bank'])}</h1>", "<h2>Account statement</h2>"]
    if d["style"] == "beside":
        out.append("<table>" + "".join(f"<tr><th>{escape(a)}</th><td>{escape(b)}</td></tr>" for a, b in pairs)
                   + "</table>")
    else:
        out.append("<table><tr>" + "".join(f"<th>{escape(a)}</th>" for a, _ in pairs) + "</tr><tr>"
                   + "".join(f"<td>{escape(b)}</td>" for _, b in pairs) + "</tr></table>")
    out.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in d["heads"]) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{escape(c or '')}</td>" for c in row) + "</tr>"
            for row in _cells(s, d["order"], as_text)]
    out.append("</table></body></html>")
    return "\n".join(out).encode()


WRITERS = {"xlsx": _xlsx, "csv": _csv, "html": _html}


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(file bytes, expected values, the choices made) for one seed; choices["file"] is the file's name."""
    r = random.Random(seed)
    fmt = r.choice(sorted(FORMATS))
    style = r.choice(FORMATS[fmt])
    order = r.choice(ORDERS)
    d = {"r": r, "style": style, "order": order, "labels": {k: r.choice(v) for k, v in LABELS.items()},
         "heads": [r.choice(HEADERS[k]) for k in order], "date_cell": r.choice(DATE_CELLS),
         "number_cell": r.choice(["#,##0.00", "0.00"])}
    s = _statement(r)
    data = WRITERS[fmt](s, d)
    expected = {"bank_name": s["bank"], "account_holder": s["holder"], "account_number": s["account"],
                "start": s["start"].isoformat(), "end": s["end"].isoformat(), "opening_balance": s["opening"],
                "closing_balance": s["closing"]}
    has_balance = "balance" in order
    for n, (day, payee, amount, bal) in enumerate(s["txs"]):
        expected[f"tx{n}"] = (day.isoformat(), payee, amount, bal if has_balance else None)
    choices = {"style": f"{fmt}:{style}", "file": f"statement.{fmt}", "date": d["date_cell"],
               **{k: v for k, v in d["labels"].items()}, "table": "|".join(d["heads"])}
    return data, expected, choices


def _read(data: bytes, choices: dict) -> dict:
    out = extract_document(parse_document(data, filename=choices["file"]), ExtractOptions(SCHEMA)).result
    return statement_values(out, ("bank_name", "account_holder", "account_number", "opening_balance",
                                  "closing_balance"))


def _wording(key: str, choices: dict) -> str | None:
    if key.startswith("tx"):
        return f"{choices['table']} {choices['date']}"
    return choices.get(key, "")


if __name__ == "__main__":
    report(make, _read, _wording, with_choices=True)
