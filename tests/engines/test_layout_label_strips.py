"""A strip of labels over a strip of values ("Invoice No. | Invoice Date | Due Date | PO Number" over the four
values) under a large title, above the items' table: each label's value is the phrase under it, also where
the labels are wordings neither the synonym table nor meaning alone would read without a colon. The strip
is no table's header (the rows of figures further down are the items table's, under its own header) and the
title over it labels nothing. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = {"type": "object", "properties": {
    "invoice_number": {"type": "string", "description": "The invoice's own identifier exactly as printed."},
    "invoice_date": {"type": "string", "format": "date", "description": "Date the invoice was issued."},
    "due_date": {"type": ["string", "null"], "format": "date", "description": "Payment due date."},
    "po_number": {"type": ["string", "null"], "description": "Customer purchase order number."},
    "total": {"type": "number"},
    "line_items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"}, "amount": {"type": "number"}}}}}}
VALUES = ("A-5521", "04.03.2026", "03.04.2026", "PO-7781")


def _invoice(labels: tuple[str, ...]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(60, 740, "Blue Fjord Consulting AS")
    c.drawString(60, 726, "Strandgata 4, 5013 Bergen")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(60, 682, "INVOICE")
    for j, (label, value) in enumerate(zip(labels, VALUES, strict=True)):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(60 + 120 * j, 662, label)
        c.setFont("Helvetica", 10)
        c.drawString(60 + 120 * j, 648, value)
    y = 610
    for row in (("Description", "Qty", "Amount"), ("Workshop facilitation", "2", "300.00"),
                ("Travel costs", "1", "120.00")):
        c.drawString(60, y, row[0])
        c.drawRightString(330, y, row[1])
        c.drawRightString(450, y, row[2])
        y -= 14
    c.drawString(330, y - 14, "Total")
    c.drawRightString(450, y - 14, "420.00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("labels", [("Invoice No.", "Invoice Date", "Due Date", "PO Number"),
                                    ("Ref.", "Date of invoice", "Payment deadline", "Purchase order")],
                         ids=["known", "reworded"])
def test_each_label_of_a_strip_reads_the_value_under_it(labels):
    doc = parse_document(_invoice(labels), filename="invoice.pdf")
    out = extract_document(doc, ExtractOptions(SCHEMA, cite_sources=True, confidence_scores=True)).result
    assert (out["invoice_number"], out["invoice_date"], out["due_date"], out["po_number"]) == (
        "A-5521", "2026-03-04", "2026-04-03", "PO-7781")
    assert [(it["description"], it["quantity"], it["amount"]) for it in out["line_items"]] == [
        ("Workshop facilitation", 2, 300), ("Travel costs", 1, 120)]
    assert out["total"] == 420


def test_a_strip_of_labels_right_above_the_items_table_is_no_header_of_it():
    # the strip's last label ("PO Ref") sits over the white strips of the table's columns under it, which cut it
    # into words that name two of the item's fields; the row under its values names more of them: the header
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, "Cedar & Pine Joinery")
    c.setFont("Helvetica", 9)
    for n, line in enumerate(["88 Elm Street", "97205 Portland"]):
        c.drawString(50, 730 - 11 * n, line)
    for n, line in enumerate(["Invoice To:", "Maple Leaf Logistics Inc", "500 King St W", "Toronto M5V 1L9"]):
        c.drawString(50, 690 - 12 * n, line)
    for j, (label, value) in enumerate([("Bill Number", "F36920"), ("Invoice Date", "2026-07-01"),
                                        ("Due By", "2026-07-31"), ("PO Ref", "45007640")]):
        c.drawString(50 + 130 * j, 600, label)
        c.drawString(50 + 130 * j, 588, value)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, 560, "Description")
    for x, text in ((300, "Pcs"), (400, "Per Unit"), (540, "Total")):
        c.drawRightString(x, 560, text)
    c.setFont("Helvetica", 9)
    rows = [("Logo artwork", 4, 86.43), ("Steel brackets M8", 7, 852.31), ("Hosting (12 months)", 2, 596.47),
            ("Website redesign", 3, 487.84), ("Annual maintenance", 10, 504.56), ("Consulting hours", 12, 797.59)]
    for n, (desc, qty, price) in enumerate(rows):
        y = 546 - 14 * n
        c.drawString(50, y, desc)
        for x, text in ((300, str(qty)), (400, f"{price:,.2f}".replace(",", " ")),
                        (540, f"{qty * price:,.2f}".replace(",", " "))):
            c.drawRightString(x, y, text)
    c.drawRightString(460, 440, "Invoice Total")
    c.drawRightString(540, 440, "23 585.03")
    c.showPage()
    c.save()
    item = {"type": "object", "properties": {
        "item_code": {"type": ["string", "null"], "description": "Product code / SKU of the line."},
        **SCHEMA["properties"]["line_items"]["items"]["properties"], "unit_price": {"type": "number"}}}
    schema = {**SCHEMA, "properties": {**SCHEMA["properties"], "line_items": {"type": "array", "items": item}}}
    out = extract_document(parse_document(buf.getvalue(), filename="invoice.pdf"), ExtractOptions(schema)).result
    assert sorted((it["description"], it["quantity"], it["amount"]) for it in out["line_items"]) == sorted(
        (desc, qty, round(qty * price, 2)) for desc, qty, price in rows)
    assert (out["invoice_date"], out["po_number"]) == ("2026-07-01", "45007640")


def test_a_strip_over_a_table_whose_header_does_not_line_up_with_it_is_still_a_strip():
    # the items' header ("Count | Details | Each | Value") lines up with too few of the strip's labels to count as
    # the next header row, and the items' rows under it line up with three: the strip is no table's header
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 9)
    c.drawString(50, 745, "Harbour Light Studio Ltd")
    for j, (label, value) in enumerate([("Number", "A69981"), ("Issue Date", "2026-11-06"),
                                        ("Payment Deadline", "2026-12-06"), ("PO Ref", "P544")]):
        c.drawString(50 + 130 * j, 600, label)
        c.drawString(50 + 130 * j, 588, value)
    c.setFont("Helvetica-Bold", 9)
    for x, text, right in ((50, "Count", False), (90, "Details", False), (400, "Each", True), (540, "Value", True)):
        (c.drawRightString if right else c.drawString)(x, 560, text)
    c.setFont("Helvetica", 9)
    for n, (qty, desc, price, total) in enumerate([("2", "Delivery and installation", "610.47", "1 220.94"),
                                                   ("5", "Steel brackets M8", "361.27", "1 806.35")]):
        y = 546 - 14 * n
        c.drawString(50, y, qty)
        c.drawString(90, y, desc)
        c.drawRightString(400, y, price)
        c.drawRightString(540, y, total)
    c.drawRightString(460, 500, "Total")
    c.drawRightString(540, 500, "3 027.29")
    c.showPage()
    c.save()
    out = extract_document(parse_document(buf.getvalue(), filename="invoice.pdf"), ExtractOptions(SCHEMA)).result
    assert (out["invoice_number"], out["invoice_date"], out["po_number"]) == ("A69981", "2026-11-06", "P544")
    assert [(it["description"], it["amount"]) for it in out["line_items"]] == [
        ("Delivery and installation", 1220.94), ("Steel brackets M8", 1806.35)]


def test_a_strip_whose_labels_only_meaning_knows_reads_each_value_under_its_label():
    schema = {"type": "object", "title": "Payslip", "properties": {
        "employer_name": {"type": "string", "description": "Name of the employer."},
        "employee_name": {"type": "string", "description": "Employee's name as printed."},
        "employee_id": {"type": ["string", "null"],
                        "description": "Employee / payroll / staff number; null if none is printed."}}}
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 740, "Harbour Light Studio Ltd")
    c.setFont("Helvetica", 9)
    for x, label, value in ((50, "Staff Member", "Maja Eriksson"), (200, "Payroll No.", "EMP5048")):
        c.drawString(x, 700, label)
        c.drawString(x, 688, value)
    c.drawString(50, 650, "Paid On: 30.11.2026")
    c.showPage()
    c.save()
    got = extract_document(parse_document(buf.getvalue(), filename="slip.pdf"), ExtractOptions(schema)).result
    assert got["employee_id"] == "EMP5048"
    assert got["employee_name"] == "Maja Eriksson"  # the strip's other label, by elimination


def test_a_column_of_label_value_pairs_is_no_strip_of_labels_over_values():
    schema = {"type": "object", "title": "Delivery note", "properties": {
        "order_reference": {"type": ["string", "null"], "description": "The customer's purchase order number."},
        "carrier": {"type": ["string", "null"], "description": "Carrier / courier / transport company as printed."},
        "tracking_number": {"type": ["string", "null"], "description": "Tracking, waybill or consignment number."}}}
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 9)
    for y, label, value in ((700, "Order No.", "PO-20780"), (688, "Transport", "DB Schenker"),
                            (676, "Consignment No.", "3945620625")):
        c.drawString(330, y, label)
        c.drawString(450, y, value)
    c.showPage()
    c.save()
    got = extract_document(parse_document(buf.getvalue(), filename="dn.pdf"), ExtractOptions(schema)).result
    assert got["carrier"] == "DB Schenker"  # not the row under it, as a label over its value would have
