"""A quick probe of the parties on invoices from the countries the development documents do not print, in
wordings and arrangements written apart from the generalization generator, as bench/invoice_probe.py is for the
invoice's details: the seller's name and address as a letterhead block at the left or the right, as one line of
parts after the name, or only in the page's footer; the buyer's block under a label of its own, boxed or not,
with an attention line, beside a delivery address or not; addresses, tax numbers, money and dates of British,
Canadian, Australian, French, Irish, Belgian and South African invoices. Every leaf of both parties is a field,
with the currency, the invoice date and the total.

    PYTHONPATH=src python bench/address_probe.py 0 80 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/address_probe.py 80 160         # seeds kept for checking: read the first line only

Seeds 0-79 were studied on 2026-12-07 (third session); 80-159 were only ever read as the first line.
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


def _grouped(x: float, group: str, point: str) -> str:
    return f"{x:,.2f}".replace(",", "G").replace(".", point).replace("G", group)


# country: (streets with city, region, postal code), city line styles, country names, tax labels and numbers,
# currency code, money (amount -> text), date formats
COUNTRIES = {
    "GB": dict(places=[("14 Wharf Lane", "Bristol", None, "BS1 4RN"), ("88 Deansgate", "Manchester", None, "M3 2ER"),
                       ("Unit 7 Castle Court", "Cardiff", None, "CF10 1BH"),
                       ("5 Thistle Street", "Edinburgh", None, "EH2 1DF")],
               lines=["city code", "city / code", "city, code"], names=["United Kingdom", "UK", "England", None],
               tax=[("VAT Reg. No.", "GB 284 5519 60"), ("VAT No:", "GB284551960"),
                    ("VAT Registration", "284 5519 60")],
               currency="GBP", money=lambda x: "£" + _grouped(x, ",", "."),
               dates=["%d/%m/%Y", "%d %B %Y", "%d %b %Y"]),
    "CA": dict(places=[("500 King St W", "Toronto", "ON", "M5V 1L9"), ("88 Granville Street", "Vancouver", "BC",
                                                                          "V6C 1T2"),
                       ("1200 Rue Sainte-Catherine O", "Montréal", "QC", "H3B 1K9"),
                       ("21 Sparks Street", "Ottawa", "ON", "K1P 5B4")],
               lines=["city, region  code", "city region code"], names=["Canada", None],
               tax=[("GST/HST No.", "81234 5678 RT0001"), ("GST #", "812345678RT0001"), ("BN:", "812345678")],
               currency="CAD", money=lambda x: "$" + _grouped(x, ",", ".") + " CAD",
               dates=["%Y-%m-%d", "%B %d, %Y", "%d/%m/%Y"]),
    "AU": dict(places=[("12 George Street", "Sydney", "NSW", "2000"), ("45 Collins Street", "Melbourne", "VIC", "3000"),
                       ("7 Adelaide Terrace", "Perth", "WA", "6000"), ("101 Queen Street", "Brisbane", "QLD", "4000")],
               lines=["city region code", "CITY region code", "city region  code"], names=["Australia", None],
               tax=[("ABN", "51 824 753 556"), ("ABN:", "51824753556"), ("A.B.N.", "51 824 753 556")],
               currency="AUD", money=lambda x: "A$" + _grouped(x, ",", "."),
               dates=["%d/%m/%Y", "%d %B %Y", "%d.%m.%Y"]),
    "FR": dict(places=[("27 rue de Lyon", "Paris", None, "75012"), ("8 place Bellecour", "Lyon", None, "69002"),
                       ("14 quai des Chartrons", "Bordeaux", None, "33000")],
               lines=["code city", "code CITY"], names=["France", None],
               tax=[("N° TVA :", "FR 32 123456789"), ("TVA intracom.", "FR32123456789"), ("VAT No.", "FR32123456789")],
               currency="EUR", money=lambda x: _grouped(x, " ", ",") + " €",
               dates=["%d/%m/%Y", "%d.%m.%Y"]),
    "IE": dict(places=[("12 Oliver Plunkett Street", "Cork", None, "T12 X7Y4"),
                       ("3 Eyre Square", "Galway", None, "H91 E2K8"), ("40 Upper Mount Street", "Dublin", None,
                                                                         "D02 PR89")],
               lines=["city code", "city / code", "city, code"], names=["Ireland", "Éire", None],
               tax=[("VAT No.", "IE 6388047V"), ("VAT Reg:", "IE6388047V")],
               currency="EUR", money=lambda x: "€" + _grouped(x, ",", "."),
               dates=["%d/%m/%Y", "%d %B %Y"]),
    "BE": dict(places=[("Rue de la Loi 16", "Brussels", None, "1000"), ("Meir 44", "Antwerpen", None, "2000"),
                       ("Korenmarkt 9", "Gent", None, "9000")],
               lines=["code city"], names=["Belgium", "Belgique", "België", None],
               tax=[("TVA", "BE 0123.456.789"), ("BTW:", "BE0123456789"), ("VAT", "BE 0123 456 789")],
               currency="EUR", money=lambda x: "€ " + _grouped(x, ".", ","),
               dates=["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]),
    "ZA": dict(places=[("12 Long Street", "Cape Town", None, "8001"), ("45 Jan Smuts Avenue", "Johannesburg", None,
                                                                         "2196"),
                       ("9 Florida Road", "Durban", None, "4001")],
               lines=["city code", "city / code"], names=["South Africa", "RSA", None],
               tax=[("VAT No.", "4123456789"), ("VAT Reg No", "4123456789")],
               currency="ZAR", money=lambda x: "R " + _grouped(x, " ", "."),
               dates=["%Y/%m/%d", "%d %B %Y", "%d/%m/%Y"]),
}
SELLERS = ["Harbour Light Studio Ltd", "Kestrel Print & Signs", "Birchwood Analytics Pty Ltd", "Atelier Lumière SARL",
           "Oakfield Veterinary Supplies", "Van Dyck Engineering BV", "Ubuntu Solar (Pty) Ltd", "Northgate Legal LLP"]
BUYERS = ["Maple Leaf Logistics Inc", "Atlas Property Group", "Sunrise Dental Clinic", "Greenway Schools Trust",
          "Coastal Breweries Ltd", "Redfern Medical Centre"]
BILL_LABELS = ["Bill To", "Invoice To", "Billed To", "Customer", "Client", "Invoice Address", "Sold To"]
SHIP_LABELS = ["Ship To", "Deliver To", "Delivery Address", "Site Address"]
SELLER_STYLES = ["block_left", "block_right", "one_line", "footer"]
BUYER_STYLES = ["label_block", "boxed", "attention", "beside_ship"]


def _city_lines(country: dict, style: str, city: str, region: str | None, code: str) -> list[str]:
    shown = city.upper() if "CITY" in style else city
    if style == "city / code":
        return [shown, code]
    text = (style.replace("CITY", "city").replace("city", shown).replace("region", region or "")
            .replace("code", code))
    return [" ".join(text.split()) if "  " not in style else text]


def _address(r: random.Random, country: dict) -> tuple[list[str], dict]:
    """The printed lines of an address and its expected parts."""
    street, city, region, code = r.choice(country["places"])
    style = r.choice(country["lines"])
    name = r.choice(country["names"])
    lines = [street, *_city_lines(country, style, city, region, code)] + ([name] if name else [])
    parts = {"street": street, "city": city.upper() if "CITY" in style else city, "region": region,
             "postal_code": code, "country": name}
    return lines, parts


def two_addresses(r: random.Random, country: dict) -> tuple[tuple, tuple]:
    """Two different addresses of the country, each as (printed lines, expected parts)."""
    first, second = _address(r, country), _address(r, country)
    while second[1] == first[1]:
        second = _address(r, country)
    return first, second


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    key = r.choice(sorted(COUNTRIES))
    country = COUNTRIES[key]
    seller_style, buyer_style = r.choice(SELLER_STYLES), r.choice(BUYER_STYLES)
    seller, buyer = r.choice(SELLERS), r.choice(BUYERS)
    (seller_lines, seller_parts), (buyer_lines, buyer_parts) = two_addresses(r, country)
    tax_label, tax_id = r.choice(country["tax"])
    issued = dt.date(2026, r.randint(1, 12), r.randint(1, 28))
    datefmt = r.choice(country["dates"])
    lines = [(item, r.randint(1, 9), round(r.uniform(20, 600), 2)) for item in
             r.sample(["Design work", "Printing A3 posters", "Site survey", "Annual licence", "Consulting",
                       "Travel expenses", "Installation"], r.randint(2, 4))]
    subtotal = round(sum(q * p for _, q, p in lines), 2)
    tax = round(subtotal * 0.2, 2)
    total = round(subtotal + tax, 2)
    money = country["money"]

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    top = 790
    c.setFont("Helvetica-Bold", 16)
    tax_line = f"{tax_label} {tax_id}"
    if seller_style == "block_right":
        c.drawRightString(545, top, seller)
        c.setFont("Helvetica", 9)
        for n, text in enumerate([*seller_lines, tax_line]):
            c.drawRightString(545, top - 16 - 11 * n, text)
    else:
        c.drawString(50, top, seller)
        c.setFont("Helvetica", 9)
        if seller_style == "block_left":
            for n, text in enumerate([*seller_lines, tax_line]):
                c.drawString(50, top - 16 - 11 * n, text)
        elif seller_style == "one_line":
            sep = r.choice([" · ", " | ", ", "])
            c.drawString(50, top - 16, sep.join(seller_lines))
            c.drawString(50, top - 27, tax_line)
        else:  # the address only in the footer
            c.drawString(50, 40, " · ".join([seller, *seller_lines]))
            c.drawString(50, 29, tax_line)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50 if seller_style == "block_right" else 400, 700, r.choice(["INVOICE", "Tax Invoice", "Invoice"]))
    c.setFont("Helvetica", 9)
    c.drawString(360, 670, f"Invoice No.: {r.randint(1000, 99999)}")
    c.drawString(360, 657, f"Date: {issued.strftime(datefmt)}")
    bill_label = r.choice(BILL_LABELS)
    block = [buyer, *buyer_lines]
    if buyer_style == "attention":
        block.insert(1, r.choice(["Attn: Accounts Payable", "FAO: Finance Department", "Attention: J. Moreau"]))
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 670, bill_label + r.choice([":", ""]))
    c.setFont("Helvetica", 9)
    for n, text in enumerate(block):
        c.drawString(50, 657 - 11 * n, text)
    if buyer_style == "boxed":
        c.rect(44, 657 - 11 * len(block) + 4, 200, 11 * len(block) + 24)
    if buyer_style == "beside_ship":
        other, _ = _address(r, country)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(220, 670, r.choice(SHIP_LABELS) + ":")
        c.setFont("Helvetica", 9)
        for n, text in enumerate([buyer, *other]):
            c.drawString(220, 657 - 11 * n, text)
    y = 560
    c.setFont("Helvetica-Bold", 9)
    for x, head, right in ((50, "Description", False), (330, "Qty", True), (420, "Unit Price", True),
                           (540, "Amount", True)):
        (c.drawRightString if right else c.drawString)(x, y, head)
    c.setFont("Helvetica", 9)
    for item, qty, price in lines:
        y -= 14
        c.drawString(50, y, item)
        c.drawRightString(330, y, str(qty))
        c.drawRightString(420, y, money(price))
        c.drawRightString(540, y, money(round(qty * price, 2)))
    y -= 28
    for label, v in (("Subtotal", subtotal), (r.choice(["VAT 20%", "Tax", "GST"]), tax), ("Total", total)):
        c.drawRightString(440, y, label)
        c.drawRightString(540, y, money(v))
        y -= 14
    c.showPage()
    c.save()
    expected = {"vendor.name": seller, **{f"vendor.address.{k}": v for k, v in seller_parts.items()},
                "vendor.tax_id": tax_id, "bill_to.name": buyer,
                **{f"bill_to.address.{k}": v for k, v in buyer_parts.items()},
                "currency": country["currency"], "invoice_date": issued.isoformat(), "total": total}
    if country["currency"] not in SCHEMA["properties"]["currency"]["enum"]:
        del expected["currency"]  # the schema cannot say "ZAR"
    choices = {"style": f"{key}/{seller_style}/{buyer_style}", "date": datefmt, "bill": bill_label,
               "tax": tax_label}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="invoice.pdf"), ExtractOptions(SCHEMA)).result
    got = {}
    for path in ("vendor.name", "vendor.tax_id", "bill_to.name", "currency", "invoice_date", "total",
                 *(f"{p}.address.{k}" for p in ("vendor", "bill_to")
                   for k in ("street", "city", "region", "postal_code", "country"))):
        node = out
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        got[path] = node
    return got


def _wording(key: str, choices: dict) -> str | None:
    return choices["tax"] if key == "vendor.tax_id" else choices["bill"] if key.startswith("bill_to") else None


if __name__ == "__main__":
    report(make, _read, _wording)
