from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont
from tests.documents import till_roll_photo

from assay.domain.document import TextSource
from assay.errors import DocumentTooLargeError
from assay.parsers import parse_document
from assay.parsers.ocr import ENGINE_SWITCH

pytestmark = pytest.mark.ocr

DPI = 200
LINES = [
    (150, 150, "INVOICE NUMBER 48213"),
    (150, 260, "Total amount due 1,234.50"),
    (150, 370, "Thank you for your business"),
]


def _page_image(font_path: str, size=(1700, 1000)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 48)
    for x, y, text in LINES:
        draw.text((x, y), text, font=font, fill=0)
    return image


def _png(image: Image.Image, **kw) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), **kw)
    return buffer.getvalue()


def _find(page, text):
    return next(w for w in page.words if w.text == text)


def _ink_box(image: Image.Image, x: int, y: int, text: str, font_path: str):
    font = ImageFont.truetype(font_path, 48)
    left, top, right, bottom = ImageDraw.Draw(image).textbbox((x, y), text, font=font)
    return [v * 72 / DPI for v in (left, top, right, bottom)]


def test_image_words_are_in_points_where_drawn(ttf_font, tesseract):
    image = _page_image(ttf_font)
    doc = parse_document(_png(image))
    page = doc.pages[0]
    assert page.text_source is TextSource.OCR
    assert (page.width, page.height) == pytest.approx((1700 * 72 / DPI, 1000 * 72 / DPI))
    assert "INVOICE NUMBER 48213" in page.text
    assert "1,234.50" in page.text
    assert 0.7 < page.ocr_confidence <= 1
    word = _find(page, "48213")
    _, y0, x1, _ = _ink_box(image, 150, 150, "INVOICE NUMBER 48213", ttf_font)
    assert word.box.right == pytest.approx(x1, abs=1.5)
    assert word.box.y == pytest.approx(y0, abs=1.5)


def test_skewed_scan_is_deskewed_and_boxes_map_back(ttf_font, tesseract):
    image = _page_image(ttf_font).rotate(1.2, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    page = parse_document(_png(image)).pages[0]
    assert "Total amount due 1,234.50" in page.text
    word = _find(page, "1,234.50")
    assert page.deskew is not None
    assert page.deskew[0] == pytest.approx(-1.2, abs=0.3)
    box = page.source_box(word.box)
    ink = image.crop((int(box.x * DPI / 72) - 3, int(box.y * DPI / 72) - 3,
                      int(box.right * DPI / 72) + 3, int(box.bottom * DPI / 72) + 3))
    assert ink.getextrema()[0] < 100  # the mapped box covers ink of the original, skewed image


def test_sideways_scan_is_turned_upright(ttf_font, tesseract):
    upright = _page_image(ttf_font, size=(1700, 1400))
    draw = ImageDraw.Draw(upright)
    font = ImageFont.truetype(ttf_font, 40)
    for i in range(6):
        draw.text((150, 520 + 110 * i), f"Line {i} of a longer body of text for orientation", font=font, fill=0)
    sideways = upright.transpose(Image.Transpose.ROTATE_90)  # turned counter-clockwise
    page = parse_document(_png(sideways)).pages[0]
    assert page.rotation == 90
    assert "INVOICE NUMBER 48213" in page.text
    # boxes are in the frame of the sideways image as uploaded: the word is tall and narrow
    word = _find(page, "48213")
    assert word.box.h > word.box.w
    assert page.width == pytest.approx(1400 * 72 / DPI)


def test_scanned_pdf_page_is_ocrd_and_digital_page_is_not(make_pdf, ttf_font, tmp_path, tesseract):
    path = tmp_path / "scan.png"
    _page_image(ttf_font, size=(1700, 2200)).save(path, dpi=(DPI, DPI))

    def scanned(c):
        c.drawImage(str(path), 0, 0, width=612, height=792)

    def digital(c):
        c.drawString(72, 700, "A digital page with its own text layer")

    doc = parse_document(make_pdf(digital, scanned))
    first, second = doc.pages
    assert first.text_source is TextSource.TEXT_LAYER
    assert second.text_source is TextSource.OCR
    assert "1,234.50" in second.text
    word = _find(second, "48213")
    assert 150 * 72 / DPI < word.box.x < 612
    assert 40 < word.box.y < 70
    fast = parse_document(make_pdf(digital, scanned), tier="fast")
    assert fast.pages[1].words == []


def test_multi_page_tiff_with_page_selection(ttf_font, tesseract):
    frames = [_page_image(ttf_font, size=(1700, 500)) for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], dpi=(DPI, DPI))
    doc = parse_document(buffer.getvalue(), target_pages="2-3", max_pages=1)
    assert doc.page_count == 3
    assert [p.number for p in doc.pages] == [2]
    assert "48213" in doc.pages[0].text


def test_giant_image_is_refused_before_decoding():
    image = Image.new("1", (12000, 8000), 1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    with pytest.raises(DocumentTooLargeError):
        parse_document(buffer.getvalue())


def test_a_scanned_ruled_table_is_read_cell_by_cell(ttf_font, tesseract):
    """Grey rules a scan blurred are painted out before recognition (Tesseract reads them as "|" or "1" and
    fuses the cells beside them) and come back as the page's rules: the table is a ruled one, one value a cell."""
    rows = [("Code", "Qty", "Unit"), ("FC54460", "11", "EA"), ("AE11702", "2", "HR"), ("EJ12162", "3", "JOB")]
    xs, height = (100, 420, 560, 720), 70
    image = Image.new("L", (1000, 500), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(ttf_font, 36)
    top = 60
    for i, row in enumerate(rows):
        y = top + i * height
        for x, text in zip(xs, row, strict=False):
            right_aligned = text.isdigit()
            tx = x + 20 if not right_aligned else x + (xs[2] - xs[1]) - 20 - draw.textlength(text, font=font)
            draw.text((tx, y + 15), text, font=font, fill=20)
    for y in range(top, top + height * len(rows) + 1, height):
        draw.line((xs[0], y, xs[-1], y), fill=150, width=3)
    for x in xs:
        draw.line((x, top, x, top + height * len(rows)), fill=150, width=3)
    page = parse_document(_png(image)).pages[0]
    assert not any("|" in w.text for w in page.words)
    ruled = [t for t in page.tables if t.ruled]
    assert len(ruled) == 1
    cells = {(c.row, c.col): " ".join(w.text for w in c.words) for c in ruled[0].cells}
    assert [cells[(r, c)] for r in range(4) for c in range(3)] == [t for row in rows for t in row]


def test_an_email_split_at_its_at_sign_is_one_word():
    from assay.parsers.ocr import _join_at_signs

    line = [("Email:", 0, 0, 60, 20, 0.9), ("paula.morales", 70, 0, 130, 20, 0.9), ("@", 204, 0, 16, 20, 0.8),
            ("example.org", 224, 2, 110, 20, 0.95), ("tel", 400, 0, 30, 20, 0.9)]
    assert [w[0] for w in _join_at_signs(line)] == ["Email:", "paula.morales@example.org", "tel"]
    joined = _join_at_signs(line)[1]
    assert joined[1:5] == (70, 0, 264, 22)
    assert joined[5] == 0.8
    # a word a column away, or words that make no address, stay apart
    far = [("rajiv", 0, 0, 50, 20, 0.9), ("@proton.me", 300, 0, 100, 20, 0.9)]
    assert [w[0] for w in _join_at_signs(far)] == ["rajiv", "@proton.me"]
    handle = [("Follow", 0, 0, 60, 20, 0.9), ("@assay", 66, 0, 60, 20, 0.9), ("now", 130, 0, 30, 20, 0.9)]
    assert [w[0] for w in _join_at_signs(handle)] == ["Follow", "@assay", "now"]
    price = [("2", 0, 0, 10, 20, 0.9), ("@", 14, 0, 16, 20, 0.9), ("8.20", 34, 0, 40, 20, 0.9)]
    assert [w[0] for w in _join_at_signs(price)] == ["2", "@", "8.20"]
    pair = [("rajiviyer", 0, 0, 90, 20, 0.5), ("@proton.me", 95, 0, 100, 20, 0.9)]
    assert [w[0] for w in _join_at_signs(pair)] == ["rajiviyer@proton.me"]


def test_a_ring_read_as_a_symbol_or_glued_to_its_label_is_a_radio_button_and_one_inside_a_word_a_letter():
    from assay.parsers.ocr import _rings_read
    from assay.parsers.pixels import TickBox

    words = [("Contact", 0, 0, 140, 30, 0.9), ("O", 160, 0, 28, 30, 0.6), ("Email", 200, 0, 90, 30, 0.9),
             ("OPhone", 320, 0, 130, 30, 0.7), ("Contoso", 0, 100, 200, 30, 0.9)]
    rings = [TickBox((160, 0, 188, 28), False, ring=True), TickBox((320, 0, 348, 28), True, ring=True),
             TickBox((116, 102, 144, 130), False, ring=True)]  # the second "o" of "Contoso"
    kept_words, kept = _rings_read(words, rings)
    assert [t.box[0] for t in kept] == [160, 320]
    assert [w[0] for w in kept_words] == ["Contact", "Email", "Phone", "Contoso"]
    assert kept_words[2][1] >= 348


def test_a_lone_bar_between_words_is_a_separator_and_elsewhere_a_rules_remains():
    from assay.parsers.ocr import _separators_kept

    line = [("88", 0, 0, 20, 20, 0.9), ("Deansgate", 26, 0, 100, 20, 0.9), ("|", 134, 0, 4, 22, 0.8),
            ("Manchester", 146, 0, 110, 20, 0.9), ("|", 400, 0, 4, 22, 0.8)]
    assert [w[0] for w in _separators_kept(line)] == ["88", "Deansgate", "|", "Manchester"]
    cells = [("Qty", 0, 0, 30, 20, 0.9), ("|", 90, 0, 4, 22, 0.8), ("Price", 160, 0, 50, 20, 0.9)]
    assert [w[0] for w in _separators_kept(cells)] == ["Qty", "Price"]


def test_small_print_is_read_again_larger(ttf_font, tesseract, monkeypatch):
    """A photographed till roll whose letters are ~8 pixels tall: Tesseract misreads them at that size."""
    monkeypatch.setenv(ENGINE_SWITCH, "tesseract")  # PP-OCR reads every line at 48 pixels high anyway
    lines = ["KAWASAN PERINDUSTRIAN TAMPOI, 81200 JOHOR BAHRU", "INVOICE OR18032402170368 DATE 24 MAR 2018",
             "TOTAL AMOUNT RM 9.20 GST 6% RM 0.52", "THANK YOU AND PLEASE COME AGAIN"]
    photo = till_roll_photo(ttf_font, lines, size=(600, 200), type_px=11, left=20, top=20, step=19, paper=250,
                            ink=30, blur=0.6, quality=70)
    page = parse_document(photo, filename="receipt.jpg").pages[0]
    assert [line for line in lines if line in page.text] == lines
    point = page.width / 600  # boxes stay in the image's own points, not the enlarged copy's
    total = _find(page, "9.20")
    assert 100 * point < total.box.x < 200 * point
    assert 4 * point < total.box.h < 16 * point


def test_a_small_mark_starting_a_line_is_a_bullet_and_a_dash_or_a_letter_is_not():
    from assay.parsers.ocr import _bullet_read

    item = [("¢", 72, 147, 3, 3, 0.8), ("Cut", 78, 145, 14, 7, 0.97), ("costs", 95, 145, 20, 7, 0.97)]
    assert [w[0] for w in _bullet_read(item)] == ["•", "Cut", "costs"]
    assert _bullet_read(item)[0][1:] == item[0][1:]
    dash = [("-", 72, 149, 5, 1, 0.8), ("Cut", 78, 145, 14, 7, 0.97)]
    assert _bullet_read(dash) == dash
    letter = [("a", 72, 147, 4, 4, 0.8), ("Cut", 78, 145, 14, 7, 0.97)]
    assert _bullet_read(letter) == letter
    big = [("*", 72, 145, 6, 7, 0.8), ("Cut", 78, 145, 14, 7, 0.97)]  # as tall as the words: a mark of its own
    assert _bullet_read(big) == big
