"""Tables from a page's rules (ruled) or from the column alignment of its words (unruled).

Ruled: horizontal and vertical rules that touch form a grid; each row band is split at the
vertical rules that cross it (a missing rule makes a column span); words go to the cell holding
their centre.

Unruled: rows of words are split into cells at gaps wider than ~1 em. A run of at least three rows
whose cells keep at least two shared column gaps, without a row bridging a gap, is a table; a row
with a single text cell right under a data row is the wrapped continuation of that row. Column
extents then come from the cells' words across the rows, not from the gaps of one row: a column of
figures set closer than an em to its neighbour ("5 741.3" on every row, a one-digit quantity beside
a weight) is its own column where a clear gutter runs down every data row.

Either way, leading rows that hold only text above rows with numbers are header rows.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence

from assay.domain.document import Box, Cell, Line, Page, Table, Word
from assay.domain.values import parse_date
from assay.parsers.layout import group_rows, median_height, split_row

_NUMERIC = re.compile(r"^[\s$€£¥₹%+\-–(),.:/0-9A-Z]*\d[\s$€£¥₹%+\-–(),.:/0-9A-Z]*$")
_AMOUNT = re.compile(r"^[\s$€£¥₹%+\-–(),.'0-9]*\d[\s$€£¥₹%+\-–(),.'0-9]*$")
_TOL = 2.0
# A gutter between two columns of words set closer than an em is at least this share of the body
# text's height wide: wider than a space (~0.22), so "12 500.00" grouped by a space stays one figure.
GUTTER = 0.3
# The words beside a gutter line up on this share of the rows that fill both sides (a column's edge).
ALIGNED = 0.8


# ---------------------------------------------------------------- ruled


def ruled_tables(words: Sequence[Word], rules: Sequence[Box]) -> list[Table]:
    horizontal = _merge_rules([r for r in rules if r.w >= r.h], horizontal=True)
    vertical = _merge_rules([r for r in rules if r.h > r.w], horizontal=False)
    tables = []
    for hs, vs in _grids(horizontal, vertical):
        table = _grid_table(hs, vs, words)
        if table is not None:
            tables.append(table)
    return tables


def _merge_rules(rules: list[Box], *, horizontal: bool) -> list[tuple[float, float, float]]:
    """Collinear rules joined: (position, start, end)."""
    items = sorted(
        ((r.cy, r.x, r.right) if horizontal else (r.cx, r.y, r.bottom)) for r in rules
    )
    merged: list[list[float]] = []
    for pos, a, b in items:
        for m in reversed(merged[-8:]):
            if abs(m[0] - pos) <= _TOL and a <= m[2] + _TOL and b >= m[1] - _TOL:
                m[1], m[2] = min(m[1], a), max(m[2], b)
                break
        else:
            merged.append([pos, a, b])
    return [(p, a, b) for p, a, b in merged]


def _grids(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]):
    """Connected groups of crossing rules with ≥2 horizontals and ≥2 verticals."""
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (hy, hx0, hx1) in enumerate(hs):
        for j, (vx, vy0, vy1) in enumerate(vs):
            if hx0 - _TOL <= vx <= hx1 + _TOL and vy0 - _TOL <= hy <= vy1 + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def _grid_table(hs, vs, words: Sequence[Word]) -> Table | None:
    ys = _cluster([h[0] for h in hs])
    xs = _cluster([v[0] for v in vs])
    if len(ys) < 2 or len(xs) < 3:  # at least two rows of cells or two columns
        if len(ys) < 3 or len(xs) < 2:
            return None
    box = Box.from_edges(xs[0], ys[0], xs[-1], ys[-1])
    inside = [w for w in words if box.x <= w.box.cx <= box.right and box.y <= w.box.cy <= box.bottom]
    cells: list[Cell] = []
    for r in range(len(ys) - 1):
        top, bottom = ys[r], ys[r + 1]
        if bottom - top < 4:
            continue
        mid = (top + bottom) / 2
        cuts = [i for i, x in enumerate(xs) if any(
            abs(v[0] - x) <= _TOL and v[1] - _TOL <= mid <= v[2] + _TOL for v in vs)]
        if len(cuts) < 2:
            cuts = [0, len(xs) - 1]
        for a, b in itertools.pairwise(cuts):
            cbox = Box.from_edges(xs[a], top, xs[b], bottom)
            cw = [w for w in inside if cbox.x <= w.box.cx <= cbox.right and top <= w.box.cy <= bottom]
            cells.append(Cell(row=r, col=a, text=_cell_text(cw), box=cbox, words=cw, col_span=b - a))
    rows_used = sorted({c.row for c in cells})
    remap = {r: i for i, r in enumerate(rows_used)}
    for c in cells:
        c.row = remap[c.row]
    n_rows, n_cols = len(rows_used), len(xs) - 1
    filled = sum(1 for c in cells if c.text)
    if n_rows < 2 or n_cols < 2 or filled < 3:
        return None
    table = Table(cells=cells, n_rows=n_rows, n_cols=n_cols, box=box, ruled=True)
    _mark_header(table)
    return table


def _cell_text(words: Sequence[Word]) -> str:
    if not words:
        return ""
    return "\n".join(" ".join(w.text for w in row) for row in group_rows(words))


# ---------------------------------------------------------------- unruled


def unruled_tables(words: Sequence[Word], taken: Sequence[Box] = ()) -> list[Table]:
    free = [w for w in words if not any(t.holds_centre(w.box) for t in taken)]
    if len(free) < 6:
        return []
    rows = group_rows(free)
    body = median_height(free)
    row_lines = [split_row(row, max(median_height(row), body) * 0.9) for row in rows]
    # Line.box is a union computed on every access: take each line's box once, not once per run tried.
    row_geoms = [_RowGeom([ln.box for ln in row]) for row in row_lines]
    tables: list[Table] = []
    i = 0
    while i < len(rows):
        end, columns = _grow_run(row_geoms, i, body)
        if end - i >= 3 and columns is not None:
            columns = [part for a, b in columns for part in _split_column(row_lines[i:end], a, b, body)]
            table = _aligned_table(row_lines[i:end], columns)
            if table is not None:
                tables.append(table)
                i = end
                continue
        i += 1
    return tables


class _RowGeom:
    """One row's line boxes, reduced to what growing a run reads: the lines' spans and the row's extent."""

    __slots__ = ("bottom", "h", "n", "spans", "top")

    def __init__(self, boxes: Sequence[Box]) -> None:
        self.n = len(boxes)
        self.spans = [(b.x, b.right) for b in boxes]
        self.top = min(b.y for b in boxes)
        self.h = max(b.h for b in boxes)
        self.bottom = max(b.bottom for b in boxes)


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _grow_run(rows: list[_RowGeom], start: int, body: float):
    """The end (exclusive) of the table run starting at `start` and its column spans."""
    first = rows[start]
    if first.n < 3:
        return start, None
    columns = _union(first.spans)
    multi = 1
    end = start + 1
    singles = 0
    prev_bottom = first.bottom
    for j in range(start + 1, len(rows)):
        row = rows[j]
        if row.top - prev_bottom > 2.2 * max(row.h, body):
            break
        merged = _union(columns + row.spans)
        if len(merged) < len(columns) and not (multi < 2 and row.n >= 3):
            break  # the row bridges a column gap: not part of this table
        if len(merged) < 3:
            break
        if row.n == 1:
            singles += 1
            if singles > 3:
                break
        else:
            singles = 0
            multi += 1
        columns = merged
        prev_bottom = row.bottom
        end = j + 1
    # trailing single-cell rows are not rows of the table
    while end > start and rows[end - 1].n == 1:
        end -= 1
    if multi < 3:
        return start, None
    return end, columns


def _split_column(rows: list[list[Line]], a: float, b: float, body: float) -> list[tuple[float, float]]:
    """The span [a, b] cut at each clear gutter its words leave down the data rows (the rows below
    the leading text-only ones), where figures line up on its left and the words on its right line
    up too, and no two words across it read as one date: two columns printed closer together than
    the gap that separates phrases."""
    per_row = [sorted((w for ln in row for w in ln.words if a <= w.box.cx <= b), key=lambda w: w.box.x)
               for row in rows]
    start = 0
    while start < len(per_row) and not any(_is_numeric(w.text) for w in per_row[start]):
        start += 1
    data = [ws for ws in per_row[start:] if ws]
    if len(data) < 3:
        return [(a, b)]
    free = _gaps(a, b, [(w.box.x, w.box.right) for ws in data for w in ws])
    cuts = [(x0, x1) for x0, x1 in free if x1 - x0 >= GUTTER * body and _is_gutter(data, x0, x1)]
    edges = [a, *(x for x0, x1 in cuts for x in (x0, x1)), b]
    return [(edges[k], edges[k + 1]) for k in range(0, len(edges), 2)]


def _gaps(a: float, b: float, spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches of (a, b) that no span covers, the two ends left out."""
    merged = _union(spans)
    return [(x1, x0) for (_, x1), (x0, _) in itertools.pairwise(merged) if a < x1 < x0 < b]


def _is_gutter(data: list[list[Word]], x0: float, x1: float) -> bool:
    both = [([w for w in ws if w.box.right <= x0], [w for w in ws if w.box.x >= x1]) for ws in data]
    both = [(left[-1], right[0]) for left, right in both if left and right]
    if len(both) < 3 or len(both) < 0.5 * len(data):
        return False
    lefts, rights = [lw for lw, _ in both], [rw for _, rw in both]
    figures = sum(_is_numeric(w.text) for w in lefts)
    dates = sum(parse_date(f"{lw.text} {rw.text}", default_year=2000) is not None for lw, rw in both)
    return (figures >= ALIGNED * len(both) and not dates  # "1 Nov" is one date, not a day beside a month
            and (_lined_up([w.box.x for w in lefts]) or _lined_up([w.box.right for w in lefts]))
            and (_lined_up([w.box.x for w in rights]) or _lined_up([w.box.right for w in rights])))


def _lined_up(xs: list[float]) -> bool:
    """Most of `xs` within a couple of points of their median: words set along one column edge."""
    mid = statistics.median(xs)
    return sum(abs(x - mid) <= _TOL for x in xs) >= ALIGNED * len(xs)


def _aligned_table(rows: list[list[Line]], columns: list[tuple[float, float]]) -> Table | None:
    grid: list[list[list[Word]]] = []
    for row in rows:
        cells: list[list[Word]] = [[] for _ in columns]
        for line in row:
            for word in line.words:
                cells[_column_of(word.box.cx, columns)].append(word)
        grid.append(cells)
    grid = _merge_continuations(grid)
    n_cols = len(columns)
    if sum(1 for cells in grid if sum(1 for c in cells if c) >= 3) < 3:
        return None
    table_cells: list[Cell] = []
    row_tops = []
    for r, cells in enumerate(grid):
        words = [w for c in cells for w in c]
        row_box = Box.union(w.box for w in words)
        row_tops.append(row_box)
        for c, (a, b) in enumerate(columns):
            cw = cells[c]
            box = Box.union(w.box for w in cw) if cw else Box.from_edges(a, row_box.y, b, row_box.bottom)
            table_cells.append(Cell(row=r, col=c, text=_cell_text(cw), box=box, words=cw))
    box = Box.union(c.box for c in table_cells if c.words)
    table = Table(cells=table_cells, n_rows=len(grid), n_cols=n_cols, box=box, ruled=False)
    _mark_header(table)
    return table


def _column_of(x: float, columns: list[tuple[float, float]]) -> int:
    best, best_d = 0, float("inf")
    for i, (a, b) in enumerate(columns):
        d = 0.0 if a <= x <= b else min(abs(x - a), abs(x - b))
        if d < best_d:
            best, best_d = i, d
    return best


def _is_numeric(text: str) -> bool:
    return bool(text) and bool(_NUMERIC.match(text)) and sum(ch.isdigit() for ch in text) >= 1


def _merge_continuations(grid: list[list[list[Word]]]) -> list[list[list[Word]]]:
    out: list[list[list[Word]]] = []
    for cells in grid:
        filled = [i for i, c in enumerate(cells) if c]
        if (
            len(out) >= 2  # never into the first (possibly header) row
            and len(filled) == 1
            and not _AMOUNT.match(" ".join(w.text for w in cells[filled[0]]))
            and sum(1 for c in out[-1] if c) >= 2
            and out[-1][filled[0]]
        ):
            out[-1][filled[0]].extend(cells[filled[0]])
            continue
        out.append([list(c) for c in cells])
    return out


def _mark_header(table: Table) -> None:
    rows = table.rows()
    header = 0
    for row in rows[:2]:
        texts = [c.text for c in row if c is not None and c.text]
        if texts and not any(_is_numeric(t) for t in texts) and len(texts) >= min(2, table.n_cols):
            header += 1
        else:
            break
    if header == len(rows) or header == 0:
        return
    # the rows below must look like data: some numbers somewhere
    body_numeric = any(c is not None and _is_numeric(c.text) for row in rows[header:] for c in row)
    if not body_numeric:
        return
    if header == 2 and not _close(rows[0], rows[1]):
        header = 1
    table.header_rows = header
    for c in table.cells:
        if c.row < header:
            c.is_header = True


def _close(a: list[Cell | None], b: list[Cell | None]) -> bool:
    ba = [c.box for c in a if c is not None and c.words]
    bb = [c.box for c in b if c is not None and c.words]
    if not ba or not bb:
        return False
    ua, ub = Box.union(ba), Box.union(bb)
    return ub.y - ua.bottom < 0.6 * ua.h


# ---------------------------------------------------------------- across pages


def header_signature(table: Table) -> tuple[str, ...] | None:
    if not table.header_rows:
        return None
    return tuple(" ".join(c.text.lower().split()) for c in table.cells if c.row < table.header_rows)


def link_continued_tables(pages: list[Page]) -> None:
    """Link the first table of a page to the last table of the page before when it continues it."""
    by_number = {p.number: p for p in pages}
    for page in pages:
        prev = by_number.get(page.number - 1)
        if prev is None or not prev.tables or not page.tables:
            continue
        last_index = max(range(len(prev.tables)), key=lambda i: prev.tables[i].box.bottom)
        last = prev.tables[last_index]
        first = min(page.tables, key=lambda t: t.box.y)
        if first.n_cols != last.n_cols:
            continue
        same_header = header_signature(first) is not None and header_signature(first) == header_signature(last)
        headless = (not first.header_rows and _columns_align(first, last)
                    and first.box.y < 0.3 * page.height and last.box.bottom > 0.6 * prev.height)
        if same_header or headless:
            first.continues = (prev.number, last_index)


def _columns_align(a: Table, b: Table) -> bool:
    def lefts(t: Table) -> list[float]:
        return [min((c.box.x for c in t.cells if c.col == col), default=0.0) for col in range(t.n_cols)]

    return all(abs(x - y) <= 12 for x, y in zip(lefts(a), lefts(b), strict=True))
