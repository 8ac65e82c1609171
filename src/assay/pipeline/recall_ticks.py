"""Layout memory for tick boxes: the marks that answer a boolean field (`pipeline.recall`).

A boolean is not printed as words: it is a mark (a ticked box, a filled round, a ✓ printed after an
option) beside one of a row's options ("Y" / "N"), or a single box before or after a statement ("I agree
to ..."). `learn_ticks` finds, on a reviewed page, the rows of marks that agree with each accepted boolean
(a Y/N row whose marked option means the accepted value; a single mark ticked when the value is true, empty
when false) and gives each field the row whose question names it best by meaning (`semantics.match`), each
row to one field; the place keeps the options' boxes and what each means. `read_tick` reads a new document
of the layout: the anchor found again, the options moved as much, and which of them is marked now.
"""

from __future__ import annotations

from typing import Any

from assay.domain import values as V
from assay.domain.document import Box, Page, Word
from assay.domain.fields import Field
from assay.pipeline import fingerprint as F
from assay.pipeline import places as P
from assay.semantics import match

CHECKED = frozenset("✓✔✗✘☑☒■▣◉●⬛✅❎")
EMPTY = frozenset("☐□▢❑○◯⬜")
REACH = 3.0  # a mark belongs to an option at most this many line heights across from it


def marks(page: Page) -> list[tuple[Box, bool]]:
    """The page's marks: its tick boxes and the tick glyphs among its words (a ✓ printed after an option)."""
    out = [(c.box, c.checked) for c in page.checkboxes]
    for w in page.words:
        if _glyph(w) is not None and not any(_same_place(w.box, b) for b, _ in out):
            out.append((w.box, bool(_glyph(w))))
    return out


def _glyph(word: Word) -> bool | None:
    t = word.text.strip()
    if not t or len(t) > 3 or any(c.isalnum() for c in t):
        return None
    return True if any(c in CHECKED for c in t) else False if any(c in EMPTY for c in t) else None


def _same_place(a: Box, b: Box) -> bool:
    return abs(a.cx - b.cx) < max(a.w, b.w) and abs(a.cy - b.cy) < max(a.h, b.h)


def learn_ticks(page: Page, fields: dict[str, tuple[Field, bool]]) -> dict[str, dict]:
    """path → the tick row that answers each boolean field (its question's words, its options), for the
    fields whose accepted value (`fields`: path → (field, value)) one row alone answers best."""
    rows = _rows(page)
    if not rows or not fields:
        return {}
    paths = list(fields)
    scores = match.score_matrix([r["question"] for r in rows],
                                [match.FieldText(" ".join(fields[p][0].words), description=fields[p][0].description)
                                 for p in paths])
    pairs = sorted(((float(scores[i, j]), i, j) for i, row in enumerate(rows) for j, p in enumerate(paths)
                    if _answer(page, row, _marks_on(page, row))[0] is fields[p][1]), reverse=True)
    out: dict[str, dict] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if paths[j] in out or i in used or score <= 0.0:
            continue
        out[paths[j]] = rows[i]
        used.add(i)
    return out


def _rows(page: Page) -> list[dict]:
    """The lines with marks on them: a Y/N row (options that read as yes and no) or a single mark beside words."""
    found = marks(page)
    out = []
    for line in F.text_lines([w for w in page.words if _glyph(w) is None]):
        h = max(w.box.h for w in line)
        on = [(b, c) for b, c in found if abs(b.cy - line[0].box.cy) < 0.6 * max(h, b.h)]
        if not on:
            continue
        options = [w for w in line if len(w.text) <= 3 and isinstance(V.parse_bool(w.text), bool)]
        means = {V.parse_bool(w.text) for w in options}
        if means == {True, False}:
            first = min(w.box.x for w in options)
            question = [w for w in line if w.box.right <= first]
            out.append({"question": " ".join(w.text for w in question), "words": question or options,
                        "options": [{"text": w.text, "box": P.box_list(w.box), "means": V.parse_bool(w.text)}
                                    for w in options]})
        elif len(on) == 1:
            out.append({"question": " ".join(w.text for w in line), "words": line,
                        "single": P.box_list(on[0][0])})
    return out


def _marks_on(page: Page, row: dict, shift: tuple[float, float] = (0.0, 0.0)) -> list[tuple[Box, bool]]:
    _, y, _, h = row["single"] if "single" in row else row["options"][0]["box"]
    cy = y + shift[1] + h / 2
    return [(b, c) for b, c in marks(page) if abs(b.cy - cy) < 0.6 * max(h, b.h)]


def _answer(page: Page, row: dict, on: list[tuple[Box, bool]],
            shift: tuple[float, float] = (0.0, 0.0)) -> tuple[Any, list[Box]]:
    """What the row's marks say (the meaning of the one marked option, a single box's state; None if unclear)
    and the boxes that say it (the mark and its option)."""
    dx, dy = shift
    if "single" in row:
        x, y, w, h = row["single"]
        cx, cy = x + dx + w / 2, y + dy + h / 2
        here = [(b, c) for b, c in on if abs(b.cx - cx) < max(w, b.w) and abs(b.cy - cy) < h]
        return (here[0][1], [here[0][0]]) if len(here) == 1 else (None, [])
    options = [(Box(o["box"][0] + dx, o["box"][1] + dy, o["box"][2], o["box"][3]), o["means"]) for o in row["options"]]
    chosen: dict[bool, list[Box]] = {}
    for b, checked in on:
        near = min(options, key=lambda o: abs(o[0].cx - b.cx))
        if checked and abs(near[0].cx - b.cx) < REACH * max(near[0].h, b.h) + near[0].w:
            chosen[near[1]] = [Box.union([b, near[0]])]
    return next(iter(chosen.items())) if len(chosen) == 1 else (None, [])


def read_tick(page: Page, place: dict, shift: tuple[float, float]) -> tuple[bool, list[Box]] | None:
    """The boolean a tick place reads on a page of its layout, moved by `shift`, and the boxes of its mark: None
    where its options are not printed there or no one option is marked."""
    if "options" in place:
        words = {(w.text, round(w.box.x - shift[0]), round(w.box.y - shift[1])) for w in page.words}
        for o in place["options"]:
            x, y = o["box"][0], o["box"][1]
            if not any((o["text"], round(x) + d, round(y) + e) in words for d in (-1, 0, 1) for e in (-1, 0, 1)):
                return None
    got, boxes = _answer(page, place, _marks_on(page, place, shift), shift)
    return (got, boxes) if isinstance(got, bool) else None
