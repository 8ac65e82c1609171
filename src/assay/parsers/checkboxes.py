"""Tick boxes: glyphs (☐ ☑ ☒), bracket text ([x], [ ]) and small squares drawn as vectors.

A drawn square is checked when a small mark (the strokes of an X or a tick), a filled inner square
or a tick glyph lies inside it. Drawn boxes also get a synthetic ☑ / ☐ word at their position, so
that text read in order carries the box's state next to its label.
"""

from __future__ import annotations

from collections.abc import Sequence

from assay.domain.document import Box, Checkbox, Word
from assay.parsers.pdfgraphics import Graphics

UNCHECKED_GLYPHS = frozenset("☐□▢❑❒⬜")
CHECKED_GLYPHS = frozenset("☑☒■▣⬛✅❎")
MARK_GLYPHS = frozenset("✓✔✗✘×xX•●■")
CHECKED, UNCHECKED = "☑", "☐"


def _inside(outer: Box, inner: Box, slack: float = 1.5) -> bool:
    return (outer.x - slack <= inner.cx <= outer.right + slack
            and outer.y - slack <= inner.cy <= outer.bottom + slack)


def text_checkboxes(words: Sequence[Word]) -> list[Checkbox]:
    found: list[Checkbox] = []
    for i, word in enumerate(words):
        text = word.text
        first = text[0]
        if first in UNCHECKED_GLYPHS or first in CHECKED_GLYPHS:
            w = min(word.box.w, word.box.h) if len(text) > 1 else word.box.w
            found.append(Checkbox(Box(word.box.x, word.box.y, w, word.box.h), first in CHECKED_GLYPHS))
        elif text.startswith("[") and len(text) >= 2 and text[1:2] in "xX✓✔ " and text[2:3] == "]":
            found.append(Checkbox(word.box, text[1] != " "))
        elif text in ("[]", "[_]"):
            found.append(Checkbox(word.box, False))
        elif text == "[" and i + 1 < len(words):
            nxt = words[i + 1]
            if (nxt.text.startswith("]") and nxt.box.x - word.box.right < 1.5 * word.box.h
                    and abs(nxt.box.cy - word.box.cy) < 3):
                found.append(Checkbox(Box.union([word.box, nxt.box]), False))
    return found


def drawn_checkboxes(graphics: Graphics, words: Sequence[Word]) -> list[Checkbox]:
    squares = [r for r in graphics.rects
               if 5 <= r.box.w <= 22 and 5 <= r.box.h <= 22 and abs(r.box.w - r.box.h) <= 0.25 * max(r.box.w, r.box.h)]
    found: list[Checkbox] = []
    for sq in squares:
        box = sq.box
        if any(_inside(other.box, box, 0.5) and other.box.w > box.w + 1 for other in squares if other is not sq):
            continue  # the fill of a checked box, not a box of its own
        if any(_inside(c.box, box, 0.5) and abs(c.box.w - box.w) <= 2 for c in found):
            continue  # a duplicate (fill + stroke drawn as two objects)
        if (not sq.stroked and sq.filled) or not sq.light_fill:
            continue  # a bullet, a solid block or a colour swatch, not a box
        checked = (
            any(_inside(box, m, 0) and m.w <= box.w + 3 and m.h <= box.h + 3 for m in graphics.marks)
            or any(o is not sq and o.filled and not o.light_fill and _inside(box, o.box, 0) and o.box.w < box.w - 1
                   for o in squares)
            or any(_inside(box, w.box, 0) and w.text in MARK_GLYPHS and w.box.w <= box.w + 2 for w in words)
        )
        found.append(Checkbox(box, checked))
    return found


def merge(drawn: list[Checkbox], text: list[Checkbox]) -> list[Checkbox]:
    out = list(drawn)
    for cb in text:
        if not any(_inside(d.box, cb.box, 1.0) for d in drawn):
            out.append(cb)
    out.sort(key=lambda c: (round(c.box.y / 4), c.box.x))
    return out


def synthetic_words(drawn: list[Checkbox], words: Sequence[Word]) -> list[Word]:
    """A ☑/☐ word for each drawn box, minus any mark glyph word the box already holds."""
    return [Word(CHECKED if cb.checked else UNCHECKED, cb.box) for cb in drawn]


def without_marks(words: Sequence[Word], drawn: list[Checkbox]) -> list[Word]:
    return [w for w in words
            if not (w.text in MARK_GLYPHS and any(_inside(cb.box, w.box, 0) for cb in drawn))]
