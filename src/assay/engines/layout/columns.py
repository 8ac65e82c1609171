"""Column roles from the cells, for the columns a table's header did not name.

A column's cells say what it holds: dates, whole numbers, decimal amounts, codes (one token with
digits: "WP46397") or text. A field the header left unmatched takes the one free column whose cells
are of the field's kind; several text columns go to the text fields by length (the description is
the longest), several columns of another kind to as many fields by what their headers mean and their
figures' signs, else in the schema's order (a guess, and said to be one). Among the numeric columns,
arithmetic settles which is which where the document offers it: a column that is the product of two
others on most rows is the line amount, and of its two factors the one that holds whole numbers is the
quantity, the other the unit price, whatever their headers say and in whatever order they are printed.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from typing import Protocol

from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.engines.layout import wrapped
from assay.engines.layout.consumption import is_unit
from assay.engines.layout.unlabelled import sub_box
from assay.semantics import match

_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-/._#]*$")
# "item" is in neither: an "item_code" is a code by its "code", a "line_item" or an "item" is the line's text.
_CODE_WORDS = {"code", "sku", "id", "ref", "reference", "part", "number", "no", "article"}
_DESC_WORDS = {"description", "name", "item", "product", "title", "details", "particulars", "service"}

# A column is of a kind when at least this share of its filled cells are; lower, and a column mixing
# codes and words is read as either.
KIND_SHARE = 0.6
# A header's field is dropped when fewer than this share of the filled cells under it read as its type.
CONTRADICTED_SHARE = 0.3
# Arithmetic holds on a row when a × b is within this share of c (rounding of printed cents).
PRODUCT_TOLERANCE = 0.011
# ... and decides the roles when it holds on at least this share of the rows with all three figures.
PRODUCT_SHARE = 0.6
# On a table's only line with all three figures, the product must be the amount to the printed cent.
SINGLE_PRODUCT_CENTS = 0.005
# A header names one of several fields of its column's kind by meaning with this lead over the next.
CLAIM_LEAD = 0.05
# Columns of one kind are paired with as many fields by meaning up to this many (their orders are tried one by
# one); a column with a figure below zero suits a field described as negative by this much more.
MAX_PAIRED = 5
SIGN_FIT = 0.1
# A subtotal row sums the amounts above it to the cent.
SUM_CENTS = 0.011
# A tax is a part of what it is charged on at a rate, at most this share of it (the highest VAT rates are 27%), in
# steps of this much (8.875%, 7.25%, 19%), to the cent or this share of the sum: a figure that adds to another to
# make a third is a tax only when it is such a part (a budget's variance is not).
TAX_SHARE = 0.3
RATE_STEP = 0.00025
RATE_SLACK = 1e-5


class ColumnLike(Protocol):
    field: Field | None


def counted(words: list[Word], ctx: ReadContext) -> list[Word]:
    """A cell's figure words: the figure of a figure and the unit it counts in ("75 LEN", "12 kg"), else all."""
    split = figure_and_unit(words, ctx)
    return split[0] if split else words


_GLUED = re.compile(r"(\d+(?:[.,]\d+)?)([^\W\d_]{1,4}\.?)")


def figure_and_unit(words: list[Word], ctx: ReadContext) -> tuple[list[Word], list[Word]] | None:
    """A cell's figure and the unit it counts in, as two words ("75 LEN", "12 kg") or as one that print or OCR ran
    together ("72PK": each its share of the word's box); None for any other cell."""
    if len(words) == 2 and is_unit(words[1].text) and ctx.number(words[0].text) is not None:
        return words[:1], words[1:]
    glued = _GLUED.fullmatch(words[0].text) if len(words) == 1 else None
    if glued is None or not is_unit(glued[2]) or ctx.number(glued[1]) is None:
        return None
    word, cut = words[0], len(glued[1])
    return ([Word(glued[1], sub_box(word, 0, cut), word.confidence)],
            [Word(glued[2], sub_box(word, cut, len(word.text)), word.confidence)])


def cell_kind(words: list[Word], ctx: ReadContext) -> str:
    """What a cell holds: "empty", "int", "decimal" (a figure, or a figure and its unit), "date", "code" or
    "text"."""
    text = " ".join(w.text for w in counted(words, ctx)).strip()
    if not text:
        return "empty"
    value = ctx.number(text)
    if value is not None:
        return "int" if value == int(value) and not re.search(r"[.,]\d{2}$", text) else "decimal"
    if ctx.date(text) is not None:
        return "date"
    if len(words) == 1 and _CODE.match(text):
        return "code"
    return "text"


def column_kind(cells: list[list[Word]], ctx: ReadContext) -> str | None:
    kinds = Counter(cell_kind(ws, ctx) for ws in cells if ws)
    if not kinds:
        return None
    total = sum(kinds.values())
    numeric = kinds["int"] + kinds["decimal"]
    if numeric >= KIND_SHARE * total and numeric > max(kinds["date"], kinds["code"], kinds["text"]):
        return "decimal" if kinds["decimal"] else "int"
    kind, n = kinds.most_common(1)[0]
    return kind if n >= KIND_SHARE * total else None


def field_kinds(f: Field) -> set[str]:
    if f.type == "integer":
        return {"int"}
    if f.type == "number":
        return {"int", "decimal"}
    if f.type != "string":
        return set()
    if f.is_date:
        return {"date"}
    if set(f.words) & _CODE_WORDS and not set(f.words) & (_DESC_WORDS - {"item"}):
        return {"code", "int"}
    return {"text"}


def drop_contradicted(columns: list[ColumnLike], cells: list[list[list[Word]]], ctx: ReadContext) -> None:
    """A header that names a figure (or a date, or a code) over cells that are mostly not one ("Value" over
    "13.01." in a "Value Date" column, "Item" read as the item's code over "Widget blue"), or a text over cells
    that are all codes beside a free column of words ("Article" read as the description over "DK-8178"),
    misnamed the column: its cells say otherwise, so it is free."""
    for col, column_cells in zip(columns, cells, strict=True):
        f = col.field
        filled = [" ".join(w.text for w in ws) for ws in column_cells if ws]
        if f is None or len(filled) < 2:
            continue
        if f.type in ("number", "integer"):
            fits = sum(_figure(ws, ctx) is not None for ws in column_cells if ws)
        elif f.is_date:
            fits = sum(ctx.date(t) is not None for t in filled)
        elif field_kinds(f) == {"code", "int"}:  # more cells of words than codes: a description's column
            words = sum(_wording(t) for t in filled)
            if words > sum(cell_kind(ws, ctx) in ("code", "int") for ws in column_cells if ws):
                col.field = None
            continue
        elif field_kinds(f) == {"text"}:  # all cells codes, beside a free column of words: a code's column
            # ("Article" over "DK-8178" beside "Specification" over the goods' names)
            if all(cell_kind(ws, ctx) == "code" for ws in column_cells if ws) and any(
                    c.field is None and column_kind(other, ctx) == "text"
                    for c, other in zip(columns, cells, strict=True)):
                col.field = None
            continue
        else:
            continue
        if fits < CONTRADICTED_SHARE * len(filled):
            col.field = None


def _wording(text: str) -> bool:
    """Words, not a code: two words of three letters or more ("Bolt M6 zinc", "Widget blue"; not "AB 1234",
    "SKU 20331")."""
    return sum(len(t) >= 3 and t.isalpha() for t in text.split()) >= 2


def fill_roles(columns: list[ColumnLike], cells: list[list[list[Word]]], children: list[Field],
               ctx: ReadContext) -> dict[int, str]:
    """Give each field the header left unmatched the one free column of its kind.
    `cells[i]` is column i's cells, one per record. Returns the columns given a field by the schema's order
    alone, none of their words or figures telling (a guess): {column index: field name}."""
    guessed: dict[int, str] = {}
    unsure: set[int] = set()
    taken = {c.field.name for c in columns if c.field is not None}
    free = [i for i, c in enumerate(columns) if c.field is None and not _line_numbers(cells[i], ctx)]
    kinds = {i: column_kind(cells[i], ctx) for i in free}
    text_cols = sorted((i for i in free if kinds[i] == "text"), key=lambda i: -_mean_length(cells[i]))
    for f in children:
        if f.name in taken or f.enum:
            continue
        want = field_kinds(f)
        if want == {"text"}:
            fits = [i for i in text_cols if columns[i].field is None]
            pick = fits[0] if fits and (set(f.words) & _DESC_WORDS or len(fits) == 1) else None
        else:  # the most telling kind first: a code field takes a column of codes before one of numbers
            pick = None
            for kind in ("date", "code", "decimal", "int"):
                fits = [i for i in free if kind in want and kinds[i] == kind and columns[i].field is None]
                if fits:
                    pick = fits[0] if len(fits) == 1 or _in_order(f, children, fits, want) or (
                        kind == "date" and _only_date(f, children, taken)) else None
                    paired = _pairing(f, [g for g in children if g.name not in taken and not g.enum
                                             and field_kinds(g) == want], fits, columns, cells, ctx) \
                        if len(fits) > 1 else None
                    if paired is not None:
                        pick = paired[0]
                        if not paired[1]:
                            unsure.update(fits)  # the pairing is a guess, for the fields that take the rest too
                    break
            if pick is not None and len(fits) == 1:
                rivals = [g for g in children if g.name not in taken and not g.enum and kinds[pick] in field_kinds(g)]
                if _claimant(getattr(columns[pick], "header", ""), rivals) is not f:
                    continue  # "Shipped" over the only quantity column: quantity_delivered's, not quantity_ordered's;
                    # "Qty Req." over the only column of whole numbers: a quantity's, not an item code's
        if pick is not None:
            columns[pick].field = f
            taken.add(f.name)
            if pick in unsure:
                guessed[pick] = f.name
    return guessed


def _claimant(header: str, rivals: list[Field]) -> Field | None:
    """Of several fields of one kind wanting the one free column of that kind, the one its header names by
    meaning (a lead of CLAIM_LEAD over the others: "Shipped" for a quantity described as "shipped / delivered",
    not the quantity ordered); where the header does not tell them apart, the one the schema requires (a field
    that may be null is the one a document may leave out: "null when the note prints no ordered column");
    else the first in the schema's order."""
    if len(rivals) < 2:
        return rivals[0] if rivals else None
    if any(ch.isalpha() for ch in header):
        texts = [match.FieldText("_".join(g.path), str(g.node.get("title", "") or ""), g.description, g.context)
                 for g in rivals]
        scores = match.score_matrix([header], texts)[0]
        ranked = sorted(range(len(rivals)), key=lambda j: -scores[j])
        if scores[ranked[0]] - scores[ranked[1]] >= CLAIM_LEAD:
            return rivals[ranked[0]]
    return next((g for g in rivals if not g.nullable), rivals[0])


def _pairing(f: Field, rivals: list[Field], fits: list[int], columns: list[ColumnLike],
                cells: list[list[list[Word]]], ctx: ReadContext) -> tuple[int, bool] | None:
    """Several free columns of one kind for as many fields of that kind: the column `f` takes in the pairing their
    headers' meaning and their signs support best (a column with a figure below zero suits a field described as
    negative: a budget's variance beside its actual spending), where that pairing leads every other by CLAIM_LEAD;
    else the pairing in the schema's order (a schema lists a table's columns as it prints them, and years from the
    earlier: columns headed by years are taken in the years' order). As (column, whether the headers or the
    figures told); None where columns and fields differ in number."""
    if len(rivals) != len(fits) or len(fits) > MAX_PAIRED or f not in rivals:
        return None
    headers = [str(getattr(columns[i], "header", "") or "") for i in fits]
    years = [wrapped.YEAR.fullmatch(h.replace(" ", "").upper()) for h in headers]
    if all(years):
        return sorted(fits, key=lambda i: years[fits.index(i)][1])[rivals.index(f)], False
    if not all(any(ch.isalpha() for ch in h) for h in headers):
        return fits[rivals.index(f)], False
    texts = [match.FieldText("_".join(g.path), str(g.node.get("title", "") or ""), g.description, g.context)
             for g in rivals]
    scores = match.score_matrix(headers, texts)
    below = [any((v := _figure(ws, ctx)) is not None and v < 0 for ws in cells[i]) for i in fits]
    fit = [[float(scores[a][b]) + (SIGN_FIT if below[a] and rivals[b].signed else 0.0) for b in range(len(rivals))]
           for a in range(len(fits))]
    ranked = sorted((sum(fit[a][b] for a, b in enumerate(order)), order)
                    for order in itertools.permutations(range(len(rivals))))
    (best, order), (second, _) = ranked[-1], ranked[-2]
    led = best - second >= CLAIM_LEAD
    return (fits[order.index(rivals.index(f))] if led else fits[rivals.index(f)]), led


def _in_order(f: Field, children: list[Field], fits: list[int], want: set[str]) -> bool:
    """Several free columns of a kind for as many unfilled fields of that kind: they are printed in
    the schema's order (amount before balance), the first column goes to the first field."""
    same = [c for c in children if field_kinds(c) == want]
    return len(same) == len(fits) and same[0].name == f.name


def _only_date(f: Field, children: list[Field], taken: set[str]) -> bool:
    """`f` is the item's one date field left, for several columns of dates: the first is the row's own (a
    statement's posting date before its value date)."""
    return not any(g.name != f.name and g.name not in taken and "date" in field_kinds(g) for g in children)


def _line_numbers(cells: list[list[Word]], ctx: ReadContext) -> bool:
    """1, 2, 3, ... (an OCR slip aside): the rows' own numbering, no field's value."""
    values = [ctx.lenient_number(" ".join(w.text for w in ws).rstrip(".)")) for ws in cells if ws]
    steps = [b - a for a, b in itertools.pairwise(values) if a is not None and b is not None]
    return len(steps) >= 1 and sum(step == 1 for step in steps) >= 0.8 * len(steps)


def _mean_length(cells: list[list[Word]]) -> float:
    lengths = [sum(len(w.text) for w in ws) for ws in cells if ws]
    return statistics.mean(lengths) if lengths else 0.0


def item_roles(item: Field) -> dict[str, Field | None]:
    """The item's description, line total, quantity, unit price and unit of measure fields, by the words of their names
    (never by what the line is called: a "line_no" is no total); a total no name says is the last
    decimal field; a figure left over beside a total and a price is the quantity (hours × rate = amount)."""
    kids = list(item.children())
    nums = [c for c in kids if c.type in ("number", "integer")]
    strs = [c for c in kids if c.type == "string" and not c.enum]

    def pick(cands: list[Field], *words: str) -> Field | None:
        return next((c for c in cands if set(c.words) & set(words)), None)

    amounts = [c for c in nums if c.type == "number"] or nums  # an integer is a count, a number a sum of money
    total = pick(nums, "total", "amount", "sum") or (amounts[-1] if amounts else None)
    qty = pick([n for n in nums if n is not total], "quantity", "qty", "count", "units")
    price = pick([n for n in nums if n not in (total, qty)], "price", "rate", "unit", "each")
    rest = [n for n in nums if n not in (total, qty, price)]
    if qty is None and price is not None and len(rest) == 1:
        qty = rest[0]
    texts = [c for c in strs if field_kinds(c) == {"text"}] or strs  # not a code field ("item_code")
    desc = pick(texts, "description", "name", "item", "product", "title") or (texts[0] if texts else None)
    unit = pick([c for c in strs if c is not desc], "unit", "uom")
    return {"desc": desc, "total": total, "qty": qty, "price": price, "unit": unit}


def product_roles(columns: list[ColumnLike], cells: list[list[list[Word]]], roles: dict[str, Field | None],
                  ctx: ReadContext) -> bool:
    """Quantity × unit price = amount, read from the figures: sets the three columns' fields, those the item
    has (a charge of "Units | Rate | Cost" with only an amount field, which no header gave a column, takes the
    product). `roles` names the item's quantity, price and total fields. False when the figures do not say."""
    qty, price, total = roles.get("qty"), roles.get("price"), roles.get("total")
    if total is None or ((qty is None or price is None)
                         and any(c.field is not None and c.field.name == total.name for c in columns)):
        return False
    values = [[_figure(ws, ctx) for ws in col] for col in cells]
    numeric = [i for i, col in enumerate(values) if any(v is not None for v in col)]
    best: tuple[float, int, int, int] | None = None
    for c in numeric:
        for a in numeric:
            for b in numeric:
                if len({a, b, c}) < 3 or a > b:
                    continue
                share = _product_share(values[a], values[b], values[c])
                if share >= PRODUCT_SHARE and (best is None or (share, c) > (best[0], best[3])):
                    best = (share, a, b, c)
    if best is None:
        return False
    _, a, b, c = best
    q, p = sorted((a, b), key=lambda i: (-_whole_share(cells[i], ctx), statistics.median(
        v for v in values[i] if v is not None)))
    placed = [f for f in (qty, price, total) if f is not None]
    for col in columns:
        if col.field is not None and col.field.name in {f.name for f in placed}:
            col.field = None
    for i, f in ((q, qty), (p, price), (c, total)):
        if f is not None:
            columns[i].field = f
    return True


def net_tax_gross(cells: list[list[list[Word]]], ctx: ReadContext) -> bool:
    """Whether the rows are a tax summary, not items: on most rows with three figures or more, two of
    them add up to a third (net + tax = gross, the tax a part of the net at a rate: _levied) and no two multiply
    to one (quantity × price = amount)."""
    rows = list(zip(*[[_figure(ws, ctx) for ws in col] for col in cells], strict=True)) if cells else []
    judged = summed = 0
    for row in rows:
        figures = [v for v in row if v is not None]
        if len(figures) < 3:
            continue
        judged += 1
        pairs = list(itertools.permutations(figures, 3))
        adds = any(abs(a + b - c) <= SUM_CENTS and _levied(b, a) for a, b, c in pairs)
        multiplies = any(abs(a * b - c) <= PRODUCT_TOLERANCE * max(1.0, abs(c)) for a, b, c in pairs)
        summed += adds and not multiplies
    return judged > 0 and summed * 2 > judged


def _levied(tax: float, net: float) -> bool:
    """`tax` is `net` at a rate: positive, at most TAX_SHARE of it, and a whole number of RATE_STEPs of it to the
    cent (or to RATE_SLACK of the sum: taxes rounded line by line)."""
    if not 0 < tax <= TAX_SHARE * net:
        return False
    rate = round(tax / net / RATE_STEP) * RATE_STEP
    return abs(net * rate - tax) <= max(SUM_CENTS, RATE_SLACK * net)


def subtotal_at(cells: list[list[Word]], ctx: ReadContext, sparse: list[bool] | None = None) -> int | None:
    """The first row (after two) whose amount is the sum of the amounts above it: the table's
    subtotal, where its items end, whatever words label it. `sparse[i]`: row i fills fewer cells
    than the rows above it; a full row (description, quantity, amount) is an item even when its
    amount happens to equal the sum above it (10 + 20 = 30)."""
    running, counted = 0.0, 0
    for i, ws in enumerate(cells):
        value = _figure(ws, ctx)
        if value is None:
            continue
        if (counted >= 2 and abs(value - running) <= SUM_CENTS and value != 0
                and (sparse is None or sparse[i])):
            return i
        running += value
        counted += 1
    return None


def _figure(words: list[Word], ctx: ReadContext) -> float | None:
    """The cell's figure: the whole, its figure before a unit, or its last word ("$ 12.00")."""
    if not words:
        return None
    value = ctx.number(" ".join(w.text for w in counted(words, ctx)))
    return value if value is not None else ctx.number(words[-1].text)


def _product_share(xs: list[float | None], ys: list[float | None], zs: list[float | None]) -> float:
    rows = [(x, y, z) for x, y, z in zip(xs, ys, zs, strict=True) if x is not None and y is not None and z is not None]
    if not rows or all(z == 0 for _, _, z in rows):
        return 0.0
    if len(rows) == 1:  # one line with all three figures ("Overtime | 3 | 36.62 | 109.86"): to the cent, not by
        x, y, z = rows[0]  # a share of the amount, and not a product by one, which any figure makes
        return float(abs(x * y - z) <= SINGLE_PRODUCT_CENTS and 1 not in (x, y))
    hits = sum(abs(x * y - z) <= PRODUCT_TOLERANCE * max(1.0, abs(z)) for x, y, z in rows)
    return hits / len(rows)


def _whole_share(cells: list[list[Word]], ctx: ReadContext) -> float:
    """Share of the cells printed as whole numbers ("12", not "12.00")."""
    kinds = [cell_kind(ws, ctx) for ws in cells if ws]
    return kinds.count("int") / len(kinds) if kinds else 0.0
