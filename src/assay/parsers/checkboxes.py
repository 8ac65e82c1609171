"""Tick boxes, read once for every parser: glyphs of any shape, bracket text and shapes drawn as vectors.

* A glyph's state comes from its Unicode name, not from a list of glyphs: a BALLOT BOX is empty and one
  WITH CHECK or WITH X is ticked; a WHITE SQUARE or CIRCLE is empty; a FISHEYE, a BULLSEYE, a CIRCLED
  BULLET or a square CONTAINING another is ticked. A BLACK (solid) square or circle is a ticked box only
  where an empty twin of about its size is near on the page; else it is a bullet.
* Bracket and underscore groups: `[x] [ ] (•) ( ) _X_`; a short blank `___` before an option's word is an
  empty box where the page ticks its options with `_X_`.
* A bare CHECK MARK or BALLOT X with no box round it is a ticked box of its own (`Checkbox.mark`): its
  label may be on either side.
* Drawn shapes: a small square or ring (a radio button) is checked when a small mark (the strokes of an
  X or a tick), a filled inner shape or a tick glyph lies inside it; a dark-filled one among empty ones
  of the same size is a ticked one. Drawn boxes also get a synthetic ☑ / ☐ word at their position, so
  that text read in order carries the box's state next to its label.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from enum import Enum
from functools import cache

from assay.domain.document import Box, Checkbox, Word
from assay.parsers.pdfgraphics import Graphics, Rect

CHECKED, UNCHECKED = "☑", "☐"
# Letters and signs that tick a box when printed inside it or between brackets ("[x]", "(•)", "_X_").
_TICK_LETTERS = frozenset("xXvV*")
_PAIRS = {"[": "]", "(": ")", "_": "_"}
# A solid shape is a ticked box when an empty twin is this near (in its own heights, up or down the
# page) and about its size (this share of it); farther, or alone, it is a bullet.
TWIN_REACH = 25.0
TWIN_SIZE = 0.3
# Drawn boxes and radio buttons: sides in points.
MIN_SIDE, MAX_SIDE = 5.0, 22.0
# Shapes whose names say they are parts of a shape, brackets or signs, never a box to tick.
_NOT_BOXES = ("HALF", "QUADRANT", "ARC", "ARROW", "DOTTED", "DIAGONAL", "TRIANGLE", "BRACKET", "ROOT")


class Glyph(Enum):
    EMPTY = "empty"    # ☐ □ ○
    TICKED = "ticked"  # ☑ ☒ ◉ ▣
    SOLID = "solid"    # ■ ●: ticked beside empty twins, else a bullet
    MARK = "mark"      # ✓ ✔ ✗ ✘: a tick with no box


@cache
def glyph(ch: str) -> Glyph | None:
    """What a character says as a tick box, from its Unicode name; None when it is no tick box."""
    if ch.isascii() or ch.isalnum():
        return None
    name = unicodedata.name(ch, "")
    if "BALLOT BOX" in name:
        return Glyph.TICKED if " WITH " in name else Glyph.EMPTY
    if "SQUARED" in name:  # ❎ ⊠: a box with a cross; ⊞ ⊟ are operators
        return Glyph.TICKED if any(k in name for k in ("CROSS", "TIMES", "CHECK")) else None
    if "CHECK MARK" in name or "BALLOT X" in name or name.endswith("CROSS MARK"):
        return Glyph.MARK
    if "CIRCLED" in name:  # ⦿ ⊙: a dot in a ring; ① ⊕ are not boxes
        return Glyph.TICKED if any(k in name for k in ("BULLET", "DOT OPERATOR", "TIMES")) else None
    shape = "SQUARE" in name or "CIRCLE" in name or "FISHEYE" in name or "BULLSEYE" in name
    if not shape or any(k in name for k in _NOT_BOXES):
        return None
    if any(k in name for k in ("CONTAINING", "FISHEYE", "BULLSEYE", "WITH CHECK", "WITH X")):
        return Glyph.TICKED
    if "SMALL" in name:
        return None  # ▪ ▫: bullets
    if "WHITE" in name or name == "LARGE CIRCLE":
        return Glyph.EMPTY if " WITH " not in name or "ROUNDED" in name else None
    if "BLACK" in name:
        return Glyph.SOLID
    return None


def _round(ch: str) -> bool:
    return "CIRCLE" in unicodedata.name(ch, "")


def _inside(outer: Box, inner: Box, slack: float = 1.5) -> bool:
    return (outer.x - slack <= inner.cx <= outer.right + slack
            and outer.y - slack <= inner.cy <= outer.bottom + slack)


def _is_tick(text: str) -> bool:
    """A word that ticks the box it lies in: a tick glyph or a cross letter."""
    return len(text) == 1 and (text in _TICK_LETTERS or glyph(text) in (Glyph.MARK, Glyph.SOLID, Glyph.TICKED)
                               or unicodedata.name(text, "") == "BULLET")


def _bracketed(text: str) -> bool | None:
    """'[x]' → True, '[ ]' / '()' → False, '_X_' → True; None when the word is no bracket group."""
    if len(text) < 2 or text[0] not in _PAIRS or text[-1] != _PAIRS[text[0]]:
        return None
    inner = text[1:-1].strip(" _" if text[0] != "_" else " ")
    if not inner:
        return None if text[0] == "_" else False  # "___" is a blank to fill, not a box
    return True if _is_tick(inner) else None


def text_checkboxes(words: Sequence[Word]) -> list[Checkbox]:
    """The tick boxes printed as text: glyphs, bracket groups and bare tick marks."""
    found: list[Checkbox] = []
    solids: list[tuple[Word, bool]] = []  # (word, round)
    empties: list[tuple[Word, bool]] = []
    i = 0
    while i < len(words):
        word = words[i]
        text = word.text
        kind = glyph(text[0])
        if kind is not None:
            w = min(word.box.w, word.box.h) if len(text) > 1 else word.box.w
            box = Box(word.box.x, word.box.y, w, word.box.h)
            if kind is Glyph.SOLID:
                solids.append((Word(text, box), _round(text[0])))
            elif kind is Glyph.MARK:
                found.append(Checkbox(box, True, mark=True))
            else:
                found.append(Checkbox(box, kind is Glyph.TICKED))
                if kind is Glyph.EMPTY:
                    empties.append((word, _round(text[0])))
            i += 1
            continue
        state = _bracketed(text)
        if state is not None:
            found.append(Checkbox(word.box, state))
            i += 1
            continue
        group = _split_group(words, i)
        if group:
            end, state = group
            found.append(Checkbox(Box.union([w.box for w in words[i:end]]), state))
            i = end
            continue
        i += 1
    for word, round_ in solids:
        if any(r == round_ and abs(e.box.h - word.box.h) <= TWIN_SIZE * word.box.h
               and abs(e.box.cy - word.box.cy) <= TWIN_REACH * word.box.h for e, r in empties):
            found.append(Checkbox(word.box, True))
    return found + _blank_twins(words, found)


def _blank_twins(words: Sequence[Word], found: list[Checkbox]) -> list[Checkbox]:
    """A short blank ("___") that an option's word follows, on a page that ticks options with an underscore
    group ("_X_ Yes ___ No"), is that group's empty twin. Elsewhere a blank is a space to fill in ("Name: ___")."""
    ticked = [w.box for w in words if w.text[:1] == "_" and _bracketed(w.text)]
    if not ticked:
        return []
    out = []
    for w, after in itertools.pairwise(words):
        if (2 <= len(w.text) <= 5 and set(w.text) == {"_"} and abs(after.box.cy - w.box.cy) <= 0.3 * w.box.h
                and 0 <= after.box.x - w.box.right <= 1.5 * w.box.h and after.text[:1].isalpha()
                and any(abs(w.box.cy - t.cy) <= TWIN_REACH * t.h for t in ticked)
                and not any(c.box == w.box for c in found)):
            out.append(Checkbox(w.box, False))
    return out


def _split_group(words: Sequence[Word], i: int) -> tuple[int, bool] | None:
    """'[' 'x' ']' or '(' ')' as separate words, close together on one line: (end index, ticked)."""
    opener = words[i].text
    if opener not in ("[", "("):
        return None
    h = words[i].box.h
    for end in (i + 2, i + 3):
        if end > len(words):
            return None
        last = words[end - 1]
        if not last.text.startswith(_PAIRS[opener]):
            continue
        parts = words[i:end]
        if any(abs(b.box.cy - parts[0].box.cy) > 0.3 * h or b.box.x - a.box.right > 1.5 * h
               for a, b in itertools.pairwise(parts)):
            return None
        if end == i + 2:
            return end, False
        return (end, True) if _is_tick(words[i + 1].text) else None
    return None


def _shapes(graphics: Graphics) -> list[tuple[Rect, bool]]:
    """Small squares and rings, each with whether it is round."""
    def fits(r: Rect) -> bool:
        b = r.box
        return MIN_SIDE <= b.w <= MAX_SIDE and MIN_SIDE <= b.h <= MAX_SIDE and abs(b.w - b.h) <= 0.25 * max(b.w, b.h)

    return [(r, False) for r in graphics.rects if fits(r)] + [(r, True) for r in graphics.rings if fits(r)]


def _dark(r: Rect) -> bool:
    return r.filled and not r.light_fill


def drawn_checkboxes(graphics: Graphics, words: Sequence[Word]) -> list[Checkbox]:
    shapes = _shapes(graphics)
    empty = [(r, rnd) for r, rnd in shapes if not _dark(r) and r.stroked]
    found: list[Checkbox] = []
    for sq, round_ in shapes:
        box = sq.box
        if any(_inside(other.box, box, 0.5) and other.box.w > box.w + 1 for other, _ in shapes if other is not sq):
            continue  # the fill (or dot) of a checked box, not a box of its own
        twin = next((c for c in found if _inside(c.box, box, 0.5) and abs(c.box.w - box.w) <= 2), None)
        if twin is not None:  # the same box drawn twice (fill + stroke as two objects)
            twin.checked = twin.checked or _dark(sq)
            continue
        if not sq.stroked and sq.filled and not _dark(sq):
            continue  # a white patch, not a box
        if _dark(sq):
            # a solid box among empty ones of its size is a ticked one; alone, a bullet or a swatch
            if any(rnd == round_ and abs(e.box.w - box.w) <= 1.5 and abs(e.box.h - box.h) <= 1.5
                   and abs(e.box.cy - box.cy) <= TWIN_REACH * box.h for e, rnd in empty):
                found.append(Checkbox(box, True))
            continue
        checked = (
            any(_inside(box, m, 0) and m.w <= box.w + 3 and m.h <= box.h + 3 for m in graphics.marks
                if m is not box)  # a ring is a mark too
            or any(o is not sq and o.filled and not o.light_fill and _inside(box, o.box, 0) and o.box.w < box.w - 1
                   for o, _ in shapes)
            or any(_inside(box, w.box, 0) and _is_tick(w.text) and w.box.w <= box.w + 2 for w in words)
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
    return [w for w in words if not (_is_tick(w.text) and any(_inside(cb.box, w.box, 0) for cb in drawn))]
