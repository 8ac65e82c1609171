"""The total as the amount the lines above it add up to, whatever its label says.

A receipt prints its items' amounts in a column at the right and, under them, their sum: a subtotal, then the
tax, then the total, each the sum of the amounts printed since the last such sum. Where the total's label
cannot be read (a word the scan garbled, a language the labels do not know: "JUMLAH", "GESAMT"), the lowest
amount in that column that equals the sum of two amounts or more printed right above it is the total. It
scores below any labelled total.
"""

from __future__ import annotations

import re

from assay.domain import values as V
from assay.domain.document import Word
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

SUMMED = 0.5
_SIGNS = "$€£¥"
# An amount with two decimals, its thousands grouped by any country's mark or not at all ("1,234.56", "1.234,56",
# "1 234,56", "1'234.56", "1234.56").
_MONEY = re.compile(r"-?\d{1,3}(?:([,. '’\u202f])\d{3})?(?:\1\d{3})*[.,]\d{2}|-?\d+[.,]\d{2}")


def candidates(layouts: list[PageLayout]) -> list[Candidate]:
    """The lowest amount of the first page's right-hand column that sums the amounts right above it."""
    found = sums(layouts[0]) if layouts else []
    if not found:
        return []
    value, words = found[-1]
    return [Candidate(value, layouts[0].number, words, SUMMED, "pattern", inferred=True, arithmetic=1.0)]


def sums(layout: PageLayout) -> list[tuple[float, list[Word]]]:
    """The amounts of the page's right-hand column, top to bottom, that each equal the sum of two or more amounts
    printed right above them."""
    column: list[tuple[float, list[Word]]] = []
    for row in layout.rows:
        if len(row.segments) < 2:
            continue
        last = row.segments[-1]
        words = [w for w in last.words if not V.is_currency_mark(w.text)]
        text = " ".join(w.text for w in words).strip(_SIGNS)  # "$1,633.97": the sign printed on the figure
        if not words or not _MONEY.fullmatch(text):
            continue
        value = V.parse_number(text)
        if value is not None:
            column.append((value, words))
    found = []
    for j, (value, words) in enumerate(column):
        run = 0.0
        for k in range(j - 1, -1, -1):
            run += column[k][0]
            if j - k >= 2 and value > 0 and abs(run - value) < 0.005:
                found.append((value, words))
                break
    return found
