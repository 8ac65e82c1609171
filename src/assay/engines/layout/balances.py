"""Signs of a statement's amounts from its running balance.

A statement prints each transaction's amount and, on some rows, the balance after it. The balance
moves by the amount: up for a credit, down for a debit. So where the amounts are printed unsigned
(one column, a "CR"/"DR" suffix, or debit and credit columns whose headers went unread), the change
in balance gives each amount its sign. Between two printed balances with several rows in between,
the one choice of signs that adds up to the change is taken; none or several, and the amounts keep
the sign they were read with.
"""

from __future__ import annotations

import itertools
from typing import Any

from assay.domain.fields import Field, ReadContext
from assay.domain.labels import label_score, labels_for
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.ladder import SUPPLIED, figure_at_end

# Between two printed balances, at most this many rows are solved for (2^n sign choices).
MAX_ROWS_BETWEEN = 8
# The change in balance matches the signed amounts within this much (rounding of printed cents).
CENTS = 0.015


def amount_and_balance(children: list[Field]) -> tuple[Field, Field] | None:
    """The item's signed amount and running balance fields, where it has both."""
    amount = next((f for f in children if f.signed and f.type in ("number", "integer")), None)
    balance = next((f for f in children if "balance" in f.words and f.type in ("number", "integer")), None)
    return None if amount is None or balance is None else (amount, balance)


def sign_by_balance(rows: list[dict[str, Any]], children: list[Field]) -> None:
    """Set the sign of each row's signed amount from the balance column, in place."""
    found = amount_and_balance(children)
    if found is None:
        return
    amount, balance = found
    last: int | None = None
    for i, row in enumerate(rows):
        bal = row.get(balance.name)
        if bal is None or not isinstance(bal.value, (int, float)):
            continue
        if last is not None:
            _solve(rows[last + 1:i + 1], amount.name, bal.value - rows[last][balance.name].value)
        last = i


def _solve(between: list[dict[str, Any]], amount: str, change: float) -> None:
    cands = [row.get(amount) for row in between]
    if not between or len(between) > MAX_ROWS_BETWEEN or any(
            c is None or not isinstance(c.value, (int, float)) for c in cands):
        return
    sizes = [abs(c.value) for c in cands]
    fits = [signs for signs in itertools.product((-1, 1), repeat=len(sizes))
            if abs(sum(s * v for s, v in zip(signs, sizes, strict=True)) - change) <= CENTS]
    if len(fits) != 1:
        return
    for c, s, v in zip(cands, fits[0], sizes, strict=True):
        c.value = type(c.value)(s * v)



# A field is a statement's opening or closing balance when its name matches that end's labels this well and better
# than the other end's by ROLE_LEAD (as engines.layout.ladder reads a subtotal, a tax and a total).
ROLE = 0.9
ROLE_LEAD = 0.1
_ENDS = ("opening balance", "closing balance")


def end_fields(leaves: list[Field]) -> tuple[Field | None, Field | None]:
    """The schema's top-level opening and closing balance fields (either may be None)."""
    found: list[Field | None] = [None, None]
    for f in leaves:
        if f.type != "number" or len(f.path) != 1:
            continue
        scores = [label_score(" ".join(f.words), labels_for(end)) for end in _ENDS]
        for k in (0, 1):
            if scores[k] >= ROLE and scores[k] - scores[1 - k] >= ROLE_LEAD:
                found[k] = f
    return found[0], found[1]


def supply_ends(chosen: dict[tuple[str, ...], Candidate], leaves: list[Field], rows: list[dict[str, Any]],
                children: list[Field], layouts: list[PageLayout], ctx: ReadContext) -> None:
    """Where no label gave a statement's opening or closing balance, the figure its transactions call for, printed
    on its pages outside their rows (in place): the balance before the first transaction (its balance less its
    amount) and after the last, the rows taken in the order their running balance runs ("Brought Forward |
    2,310.55" where no one knew the words); with no balance column, the opening plus every amount is the closing,
    and back. The closing balance printed nowhere else is the last transaction's own balance."""
    opening, closing = end_fields(leaves)
    if (opening is None or opening.path in chosen) and (closing is None or closing.path in chosen):
        return
    ends = _ends(rows, children, chosen.get(opening.path) if opening else None,
                 chosen.get(closing.path) if closing else None)
    if ends is None:
        return
    skip = {id(w) for row in rows for c in row.values() if c is not None for w in c.words}
    skip |= {id(w) for c in chosen.values() for w in c.words}
    for f, (value, cell) in zip((opening, closing), ends, strict=True):
        if f is None or value is None or f.path in chosen:
            continue
        found = [(lay.number, words) for lay in layouts for row in lay.rows for seg in row.segments
                 if (words := figure_at_end(seg.words, f, ctx, value)) and not any(id(w) in skip for w in words)]
        if not found and cell is not None:
            found = [(cell.page, cell.words)]
        if found:
            page, words = found[0]
            chosen[f.path] = Candidate(round(value, 2), page, words, SUPPLIED, "pattern", inferred=True,
                                       arithmetic=1.0)


def _ends(rows: list[dict[str, Any]], children: list[Field], opening: Candidate | None, closing: Candidate | None
          ) -> tuple[tuple[float | None, Candidate | None], tuple[float | None, Candidate | None]] | None:
    """((opening, None), (closing, the cell that prints it or None)) as the transactions call for them; None where
    their figures do not say (a row without its amount, balances that run in neither order)."""
    found = amount_and_balance(children)
    if found is None or not rows:
        return None
    amount, balance = found
    amounts = [_figure(row.get(amount.name)) for row in rows]
    if any(a is None for a in amounts):
        return None
    balances = [_figure(row.get(balance.name)) for row in rows]
    if all(b is None for b in balances):  # no running balance: the amounts add up from one end to the other
        total = sum(amounts)
        return ((round(closing.value - total, 2) if _figure(closing) is not None else None, None),
                (round(opening.value + total, 2) if _figure(opening) is not None else None, None))
    if any(b is None for b in balances):
        return None
    steps = [(balances[i], balances[i + 1], amounts[i + 1], amounts[i]) for i in range(len(rows) - 1)]
    forward = all(abs(b - (p + a)) <= CENTS for p, b, a, _ in steps)  # oldest first: each balance adds its amount
    backward = all(abs(p - (b + a)) <= CENTS for p, b, _, a in steps)  # newest first
    if forward == backward and len(rows) > 1:
        return None  # one transaction runs either way
    first, last = (0, -1) if forward else (-1, 0)
    return (balances[first] - amounts[first], None), (balances[last], rows[last].get(balance.name))


def _figure(c: Candidate | None) -> float | None:
    return c.value if c is not None and isinstance(c.value, int | float) and not isinstance(c.value, bool) else None
