"""Column headers wrapped onto two or three lines: "Unit" over "price", "Line" over "total", beside "Qty" and
"Item" printed once, at the top, at the bottom or centred between them.

No one of those rows names the columns: the top one reads "Unit  Line", the bottom "price  total". The
rows set closer than a line's spacing, none holding a figure, are read as one header row whose phrases are
the stacks of words that share a column's width, each read top down ("Unit price", "Line total").
"""

from __future__ import annotations

import re

from assay.engines.layout.geometry import PageLayout, Row, Segment

# The lines of one wrapped header lie at most this many ems apart (one line's bottom to the next one's top;
# a header's rows are set as tight as its type, its first body row at least a line's leading below), and at
# most this many of them make one header.
WRAP_GAP = 0.5
WRAP_ROWS = 3
# A wrapped header has this many stacks at least: a table's columns, not a two-line title over its words.
WRAP_STACKS = 3


def wrapped_rows(layout: PageLayout, i: int) -> list[tuple[Row, int]]:
    """Row `i` read with the one or two rows under it as one header row: (that row, index of its last row)
    for each band of two or three rows that holds a stack of words over one another; else []."""
    rows, out = layout.rows, []
    band = [rows[i]]
    if _holds_digits(rows[i]):
        return out
    for j in range(i + 1, min(len(rows), i + WRAP_ROWS)):
        if rows[j].box.y - band[-1].box.bottom > WRAP_GAP * layout.em or _holds_digits(rows[j]):
            break
        band.append(rows[j])
        merged = _stacks(band, layout.number, i)
        if merged is not None:
            out.append((merged, j))
    return out


def _stacks(band: list[Row], page: int, index: int) -> Row | None:
    """The band's phrases joined into stacks by overlapping width, each a Segment of its words top down."""
    groups: list[list[tuple[int, Segment]]] = []
    for r, row in enumerate(band):
        for seg in row.segments:
            touching = [g for g in groups if any(_overlap(seg, other) for _, other in g)]
            joined = [(r, seg)] + [m for g in touching for m in g]
            groups = [g for g in groups if not any(g is t for t in touching)] + [joined]
    if len(groups) < WRAP_STACKS or not any(len({r for r, _ in g}) > 1 for g in groups):
        return None
    groups.sort(key=lambda g: min(seg.box.x for _, seg in g))
    segments = []
    for k, g in enumerate(groups):
        words = [w for _, seg in sorted(g, key=lambda m: (m[0], m[1].box.x)) for w in seg.words]
        segments.append(Segment(words, page, index, k))
    return Row(sorted((w for s in segments for w in s.words), key=lambda w: w.box.x), segments)


def _holds_digits(row: Row) -> bool:
    """A row with a word that starts with a digit holds a value (a body row's figures, a date), never a header's
    words; a unit with a digit in it is a header's word all the same ("km2", "CO2"), and so is a year ("2023/24")."""
    return any(_LEADING_DIGIT.match(w.text) and not YEAR.fullmatch(w.text) for w in row.words)


# A column's header that is a year ("2023", "2022/23", "FY 2024"), the year as its first group.
YEAR = re.compile(r"(?:FY ?)?((?:19|20)\d\d)(?:[/–-]\d\d(?:\d\d)?)?")


_LEADING_DIGIT = re.compile(r"[-+\u2212(€$£¥]?\d")  # a sign, a bracket or a currency before it


def _overlap(a: Segment, b: Segment) -> bool:
    return a.box.x < b.box.right and b.box.x < a.box.right
