"""The vector drawing on a PDF page that matters for layout: rules, boxes and small marks.

* rules: thin horizontal or vertical strokes (table grid lines, underlines, rect edges)
* rects: stroked or filled axis-aligned rectangles (cells, tick boxes, shaded rows)
* marks: small non-rectangular paths (the strokes of an X or a tick inside a tick box)
* rings: small round paths (curves only, about as wide as tall): radio buttons and the dots inside them
* images: where the page's embedded images are drawn (their words are read by OCR: `pdfimages`)

One pass over the page's objects finds them all.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assay.domain.document import Box
from assay.parsers.pdftext import PageFrame

_MAX_PATHS = 4000  # a page with more paths is a drawing, not a form or a table
_THIN = 2.0
_RING_CURVES = 8  # Bézier segments (3 per curve) of a circle: four quarters (12) or coarser thirds (9)


@dataclass(slots=True)
class Rect:
    box: Box
    stroked: bool
    filled: bool
    light_fill: bool = True  # white or near-white fill (or none): a box, not a colour swatch


@dataclass(slots=True)
class Graphics:
    rules: list[Box] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    marks: list[Box] = field(default_factory=list)
    rings: list[Rect] = field(default_factory=list)  # circles drawn as paths; their box is the circle's square
    images: list[Box] = field(default_factory=list)


def page_graphics(page: pdfium.PdfPage, frame: PageFrame) -> Graphics:
    graphics = Graphics()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    count = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            graphics.images.append(frame.to_box(*obj.get_bounds()))
            continue
        count += 1
        if count > _MAX_PATHS:
            break
        pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
        filled, stroked = fill.value != 0, bool(stroke.value)
        if not filled and not stroked:
            continue
        box = frame.to_box(*obj.get_bounds())
        if box.w <= _THIN or box.h <= _THIN:
            if max(box.w, box.h) >= 4:
                graphics.rules.append(box)
            continue
        n = pdfium_c.FPDFPath_CountSegments(obj)
        if n <= 0:
            continue
        small = box.w <= 24 and box.h <= 24
        if n > 12 and not small:
            _add_straight_segments(obj, n, frame, graphics, x, y)
            continue
        points = []
        curves = 0
        for i in range(n):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                points = None
                curves += 1
                continue
            if points is None:
                continue
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            points.append((x.value, y.value))
        if points is not None and _is_rectangle(points):
            m = obj.get_matrix()
            if m.b == 0 and m.c == 0:  # exact geometry, without the stroke width PDFium adds to bounds
                xs = [m.a * px + m.e for px, _ in points]
                ys = [m.d * py + m.f for _, py in points]
                box = frame.to_box(min(xs), min(ys), max(xs), max(ys))
            graphics.rects.append(Rect(box, stroked, filled, not filled or _light_fill(obj)))
            if stroked:
                graphics.rules.extend(_edges(box))
        elif small:
            graphics.marks.append(box)
            if curves >= _RING_CURVES and abs(box.w - box.h) <= 0.2 * max(box.w, box.h):
                graphics.rings.append(Rect(box, stroked, filled, not filled or _light_fill(obj)))
        elif n > 5 and points is not None:
            _add_straight_segments(obj, n, frame, graphics, x, y)
    return graphics


def _light_fill(obj: pdfium.PdfObject) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return True
    return a.value < 40 or min(r.value, g.value, b.value) >= 225


def _is_rectangle(points: list[tuple[float, float]]) -> bool:
    if not 4 <= len(points) <= 6:
        return False
    xs = sorted({round(p[0], 1) for p in points})
    ys = sorted({round(p[1], 1) for p in points})
    return len(xs) == 2 and len(ys) == 2


def _edges(box: Box) -> list[Box]:
    return [
        Box(box.x, box.y, box.w, 0.0), Box(box.x, box.bottom, box.w, 0.0),
        Box(box.x, box.y, 0.0, box.h), Box(box.right, box.y, 0.0, box.h),
    ]


def _add_straight_segments(obj: pdfium.PdfObject, n: int, frame: PageFrame, graphics: Graphics,
                           x: ctypes.c_float, y: ctypes.c_float) -> None:
    """A path drawing a whole grid in one object: keep its horizontal and vertical line segments."""
    m = obj.get_matrix()
    prev: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    for i in range(min(n, 2000)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            prev = start = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            _add_segment(prev, point, frame, graphics)
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and prev is not None:
            _add_segment(prev, start, frame, graphics)
            prev = start


def _add_segment(a: tuple[float, float], b: tuple[float, float], frame: PageFrame, graphics: Graphics) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 or abs(x0 - x1) <= 0.5:
        box = frame.to_box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        if max(box.w, box.h) >= 4:
            graphics.rules.append(box)
