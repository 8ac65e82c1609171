"""From a page's words (and vector graphics, for PDFs) to a finished Page: reading order,
lines, blocks, tick boxes and tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assay.domain.document import Box, Page, TextSource, Word
from assay.parsers import checkboxes as cb
from assay.parsers.layout import reading_order
from assay.parsers.pdfgraphics import Graphics
from assay.parsers.tables import ruled_tables, unruled_tables


def build_page(
    number: int,
    width: float,
    height: float,
    words: Sequence[Word],
    *,
    graphics: Graphics | None = None,
    rotation: int = 0,
    source: TextSource = TextSource.TEXT_LAYER,
    tables: bool = True,
    ocr_confidence: float | None = None,
    to_page: Callable[[Box], Box] | None = None,
    deskew: tuple[float, float, float] | None = None,
) -> Page:
    """Lay out `words`. With `to_page`, the words are in a working frame (an upright, deskewed
    scan) and every box is mapped back to the page's own frame at the end. With `deskew`, the words
    are in a straightened frame of the page and stay there (see `Page.deskew`)."""
    words = list(words)
    boxes: list = []
    if graphics is not None:
        drawn = cb.drawn_checkboxes(graphics, words)
        words = cb.without_marks(words, drawn) + cb.synthetic_words(drawn, words)
        boxes = cb.merge(drawn, cb.text_checkboxes(words))
    else:
        boxes = cb.text_checkboxes(words)
    gap_em = 1.4 if source is TextSource.OCR else 1.0
    ordered, lines, blocks = reading_order(words, gap_em=gap_em)
    found = []
    if tables:
        if graphics is not None and graphics.rules:
            found = ruled_tables(ordered, graphics.rules)
        found += unruled_tables(ordered, [t.box for t in found])
        found.sort(key=lambda t: (t.box.y, t.box.x))
    page = Page(number=number, width=width, height=height, words=ordered, lines=lines, blocks=blocks,
                tables=found, checkboxes=boxes, rotation=rotation, text_source=source,
                ocr_confidence=ocr_confidence, deskew=deskew)
    if to_page is not None:
        map_boxes(page, to_page)
    return page


def map_boxes(page: Page, fn: Callable[[Box], Box]) -> None:
    """Map every box of the page through `fn`, in place (words are shared by lines and cells)."""
    seen: set[int] = set()

    def word(w: Word) -> None:
        if id(w) not in seen:
            seen.add(id(w))
            w.box = fn(w.box)

    for w in page.words:
        word(w)
    for table in page.tables:
        table.box = fn(table.box)
        for cell in table.cells:
            cell.box = fn(cell.box)
            for w in cell.words:
                word(w)
    for c in page.checkboxes:
        c.box = fn(c.box)
