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

import re
import statistics
from dataclasses import dataclass, field

from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.labels import clean_label, label_score
from assay.engines.layout.candidates import TYPE_FIT_FLOOR, TYPE_FIT_SHARE, Candidate
from assay.engines.layout.geometry import PageLayout, Row

_DEBIT = re.compile(r"\b(withdrawals?|debits?|paid out|money out|out|dr|charges?|payments?)\b")
_CREDIT = re.compile(r"\b(deposits?|credits?|paid in|money in|in|cr|receipts?)\b")

# A header cell names a column's field when it matches the field's labels this well; lower, and a row
# of words above figures is read as a table that is not one.
HEADER_LABEL = 0.8
# A row is a table's header when at least two fields match it and at least this share of its phrases
# name a field. Lower, and a line of text that mentions two field names starts a table.
HEADER_SHARE = 0.5

NON_ENTITY = re.compile(
    r"\b(brought|carried) (forward|fwd)\b|\b(opening|closing|beginning|ending|starting|previous|new) balance\b"
    r"|\bbalance (b/?f|c/?f|forward|brought|carried)\b|^(sub ?total|total|totals)\b")


@dataclass(slots=True)
class Column:
    x0: float
    x1: float
    field: Field | None
    sign: int = 0  # -1 debit column, +1 credit column of a signed amount
    header: str = ""


@dataclass(slots=True)
class TableRecord:
    cells: dict[int, list[Word]] = field(default_factory=dict)  # column index → words
    page: int = 0


@dataclass(slots=True)
class FoundTable:
    columns: list[Column]
    records: list[TableRecord]
    score: float


def find_tables(item: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[FoundTable]:
    """All table parts on all pages whose header matches `item`'s fields."""
    children = [c for c in item.children() if c.type not in ("object", "array")]
    if len(children) < 2:
        return []
    found: list[FoundTable] = []
    for layout in layouts:
        i = 0
        while i < len(layout.rows):
            header = _match_header(layout.rows[i], children)
            if header is None:
                i += 1
                continue
            columns, score = header
            records, end = _read_rows(layout, i + 1, columns, children, ctx)
            if records:
                found.append(FoundTable(columns, records, score))
            i = max(end, i + 1)
    return found


def _match_header(row: Row, children: list[Field]) -> tuple[list[Column], float] | None:
    phrases = _header_phrases(row, children)
    if len(phrases) < 2:
        return None
    scored: list[tuple[float, int, Field]] = []
    for pi, (words, _text) in enumerate(phrases):
        for f in children:
            s = label_score(" ".join(w.text for w in words), f.labels)
            if s >= HEADER_LABEL:
                scored.append((s, pi, f))
    assigned = _assign_headers(scored, len(phrases))
    used: dict[str, int] = {}
    for f, _s in assigned.values():
        used[f.name] = used.get(f.name, 0) + 1
    if len({f.name for f, _ in assigned.values()}) < 2 or len(assigned) < HEADER_SHARE * len(phrases):
        return None
    columns = []
    for pi, (words, text) in enumerate(phrases):
        f = assigned.get(pi, (None, 0))[0]
        sign = 0
        if f is not None and used.get(f.name, 0) == 2:
            sign = -1 if _DEBIT.search(text) else (1 if _CREDIT.search(text) else 0)
        columns.append(Column(words[0].box.x, words[-1].box.right, f, sign, text))
    score = statistics.mean(s for _, s in assigned.values())
    return columns, score


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


def _header_phrases(row: Row, children: list[Field]) -> list[tuple[list[Word], str]]:
    """The row's phrases, splitting a phrase that is two labels set close ("Qty UoM")."""
    out: list[tuple[list[Word], str]] = []

    def is_label(ws: list[Word]) -> bool:
        text = " ".join(w.text for w in ws)
        return any(label_score(text, f.labels) >= HEADER_LABEL for f in children)

    for seg in row.segments:
        words, i = seg.words, 0
        while i < len(words):
            j = next((j for j in range(len(words), i, -1) if is_label(words[i:j])), None)
            if j is None and i == 0 and not any(is_label([w]) for w in words):
                j = len(words)  # a header the schema does not ask for: still a column
            j = j or i + 1
            out.append((words[i:j], clean_label(" ".join(w.text for w in words[i:j]))))
            i = j
    return out


def _assign_cells(row: Row, columns: list[Column], ctx: ReadContext) -> dict[int, list[Word]]:
    """Words of a row by column. A phrase lying under one header goes there whole (a long
    description overflowing its header); a phrase spanning headers is split word by word."""
    cells: dict[int, list[Word]] = {}
    for seg in row.segments:
        hits = [i for i, c in enumerate(columns) if _overlap(seg.box.x, seg.box.right, c) > 0]
        if len(hits) <= 1:
            target = hits[0] if hits else _column_of(seg.words[0], columns, ctx)
            cells.setdefault(target, []).extend(seg.words)
            continue
        for w in seg.words:
            cells.setdefault(_column_of(w, columns, ctx), []).append(w)
    return cells


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


def _read_rows(layout: PageLayout, start: int, columns: list[Column], children: list[Field],
               ctx: ReadContext) -> tuple[list[TableRecord], int]:
    numeric = {i for i, c in enumerate(columns) if c.field is not None and c.field.type in ("number", "integer")}
    records: list[TableRecord] = []
    last_bottom = layout.rows[start - 1].box.bottom
    pitch = 2.2 * layout.em
    i = start
    extends = False  # the row above was a record's own row: a text-only row under it continues it
    while i < len(layout.rows):
        row = layout.rows[i]
        gap = row.box.y - last_bottom
        if gap > max(2.2 * pitch, 3.0 * layout.em):
            break
        cells = _assign_cells(row, columns, ctx)
        kind = _row_kind(cells, columns, numeric, ctx)
        text = clean_label(row.text)
        wraps = extends
        extends = False
        if kind == "record":
            if not NON_ENTITY.search(text):
                records.append(TableRecord(cells, layout.number))
                extends = True
        elif (kind == "continuation" and records and wraps and gap < 1.2 * layout.em
              and not NON_ENTITY.search(text)):
            extends = True
            for ci, ws in cells.items():
                records[-1].cells.setdefault(ci, []).extend(ws)
        elif kind == "continuation" and NON_ENTITY.search(text):
            pass
        elif (kind == "other" and not NON_ENTITY.search(text)
              and _damaged_record(layout, i, cells, columns, numeric, ctx)):
            records.append(TableRecord(cells, layout.number))
            extends = True
        else:
            break
        last_bottom = row.box.bottom
        i += 1
    return records, i


def _damaged_record(layout: PageLayout, i: int, cells: dict[int, list[Word]], columns: list[Column],
                    numeric: set[int], ctx: ReadContext) -> bool:
    """Row `i`, no total or balance line, has an unreadable number cell (OCR damage) but is a record, not the
    table's end: it fills at least half the columns, and the next row is a clean record."""
    if i + 1 >= len(layout.rows) or len(cells) < max(2, len(columns) // 2):
        return False
    nxt = layout.rows[i + 1]
    if NON_ENTITY.search(clean_label(nxt.text)):
        return False
    return _row_kind(_assign_cells(nxt, columns, ctx), columns, numeric, ctx) == "record"


def _row_kind(cells: dict[int, list[Word]], columns: list[Column], numeric: set[int], ctx: ReadContext) -> str:
    has_number = False
    for ci, ws in cells.items():
        if ci in numeric:
            text = " ".join(w.text for w in ws)
            if ctx.lenient_number(text) is None and not _all_numbers(ws, ctx):
                return "other"
            has_number = True
    if has_number:
        return "record"
    if numeric:
        return "continuation"
    return "record" if len(cells) >= 2 else "continuation"


def _all_numbers(words: list[Word], ctx: ReadContext) -> bool:
    return all(ctx.number(w.text) is not None for w in words)


def records_to_items(table: FoundTable, item: Field, ctx: ReadContext) -> list[dict[str, Candidate | None]]:
    """Each record read as {field name: Candidate | None}."""
    out = []
    for rec in table.records:
        row: dict[str, Candidate | None] = {}
        for child in item.children():
            row[child.name] = _cell_value(rec, table.columns, child, ctx, table.score)
        out.append(row)
    return out


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
        return Candidate(value, rec.page, words, header_score * (TYPE_FIT_FLOOR + TYPE_FIT_SHARE * fit), "table",
                         label_sim=header_score, fit=fit)
    return None
