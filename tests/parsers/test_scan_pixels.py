"""Tick boxes, rules and text that OCR left unread, from the pixels of generated scans."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from assay.parsers import parse_document, pixels

DPI = 200
EM = 10 * DPI / 72


def _noisy(image: Image.Image, seed: int = 3) -> Image.Image:
    """Grey paper, speckle and a little blur, as a scanner leaves them."""
    rng = random.Random(seed)
    image = image.point(lambda v: 235 if v > 128 else 40)
    draw = ImageDraw.Draw(image)
    for _ in range(3000):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        draw.point((x, y), fill=rng.choice((120, 200, 255)))
    return image.filter(ImageFilter.GaussianBlur(0.8))


def _form(font_path: str) -> tuple[Image.Image, list[tuple[tuple[int, int], bool]]]:
    image = Image.new("L", (1500, 500), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 36)
    draw.text((60, 60), "Do you have pets?", font=font, fill=0)
    boxes = [((420, 60), False), ((620, 60), True), ((60, 200), True), ((330, 200), False)]
    labels = ["Yes", "No", "Email", "Phone"]
    for ((x, y), checked), label in zip(boxes, labels, strict=True):
        draw.rectangle((x, y, x + 30, y + 30), outline=0, width=3)
        if checked:
            draw.line((x + 6, y + 6, x + 24, y + 24), fill=0, width=3)
            draw.line((x + 24, y + 6, x + 6, y + 24), fill=0, width=3)
        draw.text((x + 42, y - 4), label, font=font, fill=0)
    draw.line((60, 350, 1400, 350), fill=0, width=3)  # a rule: not a box
    return image, boxes


def test_tick_boxes_and_their_state_from_pixels(ttf_font):
    image, boxes = _form(ttf_font)
    ink, paper = pixels.ink_mask(_noisy(image))
    assert paper > 200
    found = sorted(pixels.tick_boxes(ink, EM), key=lambda t: (t.box[1], t.box[0]))
    expected = sorted(boxes, key=lambda b: (b[0][1], b[0][0]))
    assert [t.checked for t in found] == [c for _, c in expected]
    assert [t.box[0] for t in found] == pytest.approx([x for (x, _), _ in expected], abs=3)


def test_letters_and_rules_are_not_tick_boxes(ttf_font):
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "DOOR ID BOX", font=ImageFont.truetype(ttf_font, 40), fill=0)
    draw.rectangle((40, 150, 1100, 230), outline=0, width=3)  # a field box, far larger than a tick box
    ink, _ = pixels.ink_mask(image)
    assert pixels.tick_boxes(ink, EM) == []
    assert any(r[2] - r[0] > 1000 for r in pixels.rules(ink, int(4 * EM), 4))


def _question(font_path: str, question: str) -> tuple[Image.Image, ImageDraw.ImageDraw, ImageFont.FreeTypeFont]:
    image = Image.new("L", (1500, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 36)
    draw.text((60, 60), question, font=font, fill=0)
    return image, draw, font


def _ticks(image: Image.Image) -> list[tuple[int, bool]]:
    """The tick boxes found in the scanned image: (left edge, checked), top to bottom, left to right."""
    ink, _ = pixels.ink_mask(_noisy(image))
    return [(t.box[0], t.checked) for t in sorted(pixels.tick_boxes(ink, EM), key=lambda t: (t.box[1], t.box[0]))]


def test_a_filled_square_among_empty_boxes_is_the_ticked_option(ttf_font):
    image, draw, font = _question(ttf_font, "Status")
    for x, label, filled in ((300, "Employed", False), (620, "Student", True), (900, "Retired", False)):
        draw.rectangle((x, 60, x + 30, 90), outline=0, width=3, fill=0 if filled else None)
        draw.text((x + 42, 56), label, font=font, fill=0)
    draw.rectangle((60, 250, 90, 280), fill=0)  # a square bullet with no empty box on its row: no tick box
    draw.text((102, 246), "Terms apply", font=font, fill=0)
    assert _ticks(image) == [(pytest.approx(300, abs=3), False), (pytest.approx(620, abs=3), True),
                             (pytest.approx(900, abs=3), False)]


def test_radio_buttons_are_rings_in_a_group_and_the_dotted_one_is_chosen(ttf_font):
    image, draw, font = _question(ttf_font, "Contact by")
    for x, label, chosen in ((300, "Email", False), (560, "Phone", True), (820, "Post", False)):
        draw.ellipse((x, 62, x + 30, 92), outline=0, width=3)
        if chosen:
            draw.ellipse((x + 9, 71, x + 21, 83), fill=0)
        draw.text((x + 42, 56), label, font=font, fill=0)
    draw.text((60, 250), "O Good food, cool room", font=font, fill=0)  # letters are no radio buttons
    draw.ellipse((700, 252, 730, 282), outline=0, width=3)  # a chosen option alone on its row: its dot says so
    draw.ellipse((709, 261, 721, 273), fill=0)
    draw.text((742, 246), "I agree", font=font, fill=0)
    assert _ticks(image) == [(pytest.approx(300, abs=3), False), (pytest.approx(560, abs=3), True),
                             (pytest.approx(820, abs=3), False), (pytest.approx(700, abs=3), True)]


@pytest.mark.parametrize("size", [16, 18, 20])
def test_bowls_of_letters_in_small_print_are_not_tick_boxes(ttf_font, size):
    """A phone photo of a receipt (96 dpi, so pixels are taken for small points): the bowl of a "P",
    "d" or "b", an "o" among letters and the blot of a full stop are about a box's size, but they are
    not boxes; the drawn boxes a space from their labels are still found, with their state."""
    em = 10 * 96 / 72
    image = Image.new("L", (700, 120), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(ttf_font, size)
    draw.text((20, 20), "KEPONG BDO Pedo Tax No. Deb", font=font, fill=0)
    draw.rectangle((20, 70, 33, 83), outline=0, width=2)
    draw.text((42, 68), "Paid", font=font, fill=0)
    draw.rectangle((120, 70, 133, 83), outline=0, width=2)
    draw.line((123, 73, 130, 80), fill=0, width=2)
    draw.line((130, 73, 123, 80), fill=0, width=2)
    draw.text((142, 68), "Due", font=font, fill=0)
    draw.ellipse((300, 74, 307, 81), fill=0)  # a full stop of large print: a solid blot, no ring
    ink, _ = pixels.ink_mask(image.filter(ImageFilter.GaussianBlur(0.6)))
    found = sorted(pixels.tick_boxes(ink, em), key=lambda t: t.box[0])
    assert [(t.box[0], t.box[1], t.checked) for t in found] == [(20, 70, False), (120, 70, True)]


def test_unread_regions_are_the_ink_no_word_covers(ttf_font):
    image = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(ttf_font, 36)
    draw.text((60, 60), "CHICKEN BREAST", font=font, fill=0)
    draw.text((900, 60), "14.97", font=font, fill=0)
    draw.line((60, 200, 1100, 200), fill=0, width=3)
    ink, _ = pixels.ink_mask(image)
    read = [draw.textbbox((60, 60), "CHICKEN BREAST", font=font)]
    rule = [(50, 195, 1110, 205)]
    regions = pixels.unread_regions(ink, read + rule, EM)
    assert len(regions) == 1
    left, top, right, bottom = regions[0]
    assert left < 900 < 1000 < right
    assert top < 80 < bottom


@pytest.mark.ocr
def test_scanned_form_tick_boxes_become_checkboxes_and_glyph_words(ttf_font, tesseract):
    image, boxes = _form(ttf_font)
    buffer = io.BytesIO()
    _noisy(image).rotate(0.8, fillcolor=235, expand=True, resample=Image.Resampling.BILINEAR).save(
        buffer, format="PNG", dpi=(DPI, DPI))
    page = parse_document(buffer.getvalue()).pages[0]
    assert sorted(c.checked for c in page.checkboxes) == sorted(c for _, c in boxes)
    text = page.text
    assert "☐ Yes" in text
    assert "☑ No" in text
    assert "☑ Email" in text
    assert "☐ Phone" in text
    for cb in page.checkboxes:  # boxes in points of the original image
        assert 0 < cb.box.x < 1500 * 72 / DPI
        assert 0 < cb.box.w < 14


@pytest.mark.ocr
def test_a_column_dropped_by_page_segmentation_is_read_again(ttf_font, tesseract):
    from assay.parsers import ocr

    image = Image.new("L", (1000, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(ttf_font, 30)
    amounts = ["14.97", "20.09", "10.09", "1.36"]
    first_pass = []  # what a first pass that dropped the right-hand column read
    for i, amount in enumerate(amounts):
        left, top, right, bottom = draw.textbbox((60, 80 + 150 * i), f"ITEM {i + 1}", font=font)
        draw.text((60, 80 + 150 * i), f"ITEM {i + 1}", font=font, fill=0)
        first_pass.append((f"ITEM {i + 1}", left, top, right - left, bottom - top, 0.95))
        draw.text((850, 120 + 150 * i), amount, font=font, fill=0)
    image = _noisy(image)
    ink, paper = pixels.ink_mask(image)
    again = ocr._reread(image, ink, first_pass, [], paper, EM, DPI)
    assert [w[0] for w in sorted(again, key=lambda w: w[2])] == amounts
    assert all(800 < w[1] < 900 for w in again)  # boxes back in the page image's pixels
