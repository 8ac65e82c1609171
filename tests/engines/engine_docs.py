"""Hand-built documents for the engine tests: text placed at known positions, 6 pt per character."""

from __future__ import annotations

from assay.domain.document import Box, Checkbox, Document, Page, Word

CHAR_W = 6.0
LINE_H = 10.0


def words_at(text: str, x: float, y: float) -> list[Word]:
    out, cx = [], x
    for token in text.split(" "):
        if token:
            out.append(Word(token, Box(cx, y, CHAR_W * len(token), LINE_H)))
        cx += CHAR_W * (len(token) + 1)
    return out


def page(items: list[tuple[str, float, float]], number: int = 1, checkboxes: list[Checkbox] | None = None,
         width: float = 612.0, height: float = 792.0) -> Page:
    words: list[Word] = []
    for text, x, y in items:
        words += words_at(text, x, y)
    words.sort(key=lambda w: (w.box.y, w.box.x))
    return Page(number=number, width=width, height=height, words=words, checkboxes=checkboxes or [])


def document(*pages: Page) -> Document:
    return Document(pages=list(pages), mime_type="application/pdf")
