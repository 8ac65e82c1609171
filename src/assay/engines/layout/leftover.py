"""Labels read by elimination: "Remit By: 19. June 2026" names the due date because the invoice's other date
has its own label and the words mean the due date more than anything else still open.

A printed label that neither the synonym table nor meaning decides (engines.layout.meaning: its score is
low or close between fields) is still a label when it ends with a colon, or, for a date or a number
field, when it is the phrase before the only other phrase of its row (NO_COLON_FLOOR). The document then
says the rest:

- its value's type: a date fits only the schema's date fields, a figure only its numbers, a name only a text
  field whose head word names no number (keyvalue reads the value exactly as for a known label), a
  negative figure only a field whose description allows one; words another reading already gives some
  field are that field's;
- the fields already filled: a document gives each field once, so a field another reading (a known
  label, a letterhead, a pattern) already fills is not open, and the phrase may name only one left;
- what is near: where the known labels beside it on its row name fields of one object ("First Name: |
  Other Names: | Family name:"), the phrase names a field of that object;
- one generic word that names only a kind of value ("Name:"), which meaning does not read, names a field
  whose own head word names that kind, where just one such field is open;
- meaning, only to rank what is left: the phrase names the field it scores highest among those its value
  fits, when that one is open, leads the next by LEAD and no nearer phrase took it ("Order Date" is nearer
  the filled invoice_date than the open due_date: a third date, not the due date);
- arithmetic, for a label that prints a rate ("USt. 19 %:"): a figure that is that rate of another figure
  of the page is a levy on it, which an amount field left open takes whatever its words say ("USt.").

Each phrase names one field and each field takes one phrase, the closest pairs first. What it gives is
scored as the table's weakest label (MIN_LABEL), below every label the table or meaning knows.
"""

from __future__ import annotations

import re

from assay.domain.fields import Field, ReadContext
from assay.domain.labels import clean_label, label_score, split_name
from assay.engines.layout import listsum
from assay.engines.layout.candidates import Candidate, assign
from assay.engines.layout.consumption import is_unit, unit_after, unit_pairs
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import (
    IS_LABEL,
    MIN_LABEL,
    LabelIndex,
    LabelSpot,
    beside_a_block,
    guessed_values,
    in_grid,
    over_its_value,
    own_column,
    own_identifier,
    pair_row,
    phrases,
)
from assay.engines.layout.meaning import MEANING_MIN, MeaningIndex, label_phrase, numbers_another
from assay.semantics import match

# A levy is looked for on the sum of at most this many charges printed right above it.
RUN_ROWS = 12
# The open field must lead the next open field its value fits by this much (in `match` score).
LEAD = 0.03
# Below this `match` score the phrase says nothing of the field at all ("Tax Point" of a due date: 0.10;
# "Remit By": 0.21).
FLOOR = 0.15
# An identifier's label without a colon whose words the field does not use still names it where it means the field
# this much more than any other of the schema's fields.
FAR_AHEAD = 0.25
# A phrase without a colon is a label by elimination only where it is the whole phrase before a date or a
# figure, the two alone on their row ("Total Credits | 1,200.00", "Term Begins | 01/09/2026"), only for a date
# or number field, and only where it means the field this much (`match` score): a line of a list ("Croissant |
# 2.73") or a heading beside a figure says nothing of any field. Lower reads item lines and loyalty points as
# fields ("Earned | 44" for a receipt's total at 0.32); higher misses the rewordings a colon would have let
# through ("Term Begins | 01/09/2026" for lease_start at 0.43).
NO_COLON_FLOOR = 0.4
# A colon's label that means an open free text field this much (`match` score) gives it whatever text follows
# (read as text of no particular shape: TEXT_FIT): "Type and number of pets: Two rabbits" (0.51 for pet_details).
# Without a colon, or below it, only text of the field's own shape (a name, a code) is taken.
TEXT_MEANING = 0.4
TEXT_FIT = 0.9
# The rows of one key-value block lie at most this many ems apart (one row's bottom to the next one's top).
BLOCK_GAP = 1.0


def leftover_candidates(leaves: list[Field], cands: dict[tuple[str, ...], list[Candidate]],
                        layouts: list[PageLayout], spots: dict[int, list[LabelSpot]], ctx: ReadContext,
                        index: LabelIndex, meaning: MeaningIndex, arrays: list[Field]
                        ) -> dict[tuple[str, ...], list[Candidate]]:
    """Candidates for the open leaves (no other reading found them a value, or only words another field
    reads surer: the letterhead's company for a person's name) from the undecided labels."""
    filled = set(assign(cands))
    open_ = [f for f in leaves if f.path not in filled]
    fields = {f.path: f for f in open_}
    read = {c.key() for cs in cands.values() for c in cs if c.words}  # words another reading gives a field
    if not open_:
        return {}
    by_path = {f.path: f for f in leaves}
    units = unit_pairs(leaves)  # quantity → its unit field
    options: list[tuple[str, dict[tuple[str, ...], float], dict[tuple[str, ...], list[Candidate]], bool]] = []
    for layout in layouts:
        for spot in spots[layout.number]:
            phrase = _undecided(spot, layout, index, meaning, by_path, ctx)
            row = (meaning.row(phrase) or _kind_row(phrase, leaves)) if phrase else None
            if row is None:
                continue
            levy = _levy(spot, layout, ctx)
            scope = _scope(spot, layout, leaves)
            keyed = (spot.has_colon or _in_label_column(spot, layout, index, meaning)
                     or over_its_value(spot, layout, index))
            fitting = {f.path: got for f in open_
                       if (row.get(f.path, 0.0) >= _floor(spot, keyed, f) or levy is not None)
                       and (keyed or f.is_date or f.type in ("number", "integer") or _identifies(spot, f))
                       and (spot.has_colon or _identifies(spot, f) or own_identifier(phrase, f)
                            or _far_ahead(row, f.path))
                       and f.path[:len(scope)] == scope
                       and not numbers_another(phrase, f, meaning.schema)  # "Tax ID:" is no open employee_id
                       and (got := [c for c in _own_kind(f, spot, layout, ctx, index, units,
                                                         spot.has_colon and row.get(f.path, 0.0) >= TEXT_MEANING)
                                    if c.key() not in read])}
            if match.head_kind(phrase) == "id":
                row = _undecided_to_own_number(row, fitting, fields)
            if levy is not None:  # the rate's share of a printed amount: an amount, and only that share; a
                # part of the sum, never the sum ("SST 6% | 0.75" is no receipt's total)
                fitting = {p: [c for c in got if c.value == levy] for p, got in fitting.items()
                           if match.head_kind(" ".join(fields[p].words)) == "amount"
                           and label_score("total", fields[p].labels) < MIN_LABEL}
                fitting = {p: got for p, got in fitting.items() if got}
            elif fitting and (_nearer_filled(row, best := max(fitting, key=lambda p: row[p]), filled, leaves, spot,
                                             layout, ctx, index, units)
                              or _names_a_list(meaning.lists.get(phrase, {}), row[best], by_path[best], arrays)):
                continue
            if fitting:
                options.append((phrase, row, fitting, levy is not None))
    return _pair(options)


def _undecided_to_own_number(row: dict[tuple[str, ...], float], fitting: dict, fields: dict[tuple[str, ...], Field]
                             ) -> dict[tuple[str, ...], float]:
    """An identifier's label that meaning cannot place among the open identifier fields ("Docket No." of a delivery
    note: 0.25 order reference, 0.24 tracking number, 0.21 the note's number) names the document's own number,
    the number a document prints first and most often; where meaning places it, it stays."""
    ranked = sorted(fitting, key=lambda p: -row.get(p, 0.0))
    own = [p for p in ranked if _numbers_the_document(fields[p])]
    if len(ranked) < 2 or len(own) != 1 or row[ranked[0]] - row[ranked[1]] >= LEAD:
        return row
    return {**row, own[0]: row[ranked[0]] + LEAD}


def _numbers_the_document(f: Field) -> bool:
    """The document's own number: an identifier field named after the schema's title ('delivery_note_number' of a
    "Delivery note", 'po_number' of a "Purchase order" by its initials)."""
    head, title = f.words[:-1], split_name(f.context)
    return (len(f.path) == 1 and bool(head) and match.head_kind(" ".join(f.words)) == "id"
            and (head == title or "".join(head) == "".join(w[0] for w in title)))


def _identifies(spot: LabelSpot, f: Field) -> bool:
    """A numbered label ("Bill No. 80534") is a label for a text field as a colon would make it: its numbering
    word says the value is an identifier, which only a text field holds."""
    return spot.numbered and f.type == "string" and not f.is_date and not f.is_time


def _floor(spot: LabelSpot, keyed: bool, f: Field) -> float:
    """How much a phrase must mean the field: FLOOR after a colon, and for a text or date field in a key-value
    block (its place says it is a label, and what it gives must read as text, or as a date: "Deadline |
    16.05.2026" beside "Invoice Date | 16.04.2026"); NO_COLON_FLOOR otherwise: a figure in such a block may still
    be a line of a list ("Earned | 44")."""
    text = f.type == "string" or f.is_date
    return FLOOR if spot.has_colon or _identifies(spot, f) or (keyed and text) else NO_COLON_FLOOR


def _pair(options: list[tuple[str, dict[tuple[str, ...], float], dict[tuple[str, ...], list[Candidate]], bool]]
          ) -> dict[tuple[str, ...], list[Candidate]]:
    """Phrases to open fields, one each, the closest pair first: a phrase takes its nearest field when that
    leads the next by LEAD (a levy's arithmetic needs no lead) and no nearer phrase took it."""
    out: dict[tuple[str, ...], list[Candidate]] = {}
    used: set[str] = set()
    while True:
        best: tuple[float, str, tuple[str, ...], list[Candidate]] | None = None
        for phrase, row, fitting, levy in options:
            ranked = sorted((p for p in fitting if not (levy and p in out)), key=lambda p: -row[p])
            if phrase in used or not ranked or ranked[0] in out:
                continue  # its nearest field went to a nearer phrase: it names something else (a levy is
                # known by its arithmetic, not its words: it takes the nearest amount field left)
            runner_up = row[ranked[1]] if len(ranked) > 1 else 0.0
            if (levy or row[ranked[0]] - runner_up >= LEAD) and (best is None or row[ranked[0]] > best[0]):
                best = (row[ranked[0]], phrase, ranked[0], fitting[ranked[0]])
        if best is None:
            return out
        used.add(best[1])
        out[best[2]] = best[3]


def _kind_row(phrase: str, leaves: list[Field]) -> dict[tuple[str, ...], float] | None:
    """For one generic word that only names a kind of value ("Name:", "No.:"), which meaning does not read:
    the fields whose own head word names that kind, each at FLOOR (the fields left open decide), else None."""
    kind = match.head_kind(phrase)
    if kind is None or len(phrase.split()) > 1:
        return None
    return {f.path: FLOOR for f in leaves if match.head_kind(" ".join(f.words)) == kind}


def _undecided(spot: LabelSpot, layout: PageLayout, index: LabelIndex, meaning: MeaningIndex,
               leaves: dict[tuple[str, ...], Field], ctx: ReadContext) -> str | None:
    """The spot's phrase when it is a label ("Remit By:", or the phrase before the only other one on its row)
    that neither the table nor meaning decides, or that meaning gives a field its value is not of the kind of
    ("Last Bill: 271.28" named the bill's date: the figure says it is some amount)."""
    strip = over_its_value(spot, layout, index)  # a strip of labels over their values lines up like a grid
    if not spot.has_colon and not spot.numbered and not pair_row(spot, layout) and not strip:
        return None
    phrase = label_phrase(spot)
    if phrase is None or (in_grid(spot.seg, layout) and not strip and not beside_a_block(spot.seg, layout, index)):
        return None  # a grid's cell; not where the phrases before it stand in a column of their own
    if meaning.decided(phrase) and not _misnamed(leaves.get(meaning.named_path(phrase)), spot, layout, ctx):
        return None
    return phrase


def _misnamed(named: Field | None, spot: LabelSpot, layout: PageLayout, ctx: ReadContext) -> bool:
    """What the spot's row prints after it is one figure where meaning named a field of no figure, or one date
    where it named no date ("01 / 584 72 59" after "Contact No." is neither)."""
    if named is None:
        return False
    words = spot.rest + [w for seg in layout.rows[spot.seg.row].segments[spot.seg.index + 1:] for w in seg.words]
    text = " ".join(w.text for w in words)
    if not text:
        return False
    if ctx.date(text) is not None:
        return not named.is_date
    return ctx.number(text) is not None and named.type not in ("number", "integer")


def _in_label_column(spot: LabelSpot, layout: PageLayout, index: LabelIndex, meaning: MeaningIndex) -> bool:
    """The spot's row is a "label | value" pair in a column of such rows, their labels starting where its
    label starts and their values where its value starts, and a label the table or meaning knows among them
    ("Invoice Date | 04.03.2026" under "Document # | A-5521"): a key-value block, whose labels need no colon
    to be labels."""
    if not pair_row(spot, layout):
        return False
    value = own_column(spot.seg, layout)[1]
    for step in (-1, 1):
        r, above = spot.seg.row + step, layout.rows[spot.seg.row]
        while 0 <= r < len(layout.rows):
            row = layout.rows[r]
            right = [p for p in phrases(row) if p.box.x > spot.seg.box.x - layout.em]
            pair = own_column(right[0], layout) if right else []  # the row's phrases in the spot's column
            gap = row.box.y - above.box.bottom if step == 1 else above.box.y - row.box.bottom
            if (len(pair) != 2 or gap > BLOCK_GAP * layout.em
                    or abs(pair[0].box.x - spot.seg.box.x) > layout.em
                    or abs(pair[1].box.x - value.box.x) > layout.em):
                break
            if index.labelness(pair[0].text) >= IS_LABEL or meaning.decided(clean_label(pair[0].text)):
                return True
            above, r = row, r + step
    return False


def _nearer_filled(row: dict[tuple[str, ...], float], best: tuple[str, ...], filled: set[tuple[str, ...]],
                   leaves: list[Field], spot: LabelSpot, layout: PageLayout, ctx: ReadContext,
                   index: LabelIndex, units: dict[tuple[str, ...], tuple[str, ...]]) -> bool:
    """A filled field that the spot's value also fits is nearer the phrase in meaning than the open one: the
    phrase is a neighbouring concept of it ("Order Date" beside invoice_date; "Balance Due" where "Amount
    Payable" gave amount_due), not the open field."""
    for f in leaves:
        if f.path in filled and row.get(f.path, 0.0) > row[best] and _own_kind(f, spot, layout, ctx, index, units):
            return True
    return False


def _far_ahead(row: dict[tuple[str, ...], float], path: tuple[str, ...]) -> bool:
    """The phrase means `path` FAR_AHEAD more than any other field of the schema, not one holding it or held by it
    ("Personnel No." for employee_id, 0.46 against 0.12): its own words say whose number it is, though the field
    does not use them ("Customer ID" means a tax ID 0.52 and the invoice number 0.47: no lead)."""
    mine = row.get(path, 0.0)
    others = [s for p, s in row.items() if p[:len(path)] != path and path[:len(p)] != p]
    return mine - max(others, default=0.0) >= FAR_AHEAD


def _names_a_list(lists: dict[tuple[str, ...], float], score: float, f: Field, arrays: list[Field]) -> bool:
    """The phrase names one of the schema's lists by meaning (MEANING_MIN), more than the open field `f`, which is
    no total of that list: it is the list's own line ("Charges this period | 1,284.46" under the charges is their
    sum, no usage; "Pieces: 8" is too far from the items to be theirs)."""
    summed = listsum.summed_list(f, arrays)
    return any(s >= MEANING_MIN and s > score and (summed is None or summed.path != path) for path, s in lists.items())


def _own_kind(f: Field, spot: LabelSpot, layout: PageLayout, ctx: ReadContext, index: LabelIndex,
              units: dict[tuple[str, ...], tuple[str, ...]], any_text: bool = False) -> list[Candidate]:
    """The values the spot would give `f` that are of `f`'s own kind: read exactly as its type (not "21 days"
    for an amount; a figure and its unit only for a field whose unit another field holds: "1,601 kWh" for
    usage; a unit alone for that field), a date only for a date field, a rate ("19 %") only for a field that
    names a rate; a text field would read either as text, but an identifier's never as a sum of money; a
    negative figure only for a field whose description allows one. With `any_text`, a free text field takes
    any text ("Type and number of pets: Two rabbits" for pet_details)."""
    measured, holds_unit = f.path in units, f.path in units.values()
    out = []
    for c in guessed_values(f, spot, MIN_LABEL, layout, ctx, index):
        text = " ".join(w.text for w in c.words)
        free = any_text and f.type == "string" and not f.is_date and c.fit >= TEXT_FIT
        if c.fit < 1.0 and not free and not (measured and unit_after(c.words, layout) is not None):
            continue
        if holds_unit and not is_unit(c.value):
            continue
        if not f.is_date and ctx.date(text) is not None:
            continue
        if "%" in text and match.head_kind(" ".join(f.words)) != "rate":
            continue
        if isinstance(c.value, int | float) and c.value < 0 and not f.signed:
            continue  # "Payment: -€ 23,40" is money going the other way: no tax or charge the schema keeps positive
        if f.type == "string" and match.head_kind(" ".join(f.words)) == "id" and _MONEY.fullmatch(text):
            continue  # "GIFT CERT | 16,43" among the totals: a sum of money, no receipt's number
        out.append(c)
    return out


_RATE = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")
_MONEY = re.compile(r"-?\d{1,3}(?:[.,' ]?\d{3})*[.,]\d{2}")  # a figure with cents: 16,43; 1.204,50


def _levy(spot: LabelSpot, layout: PageLayout, ctx: ReadContext) -> float | None:
    """For a label that prints a rate ("USt. 19 %:", "Btw 21%"), the figure on its row or under it that is
    that rate of another figure of the page (19 % of 39.191,39 is 7.446,36): arithmetic says what the
    label's words may not, that the value is a levy at the rate on that amount. None where no figure is."""
    m = _RATE.search(spot.printed)
    if m is None:
        return None
    rate = float(m.group(1).replace(",", ".")) / 100
    if not 0 < rate < 1:
        return None
    figures = {v for row in layout.rows for seg in row.segments
               if (v := ctx.number(seg.text)) is not None and v > 0}
    figures |= _running_sums(spot, layout, ctx)
    near = [ctx.number(" ".join(w.text for w in spot.rest))] + [
        ctx.number(seg.text) for seg in layout.rows[spot.seg.row].segments[spot.seg.index + 1:]]
    for value in near:
        if value is not None and value > 0 and any(abs(round(b * rate, 2) - value) <= 0.011 for b in figures):
            return value
    return None


def _running_sums(spot: LabelSpot, layout: PageLayout, ctx: ReadContext) -> set[float]:
    """The sums of the figures closing the rows right above the spot's, one more row each time, up to a figure
    that is no charge (a payment printed negative) or a row without one: the charges a levy printed under them
    is taken on, when no line prints their sum ("Network charge | 39.72", "Meter rental | 58.85", "IGST 18%: |
    17.86")."""
    sums, run = set(), 0.0
    for row in reversed(layout.rows[max(0, spot.seg.row - RUN_ROWS):spot.seg.row]):
        value = ctx.number(row.segments[-1].text) if len(row.segments) > 1 else None
        if value is None or value <= 0:
            break
        run += value
        sums.add(round(run, 2))
    return sums


def _scope(spot: LabelSpot, layout: PageLayout, leaves: list[Field]) -> tuple[str, ...]:
    """The object whose fields the known labels beside the spot on its row name ("First Name: | Other Names: |
    Family name:" are the applicant's): the phrase names a field of it too. () where they name fields of
    no one object, or there are none."""
    parents = set()
    for seg in layout.rows[spot.seg.row].segments:
        if seg is spot.seg:
            continue
        text = clean_label(seg.text.split(":")[0])
        named = [f for f in leaves if text and label_score(text, f.labels) >= MIN_LABEL]
        if named:
            parents.add(max(named, key=lambda f: label_score(text, f.labels)).path[:-1])
    return parents.pop() if len(parents) == 1 else ()
