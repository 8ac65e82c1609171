"""Words and lines from a PDF page's text layer, with boxes in upright, top-left points.

PDFium already segments the text layer: it inserts generated spaces where glyphs are far apart and
generated line breaks between lines. So a word is a run of non-space characters of
`FPDFText_GetText`, and its box is the union of the loose (font ascent-to-descent) boxes of its
first and last character: two PDFium calls per word instead of one per character. A line is a run
of words PDFium kept on one line, split only where it steps back or leaves the baseline. These
lines, in the PDF's own order, are what the `fast` tier reads; the other tiers re-order the words
geometrically (`parsers.layout`).

A character outside the Basic Multilingual Plane (a mathematical italic letter, an emoji, CJK of
extension B) is two character indexes in PDFium, its UTF-16 surrogates, each with the pair's box:
the kernels read the page as those code units (`code_units`), so that every index keeps its box,
and the words' texts join each pair into its character; an unpaired surrogate (a broken ToUnicode
map) becomes U+FFFD and is counted (`TextLayer.replaced`, then `Page.replaced_chars`).

The per-word loop runs in C (`_textwords.c`, built at install by `hatch_build.py`: ~0.2 µs a word)
or, where that library is missing, in `_python_layout` here (~4 µs a word), which computes the very
same arrays; the tests hold the two to it.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import re
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assay.domain.document import Box, Line, Word

log = logging.getLogger(__name__)

_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}
# white space as str.isspace() (so that `str.split()` cuts the same words) plus the zero-width U+FEFF
_SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_BREAKS = frozenset("\n\r\u2028\u2029")
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
    cropbox: tuple[float, float, float, float]  # left, bottom, right, top in PDF user space


def page_frame(page: pdfium.PdfPage) -> PageFrame:
    # PDFium's page box: the crop box (or media box) clipped to the media box, as it renders
    rect = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page.raw, rect):
        x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
    else:
        x0, y0, x1, y1 = page.get_cropbox()
    w0, h0 = x1 - x0, y1 - y0
    rotation = max(pdfium_c.FPDFPage_GetRotation(page.raw), 0) * 90  # quarter turns; -1 on error

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

    width, height = (h0, w0) if rotation in (90, 270) else (w0, h0)
    return PageFrame(width, height, rotation, to_box, (x0, y0, x1, y1))


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


@dataclass(slots=True)
class TextLayer:
    """A page's text layer in the PDF's own order: words, and their lines with hints for blocks."""

    words: list[Word]
    lines: list[Line]
    line_flags: list[int]  # per line: BLOCK_START | MAYBE_ITEM
    replaced: int = 0  # unpaired UTF-16 surrogates in the text layer, read as U+FFFD


BLOCK_START = 1  # the line starts a block, by position (well below the last line, above it, or another size)
MAYBE_ITEM = 2  # its first word is short enough to be a bullet or a list number


@dataclass(slots=True)
class _Layout:
    """What both kernels compute, as plain arrays (the C kernel's output, unpacked)."""

    token: list[int]  # per word: its index among the page's tokens (`text.split()`)
    x: list[float]
    y: list[float]
    w: list[float]
    h: list[float]
    first: list[int]  # per line: words [first, last)
    last: list[int]
    flags: list[int]


def text_layer(textpage: pdfium.PdfTextPage, frame: PageFrame) -> TextLayer:
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        return TextLayer([], [], [])
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP, which PDFium keeps as two surrogate chars
        text = code_units(textpage, n)
    layout = (_c_layout if _library() is not None else _python_layout)(textpage, text, frame)
    tokens = (text.replace("\ufeff", " ") if "\ufeff" in text else text).split()
    if len(layout.token) != len(tokens):  # some tokens had no box
        tokens = [tokens[i] for i in layout.token]
    words = list(map(Word, tokens, map(Box, layout.x, layout.y, layout.w, layout.h)))
    lines = list(map(Line, map(words.__getitem__, map(slice, layout.first, layout.last))))
    if not (text.isascii() and "\x02" not in text and "\x00" not in text):
        replaced = _join_surrogates(words) if _SURROGATE.search(text) else 0
        words, lines, flags = _cleaned(words, lines, layout.flags)
        return TextLayer(words, lines, flags, replaced)
    return TextLayer(words, lines, layout.flags)


def code_units(textpage: pdfium.PdfTextPage, n: int) -> str:
    """The page's text as PDFium holds it: one UTF-16 code unit per character index, a character
    outside the BMP as its two surrogates (the indexes the boxes are read by)."""
    buffer = (ctypes.c_uint16 * (n + 1))()
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer[: max(0, got - 1)]  # the count includes the terminating NUL
    units += [0xFFFD] * (n - len(units))
    return "".join(map(chr, units))


_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_PAIR_OR_LONE = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")


def _join_surrogates(words: list[Word]) -> int:
    """Each surrogate pair becomes the character it encodes; an unpaired surrogate (a broken
    ToUnicode map) becomes U+FFFD. Returns how many were replaced."""
    replaced = 0

    def one(match: re.Match[str]) -> str:
        nonlocal replaced
        pair = match.group()
        if len(pair) == 2:
            return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + ord(pair[1]) - 0xDC00)
        replaced += 1
        return "\ufffd"

    for word in words:
        if _SURROGATE.search(word.text):
            word.text = _PAIR_OR_LONE.sub(one, word.text)
    return replaced


def _cleaned(words: list[Word], lines: list[Line], flags: list[int]) -> tuple[list[Word], list[Line], list[int]]:
    """Ligatures spelt out, soft hyphens and NULs resolved; a word that cleans to nothing leaves its line."""
    for word in words:
        text = word.text
        if not text.isascii() or "\x02" in text or "\x00" in text:
            word.text = clean_word(text)
    kept_lines, kept_flags = [], []
    pending = 0  # a dropped line's BLOCK_START passes to the next line kept
    for line, flag in zip(lines, flags, strict=True):
        line.words = [word for word in line.words if word.text]
        pending |= flag & BLOCK_START
        if line.words:
            kept_lines.append(line)
            kept_flags.append(flag | pending)
            pending = 0
    return [word for word in words if word.text], kept_lines, kept_flags


@functools.cache
def _library() -> ctypes.CDLL | None:
    path = next(Path(__file__).parent.glob("_textwords*.so"), None)
    if path is None:
        log.info("the C text-layer kernel is not built; reading PDF text layers in Python")
        return None
    try:
        library = ctypes.CDLL(str(path))
        library.assay_text_words.restype = ctypes.c_int
    except (OSError, AttributeError) as exc:  # built for another machine, or stale
        log.warning("the C text-layer kernel %s does not load (%s); reading PDF text layers in Python",
                    path, exc)
        return None
    return library


class _Frame(ctypes.Structure):
    _fields_ = [("rotation", ctypes.c_int32), ("x0", ctypes.c_double), ("y0", ctypes.c_double),
                ("x1", ctypes.c_double), ("y1", ctypes.c_double)]


class _Out(ctypes.Structure):
    _fields_ = [(name, ctypes.c_void_p) for name in ("token", "x", "y", "w", "h", "first", "last", "flags")]


class _Scratch(threading.local):
    """The C kernel's output arrays, kept per thread and grown as pages need: a page's words and
    lines each fit in (characters + 1) // 2 entries."""

    room = 0

    def fit(self, room: int) -> None:
        if room <= self.room:
            return
        room = max(room, 2 * self.room, 1024)
        formats = [("i", 4), *[("d", 8)] * 4, *[("i", 4)] * 3]  # the order of _Out's fields
        self.buffer = ctypes.create_string_buffer(room * sum(size for _, size in formats))
        base, raw = ctypes.addressof(self.buffer), memoryview(self.buffer).cast("B")
        offsets = [room * sum(size for _, size in formats[:k]) for k in range(len(formats))]
        self.out = _Out(*(base + offset for offset in offsets))
        self.arrays = [raw[offset : offset + room * size].cast(code)
                       for offset, (code, size) in zip(offsets, formats, strict=True)]
        self.line_count = ctypes.c_int()
        self.room = room


_SCRATCH = _Scratch()


def _c_layout(textpage: pdfium.PdfTextPage, text: str, frame: PageFrame) -> _Layout:
    scratch = _SCRATCH
    scratch.fit((len(text) + 1) // 2)
    words = _library().assay_text_words(
        ctypes.cast(textpage.raw, ctypes.c_void_p), _loose_char_box_address(),
        text.encode("utf-32-le", "surrogatepass"),
        len(text), ctypes.byref(_Frame(frame.rotation, *frame.cropbox)), ctypes.byref(scratch.out),
        ctypes.byref(scratch.line_count))
    lines = scratch.line_count.value
    token, x, y, w, h, first, last, flags = scratch.arrays
    return _Layout(token[:words].tolist(), x[:words].tolist(), y[:words].tolist(), w[:words].tolist(),
                   h[:words].tolist(), first[:lines].tolist(), last[:lines].tolist(), flags[:lines].tolist())


@functools.cache
def _loose_char_box_address() -> ctypes.c_void_p:
    return ctypes.c_void_p(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)


def _python_layout(textpage: pdfium.PdfTextPage, text: str, frame: PageFrame) -> _Layout:
    """The C kernel's loop, in Python: same words, lines and blocks, same floats."""
    rect = pdfium_c.FS_RECTF()
    out = ctypes.c_void_p(ctypes.addressof(rect))
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    loose = _loose_char_box()
    read = _RECT.unpack_from
    to_box = frame.to_box
    layout = _Layout([], [], [], [], [], [], [], [])
    boxes: list[Box] = []
    prev_line: Box | None = None
    broke, last_end, head_length = True, 0, 0
    for token, match in enumerate(_TOKEN.finditer(text)):
        start, end = match.span()
        if any(c in _BREAKS for c in text[last_end:start]):
            broke = True
        last_end = end
        found = loose(handle, start, out)
        left, top, right, bottom = read(rect)
        if end - 1 != start and loose(handle, end - 1, out):
            l2, t2, r2, b2 = read(rect)
            if not found:
                left, top, right, bottom, found = l2, t2, r2, b2, 1
            else:
                left, right, top, bottom = min(left, l2), max(right, r2), max(top, t2), min(bottom, b2)
        if not found or not (right > left or top > bottom):
            continue
        box = to_box(left, bottom, right, top)
        if not boxes or broke or _starts_line(boxes[-1], box):
            if boxes:
                prev_line = _close_line(layout, boxes, head_length, prev_line)
            layout.first.append(len(boxes))
            head_length = end - start - len(_PAIR.findall(text, start, end))
        layout.token.append(token)
        boxes.append(box)
        broke = False
    if boxes:
        _close_line(layout, boxes, head_length, prev_line)
    for box in boxes:
        layout.x.append(box.x)
        layout.y.append(box.y)
        layout.w.append(box.w)
        layout.h.append(box.h)
    return layout


def _close_line(layout: _Layout, boxes: list[Box], head_length: int, prev_line: Box | None) -> Box:
    first, last = layout.first[-1], len(boxes)
    head = boxes[first]
    left, top, right, bottom = head.x, head.y, head.x + head.w, head.y + head.h
    for box in boxes[first + 1 : last]:
        left, top = min(left, box.x), min(top, box.y)
        right, bottom = max(right, box.x + box.w), max(bottom, box.y + box.h)
    line = Box(left, top, right - left, bottom - top)
    layout.last.append(last)
    layout.flags.append((BLOCK_START if prev_line is None or _starts_block(prev_line, line) else 0)
                        | (MAYBE_ITEM if head_length <= 4 else 0))
    return line


def _same_row(a: Box, b: Box) -> bool:
    return abs((b.y + b.h / 2) - (a.y + a.h / 2)) <= 0.5 * min(a.h, b.h)


def _starts_line(prev: Box, word: Box) -> bool:
    return word.x < prev.x + prev.w - 0.5 * max(prev.h, word.h) or not _same_row(prev, word)


def _starts_block(prev: Box, line: Box) -> bool:
    h = max(line.h, prev.h)
    return not _same_row(prev, line) and (line.y - (prev.y + prev.h) > 0.7 * h or line.y < prev.y
                                          or abs(line.h - prev.h) > 0.25 * h)
