"""A tilted scan is read in its straightened frame (rows stay rows) and cited on the page as printed."""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image, ImageDraw, ImageFont

from assay.domain.document import line_boxes
from assay.parsers import document_from_json, document_to_json, parse_document
from assay.pipeline.ground import Grounding

pytestmark = pytest.mark.ocr

DPI = 200
SIZE = (1700, 1300)
ANGLE = 1.5  # degrees counter-clockwise, as a scanner would tilt the sheet
ROWS = [("Office chairs", "1,250.00"), ("Standing desk", "899.00"), ("Monitor arm", "145.50"),
        ("Desk lamp", "62.75"), ("Filing cabinet", "310.00"), ("Whiteboard", "89.99")]
LEFT, MIDDLE, RIGHT, TOP, PITCH = 150, 800, 1250, 300, 62


def _drawn(font_path: str):
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 40)
    ink: dict[str, tuple[float, float, float, float]] = {}
    draw.text((LEFT, 150), "STATEMENT 2291", font=font, fill=0)
    ink["2291"] = draw.textbbox((LEFT + draw.textlength("STATEMENT ", font=font), 150), "2291", font=font)
    for i, (name, amount) in enumerate(ROWS):
        y = TOP + i * PITCH
        draw.text((LEFT, y), name, font=font, fill=0)
        draw.text((MIDDLE, y), f"{10 + 7 * i} pcs", font=font, fill=0)
        draw.text((RIGHT, y), amount, font=font, fill=0)
        ink[amount] = draw.textbbox((RIGHT, y), amount, font=font)
    return image.rotate(ANGLE, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255), ink


def _tilted_box(box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """Where PIL's rotation about the centre put `box` (pixels), as an axis-aligned box in points."""
    cx, cy = SIZE[0] / 2, SIZE[1] / 2
    theta = math.radians(ANGLE)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - cx, y - cy  # counter-clockwise on screen: y grows downward
        xs.append(cx + dx * math.cos(theta) + dy * math.sin(theta))
        ys.append(cy - dx * math.sin(theta) + dy * math.cos(theta))
    return tuple(v * 72 / DPI for v in (min(xs), min(ys), max(xs), max(ys)))


@pytest.fixture(scope="module")
def scanned(ttf_font):
    image, ink = _drawn(ttf_font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return parse_document(buffer.getvalue()), ink


def test_cited_boxes_are_where_the_tilted_text_is(scanned, tesseract):
    doc, ink = scanned
    page = doc.pages[0]
    assert page.deskew is not None
    assert abs(page.deskew[0]) == pytest.approx(ANGLE, abs=0.3)
    for text in ("2291", "1,250.00", "89.99"):
        word = next(w for w in page.words if w.text == text)
        cited = Grounding("exact", page, [word], line_boxes([word])).citation()["bounding_boxes"][0]
        x0, y0, x1, y1 = _tilted_box(ink[text])
        got = (cited["x"], cited["y"], cited["x"] + cited["w"])
        assert got == pytest.approx((x0, y0, x1), abs=2.5), text
        # a word is as tall as its line's type: down to the descenders' depth where no letter descends
        assert y1 - 2.5 <= cited["y"] + cited["h"] <= y1 + 0.35 * (y1 - y0) + 2.5, text


def test_rows_of_a_table_across_the_page_stay_rows(scanned, tesseract):
    doc, _ = scanned
    page = doc.pages[0]
    # in the straightened frame a row's two ends are level, although on paper they are 10 pt apart
    for name, amount in ROWS:
        first = next(w for w in page.words if w.text == name.split()[0])
        last = next(w for w in page.words if w.text == amount)
        assert abs(first.box.cy - last.box.cy) < 3
        line = next(ln for ln in page.lines if last in ln.words)
        assert first in line.words or any(first in ln.words and abs(ln.box.cy - line.box.cy) < 3
                                          for ln in page.lines)
    table = next(t for t in page.tables if t.n_cols >= 3)
    rows = [[c.text if c else "" for c in row] for row in table.rows()]
    for name, amount in ROWS:
        assert any(row[0] == name and row[-1] == amount for row in rows), rows
    assert table.n_rows == len(ROWS)


def test_deskew_survives_the_json_round_trip(scanned, tesseract):
    doc, _ = scanned
    again = document_from_json(document_to_json(doc)).pages[0]
    page = doc.pages[0]
    assert again.deskew == pytest.approx(page.deskew, abs=1e-3)
    box = page.words[0].box
    assert again.source_box(box).to_dict() == pytest.approx(page.source_box(box).to_dict(), abs=0.05)
