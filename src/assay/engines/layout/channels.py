"""White channels: the vertical strips of white that run through every row of a table's body.

A header's words say where its columns are only roughly: a short header over a wide column ("Qty"
over right-aligned figures, "Description" centred over text that starts well left of it) leaves
cells under no header, and a cell beside a short figure column falls into it. The body's own
geometry says it better: between two columns there is a strip no word of any row crosses. Two
neighbouring header columns split at the channel between them, so each reaches its own cells.
"""

from __future__ import annotations

from typing import Protocol

from assay.domain.document import Word

# A channel is at least this many ems wide: wider than the space between the words of a phrase, so
# the spaces of two rows' descriptions that happen to line up are not one.
MIN_WIDTH = 0.8
# ... and runs through at least this many rows (fewer, and any two rows line up somewhere).
MIN_ROWS = 2


class Extent(Protocol):
    x0: float
    x1: float


def channels(rows: list[list[Word]], em: float, min_width: float = MIN_WIDTH) -> list[tuple[float, float]]:
    """The white strips (x0, x1), left to right, at least `min_width` ems wide, that no word of any of the
    rows crosses, between the leftmost and the rightmost word."""
    rows = [ws for ws in rows if ws]
    if len(rows) < MIN_ROWS:
        return []
    spans = sorted((w.box.x, w.box.right) for ws in rows for w in ws)
    out: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width * em:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def boundaries(columns: list[Extent], rows: list[list[Word]], em: float) -> list[tuple[float, float]] | None:
    """The columns' extents (x0, x1) with each pair of neighbours split at the channel between their
    centres (the one nearest the gap between their headers): the left one reaches to its middle, the right
    one from it. Only columns with a channel on each side move: two headers over one body column
    ("Product | Service" over the descriptions) keep their own extents, so neither takes the other's cells.
    None where no channel moves a boundary."""
    found = channels(rows, em)
    if not found:
        return None
    centres = [(c.x0 + c.x1) / 2 for c in columns]
    split: list[float | None] = []  # the channel between column k and k + 1, if any
    for k in range(len(columns) - 1):
        inside = [(x0 + x1) / 2 for x0, x1 in found if centres[k] < (x0 + x1) / 2 < centres[k + 1]]
        gap = (columns[k].x1 + columns[k + 1].x0) / 2
        split.append(min(inside, key=lambda m: abs(m - gap)) if inside else None)

    def alone(k: int) -> bool:  # channels on both sides: the body holds one column under this header
        return (k == 0 or split[k - 1] is not None) and (k == len(columns) - 1 or split[k] is not None)

    extents = [(c.x0, c.x1) for c in columns]
    moved = False
    for k, mid in enumerate(split):
        if mid is None or not (alone(k) and alone(k + 1)) or (extents[k][1], extents[k + 1][0]) == (mid, mid):
            continue
        extents[k], extents[k + 1] = (extents[k][0], mid), (mid, extents[k + 1][1])
        moved = True
    return extents if moved else None
