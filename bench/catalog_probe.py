#!/usr/bin/env python3
"""A quick probe of catalog product pages in wordings and arrangements written apart from the generalization
generator, as bench/invoice_probe.py is for invoices: the product's name as the page heading, its article number
under another label, the category as a breadcrumb or a label, the price with its currency as a sign or a code,
dimensions as one "W x D x H" line, as three labelled lines or in a small specification table, the weight, the
colours as a list after a label, availability in other words, the warranty as a phrase or a label.

    PYTHONPATH=src python bench/catalog_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/catalog_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07 (second session); 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from probe_score import report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "catalog.json").read_text())
# (name, category, breadcrumb words for it)
PRODUCTS = [("Fjord Lounge Chair", "Furniture", "Living Room > Chairs"), ("Aurora Pendant Lamp", "Lighting",
            "Lamps & Lights > Ceiling"), ("Copperline Saucepan Set", "Kitchen", "Cook & Dine > Pans"),
            ("Teak Garden Bench", "Outdoor", "Garden > Seating"), ("Linen Throw Blanket", "Textiles",
            "Home Textiles > Throws"), ("Stackable Oak Crate", "Storage", "Organisation > Boxes")]
SKU_LABELS = ["Art. no.", "Item #", "Product code", "Model", "Ref.", "SKU"]
PRICE_LABELS = ["", "Price", "Our price", "RRP", "Now only"]
MONEY = [("$", "USD", "{s}{v:,.2f}"), ("€", "EUR", "{v:,.2f} {s}"), ("£", "GBP", "{s}{v:,.2f}"),
         ("CHF", "CHF", "{s} {v:,.2f}"), ("CA$", "CAD", "{s}{v:,.2f}"), ("AUD", "AUD", "{v:,.2f} {s}")]
COLOURS = ["Natural Oak", "Walnut", "Charcoal", "Sage Green", "Off-White", "Brass", "Terracotta", "Navy"]
STOCK = [("In stock", True), ("Available now", True), ("Ready to ship", True), ("Made to order", False),
         ("Sold out", False), ("Back in stock in 3 weeks", False)]
WARRANTY = ["{n}-year warranty", "Guarantee: {n} years", "Warranty: {n} yrs", "{n} years manufacturer's guarantee"]
STYLES = ["line", "labelled", "table"]


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style = r.choice(STYLES)
    name, category, crumb = r.choice(PRODUCTS)
    sku_label, price_label = r.choice(SKU_LABELS), r.choice(PRICE_LABELS)
    sign, currency, shape = r.choice(MONEY)
    sku = r.choice([f"{r.randint(100, 999)}.{r.randint(100, 999)}.{r.randint(10, 99)}", f"AX-{r.randint(1000, 9999)}",
                    f"{r.randint(10000000, 99999999)}"])
    price = round(r.uniform(19, 1900), 2)
    width, depth, height = r.randint(20, 220), r.randint(15, 110), r.randint(5, 200)
    weight = round(r.uniform(0.4, 60), 1) if r.random() < 0.8 else None
    colours = r.sample(COLOURS, r.randint(1, 4))
    stock, in_stock = r.choice(STOCK)
    years = r.choice([1, 2, 5, 10, None])
    by_crumb = r.random() < 0.5

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 8)
    c.drawString(50, 760, f"Home > {crumb}" if by_crumb else "Spring Collection 2026")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(50, 725, name)
    c.setFont("Helvetica", 10)
    c.drawString(50, 705, f"{sku_label} {sku}")
    c.setFont("Helvetica-Bold", 16)
    shown = shape.format(s=sign, v=price)
    c.drawString(50, 675, f"{price_label} {shown}".strip())
    c.setFont("Helvetica", 10)
    y = 645
    lines: list[tuple[str, str]] = []
    if not by_crumb:
        lines.append(("Category", category))
    if style == "line":
        lines.append(("Dimensions", f"W {width} x D {depth} x H {height} cm"))
    else:
        lines += [("Width", f"{width} cm"), ("Depth", f"{depth} cm"), ("Height", f"{height} cm")]
    if weight is not None:
        lines.append(("Weight", f"{weight:g} kg"))
    lines.append((r.choice(["Colours", "Available finishes", "Colour options"]), ", ".join(colours)))
    if style == "table":
        c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y, "Specifications")
        y -= 16
        c.setFont("Helvetica", 10)
        for label, value in lines:
            c.rect(48, y - 4, 300, 15, stroke=1, fill=0)
            c.drawString(52, y, label)
            c.drawString(180, y, value)
            y -= 15
    else:
        for label, value in lines:
            c.drawString(50, y, f"{label}: {value}")
            y -= 14
    y -= 14
    c.drawString(50, y, stock)
    if years is not None:
        y -= 14
        c.drawString(50, y, r.choice(WARRANTY).format(n=years))
    c.showPage()
    c.save()
    expected = {"product_name": name, "sku": sku, "category": category, "price": price, "currency": currency,
                "width": width, "depth": depth, "height": height, "weight_kg": weight, "colors": sorted(colours),
                "in_stock": in_stock, "warranty_years": years}
    choices = {"style": style, "sku": sku_label, "price": price_label, "currency": sign, "category": str(by_crumb),
               "in_stock": stock}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="page.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in ("product_name", "sku", "category", "price", "currency", "weight_kg", "in_stock",
                                   "warranty_years")}
    got.update({k: (out.get("dimensions_cm") or {}).get(k) for k in ("width", "depth", "height")})
    got["colors"] = sorted(out.get("colors") or [])
    return got


def _wording(key: str, choices: dict) -> str | None:
    return choices.get(key, "")


if __name__ == "__main__":
    report(make, _read, _wording)
