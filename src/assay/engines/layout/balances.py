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

from assay.domain.fields import Field

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
