"""An item's quantity line: two numbers joined by "@" or "x", in either order ("2 @ 3.49", "3.99 x 6",
"0.75 kg @ 2.99/kg", "3.59 x 2.010 kg"), printed on the item's own line or on one of its own above or
below the line with the item's amount. Which number is the quantity is told by type, not by place: the
one with a unit of measure is the quantity, the one per unit the price; with neither, a whole number
beside one with decimals is the quantity; else the first printed.
"""

from __future__ import annotations

import re

from assay.domain.document import Word
from assay.domain.fields import ReadContext
from assay.engines.layout.unlabelled import sub_box

_NUM = r"\d+(?:[.,]\d+)?"
_UNIT = r"(?:kg|lbs?|g|oz|pcs|ea)\b"
_LINE = re.compile(rf"^[$€£]?(?P<a>{_NUM})\s*(?P<au>{_UNIT})?\s*(?P<ap>/\s*\w+)?\s*(?:@|x|×)\s*[$€£]?"
                   rf"(?P<b>{_NUM})\s*(?P<bu>{_UNIT})?\s*(?P<bp>/\s*\w+)?$", re.I)
# The quantity times the unit price is the amount to the rounding of a cent.
CENTS = 0.011


def quantity_and_price(words: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """A quantity line's (quantity words, unit price words), or None when the words are no such line."""
    m = _LINE.match(" ".join(w.text for w in words))
    if m is None:
        return None
    a = [w for w in words if m["a"] in w.text][:1]
    b = [w for w in words if m["b"] in w.text][-1:]
    if not a or not b:
        return None
    if a[0] is b[0]:  # "2@1.45" printed as one word: each number its part of it
        word = a[0]
        at, bt = word.text.find(m["a"]), word.text.rfind(m["b"])
        a = [Word(m["a"], sub_box(word, at, at + len(m["a"])), word.confidence)]
        b = [Word(m["b"], sub_box(word, bt, bt + len(m["b"])), word.confidence)]
    whole = [re.fullmatch(r"\d+", m[k]) is not None for k in ("a", "b")]
    swap = bool(m["bu"] or m["ap"]) or (not (m["au"] or m["bp"]) and whole[1] and not whole[0])
    return (b, a) if swap else (a, b)


def number(words: list[Word], ctx: ReadContext) -> float | None:
    """A quantity's or price's value: its unit of measure ("kg", "/kg"), "x" ("2x", "x2") and currency sign
    dropped."""
    text = re.sub(r"/.*$", "", " ".join(w.text for w in words))
    return ctx.number(re.sub(r"(?i)\s*(kg|lbs?|oz|g|pcs|ea|x|×)$|^[$€£]|^[x×]\s*(?=\d)", "", text).strip())


def multiplies(quantity: list[Word], price: list[Word], amount: float | None, ctx: ReadContext) -> bool:
    """The quantity times the unit price is the amount, to the rounding of a cent."""
    qty, each = number(quantity, ctx), number(price, ctx)
    return None not in (qty, each, amount) and abs(qty * each - amount) <= CENTS
