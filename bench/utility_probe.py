#!/usr/bin/env python3
"""A quick probe of utility bills in wordings and arrangements written apart from the generalization generator, as
bench/invoice_probe.py is for invoices: the provider's letterhead, the customer's postal block, the account's
details as "Label: value" lines, a column of labels beside their values, a stack of labels over values or a strip of
labels over values; the supply address under its own heading; the charges as a two-column list or a table with
units and rates; an account summary carrying the previous balance and a payment into the amount due.

    PYTHONPATH=src python bench/utility_probe.py 0 80 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/utility_probe.py 80 160         # seeds kept for checking: read the first line only

Seeds 0-79 were studied on 2026-12-07; 80-159 were only ever read as the first line.
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

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "utility_bill.json").read_text())
LABELS = {"account_number": ["Account Number", "Account No.", "Customer Number", "Acct #", "Contract Account",
                             "Customer Ref."],
          "bill_date": ["Bill Date", "Statement Date", "Date of Issue", "Issued On", "Billing Date", "Invoice Date"],
          "due_date": ["Due Date", "Payment Due", "Pay By", "Due By", "Payable By", "Amount Due By"],
          "period": ["Billing Period", "Service Period", "Period", "Bill Period", "Reading Period", "Supply Period"],
          "meter_number": ["Meter Number", "Meter No.", "Meter ID", "Meter Serial No.", "Meter"],
          "usage": ["Total Usage", "Consumption", "Units Used", "Energy Used", "Usage This Period"],
          "previous_balance": ["Previous Balance", "Balance Brought Forward", "Last Bill Amount", "Opening Balance",
                               "Balance From Last Bill"],
          "payment": ["Payment Received", "Payments - Thank You", "Paid Since Last Bill", "Less Payment"],
          "tax_amount": ["VAT", "Sales Tax", "GST", "Tax", "VAT @ 5%"],
          "amount_due": ["Amount Due", "Total Due", "Total Amount Due", "Please Pay", "Balance Due", "Total To Pay"]}
SERVICE_HEADS = ["Service Address", "Supply Address", "Premises Supplied", "Service Location", "Property Address",
                 "Installation Address"]
CHARGE_HEADS = [("Charges This Period", "Amount"), ("Description", "Amount"), ("Your Charges", "Cost"),
                ("Item", "Total")]
CHARGES = ["Energy Charge", "Standing Charge", "Delivery Charge", "Network Fee", "Water Supply", "Sewerage Service",
           "Meter Rental", "Environmental Levy"]
PROVIDERS = ["Northfield Energy plc", "Blue River Water Co.", "Stadtwerke Tannhausen GmbH", "Cascade Power & Light"]
CUSTOMERS = ["Helen Okafor", "Jonas Weber", "Priya Natarajan", "Daniel Moreau"]
# (street, the line under it as printed, city, postal code)
STREETS = [("14 Alder Close", "Harrogate HG2 7QP", "Harrogate", "HG2 7QP"),
           ("221 Maple Avenue", "Springfield, IL 62704", "Springfield", "62704"),
           ("Lindenweg 8", "73497 Tannhausen", "Tannhausen", "73497"),
           ("7 Rue des Lilas", "69003 Lyon", "Lyon", "69003")]
UNITS = ["kWh", "m3", "therms", "gal"]
MONEY = [("£", "GBP"), ("$", "USD"), ("€", "EUR")]
DATES = ["%d/%m/%Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y"]
STYLES = ["colon", "columns", "stack", "strip"]


def _details(c: canvas.Canvas, style: str, details: list[tuple[str, str]]) -> None:
    x = 50
    for n, (label, value) in enumerate(details):
        if style == "colon":
            c.drawString(330, 700 - 13 * n, f"{label}: {value}")
        elif style == "columns":
            c.drawString(330, 700 - 13 * n, label)
            c.drawString(450, 700 - 13 * n, value)
        elif style == "stack":
            x, y = 330 + 130 * (n % 2), 700 - 28 * (n // 2)
            c.drawString(x, y, label)
            c.drawString(x, y - 11, value)
        else:
            c.drawString(x, 610, label)
            c.drawString(x, 598, value)
            x += max(c.stringWidth(label), c.stringWidth(value)) + 18


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt = r.choice(STYLES), r.choice(DATES)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    service_head, charge_head = r.choice(SERVICE_HEADS), r.choice(CHARGE_HEADS)
    symbol, currency = r.choice(MONEY)
    provider, customer = r.choice(PROVIDERS), r.choice(CUSTOMERS)
    postal, service = r.sample(STREETS, 2)
    start = dt.date(2026, r.randint(1, 10), 1)
    end = start.replace(month=start.month + 1) - dt.timedelta(days=1)
    bill_date, due_date = end + dt.timedelta(days=r.randint(2, 6)), end + dt.timedelta(days=r.randint(18, 28))
    account = f"{r.choice(['', 'AC-', '00'])}{r.randint(1000000, 99999999)}"
    meter = f"{r.choice(['M', 'E', 'W'])}{r.randint(10000, 999999)}"
    unit, usage = r.choice(UNITS), r.randint(40, 2400)
    rated = r.random() < 0.5
    charges = []
    for text in r.sample(CHARGES, r.randint(2, 4)):
        units, rate = r.randint(1, 400), round(r.uniform(0.05, 2.5), 4)
        charges.append((text, units, rate, round(units * rate, 2)))
    net = round(sum(c[3] for c in charges), 2)
    tax = round(net * 0.05, 2)
    previous = round(r.uniform(20, 300), 2)
    paid = previous if r.random() < 0.7 else round(previous * 0.5, 2)
    due = round(previous - paid + net + tax, 2)
    details = [(labels["account_number"], account), (labels["bill_date"], bill_date.strftime(fmt)),
               (labels["due_date"], due_date.strftime(fmt)),
               (labels["period"], f"{start.strftime(fmt)} - {end.strftime(fmt)}"),
               (labels["meter_number"], meter)]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, provider)
    c.setFont("Helvetica", 9)
    c.drawString(50, 731, "Customer Service 0800 123 4567")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(430, 745, r.choice(["Your Bill", "Electricity Bill", "Statement of Account", "Water Bill"]))
    c.setFont("Helvetica", 9)
    for n, line in enumerate([customer, postal[0], postal[1]]):
        c.drawString(50, 700 - 12 * n, line)
    _details(c, style, details)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 560, service_head)
    c.setFont("Helvetica", 9)
    c.drawString(50, 548, service[0])
    c.drawString(50, 536, service[1])
    c.drawString(330, 560, f"{labels['usage']}: {usage:,} {unit}")
    y = 500
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, y, charge_head[0])
    if rated:
        c.drawRightString(300, y, "Units")
        c.drawRightString(380, y, "Rate")
    c.drawRightString(470, y, f"{charge_head[1]} ({symbol})")
    c.setFont("Helvetica", 9)
    for text, units, rate, amount in charges:
        y -= 13
        c.drawString(50, y, text)
        if rated:
            c.drawRightString(300, y, str(units))
            c.drawRightString(380, y, f"{rate:.4f}")
        c.drawRightString(470, y, f"{amount:,.2f}")
    y -= 40
    c.setFont("Helvetica-Bold", 9)
    c.drawString(300, y, r.choice(["Account Summary", "Summary", "Your Account"]))
    c.setFont("Helvetica", 9)
    for label, amount in ((labels["previous_balance"], previous), (labels["payment"], -paid),
                          ("Charges this period", net), (labels["tax_amount"], tax)):
        y -= 13
        c.drawString(300, y, label)
        c.drawRightString(470, y, f"{amount:,.2f}")
    y -= 16
    c.setFont("Helvetica-Bold", 10)
    c.drawString(300, y, labels["amount_due"])
    c.drawRightString(470, y, f"{symbol}{due:,.2f}")
    c.showPage()
    c.save()
    expected = {"provider_name": provider, "customer_name": customer, "account_number": account,
                "bill_date": bill_date.isoformat(), "due_date": due_date.isoformat(), "street": service[0],
                "city": service[2], "postal_code": service[3], "start": start.isoformat(), "end": end.isoformat(),
                "meter_number": meter, "usage": usage, "usage_unit": unit, "currency": currency,
                "previous_balance": previous, "tax_amount": tax, "amount_due": due,
                "charges": sorted((text, amount) for text, _, _, amount in charges)}
    choices = {"style": style, **labels, "service": service_head, "charges": "|".join(charge_head),
               "rated": str(rated)}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="bill.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in ("provider_name", "customer_name", "account_number", "bill_date", "due_date",
                                   "meter_number", "usage", "usage_unit", "currency", "previous_balance",
                                   "tax_amount", "amount_due")}
    for k in ("street", "city", "postal_code"):
        got[k] = (out.get("service_address") or {}).get(k)
    got["start"] = (out.get("billing_period") or {}).get("start_date")
    got["end"] = (out.get("billing_period") or {}).get("end_date")
    got["charges"] = sorted((it.get("description"), it.get("amount")) for it in out.get("charges") or [])
    return got


def _wording(key: str, choices: dict) -> str | None:
    if key in ("start", "end"):
        return choices["period"]
    if key in ("street", "city", "postal_code"):
        return choices["service"]
    if key == "charges":
        return f"{choices['charges']} rated={choices['rated']}"
    return choices.get(key, "")


if __name__ == "__main__":
    report(make, _read, _wording)
