"""PP-OCR, the default recogniser of scans: its own steps, and what it reads where Tesseract misreads."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from tests.documents import till_roll_photo

from assay.parsers import parse_document, ppocr
from assay.parsers.ocr import ENGINE_SWITCH

pytestmark = pytest.mark.ocr

# a photographed till roll: grey paper, small letters, blur and JPEG blocks
TILL = ["UNIHAKKA INTERNATIONAL SDN BHD", "12, Jalan Tampoi 7/4, Kawasan Perindustrian",
        "Tampoi, 81200 Johor Bahru, Johor", "Invoice # OR18031902160324", "Total Amount: $8.20"]


def _till_roll(font_path: str) -> bytes:
    return till_roll_photo(font_path, TILL, size=(560, 220), type_px=13, left=24, top=22, step=36, paper=236,
                           ink=40, blur=0.7, quality=55)


def _words(page) -> list[str]:
    return [w.text for w in page.words]


def test_a_photographed_till_roll_is_read_word_for_word_where_tesseract_misreads(ttf_font, tesseract, monkeypatch):
    photo = _till_roll(ttf_font)
    page = parse_document(photo, filename="till.jpg").pages[0]
    read = " ".join(_words(page))
    assert all(line in read for line in TILL), read
    total = next(w for w in page.words if w.text == "$8.20")
    font = ImageFont.truetype(ttf_font, 13)
    x = 24 + ImageDraw.Draw(Image.new("L", (1, 1))).textlength("Total Amount: ", font=font)
    left, top, right, bottom = ImageDraw.Draw(Image.new("L", (1, 1))).textbbox((x, 22 + 4 * 36), "$8.20", font=font)
    point = page.width / 560
    assert total.box.x == pytest.approx(left * point, abs=2 * point)
    assert total.box.right == pytest.approx(right * point, abs=2 * point)
    # the line's type, from its highest ink down to where its descenders would end, not the detector's padded line
    assert total.box.y == pytest.approx(top * point, abs=2 * point)
    assert bottom * point - 2 * point <= total.box.bottom <= (bottom + 0.35 * (bottom - top)) * point
    line = [w for w in page.words if abs(w.box.y - total.box.y) < 4 * point]
    assert {w.text for w in line} == {"Total", "Amount:", "$8.20"}
    assert len({(round(w.box.y, 3), round(w.box.h, 3)) for w in line}) == 1
    assert 0.5 < min(w.confidence for w in page.words) <= 1.0

    monkeypatch.setenv(ENGINE_SWITCH, "tesseract")  # the same photo through Tesseract alone
    by_tesseract = " ".join(_words(parse_document(photo, filename="till.jpg").pages[0]))
    assert sum(line in by_tesseract for line in TILL) < len(TILL), by_tesseract


def test_blobs_are_found_whole_diagonals_included():
    mask = np.zeros((12, 20), dtype=bool)
    mask[1:3, 1:8] = True  # a bar...
    mask[3, 8] = True  # ...with a pixel touching it only at a corner
    mask[6:10, 12:18] = True  # a second blob
    mask[11, 0] = True  # a lone pixel
    assert sorted(ppocr._blobs(mask)) == [(0, 11, 1, 12), (1, 1, 9, 4), (12, 6, 18, 10)]


def test_a_line_splits_into_words_at_its_spaces_and_wide_gaps_with_the_product_of_its_letters_confidences():
    ink = np.zeros((40, 400), dtype=bool)
    ink[10:30, 8:44] = True  # "AB" drawn here...
    ink[10:30, 100:150] = True  # ..."C D" here
    ink[12:28, 300:320] = True  # ..."E" far off
    text, columns = "AB C DE", [1, 3, 0, 12, 0, 17, 38]
    confs = [0.9, 0.5, 1.0, 1.0, 1.0, 1.0, 0.8]
    words = ppocr._words((0, 0, 400, 40), text, columns, confs, 8.0, ink)
    assert [w[0] for w in words] == ["AB", "C", "D", "E"]  # "DE": 21 columns apart, two words
    assert words[0][5] == pytest.approx(0.45)  # one unsure letter makes an unsure word
    assert (words[0][1], words[0][3]) == (8.0, 36.0)  # the columns' span, tightened to the ink
    assert (words[3][1], words[3][3]) == (300.0, 20.0)
    assert [w[2] for w in words] == [10.0] * 4  # every word of the line as tall as its type
    assert [w[4] for w in words] == [pytest.approx(20 * 1.29)] * 4


def test_a_line_is_as_tall_as_its_type_with_its_descenders_and_without_its_neighbours_ink():
    ink = np.zeros((60, 100), dtype=bool)
    ink[2:8, 10:40] = True  # the descenders of the line above, inside this line's padded box
    ink[12, :] = True  # a form's ruling over the line: more ink than any word, one row
    ink[20:34, 10:30] = True  # a capital
    ink[24:38, 40:60] = True  # a "g"
    assert ppocr._tight(ink, 10, 0, 30, 50) == (10.0, 20.0, 20.0, 14.0)  # the line's own band of ink
    with_g = ppocr._line_height([("A", 10.0, 20.0, 20.0, 14.0, 1.0), ("g", 40.0, 24.0, 20.0, 14.0, 1.0)])
    assert [(w[2], w[4]) for w in with_g] == [(20.0, 18.0)] * 2  # capital top to descender bottom, every word
    plain = ppocr._line_height([("A", 10.0, 20.0, 20.0, 14.0, 1.0), ("a", 40.0, 24.0, 20.0, 10.0, 1.0)])
    assert [w[2] for w in plain] == [20.0, 20.0]
    assert [w[4] for w in plain] == [pytest.approx(14 * 1.29)] * 2  # no descender: their depth added


def test_the_best_path_is_decoded_with_the_spaces_it_passed_over():
    characters = ["", "A", "B", "1", "2", " "]  # blank, four characters, space last (as the model's list)

    def columns(*rows):  # each row: (class, its probability, the space's probability)
        probs = np.zeros((len(rows), len(characters)), dtype=np.float32)
        for t, (k, p, space) in enumerate(rows):
            probs[t, k], probs[t, -1] = p, space
            probs[t, 0] += 1.0 - probs[t].sum()  # the rest is blank's
        return probs

    letters = columns((1, 0.9, 0), (1, 0.9, 0), (0, 0, 0.25), (2, 0.8, 0))  # "A", repeated, a likely space, "B"
    assert ppocr._decode(letters, characters) == ("A B", [0, 2, 3], pytest.approx([0.9, 0.25, 0.8]))
    digits = columns((3, 0.9, 0), (0, 0, 0.1), (4, 0.9, 0))  # "1", an unlikely space, "2": one number
    assert ppocr._decode(digits, characters)[0] == "12"
    spoken = columns((1, 0.9, 0), (5, 0.6, 0), (0, 0, 0.3), (2, 0.9, 0))  # a space on the path: not doubled
    assert ppocr._decode(spoken, characters)[0] == "A B"


def test_a_long_thin_strip_is_not_enlarged_past_what_detection_can_hold():
    """A short side is scaled up for the detector; a strip 60 px wide and 12,000 tall would become 147,200 px."""
    det, _, _ = ppocr._sessions()
    shapes = []

    class Recorded:  # the real session, with the size of what it was given noted
        def run(self, outputs, feeds):
            shapes.append(feeds["x"].shape)
            return det.run(outputs, feeds)

    assert ppocr._detect(Recorded(), Image.new("L", (60, 12000), 255)) == []
    assert max(shapes[0][2:]) <= 4 * ppocr._LONGEST_SIDE
