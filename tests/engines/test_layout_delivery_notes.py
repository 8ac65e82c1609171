"""Delivery notes printed unlike the development documents: the unit printed after the delivered quantity (not the
ordered one) in its cell; a column headed "Supplied", no heading of the supplier's block; the customer's "PO"
spelled out by the order reference's description. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.engines.layout import abbrev
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

ADDRESS = {"type": "object", "description": "Postal address.", "properties": {
    k: {"type": ["string", "null"]} for k in ("street", "city", "region", "postal_code", "country")}}
PARTY = {"type": "object", "properties": {"name": {"type": "string", "description": "Name of the company or person."},
                                          "address": ADDRESS}}
NOTE = {"type": "object", "title": "Delivery note", "properties": {
    "delivery_note_number": {"type": "string", "description": "The delivery note / packing slip's own number."},
    "order_reference": {"type": ["string", "null"],
                        "description": "The customer's purchase order or sales order number this delivery fulfils."},
    "supplier": {**PARTY, "description": "The company sending the goods."},
    "ship_to": {**PARTY, "description": "The party and address the goods are delivered to."},
    "carrier": {"type": ["string", "null"], "description": "Carrier / courier / transport company as printed."},
    "items": {"type": "array", "description": "Every delivered line.", "items": {"type": "object", "properties": {
        "item_code": {"type": ["string", "null"], "description": "Product code / SKU of the line."},
        "description": {"type": "string", "description": "Item description as printed."},
        "quantity_ordered": {"type": ["number", "null"], "description": "Quantity ordered."},
        "quantity_delivered": {"type": "number", "description": "Quantity shipped / delivered on this note."},
        "unit": {"type": ["string", "null"], "description": "Unit of measure as printed (e.g. EA, BOX)."}}}}}}

LINES = [("CS-9291", "Cable ties 300 mm", 150, 122, "PK"), ("GR-1846", "LED panel 600 x 600", 236, 236, "EA"),
         ("AT-7141", "Hi-vis safety vest", 91, 91, "PCS")]


SHIPPED = (("SKU", 50, 0), ("Goods", 125, 1), ("Ordered", 340, 2), ("Shipped", 420, 3))


def _note(columns: tuple[tuple[str, float, int], ...] = SHIPPED, space: str = " ") -> dict:
    """A delivery note whose items table has the given columns: (header, x, which cell of code, description,
    ordered, shipped with its unit), text left-aligned at x, figures right-aligned at x."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 745, "Lindqvist Byggteknik AB")
    c.setFont("Helvetica", 9)
    c.drawString(50, 732, "Storgatan 12, 411 38 Goteborg")
    for n, line in enumerate(["Deliver To", "Cedar & Pine Joinery", "880 Mill Road", "Portland, OR 97203"]):
        c.drawString(50, 700 - 12 * n, line)
    for n, line in enumerate(["Dispatch Note: DN-28334", "Customer PO: PO-20780", "Transport Co.: DB Schenker"]):
        c.drawString(340, 700 - 13 * n, line)
    y = 600
    for head, x, k in columns:
        (c.drawRightString if k >= 2 else c.drawString)(x, y, head)
    for code, text, ordered, shipped, unit in LINES:
        y -= 13
        cells = (code, text, str(ordered), f"{shipped}{space}{unit}")
        for _, x, k in columns:
            (c.drawRightString if k >= 2 else c.drawString)(x, y, cells[k])
    c.showPage()
    c.save()
    return extract_document(parse_document(buf.getvalue(), filename="note.pdf"), ExtractOptions(NOTE)).result


def test_the_unit_printed_after_the_delivered_quantity_fills_the_unit():
    out = _note()
    assert [(i["item_code"], i["quantity_ordered"], i["quantity_delivered"], i["unit"]) for i in out["items"]] == [
        (code, ordered, shipped, unit) for code, _, ordered, shipped, unit in LINES]


def test_a_unit_run_into_its_figure_is_read_apart_from_it():
    # "122PK": printed so, or a scan's recognition lost the space; the column still counts, its unit still fills
    out = _note(space="")
    assert [(i["quantity_delivered"], i["unit"]) for i in out["items"]] == [
        (shipped, unit) for _, _, _, shipped, unit in LINES]


def test_a_column_headed_supplied_is_no_heading_of_the_suppliers_block():
    out = _note((("Item #", 50, 0), ("Order Qty", 172, 2), ("Supplied", 250, 3), ("Goods", 265, 1)))
    assert out["supplier"]["name"] != "122 PK"  # the first cell under "Supplied"


def test_initials_the_fields_description_spells_out_name_it():
    assert _note()["order_reference"] == "PO-20780"


def test_capitals_beside_words_the_description_does_not_use_are_no_initials_of_it():
    # "TN" of an address line spells "transaction number" in a receipt number's description, but "Leachmouth"
    # is no word of it: a state's code, not initials
    described = "Receipt / transaction / ticket number as printed"
    assert abbrev.spelled_out("LEACHMOUTH, TN", described) is None
    assert abbrev.spelled_out("Customer PO", NOTE["properties"]["order_reference"]["description"]) == (
        "Customer purchase order")


def test_a_title_in_the_schemas_words_standing_over_the_senders_block_is_no_name():
    # "Delivery Docket" is set large and apart at the top; the sender's block (name, street, town) comes under it,
    # and the customer's block under that.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 18)
    c.drawString(36, 740, "Delivery Docket")
    c.setFont("Helvetica", 10)
    for n, line in enumerate(["García & Thompson V.O.F.", "Marktgracht 626", "4835 RV Breda"]):
        c.drawString(36, 700 - 12.8 * n, line)
    for n, line in enumerate(["Delivery Note No.: D/1756/KS", "Order Number: 3958/HN"]):
        c.drawString(316, 700 - 14.7 * n, line)
    for n, line in enumerate(["Sharma & Okafor V.O.F.", "Lindekade 2", "8041 RC Zwolle"]):
        c.drawString(36, 640 - 12.8 * n, line)
    c.showPage()
    c.save()
    out = extract_document(parse_document(buf.getvalue(), filename="note.pdf"), ExtractOptions(NOTE)).result
    assert out["supplier"]["name"] == "García & Thompson V.O.F."
    assert out["supplier"]["address"]["street"] == "Marktgracht 626"
