#!/usr/bin/env python3
"""A quick probe of delivery notes in wordings and arrangements written apart from the generalization generator,
as bench/order_probe.py is for purchase orders: the supplier's letterhead, the consignee's block under a heading of
its own, the note's details as "Label: value" lines or a column of labels beside their values (number, date, order
reference, carrier, tracking number); the items in a table of one of several column orders with its own header
wordings, the ordered quantity beside the delivered one or not, the unit in a column of its own or after the
quantity; the packages and the weight under the table. Each item is counted as one field.

    PYTHONPATH=src python bench/delivery_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/delivery_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07; 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from order_probe import BUYERS, DATES, GOODS, STYLES, SUPPLIERS, draw_details, draw_table, item_wording
from probe_score import ListRead, report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "delivery_note.json").read_text())
LABELS = {"number": ["Delivery Note No.", "Packing Slip #", "Dispatch Note", "DN Number", "Despatch No.",
                     "Delivery No."],
          "date": ["Delivery Date", "Dispatch Date", "Shipped On", "Date Shipped", "Date", "Despatched"],
          "order": ["Order Ref.", "Your Order", "PO Number", "Customer PO", "Sales Order", "Order No."],
          "carrier": ["Carrier", "Shipped Via", "Courier", "Haulier", "Transport"],
          "tracking": ["Tracking No.", "Waybill", "Consignment No.", "Tracking #", "AWB"],
          "packages": ["Packages", "No. of Cartons", "Parcels", "Total Packages", "Boxes"],
          "weight": ["Gross Weight", "Total Weight", "Weight", "Gross Wt.", "Shipment Weight"]}
HEADERS = {"code": ["Item #", "SKU", "Part No.", "Product Code", "Cat. No."],
           "description": ["Description", "Item Description", "Product", "Goods", "Details"],
           "ordered": ["Ordered", "Qty Ordered", "Order Qty", "Qty Ord."],
           "delivered": ["Delivered", "Qty Shipped", "Shipped", "Qty Del.", "Supplied"],
           "unit": ["Unit", "UoM", "U/M", "Pack"]}
ORDERS = [("code", "description", "ordered", "delivered", "unit"), ("description", "code", "delivered", "unit"),
          ("code", "description", "delivered"), ("delivered", "unit", "code", "description"),
          ("code", "ordered", "delivered", "description")]
CONSIGNEE_HEADS = ["Ship To", "Deliver To", "Consignee", "Delivery Address", "Recipient"]
CARRIERS = ["DHL Express", "Kuehne + Nagel", "UPS", "Own vehicle", "DB Schenker"]
FIGURES = ("ordered", "delivered")
WIDTH = {"code": 75, "description": 175, "unit": 40}


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt, order = r.choice(STYLES), r.choice(DATES), r.choice(ORDERS)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    heads = {k: r.choice(v) for k, v in HEADERS.items()}
    supplier, consignee, head = r.choice(SUPPLIERS), r.choice(BUYERS), r.choice(CONSIGNEE_HEADS)
    shipped = dt.date(2026, r.randint(1, 11), r.randint(1, 28))
    number = f"{r.choice(['DN-', 'PS', 'D'])}{r.randint(10000, 99999)}"
    reference = f"{r.choice(['PO-', '4500', 'SO-'])}{r.randint(1000, 99999)}"
    carrier, tracking = r.choice(CARRIERS), f"{r.choice(['1Z', 'JD', ''])}{r.randint(10**9, 10**10 - 1)}"
    packages, weight = r.randint(1, 30), round(r.uniform(2, 900), 1)
    items = []
    for text, unit in r.sample(GOODS, r.randint(3, 7)):
        ordered = r.randint(1, 250)
        delivered = ordered if r.random() < 0.7 else r.randint(1, ordered)
        items.append((f"{r.choice('ABCDEFGH')}{r.choice('KLMNPRST')}-{r.randint(1000, 9999)}", text, ordered,
                      delivered, unit))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 745, supplier[0])
    c.setFont("Helvetica", 9)
    c.drawString(50, 732, f"{supplier[1]}, {supplier[2]}")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(420, 745, r.choice(["DELIVERY NOTE", "Packing Slip", "Dispatch Note"]))
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 700, head)
    c.setFont("Helvetica", 9)
    for n, line in enumerate(consignee):
        c.drawString(50, 688 - 12 * n, line)
    details = [(labels["number"], number), (labels["date"], shipped.strftime(fmt)), (labels["order"], reference),
               (labels["carrier"], carrier), (labels["tracking"], tracking)]
    draw_details(c, style, details)
    unit_apart = "unit" in order
    rows = [{"code": code, "description": text, "unit": unit, "ordered": str(ordered),
             "delivered": str(delivered) if unit_apart else f"{delivered} {unit}"}
            for code, text, ordered, delivered, unit in items]
    y = draw_table(c, order, heads, rows, FIGURES, WIDTH, 600, 50.0) - 30
    for label, value in ((labels["packages"], str(packages)), (labels["weight"], f"{weight} kg")):
        c.drawString(50, y, f"{label}: {value}")
        y -= 13
    c.showPage()
    c.save()
    expected = {"number": number, "date": shipped.isoformat(), "order": reference, "carrier": carrier,
                "tracking": tracking, "packages": packages, "weight": weight, "supplier": supplier[0],
                "ship_to": consignee[0]}
    for n, (code, text, ordered, delivered, unit) in enumerate(items):
        expected[f"item{n}"] = (code if "code" in order else None, text, ordered if "ordered" in order else None,
                                delivered, unit)
    choices = {"style": style, **labels, "table": "|".join(heads[c] for c in order), "date": fmt,
               "ship_to": head}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="note.pdf"), ExtractOptions(SCHEMA)).result
    got = {"number": out.get("delivery_note_number"), "date": out.get("delivery_date"),
           "order": out.get("order_reference"), "carrier": out.get("carrier"), "tracking": out.get("tracking_number"),
           "packages": out.get("total_packages"), "weight": out.get("gross_weight_kg"),
           "supplier": (out.get("supplier") or {}).get("name"), "ship_to": (out.get("ship_to") or {}).get("name")}
    read = [(i.get("item_code"), i.get("description"), i.get("quantity_ordered"), i.get("quantity_delivered"),
             i.get("unit")) for i in out.get("items") or []]
    return ListRead(got, read, "item")


if __name__ == "__main__":
    report(make, _read, item_wording)
