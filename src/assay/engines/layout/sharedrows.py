"""Two lists printed in one table: a payslip's earnings and deductions as the rows of one grid, each row's figure
in the column of its list ("This Period" for a payment, "Withheld" for a deduction); or one list's table that
another reads too, its columns naming fewer of that one's fields.

Where two of the schema's lists read the very same rows, and each row prints its amount in one of exactly two
columns, the rows are the two lists' items set one table: a row belongs to the list of the column its figure is
in. The columns are printed in the schema's order of the lists, left to right, as a table's columns are
(columns.fill_roles reads free columns in that order too). Where the figures are all in one column, the rows
are the items of the list whose fields they fill more of ("Description | Qty | Per hour | Sum" is the earnings',
not the deductions').
"""

from __future__ import annotations

import itertools

from assay.domain.fields import Field
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.columns import item_roles

Rows = list[dict[str, Candidate | None]]


def split(arrays: list[Field], rows: dict[tuple[str, ...], Rows], em: float) -> None:
    """Split the rows two lists share between them by the column of their figure, in place."""
    lists = [a for a in arrays if a.item().type == "object" and rows.get(a.path)]
    for i, a in enumerate(lists):
        for b in lists[i + 1:]:
            _split_pair(a, b, rows, em)


def _split_pair(a: Field, b: Field, rows: dict[tuple[str, ...], Rows], em: float) -> None:
    amount_a, amount_b = item_roles(a.item())["total"], item_roles(b.item())["total"]
    if amount_a is None or amount_b is None:
        return
    figures = [r.get(amount_a.name) for r in rows[a.path]]
    if len(figures) < 2 or None in figures or [_key(c) for c in figures] != [
            _key(r.get(amount_b.name)) for r in rows[b.path]]:
        return  # not the same figures on the same rows
    edges = [max(w.box.right for w in c.words) for c in figures if c is not None and c.words]
    if len(edges) != len(figures):
        return
    ordered = sorted(edges)
    cuts = [(x + y) / 2 for x, y in itertools.pairwise(ordered) if y - x > 2 * em]
    if len(cuts) != 1:  # one column of figures (the list's whose fields the rows fill more of), or three or more
        filled_a, filled_b = _filled(rows[a.path]), _filled(rows[b.path])
        if len(cuts) == 0 and filled_a != filled_b:
            rows[b.path if filled_a > filled_b else a.path] = []
        return
    left = [e < cuts[0] for e in edges]
    rows[a.path] = [r for r, is_left in zip(rows[a.path], left, strict=True) if is_left]
    rows[b.path] = [r for r, is_left in zip(rows[b.path], left, strict=True) if not is_left]


def _filled(rows: Rows) -> int:
    """How many of the item's fields the rows fill, in all: "Monthly salary | 160 | 250.00 | 40,000.00" fills
    an earning's four, a deduction's two."""
    return sum(c is not None for r in rows for c in r.values())


def _key(c: Candidate | None) -> tuple[int, ...] | None:
    return tuple(id(w) for w in c.words) if c is not None else None
