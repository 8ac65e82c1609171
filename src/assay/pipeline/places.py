"""The fixed words of a remembered layout, and how a value's place is described by them (`pipeline.recall`).

A place is anchored on *phrases*: runs of fixed words side by side on a line (labels, headings, column
headers). `distance` ranks phrases as anchors of a value (beside it on its left best, then above it);
`anchor_shift` finds an anchor again on a new document of the layout and says how far it moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from assay.domain import values as V
from assay.domain.document import Box, Page, Word
from assay.engines.base import Hint
from assay.pipeline import fingerprint as F

SPACE = 1.0  # a gap under this many line heights is a word space, not a column gap
PRIOR_RIGHT, PRIOR_SEEN = 4, 5  # a place's first example is worth (1 + 4) / (1 + 5)


@dataclass(slots=True)
class Recalled(Hint):
    """A leaf read from layout memory: `layout_id` and `example_id` say which reviewed document taught it."""

    layout_id: str = ""
    example_id: str = ""


def rate(place: dict) -> float:
    """How often a place was right, with a prior: (right + 4) / (seen + 5)."""
    return round(min(0.99, (place.get("right", 1) + PRIOR_RIGHT) / (place.get("seen", 1) + PRIOR_SEEN)), 4)


def phrases(words: list[Word]) -> list[tuple[str, Box]]:
    """Runs of fixed words side by side on a line (at most four), as (folded text, box)."""
    out = []
    for line in F.text_lines(words):
        run: list[Word] = []
        for w in [*line, None]:
            if w is not None and run and w.box.x - run[-1].box.right < 1.2 * max(w.box.h, 1.0) and len(run) < 4:
                run.append(w)
                continue
            if run:
                out.append((" ".join(F.fixed_text(x) or "" for x in run), Box.union(x.box for x in run)))
            run = [w] if w is not None else []
    return out


def beside(anchor: Box, value: Box) -> bool:
    """Whether `anchor` is printed on the value's line, to its left."""
    return abs(anchor.cy - value.cy) < 0.6 * max(anchor.h, value.h) and anchor.right <= value.x + 2


def distance(anchor: Box, value: Box) -> float:
    """How well `anchor` labels `value`: beside it on its left best, then above it, then anything near."""
    if beside(anchor, value):
        return value.x - anchor.right
    overlaps = anchor.x < value.right and value.x < anchor.right
    if overlaps and anchor.bottom <= value.y + 2:
        return 1.2 * (value.y - anchor.bottom) + 5
    return 2.0 * math.hypot(anchor.cx - value.cx, anchor.cy - value.cy) + 20


def anchor_shift(page: Page, anchors: list[dict]) -> tuple[float, float] | None:
    """How far the first anchor found again moved (its phrase, or one it begins): at most a tenth of the page
    across, half of it down or up.
    An anchor without text is the page itself (a value in a page's header or footer): it never moves."""
    found = None
    for anchor in anchors:
        if not anchor["text"]:
            return 0.0, 0.0
        found = found if found is not None else _runs(page)
        x, y, _, _ = anchor["box"]
        near = [(b.x - x, b.y - y) for b in _find(found, anchor["text"].split())
                if abs(b.x - x) <= 0.1 * page.width and abs(b.y - y) <= 0.5 * page.height]
        if near:
            return min(near, key=lambda d: abs(d[0]) + abs(d[1]))
    return None


def _runs(page: Page) -> list[list[tuple[str, Word]]]:
    """The page's fixed words in runs side by side on a line (as `phrases` joins them, with no limit on length)."""
    out = []
    for line in F.text_lines([w for w in page.words if F.fixed_text(w)]):
        run: list[tuple[str, Word]] = []
        for w in line:
            if run and w.box.x - run[-1][1].box.right >= 1.2 * max(w.box.h, 1.0):
                out.append(run)
                run = []
            run.append((F.fixed_text(w) or "", w))
        out.append(run)
    return out


def _find(runs: list[list[tuple[str, Word]]], words: list[str]) -> list[Box]:
    """Where a phrase's words are printed one after another in a run, wherever the run starts: an anchor
    cut from a longer run on its example ('navan co meath' of 'quay navan co meath') is found as well as
    one that begins a run (a word that was a value on the example, 'mail' of 'Electronic mail', may follow)."""
    out = []
    n = len(words)
    for run in runs:
        texts = [t for t, _ in run]
        for i in range(len(run) - n + 1):
            if texts[i:i + n] == words:
                out.append(Box.union(w.box for _, w in run[i:i + n]))
    return out


def is_fixed(word: Word, page: Page, fixed: set[str]) -> bool:
    text = F.fixed_text(word)
    if text is None:
        return False
    col = int(word.box.x / (page.width or 1.0) * F.COLUMNS)
    return any(f"x:{text}:{c}" in fixed for c in (col - 1, col, col + 1))


def same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-6
    return V.fold(str(a)).strip().lower() == V.fold(str(b)).strip().lower()


def box_list(b: Box) -> list[float]:
    return [round(b.x, 2), round(b.y, 2), round(b.w, 2), round(b.h, 2)]
