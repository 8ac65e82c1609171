"""Labels read by elimination: "Remit By: 19. June 2026" names the due date because the invoice's other date
has its own label and the words mean the due date more than anything else still open.

A printed label that neither the synonym table nor meaning decides (engines.layout.meaning: its score is
low or close between fields) is still a label when it ends with a colon. The document then says the rest:

- its value's type: a date fits only the schema's date fields, a figure only its numbers, a name only a text
  field whose head word names no number (keyvalue reads the value exactly as for a known label);
- the fields already labelled: a document labels each field once, so a field another label already
  fills is not open, and the phrase may name only one of the fields left;
- meaning, only to rank what is left: the phrase names the open field it scores highest, when that one
  leads the next open field, and no filled field that its value also fits is clearly nearer in meaning
  ("Order Date" is nearer the filled invoice_date than the open due_date: a third date, not the due date).

Each phrase names one field and each field takes one phrase, the closest pairs first. What it gives is
scored as the table's weakest label (MIN_LABEL), below every label the table or meaning knows.
"""

from __future__ import annotations

import re

from assay.domain.fields import Field, ReadContext
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import MIN_LABEL, LabelIndex, LabelSpot, guessed_values, in_grid
from assay.engines.layout.meaning import MeaningIndex, label_phrase
from assay.semantics import match

# A candidate from these reads a label: a field with one is filled.
LABELLED = frozenset({"inline", "right", "below", "checkbox", "table"})
# The open field must lead the next open field its value fits by this much (in `match` score).
LEAD = 0.03
# A filled field the value fits that scores this much above the open one is what the phrase is near:
# the phrase is a neighbouring concept of it ("Order Date" beside invoice_date), not the open field.
NEARER = 0.08
# Below this `match` score the phrase says nothing of the field at all.
FLOOR = 0.1


def leftover_candidates(leaves: list[Field], cands: dict[tuple[str, ...], list[Candidate]],
                        layouts: list[PageLayout], spots: dict[int, list[LabelSpot]], ctx: ReadContext,
                        index: LabelIndex, meaning: MeaningIndex) -> dict[tuple[str, ...], list[Candidate]]:
    """Candidates for the open leaves (none of their candidates read a label) from the undecided labels."""
    filled = {path for path, cs in cands.items() if any(c.how in LABELLED for c in cs)}
    open_ = [f for f in leaves if f.path not in filled]
    if not open_:
        return {}
    options: list[tuple[str, dict[tuple[str, ...], float], dict[tuple[str, ...], list[Candidate]], bool]] = []
    for layout in layouts:
        for spot in spots[layout.number]:
            phrase = _undecided(spot, layout, index, meaning)
            row = meaning.rows.get(phrase) if phrase else None
            if row is None:
                continue
            levy = _levy(spot, layout, ctx)
            fitting = {f.path: got for f in open_ if (row.get(f.path, 0.0) >= FLOOR or levy is not None)
                       and (got := _own_kind(f, spot, layout, ctx, index))}
            if levy is not None:  # the rate's share of a printed amount: only a figure that is that share
                fitting = {p: [c for c in got if c.value == levy] for p, got in fitting.items()}
                fitting = {p: got for p, got in fitting.items() if got}
            elif fitting and _nearer_filled(row, max(fitting, key=lambda p: row[p]), filled, leaves, spot, layout,
                                            ctx, index):
                continue
            if fitting:
                options.append((phrase, row, fitting, levy is not None))
    return _pair(options)


def _pair(options: list[tuple[str, dict[tuple[str, ...], float], dict[tuple[str, ...], list[Candidate]], bool]]
          ) -> dict[tuple[str, ...], list[Candidate]]:
    """Phrases to open fields, one each, the closest pair first: a phrase takes the best field still open
    when it leads the next open one by LEAD (a levy's arithmetic needs no lead)."""
    out: dict[tuple[str, ...], list[Candidate]] = {}
    used: set[str] = set()
    while True:
        best: tuple[float, str, tuple[str, ...], list[Candidate]] | None = None
        for phrase, row, fitting, levy in options:
            free = sorted((p for p in fitting if p not in out), key=lambda p: -row[p])
            if phrase in used or not free:
                continue
            runner_up = row[free[1]] if len(free) > 1 else 0.0
            if (levy or row[free[0]] - runner_up >= LEAD) and (best is None or row[free[0]] > best[0]):
                best = (row[free[0]], phrase, free[0], fitting[free[0]])
        if best is None:
            return out
        used.add(best[1])
        out[best[2]] = best[3]


def _undecided(spot: LabelSpot, layout: PageLayout, index: LabelIndex, meaning: MeaningIndex) -> str | None:
    """The spot's phrase when it is a label ("Remit By:") that neither the table nor meaning decides."""
    if not spot.has_colon:
        return None
    phrase = label_phrase(spot)
    if phrase is None or in_grid(spot.seg, layout) or meaning.decided(phrase):
        return None
    return phrase


def _nearer_filled(row: dict[tuple[str, ...], float], best: tuple[str, ...], filled: set[tuple[str, ...]],
                   leaves: list[Field], spot: LabelSpot, layout: PageLayout, ctx: ReadContext,
                   index: LabelIndex) -> bool:
    """A filled field that the spot's value also fits scores NEARER above the open one."""
    for f in leaves:
        if f.path in filled and row.get(f.path, 0.0) - row[best] >= NEARER and _own_kind(f, spot, layout, ctx, index):
            return True
    return False


def _own_kind(f: Field, spot: LabelSpot, layout: PageLayout, ctx: ReadContext, index: LabelIndex) -> list[Candidate]:
    """The values the spot would give `f` that are of `f`'s own kind: a date only for a date field, a rate
    ("19 %") only for a field that names a rate; a text field would read either as text."""
    out = []
    for c in guessed_values(f, spot, MIN_LABEL, layout, ctx, index):
        text = " ".join(w.text for w in c.words)
        if not f.is_date and ctx.date(text) is not None:
            continue
        if "%" in text and match.head_kind(" ".join(f.words)) != "rate":
            continue
        out.append(c)
    return out


_RATE = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


def _levy(spot: LabelSpot, layout: PageLayout, ctx: ReadContext) -> float | None:
    """For a label that prints a rate ("USt. 19 %:", "Btw 21%"), the figure on its row or under it that is
    that rate of another figure of the page (19 % of 39.191,39 is 7.446,36): arithmetic says what the
    label's words may not, that the value is a levy at the rate on that amount. None where no figure is."""
    m = _RATE.search(" ".join(w.text for w in spot.label))
    if m is None:
        return None
    rate = float(m.group(1).replace(",", ".")) / 100
    if not 0 < rate < 1:
        return None
    figures = {v for row in layout.rows for seg in row.segments
               if (v := ctx.number(seg.text)) is not None and v > 0}
    near = [ctx.number(" ".join(w.text for w in spot.rest))] + [
        ctx.number(seg.text) for seg in layout.rows[spot.seg.row].segments[spot.seg.index + 1:]]
    for value in near:
        if value is not None and value > 0 and any(abs(round(b * rate, 2) - value) <= 0.011 for b in figures):
            return value
    return None
