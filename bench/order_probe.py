#!/usr/bin/env python3
"""A quick probe of purchase orders in wordings and arrangements written apart from the generalization generator,
as bench/invoice_probe.py is for invoices: the buyer's letterhead, the supplier's block under a heading of its own,
the order's details as "Label: value" lines or a column of labels beside their values; the items in a table of one
of several column orders, with its own header wordings, the unit in a column of its own or printed after the
quantity, amounts with a currency sign or none, in decimal points or decimal commas; the totals under the table.
Each item is counted as one field (code, description, quantity, unit, price and line total right).

    PYTHONPATH=src python bench/order_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/order_probe.py 60 120         # seeds kept for checking: read the first line only

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

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "purchase_order.json").read_text())
LABELS = {"po_number": ["PO Number", "Purchase Order No.", "Order #", "P.O.", "Order Ref.", "Our Order No."],
          "order_date": ["Order Date", "Date", "Date Issued", "Dated", "Date of Order", "Raised"],
          "delivery_date": ["Delivery Date", "Required By", "Deliver By", "Need By", "Requested Delivery",
                            "Expected"],
          "subtotal": ["Subtotal", "Net Total", "Goods Value", "Total before tax", "Items Total"],
          "tax": ["Tax", "VAT", "Sales Tax", "GST 10%", "VAT 20%"],
          "shipping": ["Shipping", "Freight", "Delivery Charge", "Carriage", "Postage & Packing"],
          "total": ["Total", "Order Total", "Grand Total", "Total Due", "Amount Payable"]}
HEADERS = {"code": ["Item #", "SKU", "Part No.", "Article", "Product Code", "Cat. No.", "Ref."],
           "description": ["Description", "Item Description", "Product", "Goods", "Details", "Specification"],
           "quantity": ["Qty", "Quantity", "Units", "Ordered", "Pcs"],
           "unit": ["Unit", "UoM", "U/M", "Pack", "Measure"],
           "price": ["Unit Price", "Price", "Rate", "Each", "Unit Cost", "Price/Unit"],
           "amount": ["Total", "Amount", "Line Total", "Ext. Price", "Net", "Extended"]}
ORDERS = [("code", "description", "quantity", "unit", "price", "amount"),
          ("description", "code", "quantity", "price", "amount"),
          ("quantity", "unit", "code", "description", "price", "amount"),
          ("code", "description", "price", "quantity", "amount"),
          ("code", "quantity", "description", "unit", "price", "amount")]
GOODS = [("Copper pipe 15 mm x 3 m", "LEN"), ("Hi-vis safety vest", "PCS"), ("A4 copier paper, 80 gsm", "BOX"),
         ("Stainless hex bolt M8 x 40", "BAG"), ("Cable ties 300 mm", "PK"), ("Nitrile gloves, large", "BOX"),
         ("LED panel 600 x 600", "EA"), ("Concrete anchor 12 x 100", "BOX"), ("Pallet wrap film", "RL"),
         ("Safety goggles", "EA")]
BUYERS = [("Harbour Light Studio Ltd", "12 Quay Street", "Bristol BS1 4DJ"),
          ("Nordwind Technik GmbH", "Industriestr. 21", "70565 Stuttgart"),
          ("Cedar & Pine Joinery", "880 Mill Road", "Portland, OR 97203")]
SUPPLIERS = [("Ember Fasteners Inc.", "76 Harbor Pkwy", "Boise, ID 83702"),
             ("QKB Print Works LLC", "643 W Franklin Dr", "Columbus, OH 43215"),
             ("Lindqvist Byggteknik AB", "Storgatan 12", "411 38 Goteborg")]
SUPPLIER_HEADS = ["Supplier", "Vendor", "To", "Order From", "Seller"]
MONEY = [("$", "USD"), ("€", "EUR"), ("£", "GBP")]
DATES = ["%d/%m/%Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y"]
STYLES = ["colon", "columns"]
FIGURES = ("quantity", "price", "amount")
WIDTH = {"code": 70, "description": 170, "unit": 40}


def _money(v: float, comma: bool) -> str:
    text = f"{v:,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".") if comma else text


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt, order = r.choice(STYLES), r.choice(DATES), r.choice(ORDERS)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    heads = {k: r.choice(v) for k, v in HEADERS.items()}
    (symbol, currency), comma = r.choice(MONEY), r.random() < 0.3
    buyer, supplier, supplier_head = r.choice(BUYERS), r.choice(SUPPLIERS), r.choice(SUPPLIER_HEADS)
    ordered = dt.date(2026, r.randint(1, 11), r.randint(1, 28))
    delivery = ordered + dt.timedelta(days=r.randint(7, 30))
    po = f"{r.choice(['PO-', 'P', '4500', ''])}{r.randint(10000, 99999)}"
    items = []
    for text, unit in r.sample(GOODS, r.randint(3, 7)):
        qty, price = r.randint(1, 250), round(r.uniform(0.5, 400), 2)
        items.append((f"{r.choice('ABCDEFGH')}{r.choice('KLMNPRST')}-{r.randint(1000, 9999)}", text, qty, unit,
                      price, round(qty * price, 2)))
    subtotal = round(sum(i[5] for i in items), 2)
    tax = round(subtotal * 0.1, 2)
    shipping = round(r.uniform(10, 90), 2)
    total = round(subtotal + tax + shipping, 2)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 745, buyer[0])
    c.setFont("Helvetica", 9)
    c.drawString(50, 732, f"{buyer[1]}, {buyer[2]}")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(420, 745, r.choice(["PURCHASE ORDER", "Purchase Order", "Order"]))
    c.setFont("Helvetica", 9)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 700, supplier_head)
    c.setFont("Helvetica", 9)
    for n, line in enumerate(supplier):
        c.drawString(50, 688 - 12 * n, line)
    details = [(labels["po_number"], po), (labels["order_date"], ordered.strftime(fmt)),
               (labels["delivery_date"], delivery.strftime(fmt))]
    draw_details(c, style, details)
    unit_apart = "unit" in order
    rows = [{"code": code, "description": text, "unit": unit, "quantity": str(qty) if unit_apart else f"{qty} {unit}",
             "price": _money(price, comma), "amount": _money(amount, comma)}
            for code, text, qty, unit, price, amount in items]
    y = draw_table(c, order, heads, rows, FIGURES, WIDTH, 620, 55.0) - 30
    for label, value in ((labels["subtotal"], subtotal), (labels["tax"], tax), (labels["shipping"], shipping),
                         (labels["total"], total)):
        c.drawString(360, y, label)
        c.drawRightString(540, y, f"{symbol}{_money(value, comma)}" if label == labels["total"] else
                          _money(value, comma))
        y -= 13
    c.showPage()
    c.save()
    expected = {"po_number": po, "order_date": ordered.isoformat(), "delivery_date": delivery.isoformat(),
                "buyer": buyer[0], "supplier": supplier[0], "currency": currency, "subtotal": subtotal, "tax": tax,
                "shipping": shipping, "total": total}
    for n, item in enumerate(items):
        expected[f"item{n}"] = item
    choices = {"style": style, **labels, "table": "|".join(heads[c] for c in order), "date": fmt,
               "supplier": supplier_head}
    return buf.getvalue(), expected, choices


def draw_details(c: canvas.Canvas, style: str, details: list[tuple[str, str]]) -> None:
    """The document's details at the right: "Label: value" lines, or a column of labels beside their values."""
    for n, (label, value) in enumerate(details):
        if style == "colon":
            c.drawString(340, 700 - 13 * n, f"{label}: {value}")
        else:
            c.drawString(340, 700 - 13 * n, label)
            c.drawString(450, 700 - 13 * n, value)


def draw_table(c: canvas.Canvas, order: tuple[str, ...], heads: dict[str, str], rows: list[dict[str, str]],
               figures: tuple[str, ...], widths: dict[str, float], y: float, figure_width: float) -> float:
    """A table of the columns in `order` under their headers from y down, text left-aligned and `figures`
    right-aligned, each column wide enough for its header to stand apart; the y of its last row."""
    xs, x = {}, 50.0
    for col in order:
        if col in figures:
            x += max(figure_width, stringWidth(heads[col], "Helvetica-Bold", 9) + 15)
            xs[col] = x
            x += 15
        else:
            xs[col] = x
            x += max(widths[col], stringWidth(heads[col], "Helvetica-Bold", 9) + 15)
    c.setFont("Helvetica-Bold", 9)
    for col in order:
        (c.drawRightString if col in figures else c.drawString)(xs[col], y, heads[col])
    c.setFont("Helvetica", 9)
    for cells in rows:
        y -= 13
        for col in order:
            (c.drawRightString if col in figures else c.drawString)(xs[col], y, cells[col])
    return y


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="order.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in ("po_number", "order_date", "delivery_date", "currency", "subtotal", "tax",
                                   "shipping", "total")}
    got["buyer"] = (out.get("buyer") or {}).get("name")
    got["supplier"] = (out.get("supplier") or {}).get("name")
    read = [(i.get("item_code"), i.get("description"), i.get("quantity"), i.get("unit"), i.get("unit_price"),
             i.get("line_total")) for i in out.get("items") or []]
    return ListRead(got, read, "item")


def item_wording(key: str, choices: dict) -> str | None:
    """The wording a failure is counted under: an item's, its table's headers; a field's, its label."""
    if key.startswith("item"):
        return choices["table"]
    return choices.get(key, "")


if __name__ == "__main__":
    report(make, _read, item_wording)
