"""Words printed as pictures on digital PDF pages: a logo with the company name, an address block or
an IBAN pasted in as an image. The text layer has no words there, and a page with a text layer gets
no OCR, so without this they are invisible.

Only the page's embedded images are looked at (`Graphics.images`, found in the same pass over the
page's objects as its rules and boxes, so a page without images costs nothing more). Each image's
region is rendered at `REGION_DPI`, the text-layer words inside it are painted out, and Tesseract
reads the text-sized ink that is left (`ocr.read_uncovered`: the same search for unread ink that
re-reads what a scan's first pass missed). The words found join the page's text-layer words with
their boxes, with Tesseract's confidence; a word that overlaps a text-layer word is dropped.

Off in the `fast` tier (no OCR at all there) and with ASSAY_IMAGE_OCR=false.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from assay.domain.document import Box, Word
from assay.parsers import ocr
from assay.parsers.pdfgraphics import Graphics
from assay.parsers.pdftext import PageFrame

REGION_DPI = 300
# Tesseract reads printed words in a picture at 0.9 and more; the shapes of a logo or a signature that
# pass for letters come out near 0.5 ("VAN" for a triangle and bars): a page's text layer is exact, so
# only words read about as surely join it.
MIN_CONFIDENCE = 0.7
_MIN_W, _MIN_H = 16.0, 6.0  # points: a smaller picture cannot hold a legible word
# An image under most of the page with many text-layer words over it is a scan with its own OCR text
# layer (or a letterhead under a whole letter): its words are read already, and reading the rest of a
# whole page costs as much as OCR'ing it.
_BACKGROUND_SHARE = 0.5
_BACKGROUND_WORDS = 30
# More pictures than this on a page (an icon on every table row) are read as one region around them
# all: one rendering and one Tesseract run, not one per icon.
_MAX_REGIONS = 6


@dataclass(slots=True)
class Picture:
    """A region of the page, rendered: `image` pixel (0, 0) is at `origin` (points)."""

    origin: tuple[float, float]
    image: Image.Image
    covered: list[tuple[int, int, int, int]]  # the text-layer words inside, in pixels


def picture_regions(graphics: Graphics, words: list[Word], width: float, height: float) -> list[Box]:
    """The regions of the page's embedded images that may hold words the text layer lacks."""
    regions: list[Box] = []
    for image in graphics.images:
        left, top = max(0.0, image.x), max(0.0, image.y)
        right, bottom = min(width, image.right), min(height, image.bottom)
        if right - left < _MIN_W or bottom - top < _MIN_H:
            continue
        box = Box.from_edges(left, top, right, bottom)
        if box.w * box.h > _BACKGROUND_SHARE * width * height and _words_inside(box, words) >= _BACKGROUND_WORDS:
            continue
        regions.append(box)
    regions = _merged(regions)
    if len(regions) > _MAX_REGIONS:
        return [Box.from_edges(min(b.x for b in regions), min(b.y for b in regions),
                               max(b.right for b in regions), max(b.bottom for b in regions))]
    return regions


def render_pictures(page: pdfium.PdfPage, frame: PageFrame, regions: list[Box], words: list[Word]
                    ) -> list[Picture]:
    """Each region rendered in grey at REGION_DPI (PDFium: call in the thread that owns the page)."""
    scale = REGION_DPI / 72
    pictures = []
    for box in regions:
        # pypdfium2 crops whole pixels (ceil of points × scale) from each edge of the upright page
        crop = (box.x, frame.height - box.bottom, frame.width - box.right, box.y)
        bitmap = page.render(scale=scale, crop=crop, grayscale=True)
        try:
            image = bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
        origin = (math.ceil(box.x * scale) / scale, math.ceil(box.y * scale) / scale)
        covered = []
        for word in words:
            if _overlap(word.box, box) > 0:
                covered.append((int((word.box.x - origin[0]) * scale) - 2, int((word.box.y - origin[1]) * scale) - 2,
                                math.ceil((word.box.right - origin[0]) * scale) + 2,
                                math.ceil((word.box.bottom - origin[1]) * scale) + 2))
        pictures.append(Picture(origin, image, covered))
    return pictures


def read_pictures(pictures: list[Picture], words: list[Word]) -> list[Word]:
    """The words Tesseract reads in the pictures, in page points, less any that overlap `words`."""
    found: list[Word] = []
    for picture in pictures:
        dx, dy = picture.origin
        for word in ocr.read_uncovered(picture.image, picture.covered, REGION_DPI, MIN_CONFIDENCE):
            box = Box(word.box.x + dx, word.box.y + dy, word.box.w, word.box.h)
            if not any(_overlap(box, other.box) > 0.3 * box.w * box.h for other in words):
                found.append(Word(word.text, box, word.confidence))
    return found


def _overlap(a: Box, b: Box) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _words_inside(box: Box, words: list[Word]) -> int:
    return sum(1 for w in words if box.x <= w.box.x + w.box.w / 2 <= box.right
               and box.y <= w.box.y + w.box.h / 2 <= box.bottom)


def _merged(boxes: list[Box]) -> list[Box]:
    """Overlapping regions as one (an image drawn in tiles, a logo on a banner), each rendered once."""
    out: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.y, b.x)):
        for i, other in enumerate(out):
            if _overlap(box, other) > 0:
                out[i] = Box.from_edges(min(box.x, other.x), min(box.y, other.y),
                                        max(box.right, other.right), max(box.bottom, other.bottom))
                break
        else:
            out.append(box)
    return out
