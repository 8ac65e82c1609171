#!/usr/bin/env python3
"""A quick probe of invoices in wordings and arrangements written apart from the generalization generator: the
invoice's details as "Label: value" lines, a column of labels beside a column of values (no colons), right-aligned
labels, a stack of labels over values, or a strip of labels over values above the items table; the bill-to block
beside them; its own label wordings, column headers, column orders, date and number formats.

    PYTHONPATH=src python bench/invoice_probe.py 0 120 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/invoice_probe.py 120 240         # seeds kept for checking: read the first line only

Prints the share of fields right (header fields, totals, the bill-to and vendor names, and the line items as one
field), the failures per field, and the failures by (field, arrangement, wording). Seeds 0-119 were studied on
2026-12-06 (night); 120-239 were only ever read as the first two lines.
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

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "invoice.json").read_text())
LABELS = {
    "invoice_number": ["Invoice No.", "Invoice #", "Inv. Number", "Bill Number", "Invoice Ref", "Our Reference",
                       "Number", "Invoice Code"],
    "invoice_date": ["Invoice Date", "Date", "Date Issued", "Issue Date", "Billing Date", "Tax Point", "Dated",
                     "Date of Invoice"],
    "due_date": ["Due Date", "Payment Due", "Due By", "Pay By", "Please pay by", "Payable Before", "Due",
                 "Payment Deadline"],
    "po_number": ["PO Number", "P.O. #", "Your Order No.", "Customer PO", "Order Reference", "Purchase Order",
                  "Your Ref.", "PO Ref"],
    "subtotal": ["Subtotal", "Net Total", "Total excl. VAT", "Amount before tax", "Goods total", "Net amount",
                 "Sub-total"],
    "tax_amount": ["VAT 20%", "Tax", "Sales Tax (8%)", "GST", "VAT @ 20%", "Tax amount", "Plus VAT"],
    "total": ["Total", "Amount Due", "Balance Due", "Total Payable", "Grand Total", "Invoice Total", "Please Pay",
              "Total Due"],
    "bill_to": ["Bill To", "Invoice To", "Customer", "Sold To", "Client", "Billed To", "To"],
}
HEADERS = {"description": ["Description", "Item", "Details", "Service", "Particulars", "Product", "Article",
                           "Work done"],
           "quantity": ["Qty", "Quantity", "Units", "Hrs", "Pcs", "Count", "Hours"],
           "unit_price": ["Unit Price", "Rate", "Price", "Each", "Unit Cost", "Price/Unit", "Per Unit"],
           "amount": ["Amount", "Total", "Line Total", "Net", "Value", "Sum", "Ext. Price"]}
VENDORS = [("Harbour Light Studio Ltd", "14 Wharf Lane", "Bristol BS1 4RN"),
           ("Nordwind Technik GmbH", "Hafenstraße 22", "20457 Hamburg"),
           ("Cedar & Pine Joinery", "88 Elm Street", "97205 Portland"),
           ("Blue Fjord Consulting AS", "Strandgata 4", "5013 Bergen")]
CUSTOMERS = [("Maple Leaf Logistics Inc", "500 King St W", "Toronto M5V 1L9"),
             ("Atlas Property Group", "3 Market Square", "Leeds LS1 6DT"),
             ("Sunrise Dental Clinic", "27 Rue de Lyon", "Geneva 1201")]
ITEMS = ["Website redesign", "Hosting (12 months)", "Oak dining table", "Site visit and survey", "Consulting hours",
         "Logo artwork", "Steel brackets M8", "Printer toner black", "Annual maintenance", "Delivery and installation"]
DATES = ["%d/%m/%Y", "%m/%d/%Y", "%d %b %Y", "%B %d, %Y", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%b %d, %Y"]
STYLES = ["colon", "columns", "stack", "strip", "right_colon"]
ORDERS = [["description", "quantity", "unit_price", "amount"], ["quantity", "description", "unit_price", "amount"],
          ["description", "unit_price", "quantity", "amount"]]
HEADER_FIELDS = ["invoice_number", "invoice_date", "due_date", "po_number"]


def _money(x: float, style: str) -> str:
    s = f"{x:,.2f}"
    if style == "eu":
        return s.replace(",", "X").replace(".", ",").replace("X", ".")
    return s.replace(",", " ") if style == "space" else s


def _details(c: canvas.Canvas, style: str, labels: dict, header: list[tuple[str, str]]) -> None:
    """The invoice's number, dates and order number in the arrangement `style`."""
    for n, (k, v) in enumerate(header):
        y = 690 - 13 * n
        if style == "colon":
            c.drawString(360, y, f"{labels[k]}: {v}")
        elif style == "right_colon":
            c.drawRightString(460, y, f"{labels[k]}:")
            c.drawString(466, y, v)
        elif style == "columns":
            c.drawString(360, y, labels[k])
            c.drawString(460, y, v)
        elif style == "stack":
            c.drawString(440, 690 - 26 * n, labels[k])
            c.drawString(440, 679 - 26 * n, v)
        else:  # a strip over the items' table
            c.drawString(50 + 130 * n, 600, labels[k])
            c.drawString(50 + 130 * n, 588, v)


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, datefmt, mstyle = r.choice(STYLES), r.choice(DATES), r.choice(["us", "eu", "space"])
    if datefmt == "%m/%d/%Y":
        mstyle = "us"
    vendor, customer = r.choice(VENDORS), r.choice(CUSTOMERS)
    issued = dt.date(2026, r.randint(1, 12), r.randint(1, 28))
    due = issued + dt.timedelta(days=r.choice([14, 30, 45]))
    number = f"{r.choice(['INV-', 'A', '', 'F'])}{r.randint(1000, 99999)}"
    order_no = f"{r.choice(['PO-', 'P', '4500'])}{r.randint(100, 9999)}"
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    heads = {k: r.choice(v) for k, v in HEADERS.items()}
    order = r.choice(ORDERS)
    lines = []
    for item in r.sample(ITEMS, r.randint(2, 6)):
        qty, price = r.randint(1, 12), round(r.uniform(5, 900), 2)
        lines.append((item, qty, price, round(qty * price, 2)))
    subtotal = round(sum(line[3] for line in lines), 2)
    tax = round(subtotal * 0.2, 2)
    total = round(subtotal + tax, 2)
    header = list(zip(HEADER_FIELDS, [number, issued.strftime(datefmt), due.strftime(datefmt), order_no],
                      strict=True))

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, vendor[0])
    c.setFont("Helvetica", 9)
    c.drawString(50, 730, vendor[1])
    c.drawString(50, 719, vendor[2])
    c.setFont("Helvetica-Bold", 18)
    c.drawString(400, 745, r.choice(["INVOICE", "Invoice", "TAX INVOICE"]))
    c.setFont("Helvetica", 9)
    _details(c, style, labels, header)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 690, labels["bill_to"] + r.choice([":", ""]))
    c.setFont("Helvetica", 9)
    for n, text in enumerate(customer):
        c.drawString(50, 678 - 11 * n, text)
    slots = dict(zip(order, [50, 300, 400, 540] if order[0] == "description" else [50, 90, 400, 540], strict=True))

    def cell(k: str, y: float, text: str) -> None:
        left = k == "description" or slots[k] == 50
        (c.drawString if left else c.drawRightString)(slots[k], y, text)

    c.setFont("Helvetica-Bold", 9)
    for k in order:
        cell(k, 560, heads[k])
    c.setFont("Helvetica", 9)
    y = 560
    for item, qty, price, amount in lines:
        y -= 14
        values = {"description": item, "quantity": str(qty), "unit_price": _money(price, mstyle),
                  "amount": _money(amount, mstyle)}
        for k in order:
            cell(k, y, values[k])
    y -= 28
    for k, v in (("subtotal", subtotal), ("tax_amount", tax), ("total", total)):
        c.drawRightString(460, y, labels[k])
        c.drawRightString(540, y, _money(v, mstyle))
        y -= 14
    c.showPage()
    c.save()
    expected = {"invoice_number": number, "invoice_date": issued.isoformat(), "due_date": due.isoformat(),
                "po_number": order_no, "subtotal": subtotal, "tax_amount": tax, "total": total,
                "bill_to.name": customer[0], "vendor.name": vendor[0], "lines": sorted(lines)}
    choices = {"style": style, "date": datefmt, "money": mstyle, **{f"L:{k}": v for k, v in labels.items()},
               "H": "|".join(heads[k] for k in order)}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="invoice.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in (*HEADER_FIELDS, "subtotal", "tax_amount", "total")}
    got["bill_to.name"] = (out.get("bill_to") or {}).get("name")
    got["vendor.name"] = (out.get("vendor") or {}).get("name")
    got["lines"] = sorted((it.get("description"), it.get("quantity"), it.get("unit_price"), it.get("amount"))
                          for it in out.get("line_items") or [])
    return got


def _wording(key: str, choices: dict) -> str | None:
    return choices["H"] if key == "lines" else choices.get(f"L:{key.split('.')[0]}")


if __name__ == "__main__":
    report(make, _read, _wording)
