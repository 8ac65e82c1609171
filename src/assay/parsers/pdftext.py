"""Words from a PDF page's text layer, with boxes in upright, top-left points.

PDFium already segments the text layer: it inserts generated spaces where glyphs are far apart and
generated line breaks between lines. So a word is a run of non-space characters of
`FPDFText_GetText`, and its box is the union of the loose (font ascent-to-descent) boxes of its
first and last character, two C calls per word instead of one per character, which keeps this path
close to the speed of `get_text_range` alone.
"""

from __future__ import annotations

import ctypes
import functools
import re
import struct
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
_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom


@functools.cache
def _loose_char_box() -> Callable[..., int]:
    """FPDFText_GetLooseCharBox(textpage, index, rect) without ctypes' per-call argument conversion,
    which costs more than the call itself: the caller passes c_void_p handles and an int."""
    address = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Where a page's user space lands on the upright displayed page."""

    width: float  # displayed, after /Rotate
    height: float
    rotation: int
    to_box: Transform  # PDF (left, bottom, right, top) → upright top-left Box
    upright_origin: tuple[float, float] | None = None  # (x0, y1) of the crop box when not rotated


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
    return PageFrame(w0, h0, rotation, to_box, (x0, y1) if rotation == 0 else None)


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
    # ~400 words a page, two C calls each: they go through a lean binding with ready arguments,
    # the box is read in one unpack, and tokens of a plain-ASCII page need no cleaning test.
    rect = pdfium_c.FS_RECTF()
    out = ctypes.c_void_p(ctypes.addressof(rect))
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    loose = _loose_char_box()
    read = _RECT.unpack_from
    plain = text.isascii() and "\x02" not in text and "\x00" not in text
    upright = frame.upright_origin
    to_box = frame.to_box
    words: list[Word] = []
    append = words.append
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        token = match.group()
        if not plain and (not token.isascii() or "\x02" in token or "\x00" in token):
            token = clean_word(token)
            if not token:
                continue
        loose(handle, start, out)
        left, top, right, bottom = read(rect)
        if end - 1 != start:
            loose(handle, end - 1, out)
            l2, t2, r2, b2 = read(rect)
            if l2 < left:
                left = l2
            if r2 > right:
                right = r2
            if t2 > top:
                top = t2
            if b2 < bottom:
                bottom = b2
        if right > left or top > bottom:
            if upright is None:
                append(Word(token, to_box(left, bottom, right, top)))
            else:  # to_box of an unrotated page, inlined
                x0, y1 = upright
                u0 = left - x0
                v0 = y1 - top
                append(Word(token, Box(u0, v0, (right - x0) - u0, (y1 - bottom) - v0)))
    return words
