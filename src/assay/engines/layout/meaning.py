"""Labels the synonym table does not know, read by meaning: "Remit by" for due_date, "Take-home Pay" for
net_pay, "Total Amount Payable (incl. VAT)" for total.

The table (domain.labels) knows a field by near-spellings of its name, title and listed synonyms. A
printed label it does not match well is scored against every field's name, title and description with
`semantics.match` (sentence embeddings plus lexical evidence; lexical evidence alone where the model is
off). Only label-shaped phrases are read (a phrase up to its colon, the words before a value in the same
phrase, a short phrase of words with no digits), never a table's cells ("Shipping boxes" is an item, and
cells are half of an invoice's phrases), each distinct one once, in one batch per document.

A phrase names a field by meaning when its score clears MEANING_MIN and leads the schema's next-best
field (not one that holds it or that it holds) by MEANING_MARGIN; the score is then mapped onto the
table's scale below its printed variants (MIN_LABEL..MIN_LABEL + MEANING_SPAN), so a table hit still
wins and a guessed label lowers the value's confidence. A phrase with a colon is a label of a field that
labels fill, never an array's column header: the array's item fields do not compete for it. One generic
word that only says what kind of value follows ("Date", "No.", "Total") carries no meaning of its own:
the table and the context decide it. A phrase that names two or more fields about equally well, fields
whose values differ in shape ("Employee" for employee_name and employee_id), names each of them: the
value printed beside it says which (keyvalue reads a guessed label's value only where it fits).
"""

from __future__ import annotations

import re

from assay.domain import values as V
from assay.domain.fields import Field
from assay.domain.labels import clean_label
from assay.engines.layout import abbrev
from assay.engines.layout.consumption import unit_pairs
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import (
    MIN_LABEL,
    LabelIndex,
    LabelSpot,
    beside_a_block,
    field_text,
    in_grid,
    in_label_strip,
    in_pair_grid,
    range_ends,
)
from assay.semantics import match

# A phrase names a field by meaning at this `match` score, with this lead over the next field of the
# schema. Lower admits neighbouring concepts ("Order Date" for invoice_date); higher misses the
# rewordings this is for (docs/label-matching-models.md, the threshold table).
MEANING_MIN = 0.5
MEANING_MARGIN = 0.05
# Where a meaning-only label lands on the table's scale: from MIN_LABEL (just accepted) up to this much
# above it, below the table's synonyms (0.95) and the field's own name (1.0).
MEANING_SPAN = 0.14
# A phrase the table matches to some field this well is that field's label: not read again by meaning.
# Lower, and fewer phrases are embedded, but a phrase the table half-knows as one field is never read as
# the field it names; higher, and phrases the table knows are embedded for nothing.
TABLE_KNOWS = 0.95
# A phrase before two dates in order names the schema's date range (of its date ranges, the one it is
# nearest in meaning) at this lower score: the printed value's type says the rest ("Usage Period: 7-1-2024 -
# 7-4-2024" for billing_period, though "usage" is nearer in meaning). Lower, and any label before two dates
# ("Meter reading dates") fills the period; higher, and the rewordings of a period are missed.
RANGE_MEANING_MIN = 0.3
_MAX_WORDS = 6
_DIGIT = re.compile(r"\d")


def label_phrase(spot: LabelSpot) -> str | None:
    """The spot's text when it is shaped like a label: up to a colon, the words before a value in the same
    phrase ("Remit by 12/03/2026"), or a short phrase with no digits; else None."""
    if len(spot.label) > _MAX_WORDS or _DIGIT.search(spot.text):
        return None
    if len(spot.label) == 1 and V.is_currency_mark(spot.label[0].text):
        return None  # "EUR 320,39": the amount's currency, not a label
    if spot.has_colon:
        return spot.text
    if spot.rest:
        return spot.text if _DIGIT.search(spot.rest[0].text) else None
    return spot.text


class MeaningIndex:
    """For each label-shaped phrase of a document that the table does not know, the one field it names by
    meaning and how well, on the table's scale."""

    def __init__(self, fields: list[Field], layouts: list[PageLayout], spots: dict[int, list[LabelSpot]],
                 columns: list[Field] = (), arrays: list[Field] = ()) -> None:
        """`fields` are read from labels (scalars and objects); `columns` (an array's item fields, read from
        tables) only compete for the phrases that could be a column's: a "Label:" with a colon is none;
        `arrays` only say what the schema calls things (numbers_another)."""
        self.schema = [*fields, *columns, *arrays]
        index = LabelIndex(fields)
        grid: dict[tuple[int, int, int], bool] = {}  # (page, row, phrase) → in_grid

        def gridded(spot: LabelSpot, lay: PageLayout) -> bool:
            key = (lay.number, spot.seg.row, spot.seg.index)
            if key not in grid:
                grid[key] = in_grid(spot.seg, lay)
            return grid[key]

        spotted = [(p, s.has_colon, s.printed) for lay in layouts for s in spots[lay.number]
                   if (p := label_phrase(s)) is not None and _unknown(p, index)
                   and (not gridded(s, lay) or in_label_strip(s, lay, index) or beside_a_block(s.seg, lay, index)
                        or in_pair_grid(s.seg, lay, index))]
        colon = {p for p, c, _ in spotted if c}
        printed = {p: text for p, _, text in spotted}  # in its own case: "PO" is initials, "po" may be a word
        # every phrase's score for every field, for the labels read by elimination (engines.layout.leftover)
        self.rows: dict[str, dict[tuple[str, ...], float]] = {}
        self._named = named_by_meaning(sorted(colon), fields, margin=0.0, rows=self.rows, printed=printed)
        self._uncoloned: dict[str, dict[tuple[str, ...], float]] = {}
        self._named |= named_by_meaning(sorted({p for p, _, _ in spotted} - colon), [*fields, *columns], margin=0.0,
                                        rows=self._uncoloned, printed=printed)
        # every phrase's score for each of the schema's lists ("Charges this period" means the charges, summed)
        self.lists: dict[str, dict[tuple[str, ...], float]] = {}
        if arrays and spotted:
            texts = sorted({p for p, _, _ in spotted})
            scores = match.score_matrix(texts, [field_text(a) for a in arrays])
            self.lists = {p: {a.path: float(s) for a, s in zip(arrays, row, strict=True)}
                          for p, row in zip(texts, scores, strict=True)}
        self._ranges = [f for f in fields if f.type == "object" and range_ends(f) is not None]
        by_path = {f.path: f for f in fields}
        self._units = {n: by_path[u] for n, u in unit_pairs(fields).items()}
        by_path = {f.path: f for f in [*fields, *columns]}
        self._shared = {p: told for p, row in (*self.rows.items(), *self._uncoloned.items())
                        if not self.decided(p) and (told := _told_apart(row, by_path))}

    def score(self, spot: LabelSpot, f: Field) -> float:
        """How well the spot's phrase names `f` by meaning, on the table's scale; 0 where it does not."""
        return self.names(spot.text, f)

    def names(self, label: str, f: Field) -> float:
        """How well a printed label (a spot's text, or words up to a colon) names `f` by meaning; 0 where
        it does not. A label that names a quantity's unit field names the quantity too ("Units Used | 1,973
        therms"): the figure is the quantity, the unit after it the unit's (engines.layout.consumption)."""
        unit = self._units.get(f.path)
        own = self._names(label, f)
        return max(own, self._names(label, unit)) if unit is not None else own

    def _names(self, label: str, f: Field) -> float:
        phrase = clean_label(label)
        named = self._named.get(phrase)
        if named is not None and named[0] == f.path and named[2] >= MEANING_MARGIN:
            return 0.0 if numbers_another(phrase, f, self.schema) else named[1]
        shared = self._shared.get(phrase, {}).get(f.path, 0.0)
        return 0.0 if shared and numbers_another(phrase, f, self.schema) else shared

    def row(self, phrase: str) -> dict[tuple[str, ...], float] | None:
        """The phrase's `match` score for every field, where it was read (a label-shaped phrase the table does
        not know); None where it was not."""
        return self.rows.get(phrase) or self._uncoloned.get(phrase)

    def decided(self, phrase: str) -> bool:
        """Whether meaning names a field for the phrase (by a clear lead over the schema's next field)."""
        named = self._named.get(phrase)
        return named is not None and named[2] >= MEANING_MARGIN

    def names_list(self, phrase: str, arr: Field) -> bool:
        """Whether a label-shaped phrase names the list `arr` by meaning: MEANING_MIN or more, and MEANING_MARGIN
        more than any other list or field of the schema ("Available finishes" 0.66 for colors)."""
        mine = self.lists.get(phrase, {}).get(arr.path, 0.0)
        others = [s for p, s in self.lists.get(phrase, {}).items() if p != arr.path]
        others += list((self.row(phrase) or {}).values())
        return mine >= MEANING_MIN and mine - max(others, default=0.0) >= MEANING_MARGIN

    def labels(self) -> frozenset[str]:
        """The phrases meaning names a field for: labels, never a blank field's value."""
        return frozenset(p for p in self._named if self.decided(p))

    def named_path(self, phrase: str) -> tuple[str, ...] | None:
        """The field meaning names for the phrase by a clear lead, if any."""
        named = self._named.get(phrase)
        return named[0] if named is not None and named[2] >= MEANING_MARGIN else None

    def range_score(self, spot: LabelSpot, f: Field) -> float:
        """For a date range's object: the phrase's best field by meaning is `f`, by any lead (the two dates
        after it say the rest: "For the period: 1 July 2026 | 31 July 2026"); else, at the bottom of the
        scale (MIN_LABEL), where of the schema's date ranges the phrase is nearest `f` and near enough
        (RANGE_MEANING_MIN): no field but a range holds two dates; 0 otherwise."""
        named = self._named.get(spot.text)
        if named is not None and named[0] == f.path:
            return named[1]
        row = self.rows.get(spot.text) or self._uncoloned.get(spot.text) or {}
        mine = row.get(f.path, 0.0)
        rivals = [row.get(o.path, 0.0) for o in self._ranges if o.path != f.path]
        return MIN_LABEL if mine >= RANGE_MEANING_MIN and all(mine > r for r in rivals) else 0.0


def numbers_another(phrase: str, f: Field, schema: list[Field]) -> bool:
    """An identifier's label that says whose it is with a word `f` neither names nor describes, a word the
    schema uses for another of its fields ("Tax ID" for employee_id, where the deductions are described as
    "taxes, social insurance, ..."; "Consignment No." for a delivery note's number, where the tracking number
    is described as a "consignment number"): it numbers that other thing. A word the schema uses nowhere ("PIN
    Code", "Indent No.") may be a name for the field the description does not list: meaning decides."""
    owners = match.foreign_owners(phrase, field_text(f))
    return bool(owners) and any(match.mentions(w, field_text(g)) for g in schema
                                if not _related(g.path, f.path) for w in owners)


def named_by_meaning(phrases: list[str], fields: list[Field], margin: float = MEANING_MARGIN,
                     rows: dict[str, dict[tuple[str, ...], float]] | None = None, printed: dict[str, str] | None = None
                     ) -> dict[str, tuple[tuple[str, ...], float, float]]:
    """The field each phrase names by meaning, with its score on the table's scale and its lead over the
    next field: one `match` call for them all. A phrase whose best field does not clear MEANING_MIN, or
    leads the next by less than `margin`, names none. `rows`, when given, receives every phrase's raw
    `match` score for every field. A phrase with initials in capitals (`printed`: each phrase as printed) is
    also read with them spelled out by the words of a field's description ("Customer PO" as "Customer purchase
    order" for the order reference described as "the customer's purchase order number")."""
    fields = list({f.path: f for f in fields}.values())
    if not phrases or not fields:
        return {}
    named: dict[str, tuple[tuple[str, ...], float, float]] = {}
    texts = [field_text(f) for f in fields]
    scores = match.score_matrix(phrases, texts)
    spelled = [(i, j, out) for i, p in enumerate(phrases) for j, f in enumerate(fields)
               if (out := abbrev.spelled_out((printed or {}).get(p, p), f.description or ""))]
    if spelled:  # an initialism the field's description spells out ("PO" of "purchase order"): read spelled out
        again = match.score_matrix([out for _, _, out in spelled], texts)
        for k, (i, j, _) in enumerate(spelled):
            scores[i, j] = max(scores[i, j], again[k, j])
    units = set(unit_pairs(fields).items())
    units |= {(b, a) for a, b in units}  # a quantity and its unit are named together ("Total Usage")
    for phrase, row in zip(phrases, scores, strict=True):
        if rows is not None:
            rows[phrase] = {f.path: float(s) for f, s in zip(fields, row, strict=True)}
        best = int(row.argmax())
        runner_up = max((s for j, s in enumerate(row) if not _related(fields[j].path, fields[best].path)
                         and (fields[j].path, fields[best].path) not in units), default=0.0)
        if row[best] >= MEANING_MIN and row[best] - runner_up >= margin:
            lift = (row[best] - MEANING_MIN) / (1.0 - MEANING_MIN)
            named[phrase] = (fields[best].path, MIN_LABEL + MEANING_SPAN * float(lift), float(row[best] - runner_up))
    return named


def _told_apart(row: dict[tuple[str, ...], float], fields: dict[tuple[str, ...], Field]
                ) -> dict[tuple[str, ...], float]:
    """For a phrase that names two or more fields about equally well ("Employee" for employee_name and
    employee_id), each of them on the table's scale, where their values differ in shape (a name, an
    identifier, a date, a figure): the value printed beside the phrase then says which one it names
    (keyvalue reads it only where it fits). Empty where the phrase names one field or fields of one shape."""
    ranked = sorted(((s, p) for p, s in row.items() if p in fields), reverse=True)
    if not ranked or ranked[0][0] < MEANING_MIN:
        return {}
    top = [(s, p) for s, p in ranked if ranked[0][0] - s < MEANING_MARGIN and not (
        p != ranked[0][1] and _related(p, ranked[0][1]))]
    shapes = [_shape(fields[p]) for _, p in top]
    if len(top) < 2 or None in shapes or len(set(shapes)) < len(shapes):
        return {}
    return {p: MIN_LABEL + MEANING_SPAN * (s - MEANING_MIN) / (1.0 - MEANING_MIN) for s, p in top}


def _shape(f: Field) -> str | None:
    """What a field's value looks like, where keyvalue checks it: a date, a figure, a name or an identifier
    (match.head_kind of its name); None for free text."""
    if f.is_date:
        return "date"
    if f.type in ("number", "integer"):
        return "figure"
    kind = match.head_kind(" ".join(f.words))
    return kind if f.type == "string" and not f.enum and kind in ("name", "id") else None


def _related(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One field is the other or holds it: "For the period" names pay_period and its start alike."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _unknown(phrase: str, index: LabelIndex) -> bool:
    """Neither a label the table knows nor one generic word that only names a kind of value ("Date", "No.")."""
    if index.labelness(phrase) >= TABLE_KNOWS:
        return False
    return len(phrase.split()) > 1 or match.head_kind(phrase) is None
