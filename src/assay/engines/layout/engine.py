"""The offline layout engine: schema-guided extraction from the page layout, no model needed.

Each field of the schema gathers candidates from several readers (label–value pairs, tick boxes,
party blocks, tables, lists, prose sentences); each candidate carries a score built from how well
its label matched, where its value sat and how well it fits the field's type. One printed value
fills one field: candidates are assigned best first. A field with no candidate is null; nothing is
ever invented.

`system_prompt` is accepted and ignored: this engine follows the schema's names and descriptions
only. So are the grounder and the model server it is handed: it reads the layout alone.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from assay.domain.document import Document, Word
from assay.domain.fields import Field, ReadContext, root_field
from assay.domain.options import ExtractOptions, LLMOptions
from assay.engines.base import EngineOutput, Grounder, Hint, usage_for
from assay.engines.layout import (
    agreements,
    balances,
    cards,
    checkboxes,
    consumption,
    dateorder,
    docdate,
    excluded,
    formatting,
    header,
    identifiers,
    included,
    itemsum,
    ladder,
    lists,
    listsum,
    patterns,
    payments,
    prose,
    sharedrows,
    terms,
    unlabelled,
)
from assay.engines.layout.candidates import Candidate, assign
from assay.engines.layout.geometry import PageLayout, layout_document
from assay.engines.layout.keyvalue import LabelIndex, kv_candidates, label_spots, range_candidates, range_ends
from assay.engines.layout.leftover import leftover_candidates
from assay.engines.layout.listnames import ListNames
from assay.engines.layout.meaning import MeaningIndex
from assay.engines.layout.parties import (
    addressee,
    is_address,
    is_label_text,
    is_party,
    issuer_address_candidate,
    issuer_name_candidate,
    party_candidates,
    recipient_name_candidate,
)
from assay.engines.layout.scopes import Scopes
from assay.engines.layout.tables import find_tables, records_to_items

# In a contract a short "label value" phrase is usually a clause heading ("Rent Payment"), not a field:
# key–value candidates keep this share of their score in prose documents, so the prose reader's
# reading of a field wins where it has one. Lower, and a contract's labelled header fields lose to
# weaker sentence readings; higher, and clause headings fill fields.
PROSE_LABEL_DISCOUNT = 0.7


class LayoutEngine:
    """Document + normalized schema + configuration → values with hints. Offline, deterministic."""

    name = "layout"
    offline = True

    def extract(self, document: Document, schema: dict, options: ExtractOptions, *, grounder: Grounder,
                llm: LLMOptions | None = None) -> EngineOutput:
        target = options.extraction_target
        layouts = layout_document(document)
        # the pipeline's reading of the document, copied: dateorder.settle may set its day order here
        ctx = replace(grounder.ctx, years=list(grounder.ctx.years))
        root = root_field(schema)
        dateorder.settle(ctx, document, root)
        table_rows: dict[str, int] = {}
        if target == "per_page":
            pairs = [_Solver(root, [lay], ctx, document).solve() for lay in layouts]
            result: Any = [p[0] for p in pairs]
            hints: Any = [p[1] for p in pairs]
        elif target == "per_table_row":
            result, hints = _rows(root, layouts, ctx)
            table_rows[""] = len(result)
        else:
            solver = _Solver(root, layouts, ctx, document)
            result, hints = solver.solve()
            table_rows = solver.table_rows
        out_chars = len(str(result))
        return EngineOutput(result, hints, usage_for(document, out_chars), table_rows)


def _rows(item: Field, layouts: list[PageLayout], ctx: ReadContext) -> tuple[list, list]:
    """per_table_row: the schema is one entity; every entity row of every matching table."""
    tables = find_tables(item, layouts, ctx)
    best = _best_tables(tables)
    results, hints = [], []
    for table in best:
        for row in records_to_items(table, item, ctx):
            results.append({k: (c.value if c else None) for k, c in row.items()})
            hints.append({k: (c.hint() if c else None) for k, c in row.items()})
    if not results:
        found = lists.itemized_lines(item, layouts, ctx)
        for row in found:
            results.append({k: (c.value if c else None) for k, c in row.items()})
            hints.append({k: (c.hint() if c else None) for k, c in row.items()})
    return results, hints


def _best_tables(tables: list) -> list:
    """Parts whose columns map the same fields as the best-scoring part (a table over pages)."""
    if not tables:
        return []
    def sig(t) -> frozenset:
        return frozenset(c.field.name for c in t.columns if c.field is not None)
    top = max(tables, key=lambda t: (len(sig(t)), t.score, len(t.records)))
    return [t for t in tables if len(sig(t) & sig(top)) >= max(2, len(sig(top)) - 1)]


class _Solver:
    def __init__(self, root: Field, layouts: list[PageLayout], ctx: ReadContext, document: Document) -> None:
        self.root = root
        self.layouts = layouts
        self.ctx = ctx
        self.document = document
        self.leaves: list[Field] = []
        self.objects: list[Field] = []
        self.arrays: list[Field] = []
        self.in_order: list[Field] = []  # the leaves and arrays in the schema's order
        self._walk(root)
        every = self.leaves + [c for a in self.arrays for c in a.item().children()] + self.objects
        self.index = LabelIndex(every, self.arrays)
        self.spots = {lay.number: label_spots(lay) for lay in layouts}
        columns = [c for a in self.arrays for c in a.item().children()]
        self.meaning = MeaningIndex(self.leaves + self.objects, layouts, self.spots, columns, self.arrays)
        self.index.meant = self.meaning.labels()
        self.scopes = Scopes(self.objects, layouts, [f for f in self.leaves if len(f.path) == 1])
        self.table_rows: dict[str, int] = {}
        self.fields = {f.path: f for f in self.leaves}
        self.settled = payments.settle(layouts)
        self.lists = ListNames(self.arrays, self.leaves + self.objects)
        self._rows: dict[tuple[str, ...], list[dict[str, Candidate | None]]] = {}

    def _walk(self, f: Field) -> None:
        for child in f.children():
            if child.type == "object":
                self.objects.append(child)
                self._walk(child)
            elif child.type == "array":
                self.arrays.append(child)
                self.in_order.append(child)
            else:
                self.leaves.append(child)
                self.in_order.append(child)

    def solve(self) -> tuple[dict, dict]:
        chosen = assign(self._candidates())
        ladder.settle(chosen, self.leaves, self.layouts, self.ctx)
        consumption.settle_units(chosen, self.leaves, self.layouts)
        terms.settle(chosen, self.leaves, self.layouts, self.ctx)
        labelled = _labelled_words(chosen)
        arrays = {arr.path: self._array(arr, labelled) for arr in self.arrays}
        for arr in self.arrays:
            if arr.item().type == "object" and not prose.is_prose(self.layouts):
                balances.supply_ends(chosen, self.leaves, self._items(arr, labelled), list(arr.item().children()),
                                     self.layouts, self.ctx)
        values: dict[tuple[str, ...], Any] = {}
        hints: dict[tuple[str, ...], Hint | None] = {}
        for path, cand in chosen.items():
            values[path] = cand.value
            if isinstance(cand.value, str) and path in self.fields:
                values[path] = formatting.formatted(cand.value, self.fields[path].description)
            hints[path] = cand.hint() if cand.words or cand.boxes else None
        for arr in self.arrays:
            values[arr.path], hints[arr.path] = arrays[arr.path]
        return _build(self.root, values, hints)

    def _candidates(self) -> dict[tuple[str, ...], list[Candidate]]:
        cands: dict[tuple[str, ...], list[Candidate]] = {f.path: [] for f in self.leaves}
        recipient = addressee(self.objects)
        ranges = [obj for obj in self.objects if range_ends(obj) is not None]
        for obj in self.objects:
            found = list(range_candidates(obj, self.layouts, self.spots, self.ctx, self.meaning.range_score,
                                          sole=len(ranges) == 1 and ranges[0] is obj).items())
            if is_party(obj) or is_address(obj):
                found += party_candidates(obj, self.layouts, self.index, self.meaning.names,
                                          is_addressee=obj is recipient).items()
            for path, c in found:
                if not isinstance(c.value, str) or len(c.value) <= 3 or not is_label_text(c.value):
                    cands.setdefault(path, []).append(c)  # "____ Date: ____" is no party's line; "ID" a region
        prose_doc = prose.is_prose(self.layouts)
        for f in self.leaves:
            found = kv_candidates(f, self.layouts, self.spots, self.ctx, self.index, self.meaning.score)
            if prose_doc:  # in a contract, a short "label value" phrase is usually a clause heading
                for c in found:
                    c.score *= PROSE_LABEL_DISCOUNT
            found += checkboxes.candidates(f, self.layouts, self.index)
            found += prose.candidates(f, self.layouts, self.ctx)
            if prose_doc:
                found += agreements.candidates(f, self.layouts, self.ctx, self.in_order)
            found += patterns.candidates(f, self.layouts, self.ctx)
            found += unlabelled.candidates(f, self.layouts, self.ctx)
            found += docdate.candidates(f, self.layouts, self.ctx)
            found += cards.candidates(f, self.layouts)
            found += included.candidates(f, self.layouts, self.ctx)
            found += identifiers.candidates(f, self.layouts)
            found += consumption.candidates(f, self.leaves, self.layouts, self.ctx)
            if listsum.summed_list(f, self.arrays) is not None:
                rows = {a.path: self._object_rows(a) for a in self.arrays if a.item().type == "object"}
                found += listsum.candidates(f, self.arrays, rows, self.layouts, self.ctx)
            for named in (issuer_name_candidate(f, self.layouts), issuer_address_candidate(f, self.layouts, self.index),
                          recipient_name_candidate(f, self.layouts, self.index)):
                if named is not None:
                    found.append(named)
            person = header.name_candidate(f, self.layouts)
            if person is not None:
                found.append(person)
            found += header.contact_candidates(f, self.layouts)
            if f.type == "string" and not f.enum:  # label words are never a text's value
                found = [c for c in found if not isinstance(c.value, str) or not is_label_text(c.value)]
            if f.is_date:  # a misread digit makes a date no document could print ("2048" on a 2018 receipt)
                found = [c for c in found if docdate.plausible(f, c.value)]
            if f.type == "string" and agreements.concept(f) == "term":  # a length is a count of a unit of time:
                found = [c for c in found if c.value is None or agreements.is_length(str(c.value))]  # no "OF AGREEMENT"
            found = identifiers.refine(f, found)
            for c in found:
                c.score *= self.scopes.factor(f, c)
            cands[f.path].extend(payments.weigh(f, found, self.settled, self.layouts))
        unread = {} if prose_doc else leftover_candidates(self.leaves, cands, self.layouts, self.spots, self.ctx,
                                                          self.index, self.meaning, self.arrays)
        for path, found in unread.items():
            for c in found:
                c.score *= self.scopes.factor(self.fields[path], c)
            cands[path].extend(payments.weigh(self.fields[path], found, self.settled, self.layouts))
        for path in consumption.unit_pairs(self.leaves).values():
            # a unit field's value is a unit: "Units Used | 1,973 therms" is its number's
            cands[path] = [c for c in cands[path] if consumption.is_unit(c.value)]
        for f in self.leaves:  # a total no label names, read or left over: the amount the items above it sum to
            if payments.names_total(f) and not any(isinstance(c.value, (int, float)) and c.label_sim > 0
                                                   for c in cands[f.path]):
                cands[f.path].extend(payments.weigh(f, itemsum.candidates(self.layouts), self.settled, self.layouts))
        return cands

    def _items(self, arr: Field, labelled: set[int]) -> list[dict[str, Candidate | None]]:
        """An array of objects' items: its rows but for those a field's label took or its description leaves out."""
        left_out = excluded.exclusions(arr)
        return [r for r in self._object_rows(arr)
                if not any(id(w) in labelled for c in r.values() if c is not None for w in c.words)
                and not (left_out and excluded.excluded(r, left_out))]

    def _object_rows(self, arr: Field) -> list[dict[str, Candidate | None]]:
        """An array of objects' rows: its tables', else its itemized lines' or sections'; all the lists are read
        at once, the first time, so that two lists read from one table split its rows (sharedrows)."""
        if not self._rows:
            for a in self.arrays:
                if a.item().type == "object":
                    self._read_rows(a)
            self._drop_tabled()
            sharedrows.split(self.arrays, self._rows, min((lay.em for lay in self.layouts), default=10.0))
        return self._rows.get(arr.path, [])

    def _drop_tabled(self) -> None:
        """A list read line by line (no table of its own) keeps no line whose figure another list's table holds:
        "Monthly salary | 40,000.00" is the earnings table's row, not a deduction (a row of that table with no
        figure of its own, a deduction's in the next column, holds nothing)."""
        tabled = {path for path in self._rows if self.table_rows.get(".".join(path))}
        held = {id(w) for path in tabled for r in self._rows[path] for w in _figure_words(r)}
        for path, rows in self._rows.items():
            if path not in tabled:
                self._rows[path] = [r for r in rows if not any(id(w) in held for w in _figure_words(r))]

    def _read_rows(self, arr: Field) -> None:
        if arr.path not in self._rows:
            item = arr.item()
            tables = _best_tables(find_tables(item, self.layouts, self.ctx, self.lists))
            rows = [r for t in tables for r in records_to_items(t, item, self.ctx)]
            self.table_rows[".".join(arr.path)] = len(rows)
            if not rows:
                closes = partial(listsum.closed_list, leaves=self.leaves, arrays=self.arrays)
                held = {id(w) for path, read in self._rows.items() if self.table_rows.get(".".join(path))
                        for r in read for w in _figure_words(r)}  # another list's table's figures
                rows = (lists.itemized_lines(item, self.layouts, self.ctx, closes, arr.path, held)
                        or lists.sections(arr, self.layouts, self.ctx, self.index))
            self._rows[arr.path] = rows

    def _array(self, arr: Field, labelled: set[int]) -> tuple[list, list]:
        """The array's items; a row whose figure a field's label gave that field (`labelled`: "Previous balance
        | 1,012.50" for previous_balance) is that field's line, not an item ("charges"), and so is one the
        array's description leaves out (excluded.py)."""
        item = arr.item()
        if prose.is_prose(self.layouts):
            if agreements.concept(arr) == "parties":
                return _parties(item, agreements.parties(self.layouts), agreements.CLAUSE_VALUE)
            named, sure = agreements.in_role(arr, self.layouts, self.in_order)  # ← the "Tenant"s
            if named:
                return _parties(item, named, sure)
        if item.type == "object":
            rows = self._items(arr, labelled)
            values = [{k: (c.value if c else None) for k, c in r.items()} for r in rows]
            hints = [{k: (c.hint() if c else None) for k, c in r.items()} for r in rows]
            return values, hints
        found = lists.scalar_list(arr, self.layouts, self.ctx, self.index,
                                  lambda phrase: self.meaning.names_list(phrase, arr))
        return [c.value for c in found], [c.hint() for c in found]


def _figure_words(row: dict[str, Candidate | None]) -> list[Word]:
    return [w for c in row.values() if c is not None and isinstance(c.value, int | float) for w in c.words]


def _labelled_words(chosen: dict[tuple[str, ...], Candidate]) -> set[int]:
    """The printed words of the figures read beside their labels, on the label's row (not under a label: a
    column's header over its first cell; not a text, which may be a "Label: value" inside an item's cell)."""
    return {id(w) for c in chosen.values()
            if c.how in ("inline", "right") and isinstance(c.value, int | float) for w in c.words}


def _parties(item: Field, found: list[agreements.Party], sure: float) -> tuple[list, list]:
    """An agreement's parties as the array's items, `sure` as a score: each name in the item's name field (or as the
    item)."""
    if item.type == "object":
        kids = [c for c in item.children() if c.type == "string"]
        name = next((c for c in kids if "name" in c.words), kids[0] if kids else None)
        if name is None:
            return [], []
        values, hints = [], []
        for p in found:
            c = Candidate(formatting.formatted(p.name, name.description), p.page, p.words, sure,
                          "prose", inferred=True)
            values.append({k.name: (c.value if k.name == name.name else None) for k in item.children()})
            hints.append({k.name: (c.hint() if k.name == name.name else None) for k in item.children()})
        return values, hints
    cands = [Candidate(formatting.formatted(p.name, item.description), p.page, p.words, sure,
                       "prose", inferred=True) for p in found]
    return [c.value for c in cands], [c.hint() for c in cands]


def _build(f: Field, values: dict, hints: dict) -> tuple[dict, dict]:
    result: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for child in f.children():
        if child.type == "object":
            result[child.name], meta[child.name] = _build(child, values, hints)
        else:
            result[child.name] = values.get(child.path)
            meta[child.name] = hints.get(child.path)
    return result, meta
