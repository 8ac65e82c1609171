"""A list's total as the printed figure its items' amounts add up to, whatever its label says.

A schema that asks for a list and for its total (`deductions` and `total_deductions`; `earnings` and a
`gross_pay` described as "Total earnings of the period") lets the document's arithmetic say which printed
figure is the total: the one equal to the sum of the amounts read for the list's items. The label beside it
may be any wording ("Total Withholdings", "Summe Abzüge"); the sum does not depend on it.
"""

from __future__ import annotations

from assay.domain.fields import Field, ReadContext
from assay.domain.labels import clean_label, label_score
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.columns import item_roles
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import MIN_LABEL
from assay.semantics import match

# A figure the items' own sum confirms: surer than a label read by meaning alone, less than one the label
# table knows.
SUMMED = 0.88
_SUM_WORDS = {"total", "sum"}
_CENTS = 0.005


def summed_list(f: Field, arrays: list[Field]) -> Field | None:
    """The list whose total `f` is: its name holds a sum word and the list's name ("total_deductions"), or its
    description opens with one and the first list it names is that one ("Total earnings of the period before
    deductions" for gross_pay)."""
    if f.type not in ("number", "integer"):
        return None
    lists = [a for a in arrays if a.item().type == "object"]
    own = {_one(w) for w in f.words}
    if own & _SUM_WORDS:
        named = [a for a in lists if {_one(w) for w in a.words} <= own]
        if len(named) == 1:
            return named[0]
    said = [_one(w) for w in match.words(f.description)]
    if not said or said[0] not in _SUM_WORDS:
        return None
    for w in said[1:]:
        named = [a for a in lists if a.words and _one(a.words[-1]) == w]
        if named:
            return named[0]
    return None


def closed_list(label: str, leaves: list[Field], arrays: list[Field]) -> tuple[str, ...] | None:
    """The list a totals line closes: the one whose total is the field its label names ("Gross pay" for
    gross_pay, the earnings' total), else None."""
    scored = [(label_score(clean_label(label), f.labels), f) for f in leaves if summed_list(f, arrays) is not None]
    score, f = max(scored, key=lambda t: t[0], default=(0.0, None))
    return summed_list(f, arrays).path if f is not None and score >= MIN_LABEL else None


def candidates(f: Field, arrays: list[Field], rows: dict[tuple[str, ...], list[dict[str, Candidate | None]]],
               layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    """The printed figures equal to the sum of the amounts read for the list `f` totals (not an item's own)."""
    listed = summed_list(f, arrays)
    if listed is None or not rows.get(listed.path):
        return []
    amount = item_roles(listed.item())["total"]
    if amount is None:
        return []
    cells = [r.get(amount.name) for r in rows[listed.path]]
    values = [c.value for c in cells if c is not None and isinstance(c.value, (int, float))]
    if not values:
        return []
    total = sum(values)
    own = {id(w) for c in cells if c is not None for w in c.words}
    out = []
    for layout in layouts:
        for row in layout.rows:
            for w in row.words:
                value = ctx.number(w.text)
                if value is not None and id(w) not in own and abs(value - total) < _CENTS:
                    out.append(Candidate(value, layout.number, [w], SUMMED, "pattern", inferred=True, arithmetic=1.0))
    return out


def _one(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word

