"""Layout memory for tables: the columns an array of objects was printed in (`pipeline.recall`).

`learn_table` finds each accepted row on the reviewed page (by its most distinctive value: the longest
text, else the largest number) and each of its cells on that row's lines; the place it keeps is the
column each field sat in (its left and right edges), the *key* column (a field printed on one line
in every row, a number if one is: each of its values starts a row), the fixed words above the first
row (the column headers: the anchor) and below the last (the end: "Subtotal"), and how far apart rows
were. `read_table` reads a new document of the layout: the rows between the anchor (found again,
wherever rows above it pushed it) and the end, one per line that has a word in the key column, the
lines between them joined to the row above (a wrapped description); each word goes to the column
whose band holds its centre. The rows are kept only if every key cell reads as its type, nine cells
in ten do, and every row keeps the products the reviewed rows obeyed (quantity × unit price = amount).
"""

from __future__ import annotations

import itertools
import statistics
from typing import Any

from assay.domain import values as V
from assay.domain.document import Box, Document, Page, Word
from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.schema import node_type
from assay.pipeline import fingerprint as F
from assay.pipeline import places as P
from assay.pipeline.places import Recalled, rate

_MAX_CELL_WORDS = 12
_MARGIN = 12.0  # points beyond the outer columns that still belong to them (a row number left of them does not)


def learn_table(document: Document, path: str, item: dict, rows: list[dict], grounder: Any,
                value_words: set[int], ctx: ReadContext, example_id: str,
                summed: set[str] | None = None) -> tuple[dict, list[Word]] | None:
    """The table place of an array's accepted rows, and the words of its cells (values, not fixed words).
    `summed`: the fields whose column a total of the document adds up (printed on every row: the key)."""
    subs = {k: n for k, n in item.get("properties", {}).items() if node_type(n)[0] not in ("object", "array")}
    found: list[dict[str, list[Word]]] = []
    located: list[dict] = []  # the rows found, as `found`
    others: list[Word] = []  # words on the rows' lines that are in no cell (a row number)
    page: Page | None = None
    for row in rows:
        got = _locate_row(row, subs, grounder, path, ctx)
        if got is not None and (page is None or got[0] is page):
            page = got[0]
            found.append(got[1])
            located.append(row)
            others += got[2]
    if page is None or not found:
        return None
    sub_lines = _sub_lines(found)
    columns = _columns(found, subs, sub_lines)
    if not columns:
        return None
    left, right = min(c[0] for c in columns.values()), max(c[1] for c in columns.values())
    stops = [max((w.box.right for w in others if w.box.right <= left), default=None),
             min((w.box.x for w in others if w.box.x >= right), default=None)]
    key = _key_column(found, {k: n for k, n in subs.items() if k not in sub_lines}, summed or set())
    if key is None:
        return None
    first = Box.union(w.box for cells in found[:1] for ws in cells.values() for w in ws)
    last = Box.union(w.box for cells in found[-1:] for ws in cells.values() for w in ws)
    fixed_phrases = P.phrases([w for w in page.words if id(w) not in value_words and F.fixed_text(w)])
    above = [(t, b) for t, b in fixed_phrases if b.bottom <= first.y + 1 and b.x < right and left < b.right]
    above.sort(key=lambda p: first.y - p[1].bottom)
    below = sorted(((t, b) for t, b in fixed_phrases if b.y >= last.bottom - 1), key=lambda p: p[1].y)
    if not above:
        return None
    keys = [ws[0].box.cy for cells in found for k, ws in cells.items() if k == key]
    pitch = statistics.median([b - a for a, b in itertools.pairwise(keys)]) if len(keys) > 1 \
        else 1.6 * first.h
    index = document.pages.index(page)
    cell_words = [w for cells in found for ws in cells.values() for w in ws]
    return {"kind": "table", "page": index if index < len(document.pages) - 1 or index == 0 else -1,
            "anchors": [{"text": t, "box": P.box_list(b)} for t, b in above[:3]], "top": round(first.y, 2),
            "box": P.box_list(Box.from_edges(left, first.y, right, last.bottom)), "lines": len(found),
            "columns": columns, "heads": _heads(columns, above), "stops": stops, "key": key,
            "sub_line": sorted(k for k in sub_lines if k in columns), "implied": _implied(located, found, subs),
            "row_words": sorted({t for w in others if (t := F.fixed_text(w))}), "pitch": round(pitch, 2),
            "cell_words": sorted({t for w in cell_words if (t := F.fixed_text(w))}), "cuts": _cuts(found, others),
            "end": {"text": below[0][0], "box": P.box_list(below[0][1])} if below else None,
            "products": _products(rows, subs), "right": 1, "seen": 1, "example_id": example_id}, cell_words


def _sub_lines(found: list[dict[str, list[Word]]]) -> set[str]:
    """Fields printed on a line of their own under the row's first line ('6 @ 4,58' under a receipt's item),
    in most of the rows that print them. A cell found on another row's first line is dropped first."""
    firsts = [min(ws[0].box.cy for ws in cells.values()) for cells in found]
    h = statistics.median(ws[0].box.h for cells in found for ws in cells.values())
    below: dict[str, list[bool]] = {}
    for cells, first in zip(found, firsts, strict=True):
        for k, ws in list(cells.items()):
            under = ws[0].box.cy > first + 0.6 * h
            if under and any(abs(ws[0].box.cy - other) < 0.6 * h for other in firsts):
                del cells[k]  # the next row's line, not this row's own
                continue
            below.setdefault(k, []).append(under)
    return {k for k, unders in below.items() if 2 * sum(unders) > len(unders)}


def _implied(rows: list[dict], found: list[dict[str, list[Word]]], subs: dict[str, dict]) -> dict[str, Any]:
    """A field's value in the rows that do not print it, where it is the same in all of them (a quantity of 1)."""
    out = {}
    for k in subs:
        unprinted = [r.get(k) for r, cells in zip(rows, found, strict=True) if k not in cells]
        if unprinted and all(v is not None and P.same(v, unprinted[0]) for v in unprinted):
            out[k] = unprinted[0]
    return out


def _columns(found: list[dict[str, list[Word]]], subs: dict[str, dict],
             sub_lines: set[str]) -> dict[str, list[float]]:
    """Each field's column: the left and right edges of its cells, leaving out cells far from the others'
    middle (a value that happened to be found elsewhere on its row)."""
    out = {}
    for k in subs:
        cells = [Box.union(w.box for w in r[k]) for r in found if k in r]
        if not cells:
            continue
        middle = statistics.median(b.cx for b in cells)
        width = statistics.median(b.w for b in cells)
        kept = [b for b in cells if abs(b.cx - middle) <= max(30.0, width)] or cells
        out[k] = [min(b.x for b in kept), max(b.right for b in kept)]
    for k in [k for k, (x0, x1) in out.items() if any(j != k and x0 < y1 and y0 < x1 for j, (y0, y1) in out.items()
                                                    if (y1 - y0) < (x1 - x0) and (j in sub_lines) == (k in sub_lines))]:
        del out[k]  # overlaps a narrower column: it was not found in one place
    return out


def _heads(columns: dict[str, list[float]], above: list[tuple[str, Box]]) -> dict[str, dict]:
    """Each column's header: the nearest fixed phrase above the rows over it (the rows' words are placed by
    it: a column printed wider or further right on another document moves its header as much)."""
    out = {}
    for k, (x0, x1) in columns.items():
        over = [(t, b) for t, b in above if b.x < x1 and x0 < b.right]  # `above` is nearest first
        if over:
            out[k] = {"text": over[0][0], "box": P.box_list(over[0][1])}
    return out


def _column_shifts(page: Page, place: dict, shift: tuple[float, float]) -> dict[str, float]:
    """How far each column moved across: its header found again on the header line, else the table's anchor."""
    found = P.phrases([w for w in page.words if F.fixed_text(w)])
    out = {}
    for k in place["columns"]:
        head = place.get("heads", {}).get(k)
        out[k] = shift[0]
        if head is None:
            continue
        x, y, _, h = head["box"]
        near = [b.x - x for t, b in found if t == head["text"] and abs(b.y - y - shift[1]) <= 0.5 * h + 1
                and abs(b.x - x - shift[0]) <= 0.25 * page.width]  # on the header line: it may move further
        if near:
            out[k] = min(near, key=lambda d: abs(d - shift[0]))
    return out


def _locate_row(row: dict, subs: dict[str, dict], grounder: Any, path: str,
                ctx: ReadContext) -> tuple[Page, dict[str, list[Word]], list[Word]] | None:
    given = {k: v for k, v in row.items() if k in subs and v is not None and v != ""}
    if not given:
        return None
    leads = sorted(given, key=lambda k: (isinstance(given[k], str), len(str(given[k])), str(given[k])), reverse=True)
    for lead in leads:  # the most distinctive value printed on one line (a description may wrap)
        g = grounder.ground(given[lead], subs[lead])
        if g.page is not None and g.words and len(F.text_lines(g.words)) == 1:
            break
    else:
        return None
    h = g.words[0].box.h
    top, bottom = min(w.box.y for w in g.words) - 0.6 * h, max(w.box.bottom for w in g.words) + 0.6 * h
    band = [w for line in F.text_lines([w for w in g.page.words if top <= w.box.cy <= bottom]) for w in line]
    below = F.text_lines([w for w in g.page.words if bottom < w.box.cy <= bottom + 3.5 * h])
    cells = {lead: g.words}
    for k, v in given.items():
        if k == lead:
            continue
        words = _window(band, v, Field((path, k), subs[k]), ctx)
        if words is None and isinstance(v, str):
            words = _wrapped(band, below, v)
        if words is None and below:  # a line of its own under the row ('6 @ 4,58' under the item)
            words = _window(below[0], v, Field((path, k), subs[k]), ctx)
        if words is not None:
            cells[k] = words
    used = {id(w) for ws in cells.values() for w in ws}
    return g.page, cells, [w for w in band if id(w) not in used]


def _cuts(found: list[dict[str, list[Word]]], others: list[Word]) -> dict[str, str]:
    """Marks that ended a column's cells on the example ('(' of 'Consumption (50 m³ @ 1,4250)'): the first
    character of a word right after a cell, a word space away, in no cell, that is no letter or digit."""
    out: dict[str, str] = {}
    for cells in found:
        for k, ws in cells.items():
            last = ws[-1]
            after = [w for w in others if abs(w.box.cy - last.box.cy) < 0.5 * last.box.h
                     and 0 <= w.box.x - last.box.right < P.SPACE * last.box.h]
            if after and not after[0].text[0].isalnum():
                out[k] = after[0].text[0]
    return out


def _window(words: list[Word], value: Any, f: Field, ctx: ReadContext) -> list[Word] | None:
    for size in range(1, min(_MAX_CELL_WORDS, len(words)) + 1):
        for i in range(len(words) - size + 1):
            text = " ".join(w.text for w in words[i:i + size])
            got = read_scalar(text, f, ctx)
            if (got is not None and P.same(got[0], value)) or P.same(text, value):
                return words[i:i + size]
    return None


def _wrapped(line: list[Word], below: list[list[Word]], value: str) -> list[Word] | None:
    """A text value that starts on the row's line and wraps onto the lines under it, in its own column."""
    tokens = [V.fold(t).lower() for t in value.split()]
    for start, word in enumerate(line):
        if V.fold(word.text).lower() != tokens[0]:
            continue
        got = [w for w in line[start:start + len(tokens)]]
        got = got[:next((i for i, (w, t) in enumerate(zip(got, tokens, strict=False))
                         if V.fold(w.text).lower() != t), len(got))]
        for next_line in below:
            if len(got) >= len(tokens):
                break
            column = [w for w in next_line if w.box.x >= word.box.x - 2]
            for w in column:
                if len(got) < len(tokens) and V.fold(w.text).lower() == tokens[len(got)]:
                    got.append(w)
                else:
                    break
        if len(got) == len(tokens):
            return got
    return None


def _key_column(found: list[dict[str, list[Word]]], subs: dict[str, dict], summed: set[str]) -> str | None:
    """A field printed on one line in every located row: one a total adds up if there is one (a row without
    an amount is no row; one without hours may be), else a number if there is one."""
    keys = [k for k in subs if all(k in cells and len(F.text_lines(cells[k])) == 1 for cells in found)]
    keys.sort(key=lambda k: (k not in summed, node_type(subs[k])[0] not in ("number", "integer")))
    return keys[0] if keys else None


def _products(rows: list[dict], subs: dict[str, dict]) -> list[list[str]]:
    """(a, b, c) with a × b = c in every row that has all three (quantity × unit price = amount)."""
    nums = [k for k, n in subs.items() if node_type(n)[0] in ("number", "integer")]
    out = []
    for c in nums:
        for i, a in enumerate(nums):
            for b in nums[i + 1:]:
                if c in (a, b):
                    continue
                had = [r for r in rows if all(isinstance(r.get(k), (int, float)) for k in (a, b, c))]
                if had and all(abs(r[a] * r[b] - r[c]) <= 0.011 for r in had):
                    out.append([a, b, c])
    return out


def read_table(document: Document, place: dict, path: str, item: dict, fixed: set[str],
               ctx: ReadContext) -> tuple[list[dict], list[dict]] | None:
    """The rows at a table place, with a hint per cell, or None where the place does not read as it should."""
    if not document.pages or place["page"] >= len(document.pages):
        return None
    page = document.pages[place["page"]]
    shift = P.anchor_shift(page, place["anchors"])
    if shift is None:
        return None
    top = place["top"] + shift[1]
    bottom = _end(page, place, shift, top)
    moved, subs = _column_shifts(page, place, shift), set(place.get("sub_line", []))
    stops = place.get("stops") or [None, None]
    bands = _walled(_bands({k: c for k, c in place["columns"].items() if k not in subs}, stops, moved, shift[0]),
                    place, moved, _other_headers(page, place, shift))
    sub_bands = _bands({k: c for k, c in place["columns"].items() if k in subs}, [None, None], moved, shift[0])
    row_words = set(place.get("row_words", []))  # printed on every row ('EUR' before each amount)
    row_words |= set(place.get("cell_words", []))  # the reviewed rows' own words ('Tax' of 'State Tax')
    rows: list[list[list[Word]]] = []
    previous: list[Word] | None = None
    inside = [w for w in page.words if top - 2 <= w.box.cy and w.box.bottom <= bottom + 1
              and (_band(bands, w) or _band(sub_bands, w))]
    for line in F.text_lines(inside):  # the table's own words: not a sidebar beside it
        if not any(c.isalnum() for w in line for c in w.text):
            continue  # a rule of dashes between the rows and the totals
        if previous is not None and line[0].box.y - previous[0].box.bottom > 2.5 * place["pitch"]:
            break
        lettered = [w for w in line if F.fixed_text(w) and F.fixed_text(w) not in row_words]
        if lettered and 2 * sum(P.is_fixed(w, page, fixed) for w in lettered) > len(lettered):
            break  # a line of the layout's own words (a total's label) ends the rows
        if any(_band(bands, w) == place["key"] for w in line):
            rows.append([line])
        elif rows:
            rows[-1].append(line)
        previous = line
    return _cells(rows, bands, sub_bands, place, path, item, page, ctx)


def with_engine_cells(read: tuple[list[dict], list[dict]], place: dict, engine_rows: Any,
                      engine_hints: Any) -> tuple[list[dict], list[dict]]:
    """The rows read at a place, with the cells of fields it has no column for (a quantity of 1 a receipt
    implies; a column the example left empty) taken from the engine's row with the same key value."""
    rows, hints = read
    engine_rows = engine_rows if isinstance(engine_rows, list) else []
    engine_hints = engine_hints if isinstance(engine_hints, list) else []
    key, used = place["key"], set()
    outside = _outside_cells(hints, place.get("stops") or [None, None])
    for row, row_hints in zip(rows, hints, strict=True):
        j = next((j for j, e in enumerate(engine_rows) if j not in used and isinstance(e, dict)
                  and e.get(key) is not None and row.get(key) is not None and P.same(e[key], row[key])), None)
        if j is None:
            continue
        used.add(j)
        eh = engine_hints[j] if j < len(engine_hints) and isinstance(engine_hints[j], dict) else {}
        for k, v in engine_rows[j].items():
            if k not in place["columns"] and row.get(k) is None and v is not None and not outside(eh.get(k)):
                row[k] = v
                if k in eh:
                    row_hints[k] = eh[k]
    return rows, hints


def _outside_cells(hints: list[dict], stops: list[float | None]) -> Any:
    """Whether an engine cell was read beside the table's cells where the example's rows printed words that
    were no field's (a row number left of the rows: no quantity, however the engine takes it)."""
    boxes = [b for row in hints for h in row.values() for b in (getattr(h, "boxes", None) or [])]
    left = min((b.x for b in boxes), default=None)
    right = max((b.right for b in boxes), default=None)

    def outside(hint: Any) -> bool:
        got = getattr(hint, "boxes", None) or []
        return bool(got) and left is not None and right is not None and (
            (stops[0] is not None and all(b.right <= left for b in got))
            or (stops[1] is not None and all(b.x >= right for b in got)))

    return outside


def _other_headers(page: Page, place: dict, shift: tuple[float, float]) -> list[Box]:
    """The words of the header line (headers of columns the example left empty among them)."""
    heads = place.get("heads", {})
    if not heads:
        return []
    _, y, _, h = next(iter(heads.values()))["box"]
    return [w.box for w in page.words if F.fixed_text(w) and abs(w.box.y - y - shift[1]) <= 0.5 * h + 1]


def _walled(bands: list[tuple[float, float, str]], place: dict, moved: dict[str, float],
            walls: list[Box]) -> list[tuple[float, float, str]]:
    """Bands that stop at the header words beside their column (`walls`): a value under another column's header
    (one the example left empty) is not theirs."""
    out = []
    for lo, hi, k in bands:
        x0, x1 = (x + moved[k] for x in place["columns"][k])
        own = _own_header(walls, x0, x1)
        beside = [b for b in walls if all(b is not o for o in own)]
        lo = max([lo, *(b.right for b in beside if b.right <= x0)])
        hi = min([hi, *(b.x for b in beside if b.x >= x1)])
        out.append((lo, hi, k))
    return out


def _own_header(words: list[Box], x0: float, x1: float) -> list[Box]:
    """The header words over a column and those a word space from them ('Summary of charges' over its
    descriptions), not those a column gap away ('Rate' beside 'Current')."""
    ordered = sorted(words, key=lambda b: b.x)
    own = [i for i, b in enumerate(ordered) if b.x < x1 and x0 < b.right]
    if not own:
        return []
    lo, hi = min(own), max(own)
    while lo > 0 and ordered[lo].x - ordered[lo - 1].right < 0.6 * ordered[lo].h:
        lo -= 1
    while hi < len(ordered) - 1 and ordered[hi + 1].x - ordered[hi].right < 0.6 * ordered[hi].h:
        hi += 1
    return ordered[lo:hi + 1]


def _end(page: Page, place: dict, shift: tuple[float, float], top: float) -> float:
    end = place.get("end")
    if end is None:
        return page.height
    x = end["box"][0] + shift[0]
    ys = [b.y for t, b in P.phrases([w for w in page.words if F.fixed_text(w)])
          if t == end["text"] and b.y > top and abs(b.x - x) <= 0.1 * page.width]
    return min(ys) if ys else page.height


def _bands(columns: dict[str, list[float]], stops: list[float | None], moved: dict[str, float],
           dx: float) -> list[tuple[float, float, str]]:
    """Each column's band of x (moved as its header did): from the middle of the gap to its left neighbour to
    the middle of the next; the outer ones reach `_MARGIN` further, or half way to the nearest word outside
    them on the example's rows (moved as the table did)."""
    cols = sorted(((x0 + moved[k], x1 + moved[k], k) for k, (x0, x1) in columns.items()),
                  key=lambda c: (c[0] + c[1]) / 2)
    left, right = (s + dx if s is not None else None for s in stops)
    out = []
    for i, (x0, x1, k) in enumerate(cols):
        lo = (max(x0 - _MARGIN, (left + x0) / 2) if left is not None else x0 - _MARGIN) if i == 0 \
            else (cols[i - 1][1] + x0) / 2
        hi = (min(x1 + _MARGIN, (right + x1) / 2) if right is not None else x1 + _MARGIN) if i == len(cols) - 1 \
            else (x1 + cols[i + 1][0]) / 2
        out.append((min(lo, hi), max(lo, hi), k))
    return out


def _band(bands: list[tuple[float, float, str]], word: Word) -> str | None:
    return next((k for lo, hi, k in bands if lo <= word.box.cx < hi), None)


def _cells(rows: list[list[list[Word]]], bands: list[tuple[float, float, str]],
           sub_bands: list[tuple[float, float, str]], place: dict, path: str, item: dict, page: Page,
           ctx: ReadContext) -> tuple[list[dict], list[dict]] | None:
    subs = item.get("properties", {})
    values, hints, cells, bad = [], [], 0, 0
    implied = place.get("implied", {})
    for lines in rows:
        row: dict[str, Any] = dict.fromkeys(subs)
        row_hints: dict[str, Any] = {}
        own = lines[1] if sub_bands and len(lines) > 1 and any(_band(sub_bands, w) for w in lines[1]) else []
        for k in subs:
            if k in place.get("sub_line", []):
                words = _trim([w for w in own if _band(sub_bands, w) == k])
            else:
                words = _cut(_trim([w for line in lines if line is not own for w in line if _band(bands, w) == k]),
                             place.get("cuts", {}).get(k))
            if not words and k in implied and k in place["columns"]:
                row[k] = implied[k]
                row_hints[k] = Recalled(confidence=rate(place), page=page.number, inferred=True,
                                        features={"score": rate(place)}, example_id=place.get("example_id", ""))
            if not words or k not in place["columns"]:
                continue
            cells += 1
            got = read_scalar(" ".join(w.text for w in words), Field((path, k), subs[k]), ctx)
            if got is None:
                if k == place["key"]:
                    return None
                bad += 1
                continue
            row[k] = got[0]
            row_hints[k] = Recalled(confidence=rate(place), page=page.number, boxes=[w.box for w in words],
                                    text=" ".join(w.text for w in words), features={"score": rate(place)},
                                    layout_id="", example_id=place.get("example_id", ""))
        values.append(row)
        hints.append(row_hints)
    if not values or bad > 0.1 * max(cells, 1) or not _products_hold(values, place.get("products", [])):
        return None
    return values, hints


def _cut(words: list[Word], mark: str | None) -> list[Word]:
    """The cell's words before the first (after its first word) that starts with the example's end mark."""
    end = next((i for i, w in enumerate(words) if i and mark and w.text.startswith(mark)), len(words))
    return words[:end]


def _trim(words: list[Word]) -> list[Word]:
    """A cell's words without marks of no letter or digit at its ends ('@' between a quantity and its price)."""
    def mark(w: Word) -> bool:
        return not any(c.isalnum() for c in w.text)

    while words and mark(words[0]):
        words = words[1:]
    while words and mark(words[-1]):
        words = words[:-1]
    return words


def _products_hold(rows: list[dict], products: list[list[str]]) -> bool:
    for a, b, c in products:
        for r in rows:
            if all(isinstance(r.get(k), (int, float)) for k in (a, b, c)) and abs(r[a] * r[b] - r[c]) > 0.011:
                return False
    return True
