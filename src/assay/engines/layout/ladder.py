"""The totals ladder: what the items come to, plus the tax (and shipping, a tip), is the total.

An invoice, a receipt or an order prints its totals as a short ladder: a subtotal, the tax on it, sometimes
shipping or a tip, then the total, and the arithmetic holds to the cent whatever the labels say. So where the
schema asks for the subtotal, the tax and the total, the sum checks what the labels read:

- three figures read for the three fields that add up only in another order are those fields in that order:
  the sum is the total, and of its two parts the tax is the smaller ("Goods Total" read as the total and
  "Amount Payable" as the tax, where their words are unknown, are set right);
- where one of the three was read alone, the two figures printed alone on its page that make the ladder with it are
  the others, where only two do;
- where one of the three was not found, the figure the other two call for, printed on their page, is it (a tax
  printed under a label nobody knew: "Mwst. 19 %", "TPS/TVQ"); where a tip or shipping the schema asks for was
  not found either, only a figure that also sums the amounts printed right above it ("Items Total"); where that
  figure is printed nowhere, the two may stand in the wrong fields: with a figure printed alone on their page,
  the one order of the three that adds up is theirs ("Items Total" read as the total, the total's line unread).

Figures the ladder confirms or supplies say so to the confidence model (`Candidate.arithmetic`). Nothing is
changed where the figures already add up, where several orders would, or where the sum has no printed figure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.labels import label_score, labels_for
from assay.engines.layout import itemsum
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# A field plays a part of the ladder when its name matches that part's labels this well and better than any
# other part's by ROLE_LEAD ('total_tax' is the tax, not the total).
ROLE = 0.9
ROLE_LEAD = 0.1
# A figure the arithmetic supplies: believed as a label read by meaning is, the sum vouching for it.
SUPPLIED = 0.75
# A tax is at most this share of what it is charged on (the highest VAT rates are 27 %): three figures that add
# up only with a larger "tax" are a payment and its change, or a total and its parts, not a ladder.
TAX_SHARE = 0.3
_CENTS = 0.005
_DIGIT = re.compile(r"\d")
_MONEY = re.compile(r"\d[.,]\d{2}(?!\d)")
_PARTS = {"subtotal": ("subtotal",), "tax": ("tax", "tax amount"), "total": ("total",),
          "extra": ("shipping", "tip")}


def roles(fields: list[Field]) -> dict[str, list[Field]]:
    """The schema's top-level number fields by the part of the ladder they name; empty unless it has a
    subtotal, a tax and a total, one each."""
    found: dict[str, list[Field]] = {part: [] for part in _PARTS}
    for f in fields:
        if f.type != "number" or len(f.path) != 1:
            continue
        name = " ".join(f.words)
        scores = sorted(((max(label_score(name, labels_for(k)) for k in keys), part)
                         for part, keys in _PARTS.items()), reverse=True)
        (best, part), (second, _) = scores[0], scores[1]
        if best >= ROLE and best - second >= ROLE_LEAD:
            found[part].append(f)
    if any(len(found[part]) != 1 for part in ("subtotal", "tax", "total")):
        return {}
    return found


def settle(chosen: dict[tuple[str, ...], Candidate], fields: list[Field], layouts: list[PageLayout],
           ctx: ReadContext) -> None:
    """Set the chosen subtotal, tax and total right by their sum, or supply the one missing (in place)."""
    parts = roles(fields)
    if not parts:
        return
    sub, tax, total = (parts[p][0] for p in ("subtotal", "tax", "total"))
    extras = [chosen.get(f.path) for f in parts["extra"]]
    if any(c is not None and not _figure(c) for c in extras):
        return
    added = sum(c.value for c in extras if c is not None)
    missing_extra = any(c is None for c in extras)  # the shipping not found may be what the sum lacks
    trio = [chosen.get(f.path) for f in (sub, tax, total)]
    if any(c is not None and not _figure(c) for c in trio):
        return
    present = [c for c in trio if c is not None]
    if len(present) == 3:
        if not _reorder(chosen, (sub, tax, total), trio, added):
            _reread(chosen, (sub, tax, total), list(itertools.combinations(trio, 2)), added, layouts, ctx)
    elif len(present) == 2:
        _supply(chosen, (sub, tax, total), trio, added, layouts, ctx, missing_extra)
    elif len(present) == 1 and not missing_extra:
        _complete(chosen, (sub, tax, total), trio, added, layouts, ctx)


def _figure(c: Candidate) -> bool:
    return isinstance(c.value, (int, float)) and not isinstance(c.value, bool)


def _adds_up(sub: float, tax: float, total: float, added: float) -> bool:
    return 0 < tax < sub and abs(sub + tax + added - total) < _CENTS


def _reorder(chosen: dict[tuple[str, ...], Candidate], fields: tuple[Field, Field, Field],
             trio: list[Candidate], added: float) -> bool:
    """Whether the three figures add up in some order; set in the one order that does, where only one does."""
    if _adds_up(*(c.value for c in trio), added):
        for c in trio:
            c.arithmetic = 1.0
        return True
    orders = [order for order in itertools.permutations(trio) if _adds_up(*(c.value for c in order), added)]
    if len(orders) == 1:
        for f, c in zip(fields, orders[0], strict=True):
            chosen[f.path] = replace(c, arithmetic=1.0, inferred=True)
    return bool(orders)


def _supply(chosen: dict[tuple[str, ...], Candidate], fields: tuple[Field, Field, Field],
            trio: list[Candidate | None], added: float, layouts: list[PageLayout], ctx: ReadContext,
            missing_extra: bool) -> None:
    """The one figure printed alone that the other two call for. Where an extra (shipping, a tip) was not found,
    the sum may lack it: then only a figure that is also the sum of the amounts printed right above it (the
    items' subtotal) is taken."""
    gap = trio.index(None)
    known = [c for c in trio if c is not None]
    if gap == 2:  # the total: the parts' sum
        wanted = known[0].value + known[1].value + added
    else:  # a part: the total less the other part and the extras
        wanted = known[1].value - known[0].value - added
    if not _adds_up(*(c.value if c is not None else wanted for c in trio), added):
        if not missing_extra:
            _reread(chosen, fields, [known], added, layouts, ctx)
        return
    f = fields[gap]
    found = _loose_figures(chosen, known, layouts, lambda words: figure_at_end(words, f, ctx, wanted))
    if missing_extra:
        summed = {id(w) for layout in layouts for _, words in itemsum.sums(layout) for w in words}
        found = [(page, words) for page, words in found if any(id(w) in summed for w in words)]
    if not found and not missing_extra:
        _reread(chosen, fields, [known], added, layouts, ctx)  # the figure they call for is not printed: the two
        # may be read in the wrong fields ("Items Total" read as the total, the total's line unread)
        return
    if len(found) != 1:
        return
    page, words = found[0]
    for c in known:
        c.arithmetic = 1.0
    chosen[f.path] = Candidate(round(wanted, 2), page, words, SUPPLIED, "pattern", inferred=True, arithmetic=1.0)


def _complete(chosen: dict[tuple[str, ...], Candidate], fields: tuple[Field, Field, Field],
              trio: list[Candidate | None], added: float, layouts: list[PageLayout], ctx: ReadContext) -> None:
    """One of the three read, two figures printed alone on its page that make the ladder with it in its place, and
    only those two: the others ("Amount (net): 14.290,52" and "Invoice Amount: 15.719,57" around the tax read, their
    words not what the labels' meaning placed)."""
    gap = [k for k, c in enumerate(trio) if c is None]
    known = next(c for c in trio if c is not None)
    solutions = []
    for a, b in itertools.permutations(_loose_amounts(chosen, [known], layouts, fields[2], ctx), 2):
        order = list(trio)
        order[gap[0]], order[gap[1]] = a, b
        if _ladder(order, added):
            solutions.append(order)
    _take(chosen, fields, solutions)


def _reread(chosen: dict[tuple[str, ...], Candidate], fields: tuple[Field, Field, Field],
            pairs: list[list[Candidate]], added: float, layouts: list[PageLayout], ctx: ReadContext) -> None:
    """Two figures read (one of `pairs`), in the wrong fields or beside a third read wrong, and a figure printed
    alone on their page, under a label nobody knew: the one order of the three that adds up, with a tax that is a
    tax's share of the subtotal, is theirs ("Goods Total" read as the total, the tax not found: the subtotal, the
    tax and the total line below; "Total" over an item's amount in a table's header read as the total, the
    "Gross" line under the tax unread)."""
    known = list({id(c): c for pair in pairs for c in pair}.values())
    _take(chosen, fields, [order for third in _loose_amounts(chosen, known, layouts, fields[2], ctx)
                           for pair in pairs for order in itertools.permutations([*pair, third])
                           if _ladder(order, added)])


def _ladder(order: list[Candidate], added: float) -> bool:
    """The subtotal, tax and total in this order add up, the tax a tax's share of the subtotal."""
    return _adds_up(*(c.value for c in order), added) and order[1].value <= TAX_SHARE * order[0].value


def _take(chosen: dict[tuple[str, ...], Candidate], fields: tuple[Field, Field, Field],
          solutions: list[list[Candidate]]) -> None:
    """Where exactly one order of the ladder adds up, its figures in their fields, vouched for by the sum."""
    if len(solutions) != 1:
        return
    for f, c in zip(fields, solutions[0], strict=True):
        if chosen.get(f.path) is c:
            c.arithmetic = 1.0
        else:
            chosen[f.path] = replace(c, arithmetic=1.0, inferred=True)


def _loose_amounts(chosen: dict[tuple[str, ...], Candidate], known: list[Candidate], layouts: list[PageLayout],
                   f: Field, ctx: ReadContext) -> list[Candidate]:
    """The amounts of money `_loose_figures` finds, each a candidate the arithmetic would supply."""
    return [Candidate(read_scalar(" ".join(w.text for w in words), f, ctx)[0], page, words, SUPPLIED, "pattern",
                      inferred=True)
            for page, words in _loose_figures(chosen, known, layouts, lambda ws: _money_at_end(ws, f, ctx))]


def _loose_figures(chosen: dict[tuple[str, ...], Candidate], known: list[Candidate], layouts: list[PageLayout],
                   read: Callable[[list[Word]], list[Word]]) -> list[tuple[int, list[Word]]]:
    """(page, figure) for each figure `read` finds at the end of a phrase on the known figures' pages, alone on its
    row, whose digits no field took (its currency code the currency field may have): where a ladder line nobody
    read may be."""
    pages = {c.page for c in known}
    used = {id(w) for c in chosen.values() for w in c.words}
    return [(layout.number, figure) for layout in layouts if layout.number in pages for row in layout.rows
            for seg in row.segments if (figure := read(seg.words))
            and not any(id(w) in used for w in figure if _DIGIT.search(w.text)) and _alone(figure, row.words)]


def _money_at_end(words: list[Word], f: Field, ctx: ReadContext) -> list[Word]:
    """The words of the amount of money the phrase ends with ("EUR 7.446,36", "Btw 21%: € 4.829,25", "3 833.96"
    whole, not its last group); empty where it ends with none."""
    for n in range(min(3, len(words)), 0, -1):
        text = " ".join(w.text for w in words[-n:])
        read = read_scalar(text, f, ctx)
        if read is not None and read[1] >= 1.0 and _MONEY.search(text):
            return words[-n:]
    return []


def _alone(figure: list[Word], row: list[Word]) -> bool:
    """A ladder prints one figure a row: a figure beside others ("7.5 % | 7.49 | 0.56 | 8.05", a tax
    breakdown's net, tax and gross) is a table's cell."""
    mine = {id(w) for w in figure}
    return not any(_MONEY.search(w.text) for w in row if id(w) not in mine)


def figure_at_end(words: list[Word], f: Field, ctx: ReadContext, wanted: float) -> list[Word]:
    """The words at the end of a phrase that read as the wanted figure ("19.00", "EUR 7.446,36", "Tax 0.57");
    empty where none do."""
    for n in range(1, min(3, len(words)) + 1):
        read = read_scalar(" ".join(w.text for w in words[-n:]), f, ctx)
        if read is not None and read[1] >= 1.0 and abs(read[0] - wanted) < _CENTS:
            return words[-n:]
    return []
