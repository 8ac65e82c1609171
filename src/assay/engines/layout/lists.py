"""Lists without a table header: itemized lines (receipts), repeated sections, lists of strings.

Itemized lines are the rows above the totals block that end in an amount ("OAT CEREAL   3.90"),
with the quantity either in front ("2x Oat Cereal") or on a line of its own under the name
("2 @ 3.49", "0.75 kg @ 2.99/kg"); a unit price may follow the item's line ("@ 12.94 each"). A run is
read upwards from a totals row and stops at a separator rule, a labelled line, a gap or the last total; where
the schema has several lists, the label of the total that closes a run says whose it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass, field

from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.domain.labels import clean_label
from assay.engines.layout import quantities
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.columns import item_roles
from assay.engines.layout.geometry import PageLayout, Row, Segment
from assay.engines.layout.keyvalue import LabelIndex
from assay.engines.layout.tables import EACH

_TOTALS = re.compile(r"^(sub ?total|total|tax|vat|gst|hst|tip|gratuity|change|cash|balance|amount due|"
                     r"tender|discount|net|items sold|sales tax)\b")
_QTY_PREFIX = re.compile(r"^(?P<q>\d+)\s*[x×]$", re.I)
_QTY_SUFFIX = re.compile(r"^[x×]\d+$", re.I)
_AMOUNT = re.compile(r"^-?[$€£]?\d{1,3}(?:[,.]\d{3})*[.,]\d{2}-?$")
# An amount printed over several words: a currency code or sign before or after it ("INR 45.95",
# "29,21 EUR", "€ 50,92", "-INR 135.64"), digit groups set apart ("1 234,50").
_CURRENCY = r"(?:[A-Z]{3}|[$€£¥₹]|Fr\.|Rs\.?)"
_SPLIT_AMOUNT = re.compile(rf"^(?P<neg>-)?\s*(?:{_CURRENCY}\s*)?(?P<n>-?\d{{1,3}}(?:[ ,.'’]\d{{3}})*[.,]\d{{2}})"
                           rf"(?:\s*{_CURRENCY})?-?$")

# Lists without a table. An itemized line ("OAT CEREAL   3.90") fills its record's fields at ITEM_LINE;
# a quantity the description says to assume ("1 when not printed") is inferred, a little weaker. A
# list of scalars hangs under a heading that names the array (LIST_HEADING: lower, and any short
# phrase heads a list); each of its items scores LIST_ITEM.
ITEM_LINE = 0.8
# A total is the sum of the lines above it to the cent (printed cents add up exactly; a looser match
# takes an item that happens to be near the sum of a few above it for the total).
CENTS = 0.011
DEFAULT_QUANTITY = 0.75
LIST_HEADING = 0.85
# A label with its items after it on the row, no colon between ("Colours Sand / Blush"): the row's first
# phrase, at most this many words long (longer, it is a sentence that starts with a list's name).
INLINE_LIST_WORDS = 8
LIST_ITEM = 0.75


@dataclass(slots=True)
class _Item:
    desc: list[Word]
    total: list[Word] = field(default_factory=list)
    qty: list[Word] = field(default_factory=list)
    price: list[Word] = field(default_factory=list)
    page: int = 0


def itemized_lines(item: Field, layouts: list[PageLayout], ctx: ReadContext,
                   closes: Callable[[str], tuple[str, ...] | None] | None = None,
                   path: tuple[str, ...] = (), held: Set[int] = frozenset()) -> list[dict[str, Candidate | None]]:
    """The item lines of each page: the runs of lines its totals close that `closes` says are the list's at
    `path` (what the list a totals label names: "Gross pay" closes the earnings where gross_pay is their total),
    else the first run no other list's total closes, else the page's first run; never a run whose amounts are
    all `held` (words of another list's table)."""
    roles = item_roles(item)
    if roles["desc"] is None or roles["total"] is None:
        return []
    out: list[dict[str, Candidate | None]] = []
    for layout in layouts:
        runs = [(closes(label) if closes else None, items) for label, items in _runs(layout, ctx)
                if not all(id(w) in held for it in items for w in it.total)]
        mine = ([items for owner, items in runs if owner == path]
                or [items for owner, items in runs if owner is None][:1] or [items for _, items in runs][:1])
        out.extend(_to_record(it, item, roles, ctx) for items in mine for it in items)
    return out


def _amount_split(row: Row, ctx: ReadContext) -> tuple[list[Word], list[Word]] | None:
    """The row's words before its closing amount, and the amount's words."""
    words = row.words
    if len(row.segments) < 2 or len(words) < 2:
        return None
    last = row.segments[-1].words
    if 1 < len(last) <= 4 and _SPLIT_AMOUNT.match(" ".join(w.text for w in last)):
        return words[:-len(last)], last
    if _AMOUNT.match(words[-1].text):
        return words[:-1], words[-1:]
    return None


def amount_value(words: list[Word], ctx: ReadContext) -> float | None:
    """An amount's value from its words: a currency code or sign dropped, split digit groups joined."""
    text = " ".join(w.text for w in words)
    m = _SPLIT_AMOUNT.match(text)
    if m is None:
        return ctx.number(text)
    value = ctx.number(re.sub(r"[ ]", "", m["n"]))
    return -abs(value) if value is not None and m["neg"] else value


def _sums_above(rows: list[Row], i: int, ctx: ReadContext) -> bool:
    """Row i's amount is the sum of the amount rows above it (two or more): a total. Rows without an
    amount between them (an item's quantity line, a rule) are passed over."""
    split = _amount_split(rows[i], ctx)
    target = amount_value(split[1], ctx) if split else None
    if target is None:
        return False
    running, n = 0.0, 0
    for r in reversed(rows[:i]):
        got = _amount_split(r, ctx)
        value = amount_value(got[1], ctx) if got else None
        if value is None:
            if ":" in r.text:
                break
            continue
        running += value
        n += 1
        if n >= 2 and abs(running - target) <= CENTS:
            return True
    return False


def _is_rule(row: Row) -> bool:
    return not re.search(r"[A-Za-z0-9]", row.text)


def _runs(layout: PageLayout, ctx: ReadContext) -> list[tuple[str, list[_Item]]]:
    """Each run of item lines on the page with the label of the total that closes it, top to bottom; a total
    with no lines above it since the last one (a summary box at the top of a bill, "Balance Due: 59.74" beside
    the address; the tax under a subtotal) closes none."""
    rows = layout.rows
    out: list[tuple[str, list[_Item]]] = []
    start = 0
    for i, r in enumerate(rows):
        split = _amount_split(r, ctx)
        if (_TOTALS.match(clean_label(r.text)) and split) or _sums_above(rows, i, ctx):
            if items := _scan_above(layout, start, i, ctx):
                out.append((" ".join(w.text for w in split[0]) if split else r.text, items))
            start = i + 1
    return out


def _scan_above(layout: PageLayout, start: int, stop: int, ctx: ReadContext) -> list[_Item]:
    rows = layout.rows
    run: list[Row] = []
    for r in reversed(rows[start:stop]):
        if _is_rule(r):
            if run:
                break
            continue
        if ":" in r.text and not run and _amount_split(r, ctx):
            continue  # a labelled line of the totals block above the total (tax): not an item
        if ":" in r.text or (run and run[-1].box.y - r.box.bottom > 2.5 * layout.em):
            break
        run.append(r)
    run.reverse()
    items: list[_Item] = []
    pending: _Item | None = None
    for r in run:
        split = _amount_split(r, ctx)
        text = " ".join(w.text for w in (split[0] if split else r.words))
        amount = amount_value(split[1], ctx) if split else None
        q = quantities.quantity_and_price(split[0] if split else r.words)
        if q is None and split and len(split[0]) == 2 and (pair := _figure_pair(*split[0])) and quantities.multiplies(
                *pair, amount, ctx):
            q = pair  # "3 4.04 12.12" under "SPARKLING WATER 8PK": a quantity line whose "@" the scan lost
        if q and pending is not None:
            pending.qty, pending.price = q
            if split:
                pending.total = split[1]
                items.append(pending)
                pending = None
            continue
        if (q and split is None and pending is None and items and not items[-1].qty
                and quantities.multiplies(*q, amount_value(items[-1].total, ctx), ctx)):
            items[-1].qty, items[-1].price = q  # "6 x 3.44" under "Greek yoghurt 20.64": that item's line
            continue
        if split is None and pending is None and items and (e := EACH.match(text)):
            if not items[-1].price:  # "@ 12.94 each" under "3x Hdmi Cable 38.82": that item's unit price
                items[-1].price = [w for w in r.words if e["p"] in w.text][-1:]
            continue
        if split is None:
            pending = _Item(r.words, page=layout.number)
            continue
        it = _Item(split[0], split[1], page=layout.number)
        it.desc, it.qty, it.price = _line_parts(split[0], r, amount, ctx)
        items.append(it)
        pending = None
    return items


def _line_parts(words: list[Word], row: Row, amount: float | None,
                ctx: ReadContext) -> tuple[list[Word], list[Word], list[Word]]:
    """An item line's description, quantity and unit price, from its words before the amount. The quantity is
    read in front ("2x Oat Cereal", "2 x Oat Cereal", or a whole number printed as a phrase of its own: a
    quantity column) or at the end ("Oat Cereal x2"); a unit price at the end ("... @ 3.49", "... 3.49") only
    where the quantity times it is the amount, as is a quantity line at the end ("Oat Cereal 2 @ 3.49"). What
    is left must name the item (a letter): else the words are the description whole."""
    parts = _split_line(words, row, amount, ctx)
    return parts if any(ch.isalpha() for w in parts[0] for ch in w.text) else (words, [], [])


def _split_line(words: list[Word], row: Row, amount: float | None,
                ctx: ReadContext) -> tuple[list[Word], list[Word], list[Word]]:
    for n in (3, 2):
        if len(words) > n and (q := quantities.quantity_and_price(words[-n:])) and quantities.multiplies(
                *q, amount, ctx):
            return words[:-n], *q
    if len(words) > 2 and (q := _figure_pair(words[-2], words[-1])) and quantities.multiplies(*q, amount, ctx):
        return words[:-2], *q  # "Copper pipe 15 mm | 4 | 12.50": a quantity and a price column before the amount
    qty: list[Word] = []
    if len(words) > 1 and _QTY_PREFIX.match(words[0].text):
        qty, words = words[:1], words[1:]
    elif len(words) > 2 and words[0].text.isdigit() and words[1].text.lower() in ("x", "×"):
        qty, words = words[:1], words[2:]
    elif len(words) > 1 and words[0].text.isdigit() and row.segments[0].words == words[:1]:
        qty, words = words[:1], words[1:]
    elif len(words) > 1 and _QTY_SUFFIX.match(words[-1].text):
        return words[:-1], words[-1:], []
    price: list[Word] = []
    if qty and len(words) > 1 and _AMOUNT.match(words[-1].text) and quantities.multiplies(
            qty, words[-1:], amount, ctx):
        price, words = words[-1:], words[:-1]
        if len(words) > 1 and words[-1].text == "@":
            words = words[:-1]
    return words, qty, price


def _figure_pair(a: Word, b: Word) -> tuple[list[Word], list[Word]] | None:
    """Two figures side by side as (quantity, unit price): the whole number is the quantity, the first where
    both are; None unless one is."""
    whole = [re.fullmatch(r"\d+", w.text) is not None for w in (a, b)]
    if not any(whole) or not all(re.fullmatch(r"\d+(?:[.,]\d+)?", w.text) for w in (a, b)):
        return None
    return ([a], [b]) if whole[0] else ([b], [a])


def _without_usage(words: list[Word]) -> list[Word]:
    """A description without its trailing usage note in brackets ("Usage charge (19 kL @ 2.4186)")."""
    text = " ".join(w.text for w in words)
    m = re.search(r"\s*\([^()]*@[^()]*\)$", text)
    if m is None or m.start() == 0:
        return words
    keep = len(text[:m.start()].split())
    return words[:keep]


def _default_quantity(f: Field) -> float | None:
    m = re.search(r"(\d+)\s+(?:when|if)\s+no", f.description)
    return float(m[1]) if m else None


def _to_record(it: _Item, item: Field, roles: dict[str, Field | None], ctx: ReadContext) -> dict:
    rec: dict[str, Candidate | None] = {c.name: None for c in item.children()}
    def put(role: str, words: list[Word], value) -> None:
        f = roles[role]
        if f is not None and value is not None:
            rec[f.name] = Candidate(value, it.page, words, ITEM_LINE, "list")
    desc = _without_usage(it.desc)
    put("desc", desc, " ".join(w.text for w in desc))
    put("total", it.total, amount_value(it.total, ctx))
    if it.qty:
        put("qty", it.qty, quantities.number(it.qty, ctx))
    elif roles["qty"] is not None and (d := _default_quantity(roles["qty"])) is not None:
        rec[roles["qty"].name] = Candidate(d, it.page, [], DEFAULT_QUANTITY, "list", inferred=True)
    if it.price:
        put("price", it.price, quantities.number(it.price, ctx))
    for c in item.children():
        if rec[c.name] is not None and c.type == "integer" and isinstance(rec[c.name].value, float):
            rec[c.name].value = int(rec[c.name].value)
    return rec


def sections(arr: Field, layouts: list[PageLayout], ctx: ReadContext,
             index: LabelIndex) -> list[dict[str, Candidate | None]]:
    """Entries under a heading that names the array ("EXPERIENCE" for work_experience)."""
    from assay.engines.layout import sections as S

    section = S.Sections(layouts, [arr, *index.sections, *index.fields]).find(arr)
    if section is None:
        return []
    em = next(lay.em for lay in layouts if lay.number == section.heading.page)
    return S.entry_records(arr.item(), section, ctx, em)


def scalar_list(arr: Field, layouts: list[PageLayout], ctx: ReadContext, index: LabelIndex,
                meant: Callable[[str], bool] | None = None) -> list[Candidate]:
    """A list of strings: names in a defined term of prose, or the items under / after a label (one the table
    knows, or a "Label:" `meant` says names the list by meaning: "Available finishes:" for colors)."""
    from assay.engines.layout import prose

    if prose.is_prose(layouts):
        for s in prose._sentences_cached(layouts):
            got = prose._string(Field(arr.path, {"type": "string"}, arr.context), s, [0])
            if got is not None:
                _, words, _ = got
                return _split_words(words, s.page, re.compile(r",$|^and$"))
        return []
    head = _list_heading(arr, layouts)
    if head is None or ":" not in head[0].text:
        from assay.engines.layout import sections as S

        section = S.Sections(layouts, [arr, *index.sections, *index.fields]).find(arr)
        if section is not None and (found := S.string_items(section)):
            return found
    if head is None and meant is not None:  # no label the table knows, no section: one meaning reads
        head = _list_heading(arr, layouts, meant)
    if head is None:
        return []
    seg, layout, k = head
    colon = next((i for i, w in enumerate(seg.words) if w.text.endswith(":")), None)
    row = layout.rows[seg.row]
    if colon is None and k == len(seg.words) and _beside_its_items(seg, layout):
        value = row.segments[seg.index + 1]  # "Colours | Brass, Walnut": the label's value beside it
        return _split_words(value.words, layout.number, re.compile(r",$"))
    items: list[Candidate] = []
    if colon is None and k < len(seg.words):  # "Colours Sand / Blush", "Available in Oak, Ash or Walnut"
        words = seg.words[k:] + [w for w in row.words if w.box.x >= seg.box.right]
        return _label_words_dropped(_split_words(words, layout.number, re.compile(r",$")))
    if colon is not None and colon + 1 < len(seg.words):
        rows = [seg.words[colon + 1:], *_rows_under(seg, layout, index, inline=True)]
        words = [w for r in rows for w in r]
        return _split_words(words, layout.number, re.compile(r",$"))
    for row_words in _rows_under(seg, layout, index, inline=False):
        items += _split_words(row_words, layout.number, re.compile(r",$"), bullets=True)
    return items


def _label_words_dropped(items: list[Candidate]) -> list[Candidate]:
    """A list's items share their capitals: where every item after the first starts with one, lower-case
    words leading the first are the rest of a label printed without a colon ("Colour options Sage, Sand")."""
    if len(items) < 2 or not all(str(c.value)[:1].isupper() for c in items[1:]):
        return items
    first = items[0]
    keep = next((i for i, w in enumerate(first.words) if not w.text[:1].islower()), len(first.words))
    if keep == 0 or keep == len(first.words):
        return items
    words = first.words[keep:]
    text = " ".join(w.text for w in words).strip(" ,;.")
    return [Candidate(text, first.page, words, first.score, first.how), *items[1:]]


def _list_heading(arr: Field, layouts: list[PageLayout], meant: Callable[[str], bool] | None = None):
    from assay.domain.labels import label_score

    best = None
    for layout in layouts:
        for seg in layout.segments():
            colon = next((i for i, w in enumerate(seg.words) if w.text.endswith(":")), None)
            beside = _beside_its_items(seg, layout)  # the phrase is the label (not "Colour | options")
            cuts = [colon + 1] if colon is not None else [len(seg.words)]
            if colon is None and seg.index == 0 and not beside and len(seg.words) <= INLINE_LIST_WORDS:
                cuts += range(1, min(len(seg.words), 4))  # the label starts the row, its items follow it
            for k in cuts:
                if k > 4:
                    continue
                label = " ".join(w.text for w in seg.words[:k])
                sim = label_score(label, arr.labels)
                whole = colon is None and beside and k == len(seg.words)  # the phrase, its value beside it
                if (sim < LIST_HEADING and (whole or (colon is not None and k == colon + 1)) and meant is not None
                        and meant(clean_label(label))):
                    sim = LIST_HEADING  # a label meaning reads as the list's, as one just accepted
                if sim >= LIST_HEADING and (best is None or sim > best[0]):
                    best = (sim, seg, layout, k)
    return (best[1], best[2], best[3]) if best else None


def _beside_its_items(seg: Segment, layout: PageLayout) -> bool:
    """`seg` opens a row of two phrases: a label with its items beside it ("Colour options | Sage Green")."""
    return seg.index == 0 and len(layout.rows[seg.row].segments) == 2


def _rows_under(seg, layout: PageLayout, index: LabelIndex, inline: bool) -> list[list[Word]]:
    """Rows below a list heading, in its column, until a gap or the next heading."""
    out: list[list[Word]] = []
    bottom = seg.box.bottom
    right_limit = layout.page.width
    for row in layout.rows[seg.row + 1:]:
        if row.box.y - bottom > (1.2 if inline else 2.2) * layout.em:
            break
        words = [w for w in row.words if seg.box.x - 1.5 * layout.em <= w.box.x < right_limit]
        if inline:
            words = [w for w in words if w.box.x <= seg.box.right]
        if not words:
            if out:
                break
            continue
        text = " ".join(w.text for w in words)
        if out and (index.looks_like_label(words) or (text.isupper() and len(words) <= 3 and not
                                                       any(w.text in ("•", "·") for w in words))):
            break
        if not inline and (text.isupper() and len(words) <= 3 and len(text) > 4) and not out:
            break
        out.append(words)
        bottom = max(w.box.bottom for w in words)
    return out


def _split_words(words: list[Word], page: int, sep: re.Pattern, bullets: bool = False) -> list[Candidate]:
    """Words → items at commas, bullets and wide gaps."""
    from assay.engines.layout.geometry import is_bullet

    items: list[list[Word]] = []
    cur: list[Word] = []
    last = None
    for w in words:
        if is_bullet(w) or w.text in ("·", "|", "/"):
            if cur:
                items.append(cur)
            cur, last = [], w
            continue
        if cur and last is not None and (w.box.x - last.box.right > 1.2 * w.box.h or w.box.y > last.box.bottom):
            if bullets or w.box.y <= last.box.bottom:
                items.append(cur)
                cur = []
        if w.text.lower() in ("and", "or") and not bullets:
            if cur:
                items.append(cur)
            cur, last = [], w
            continue
        cur.append(w)
        last = w
        if sep.search(w.text):
            items.append(cur)
            cur = []
    if cur:
        items.append(cur)
    out = []
    for it in items:
        text = " ".join(w.text for w in it).strip(" ,;.")
        if text:
            out.append(Candidate(text, page, it, LIST_ITEM, "list"))
    return out
