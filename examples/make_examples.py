"""Make the example documents and their schemas in this folder.

    pip install reportlab          # PDFs are drawn with reportlab (the `test` extra has it)
    python examples/make_examples.py

Writes invoice.pdf, purchase_order.pdf, shipping_manifest.pdf, membership_form.html and one
`<name>.schema.json` for each. Every value is made up; the output is the same on every run. Each
`<name>.expected.json` beside them is what the document prints, written by hand: tests/test_examples.py
extracts every example with its schema and compares.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent


def invoice(path: Path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setTitle("Invoice INV-2026-0415")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(72, 720, "INVOICE")
    pdf.setFont("Helvetica", 10)
    for i, line in enumerate(("Northwind Office Supply", "200 Harbor Way", "Portland, OR 97201")):
        pdf.drawString(400, 724 - 13 * i, line)
    pdf.setFont("Helvetica", 11)
    for i, (label, value) in enumerate(
        (
            ("Invoice Number", "INV-2026-0415"),
            ("Invoice Date", "2026-04-15"),
            ("Due Date", "2026-05-15"),
            ("PO Number", "PO-88231"),
        )
    ):
        pdf.drawString(72, 680 - 16 * i, f"{label}: {value}")
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(72, 600, "Bill To")
    pdf.setFont("Helvetica", 11)
    for i, line in enumerate(("Acme Analytics LLC", "1 Market Street", "San Francisco, CA 94105")):
        pdf.drawString(72, 584 - 14 * i, line)
    y = 520
    pdf.setFont("Helvetica-Bold", 11)
    for x, head in ((72, "Description"), (330, "Quantity"), (410, "Unit Price"), (500, "Amount")):
        pdf.drawString(x, y, head)
    pdf.line(72, y - 4, 540, y - 4)
    pdf.setFont("Helvetica", 11)
    rows = (
        ("Recycled copy paper, A4, 5 reams", 4, 24.50),
        ("Gel pens, black, box of 12", 10, 8.75),
        ("Desk organizer, bamboo", 2, 31.00),
        ("Whiteboard markers, assorted", 6, 5.20),
    )
    subtotal = 0.0
    for description, qty, price in rows:
        y -= 18
        amount = qty * price
        subtotal += amount
        pdf.drawString(72, y, description)
        pdf.drawString(330, y, str(qty))
        pdf.drawRightString(470, y, f"{price:,.2f}")
        pdf.drawRightString(540, y, f"{amount:,.2f}")
    tax = round(subtotal * 0.08, 2)
    for i, (label, value) in enumerate((("Subtotal:", subtotal), ("Tax:", tax), ("Total:", subtotal + tax))):
        pdf.drawString(410, y - 36 - 16 * i, label)
        pdf.drawRightString(540, y - 36 - 16 * i, f"{value:,.2f}")
    pdf.drawString(72, 120, "Payment terms: Net 30. Thank you for your business.")
    pdf.showPage()
    pdf.save()


def purchase_order(path: Path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setTitle("Purchase Order PO-7731")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 720, "PURCHASE ORDER")
    pdf.setFont("Helvetica", 11)
    for i, (label, value) in enumerate(
        (
            ("PO Number", "PO-7731"),
            ("Order Date", "2026-02-03"),
            ("Delivery Date", "2026-02-20"),
            ("Vendor", "Blue Ridge Hardware Co."),
            ("Buyer", "Dana Whitfield"),
        )
    ):
        pdf.drawString(72, 688 - 16 * i, f"{label}: {value}")
    y = 580
    pdf.setFont("Helvetica-Bold", 11)
    for x, head in (
        (72, "Item Code"),
        (160, "Description"),
        (380, "Qty"),
        (430, "Unit Price"),
        (510, "Total"),
    ):
        pdf.drawString(x, y, head)
    pdf.setFont("Helvetica", 11)
    rows = (
        ("HW-1001", "Hex bolts M8 x 40, box of 100", 12, 14.90),
        ("HW-2040", "Hinge, stainless, 3 inch", 40, 3.15),
        ("HW-3312", "Wood glue, 1 gallon", 3, 27.40),
    )
    total = 0.0
    for code, description, qty, price in rows:
        y -= 18
        total += qty * price
        pdf.drawString(72, y, code)
        pdf.drawString(160, y, description)
        pdf.drawString(380, y, str(qty))
        pdf.drawRightString(480, y, f"{price:,.2f}")
        pdf.drawRightString(545, y, f"{qty * price:,.2f}")
    pdf.drawString(430, y - 36, "Order Total:")
    pdf.drawRightString(545, y - 36, f"{total:,.2f}")
    pdf.drawString(72, 400, "Ship To: Whitfield Workshop, 48 Mill Road, Asheville, NC 28801")
    pdf.showPage()
    pdf.save()


MANIFEST_ROWS = (
    ("SKU-4100", "Hinge adhesive kit", 1, 165.1, "Rotterdam DC"),
    ("SKU-4101", "Galvanised tile sheet bracket", 9, 293.0, "Rotterdam DC"),
    ("SKU-4102", "Oak flooring panel", 2, 316.4, "Antwerp Hub"),
    ("SKU-4103", "Copper cable drum", 5, 741.3, "Antwerp Hub"),
    ("SKU-4104", "Rubber gasket set", 3, 58.2, "Rotterdam DC"),
    ("SKU-4105", "Ceramic floor tile", 7, 904.5, "Hamburg Port"),
    ("SKU-4106", "Motor housing fan blade", 4, 212.8, "Hamburg Port"),
    ("SKU-4107", "Safety glass sheet", 6, 480.0, "Rotterdam DC"),
)


def shipping_manifest(path: Path, rows=MANIFEST_ROWS, per_page: int = 30) -> None:
    """A manifest whose one-digit quantities sit 6 pt before the weights and whose codes sit 10 pt
    before the descriptions (closer than a phrase gap), `per_page` rows a page, the header repeated
    on each page and the gross weight under the last row."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setTitle("Shipping manifest MF-20931")
    heads = ((50, "SKU"), (100, "Description"), (250, "Qty"), (272, "Weight (kg)"), (340, "Destination"))
    for start in range(0, len(rows), per_page):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(50, 732, "SHIPPING MANIFEST")
        pdf.setFont("Helvetica", 10)
        for i, line in enumerate(("Manifest No: MF-20931", "Carrier: Atlas Freight Lines", "Ship Date: 2026-03-09")):
            pdf.drawString(50, 712 - 14 * i, line)
        y = 650
        pdf.setFont("Helvetica-Bold", 9)
        for x, head in heads:
            pdf.drawString(x, y, head)
        pdf.setFont("Helvetica", 9)
        for sku, description, qty, weight, destination in rows[start:start + per_page]:
            y -= 14
            pdf.drawString(50, y, sku)
            pdf.drawString(100, y, description)
            pdf.drawRightString(266, y, str(qty))
            pdf.drawString(272, y, f"{weight:.1f}")
            pdf.drawString(340, y, destination)
        if start + per_page >= len(rows):
            pdf.drawString(100, y - 30, "Shipment gross weight")
            pdf.drawString(272, y - 30, f"{sum(r[3] for r in rows):.1f}")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, 40, f"Page {start // per_page + 1} of {-(-len(rows) // per_page)}")
        pdf.showPage()
    pdf.save()


FORM = """<!doctype html>
<html><head><meta charset="utf-8"><title>Membership application</title></head>
<body>
<h1>Riverside Climbing Club: Membership Application</h1>
<p>Full Name: Maria Gonzalez</p>
<p>Email: maria.gonzalez@example.org</p>
<p>Phone: (503) 555-0142</p>
<p>Date of Birth: 1991-07-22</p>
<p>Membership Type: Annual</p>
<p>Start Date: 2026-06-01</p>
<p>Emergency Contact: Luis Gonzalez</p>
<p>☑ I agree to the club safety rules</p>
<p>☐ Subscribe to the monthly newsletter</p>
</body></html>
"""

SCHEMAS = {
    "invoice": {
        "title": "Invoice",
        "type": "object",
        "properties": {
            "invoice_number": {"type": "string", "description": "The invoice's identifier"},
            "invoice_date": {
                "type": "string",
                "format": "date",
                "description": "Date the invoice was issued",
            },
            "due_date": {"type": "string", "format": "date", "description": "Date payment is due"},
            "po_number": {"type": "string", "description": "The buyer's purchase order number"},
            "bill_to": {"type": "string", "description": "Name of the billed customer"},
            "line_items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "quantity": {"type": "number"},
                        "unit_price": {"type": "number"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "subtotal": {"type": "number"},
            "tax": {"type": "number"},
            "total": {"type": "number", "description": "Total amount due"},
        },
        "required": ["invoice_number", "total"],
    },
    "purchase_order": {
        "title": "Purchase order",
        "type": "object",
        "properties": {
            "po_number": {"type": "string", "description": "Purchase order number"},
            "order_date": {"type": "string", "format": "date"},
            "delivery_date": {"type": "string", "format": "date"},
            "vendor": {"type": "string", "description": "Vendor (supplier) name"},
            "buyer": {"type": "string", "description": "Person who placed the order"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "item_code": {"type": "string"},
                        "description": {"type": "string"},
                        "qty": {"type": "number"},
                        "unit_price": {"type": "number"},
                        "total": {"type": "number"},
                    },
                },
            },
            "order_total": {"type": "number"},
        },
    },
    "shipping_manifest": {
        "title": "Shipping manifest",
        "type": "object",
        "properties": {
            "manifest_number": {"type": "string"},
            "carrier": {"type": "string"},
            "ship_date": {"type": "string", "format": "date"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "description": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "weight_kg": {"type": "number"},
                        "destination": {"type": "string"},
                    },
                },
            },
        },
    },
    "membership_form": {
        "title": "Membership application",
        "type": "object",
        "properties": {
            "full_name": {"type": "string"},
            "email": {"type": "string", "format": "email"},
            "phone": {"type": "string"},
            "date_of_birth": {"type": "string", "format": "date"},
            "membership_type": {"type": "string", "enum": ["Monthly", "Annual", "Lifetime"]},
            "start_date": {"type": "string", "format": "date"},
            "emergency_contact": {"type": "string"},
            "agrees_to_safety_rules": {"type": "boolean", "description": "I agree to the club safety rules"},
            "newsletter": {"type": "boolean", "description": "Subscribe to the monthly newsletter"},
        },
    },
}


def main() -> None:
    invoice(HERE / "invoice.pdf")
    purchase_order(HERE / "purchase_order.pdf")
    shipping_manifest(HERE / "shipping_manifest.pdf")
    (HERE / "membership_form.html").write_text(FORM, encoding="utf-8")
    for name, schema in SCHEMAS.items():
        (HERE / f"{name}.schema.json").write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {len(SCHEMAS)} documents and {len(SCHEMAS)} schemas to {HERE}")


if __name__ == "__main__":
    main()
