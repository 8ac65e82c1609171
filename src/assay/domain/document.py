"""The one document model every parser produces and every engine reads.

Coordinates are PDF points (1/72 inch) with the origin at the top left of the page, whatever the
input: images are scaled by 72/dpi, and formats without a page geometry (DOCX, HTML, text) are laid
out on a virtual Letter page so that every word still has a box.

    Document → Page → Block → Line → Word
                    → Table → Cell (→ Word)
                    → Checkbox
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, unsafe_hash=True)
class Box:
    """An axis-aligned rectangle in points, origin top-left. Treat it as immutable (it is hashed by
    value); it is not frozen only because a frozen dataclass costs four times as much to create,
    and a long document makes millions."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def holds_centre(self, other: Box) -> bool:
        """Whether the other box's centre lies in this one, give or take a point: a word printed inside it."""
        return self.x - 1 <= other.cx <= self.right + 1 and self.y - 1 <= other.cy <= self.bottom + 1

    @staticmethod
    def union(boxes: Iterable[Box]) -> Box:
        it = iter(boxes)
        first = next(it, None)
        if first is None:
            raise ValueError("union of no boxes")
        x0, y0, x1, y1 = first.x, first.y, first.x + first.w, first.y + first.h
        for b in it:  # one pass, as min() and max() would: the first of equal values is kept
            if b.x < x0:
                x0 = b.x
            if b.y < y0:
                y0 = b.y
            if b.x + b.w > x1:
                x1 = b.x + b.w
            if b.y + b.h > y1:
                y1 = b.y + b.h
        return Box(x0, y0, x1 - x0, y1 - y0)

    @staticmethod
    def from_edges(left: float, top: float, right: float, bottom: float) -> Box:
        return Box(left, top, right - left, bottom - top)

    def to_dict(self) -> dict[str, float]:
        return {"x": round(self.x, 2), "y": round(self.y, 2), "w": round(self.w, 2), "h": round(self.h, 2)}


class TextSource(enum.StrEnum):
    """How a page's words were obtained."""

    TEXT_LAYER = "text_layer"  # a PDF's own text
    OCR = "ocr"  # recognised from pixels
    NATIVE = "native"  # a format that is text already: DOCX, XLSX, HTML, TXT, ...


@dataclass(slots=True)
class Word:
    text: str
    box: Box
    confidence: float = 1.0  # OCR confidence in [0, 1]; 1.0 for text-layer words


@dataclass(slots=True)
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return Box.union(w.box for w in self.words)


def line_boxes(words: list[Word]) -> list[Box]:
    """One box per printed line the words cover (a value wrapped over two lines has two)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.box.cy, w.box.x)):
        if lines and abs(lines[-1][-1].box.cy - w.box.cy) < 0.5 * max(w.box.h, lines[-1][-1].box.h):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Box.union(w.box for w in line) for line in lines]


class BlockKind(enum.StrEnum):
    TEXT = "text"
    HEADING = "heading"
    LIST_ITEM = "list_item"


@dataclass(slots=True)
class Block:
    lines: list[Line]
    kind: BlockKind = BlockKind.TEXT

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def box(self) -> Box:
        return Box.union(line.box for line in self.lines)


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    text: str
    box: Box
    words: list[Word] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False


@dataclass(slots=True)
class Table:
    """A grid of cells on one page. A logical table continued over pages is several Tables linked
    by `continues` (the index, on the previous page, of the table this one continues)."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    box: Box
    header_rows: int = 0
    ruled: bool = False
    continues: tuple[int, int] | None = None  # (page number, table index) of the part before this one

    def rows(self) -> list[list[Cell | None]]:
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell
        return grid


def cell_index(tables: Iterable[Table]) -> dict[int, tuple[int, int, int]]:
    """id(word) → (table index, row, column) of the table cell holding the word, over a page's tables."""
    return {id(w): (t, c.row, c.col) for t, table in enumerate(tables) for c in table.cells for w in c.words}


@dataclass(slots=True)
class Checkbox:
    box: Box
    checked: bool
    mark: bool = False  # a bare tick or cross (✓ ✗) with no box drawn round it: its label may be on either side


@dataclass(slots=True)
class Page:
    number: int  # 1-based, the page's number in the source document
    width: float
    height: float
    words: list[Word] = field(default_factory=list)  # reading order
    lines: list[Line] = field(default_factory=list)  # reading order
    blocks: list[Block] = field(default_factory=list)  # reading order
    tables: list[Table] = field(default_factory=list)
    checkboxes: list[Checkbox] = field(default_factory=list)
    rotation: int = 0  # degrees clockwise the source page was turned to be read upright
    text_source: TextSource = TextSource.TEXT_LAYER
    ocr_confidence: float | None = None  # mean word confidence when text_source is OCR
    error: str | None = None  # why this page yielded nothing, if it failed on its own
    replaced_chars: int = 0  # text-layer characters that were not Unicode (unpaired surrogates), read as U+FFFD
    # A straightened scan: (degrees counter-clockwise the page was turned to level its text, cx, cy
    # of the turn in points). The page's boxes are then in that upright frame, so that lines and
    # table rows are horizontal for layout and extraction; `source_box` maps a box back to the
    # axis-aligned box on the page as printed, which is what citations and API boxes report.
    deskew: tuple[float, float, float] | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def source_box(self, box: Box) -> Box:
        """`box` (in this page's frame) as the axis-aligned box on the original page."""
        if self.deskew is None:
            return box
        angle, cx, cy = self.deskew
        theta = math.radians(angle)
        cos, sin = math.cos(theta), math.sin(theta)
        xs, ys = [], []
        for x, y in ((box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom)):
            dx, dy = x - cx, y - cy
            xs.append(dx * cos - dy * sin + cx)
            ys.append(dx * sin + dy * cos + cy)
        left, top = max(0.0, min(xs)), max(0.0, min(ys))
        right, bottom = max(left, min(self.width, max(xs))), max(top, min(self.height, max(ys)))
        return Box.from_edges(left, top, right, bottom)


@dataclass(slots=True)
class Document:
    pages: list[Page]
    mime_type: str
    page_count: int = 0  # pages in the source, before any page selection
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.page_count:
            self.page_count = len(self.pages)

    def page(self, number: int) -> Page:
        for page in self.pages:
            if page.number == number:
                return page
        raise KeyError(number)

    def iter_words(self) -> Iterator[tuple[Page, Word]]:
        for page in self.pages:
            for word in page.words:
                yield page, word
