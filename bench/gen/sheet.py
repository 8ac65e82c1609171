"""A PDF writer that remembers where it printed every value.

Coordinates are PDF points from the top left. `y` is always a baseline. A cited string's box is
its 1-em line box: `size` tall, split above and below the baseline in the ratio of the font's
ascent to its descent, and as wide as the string.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)

_TTF = {  # name → file; DejaVu and Liberation are Debian's fonts-dejavu-core / fonts-liberation
    "DejaVuSans": "dejavu/DejaVuSans.ttf", "DejaVuSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSerif": "dejavu/DejaVuSerif.ttf", "DejaVuSerif-Bold": "dejavu/DejaVuSerif-Bold.ttf",
    "DejaVuSansCondensed": "dejavu/DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "DejaVuSansMono": "dejavu/DejaVuSansMono.ttf", "DejaVuSansMono-Bold": "dejavu/DejaVuSansMono-Bold.ttf",
    "LiberationSans": "liberation/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "liberation/LiberationSans-Bold.ttf",
    "LiberationSerif": "liberation/LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "liberation/LiberationSerif-Bold.ttf",
    "LiberationSansNarrow": "liberation/LiberationSansNarrow-Regular.ttf",
    "LiberationSansNarrow-Bold": "liberation/LiberationSansNarrow-Bold.ttf",
    "LiberationMono": "liberation/LiberationMono-Regular.ttf",
    "LiberationMono-Bold": "liberation/LiberationMono-Bold.ttf",
}
FONT_DIR = os.environ.get("ASSAY_BENCH_FONTS", "/usr/share/fonts/truetype")
GLYPH_FONT = "DejaVuSans"  # tick-box glyphs (☒ ✔ ◉ ...) that the PDF base fonts lack


def register_fonts() -> None:
    """Register the TrueType faces once; a missing file is a clear error, not a silent substitute."""
    for name, rel in _TTF.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = os.path.join(FONT_DIR, rel)
        if not os.path.exists(path):
            raise FileNotFoundError(f"font {path} is missing (apt-get install fonts-dejavu-core fonts-liberation,"
                                    " or point ASSAY_BENCH_FONTS at a folder with them)")
        pdfmetrics.registerFont(TTFont(name, path))


@dataclass(frozen=True)
class Face:
    """A type family: regular and bold font names."""

    name: str
    regular: str
    bold: str


FACES = [
    Face("helvetica", "Helvetica", "Helvetica-Bold"),
    Face("dejavu_serif", "DejaVuSerif", "DejaVuSerif-Bold"),
    Face("liberation_sans", "LiberationSans", "LiberationSans-Bold"),
    Face("times", "Times-Roman", "Times-Bold"),
    Face("dejavu_condensed", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
    Face("liberation_serif", "LiberationSerif", "LiberationSerif-Bold"),
    Face("dejavu_sans", "DejaVuSans", "DejaVuSans-Bold"),
    Face("liberation_narrow", "LiberationSansNarrow", "LiberationSansNarrow-Bold"),
]
MONO_FACES = [
    Face("courier", "Courier", "Courier-Bold"),
    Face("liberation_mono", "LiberationMono", "LiberationMono-Bold"),
    Face("dejavu_mono", "DejaVuSansMono", "DejaVuSansMono-Bold"),
    Face("courier_b", "Courier", "Courier-Bold"),
]


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @staticmethod
    def union(boxes: list[Box]) -> Box:
        x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
        x1, y1 = max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def to_dict(self) -> dict[str, float]:
        return {"x": round(self.x, 2), "y": round(self.y, 2), "w": round(self.w, 2), "h": round(self.h, 2)}


@dataclass
class Cite:
    """Where one value is printed: one box per printed line."""

    path: str
    page: int
    text: str
    lines: list[Box]
    kind: str | None = None


@dataclass
class Seg:
    """A piece of text in a line or paragraph; `path` cites it, `bold` sets it in the bold face."""

    text: str
    path: str | None = None
    bold: bool = False
    sub: tuple[str, str] | None = None  # (substring, path): also cite this part of the text, e.g. "EUR"


def em_box(x: float, baseline: float, width: float, font: str, size: float) -> Box:
    ascent, descent = pdfmetrics.getAscentDescent(font, 1)
    return Box(x, baseline - size * ascent / (ascent - descent), width, size)


def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass
class _Page:
    size: tuple[float, float]
    ops: list[tuple] = field(default_factory=list)


class Sheet:
    """Draw pages; `cite` what each value's text is and where. `pdf()` renders the pages."""

    def __init__(self, face: Face, size: tuple[float, float] = LETTER) -> None:
        register_fonts()
        self.face = face
        self.pages: list[_Page] = [_Page(size)]
        self.cites: list[Cite] = []

    @property
    def page(self) -> int:
        return len(self.pages)

    @property
    def width(self) -> float:
        return self.pages[-1].size[0]

    @property
    def height(self) -> float:
        return self.pages[-1].size[1]

    def new_page(self, size: tuple[float, float] | None = None) -> None:
        self.pages.append(_Page(size or self.pages[-1].size))

    def set_height(self, height: float) -> None:
        """Fit the current page's height to what was drawn (a till roll)."""
        self.pages[-1].size = (self.width, height)

    def font(self, bold: bool = False) -> str:
        return self.face.bold if bold else self.face.regular

    # ---------------------------------------------------------------- text
    def text(self, x: float, y: float, text: str, *, size: float = 10, bold: bool = False,
             path: str | None = None, align: str = "left", font: str | None = None,
             gray: float = 0.0) -> Box:
        """One string; `align` "right" / "center" takes x as the right edge / centre."""
        return self.line(x, y, [Seg(text, path, bold)], size=size, align=align, font=font, gray=gray)

    def line(self, x: float, y: float, segs: list[Seg], *, size: float = 10, align: str = "left",
             font: str | None = None, gray: float = 0.0) -> Box:
        """Segments printed one after the other on one baseline; returns the line's box."""
        fonts = [font or self.font(s.bold) for s in segs]
        widths = [width(s.text, f, size) for s, f in zip(segs, fonts, strict=True)]
        total = sum(widths)
        x0 = x - total if align == "right" else x - total / 2 if align == "center" else x
        cursor = x0
        for seg, f, w in zip(segs, fonts, widths, strict=True):
            self.pages[-1].ops.append(("text", cursor, y, seg.text, f, size, gray))
            if seg.path and seg.text.strip():
                lead = len(seg.text) - len(seg.text.lstrip())
                shown = seg.text.strip()
                sx = cursor + width(seg.text[:lead], f, size)
                self.cite(seg.path, shown, [em_box(sx, y, width(shown, f, size), f, size)])
            if seg.sub:
                part, sub_path = seg.sub
                at = seg.text.index(part)
                sx = cursor + width(seg.text[:at], f, size)
                self.cite(sub_path, part, [em_box(sx, y, width(part, f, size), f, size)])
            cursor += w
        return em_box(x0, y, total, fonts[0], size)

    def flow(self, x: float, y: float, wide: float, segs: list[Seg], *, size: float = 10,
             leading: float | None = None, font: str | None = None, max_lines: int = 999) -> float:
        """Wrap segments into lines `wide` points long, cite each cited segment with one box per line
        it lands on, and return the baseline below the last line."""
        leading = leading or size * 1.3
        lines = self._wrap(segs, wide, size, font)[:max_lines]
        placed: dict[int, list[Box]] = {}
        for row, pieces in enumerate(lines):
            cursor = x
            base = y + row * leading
            for text, index in pieces:
                seg = segs[index]
                f = font or self.font(seg.bold)
                w = width(text, f, size)
                self.pages[-1].ops.append(("text", cursor, base, text, f, size, 0.0))
                shown = text.rstrip()
                if seg.path and shown:
                    placed.setdefault(index, []).append(em_box(cursor, base, width(shown, f, size), f, size))
                cursor += w
        for index, boxes in placed.items():
            merged = _merge_per_line(boxes)
            self.cite(segs[index].path or "", " ".join(segs[index].text.split()), merged)
        return y + len(lines) * leading

    def _wrap(self, segs: list[Seg], wide: float, size: float, font: str | None) -> list[list[tuple[str, int]]]:
        """Words (with their trailing space) owned by segment index, broken into lines at spaces."""
        words: list[list[tuple[str, int]]] = [[]]
        for index, seg in enumerate(segs):
            for ch_run in _split_keep_space(seg.text):
                words[-1].append((ch_run, index))
                if ch_run.endswith(" "):
                    words.append([])
        lines: list[list[tuple[str, int]]] = [[]]
        used = 0.0
        for word in words:
            if not word:
                continue
            w = sum(width(t, font or self.font(segs[i].bold), size) for t, i in word)
            bare = w - sum(width(" ", font or self.font(segs[i].bold), size) for t, i in word[-1:]
                           if t.endswith(" "))
            if lines[-1] and used + bare > wide:
                lines.append([])
                used = 0.0
            lines[-1].extend(word)
            used += w
        return [line for line in lines if line]

    def measure(self, segs: list[Seg], wide: float, size: float, font: str | None = None) -> int:
        """How many lines `flow` would need."""
        return len(self._wrap(segs, wide, size, font))

    def wrap_text(self, text: str, wide: float, size: float, bold: bool = False) -> list[str]:
        return ["".join(t for t, _ in line).rstrip() for line in self._wrap([Seg(text, None, bold)], wide, size, None)]

    def cite(self, path: str, text: str, lines: list[Box], kind: str | None = None) -> None:
        self.cites.append(Cite(path, self.page, text, lines, kind))

    # ---------------------------------------------------------------- graphics
    def hline(self, x0: float, x1: float, y: float, width_pt: float = 0.5, gray: float = 0.0) -> None:
        self.pages[-1].ops.append(("line", x0, y, x1, y, width_pt, gray))

    def vline(self, x: float, y0: float, y1: float, width_pt: float = 0.5, gray: float = 0.0) -> None:
        self.pages[-1].ops.append(("line", x, y0, x, y1, width_pt, gray))

    def rect(self, x: float, top: float, w: float, h: float, *, stroke: float | None = 0.0,
             fill: float | None = None, width_pt: float = 0.6) -> None:
        """A rectangle; `stroke` / `fill` are gray levels (0 black, 1 white) or None for none."""
        self.pages[-1].ops.append(("rect", x, top, w, h, stroke, fill, width_pt))

    def circle(self, cx: float, cy: float, r: float, *, stroke: float | None = 0.0, fill: float | None = None) -> None:
        self.pages[-1].ops.append(("circle", cx, cy, r, stroke, fill))

    # ---------------------------------------------------------------- output
    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=self.pages[0].size, invariant=1)
        for page in self.pages:
            pdf.setPageSize(page.size)
            height = page.size[1]
            for op in page.ops:
                _render(pdf, height, op)
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def _split_keep_space(text: str) -> list[str]:
    """'a bc  d' → ['a ', 'bc  ', 'd']: words with the spaces that follow them."""
    out: list[str] = []
    current = ""
    for ch in text:
        if ch != " " and current.endswith(" "):
            out.append(current)
            current = ""
        current += ch
    if current:
        out.append(current)
    return out


def _merge_per_line(boxes: list[Box]) -> list[Box]:
    rows: dict[float, list[Box]] = {}
    for box in boxes:
        rows.setdefault(round(box.y, 2), []).append(box)
    return [Box.union(row) for _, row in sorted(rows.items())]


def _render(pdf: canvas.Canvas, height: float, op: tuple) -> None:
    kind = op[0]
    if kind == "text":
        _, x, y, text, font, size, gray = op
        pdf.setFillGray(gray)
        pdf.setFont(font, size)
        pdf.drawString(x, height - y, text)
        pdf.setFillGray(0)
    elif kind == "line":
        _, x0, y0, x1, y1, lw, gray = op
        pdf.setStrokeGray(gray)
        pdf.setLineWidth(lw)
        pdf.line(x0, height - y0, x1, height - y1)
        pdf.setStrokeGray(0)
    elif kind == "rect":
        _, x, top, w, h, stroke, fill, lw = op
        pdf.setLineWidth(lw)
        if stroke is not None:
            pdf.setStrokeGray(stroke)
        if fill is not None:
            pdf.setFillGray(fill)
        pdf.rect(x, height - top - h, w, h, stroke=int(stroke is not None), fill=int(fill is not None))
        pdf.setStrokeGray(0)
        pdf.setFillGray(0)
    elif kind == "circle":
        _, cx, cy, r, stroke, fill = op
        pdf.setLineWidth(0.7)
        if stroke is not None:
            pdf.setStrokeGray(stroke)
        if fill is not None:
            pdf.setFillGray(fill)
        pdf.circle(cx, height - cy, r, stroke=int(stroke is not None), fill=int(fill is not None))
        pdf.setStrokeGray(0)
        pdf.setFillGray(0)
