"""Words → lines → blocks, in reading order, for any page whose words have boxes.

* A *row* is every word whose vertical centre sits on the same baseline band.
* A *line* is a run of a row's words without a big horizontal gap (> ~1 em), so two columns or a
  label and a far-away value are separate lines with their own boxes.
* Reading order is a recursive XY-cut over lines. A vertical cut (columns) is taken only where a
  clean gutter separates two sides and neither side is a list of short cells paired row by row
  with the other (a key/value list or a table): those are read row by row, left to right, as the
  eye reads them. Horizontal cuts split the page into bands at its widest empty gaps.
* A *block* is a run of consecutive rows of one region with no more than ~0.7 line height between
  them; a short line clearly larger than the body text is a heading, a line starting with a bullet
  or a list number is a list item.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Iterable, Sequence

from assay.domain.document import Block, BlockKind, Box, Line, Word

_BULLET = re.compile(r"^(?:[•◦▪‣●○■□\-–*]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\))$")


def median_height(words: Sequence[Word]) -> float:
    heights = [w.box.h for w in words if w.box.h > 0]
    return statistics.median(heights) if heights else 10.0


def group_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Cluster words into rows by vertical centre; each row sorted left to right, rows top down."""
    rows: list[list[Word]] = []
    bands: list[tuple[float, float]] = []  # (centre, height) of each open row
    # sorted on (centre, x), ties in input order; the box arithmetic is inlined (hot loop)
    keyed = sorted([(w.box.y + w.box.h / 2, w.box.x, i, w) for i, w in enumerate(words)])
    for cy, _, _, word in keyed:
        h = word.box.h
        if h < 0.1:
            h = 0.1
        # rows are appended in centre order, so only the last few can match
        last = len(rows) - 1
        for i in range(last, last - 3 if last >= 3 else -1, -1):
            rcy, rh = bands[i]
            lo, hi = (rh, h) if rh < h else (h, rh)
            if abs(cy - rcy) <= 0.45 * lo + 0.05 * hi:
                row = rows[i]
                row.append(word)
                n = len(row)
                bands[i] = (rcy + (cy - rcy) / n, (h if h > rh else rh) if n < 3 else rh)
                break
        else:
            rows.append([word])
            bands.append((cy, h))
    for row in rows:
        row.sort(key=_word_x)
    return rows


def _word_x(word: Word) -> float:
    return word.box.x


def split_row(row: Sequence[Word], em: float) -> list[Line]:
    """Split a row into lines wherever the gap between two words exceeds `em`."""
    lines: list[Line] = []
    current: list[Word] = []
    right = 0.0  # of the last word in `current`
    for word in row:
        box = word.box
        if current and box.x - right > em:
            lines.append(Line(current))
            current = []
        current.append(word)
        right = box.x + box.w
    if current:
        lines.append(Line(current))
    return lines


def build_lines(words: Sequence[Word], gap_em: float = 1.0) -> list[list[Line]]:
    """Rows of lines; `gap_em` scales the split gap relative to each row's median word height."""
    rows = group_rows(words)
    result = []
    for row in rows:
        em = max(median_height(row) * gap_em, 2.0)
        result.append(split_row(row, em))
    return result


def reading_order(words: Sequence[Word], gap_em: float = 1.0) -> tuple[list[Word], list[Line], list[Block]]:
    """Order a page's words and group them into lines and blocks."""
    if not words:
        return [], [], []
    items = [(line, _line_box(line)) for row in build_lines(words, gap_em) for line in row]
    body = median_height(words)
    regions: list[list[Item]] = []
    _xy_cut(items, body, regions)
    blocks: list[Block] = []
    ordered: list[Line] = []
    for region in regions:
        region_lines, region_blocks = _region_blocks(region, body)
        ordered.extend(region_lines)
        blocks.extend(region_blocks)
    out_words = [w for line in ordered for w in line.words]
    return out_words, ordered, blocks


def _line_box(line: Line) -> Box:
    words = line.words
    box = words[0].box
    left = box.x  # words of a line are in x order
    right, top, bottom = box.x + box.w, box.y, box.y + box.h
    for word in words:
        box = word.box
        r, b = box.x + box.w, box.y + box.h
        if r > right:
            right = r
        if box.y < top:
            top = box.y
        if b > bottom:
            bottom = b
    return Box(left, top, right - left, bottom - top)


def _intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if not spans:
        return []
    spans = sorted(spans)
    merged: list[tuple[float, float]] = []
    start, end = spans[0]
    for a, b in spans:
        if a <= end:
            if b > end:
                end = b
        else:
            merged.append((start, end))
            start, end = a, b
    merged.append((start, end))
    return merged


Item = tuple[Line, Box]  # a line with its box, computed once


def _xy_cut(items: list[Item], body: float, out: list[list[Item]], depth: int = 0) -> None:
    if len(items) <= 1 or depth > 60:
        out.append(items)
        return
    split = _vertical_split(items, body)
    if split is not None:
        for part in split:
            _xy_cut(part, body, out, depth + 1)
        return
    ys = _intervals([(b.y, b.y + b.h) for _, b in items])
    gaps = [(ys[i + 1][0] - ys[i][1], ys[i][1]) for i in range(len(ys) - 1)]
    big = [g for g in gaps if g[0] >= 0.9 * body]
    if not big:
        out.append(items)
        return
    widest = max(g[0] for g in big)
    cuts = sorted(at for size, at in big if size >= min(0.75 * widest, 1.5 * body))
    parts: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        parts[bisect.bisect_left(cuts, item[1].cy)].append(item)
    for part in parts:
        if part:
            _xy_cut(part, body, out, depth + 1)


def _vertical_split(items: list[Item], body: float) -> list[list[Item]] | None:
    xs = _intervals([(b.x, b.x + b.w) for _, b in items])
    if len(xs) < 2:
        return None
    # the three widest gutters, widest first
    gutters = sorted(((xs[i + 1][0] - xs[i][1], xs[i][1]) for i in range(len(xs) - 1)), reverse=True)[:3]
    for width, at in gutters:
        if width < 0.8 * body:
            break
        edge = at + 0.01
        left = [item for item in items if item[1].x + item[1].w <= edge]
        right = [item for item in items if item[1].x + item[1].w > edge]
        if _columns_are_independent(left, right, body):
            return [left, right]
    return None


def _columns_are_independent(left: list[Item], right: list[Item], body: float) -> bool:
    """True when two sides of a gutter read as separate columns rather than cells of shared rows."""
    if len(left) < 2 or len(right) < 2:
        return False
    for side, other in ((left, right), (right, left)):
        short = sum(1 for ln, _ in side if len(ln.words) <= 2) / len(side)
        if short >= 0.5:
            other_rows = sorted([b.y + b.h / 2 for _, b in other])
            paired = _paired(other_rows, [b.y + b.h / 2 for _, b in side], 0.5 * body)
            if paired / len(side) >= 0.5:
                return False
    return True


def _paired(sorted_values: list[float], values: list[float], tolerance: float) -> int:
    """How many of `values` have one of `sorted_values` within `tolerance`."""
    n = len(sorted_values)
    left = bisect.bisect_left
    count = 0
    for value in values:
        i = left(sorted_values, value - tolerance)
        if i < n and sorted_values[i] <= value + tolerance:
            count += 1
    return count


def _region_blocks(items: list[Item], body: float) -> tuple[list[Line], list[Block]]:
    ordered: list[Line] = []
    blocks: list[Block] = []
    current: list[Line] = []
    prev_bottom: float | None = None
    prev_h = body
    for row in _rows_of_lines(items):
        top = min(b.y for _, b in row)
        h = max(b.h for _, b in row)
        lines = [ln for ln, _ in row]
        starts_block = prev_bottom is not None and (top - prev_bottom > 0.7 * max(h, prev_h)
                                                    or abs(h - prev_h) > 0.25 * max(h, prev_h))
        if current and (starts_block or looks_like_item(lines[0])):
            blocks.append(_make_block(current, body))
            current = []
        current.extend(lines)
        ordered.extend(lines)
        prev_bottom = max(b.bottom for _, b in row)
        prev_h = h
    if current:
        blocks.append(_make_block(current, body))
    return ordered, blocks


def stream_blocks(lines: list[Line], starts: Iterable[int], body: float) -> list[Block]:
    """Blocks over lines kept in the source's own order (the `fast` tier), one starting at each
    index of `starts` (ascending)."""
    blocks: list[Block] = []
    first = 0
    for i in starts:
        if i > first:
            blocks.append(_make_block(lines[first:i], body))
            first = i
    if lines:
        blocks.append(_make_block(lines[first:], body))
    return blocks


def _rows_of_lines(items: list[Item]) -> list[list[Item]]:
    rows: list[list[Item]] = []
    keyed = sorted([(it[1].y + it[1].h / 2, it[1].x, i) for i, it in enumerate(items)])
    last_cy = last_h = 0.0
    for cy, _, i in keyed:
        item = items[i]
        h = item[1].h
        if rows and abs(cy - last_cy) <= 0.5 * (last_h if last_h < h else h):
            rows[-1].append(item)
            continue
        rows.append([item])
        last_cy, last_h = cy, h
    for row in rows:
        row.sort(key=_item_x)
    return rows


def _item_x(item: Item) -> float:
    return item[1].x


def looks_like_item(line: Line) -> bool:
    """A line starting with a bullet or a list number."""
    return bool(_BULLET.match(line.words[0].text)) and len(line.words) > 1


def _make_block(lines: list[Line], body: float) -> Block:
    kind = BlockKind.TEXT
    if looks_like_item(lines[0]):
        kind = BlockKind.LIST_ITEM
    elif len(lines) <= 2 and sum(len(ln.words) for ln in lines) <= 12:
        h = statistics.median(w.box.h for ln in lines for w in ln.words)
        if h >= 1.25 * body:
            kind = BlockKind.HEADING
    return Block(lines=lines, kind=kind)
