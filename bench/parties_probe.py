"""A quick probe of the parties on purchase orders and delivery notes from the countries the development documents
do not print, as bench/address_probe.py is for invoices (its countries, addresses and letterhead arrangements):
the issuer's letterhead (the buyer's on an order, the supplier's on a delivery note); the other party's block under
a heading of its own, beside or under a delivery address, boxed or with an attention line; an order may name no
delivery address. Every leaf of every party is a field, with the document's number and date.

    PYTHONPATH=src python bench/parties_probe.py 0 80 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/parties_probe.py 80 160         # seeds kept for checking: read the first line only

Seeds 0-79 were studied on 2026-12-07 (third session); 80-159 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from address_probe import BUYERS, COUNTRIES, SELLER_STYLES, SELLERS, _address, two_addresses
from probe_score import report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMAS = {kind: json.loads((Path(__file__).with_name("gen") / "schemas" / f"{kind}.json").read_text())
           for kind in ("purchase_order", "delivery_note")}
# per kind: the issuer's field, the other party's field and its headings, the delivery block's headings
KINDS = {
    "purchase_order": dict(issuer="buyer", other="supplier", number="po_number", date="order_date",
                           title=["PURCHASE ORDER", "Purchase Order", "Order"],
                           other_heads=["Supplier", "Vendor", "To", "Order From", "Supplier Details", "Purchase From"],
                           ship_heads=["Ship To", "Deliver To", "Delivery Address", "Shipping Address"],
                           number_labels=["PO No.", "Order Number", "P.O. #", "Our Order Ref"]),
    "delivery_note": dict(issuer="supplier", other="ship_to", number="delivery_note_number", date="delivery_date",
                          title=["DELIVERY NOTE", "Delivery Docket", "Packing Slip", "Dispatch Note"],
                          other_heads=["Deliver To", "Consignee", "Ship To", "Delivery Address", "Customer",
                                       "Recipient"],
                          ship_heads=[],
                          number_labels=["Delivery Note No.", "Docket No.", "Note #", "Dispatch No."]),
}
OTHER_STYLES = ["stacked", "side_by_side", "boxed", "attention"]
SITES = ["Central Warehouse", "Distribution Centre", "Goods Inwards", "Site Office"]


def _block(c: canvas.Canvas, x: float, y: float, heading: str, lines: list[str], boxed: bool) -> float:
    """A heading and its lines from (x, y) down; the y under the block."""
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x, y, heading)
    c.setFont("Helvetica", 9)
    for n, text in enumerate(lines):
        c.drawString(x, y - 13 - 11 * n, text)
    bottom = y - 13 - 11 * len(lines)
    if boxed:
        c.rect(x - 6, bottom + 4, 200, y - bottom + 8)
    return bottom


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    kind = ["purchase_order", "delivery_note"][seed % 2]
    spec = KINDS[kind]
    key = r.choice(sorted(COUNTRIES))
    country = COUNTRIES[key]
    issuer_style, other_style = r.choice(SELLER_STYLES), r.choice(OTHER_STYLES)
    issuer, other = r.choice(SELLERS), r.choice(BUYERS)
    (issuer_lines, issuer_parts), (other_lines, other_parts) = two_addresses(r, country)
    issued = dt.date(2026, r.randint(1, 12), r.randint(1, 28))
    datefmt = r.choice(country["dates"])
    number = f"{r.choice(['PO-', 'P', ''] if kind == 'purchase_order' else ['DN', 'D-', ''])}{r.randint(1000, 99999)}"
    ship = spec["ship_heads"] and r.random() < 0.6
    ship_lines, ship_parts = _address(r, country)
    ship_name = f"{issuer} - {r.choice(SITES)}"

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    top = 790
    c.setFont("Helvetica-Bold", 16)
    if issuer_style == "block_right":
        c.drawRightString(545, top, issuer)
        c.setFont("Helvetica", 9)
        for n, text in enumerate(issuer_lines):
            c.drawRightString(545, top - 16 - 11 * n, text)
    else:
        c.drawString(50, top, issuer)
        c.setFont("Helvetica", 9)
        if issuer_style == "block_left":
            for n, text in enumerate(issuer_lines):
                c.drawString(50, top - 16 - 11 * n, text)
        elif issuer_style == "one_line":
            c.drawString(50, top - 16, r.choice([" · ", " | ", ", "]).join(issuer_lines))
        else:
            c.drawString(50, 40, " · ".join([issuer, *issuer_lines]))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50 if issuer_style == "block_right" else 360, 705, r.choice(spec["title"]))
    c.setFont("Helvetica", 9)
    number_label = r.choice(spec["number_labels"])
    c.drawString(360, 680, f"{number_label}: {number}")
    c.drawString(360, 667, f"Date: {issued.strftime(datefmt)}")
    other_head = r.choice(spec["other_heads"])
    block = [other, *other_lines]
    if other_style == "attention":
        block.insert(1, r.choice(["Attn: Sales Ledger", "FAO: Goods Inwards", "Contact: P. Naidoo"]))
    bottom = _block(c, 50, 660, other_head + r.choice([":", ""]), block, other_style == "boxed")
    if ship:
        head = r.choice(spec["ship_heads"]) + ":"
        lines = [ship_name, *ship_lines]
        if other_style == "side_by_side":
            _block(c, 230, 660, head, lines, False)
        else:
            _block(c, 50, bottom - 20, head, lines, False)
    y = 470
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, y, "Description")
    c.drawRightString(400, y, "Qty")
    c.setFont("Helvetica", 9)
    for item in r.sample(["Pallet wrap 500 mm", "Cable ties 200 mm", "Safety boots size 9", "Copier paper A4"], 3):
        y -= 14
        c.drawString(50, y, item)
        c.drawRightString(400, y, str(r.randint(1, 40)))
    c.showPage()
    c.save()
    expected = {f"{spec['issuer']}.name": issuer,
                **{f"{spec['issuer']}.address.{k}": v for k, v in issuer_parts.items()},
                f"{spec['other']}.name": other, **{f"{spec['other']}.address.{k}": v for k, v in other_parts.items()},
                spec["number"]: number, spec["date"]: issued.isoformat()}
    if kind == "purchase_order":
        expected["ship_to.name"] = ship_name if ship else None
        expected.update({f"ship_to.address.{k}": v if ship else None for k, v in ship_parts.items()})
    choices = {"style": f"{kind[:2]}/{key}/{issuer_style}/{other_style}", "date": datefmt, "head": other_head,
               "number": number_label, "kind": kind}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes, choices: dict) -> dict:
    kind = choices["kind"]
    out = extract_document(parse_document(pdf, filename="note.pdf"), ExtractOptions(SCHEMAS[kind])).result
    got = {}
    for path in _paths(kind):
        node = out
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        got[path] = node
    return got


def _paths(kind: str) -> list[str]:
    spec = KINDS[kind]
    parties = [spec["issuer"], spec["other"], *(["ship_to"] if kind == "purchase_order" else [])]
    return [spec["number"], spec["date"], *(f"{p}.name" for p in parties),
            *(f"{p}.address.{k}" for p in parties for k in ("street", "city", "region", "postal_code", "country"))]


def _wording(key: str, choices: dict) -> str | None:
    return choices["head"] if key.split(".")[0] == KINDS[choices["kind"]]["other"] else None


if __name__ == "__main__":
    report(make, _read, _wording, with_choices=True)
