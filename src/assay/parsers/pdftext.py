"""Words from a PDF page's text layer, with boxes in upright, top-left points.

PDFium already segments the text layer: it inserts generated spaces where glyphs are far apart and
generated line breaks between lines. So a word is a run of non-space characters of
`FPDFText_GetText`, and its box is the union of the loose (font ascent-to-descent) boxes of its
first and last character, two C calls per word instead of one per character, which keeps this path
close to the speed of `get_text_range` alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assay.domain.document import Box, Word

_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}
_SPACES = frozenset(" \t\r\n\x0b\x0c\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000\ufeff")
_SOFT_HYPHENS = "\xad\x02"

_TOKEN = re.compile("[^" + re.escape("".join(sorted(_SPACES))) + "]+")

Transform = Callable[[float, float, float, float], Box]


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Where a page's user space lands on the upright displayed page."""

    width: float  # displayed, after /Rotate
    height: float
    rotation: int
    to_box: Transform  # PDF (left, bottom, right, top) → upright top-left Box


def page_frame(page: pdfium.PdfPage) -> PageFrame:
    x0, y0, x1, y1 = page.get_cropbox()
    w0, h0 = x1 - x0, y1 - y0
    rotation = page.get_rotation() % 360

    def to_box(left: float, bottom: float, right: float, top: float) -> Box:
        # unrotated, top-left origin
        u0, u1 = left - x0, right - x0
        v0, v1 = y1 - top, y1 - bottom
        if rotation == 90:
            return Box.from_edges(h0 - v1, u0, h0 - v0, u1)
        if rotation == 180:
            return Box.from_edges(w0 - u1, h0 - v1, w0 - u0, h0 - v0)
        if rotation == 270:
            return Box.from_edges(v0, w0 - u1, v1, w0 - u0)
        return Box.from_edges(u0, v0, u1, v1)

    if rotation in (90, 270):
        return PageFrame(h0, w0, rotation, to_box)
    return PageFrame(w0, h0, rotation, to_box)


def clean_word(text: str) -> str:
    if any(c in _LIGATURES for c in text):
        text = "".join(_LIGATURES.get(c, c) for c in text)
    if any(c in _SOFT_HYPHENS for c in text):
        # a soft hyphen prints as "-" only where it breaks a line, i.e. at the end of a word
        tail = "-" if text[-1] in _SOFT_HYPHENS else ""
        text = text.translate({ord(c): None for c in _SOFT_HYPHENS}) + tail
        if text == "-":
            return ""
    if "\x00" in text or "\ufffe" in text:
        text = text.replace("\x00", "").replace("\ufffe", "")
    return text


def text_layer_words(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[Word]:
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: fall back to one code point per char
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(n))
    rect = pdfium_c.FS_RECTF()
    loose = pdfium_c.FPDFText_GetLooseCharBox
    to_box = frame.to_box
    words: list[Word] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        token = match.group()
        if not token.isascii() or "\x02" in token or "\x00" in token:
            token = clean_word(token)
            if not token:
                continue
        loose(textpage, start, rect)
        left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        if end - 1 != start:
            loose(textpage, end - 1, rect)
            left, right = min(left, rect.left), max(right, rect.right)
            top, bottom = max(top, rect.top), min(bottom, rect.bottom)
        if right > left or top > bottom:
            words.append(Word(token, to_box(left, bottom, right, top)))
    return words
