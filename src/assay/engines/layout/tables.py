"""Tables → arrays of objects, by matching column headers to the item schema's fields.

A header row is a row whose phrases name at least two of the item's fields ("Qty", "Unit Price",
"Amount"). Its phrases fix the columns; every later row's words fall into the column they sit
under. A row with text only in text columns continues the record above (wrapped descriptions); a
row with no number where the item needs one ends the table (totals blocks, footers), unless the
next row is a clean record: then the unreadable cell is OCR damage and the row stays. The same
header repeated on later pages continues the table. Rows that are balances rather than entities
(brought/carried forward, opening/closing balance) are skipped. A signed amount read from two
columns (debits / credits, paid out / paid in) takes its sign from the column.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from assay.domain import values as V
from assay.domain.document import TextSource, Word
from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.labels import clean_label, label_score
from assay.engines.layout import abbrev, balances, channels, quantities, stacked, wrapped
from assay.engines.layout import columns as roles
from assay.engines.layout.candidates import TYPE_FIT_FLOOR, TYPE_FIT_SHARE, Candidate
from assay.engines.layout.geometry import PageLayout, Row, Segment, cell_rows
from assay.engines.layout.keyvalue import FIGURE
from assay.engines.layout.listnames import ListNames
from assay.engines.layout.meaning import named_by_meaning
from assay.semantics import match

_DEBIT = re.compile(r"\b(withdrawals?|debits?|paid out|money out|out|dr|charges?|payments?)\b")
_CREDIT = re.compile(r"\b(deposits?|credits?|paid in|money in|in|cr|receipts?)\b")

# A figure's cell printed as having none: a dash or dots ("—", "-", ".."), or "not available" ("n/a", "n.a."). The
# row is a record all the same, its value null.
NO_VALUE = re.compile(r"[-–—.…/*]+|n\.?/?a\.?", re.IGNORECASE)
# A line under a record set in type smaller than this share of the record's is no wrapped line of it.
SMALLER_TYPE = 0.85
# A header cell names a column's field when it matches the field's labels this well; lower, and a row
# of words above figures is read as a table that is not one.
HEADER_LABEL = 0.8
# A header cell's last word names the field ("Booking Date" is a date's column, "Transaction Details" a
# description's) as much as it does alone where the words before it name nothing, and at this share of that where
# they are a label themselves ("Value Date": a date the schema may not ask for, where "Booking Date" beside it is
# the row's date).
LABELLED_QUALIFIER = 0.87
# A row is a table's header when at least two fields match it and at least this share of its phrases
# name a field. Lower, and a line of text that mentions two field names starts a table.
HEADER_SHARE = 0.5
# Line numbers fused to the next column's values are told by counting up by one over at least this many rows.
UNNUMBERED_ROWS = 3
# Below that share, a header still starts a table when the rows under it are one: at least
# CONTENT_ROWS records that fill on average this share of its columns.
CONTENT_FILL = 0.6
CONTENT_ROWS = 2
# Header words split into two columns are joined again when a cell in the first rows under them spans both.
JOIN_ROWS = 5
# A table whose header names nothing counts when its cells fill this many fields; two, and any small
# block of words and figures (a tax summary under a receipt) reads as the items.
CONTENT_FIELDS = 3
# A column whose field was read from its cells, not its header, scores this share of a named one.
CONTENT_ROLE = 0.8
# The rows under a header that its white channels are read from, at least, where the first reading of the
# table ended sooner (a cell under the wrong header ends it).
CHANNEL_ROWS = 3
# A header phrase is cut where a white channel this many ems wide runs through the rows under it (wider than the
# space between words, ~0.3 em, narrower than channels.MIN_WIDTH: the header's own gap says the rest).
CUT_WIDTH = 0.5
# A phrase this many ems beyond the table's outer columns is a side column (an address block beside
# the table), not a cell, unless it is a lone figure (right-aligned under a short header).
SIDEBAR_GAP = 2.0

# A row below the items further from them than this many times their own gaps, and than this many
# lines of their text, is not one of them (tight or overlapping rows of a scan make tiny gaps).
SET_APART = 3.0
SET_APART_LINES = 1.5

NON_ENTITY = re.compile(
    r"\b(brought|carried) (forward|fwd)\b|\b(opening|closing|beginning|ending|starting|previous|new) balance\b"
    r"|\bbalance (b/?f|c/?f|forward|brought|carried)\b|^(sub ?total|total|totals)\b")

# A preposition begins a phrase and never heads a column alone: "Per Hour" is a rate's header, not "Per" and
# the hours' "Hour".
_PREPOSITION = re.compile(r"(?i)per|by|of|for|in|at|to|from|on|with")

# A unit price on the line under an item: "@ 3.76 ea", "x 12.94 each", "@ 1,59/kg".
EACH = re.compile(r"^(?:@|x|×)\s*[$€£]?(?P<p>\d+(?:[.,]\d+)?)\s*(?:each|ea|per unit|/\s*\w+)?$", re.I)


@dataclass(slots=True)
class Column:
    x0: float
    x1: float
    field: Field | None
    sign: int = 0  # -1 debit column, +1 credit column of a signed amount
    header: str = ""
    from_cells: bool = False  # its field was read from its cells, the header did not name it
    guessed: bool = False  # ... and by the schema's order alone: nothing printed told which field it is


@dataclass(slots=True)
class TableRecord:
    cells: dict[int, list[Word]] = field(default_factory=dict)  # column index → words
    page: int = 0
    group: list[Word] = field(default_factory=list)  # a date printed on its own row above a day's rows
    each: list[Word] = field(default_factory=list)  # "@ 3.76 ea" on the row under it: its unit price
    qty: list[Word] = field(default_factory=list)  # "0.75 kg" of a quantity line above or under it


@dataclass(slots=True)
class FoundTable:
    columns: list[Column]
    records: list[TableRecord]
    score: float


# A header phrase of at most this many words, of which only the last is a label and a word of a kind of value
# ("Date", "No."), is that label qualified.
QUALIFIED_WORDS = 3


class Cuts(NamedTuple):
    """How the body under a header row divides its phrases (ids of the words that start a part): `cuts`, where a
    column of its own starts; `joins`, where the cells under the word before run on under it."""
    cuts: frozenset[int] = frozenset()
    joins: frozenset[int] = frozenset()


NO_CUTS = Cuts()


def find_tables(item: Field, layouts: list[PageLayout], ctx: ReadContext,
                names: ListNames | None = None) -> list[FoundTable]:
    """All table parts on all pages whose header matches `item`'s fields (or names its list, by `names`:
    the schema's lists); where none does, the tables whose header words are unknown but whose cells fill
    the item's fields."""
    children = [c for c in item.children() if c.type not in ("object", "array")]
    if len(children) < 2:
        return []
    layouts = [cell_rows(layout) for layout in layouts]
    names = names or ListNames([])
    return (_tables(item, children, layouts, ctx, names, by_header=True)
            or _tables(item, children, layouts, ctx, names, by_header=False))


def _tables(item: Field, children: list[Field], layouts: list[PageLayout], ctx: ReadContext, names: ListNames,
            by_header: bool) -> list[FoundTable]:
    found: list[FoundTable] = []
    day: list[Word] = []  # the last day heading read, for a table continued on the next page
    for layout in layouts:
        i = 0
        while i < len(layout.rows):
            row = layout.rows[i]
            if _label_and_figure(row, ctx):  # "Items Total: 10 884.15": a summary's line, no table's header
                i += 1
                continue
            band = stacked.header_band(layout, i, children, ctx) if by_header else None
            header = ((
                [Column(c.x0, c.x1, c.field, 0, c.header) for c in band[0]], band[1], band[2]) if band
                else _match_header(row, children, cuts=_body_cuts(row, layout, i)) if by_header
                else _unknown_header(row, children, ctx, layout.rows[i + 1:i + 3]))
            last = band[3] if band else i  # the header's bottom row
            if by_header and not band:
                header, last = _wrapped_header(layout, i, header, children)
            elif not by_header:
                header, last = _wrapped_unknown_header(layout, i, header, children, ctx)
            listed = header is None and by_header  # a header read for the list it names: its table needs `own`
            if listed:
                header = _list_header(row, item, children, names)
            if header is None or (by_header and not band and _better_header_under(layout, last, header, children)):
                i += 1
                continue
            columns, score, named_share = header
            if not band:
                columns = _join_split_headers(columns, layout.rows[last + 1:last + 1 + JOIN_ROWS], layout.em, ctx)
            records, end = _read_rows(layout, last + 1, columns, children, ctx, day, headings=bool(band))
            body = layout  # the rows the table's body is read from: its part of them, beside another list's
            part = _own_part(columns, records, item, names, ctx) if by_header and not band and records else None
            if part is not None:
                columns, x0, x1 = part
                body = _clip(layout, x0, x1)
                records, end = _read_rows(body, last + 1, columns, children, ctx, day)
            elif not band and not records and (inner := _within_named(columns)) is not None:
                # a block beside the table (the customer's address right of the items) whose first line shares
                # the header's row: its next line, under it, ended the table at once
                clipped = _clip(layout, inner[1], inner[2])
                again, end_again = _read_rows(clipped, last + 1, inner[0], children, ctx, day)
                if again:
                    columns, records, end, body = inner[0], again, end_again, clipped
            if not band:
                columns, records, end = _split_at_channels(body, last, end, columns, records, children, ctx, day)
            if records:
                _unnumber(records, len(columns), ctx)
                own = _read_roles(columns, records, item, children, ctx, names) or part is not None
                records = _items_only(records, columns, item, ctx)
                records = _entities_only(records, columns, children)
                records = _own_rows(records, columns, item, names, ctx)
                cells = [[r.cells.get(i, []) for r in records] for i in range(len(columns))]
                if not by_header and roles.net_tax_gross(cells, ctx):
                    records = []  # a tax summary (net + tax = gross) found from its cells: not items
                if (records and (own or (not listed and (named_share >= HEADER_SHARE or _table_like(records, columns))))
                        and not _anothers(columns, records, item, names, ctx)
                        and (by_header or own or _filled(columns)) and _described(records, columns, item)):
                    found.append(FoundTable(columns, records, score))
                    day = _day_after(layout, records[-1], end, ctx) if any(c.is_date for c in children) else []
                    day = day or records[-1].group
                    i = max(end, i + 1)
                    continue
            i += 1
    return found


def _day_after(layout: PageLayout, last: TableRecord, end: int, ctx: ReadContext) -> list[Word]:
    """A day's heading under the table's last record on its page ("December 10, 2025" at the page's foot): the
    day of the rows the next page goes on with; else []."""
    bottom = max((w.box.bottom for ws in last.cells.values() for w in ws), default=None)
    if bottom is None or last.page != layout.number:
        return []
    for row in reversed(layout.rows[:end]):
        if row.box.y <= bottom:
            return []
        if _day_heading(row, ctx):
            return row.words
    return []


def _day_heading(row: Row, ctx: ReadContext) -> bool:
    """A date alone on its row: the day of the rows under it."""
    return len(row.segments) == 1 and ctx.date(row.text) is not None


def _own_part(columns: list[Column], records: list[TableRecord], item: Field, names: ListNames,
              ctx: ReadContext) -> tuple[list[Column], float, float] | None:
    """Two lists printed side by side under one header row ("Income | Hours | Amount | Deductions |
    Amount"): a column of text whose header names another list than the columns left of it starts that
    list's part. The part of `item`'s list (the one whose header names it, else the one no header names),
    with the x range of its words (midway to the neighbouring parts' headers); None where the header
    holds one list."""
    cells = [[r.cells.get(k, []) for r in records] for k in range(len(columns))]
    if len(names.arrays) < 2 or not any(roles.column_kind(col, ctx) in ("int", "decimal") for col in cells):
        return None  # one list; or a grid of words (a résumé's skills), no list of amounts
    starts, owners, current = [0], [None], None
    for k, c in enumerate(columns):
        named = names.named(c.header) if c.header else None
        if named is None or roles.column_kind(cells[k], ctx) != "text":
            continue
        other = named != current if current is not None else any(
            roles.column_kind(cells[j], ctx) == "text" for j in range(k))  # an unnamed list's descriptions left of it
        if other and k > starts[-1]:
            starts.append(k)
            owners.append(named)
        else:
            owners[-1] = named
        current = named
    if len(starts) < 2:
        return None
    bounds = [*starts, len(columns)]
    mine = [p for p, o in enumerate(owners) if o == item.path] or [p for p, o in enumerate(owners) if o is None]
    if len(mine) != 1:
        return None
    return _part(columns, bounds[mine[0]], bounds[mine[0] + 1])


def _within_named(columns: list[Column]) -> tuple[list[Column], float, float] | None:
    """The header without the phrases at either end that name no field, with the x range left to it (midway to
    the phrases dropped); None where both ends are named, or fewer than two fields are (no table's header)."""
    named = [k for k, c in enumerate(columns) if c.field is not None]
    if len({columns[k].field.name for k in named}) < 2 or (named[0] == 0 and named[-1] == len(columns) - 1):
        return None
    return _part(columns, named[0], named[-1] + 1)


def _part(columns: list[Column], lo: int, hi: int) -> tuple[list[Column], float, float]:
    """Columns lo..hi of a header with the x range of their words: midway to the columns left out either side."""
    x0 = (columns[lo - 1].x1 + columns[lo].x0) / 2 if lo else float("-inf")
    x1 = (columns[hi - 1].x1 + columns[hi].x0) / 2 if hi < len(columns) else float("inf")
    return columns[lo:hi], x0, x1


def _anothers(columns: list[Column], records: list[TableRecord], item: Field, names: ListNames,
              ctx: ReadContext) -> bool:
    """The table is another list's: a header over its descriptions names another list of the schema
    ("Taxes & Deductions" over the deductions under the earnings), and none names the item's (a header
    that names one of its fields, "Total", is that field's)."""
    named = [(names.named(c.header), roles.column_kind([r.cells.get(k, []) for r in records], ctx),
              c.field is not None and not c.from_cells) for k, c in enumerate(columns) if c.header]
    return (any(n not in (None, item.path) and kind == "text" for n, kind, _ in named)
            and not any(n == item.path and not a_field for n, _, a_field in named))


def _clip(layout: PageLayout, x0: float, x1: float) -> PageLayout:
    """The layout with only the phrases whose words start within [x0, x1) (a row left with none keeps its
    box: it still spaces the rows)."""
    rows = []
    for row in layout.rows:
        segments = [Segment([w for w in seg.words if x0 <= w.box.x < x1], seg.page, seg.row, seg.index, seg.cell,
                            seg.ruled) for seg in row.segments]
        segments = [seg for seg in segments if seg.words]
        rows.append(Row([w for seg in segments for w in seg.words] or row.words, segments))
    return PageLayout(layout.page, rows, layout.em, layout.cell_of)


def _split_at_channels(layout: PageLayout, last: int, end: int, columns: list[Column], records: list[TableRecord],
                       children: list[Field], ctx: ReadContext,
                       day: list[Word]) -> tuple[list[Column], list[TableRecord], int]:
    """The table read again with its columns split at the body's white channels (channels.py), where
    that moves a boundary and reads at least as many records: the rows under the header (at least
    CHANNEL_ROWS of them, where a mixed cell ended the table at once) say where the columns are."""
    body = [row.words for row in layout.rows[last + 1:max(end, last + 1 + CHANNEL_ROWS)]
            if not _beside(row.words, columns, ctx, layout.em)]
    extents = channels.boundaries(columns, body, layout.em)
    if extents is None:
        return columns, records, end
    split = [replace(c, x0=x0, x1=x1) for c, (x0, x1) in zip(columns, extents, strict=True)]
    again, end_again = _read_rows(layout, last + 1, split, children, ctx, day)
    if len(again) < max(1, len(records)):
        return columns, records, end
    return split, again, end_again


def _balance_by_arithmetic(columns: list[Column], cells: list[list[list[Word]]], children: list[Field],
                           ctx: ReadContext) -> None:
    """A column of figures that moves from row to row by a figure printed on the later row is the running
    balance, whatever its header says ("Running total" read as the amount): it takes the balance field, and
    the amount it held, or that no column of figures holds, passes to the first free column of figures left of
    it (paired with its neighbour as debits and credits next)."""
    found = balances.amount_and_balance(children)
    if found is None or any(c.field is not None and c.field.name == found[1].name for c in columns):
        return
    amount, balance = found
    values = [[_figure(cell, ctx) for cell in col] for col in cells]
    for k, column in enumerate(columns):
        if column.field is not None and column.field.name != amount.name:
            continue
        others = [j for j in range(len(columns)) if j != k and roles.column_kind(cells[j], ctx) in ("int", "decimal")]
        if not others or not _moves_by(values[k], [values[j] for j in others]):
            continue
        column.field, column.from_cells, column.sign = balance, True, 0
        holders = [j for j, c in enumerate(columns) if c.field is not None and c.field.name == amount.name]
        if all(not any(cells[j]) for j in holders):  # none, or a header's word over no figures ("Running | total")
            for j in holders:
                columns[j].field = None
            free = next((j for j in others if j < k and columns[j].field is None), None)
            if free is not None:
                columns[free].field, columns[free].from_cells = amount, True
        return


def _figure(cell: list[Word], ctx: ReadContext) -> float | None:
    return ctx.number(" ".join(w.text for w in cell)) if cell else None


def _moves_by(column: list[float | None], others: list[list[float | None]]) -> bool:
    """Between every two rows of the column with a figure, at least two, the change is a figure of another
    column on the later row."""
    steps = [(column[i] - column[p], [o[i] for o in others if o[i] is not None])
             for p, i in itertools.pairwise(i for i, v in enumerate(column) if v is not None)]
    return len(steps) >= 2 and all(any(abs(abs(d) - abs(v)) < balances.CENTS for v in vs) for d, vs in steps)


def _pair_signed(columns: list[Column], cells: list[list[list[Word]]], children: list[Field],
                 ctx: ReadContext) -> None:
    """A signed amount read from one column whose free neighbour holds figures on the other rows:
    the two are its debit and credit columns (their signs from the headers, else from the balance)."""
    for f in children:
        if not f.signed:
            continue
        mine = [i for i, c in enumerate(columns) if c.field is not None and c.field.name == f.name]
        if len(mine) != 1:
            continue
        k = mine[0]
        for j in (k + 1, k - 1):
            if not 0 <= j < len(columns) or columns[j].field is not None:
                continue
            if roles.column_kind(cells[j], ctx) not in ("int", "decimal"):
                continue
            both = sum(bool(a) and bool(b) for a, b in zip(cells[k], cells[j], strict=True))
            if both > 0.1 * len(cells[k]):
                continue
            columns[j].field, columns[j].from_cells = f, True
            debit_first = j > k
            if columns[k].sign == 0:
                columns[k].sign = -1 if _DEBIT.search(columns[k].header) else (1 if _CREDIT.search(
                    columns[k].header) else (-1 if debit_first else 1))
            columns[j].sign = -columns[k].sign
            break


def _described(records: list[TableRecord], columns: list[Column], item: Field) -> bool:
    """Where the item has a description, some row's description has words (a tax summary's '7.5%'
    rows are not items)."""
    desc = roles.item_roles(item)["desc"]
    cols = [i for i, c in enumerate(columns) if desc is not None and c.field is not None and c.field.name == desc.name]
    if not cols:
        return True
    return any(sum(ch.isalpha() for w in r.cells.get(i, []) for ch in w.text) >= 2 for r in records for i in cols)


def _items_only(records: list[TableRecord], columns: list[Column], item: Field,
                ctx: ReadContext) -> list[TableRecord]:
    """The records above the row that sums them (a subtotal the reader took for an item)."""
    total = roles.item_roles(item)["total"]
    col = next((i for i, c in enumerate(columns) if total is not None and c.field is not None
                and c.field.name == total.name), None)
    if col is None:
        return records
    filled = [sum(1 for ws in r.cells.values() if ws) for r in records]
    sparse = [i > 0 and filled[i] < max(filled[:i]) for i in range(len(records))]
    cuts = [roles.subtotal_at([r.cells.get(col, []) for r in records], ctx, sparse), _set_apart(records, sparse),
            _label_under_figures(records, columns, item, sparse)]
    cut = min((c for c in cuts if c is not None), default=None)
    return records if cut is None else records[:cut]


def _entities_only(records: list[TableRecord], columns: list[Column], children: list[Field]) -> list[TableRecord]:
    """Without the rows that print a balance and no amount where the other rows print both: the
    opening or closing balance line ("B/F BALANCE", "Balance at end of period"), whatever its words."""
    found = balances.amount_and_balance(children)
    if found is None:
        return records
    amount, balance = found
    amount_cols = {i for i, c in enumerate(columns) if c.field is not None and c.field.name == amount.name}
    balance_cols = {i for i, c in enumerate(columns) if c.field is not None and c.field.name == balance.name}
    if not amount_cols or not balance_cols:
        return records

    def has(r: TableRecord, cols: set[int]) -> bool:
        return any(r.cells.get(i) for i in cols)

    balance_only = [has(r, balance_cols) and not has(r, amount_cols) for r in records]
    if sum(balance_only) > max(2, 0.2 * len(records)):
        return records  # many rows without an amount: the amount column is misread, not these rows
    return [r for r, alone in zip(records, balance_only, strict=True) if not alone]


def _label_under_figures(records: list[TableRecord], columns: list[Column], item: Field,
                         sparse: list[bool]) -> int | None:
    """The first row (after two) that leaves the table's first column empty where every row above fills
    it, fills fewer cells than they do, and starts right of the first column with a word that is not a
    description (outside the description column, or well right of where its descriptions start): a
    label set under the figures ("Amount excl. tax: 48,268.98"), the summary under the items."""
    if len(columns) < 3:
        return None
    desc = roles.item_roles(item)["desc"]
    described = {i for i, c in enumerate(columns) if desc is not None and c.field is not None
                 and c.field.name == desc.name}
    for i, r in enumerate(records):
        if 0 in r.cells:
            continue
        if i < 2:
            return None
        lead_col, lead = min(((ci, ws[0]) for ci, ws in r.cells.items() if ws), key=lambda t: t[1].box.x)
        starts = [min(w.box.x for w in rec.cells[lead_col]) for rec in records[:i] if rec.cells.get(lead_col)]
        apart = lead_col not in described or (starts and lead.box.x > max(starts) + 2 * lead.box.h)
        if sparse[i] and apart and lead.box.x > columns[0].x1 and any(ch.isalpha() for ch in lead.text):
            return i
        return None
    return None


def _set_apart(records: list[TableRecord], sparse: list[bool]) -> int | None:
    """The first row (after two) that sits below the item block, set apart from the row above
    (SET_APART, SET_APART_LINES), and fills fewer cells than they do (a label and an
    amount: "Freight 25.00", "Amount payable 412.00"): the summary under the table, whatever its words."""
    printed = [[w for ws in r.cells.values() for w in ws] + r.each + r.qty for r in records]  # its price lines too
    tops = [min(w.box.y for w in ws) for ws in printed]
    bottoms = [max(w.box.bottom for w in ws) for ws in printed]
    line = statistics.median(w.box.h for r in records for ws in r.cells.values() for w in ws)
    gaps: list[float] = []
    for i in range(1, len(records)):
        new_day = bool(records[i].group) and records[i].group is not records[i - 1].group
        if records[i].page != records[i - 1].page or new_day:
            continue  # another page, or a day's heading between the two rows
        gap = tops[i] - bottoms[i - 1]
        if len(gaps) >= 2 and sparse[i] and gap > max(SET_APART * statistics.median(gaps), SET_APART_LINES * line):
            return i
        gaps.append(gap)
    return None


def _unknown_header(row: Row, children: list[Field], ctx: ReadContext,
                    under: list[Row] | None = None) -> tuple[list[Column], float, float] | None:
    """A row of at least three short word phrases, none a figure or a date but a year over figures (`under`: the
    rows under it): a header whose words the schema mostly does not know. The columns it names keep their fields;
    the others are read from the cells under them."""
    phrases = [seg.words for seg in row.segments]
    if len(phrases) < 3 or any(len(ws) > 3 for ws in phrases):
        return None
    for ws in phrases:
        text = " ".join(w.text for w in ws)
        if wrapped.YEAR.fullmatch(text) and any(_over_figures(ws, r, ctx) for r in under or []):
            continue  # "2022 | 2023" over the population of each year
        if any(re.match(r"\W?\d", w.text) for w in ws) or ctx.date(text) is not None:
            return None  # a figure or a date: a row of values ("km2", "m²" are a header's units)
    return _match_header(row, children, min_fields=0, over_figures=True)


def _over_figures(words: list[Word], row: Row, ctx: ReadContext) -> bool:
    """A phrase of `row` under the words is a figure, and no year."""
    return any(seg.box.x < words[-1].box.right and seg.box.right > words[0].box.x
               and not wrapped.YEAR.fullmatch(seg.text) and ctx.number(seg.text) is not None for seg in row.segments)


def _list_header(row: Row, item: Field, children: list[Field],
                 names: ListNames) -> tuple[list[Column], float, float] | None:
    """A row of at least two short word phrases (no figure, no "Label:"), one of which names the item's list
    ("Taxes & Deductions | This Period"): its header, though it names fewer than two of the item's fields."""
    phrases = [seg.text for seg in row.segments]
    if len(phrases) < 2 or any(len(p.split()) > 4 or ":" in p or any(ch.isdigit() for ch in p) for p in phrases):
        return None
    if not any(names.named(p) == item.path for p in phrases):
        return None
    return _match_header(row, children, min_fields=0)


def _filled(columns: list[Column]) -> bool:
    """A table found from its cells alone counts when its cells fill CONTENT_FIELDS fields, a figure
    among them, and half its columns."""
    named = [c for c in columns if c.field is not None]
    return (len({c.field.name for c in named}) >= CONTENT_FIELDS and len(named) >= 0.5 * len(columns)
            and any(c.field.type in ("number", "integer") for c in named))


def _join_split_headers(columns: list[Column], body: list[Row], em: float, ctx: ReadContext) -> list[Column]:
    """Header words split into two columns ("Value | Date", "Balance | After") that one printed cell
    spans in the rows under them, or over whose cells only one of them stands ("GWh | generated" over figures set
    flush right), are one column after all; it takes the field its last word names (the head of an English
    phrase), else the one it has."""
    out = [columns[0]]
    for c in columns[1:]:
        prev = out[-1]
        close = c.x0 - prev.x1 < 0.6 * em  # one space apart: words of one header phrase
        spanned = close and (any(_spans(row, prev, c) for row in body) or _one_over_cells(prev, c, body)
                             or _figure_under_both(prev, c, body, ctx))
        if not spanned or any(_figure_then_text(seg.words, prev, c, ctx) for row in body for seg in row.segments):
            out.append(c)
            continue
        head = c if c.field is not None else prev
        out[-1] = Column(prev.x0, c.x1, head.field, head.sign, f"{prev.header} {c.header}")
    return out


def _figure_under_both(first: Column, second: Column, body: list[Row], ctx: ReadContext) -> bool:
    """A figure printed in digit groups apart ("1 337") lies under both columns."""
    return any(_overlap(seg.box.x, seg.box.right, first) > 0 and _overlap(seg.box.x, seg.box.right, second) > 0
               and len(seg.words) > 1 and ctx.number(seg.text) is not None for row in body for seg in row.segments)


def _one_over_cells(first: Column, second: Column, body: list[Row]) -> bool:
    """Words of the rows under lie under one of the two columns, and none under the other."""
    under = [sum(_overlap(w.box.x, w.box.right, c) > 0 for row in body for w in row.words) for c in (first, second)]
    return min(under) == 0 < max(under)


def _spans(row: Row, first: Column, second: Column) -> bool:
    """A word of the row lies under both columns, and no phrase of the row lies under the first alone
    (a one-digit quantity beside a weight that reaches under the quantity's header: two columns)."""
    if not any(_overlap(w.box.x, w.box.right, first) > 0 and _overlap(w.box.x, w.box.right, second) > 0
               for w in row.words):
        return False
    return not any(_overlap(seg.box.x, seg.box.right, first) > 0 >= _overlap(seg.box.x, seg.box.right, second)
                   for seg in row.segments)


def _figure_then_text(words: list[Word], first: Column, second: Column, ctx: ReadContext) -> bool:
    """A figure under the first column run into text under the second ("5 House red"), not a date
    ("3. February 2026") nor a word with digits ("Cat6 patch cable"): two columns."""
    under = [w for w in words
             if _overlap(w.box.x, w.box.right, first) > 0 or _overlap(w.box.x, w.box.right, second) > 0]
    if len(under) < 2 or ctx.date(" ".join(w.text for w in under)) is not None:
        return False
    return (under[0].box.right <= second.x0 + 1 and ctx.number(under[0].text) is not None
            and any(ch.isalpha() for w in under[1:] for ch in w.text))


def _table_like(records: list[TableRecord], columns: list[Column]) -> bool:
    """Rows under a header most of whose phrases are unknown words still make a table when they fill it."""
    if len(records) < CONTENT_ROWS:
        return False
    fill = statistics.mean(len(r.cells) for r in records) / len(columns)
    return fill >= CONTENT_FILL


def _unnumber(records: list[TableRecord], n_columns: int, ctx: ReadContext) -> None:
    """A column whose every cell starts with the row's own number, counting up by one ("1 73-KA569-97", "2
    70-GV763-86"), is the line numbers printed tight against the next column's values: the number is dropped
    from each cell, so the value is read alone."""
    for i in range(n_columns):
        cells = [r.cells[i] for r in records if r.cells.get(i)]
        if len(cells) < UNNUMBERED_ROWS or any(len(ws) < 2 for ws in cells) or all(
                len(ws) == 2 and ws[1].text.isalpha() and len(ws[1].text) <= 4 for ws in cells):
            continue  # "1 EA", "2 EA", "3 BOX": counted quantities with their units, not numbered lines
        firsts = [ctx.number(ws[0].text.rstrip(".)")) for ws in cells]
        if None in firsts or any(b != a + 1 for a, b in itertools.pairwise(firsts)):
            continue
        for r in records:
            if r.cells.get(i):
                r.cells[i] = r.cells[i][1:]


def _read_roles(columns: list[Column], records: list[TableRecord], item: Field, children: list[Field],
                ctx: ReadContext, names: ListNames) -> bool:
    """Fields the header left unnamed take columns by their cells' kind; arithmetic orders the figures.
    True when a column's header names the array itself (its amount column: "Deductions", its
    descriptions: "Earnings")."""
    cells = [[r.cells.get(i, []) for r in records] for i in range(len(columns))]
    for i, c in enumerate(columns):  # another list's figures ("Deductions" beside the earnings) are none of ours
        if (c.field is None and c.header and names.named(c.header) not in (None, item.path)
                and roles.column_kind(cells[i], ctx) in ("int", "decimal")):
            cells[i] = [[] for _ in records]
    roles.drop_contradicted(columns, cells, ctx)
    before = [c.field for c in columns]
    own = _array_column(columns, cells, item, ctx) | _listed_descriptions(columns, cells, item, names, ctx)
    guessed = roles.fill_roles(columns, cells, children, ctx)
    _balance_by_arithmetic(columns, cells, children, ctx)
    _pair_signed(columns, cells, children, ctx)
    if roles.product_roles(columns, cells, roles.item_roles(item), ctx):
        guessed |= roles.fill_roles(columns, cells, children, ctx)  # a field the arithmetic displaced ("Units"
        # over the quantities had named the unit) takes the free column of its kind ("Pack": EA, BOX)
    for i, (c, was) in enumerate(zip(columns, before, strict=True)):
        if c.field is not None and (was is None or was.name != c.field.name):
            c.from_cells = was is None
            c.guessed = c.from_cells and guessed.get(i) == c.field.name
    return own


def _array_column(columns: list[Column], cells: list[list[list[Word]]], item: Field, ctx: ReadContext) -> bool:
    """A column of figures headed by the array's own name ("Deductions" in a payslip's table of
    earnings and deductions, "Payments" in a ledger) holds the item's amount, rather than a column a
    header named only as an amount (the other list's "Amount" beside it)."""
    total = roles.item_roles(item)["total"]
    if total is None:
        return False
    named = [i for i, c in enumerate(columns) if c.field is None and c.header
             and label_score(c.header, item.labels) >= HEADER_LABEL
             and roles.column_kind(cells[i], ctx) in ("int", "decimal")]
    if len(named) != 1:
        return False
    for c in columns:
        if c.field is not None and c.field.name == total.name:
            c.field = None
    columns[named[0]].field = total
    return True


def _listed_descriptions(columns: list[Column], cells: list[list[list[Word]]], item: Field, names: ListNames,
                         ctx: ReadContext) -> bool:
    """A column of text whose header names the item's list ("Earnings", "Income" over "Basic Pay",
    "Overtime") holds its descriptions, where no header named them. True where such a column is found
    beside a column of figures (a list of amounts; a grid of words, a résumé's skills, is no list's table)."""
    if not any(roles.column_kind(col, ctx) in ("int", "decimal") for col in cells):
        return False
    desc = roles.item_roles(item)["desc"]
    listed = [i for i, c in enumerate(columns) if c.field is None and c.header and names.named(c.header) == item.path
              and roles.column_kind(cells[i], ctx) == "text"]
    if len(listed) != 1:
        return False
    if desc is not None and not any(c.field is not None and c.field.name == desc.name for c in columns):
        columns[listed[0]].field = desc
    return True


def _own_rows(records: list[TableRecord], columns: list[Column], item: Field, names: ListNames,
              ctx: ReadContext) -> list[TableRecord]:
    """A row that prints a figure only in another column than the item's amount is another list's row
    sharing the table (a deduction beside the earnings), not an item: where that column's header names
    another list of the schema, always; else where most rows print the item's amount."""
    total = roles.item_roles(item)["total"]
    mine = {i for i, c in enumerate(columns)
            if total is not None and c.field is not None and c.field.name == total.name}
    if not mine:
        return records
    others = {i for i, c in enumerate(columns) if c.field is None}
    listed = {i for i in others if columns[i].header and names.named(columns[i].header) not in (None, item.path)}

    def figure_in(r: TableRecord, cols: set[int]) -> bool:
        return not any(r.cells.get(i) for i in mine) and any(
            ctx.number(" ".join(w.text for w in r.cells[i])) is not None for i in cols if r.cells.get(i))

    foreign = [figure_in(r, others) for r in records]
    if not any(foreign) or sum(foreign) > 0.5 * len(records):
        foreign = [figure_in(r, listed) for r in records]
    return [r for r, out in zip(records, foreign, strict=True) if not out]


def _match_header(row: Row, children: list[Field], min_fields: int = 2, cuts: Cuts = NO_CUTS,
                  over_figures: bool = False) -> tuple[list[Column], float, float] | None:
    """`over_figures`: the row's years stand over figures (_unknown_header), so they are headers of those."""
    if any(re.fullmatch(r"[-+$€£]?\d[\d.,' ]*", seg.text) and not (over_figures and wrapped.YEAR.fullmatch(seg.text))
           for seg in row.segments):
        return None  # a figure in it: a row of the table or its totals, not its header
    phrases = _header_phrases(row, children, cuts)
    if len(phrases) < max(2, min_fields):
        return None
    scored: list[tuple[float, int, Field]] = []
    for pi, (words, _text, cell) in enumerate(phrases):
        scores = header_scores(" ".join(w.text for w in words), children)
        if cell:  # one cell of words: its last word, the head of the phrase, names it too, as much as it does
            # alone where the words before it name nothing ("Booking Date"), less where they name another field
            # ("Value Date")
            weight = LABELLED_QUALIFIER if max(header_scores(
                " ".join(w.text for w in words[:-1]), children)) >= HEADER_LABEL else 1.0
            scores = [max(s, weight * h) for s, h in zip(scores, header_scores(words[-1].text, children),
                                                         strict=True)]
        for f, s in zip(children, scores, strict=True):
            if s >= HEADER_LABEL:
                scored.append((s, pi, f))
    scored += _named_by_meaning(phrases, {pi for _, pi, _ in scored}, children, {f.path for _, _, f in scored})
    assigned = _assign_headers(scored, len(phrases))
    used: dict[str, int] = {}
    for f, _s in assigned.values():
        used[f.name] = used.get(f.name, 0) + 1
    if len({f.name for f, _ in assigned.values()}) < min_fields:
        return None
    columns = []
    for pi, (words, text, _cell) in enumerate(phrases):
        f = assigned.get(pi, (None, 0))[0]
        sign = 0
        if f is not None and used.get(f.name, 0) == 2:
            sign = -1 if _DEBIT.search(text) else (1 if _CREDIT.search(text) else 0)
        printed = " ".join(w.text for w in words)
        columns.append(Column(words[0].box.x, words[-1].box.right, f, sign,
                              printed if wrapped.YEAR.fullmatch(printed) else text))  # "2022/23" kept whole
    score = statistics.mean(s for _, s in assigned.values()) if assigned else CONTENT_ROLE
    return columns, score, len(assigned) / len(phrases)


def _wrapped_header(layout: PageLayout, i: int, header: tuple[list[Column], float, float] | None,
                    children: list[Field]) -> tuple[tuple[list[Column], float, float] | None, int]:
    """Row `i`'s header, or the header wrapped onto the rows under it (wrapped.py) where that names more
    fields: (header, index of its bottom row)."""
    best, last = header, i
    for row, j in wrapped.wrapped_rows(layout, i):
        got = _match_header(row, children, cuts=_body_cuts(row, layout, j))
        if got is not None and _fields_named(got[0]) > _fields_named(best[0] if best else []):
            best, last = got, j
    return best, last


def _wrapped_unknown_header(layout: PageLayout, i: int, header: tuple[list[Column], float, float] | None,
                            children: list[Field], ctx: ReadContext
                            ) -> tuple[tuple[list[Column], float, float] | None, int]:
    """Row `i`'s header of unknown words, or that header wrapped onto the rows under it ("Attainment" over "%"):
    (header, index of its bottom row), the band of the most rows that still reads as such a header."""
    best, last = header, i
    for row, j in wrapped.wrapped_rows(layout, i):
        got = _unknown_header(row, children, ctx, layout.rows[j + 1:j + 3])
        if got is not None:
            best, last = got, j
    return best, last


def _better_header_under(layout: PageLayout, last: int, header: tuple[list[Column], float, float],
                         children: list[Field]) -> bool:
    """One of the two rows under a header names more of the item's fields: that row is the table's header, and
    this one a strip of labels over their values above the table ("Bill Number | Invoice Date | PO Ref" over
    its values, over "Description | Qty | Unit Price | Total")."""
    for j in range(last + 1, min(len(layout.rows), last + 3)):
        under = _match_header(layout.rows[j], children, cuts=_body_cuts(layout.rows[j], layout, j))
        if under is not None and _fields_named(under[0]) > _fields_named(header[0]):
            return True
    return False


def _fields_named(columns: list[Column]) -> int:
    return len({c.field.name for c in columns if c.field is not None})


def _named_by_meaning(phrases: list[tuple[list[Word], str, bool]], labelled: set[int], children: list[Field],
                      taken: set[tuple[str, ...]]) -> list[tuple[float, int, Field]]:
    """In a row that is a header by the labels of two of its phrases or more, the other phrases that name a
    field no label of the row names, by meaning ("Balance After" for balance), on the scale meaning.py puts
    such a label on. A field a label names keeps it ("Value Date" is the date: "Val. Date" beside it is
    another date the schema does not ask for)."""
    rest: dict[str, list[int]] = {}
    for pi, (words, text, _cell) in enumerate(phrases):
        if pi not in labelled and text:
            rest.setdefault(" ".join(w.text for w in words), []).append(pi)
    if len(labelled) < 2 or not rest:
        return []
    by_path = {f.path: f for f in children}
    return [(score, pi, by_path[path])
            for text, (path, score, _lead) in named_by_meaning(list(rest), children).items()
            if path not in taken for pi in rest[text]]


def header_scores(printed: str, children: list[Field]) -> list[float]:
    """How well a header phrase names each field: by the fields' labels, else, where no label names it,
    as an abbreviation of one ("Desc", "Amt", "UP")."""
    by_label = [label_score(printed, f.labels) for f in children]
    if max(by_label, default=0.0) >= HEADER_LABEL:
        return by_label
    known = _vocabulary(children)
    return [max(s, abbrev.score(printed, f.labels, known)) for s, f in zip(by_label, children, strict=True)]


_VOCABULARY: list[tuple[list[Field], frozenset[str]]] = []  # the last fields asked about, and their words


def _vocabulary(children: list[Field]) -> frozenset[str]:
    got = _VOCABULARY[0] if _VOCABULARY else None
    if got is None or got[0] is not children:
        got = (children, abbrev.vocabulary([f.labels for f in children]))
        _VOCABULARY[:] = [got]
    return got[1]


def _assign_headers(scored: list[tuple[float, int, Field]], n_phrases: int) -> dict[int, tuple[Field, float]]:
    """Header phrases → fields, one field per phrase and one phrase per field (two for a signed
    amount's debit/credit pair). The assignment names the most distinct fields, then has the best
    total score, so an ambiguous header ("Item": a code or a description) takes the field that its
    neighbours ("SKU") leave free. Ties keep each phrase's best-scoring field, in schema order."""
    options: list[list[tuple[Field, float]]] = [[] for _ in range(n_phrases)]
    for s, pi, f in sorted(scored, key=lambda t: -t[0]):
        options[pi].append((f, s))
    combos = 1
    for opts in options:
        combos *= len(opts) + 1
    if combos > 20000:  # an improbable header: greedy, best score first
        greedy: dict[int, tuple[Field, float]] = {}
        taken: dict[str, int] = {}
        for s, pi, f in sorted(scored, key=lambda t: -t[0]):
            n = taken.get(f.name, 0)
            if pi in greedy or (n and not (f.signed and n < 2)):
                continue
            greedy[pi] = (f, s)
            taken[f.name] = n + 1
        return greedy
    best: tuple[tuple[int, float], dict[int, tuple[Field, float]]] = ((-1, 0.0), {})
    current: dict[int, tuple[Field, float]] = {}
    used: dict[str, int] = {}

    def walk(pi: int) -> None:
        nonlocal best
        if pi == n_phrases:
            key = (len(used), round(sum(s for _, s in current.values()), 6))
            if key > best[0]:
                best = (key, dict(current))
            return
        for f, s in options[pi]:
            n = used.get(f.name, 0)
            if n and not (f.signed and n < 2):
                continue
            current[pi] = (f, s)
            used[f.name] = n + 1
            walk(pi + 1)
            del current[pi]
            if n:
                used[f.name] = n
            else:
                del used[f.name]
        walk(pi + 1)

    walk(0)
    return best[1]


def _body_cuts(row: Row, layout: PageLayout, i: int) -> Cuts:
    """The header words that start a column of their own, though set as close as the words of one phrase ("U/P
    Total Price Part No."): a white channel of the rows under the header (channels.py) meets the space between
    such a word and the one before it, and cells lie under the words on both sides on most rows. And the words a
    column's cells run under from the word before on most rows ("Value Date" over "03.10.2026"): one header
    cell, however its words read alone ("Value" names an amount), where those cells are each one date or one
    figure (not "3 Data migration service" under "Hours Article Description")."""
    rows = [r for r in layout.rows[i + 1:i + 1 + JOIN_ROWS] if r.words]
    values = [[c for c in r.segments if V.parse_date(c.text) is not None or FIGURE.match(c.text)] for r in rows]
    joins = frozenset(id(seg.words[k]) for seg in row.segments for k in range(1, len(seg.words))
                      if rows and sum(any(c.box.x < seg.words[k - 1].box.right and c.box.right > seg.words[k].box.x
                                          for c in cells) for cells in values) > 0.5 * len(rows))
    body = [r.words for r in layout.rows[i + 1:i + 1 + JOIN_ROWS]]
    filled = [ws for ws in body if ws]
    strips = channels.channels(body, layout.em, CUT_WIDTH)
    if not strips:
        return Cuts(joins=joins)

    def under(ws: list[Word]) -> bool:  # a column's cells, on most rows: not a long description's overflow
        return sum(any(b.box.x < ws[-1].box.right and b.box.right > ws[0].box.x for b in row)
                   for row in filled) >= 0.5 * len(filled)

    return Cuts(frozenset(id(seg.words[k]) for seg in row.segments for k in range(1, len(seg.words))
                          if any(seg.words[k - 1].box.right < x1 and seg.words[k].box.x > x0 for x0, x1 in strips)
                          and under(seg.words[:k]) and under(seg.words[k:])), joins)


def _header_phrases(row: Row, children: list[Field], cuts: Cuts = NO_CUTS) -> list[tuple[list[Word], str, bool]]:
    """The row's phrases, splitting a phrase that is two labels set close ("Qty UoM") or that stands over two
    columns of the body (`cuts`: _body_cuts), unless it is one cell of words: rules draw it as one ("Val. Date",
    "Balance After": a qualifier and its head), the body's cells run under all its words ("Value Date" over its
    dates), or only its last word is a label ("Posting Date"). Each as (words, text, one cell of words)."""
    out: list[tuple[list[Word], str, bool]] = []

    scores: dict[str, float] = {}

    def best(ws: list[Word]) -> float:
        text = " ".join(w.text for w in ws)
        if text not in scores:
            scores[text] = max(header_scores(text, children))
        return scores[text]

    def is_label(ws: list[Word]) -> bool:
        return best(ws) >= HEADER_LABEL

    def two_labels(i: int, j: int, words: list[Word]) -> int | None:
        """Where words[i:j] is two labels set close, each read better than the whole ("Qty Description")."""
        whole = best(words[i:j])
        return next((k for k in range(i + 1, j) if min(best(words[i:k]), best(words[k:j])) > whole
                     and is_label(words[i:k]) and is_label(words[k:j])), None)

    def read(words: list[Word]) -> None:
        i = 0
        reach = _label_reach(words, 2 * _longest_label(children))  # a longer phrase matches no label
        while i < len(words):
            j = next((j for j in range(reach[i], i, -1) if is_label(words[i:j])), None)
            if j is not None and j - i > 1:
                j = two_labels(i, j, words) or j
            if j is None and i == 0 and not any(is_label([w]) for w in words):
                j = len(words)  # a header the schema does not ask for: still a column
            elif (j is None and i == 0 and 1 < len(words) <= QUALIFIED_WORDS and is_label(words[-1:])
                  and match.head_kind(words[-1].text) is not None and not any(is_label([w]) for w in words[:-1])):
                # "Posting Date": a qualifier and a head word that says what kind of value follows, one column
                out.append((words, clean_label(" ".join(w.text for w in words)), True))
                return
            if j is None and _PREPOSITION.fullmatch(words[i].text) and i + 1 < len(words):
                j = next((j for j in range(reach[i + 1], i + 1, -1) if is_label(words[i + 1:j])), i + 2)
            j = j or i + 1
            out.append((words[i:j], clean_label(" ".join(w.text for w in words[i:j])), False))
            i = j

    for seg in row.segments:
        if seg.ruled or (len(seg.words) > 1 and all(id(w) in cuts.joins and id(w) not in cuts.cuts
                                                    for w in seg.words[1:])):
            out.append((seg.words, clean_label(seg.text), len(seg.words) > 1))
            continue
        starts = [k for k, w in enumerate(seg.words) if k == 0 or id(w) in cuts.cuts] + [len(seg.words)]
        for a, b in itertools.pairwise(starts):
            read(seg.words[a:b])
    return out


def _label_reach(words: list[Word], limit: int) -> list[int]:
    """For each start i, the end j past which words[i:j] is longer than `limit` once cleaned (clean_label
    keeps every letter and digit, but may drop a leading number): a phrase of a prose line is looked up
    in the labels only while it could be one, not at every length up to the whole line."""
    letters = [sum(ch.isalnum() for ch in w.text) for w in words]
    reach, j, held = [], 0, 0  # held: letters of words[i + 1:j]
    for i in range(len(words)):
        if j <= i:
            j, held = i + 1, 0
        elif i:
            held -= letters[i]
        while j < len(words) and held + letters[j] <= limit:
            held += letters[j]
            j += 1
        reach.append(j)
    return reach


_LONGEST: list[tuple[list[Field], int]] = []  # the last fields asked about (one table search's), and the answer


def _longest_label(children: list[Field]) -> int:
    """The length of the longest printed form of any of the fields. A phrase scores at most its best
    ratio against a form (fuzz.ratio: 2 x common / total length, below HEADER_LABEL past 1.5 times the
    form's length) or 0.98 where it is the form with other spaces (at most twice its length)."""
    got = _LONGEST[0] if _LONGEST else None
    if got is None or got[0] is not children:
        got = (children, max((len(v) for f in children for v in f.labels.variants), default=0))
        _LONGEST[:] = [got]
    return got[1]


def _assign_cells(row: Row, columns: list[Column], ctx: ReadContext, layout: PageLayout,
                  glued: dict[tuple[int, int], bool]) -> dict[int, list[Word]]:
    """Words of a row by column. A phrase lying under one header goes there whole (a long
    description overflowing its header), and so does a cell of the parser's (a description ending
    in a figure under the next header), unless its column holds two of the header's (`_glued`); a
    phrase spanning headers is split where its words change kind (figures, then text, then
    figures). A phrase well beyond the outer columns is a side column's and is left out."""
    cells: dict[int, list[Word]] = {}
    for seg in row.segments:
        if _beside(seg.words, columns, ctx, layout.em):
            continue
        hits = _hits(seg, columns)
        if len(hits) <= 1 or (seg.cell is not None and not _glued(seg.cell, columns, ctx, layout, glued)):
            target = (max(hits, key=lambda i: _overlap(seg.box.x, seg.box.right, columns[i])) if hits
                      else _column_of(seg.words[0], columns, ctx))
            cells.setdefault(target, []).extend(seg.words)
            continue
        for ci, words in _split_phrase(seg.words, hits, columns, ctx):
            cells.setdefault(ci, []).extend(words)
    return cells


def _hits(seg: Segment, columns: list[Column]) -> list[int]:
    return [i for i, c in enumerate(columns) if _overlap(seg.box.x, seg.box.right, c) > 0]


def _glued(cell: tuple[int, int, int], columns: list[Column], ctx: ReadContext, layout: PageLayout,
           cache: dict[tuple[int, int], bool]) -> bool:
    """Whether the parser's column holding `cell` joins two of the header's columns: at least half
    its cells split by kind under them (a quantity set close to its description on every row), not
    a few (descriptions that happen to end in a figure)."""
    key = (cell[0], cell[2])
    if key not in cache:
        segs = [seg for r in layout.rows for seg in r.segments if seg.cell is not None and seg.cell[::2] == key]
        split = sum(len(_split_phrase(seg.words, hits, columns, ctx)) > 1
                    for seg in segs if len(hits := _hits(seg, columns)) > 1)
        cache[key] = split >= 0.5 * len(segs)
    return cache[key]


def _beside(words: list[Word], columns: list[Column], ctx: ReadContext, em: float) -> bool:
    left, right = words[0].box.x, words[-1].box.right
    lone_figure = len(words) == 1 and ctx.number(words[0].text) is not None
    return not lone_figure and (left > columns[-1].x1 + SIDEBAR_GAP * em
                                or right < columns[0].x0 - SIDEBAR_GAP * em)


def _split_phrase(words: list[Word], hits: list[int], columns: list[Column],
                  ctx: ReadContext) -> list[tuple[int, list[Word]]]:
    """A phrase over several columns ("3 Quarterly maintenance visit" under "Hours | Description"):
    its leading and trailing figures go to the figure columns they sit under, the words between to
    the text column, so a number inside a description ("pipe 15 mm x 3 m") stays there."""
    named_text = [i for i in hits if columns[i].field is not None and columns[i].field.type == "string"]
    text_cols = named_text or [i for i in hits if columns[i].field is None]
    if not text_cols:
        return [(_column_of(w, columns, ctx), [w]) for w in words]
    is_figure = [ctx.number(w.text) is not None for w in words]
    if not named_text:  # no column here is known to hold text: a figure, then a figure or a code under the next
        under = [_column_of(w, columns, ctx) for w in words]  # header ("6.25 250.00 71-KY812-62") are cells
        cuts = [k for k in range(1, len(words)) if under[k] != under[k - 1] and (is_figure[k] or is_figure[k - 1])
                and all(any(ch.isdigit() for ch in w.text) for w in words[k - 1:k + 1])]
        if cuts:
            return [(under[a], words[a:b]) for a, b in itertools.pairwise([0, *cuts, len(words)])]
    def under_figures(w: Word, default: int) -> int:  # the figure column a figure sits under, else default
        hit = [i for i in hits if i not in text_cols and _overlap(w.box.x, w.box.right, columns[i]) > 0]
        return hit[0] if hit else default

    lo = 0
    while lo < len(words) - 1 and is_figure[lo] and under_figures(words[lo], len(columns)) < text_cols[0]:
        lo += 1
    hi = len(words)
    while hi > lo + 1 and is_figure[hi - 1] and under_figures(words[hi - 1], -1) > text_cols[-1]:
        hi -= 1
    text_col = max(text_cols, key=lambda i: sum(_overlap(w.box.x, w.box.right, columns[i]) > 0
                                                for w in words[lo:hi]))
    out = [(_column_of(w, columns, ctx), [w]) for w in words[:lo]]
    out.append((text_col, words[lo:hi]))
    out += [(_column_of(w, columns, ctx), [w]) for w in words[hi:]]
    return out


def _overlap(x0: float, x1: float, c: Column) -> float:
    return min(x1, c.x1) - max(x0, c.x0)


def _column_of(word: Word, columns: list[Column], ctx: ReadContext) -> int:
    """Under a header → that column; a number → the nearest column whose header ends right of it
    (numbers align right); text → the last column starting left of it (text aligns left)."""
    best = max(range(len(columns)), key=lambda i: _overlap(word.box.x, word.box.right, columns[i]))
    if _overlap(word.box.x, word.box.right, columns[best]) > 0:
        return best
    if ctx.number(word.text) is not None:
        right = [i for i, c in enumerate(columns) if c.x1 >= word.box.right - 1]
        if right:
            return min(right, key=lambda i: columns[i].x1 - word.box.right)
    left = [i for i, c in enumerate(columns) if c.x0 <= word.box.x + 1]
    return left[-1] if left else 0


# A row closes a table by its sum only over this many records or more: two items and a third that is their sum
# are common ("10.00 | 20.00 | 30.00"), three and a fourth by chance are not.
SUMMED_RECORDS = 3


def _sums_above(cells: dict[int, list[Word]], records: list[TableRecord], numeric: set[int], ctx: ReadContext,
                read: dict[tuple[int, int, int], float | None]) -> bool:
    """The row's amount with cents, in a figures column, is the sum of that column over the SUMMED_RECORDS records
    or more above it, to the cent: whatever its label says ("Less Total", "Gesamt"), it closes the table. `read`
    keeps each record's cell read as a figure (by record, column and number of words) for the rows after it."""
    if len(records) < SUMMED_RECORDS:
        return False
    for ci in numeric:
        text = " ".join(w.text for w in cells.get(ci, []))
        if not re.search(r"\d[.,]\d\d$", text) or (value := ctx.number(text)) is None or value <= 0:
            continue
        above = []
        for r in records:
            ws = r.cells.get(ci, [])
            key = (id(r), ci, len(ws))
            if key not in read:
                read[key] = ctx.number(" ".join(w.text for w in ws))
            above.append(read[key])
        if all(v is not None for v in above) and abs(sum(above) - value) < 0.005:
            return True
    return False


def _markup_table(header: Row, layout: PageLayout) -> int | None:
    """The one table the document itself marks up (HTML, Word, a sheet: not the tables a PDF's rulings suggest,
    which may cut one table in two) that holds every word of the header, if any."""
    if layout.page.text_source != TextSource.NATIVE or not all(id(w) in layout.cell_of for w in header.words):
        return None
    own = {layout.cell_of[id(w)][0] for w in header.words}
    return own.pop() if len(own) == 1 else None


def _in_another_table(row: Row, table: int, layout: PageLayout) -> bool:
    """Every word of the row is in a cell of a table other than `table`."""
    return all(id(w) in layout.cell_of and layout.cell_of[id(w)][0] != table for w in row.words)


def _read_rows(layout: PageLayout, start: int, columns: list[Column], children: list[Field],
               ctx: ReadContext, group: list[Word] | None = None,
               headings: bool = False) -> tuple[list[TableRecord], int]:
    """The records under a header, up to the row that ends the table. `headings`: a row of text alone
    that does not continue the record above (set further left than its text, or ending in a colon) is a
    heading inside the table ("Operating expenses:") when a record follows it, else the table's end."""
    numeric = {i for i, c in enumerate(columns) if c.field is not None and c.field.type in ("number", "integer")}
    records: list[TableRecord] = []
    last_bottom = layout.rows[start - 1].box.bottom
    pitch = 2.2 * layout.em
    i = start
    extends = False  # the row above was a record's own row: a text-only row under it continues it
    awaits = False
    each = False
    dated = any(c.is_date for c in children)
    group = list(group or [])
    glued: dict[tuple[int, int], bool] = {}  # see _glued
    figures: dict[tuple[int, int, int], float | None] = {}  # see _sums_above
    table = _markup_table(layout.rows[start - 1], layout)  # the header's own marked-up table, if any
    while i < len(layout.rows):
        row = layout.rows[i]
        gap = row.box.y - last_bottom
        if gap > max(2.2 * pitch, 3.0 * layout.em):
            break
        if table is not None and _in_another_table(row, table, layout):
            break  # a page's totals table under its items' table ("Pay This Amount | 3,833.96"): that table's row
        cells = _assign_cells(row, columns, ctx, layout, glued)
        if not cells:  # a side column's line between two rows
            i += 1
            continue
        kind = _row_kind(cells, columns, numeric, ctx)
        text = clean_label(row.text)
        wraps = extends
        extends = False
        named, awaits = awaits, False  # the row above was an item's name whose quantity line follows
        priced, each = each, False  # the row above was the unit price line of the record above it
        weighed = _quantity_line(row, cells, columns)
        if dated and _day_heading(row, ctx):
            group = row.words  # a day's heading: the date of the rows under it
        elif kind == "record" and records and _label_and_figure(row, ctx):
            break  # "Net Amount: 2,987.78": a label and its value, the summary under the items
        elif kind == "record" and records and _words_over_figures(cells, records, ctx):
            break  # "Withholdings | Total" under the earnings: the next table's header
        elif (kind == "record" and _sums_above(cells, records, numeric, ctx, figures)
              and not (dated and any(ctx.date(w.text) is not None for w in row.words))):
            break  # "Less Total | 1,717.24", the sum of the amounts above it: the table's total, no item (a
            # dated row is a transaction, whatever it comes to)
        elif kind == "record" and named and weighed and weighed[2]:
            qty, price, amount = weighed  # "1.181 kg @ 2.76/kg  3.26" under "Tomatoes loose"
            records[-1].qty, records[-1].each = qty, price
            for ci, ws in cells.items():
                if any(w in amount for w in ws):
                    records[-1].cells[ci] = [w for w in ws if w in amount]
            extends = True
        elif kind == "record":
            if not NON_ENTITY.search(text):
                records.append(TableRecord(cells, layout.number, group))
                extends = True
        elif kind == "continuation" and records and wraps and weighed and not weighed[2]:
            if not records[-1].qty:  # "6 x 3.44" under "Greek yoghurt  20.64": that item's quantity and price
                records[-1].qty, records[-1].each = weighed[0], weighed[1]
            each = True
        elif not re.search(r"[A-Za-z0-9]", row.text):
            if records:  # a rule drawn in characters under the items: the table's end, no record's text
                break
        elif headings and kind == "continuation" and _heading(row, records, columns):
            nxt = layout.rows[i + 1] if i + 1 < len(layout.rows) else None
            if nxt is None or _row_kind(_assign_cells(nxt, columns, ctx, layout, glued), columns, numeric,
                                        ctx) != "record":
                break  # extends stays False: the rows under a heading are records of their own
        elif (kind == "continuation" and records and wraps and gap < 1.2 * layout.em
              and (m := EACH.match(row.text))):
            records[-1].each = [w for w in row.words if m["p"] in w.text][-1:]
            each = True
        elif (kind == "continuation" and records and wraps and gap < 1.2 * layout.em
              and not NON_ENTITY.search(text) and not _smaller_type(row, records[-1], layout)):
            extends = True
            if _names_next(layout, i, columns, ctx, glued):
                records.append(TableRecord(cells, layout.number, group))
                awaits = True
            else:
                for ci, ws in cells.items():
                    records[-1].cells.setdefault(ci, []).extend(ws)
        elif (kind == "continuation" and records and priced and gap < 1.2 * layout.em
              and not NON_ENTITY.search(text) and _names_next(layout, i, columns, ctx, glued)):
            records.append(TableRecord(cells, layout.number, group))  # "Tomatoes loose" under "@ 1,55 ea": the
            extends = awaits = True  # next item's name, its weighed quantity line under it
        elif kind == "continuation" and NON_ENTITY.search(text):
            pass
        elif (kind == "other" and not NON_ENTITY.search(text)
              and _damaged_record(layout, i, cells, columns, numeric, ctx, glued)):
            records.append(TableRecord(cells, layout.number, group))
            extends = True
        elif kind == "other" and records and (grid_row := _ruled_row(row, records[-1], layout)) is not None:
            if grid_row:  # a row of the ruled grid the records are in, its figure damaged ("gaa!" for "11"):
                records.append(TableRecord(cells, layout.number, group))  # the rules say it is a row
            else:
                for ci, ws in cells.items():
                    records[-1].cells.setdefault(ci, []).extend(ws)
            extends = True
        else:
            break
        last_bottom = row.box.bottom
        i += 1
    return records, i


def _smaller_type(row: Row, record: TableRecord, layout: PageLayout) -> bool:
    """A line of a text layer set in a smaller type than the record above it: a note under the table ("Source:
    national accounts"), no wrapped line of the record's cells (an OCR'd word's height is its ink's, so scans
    are not judged)."""
    if layout.page.text_source == "ocr":
        return False
    above = [w.box.h for ws in record.cells.values() for w in ws]
    return bool(above) and statistics.median(w.box.h for w in row.words) < SMALLER_TYPE * statistics.median(above)


def _ruled_row(row: Row, record: TableRecord, layout: PageLayout) -> bool | None:
    """Whether the row lies in the ruled grid of the record's cells: True in a row of its own, False in the
    record's (a wrapped line); None outside the grid."""
    mine = {layout.cell_of[id(w)][:2] for ws in record.cells.values() for w in ws if id(w) in layout.cell_of}
    tables = {t for t, _ in mine}
    found = [seg.cell[:2] for seg in row.segments if seg.ruled and seg.cell is not None and seg.cell[0] in tables]
    if not found or not any(layout.page.tables[t].ruled for t in tables):
        return None
    return not any(cell in mine for cell in found)


def _words_over_figures(cells: dict[int, list[Word]], records: list[TableRecord], ctx: ReadContext) -> bool:
    """A row of words without a digit that prints a word in a column where every record so far has a figure:
    the header of the table after this one, not a record of it."""
    if any(ch.isdigit() for ws in cells.values() for w in ws for ch in w.text):
        return False
    return any(ws and all(ctx.number(" ".join(w.text for w in r.cells.get(ci, []))) is not None for r in records)
               for ci, ws in cells.items())


def _label_and_figure(row: Row, ctx: ReadContext) -> bool:
    """The row is a label ending in a colon and one figure ("Year-to-Date Gross: 9,036.35", or in one phrase:
    "Items Total: 10 884.15")."""
    if len(row.segments) == 2:
        return (row.segments[0].text.rstrip().endswith(":")
                and ctx.lenient_number(row.segments[1].words[-1].text) is not None)
    words = row.words
    colon = next((i for i, w in enumerate(words) if w.text.endswith(":")), None)
    return (len(row.segments) == 1 and colon is not None and 0 < len(words) - colon - 1 <= 3
            and ctx.number(" ".join(w.text for w in words[colon + 1:])) is not None)


def _quantity_line(row: Row, cells: dict[int, list[Word]],
                   columns: list[Column]) -> tuple[list[Word], list[Word], list[Word]] | None:
    """A row that is an item's quantity line: (quantity words, unit price words, amount words, if any).
    The amount is the words of the row's last cell when they are a figure apart from the line, in a column
    of a field or of no header the schema knows ("EUR")."""
    last = max(cells, default=None)
    words = row.words
    amount: list[Word] = []
    if last is not None and len(cells) > 1 and (columns[last].field is not None or FIGURE.fullmatch(
            " ".join(w.text for w in cells[last]))):
        amount = cells[last]
        words = [w for w in words if w not in amount]
    found = quantities.quantity_and_price(words)
    return (*found, amount) if found else None


def _names_next(layout: PageLayout, i: int, columns: list[Column], ctx: ReadContext,
                glued: dict[tuple[int, int], bool]) -> bool:
    """Row i, text alone, is an item's name: the row under it is its quantity line with the amount."""
    if i + 1 >= len(layout.rows):
        return False
    nxt = layout.rows[i + 1]
    weighed = _quantity_line(nxt, _assign_cells(nxt, columns, ctx, layout, glued), columns)
    return weighed is not None and bool(weighed[2])


def _heading(row: Row, records: list[TableRecord], columns: list[Column]) -> bool:
    """A row of text that heads the records under it rather than continuing the one above: it ends in a
    colon, or starts left of where the record above starts its text."""
    if row.text.rstrip().endswith(":"):
        return True
    if not records:
        return True
    first = min((w.box.x for ci, ws in records[-1].cells.items() if columns[ci].field is None
                 or columns[ci].field.type == "string" for w in ws), default=None)
    return first is not None and row.words[0].box.x < first - 1.0


def _damaged_record(layout: PageLayout, i: int, cells: dict[int, list[Word]], columns: list[Column],
                    numeric: set[int], ctx: ReadContext, glued: dict[tuple[int, int], bool]) -> bool:
    """Row `i`, no total or balance line, has an unreadable number cell (OCR damage) but is a record, not the
    table's end: it fills at least half the columns, and the next row is a clean record."""
    if i + 1 >= len(layout.rows) or len(cells) < max(2, len(columns) // 2):
        return False
    if not any(ch.isdigit() for ws in cells.values() for w in ws for ch in w.text):
        return False  # no figure at all, damaged or not: the next table's header ("Deductions  This Period")
    nxt = layout.rows[i + 1]
    if NON_ENTITY.search(clean_label(nxt.text)):
        return False
    return _row_kind(_assign_cells(nxt, columns, ctx, layout, glued), columns, numeric, ctx) == "record"


def _row_kind(cells: dict[int, list[Word]], columns: list[Column], numeric: set[int], ctx: ReadContext) -> str:
    has_number = False
    for ci, ws in cells.items():
        if ci in numeric:
            text = " ".join(w.text for w in ws)
            if ctx.lenient_number(text) is None and not _all_numbers(ws, ctx) and not NO_VALUE.fullmatch(text):
                return "other"
            has_number = True
    if has_number:
        return "record"
    if numeric:  # a figure under a header the schema does not name, beside a named cell or one in the
        # table's first column, makes a record (a label set under the figures is the totals block's)
        unnamed = [ws for ci, ws in cells.items() if columns[ci].field is None]
        beside = len(unnamed) < len(cells) or (0 in cells and len(cells) >= 2)
        return "record" if beside and any(ctx.number(" ".join(w.text for w in ws)) is not None
                                          for ws in unnamed) else "continuation"
    return "record" if len(cells) >= 2 else "continuation"


def _all_numbers(words: list[Word], ctx: ReadContext) -> bool:
    """Every word a figure, or a figure and the unit it counts in ("75 LEN", "12 kg": columns.counted)."""
    return all(ctx.number(w.text) is not None for w in roles.counted(words, ctx))


def records_to_items(table: FoundTable, item: Field, ctx: ReadContext) -> list[dict[str, Candidate | None]]:
    """Each record read as {field name: Candidate | None}."""
    out = []
    for rec in table.records:
        row: dict[str, Candidate | None] = {}
        for child in item.children():
            row[child.name] = _cell_value(rec, table.columns, child, ctx, table.score)
            if row[child.name] is None and child.is_date and rec.group:
                row[child.name] = _side_value(rec.group, rec.page, child, ctx, table.score)
        found = roles.item_roles(item)
        for role, words in (("price", rec.each), ("qty", rec.qty)):
            f = found[role]
            if f is not None and words and row.get(f.name) is None:
                row[f.name] = _side_value(words, rec.page, f, ctx, table.score)
        _unit_after_quantity(row, [c for c in item.children() if c.type in ("number", "integer")], found["unit"],
                             ctx)
        out.append(row)
    balances.sign_by_balance(out, list(item.children()))
    return out


def _unit_after_quantity(row: dict[str, Candidate | None], numbers: list[Field], unit: Field | None,
                         ctx: ReadContext) -> None:
    """The unit of measure printed after a quantity in its cell ("75 LEN": columns.counted) fills the item's unit
    field where no column of its own did; the quantity is the figure alone."""
    if unit is None or row.get(unit.name) is not None:
        return
    for f in numbers:
        q = row.get(f.name)
        split = roles.figure_and_unit(q.words, ctx) if q is not None else None
        if split is not None:
            figure, unit_words = split
            row[unit.name] = replace(q, value=unit_words[0].text.rstrip("."), words=unit_words)
            row[f.name] = replace(q, words=figure)
            return


def _side_value(words: list[Word], page: int, f: Field, ctx: ReadContext, header_score: float) -> Candidate | None:
    """A record's value printed outside its row (its day's heading, its "@ price" line)."""
    got = read_scalar(" ".join(w.text for w in words), f, ctx)
    if got is None and f.type in ("number", "integer") and (value := quantities.number(words, ctx)) is not None:
        got = (int(value) if f.type == "integer" and value == int(value) else value, 1.0)  # "1,59/kg", "0.75 kg"
    if got is None:
        return None
    value, fit = got
    return Candidate(value, page, words, header_score * CONTENT_ROLE * (TYPE_FIT_FLOOR + TYPE_FIT_SHARE * fit),
                     "table", label_sim=header_score * CONTENT_ROLE, fit=fit)


def _cell_value(rec: TableRecord, columns: list[Column], f: Field, ctx: ReadContext,
                header_score: float) -> Candidate | None:
    cols = [i for i, c in enumerate(columns) if c.field is not None and c.field.name == f.name]
    for ci in cols:
        words = rec.cells.get(ci)
        if not words:
            continue
        got = read_scalar(" ".join(w.text for w in words), f, ctx)
        if got is None and f.type in ("number", "integer") and len(words) > 1:
            got = read_scalar(words[-1].text, f, ctx)
            words = words[-1:]
        if got is None:
            continue
        value, fit = got
        if columns[ci].sign and isinstance(value, (int, float)):
            value = -abs(value) if columns[ci].sign < 0 else abs(value)
        label = header_score * (CONTENT_ROLE if columns[ci].from_cells else 1.0)
        return Candidate(value, rec.page, words, label * (TYPE_FIT_FLOOR + TYPE_FIT_SHARE * fit), "table",
                         label_sim=label, fit=fit, guessed=columns[ci].guessed)
    return None
