"""A due date found by arithmetic: the document's other date plus the payment terms it prints ("Net 30",
"Terms: 14 days"). Whatever the due date's label says ("Settle by", "Pay before"), the one printed date that is
a date already read plus the terms is the date payment is due.
"""

from __future__ import annotations

import datetime as dt
import re

from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# As sure as the weakest label: the arithmetic says which date, nothing printed says it is the due date.
TERMS_DATE = 0.8
_TERMS = re.compile(r"(?i)\bnet\s*(\d{1,3})\b|\b(\d{1,3})\s*days?\b")


def settle(chosen: dict[tuple[str, ...], Candidate], leaves: list[Field], layouts: list[PageLayout],
           ctx: ReadContext) -> None:
    """Fill an open due-date field (a date field named "due") with the printed date that is another chosen date
    plus the printed terms, where exactly one such date is printed and no field holds it."""
    due = [f for f in leaves if f.is_date and "due" in f.words and f.path not in chosen]
    days = {int(a or b) for layout in layouts for row in layout.rows for a, b in _TERMS.findall(row.text)}
    bases = [dt.date.fromisoformat(c.value) for c in chosen.values() if _iso(c.value)]
    if len(due) != 1 or not days or not bases:
        return
    wanted = {(base + dt.timedelta(days=n)).isoformat() for base in bases for n in days if n > 0}
    held = {id(w) for c in chosen.values() for w in c.words}
    found = [(layout.number, value, words) for layout in layouts for value, words in _dates(layout, ctx)
             if value in wanted and not any(id(w) in held for w in words)]
    if len({value for _, value, _ in found}) == 1:
        page, value, words = found[0]
        chosen[due[0].path] = Candidate(value, page, words, TERMS_DATE, "pattern", inferred=True, arithmetic=1.0)


def _iso(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _dates(layout: PageLayout, ctx: ReadContext) -> list[tuple[str, list[Word]]]:
    """Every full date the page prints as one phrase, with its words."""
    out = []
    for seg in layout.segments():
        got = ctx.date(seg.text.strip("(),;:"))
        if got and got[1] and _iso(got[0]):
            out.append((got[0], seg.words))
    return out
