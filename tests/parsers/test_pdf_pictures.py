"""Words printed as a picture on a digital PDF page (a company block, an IBAN): read by OCR of just
the picture, merged into the page's text-layer words with their boxes."""

from __future__ import annotations

import pytest
from reportlab.lib.utils import ImageReader
from tests.documents import picture_invoice_pdf

from assay.domain.document import Box, TextSource
from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

pytestmark = pytest.mark.ocr


def _inside(box, place, slack=2.0):
    left, top, right, bottom = place
    return left - slack <= box.x <= box.right <= right + slack and top - slack <= box.y <= box.bottom <= bottom + slack


def test_words_in_a_picture_join_the_text_layer_with_their_boxes(ttf_font, tesseract):
    data, place = picture_invoice_pdf(ttf_font)
    page = parse_document(data).pages[0]
    assert page.text_source is TextSource.TEXT_LAYER
    texts = [w.text for w in page.words]
    for word in ["Bellweather", "Tools", "GmbH", "IBAN:", "DE89", "3704", "0044", "0532", "0130", "00",
                 "INV-2042", "$1,250.00"]:
        assert word in texts
    pictured = [w for w in page.words if w.confidence < 1.0]
    assert {w.text for w in pictured} >= {"Bellweather", "DE89"}
    assert all(_inside(w.box, place) for w in pictured)
    company = next(w for w in page.words if w.text == "Bellweather")
    iban = next(w for w in page.words if w.text == "DE89")
    assert company.box.y < iban.box.y  # the picture's first line above its second
    assert 6 < company.box.h < 14  # 40 px letters in a 1400 px picture 350 points wide: ~10 points


def test_the_fast_tier_and_the_setting_leave_pictures_unread(ttf_font, tesseract):
    data, _ = picture_invoice_pdf(ttf_font)
    for page in (parse_document(data, tier="fast").pages[0], parse_document(data, image_ocr=False).pages[0]):
        assert "Bellweather" not in [w.text for w in page.words]
        assert "INV-2042" in [w.text for w in page.words]


def test_the_words_over_a_picture_are_not_read_twice(make_pdf, ttf_font, tesseract):
    """Text drawn over a picture (a letterhead, a stamp) is the text layer's: OCR reads only the rest."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1400, 300), (235, 235, 235))
    ImageDraw.Draw(image).text((40, 200), "Stamped RECEIVED", fill="black", font=ImageFont.truetype(ttf_font, 48))

    def draw(c):
        c.drawImage(ImageReader(image), 50, 500, width=350, height=75)
        c.setFont("Helvetica", 12)
        c.drawString(60, 555, "Letterhead Northwind Supplies")

    page = parse_document(make_pdf(draw)).pages[0]
    texts = [w.text for w in page.words]
    assert texts.count("Northwind") == 1
    assert "RECEIVED" in texts


def test_an_invoice_whose_company_and_iban_are_a_picture_is_extracted_and_cited(ttf_font, tesseract):
    data, place = picture_invoice_pdf(ttf_font)
    doc = parse_document(data, filename="invoice.pdf")
    schema = {"type": "object", "properties": {
        "company": {"type": "string", "description": "The company that issued the invoice"},
        "iban": {"type": "string", "description": "IBAN to pay to"},
        "invoice_number": {"type": "string"}, "total": {"type": "number"}}}
    out = extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    assert out.result == {"company": "Bellweather Tools GmbH", "iban": "DE89 3704 0044 0532 0130 00",
                          "invoice_number": "INV-2042", "total": 1250}
    meta = out.field_metadata["document_metadata"]
    for key in ("company", "iban"):
        citation = meta[key]["citation"][0]
        assert citation["page"] == 1
        assert citation["matching_text"] == out.result[key]
        for box in citation["bounding_boxes"]:
            assert box["w"] > 20
            assert _inside(Box(box["x"], box["y"], box["w"], box["h"]), place)
    invoice_box = meta["invoice_number"]["citation"][0]["bounding_boxes"][0]
    assert invoice_box["y"] > place[3]  # the text layer's own words stay where they were


def test_a_logo_a_photo_and_a_signature_add_no_words(make_pdf, tesseract):
    """Pictures without words: shapes that pass for letters must not join an exact text layer."""
    import math
    import random

    from PIL import Image, ImageDraw

    logo = Image.new("RGB", (600, 200), "white")
    draw = ImageDraw.Draw(logo)
    draw.ellipse((10, 10, 190, 190), fill=(200, 30, 30))
    draw.polygon([(220, 190), (300, 10), (380, 190)], fill=(20, 60, 160))
    for i in range(8):  # a bar chart
        draw.rectangle((400 + 22 * i, 190 - 20 * i, 415 + 22 * i, 190), fill=(30, 30, 30))
    grain = Image.frombytes("L", (400, 300), random.Random(1).randbytes(400 * 300))
    photo = Image.merge("RGB", [Image.linear_gradient("L").rotate(90).resize((400, 300)),
                                Image.linear_gradient("L").resize((400, 300)), grain])
    signature = Image.new("RGB", (500, 120), "white")
    ImageDraw.Draw(signature).line([(20 + 4 * i, 60 + round(30 * math.sin(i / 5))) for i in range(110)],
                                   fill="black", width=4)

    def draw_page(c):
        c.drawImage(ImageReader(logo), 50, 700, width=150, height=50)
        c.drawImage(ImageReader(photo), 350, 600, width=200, height=150)
        c.drawImage(ImageReader(signature), 50, 100, width=150, height=36)
        c.setFont("Helvetica", 10)
        c.drawString(50, 500, "Invoice No.: INV-1 Total: 12.00")

    page = parse_document(make_pdf(draw_page)).pages[0]
    assert [w.text for w in page.words] == ["Invoice", "No.:", "INV-1", "Total:", "12.00"]


def test_many_small_pictures_are_read_as_one_region(make_pdf, ttf_font, tesseract):
    """An icon on every row: one region around them all (one rendering, one Tesseract run), and the
    word in one of them still read."""
    from PIL import Image, ImageDraw, ImageFont

    icon = Image.new("RGB", (120, 120), "white")
    ImageDraw.Draw(icon).ellipse((10, 10, 110, 110), outline="black", width=8)
    label = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(label).text((10, 30), "PAID 2026", fill="black", font=ImageFont.truetype(ttf_font, 60))

    def draw(c):
        c.setFont("Helvetica", 10)
        for row in range(12):
            c.drawImage(ImageReader(icon), 60, 700 - 20 * row, width=12, height=12)
            c.drawString(80, 702 - 20 * row, f"Row {row} of the table")
        c.drawImage(ImageReader(label), 300, 500, width=100, height=20)

    page = parse_document(make_pdf(draw)).pages[0]
    assert [w.text for w in page.words if w.confidence < 1.0] == ["PAID", "2026"]  # the rings are no letters
    assert [w.text for w in page.words].count("Row") == 12
