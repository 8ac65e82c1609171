"""Layout memory: read a field where a reviewed document of the same layout printed it.

`learn` takes a reviewed document (parsed) and the values a person accepted, finds where each value
is printed (the grounding step) and keeps, per field outside arrays, its *place*: the fixed words
nearest to it (up to three phrases of the layout's labels and headings, with their boxes), the
value's own box, how many lines it spanned and the words that delimit it; for an array of objects, the
columns its fields sat in (`recall_rows`). `apply` reads a new document of that layout: it
finds an anchor phrase again near where it was (a table with more rows moves what is under it
down, so the anchor may have moved), shifts the value's box by as much, and reads the words there
that are not the layout's fixed words, growing along the line over word spaces. What it reads must
parse as the field's type, and the sums the reviewed document's numbers obeyed (total = subtotal +
tax; a total that is the sum of a column) must still hold, or the place is ignored and the engine's
value stays.

A place keeps how often it was right (`right` of `seen`, counted each time another document of its
layout is reviewed); a value read there gets the confidence (right + 4) / (seen + 5): 0.83 after the
first example, rising as the place keeps being right, falling when it is not. `update` scores a
layout's places against a newly reviewed document and adds a place where none read the value.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from assay.domain.document import Box, Document, Page, Word, line_boxes
from assay.domain.fields import Field, ReadContext, read_context, read_scalar
from assay.domain.schema import node_type
from assay.pipeline import fingerprint as F
from assay.pipeline import places as P
from assay.pipeline import recall_rows as R
from assay.pipeline import recall_ticks as T
from assay.pipeline.ground import Grounder, Grounding
from assay.pipeline.places import Recalled, rate

ANCHORS = 3
EDGE = 0.15  # a value in the top or bottom 15% of a page may be found by its place on the page alone
NEAR = 200.0  # an anchor farther than this from its value (`places.distance`, about points) is not kept
_GROUNDED = ("exact", "normalized", "fuzzy")
_PUNCTUATION = " ,;:·|-–—/"


@dataclass(slots=True)
class Memory:
    """A remembered layout as the pipeline reads it: its id, its fixed words (`x:` tokens of the example's
    words that are no value, whatever line they are on), `places` (field path → places, best first) and
    `sums` (the arithmetic its example obeyed)."""

    layout_id: str
    fixed: list[str]
    places: dict[str, list[dict]]
    sums: list[dict] = field(default_factory=list)
    conventions: dict = field(default_factory=dict)  # {"day_first": bool}: how its dates are printed


# --- learning -----------------------------------------------------------------------------------


def learn(document: Document, schema: dict, accepted: dict, example_id: str) -> tuple[F.Fingerprint, Memory]:
    """The fingerprint of a reviewed document (its values left out) and the places of its accepted values."""
    grounder = Grounder(document)
    located = _located(document, grounder, leaves(schema, accepted, arrays=True))
    value_words = {id(w) for g in located.values() for w in g.words}
    ctx = read_context(document)
    places: dict[str, list[dict]] = {}
    sums = _sums(schema, accepted)
    for path, item in _tables(schema).items():
        rows = _get(accepted, path)
        if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
            summed = {rule["column"].split("[].")[1] for rule in sums
                      if rule.get("column", "").startswith(f"{path}[].")}
            table = R.learn_table(document, path, item, rows, grounder, value_words, ctx, example_id, summed)
            if table is not None:
                places[path] = [table[0]]
                value_words |= {id(w) for w in table[1]}  # a wrapped description grounding did not find
    fp = F.fingerprint(document, value_words)
    fixed = sorted({f"x:{text}:{int(w.box.x / (p.width or 1.0) * F.COLUMNS)}" for p in document.pages[:1]
                    for w in p.words if id(w) not in value_words and (text := F.fixed_text(w))})
    ticks = {}
    for path, (node, value) in leaves(schema, accepted, arrays=False).items():
        g = located.get(path)
        if g is not None and g.page is not None:
            place = _place(document, g.page, g.words, value_words, example_id)
            if place is not None:
                places[path] = [{**place, **_affixes(g.words, value)}]
        elif _is_text(node):
            places[path] = [_unprinted(value, example_id)]
        elif isinstance(value, bool):
            ticks[path] = (Field(tuple(path.split(".")), node), value)
    places |= _tick_places(document, ticks, value_words, example_id)
    return fp, Memory("", fixed, places, sums, _conventions(located, schema, accepted))


def _tick_places(document: Document, fields: dict[str, tuple[Field, bool]], value_words: set[int],
                 example_id: str) -> dict[str, list[dict]]:
    """The places of booleans answered by tick marks (`recall_ticks`), anchored on their question's words."""
    out: dict[str, list[dict]] = {}
    for page in document.pages:
        left = {p: f for p, f in fields.items() if p not in out}
        for path, row in T.learn_ticks(page, left).items():
            place = _place(document, page, row["words"], value_words, example_id)
            if place is None:
                continue
            # the question's own words anchor it first: they move with its row (a label above may not)
            own = [{"text": t, "box": P.box_list(b)}
                   for t, b in P.phrases([w for w in row["words"] if F.fixed_text(w)])]
            anchors = own[:2] + [a for a in place["anchors"] if a not in own]
            out[path] = [{**place, "anchors": anchors, "kind": "tick",
                          **{k: row[k] for k in ("options", "single") if k in row}}]
    return out


def _read_tick(document: Document, place: dict) -> tuple[bool, Page, list[Box]] | None:
    """What a tick place reads: the boolean, its page and the boxes of its mark and option."""
    if not document.pages or place["page"] >= len(document.pages):
        return None
    page = document.pages[place["page"]]
    shift = P.anchor_shift(page, place["anchors"])
    got = None if shift is None else T.read_tick(page, place, shift)
    return None if got is None else (got[0], page, got[1])


def _is_text(node: dict) -> bool:
    """A string field without a format (a name, an enum, terms): not a number, date or tick box."""
    return node_type(node)[0] == "string" and not node.get("format")


def _unprinted(value: Any, example_id: str) -> dict:
    """The place of a text value the example does not print as such ('cash' for 'Notes & coins', 'Net 30' for
    'Payment within 30 days of invoice'): the value itself, read again where the engine reads nothing and as
    long as every later example of the layout had it too (a sender's payment terms, its way of being paid)."""
    return {"kind": "unprinted", "value": value, "page": 0, "anchors": [], "box": [0.0, 0.0, 0.0, 0.0], "lines": 0,
            "right": 1, "seen": 1, "example_id": example_id}


def _affixes(words: list[Word], value: Any) -> dict:
    """The marks printed in the value's word around it ('XXXX' of 'XXXX0282' for the last four digits 0282),
    when the value is part of a word: reading strips them."""
    text, want = " ".join(w.text for w in words), str(value)
    at = text.lower().find(want.lower())
    if not isinstance(value, str) or at < 0 or text == want:
        return {}
    prefix, suffix = text[:at], text[at + len(want):]
    return {"prefix": prefix, "suffix": suffix} if _mask(prefix) and _mask(suffix) else {}


def _mask(text: str) -> bool:
    """Marks around a value inside a word: nothing, punctuation, or one character repeated ('XXXX', '****')."""
    return not any(c.isdigit() for c in text) and (len(set(text)) <= 1 or not any(c.isalnum() for c in text))


def update(memory: Memory, document: Document, schema: dict, accepted: dict, example_id: str) -> Memory:
    """`memory` after another reviewed document of its layout: each place scored on it, new places where none read."""
    ctx = read_context(document)
    fresh = None
    places = dict(memory.places)  # a field the new document leaves blank keeps its places
    tables = _tables(schema)
    wanted = {**leaves(schema, accepted, arrays=False),
              **{p: (item, rows) for p, item in tables.items() if isinstance(rows := _get(accepted, p), list)}}
    located = _located(document, Grounder(document), leaves(schema, accepted, arrays=False))
    for path, (node, value) in wanted.items():
        kept = []
        hit = False
        for place in memory.places.get(path, []):
            if place.get("kind") == "unprinted":
                right = P.same(place["value"], value)
            elif place.get("kind") == "tick":
                tick = _read_tick(document, place)
                right = tick is not None and tick[0] is value
            elif path in tables:
                rows = R.read_table(document, place, path, node, set(memory.fixed), ctx)
                right = rows is not None and _same_rows(rows[0], value)
            else:
                got = _read(document, place, node, path, set(memory.fixed), ctx)
                right = got is not None and P.same(got[0], value)
            hit = hit or right
            checks = {**place.get("checks", {}), example_id: bool(right)}  # kept so that an example can be forgotten
            kept.append({**place, "checks": checks, "seen": 1 + len(checks), "right": 1 + sum(checks.values())})
        if not hit:
            fresh = fresh or learn(document, schema, accepted, example_id)[1]
            kept += fresh.places.get(path, [])
        places[path] = sorted(kept, key=rate, reverse=True)[:4]
    return Memory(memory.layout_id, memory.fixed, places, memory.sums,
                  _merged_conventions(memory.conventions, _conventions(located, schema, accepted)))


def _located(document: Document, grounder: Grounder, values: dict[str, tuple[dict, Any]]) -> dict[str, Any]:
    """Where each accepted value is printed. A date the document's own numbers leave ambiguous ('10/06/2025')
    is looked for in both orders: the accepted value says which one the layout prints."""
    out = {}
    other: dict[bool, Grounder] = {}
    for path, (node, value) in values.items():
        node = _typed_node(path, node)
        g = grounder.ground(value, node)
        if g.kind not in _GROUNDED and grounder.ctx.day_first is None and Field(tuple(path.split(".")), node).is_date:
            for day_first in (True, False):
                if day_first not in other:
                    other[day_first] = Grounder(document, replace(grounder.ctx, day_first=day_first))
                g = other[day_first].ground(value, node)
                if g.kind in _GROUNDED:
                    break
        if g.kind not in _GROUNDED and isinstance(value, str):
            g = _in_word(document, value) or g
        if g.kind in _GROUNDED:
            numeric = node_type(node)[0] in ("number", "integer")
            out[path] = _outside_tables(document, grounder, g, value, node) if numeric and "[" not in path else g
    return out


def _typed_node(path: str, node: dict) -> dict:
    """The field's schema with the format its name implies ('time': '10:53 PM' is 22:53), since the grounder
    reads a value without its field's name."""
    f = Field(tuple(path.split(".")), node)
    if node.get("format") or f.type != "string":
        return node
    return {**node, "format": "time"} if f.is_time else {**node, "format": "date"} if f.is_date else node


def _in_word(document: Document, value: str) -> Grounding | None:
    """The one word that prints a text value inside marks ('XXXX0282' for the card's last four digits 0282)."""
    if len(value) < 3 or " " in value:
        return None
    found = [(page, w) for page in document.pages for w in page.words
             if w.text != value and _affixes([w], value)]
    if len(found) != 1:
        return None
    page, word = found[0]
    return Grounding("exact", page, [word], [word.box])


def _outside_tables(document: Document, grounder: Grounder, g: Any, value: Any, node: dict) -> Any:
    """A number outside arrays found in the body of a table (a row number '4' for a count of packages printed
    under its own label further down) is looked for again outside the tables: a small number matches many
    cells of a table by chance (a name found there is rather the form's own cell: it stays)."""
    body = {id(w) for p in document.pages for t in p.tables for c in t.cells if c.row >= max(t.header_rows, 1)
            for w in c.words}
    if not all(id(w) in body for w in g.words):
        return g
    pages = [replace(p, words=[w for w in p.words if id(w) not in body]) for p in document.pages]
    again = Grounder(replace(document, pages=pages), grounder.ctx).ground(value, node)
    if again.kind not in _GROUNDED or again.page is None:
        return g
    return replace(again, page=document.pages[next(i for i, p in enumerate(pages) if p is again.page)])


def forget(memory: Memory, example_id: str) -> Memory | None:
    """`memory` without what the reviewed example `example_id` taught it (its acceptance undone): the places
    learnt from it go (unless another example found them right: they become that example's), the others
    lose its score; None when no place is left."""
    places: dict[str, list[dict]] = {}
    for path, kept in memory.places.items():
        rest = []
        for place in kept:
            checks = {k: v for k, v in place.get("checks", {}).items() if k != example_id}
            taught = place.get("example_id")
            if taught == example_id:  # a place another example found right is that example's now
                taught = next((k for k, v in checks.items() if v), None)
                if taught is None:
                    continue
                checks.pop(taught)
            rest.append({**{k: v for k, v in place.items() if k != "checks"}, **({"checks": checks} if checks else {}),
                         "example_id": taught, "seen": 1 + len(checks), "right": 1 + sum(checks.values())})
        if rest:
            places[path] = sorted(rest, key=rate, reverse=True)
    if not places:
        return None
    return Memory(memory.layout_id, memory.fixed, places, memory.sums, memory.conventions)


def leaves(schema: dict, value: Any, *, arrays: bool) -> dict[str, tuple[dict, Any]]:
    """Path → (schema node, value) of every non-null scalar in `value`; inside arrays only with `arrays`."""
    out: dict[str, tuple[dict, Any]] = {}

    def walk(node: dict, v: Any, path: str) -> None:
        t = node_type(node)[0]
        if t == "object" and isinstance(v, dict):
            for key, sub in node.get("properties", {}).items():
                walk(sub, v.get(key), f"{path}.{key}" if path else key)
        elif t == "array" and isinstance(v, list):
            if arrays:
                for i, item in enumerate(v):
                    walk(node.get("items", {}), item, f"{path}[{i}]")
        elif v is not None and v != "" and not isinstance(v, (dict, list)):
            out[path] = (node, v)

    walk(schema, value, "")
    return out


def _place(document: Document, page: Page, words: list[Word], value_words: set[int], example_id: str) -> dict | None:
    if not words:
        return None
    box = Box.union(w.box for w in words)
    phrases = P.phrases([w for w in page.words if id(w) not in value_words and F.fixed_text(w)])
    count = Counter(text for text, _ in phrases)  # a phrase printed twice ('EUR' after each total) anchors badly
    near = {id(b): P.distance(b, box) + (NEAR if _blocked(page, b, box) else 0.0) for _, b in phrases}
    # the label a value sits beside on its line anchors it however far across the page it is ('BTW 21%' .... 42,04)
    ranked = [p for p in sorted(phrases, key=lambda p: (count[p[0]] > 1, near[id(p[1])]))
              if near[id(p[1])] < NEAR or P.beside(p[1], box)]
    anchors = [{"text": text, "box": P.box_list(b)} for text, b in ranked[:ANCHORS]]
    if box.y < EDGE * page.height or box.bottom > (1 - EDGE) * page.height:
        anchors.append({"text": "", "box": P.box_list(box)})  # the page itself: rows never move its edges
    if not anchors:
        return None
    index = document.pages.index(page)
    before, after = _delimiters(page, words, value_words)
    return {"page": index if index < len(document.pages) - 1 or index == 0 else -1,
            "anchors": anchors,
            "box": P.box_list(box), "lines": len(line_boxes(words)), "before": before, "after": after,
            "own": sorted({t for w in words if (t := F.fixed_text(w))}),
            "right": 1, "seen": 1, "example_id": example_id}


def _blocked(page: Page, anchor: Box, value: Box) -> bool:
    """Whether words are printed between an anchor above and its value (rows of a table between a column's
    header and a total under it): the value moves with those rows, not with the anchor."""
    return any(anchor.bottom < w.box.cy < value.y and w.box.x < value.right and value.x < w.box.right
               for w in page.words)


def _delimiters(page: Page, words: list[Word], value_words: set[int]) -> tuple[str | None, str | None]:
    """The words printed right before and after the value, a word space away, when they are not values
    themselves ('-' in 'Customer - Redwood SA', '·' between a street and a city): reading stops at them."""
    mine = {id(w) for w in words}
    line = next((ln for ln in F.text_lines(page.words) if any(id(w) in mine for w in ln)), [])
    inside = [i for i, w in enumerate(line) if id(w) in mine]
    if not inside:
        return None, None
    lo, hi = inside[0], inside[-1]

    def neighbour(i: int, j: int) -> str | None:
        if not 0 <= j < len(line):
            return None
        a, b = sorted((line[i], line[j]), key=lambda w: w.box.x)
        if b.box.x - a.box.right >= P.SPACE * max(a.box.h, b.box.h):
            return None
        # "": another value is printed there, do not grow that way
        return "" if id(line[j]) in value_words else _shape(line[j].text)

    return neighbour(lo, lo - 1), neighbour(hi, hi + 1)


def _conventions(located: dict[str, Any], schema: dict, accepted: dict) -> dict:
    """How the example prints dates (day first or month first, where a date the person accepted says which:
    '01/12/2026' accepted as 1 December, or '23/05/2026' whose 23 can only be a day) and which fields it
    left blank (`blank`: a value the engine reads for one of them is suspect)."""
    out: dict[str, Any] = {"blank": sorted(p for p, f in _nodes(schema).items() if _get(accepted, p) in (None, ""))}
    for path, (node, value) in leaves(schema, accepted, arrays=False).items():
        g = located.get(path)
        if g is None or not isinstance(value, str) or not Field(tuple(path.split(".")), node).is_date:
            continue
        order = _date_order(g.matching_text, value)
        if order is not None:
            out["day_first"] = order
            break
    return out


def _date_order(text: str, value: str) -> bool | None:
    """Whether `text` (a date printed with numbers only) prints the day of the date `value` before its month."""
    parts = [int(n) for n in re.findall(r"\d+", text)]
    ymd = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if len(parts) != 3 or ymd is None:
        return None
    month, day = int(ymd.group(2)), int(ymd.group(3))
    if month == day:
        return None
    for i in range(2):
        if (parts[i], parts[i + 1]) == (day, month):
            return True
        if (parts[i], parts[i + 1]) == (month, day):
            return False
    return None


def _merged_conventions(old: dict, new: dict) -> dict:
    """The conventions of a layout after another example: fields blank in every example, the newest date order."""
    out = {**old, **{k: v for k, v in new.items() if k != "blank"}}
    if "blank" in old:
        out["blank"] = sorted(set(old["blank"]) & set(new.get("blank", [])))
    return out


def _sums(schema: dict, accepted: dict) -> list[dict]:
    """Sums the reviewed values obeyed: a number that is two others added, or a column of an array added up."""
    numbers = {p: float(v) for p, (_, v) in leaves(schema, accepted, arrays=False).items()
               if isinstance(v, (int, float)) and not isinstance(v, bool) and v}
    out = []
    for total, t in numbers.items():
        others = [p for p in numbers if p != total]
        for i, a in enumerate(others):
            for b in others[i + 1:]:
                if abs(numbers[a] + numbers[b] - t) < 0.005:
                    out.append({"total": total, "parts": [a, b]})
        for column, values in _columns(schema, accepted).items():
            if len(values) > 1 and abs(sum(values) - t) < 0.005 * max(1.0, len(values)):
                out.append({"total": total, "column": column})
    return out


def _columns(schema: dict, value: dict) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for key, sub in schema.get("properties", {}).items():
        items = value.get(key) if isinstance(value, dict) else None
        if node_type(sub)[0] == "array" and isinstance(items, list):
            for name in sub.get("items", {}).get("properties", {}):
                nums = [r.get(name) for r in items if isinstance(r, dict)]
                if nums and all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in nums):
                    out[f"{key}[].{name}"] = [float(n) for n in nums]
    return out


# --- reading ------------------------------------------------------------------------------------


def apply(document: Document, schema: dict, result: dict, hints: Any, memory: Memory) -> tuple[dict, Any]:
    """`result` and its hints with each remembered field read at its place, where that reads a value of the
    field's type that the remembered sums do not contradict; every other field as the engine read it."""
    ctx = read_context(document)
    if memory.conventions.get("day_first") is not None:  # the reviewed example settled 03/04 for this layout
        ctx.day_first = memory.conventions["day_first"]
    fixed = set(memory.fixed)
    nodes = _nodes(schema)
    spots = {path: found for path, places in memory.places.items() if path in nodes
             for found in [_first_spot(document, [p for p in places if "kind" not in p], fixed)] if found is not None}
    claimed: dict[int, set[str]] = {}  # two fields may share words (a total that is the subtotal, no tax)
    for path, (_, _, seeds) in spots.items():
        for w in seeds:
            claimed.setdefault(id(w), set()).add(path)
    read: dict[str, tuple[Any, Any]] = {}
    for path, (place, page, seeds) in spots.items():
        got = _read_spot(page, place, seeds, nodes[path], path, fixed, ctx, claimed)
        if got is not None and ctx.day_first is None and Field(tuple(path.split(".")), nodes[path]).is_date:
            got = _engine_order(got, _get(result, path), page, place, seeds, nodes[path], path, fixed, ctx, claimed)
        if got is not None:
            read[path] = got[0], _hint(page, got[1], place, memory.layout_id)
    for path, places in memory.places.items():
        tick = next((p for p in places if p.get("kind") == "tick"), None)
        answer = _read_tick(document, tick) if path in nodes and path not in read and tick is not None else None
        if answer is not None:
            read[path] = answer[0], Recalled(confidence=rate(tick), page=answer[1].number, boxes=answer[2],
                                             inferred=True, features={"score": rate(tick)},
                                             layout_id=memory.layout_id, example_id=tick.get("example_id", ""))
        if path in nodes and path not in read and _get(result, path) is None:
            got = _unprinted_value(places, memory.layout_id)
            if got is not None:
                read[path] = got
    blanked = _not_values(document, memory.conventions.get("blank", []), read, hints, fixed)
    for path, item in _tables(schema).items():
        for place in memory.places.get(path, []):
            rows = R.read_table(document, place, path, item, fixed, ctx)
            if rows is not None:
                for row in rows[1]:
                    for hint in row.values():
                        hint.layout_id = memory.layout_id
                read[path] = R.with_engine_cells(rows, place, _get(result, path), _get(hints, path))
                break
    for path in _contradicted(memory.sums, read, result):
        read.pop(path, None)
    out, out_hints = _copy(result), _copy(hints if isinstance(hints, dict) else {})
    for path, (value, hint) in [*read.items(), *((p, (None, None)) for p in blanked)]:
        _set(out, path, value)
        _set(out_hints, path, hint)
    return out, out_hints


def _engine_order(got: tuple[Any, list[Word]], engine: Any, page: Page, place: dict, seeds: list[Word], node: dict,
                  path: str, fixed: set[str], ctx: ReadContext, claimed: dict[int, set[str]]) -> tuple[Any, list[Word]]:
    """A date read at its place in the order the engine read it, where the layout's examples did not settle
    the order ('01/01/26') and the engine's value is the same words read the other way ('06/09/24' in France)."""
    if engine is None or P.same(engine, got[0]):
        return got
    for day_first in (True, False):
        other = _read_spot(page, place, seeds, node, path, fixed, replace(ctx, day_first=day_first), claimed)
        if other is not None and P.same(other[0], engine):
            return other
    return got


def _unprinted_value(places: list[dict], layout_id: str) -> tuple[Any, Recalled] | None:
    """The value of a field its examples do not print as such, where every example of the layout had it (one
    such place, never found wrong)."""
    unprinted = [p for p in places if p.get("kind") == "unprinted"]
    if len(unprinted) != 1 or not all(unprinted[0].get("checks", {}).values()):
        return None
    place = unprinted[0]
    return place["value"], Recalled(confidence=rate(place), inferred=True, features={"score": rate(place)},
                                    layout_id=layout_id, example_id=place.get("example_id", ""))


def _not_values(document: Document, blank: list[str], read: dict[str, tuple[Any, Any]], hints: Any,
                fixed: set[str]) -> list[str]:
    """Fields every reviewed example left blank that the engine read from words that are no value on this
    layout: words a remembered place read for another field (a subtotal taken for a tax the layout does not
    print), or only the layout's own words and marks ('*' after a label, '(salaried)' of an option)."""
    taken = {(round(b.x), round(b.y)) for path, (_, hint) in read.items() if isinstance(hint, Recalled)
             for b in hint.boxes}
    out = []
    for path in blank:
        hint = _get(hints, path)
        boxes = getattr(hint, "boxes", None) or []
        if path in read or not boxes or getattr(hint, "page", None) is None:
            continue
        page = next((p for p in document.pages if p.number == hint.page), None)
        at = {(round(b.x), round(b.y)) for b in boxes}
        words = [w for w in page.words if (round(w.box.x), round(w.box.y)) in at] if page is not None else []
        if at & taken or (words and all(P.is_fixed(w, page, fixed) or not any(c.isalnum() for c in w.text)
                                        for w in words)):
            out.append(path)
    return out


def _shape(text: str) -> str:
    """A delimiter as compared: runs of one character cut to two (dot leaders of any length)."""
    return re.sub(r"(.)\1+", r"\1\1", text)


def _read(document: Document, place: dict, node: dict, path: str, fixed: set[str],
          ctx: ReadContext) -> tuple[Any, list[Word]] | None:
    """What one place reads on `document` on its own (no other field's words to stop at)."""
    spot = _spot(document, place, fixed)
    if spot is None:
        return None
    page, seeds = spot
    return _read_spot(page, place, seeds, node, path, fixed, ctx, {})


def _first_spot(document: Document, places: list[dict], fixed: set[str]) -> tuple[dict, Page, list[Word]] | None:
    for place in places:
        spot = _spot(document, place, fixed)
        if spot is not None:
            return place, spot[0], spot[1]
    return None


def _spot(document: Document, place: dict, fixed: set[str]) -> tuple[Page, list[Word]] | None:
    """The page and the words where the place's value starts: its anchor found again, its box moved as much."""
    index = place["page"]
    if not document.pages or index >= len(document.pages):
        return None
    page = document.pages[index]
    shift = P.anchor_shift(page, place["anchors"])
    if shift is None:
        return None
    x, y, w, h = place["box"]
    seeds = _seed_words(page, Box(x + shift[0], y + shift[1], w, h), place["lines"], fixed)
    return (page, seeds) if seeds else None


def _read_spot(page: Page, place: dict, seeds: list[Word], node: dict, path: str, fixed: set[str],
               ctx: ReadContext, claimed: dict[int, set[str]]) -> tuple[Any, list[Word]] | None:
    words = _value_words(page, seeds, place, fixed, {k for k, v in claimed.items() if path not in v})
    if not words:
        return None
    text = _unmasked(" ".join(w.text for w in words), place)
    if node_type(node)[0] == "string" and not node.get("format"):
        text = text.strip(_PUNCTUATION)  # 'Kilkenny,' between a city and its postcode
    got = read_scalar(text, Field(tuple(path.split(".")), node), ctx)
    return None if got is None else (got[0], words)


def _unmasked(text: str, place: dict) -> str:
    """The text without the marks its example printed around the value inside its word ('XXXX' of 'XXXX8763')."""
    prefix, suffix = place.get("prefix"), place.get("suffix")
    if prefix:
        text = text.lstrip(prefix) if len(set(prefix)) == 1 else text.removeprefix(prefix)
    if suffix:
        text = text.rstrip(suffix) if len(set(suffix)) == 1 else text.removesuffix(suffix)
    return text


def _seed_words(page: Page, box: Box, n_lines: int, fixed: set[str]) -> list[Word]:
    """The words (not the layout's fixed words) on the line where the value's box now lies, under its box."""
    tol = 0.5 * max(box.h / max(n_lines, 1), 4.0)
    middle = box.y + box.h / max(n_lines, 1) / 2
    for line in F.text_lines([w for w in page.words if not P.is_fixed(w, page, fixed)]):
        if abs(line[0].box.cy - middle) <= tol + 0.5 * line[0].box.h:
            seeds = [w for w in line if box.x <= w.box.cx <= box.right]
            if seeds:
                return seeds
    return []


def _value_words(page: Page, seeds: list[Word], place: dict, fixed: set[str], others: set[int]) -> list[Word]:
    """The value's words: its seeds grown along their line over word spaces (stopping at fixed words,
    another field's words and the example's delimiters), then as many lines below as the example had."""
    line = next((ln for ln in F.text_lines(page.words) if any(w is seeds[0] for w in ln)), [])
    index = {id(w): i for i, w in enumerate(line)}
    lo, hi = index[id(seeds[0])], index[id(seeds[-1])]

    own = set(place.get("own", []))  # the example's value printed these words too ('Street' of '152 Loop Street')

    def joins(a: Word, b: Word, outer: Word) -> bool:
        return (b.box.x - a.box.right < P.SPACE * max(a.box.h, b.box.h) and id(outer) not in others
                and (not P.is_fixed(outer, page, fixed) or F.fixed_text(outer) in own))

    before, after = place.get("before"), place.get("after")
    while lo > 0 and before != "" and joins(line[lo - 1], line[lo], line[lo - 1]) and \
            _shape(line[lo - 1].text) != before:
        lo -= 1
    while hi < len(line) - 1 and after != "" and joins(line[hi], line[hi + 1], line[hi + 1]) and \
            _shape(line[hi + 1].text) != after:
        hi += 1
    out = [w for w in line[lo:hi + 1] if id(w) not in others]
    if not out:
        return []
    left, right = min(w.box.x for w in out), max(w.box.right for w in out)
    tol = 0.5 * max(out[0].box.h, 4.0)
    below = [ln for ln in F.text_lines([w for w in page.words if not P.is_fixed(w, page, fixed)
                                        and id(w) not in others]) if ln[0].box.cy > out[-1].box.cy + tol]
    for extra in below[:place["lines"] - 1]:
        part = [w for w in extra if w.box.x < right + tol and left - tol < w.box.right]
        if not part or part[0].box.y - out[-1].box.bottom > 1.5 * part[0].box.h:
            break
        out += part
    return out


def _hint(page: Page, words: list[Word], place: dict, layout_id: str) -> Recalled:
    confidence = rate(place)
    return Recalled(confidence=confidence, page=page.number, boxes=[w.box for w in words],
                    text=" ".join(w.text for w in words), features={"score": confidence},
                    layout_id=layout_id, example_id=place.get("example_id", ""))


def _contradicted(sums: list[dict], read: dict[str, tuple[Any, Any]], result: dict) -> set[str]:
    """Remembered reads (fields, tables) in a sum that no longer holds with them (a place that read wrong)."""
    out: set[str] = set()
    for rule in sums:
        key, name = rule["column"].split("[].") if "column" in rule else ("", "")
        paths = [rule["total"], *rule.get("parts", []), *([key] if key else [])]
        if not any(p in read for p in paths):
            continue
        nums = [read[p][0] if p in read else _get(result, p) for p in paths if p != key]
        if key:
            rows = (read[key][0] if key in read else _get(result, key)) or []
            column = [r.get(name) for r in rows if isinstance(r, dict)]
            if not column or not all(isinstance(n, (int, float)) for n in column):
                continue
            nums.append(sum(column))
        if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in nums):
            continue
        total, *parts = nums
        if abs(sum(parts) - total) > 0.005 * max(1, len(parts)):
            out.update(p for p in paths if p in read)
    return out


def _same_rows(got: list[dict], want: list[dict]) -> bool:
    if len(got) != len(want):
        return False
    return all((g.get(k) is None and v is None) or (g.get(k) is not None and v is not None and P.same(g.get(k), v))
               for g, w in zip(got, want, strict=True) for k, v in w.items() if k in g)


def _tables(schema: dict) -> dict[str, dict]:
    """Path → item schema of every array of objects outside arrays."""
    return _walk(schema)[1]


def _nodes(schema: dict) -> dict[str, dict]:
    """Path → schema of every leaf outside arrays."""
    return _walk(schema)[0]


def _walk(schema: dict) -> tuple[dict[str, dict], dict[str, dict]]:
    leaves: dict[str, dict] = {}
    tables: dict[str, dict] = {}

    def walk(node: dict, path: str) -> None:
        for key, sub in node.get("properties", {}).items():
            sub_path = f"{path}.{key}" if path else key
            t = node_type(sub)[0]
            if t == "object":
                walk(sub, sub_path)
            elif t != "array":
                leaves[sub_path] = sub
            elif node_type(sub.get("items", {}))[0] == "object":
                tables[sub_path] = sub["items"]

    walk(schema, "")
    return leaves, tables


def _get(tree: Any, path: str) -> Any:
    for key in path.split("."):
        tree = tree.get(key) if isinstance(tree, dict) else None
    return tree


def _set(tree: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        nxt = tree.get(key)
        if not isinstance(nxt, dict):
            nxt = tree[key] = {}
        tree = nxt
    tree[last] = value


def _copy(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _copy(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_copy(v) for v in tree]
    return tree


def schema_key(schema: dict) -> str:
    """What a schema's memory is kept under: its fields and their types (descriptions may change)."""
    skeleton = sorted((path, node_type(node)[0]) for path, node in _nodes(schema).items())
    return hashlib.sha256(json.dumps(skeleton).encode()).hexdigest()


def layout_name(document: Document, value_words: set[int] | None = None) -> str:
    """A layout's name for people: the first fixed words of its first page (usually the letterhead)."""
    page = document.pages[0] if document.pages else None
    words = [w.text for line in F.text_lines(page.words if page else []) for w in line
             if F.fixed_text(w) and id(w) not in (value_words or set())]
    return " ".join(words[:8])[:200]
