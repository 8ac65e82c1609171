"""What a scan's pixels say besides its text: rules, tick boxes and ink that OCR left unread.

All in pixels of one (upright, deskewed) page image, with numpy only:

* `ink_mask`: dark pixels, with the threshold set halfway between paper and ink so that grey paper,
  blur and JPEG noise do not matter; isolated specks are dropped.
* `rules`: horizontal and vertical strokes at least ~4 em long (table grids, field underlines).
* `tick_boxes`: small empty-or-marked squares (0.5 to 1.6 em a side) drawn by four short strokes; a
  box is checked when its inside holds ink (an X, a tick); a solid square is a checked box when an
  empty one of its size stands on its row; and radio buttons, small rings, checked when a dot fills
  their middle, empty ones only two or more of a size in a row or a column.
* `unread_regions`: connected ink of text size that no recognised word covers (Tesseract's page
  segmentation sometimes drops a whole column of numbers as "not text").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

PxBox = tuple[int, int, int, int]  # left, top, right, bottom (exclusive), pixels


@dataclass(slots=True)
class TickBox:
    box: PxBox
    checked: bool
    ring: bool = False  # a radio button: shaped like the letter "O", so the OCR has the last word (`ocr`)


def ink_mask(image: Image.Image, *, faint: bool = False) -> tuple[np.ndarray, int]:
    """(dark pixels as a bool array, the paper's grey level). `faint`: every pixel darker than a quarter of the
    way from the paper to the darkest ink (not half), which keeps whole a thin rule a scan blurred to grey."""
    a = np.asarray(image.convert("L"), dtype=np.uint8)
    paper = int(np.percentile(a, 75))
    dark = int(np.percentile(a, 0.5))
    if paper - dark < 40:  # a blank or nearly uniform page
        return np.zeros(a.shape, dtype=bool), paper
    ink = a < (paper - (paper - dark) // 4 if faint else (paper + dark) // 2)
    # drop isolated specks: a pixel stays when a 4-neighbour is ink too
    neighbours = np.zeros(a.shape, dtype=np.uint8)
    neighbours[1:, :] += ink[:-1, :]
    neighbours[:-1, :] += ink[1:, :]
    neighbours[:, 1:] += ink[:, :-1]
    neighbours[:, :-1] += ink[:, 1:]
    return ink & (neighbours > 0), paper


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Horizontal runs of True: (row, start, end-exclusive) arrays."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)
    return rows_s, starts, ends


def _bridge(mask: np.ndarray, gap: int) -> np.ndarray:
    """Close horizontal gaps of up to `gap` pixels (broken strokes in a noisy scan)."""
    # a pixel between two ink pixels at most `gap` apart becomes ink
    left = np.zeros_like(mask)
    right = np.zeros_like(mask)
    for k in range(1, gap + 1):
        left[:, k:] |= mask[:, :-k]
        right[:, :-k] |= mask[:, k:]
    return mask | (left & right)


def rules(ink: np.ndarray, min_len: int, max_thick: int) -> list[PxBox]:
    """Long thin horizontal and vertical strokes as boxes."""
    found: list[PxBox] = []
    for transpose in (False, True):
        m = _bridge(ink.T if transpose else ink, 2)
        rows, starts, ends = runs(m)
        keep = (ends - starts) >= min_len
        segs = sorted(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))
        # stack runs on adjacent rows into one stroke
        open_: list[list[int]] = []  # [top, bottom, start, end]
        strokes: list[list[int]] = []
        for r, s, e in segs:
            for st in open_:
                if st[1] >= r - 1 and s < st[3] and e > st[2]:
                    st[1] = r
                    st[2], st[3] = min(st[2], s), max(st[3], e)
                    break
            else:
                st = [r, r, s, e]
                open_.append(st)
                strokes.append(st)
            open_ = [o for o in open_ if o[1] >= r - 1]
        for top, bottom, s, e in strokes:
            if bottom - top + 1 > max_thick:
                continue  # a filled bar or a block of text, not a rule
            found.append((top, s, bottom + 1, e) if transpose else (s, top, e, bottom + 1))
    return found


def drawn_rules(image: Image.Image, min_len: int, max_thick: int) -> list[PxBox]:
    """The rules a table is drawn with, found in faint ink too (a scan blurs a thin rule to grey), each with
    paper on both sides along most of its length: the edges of a shaded band are no rules."""
    faint, _ = ink_mask(image, faint=True)
    out = []
    for left, top, right, bottom in rules(faint, min_len, max_thick):
        if right - left >= bottom - top:  # horizontal: the rows just above and below
            sides = [faint[max(0, top - max_thick):top, left:right], faint[bottom:bottom + max_thick, left:right]]
        else:
            sides = [faint[top:bottom, max(0, left - max_thick):left], faint[top:bottom, right:right + max_thick]]
        if all(side.size and side.mean() < 0.5 for side in sides):
            out.append((left, top, right, bottom))
    return out


def tick_boxes(ink: np.ndarray, em: float) -> list[TickBox]:
    """Small squares drawn with four strokes, with whether anything is inside."""
    lo, hi = max(6, int(0.5 * em)), int(1.6 * em) + 2
    h_rows, h_s, h_e = runs(_bridge(ink, 1))
    keep = ((h_e - h_s) >= lo) & ((h_e - h_s) <= hi)
    tops: dict[tuple[int, int], list[int]] = {}
    for r, s, e in zip(h_rows[keep].tolist(), h_s[keep].tolist(), h_e[keep].tolist(), strict=True):
        tops.setdefault((s // 3, e // 3), []).append(r)
    found: list[TickBox] = []
    taken: list[PxBox] = []
    solid: list[PxBox] = []
    for (sq, eq), rows_ in tops.items():
        rows_.sort()
        for i, top in enumerate(rows_):
            for bottom in rows_[i + 1:]:
                side = bottom - top
                width = (eq - sq) * 3
                if side < lo - 1 or side > hi:
                    continue
                if abs(side - width) > max(3, 0.2 * width):
                    continue
                square = _square_at(ink, top, bottom, sq * 3, eq * 3 + 3)
                if square is None:
                    continue
                box, filled = square
                if filled:
                    if not any(_overlaps(box, t) for t in solid):
                        solid.append(box)
                    continue
                if any(_overlaps(box, t) for t in taken):
                    continue
                taken.append(box)
                found.append(TickBox(box, _marked(ink, box)))
    found += [TickBox(box, True) for box in solid
              if not any(_overlaps(box, t) for t in taken) and _among_boxes(box, taken)]
    return found + [ring for ring in _radio_buttons(ink, lo, hi) if not any(_overlaps(ring.box, t) for t in taken)]


def _radio_buttons(ink: np.ndarray, lo: int, hi: int) -> list[TickBox]:
    """Rings lo..hi pixels across with a dot in the middle (a chosen option), or empty ones that stand as a group:
    two or more of one size on a row or in a column, as a question's options are printed. An empty ring alone is
    as likely the letter "O"; a ring in letter-spaced print ("Contoso") is told by the recognised words (`ocr`)."""
    rings = [box for box in _small_blobs(ink, lo, hi)
             if _is_ring(ink, box) and not _beside_letters(ink, box[0], box[1], box[2] - 1, box[3] - 1)]
    out = []
    for ring in rings:
        left, top, right, bottom = ring
        side = right - left
        inner = ink[top + side * 3 // 10 : bottom - side * 3 // 10, left + side * 3 // 10 : right - side * 3 // 10]
        dotted = bool(inner.size) and float(inner.mean()) > 0.35
        grouped = any(o is not ring and abs((o[2] - o[0]) - side) <= max(2, side // 6)
                      and (abs(o[1] - top) <= 2 or abs(o[0] - left) <= 2) for o in rings)
        if dotted or grouped:
            out.append(TickBox(ring, dotted, ring=True))
    return out


def _small_blobs(ink: np.ndarray, lo: int, hi: int) -> list[PxBox]:
    """Bounding boxes of the connected ink (runs on adjacent rows that overlap) about square and lo..hi across."""
    rows, starts, ends = runs(ink)
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[tuple[int, int, int]] = []  # (start, end, run index) on the row above
    current: list[tuple[int, int, int]] = []
    row_now = -1
    for i, (r, s, e) in enumerate(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True)):
        if r != row_now:
            previous, current = (current if r == row_now + 1 else []), []
            row_now = r
        parent.append(i)
        for ps, pe, j in previous:
            if ps < e and s < pe:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
        current.append((s, e, i))
    boxes: dict[int, list[int]] = {}
    for i, (r, s, e) in enumerate(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True)):
        box = boxes.setdefault(find(i), [s, r, e, r + 1])
        box[0], box[1], box[2], box[3] = min(box[0], s), min(box[1], r), max(box[2], e), max(box[3], r + 1)
    return [(b[0], b[1], b[2], b[3]) for b in boxes.values()
            if lo <= b[2] - b[0] <= hi and abs((b[2] - b[0]) - (b[3] - b[1])) <= max(2, (b[2] - b[0]) // 8)]


def _is_ring(ink: np.ndarray, box: PxBox) -> bool:
    """Ink all round a circle just inside the box, and paper in the box's corners and between the ring and
    its middle: a drawn circle (with or without a dot), not a square, a blot or a letter with a gap."""
    left, top, right, bottom = box
    side = right - left
    cx, cy, radius = (left + right - 1) / 2, (top + bottom - 1) / 2, side / 2
    angles = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    near = 0
    for a in angles:  # the ring: ink within a stroke of the circle's edge, at every angle
        for k in (0.7, 0.8, 0.9):
            if ink[round(cy + k * radius * np.sin(a)), round(cx + k * radius * np.cos(a))]:
                near += 1
                break
    corner = max(1, side // 6)
    corners = [ink[top : top + corner, left : left + corner], ink[top : top + corner, right - corner : right],
               ink[bottom - corner : bottom, left : left + corner],
               ink[bottom - corner : bottom, right - corner : right]]
    gap = [ink[round(cy + 0.5 * radius * np.sin(a)), round(cx + 0.5 * radius * np.cos(a))] for a in angles]
    return near >= 0.95 * len(angles) and max(float(c.mean()) for c in corners) < 0.2 and np.mean(gap) < 0.2


def _among_boxes(blot: PxBox, boxes: list[PxBox]) -> bool:
    """A solid square is a filled-in tick box when an empty box of its size stands on its row: the
    other options of its question. Alone, it may as well be a bullet or a bold full stop."""
    side = blot[3] - blot[1]
    return any(abs((b[3] - b[1]) - side) <= max(3, 0.2 * side) and abs((b[1] + b[3]) - (blot[1] + blot[3])) <= side
               for b in boxes)


def _square_at(ink: np.ndarray, top: int, bottom: int, x0: int, x1: int) -> tuple[PxBox, bool] | None:
    """The box whose top and bottom edges are the runs at rows `top`/`bottom` near x0..x1, if its
    left and right edges are strokes too and nothing but its own edges continues outside it, and whether
    it is filled with ink: a solid square, which alone is no box (see `_among_boxes`)."""
    w = ink.shape[1]
    band = ink[top : bottom + 1, max(0, x0 - 3) : min(w, x1 + 3)]
    if band.size == 0:
        return None
    cols = band.mean(axis=0)
    strong = np.nonzero(cols >= 0.8)[0]
    if len(strong) < 2:
        return None
    left = int(strong[0]) + max(0, x0 - 3)
    right = int(strong[-1]) + max(0, x0 - 3)
    side = bottom - top
    if abs((right - left) - side) > max(3, 0.2 * side):
        return None
    # edges of an isolated box: the rows just outside it are mostly paper
    pad = max(2, side // 6)
    above = ink[max(0, top - pad) : max(0, top - 1), left : right + 1]
    below = ink[bottom + 2 : bottom + pad + 1, left : right + 1]
    if (above.size and above.mean() > 0.3) or (below.size and below.mean() > 0.3):
        return None  # part of a grid or a larger drawing
    before = ink[top : bottom + 1, max(0, left - pad) : max(0, left - 1)]
    after = ink[top : bottom + 1, right + 2 : right + pad + 1]
    if (before.size and before.mean() > 0.15) or (after.size and after.mean() > 0.15):
        return None  # a letter inside a word ("D", "O"), not a box
    if _beside_letters(ink, left, top, right, bottom) or _stem_goes_on(ink, left, top, right, bottom):
        return None  # the bowl of a "P", "d" or "o" in a word of small print, not a box
    box = (left, top, right + 1, bottom + 1)
    if ink[top + 1 : bottom, left + 1 : right].mean() > 0.85:
        return box, True  # a solid blot (a full stop, a bold stroke, a filled-in box): no ring of its own
    edge = max(1, side // 4)
    if ink[top + edge : bottom + 1 - edge, left : left + edge].mean() > 0.9 and side > 8:
        return None  # a stroke as thick as a quarter of the side: a bold letter
    return box, False


def _beside_letters(ink: np.ndarray, left: int, top: int, right: int, bottom: int) -> bool:
    """Ink a letter gap (5 pixels, or a quarter of the side in a large box) to the left or right,
    level with the box: a tick box stands a space apart from its label, the bowl of an "o" or "e"
    in small print only a letter gap from the next letter."""
    side = bottom - top
    gap = max(5, side // 4)
    band = slice(top + 1, bottom)
    w = ink.shape[1]
    before = ink[band, max(0, left - gap) : max(0, left - 1)]
    after = ink[band, min(w, right + 2) : min(w, right + gap + 1)]
    return bool(before.any(axis=0).any() or after.any(axis=0).any())


def _stem_goes_on(ink: np.ndarray, left: int, top: int, right: int, bottom: int) -> bool:
    """A side stroke that runs on straight past the top or bottom corner: the stem of a "P", "b",
    "d" or "q" whose bowl looks like a box. A box's sides end at its corners; a tick mark that
    overshoots a corner runs on slanted, not straight."""
    side = bottom - top
    reach = max(3, side // 3)
    edge = max(2, side // 6)
    h, w = ink.shape
    for x0 in (left, right - edge + 1):
        cols = slice(max(0, x0 - 2), min(w, x0 + edge + 2))
        for rows in (range(top - reach, top - 1), range(bottom + 2, bottom + reach + 1)):
            centres = []
            for r in rows:
                if not 0 <= r < h:
                    break
                xs = np.nonzero(ink[r, cols])[0]
                if not len(xs):
                    break
                centres.append(float(xs.mean()))
            else:
                if centres and max(centres) - min(centres) <= 2 + side / 10:
                    return True
    return False


def _marked(ink: np.ndarray, box: PxBox) -> bool:
    left, top, right, bottom = box
    inset = max(2, (right - left) // 5)
    inside = ink[top + inset : bottom - inset, left + inset : right - inset]
    return bool(inside.size) and float(inside.mean()) > 0.06


def _overlaps(a: PxBox, b: PxBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def unread_regions(ink: np.ndarray, covered: list[PxBox], em: float) -> list[PxBox]:
    """Text-sized blobs of ink that lie outside every covered box, as padded boxes."""
    rest = ink.copy()
    h, w = rest.shape
    for left, top, right, bottom in covered:
        rest[max(0, top) : min(h, bottom), max(0, left) : min(w, right)] = False
    cell = max(2, int(em / 4))
    gh, gw = h // cell, w // cell
    if gh == 0 or gw == 0:
        return []
    counts = rest[: gh * cell, : gw * cell].reshape(gh, cell, gw, cell).sum(axis=(1, 3))
    grid = counts >= max(2, cell * cell // 12)
    # join cells a letter gap apart so that a word or a number is one blob
    joined = grid.copy()
    joined[:, :-1] |= grid[:, 1:]
    joined[:, 1:] |= grid[:, :-1]
    regions: list[PxBox] = []
    seen = np.zeros_like(joined)
    ys, xs = np.nonzero(joined)
    for y0, x0 in zip(ys.tolist(), xs.tolist(), strict=True):
        if seen[y0, x0]:
            continue
        stack = [(y0, x0)]
        seen[y0, x0] = True
        top, left, bottom, right, size = y0, x0, y0, x0, 0
        while stack:
            y, x = stack.pop()
            size += 1
            top, bottom, left, right = min(top, y), max(bottom, y), min(left, x), max(right, x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < gh and 0 <= nx < gw and joined[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        height_px = (bottom - top + 1) * cell
        width_px = (right - left + 1) * cell
        if not (0.45 * em <= height_px <= 3 * em) or width_px < 0.6 * em:
            continue  # a speck, a rule's remains or a picture
        if size < 4 or height_px > 2.5 * width_px:
            continue  # too little, or the remains of a vertical rule
        block = rest[top * cell : (bottom + 1) * cell, left * cell : (right + 1) * cell]
        if block.mean() > 0.45:
            continue  # a filled bar or a picture, not unread text
        pad = int(em / 3)
        regions.append((max(0, left * cell - pad), max(0, top * cell - pad),
                        min(w, (right + 1) * cell + pad), min(h, (bottom + 1) * cell + pad)))
    return regions
