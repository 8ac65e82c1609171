"""Hand-built documents for the engine tests: text placed at known positions, 6 pt per character."""

from __future__ import annotations

from assay.domain.document import Box, Checkbox, Document, Page, Word
from assay.parsers.checkboxes import merge, text_checkboxes

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
    boxes = merge(checkboxes or [], text_checkboxes(words))  # as the parsers read the glyphs of the text
    return Page(number=number, width=width, height=height, words=words, checkboxes=boxes)


def sized_page(items: list[tuple[str, float, float, float]], number: int = 1, *, gap_em: float = 0.6,
               width: float = 612.0) -> Page:
    """A page of (text, x, y, height) phrases in type of that height: a character is 0.6 × height wide
    and words are `gap_em` × height apart."""
    words: list[Word] = []
    for text, x, y, h in items:
        cx = x
        for token in text.split(" "):
            w = 0.6 * h * len(token)
            words.append(Word(token, Box(cx, y, w, h)))
            cx += w + gap_em * h
    words.sort(key=lambda w: (w.box.y, w.box.x))
    return Page(number=number, width=width, height=792.0, words=words)


def document(*pages: Page) -> Document:
    return Document(pages=list(pages), mime_type="application/pdf")


def prose_document(lines: list[str]) -> Document:
    """Lines of running text one under another, 14 pt apart: 5 pt a character, 3 pt between words."""
    words: list[Word] = []
    for n, line in enumerate(lines):
        x = 60.0
        for token in line.split(" "):
            w = 5.0 * len(token)
            words.append(Word(token, Box(x, 60.0 + 14.0 * n, w, 10.0)))
            x += w + 3.0
    return Document(pages=[Page(number=1, width=700.0, height=792.0, words=words)], mime_type="application/pdf")
