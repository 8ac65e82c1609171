"""Values a page prints without a label: its heading, a price beside it, measurements, status phrases.

A product sheet names its product in the largest type on the page and prints "$565.00" next to it
with no "Price:" label; it gives sizes as "W 189 x H 28 x D 40 cm", a weight as "0,6 kg", a
warranty as "3-year guarantee" and availability as a phrase ("Sold out"). These readers recognise
such values by their form and by what the schema says about the field:

* heading      a field whose description or name says heading / title (or "product name") takes the
               most prominent line of the page, wrapped lines of the same size joined;
* price        a currency-marked amount, preferring large type and nearness to the heading;
* dimensions   letters or words before each number of an "a x b x c" run say which sub-field it
               fills (W/width, H/height, D/depth, L/length), converted to the field's unit;
* measures     "<number> <unit>" (or "3-year") whose unit belongs to the field's unit family; a
               mass needs no cue word, a duration needs the field's word (or a synonym) beside it;
* phrases      a boolean whose description says "true if shown as in stock / available now; false if
               sold out" is read from those phrases printed on the page.

All score below labelled candidates, so a printed label always wins.
"""

from __future__ import annotations

import re

from assay.domain import units
from assay.domain import values as V
from assay.domain.document import Box, Word
from assay.domain.fields import Field, ReadContext
from assay.domain.labels import SYNONYMS
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Row

_UNITS = units.UNITS
_AXES = {"width": ("w", "width", "wide", "b", "breadth"), "height": ("h", "height", "high", "tall"),
         "depth": ("d", "depth", "deep"), "length": ("l", "length", "long")}
_HEADING_WORDS = ("heading", "title", "headline")
_NUM = r"\d+(?:[.,]\d+)?"

# Scores of values read with no label, all under a labelled value's so that a label wins wherever one
# is printed; among themselves, by how much the reading itself says. A yes/no status phrase ("Pets
# are not allowed") names its subject; a page's largest heading and a measure printed with the unit
# the field asks for ("73 cm" for width_cm) are fair guesses, a measure beside a word of the field
# ("Width 73 cm") a little better than one without; the largest number near the heading (a product
# sheet's price) is the weakest.
STATUS_PHRASE = 0.55
STATUS_WORD = 0.45  # a status line sharing a word with one side's phrases, not the phrase itself
STATUS_WORDS = 4  # a status line is this short: a sentence mentions more than a status
_STATUS_FILLER = {"the", "and", "for", "with", "are", "now", "all", "has", "its", "shown", "marked",
                  "printed", "listed", "item", "items"}
_NEGATIONS = {"not", "never"}
PAGE_HEADING = 0.5
DIMENSION = 0.5
MEASURE_WITH_CUE = 0.45
MEASURE = 0.4
PROMINENT_NUMBER = 0.45


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    if f.type == "string" and not f.enum and _is_heading_field(f):
        return _heading(f, layouts)
    if f.type == "boolean":
        return _phrases(f, layouts)
    if f.type in ("number", "integer"):
        if f.wants("price", "cost") and not f.labels.unit:
            return _price(f, layouts, ctx)
        axis = _axis(f)
        if axis is not None:
            return _dimension(f, axis, layouts, ctx)
        if f.labels.unit in _UNITS:
            return _measure(f, layouts, ctx)
    return []


# ---- heading -------------------------------------------------------------------------------

def _is_heading_field(f: Field) -> bool:
    desc = V.fold(f.description)
    if any(re.search(rf"\b{w}\b", desc) for w in _HEADING_WORDS):
        return True
    words = set(f.words)
    return bool(words & set(_HEADING_WORDS)) or ({"product", "name"} <= words)


def prominent_lines(layout: PageLayout) -> list[Row]:
    """The rows of the page printed in its largest type (≥ 1.4 em), top first, wrapped lines joined."""
    sized = [(max(w.box.h for s in r.segments if _texty(s.words) for w in s.words), i)
             for i, r in enumerate(layout.rows) if any(_texty(s.words) for s in r.segments)]
    if not sized:
        return []
    top = max(h for h, _ in sized)
    if top < 1.4 * layout.em:
        return []
    first = next(i for h, i in sized if h >= 0.92 * top)
    out = [layout.rows[first]]
    for row in layout.rows[first + 1:]:
        h = max(w.box.h for w in row.words)
        gap = row.box.y - out[-1].box.bottom
        if abs(h - top) > 0.08 * top or gap > 0.6 * top:
            break
        out.append(row)
    return out


def _texty(words: list[Word]) -> bool:
    text = " ".join(w.text for w in words)
    return sum(c.isalpha() for c in text) >= 3 and V.parse_number(text) is None


def _heading(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    out = []
    for layout in layouts:
        rows = prominent_lines(layout)
        if not rows:
            continue
        top = max(w.box.h for w in rows[0].words)
        words: list[Word] = []
        for row in rows:  # the heading's own phrase: same-size words, not a price set beside it
            seg = next((s for s in row.segments if _texty(s.words)), None)
            if seg is not None:
                words += [w for w in seg.words if w.box.h >= 0.8 * top]
        if words:
            out.append(Candidate(" ".join(w.text for w in words), layout.number, words, PAGE_HEADING, "heading",
                                 label_sim=0.5))
    return out


# ---- price ---------------------------------------------------------------------------------

_MONEY = re.compile(rf"^(?:[$€£¥]|[A-Z]{{0,2}}\$)\s?{_NUM}(?:[.,]\d+)*$|^{_NUM}(?:[.,]\d+)*\s?[€£$]$")


def _price(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    """Currency-marked amounts (the sign or code on the figure or a word beside it); large type and nearness to the
    page heading rank them."""
    out = []
    for layout in layouts:
        heading = prominent_lines(layout)
        anchor = Box.union(w.box for r in heading for w in r.words) if heading else None
        best = None
        for row in layout.rows:
            for seg in row.segments:
                for i, w in enumerate(seg.words):
                    words = [w]
                    if not _MONEY.match(w.text.strip(",;")):
                        if not re.fullmatch(_NUM + r"(?:[.,]\d+)*", w.text):
                            continue
                        # the currency as a word of its own before or after the figure: "CHF 1,745.67", "864.96 €"
                        mark = [x for x in (seg.words[i + 1:i + 2] + seg.words[max(0, i - 1):i])
                                if V.is_currency_mark(x.text) and V.detect_currency(x.text)]
                        if not mark:
                            continue
                        words = sorted([w, mark[0]], key=lambda x: x.box.x)
                    value = ctx.number(" ".join(x.text for x in words))
                    if value is None:
                        continue
                    size = w.box.h / layout.em
                    dist = (abs(w.box.cy - anchor.cy) / layout.em) if anchor else 10.0
                    rank = size - 0.15 * dist
                    if best is None or rank > best[0]:
                        best = (rank, value, words)
        if best is not None:
            _, value, words = best
            out.append(Candidate(V.format_number(value, f.type == "integer"), layout.number, words, PROMINENT_NUMBER,
                                 "pattern", label_sim=0.3))
    return out


# ---- dimensions ----------------------------------------------------------------------------

def _axis(f: Field) -> str | None:
    """'dimensions_cm.width' → 'width', when the field is one axis of a measured object."""
    if len(f.path) < 2:
        return None
    name = f.path[-1].lower()
    return name if name in _AXES else None


def _dimension(f: Field, axis: str, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    unit = f.labels.unit or _parent_unit(f)
    out = []
    for layout in layouts:
        for row in layout.rows:  # the whole row: "H 82 / W 186 / D 25 cm" is three phrases of one measure
            for words in (row.words, *(seg.words for seg in row.segments)):
                got = _read_dims([w for w in words if w.text not in ("/", "|")], ctx)
                if axis in got:
                    value, words, printed_unit = got[axis]
                    converted = _convert(value, printed_unit, unit)
                    if converted is None:
                        continue
                    out.append(Candidate(V.format_number(converted, f.type == "integer"), layout.number, words,
                                         DIMENSION, "pattern", label_sim=0.4, inferred=printed_unit != unit and
                                         printed_unit is not None and unit is not None))
                    break
    return out


def _parent_unit(f: Field) -> str | None:
    from assay.domain.labels import labels_for

    return labels_for(f.path[-2]).unit if len(f.path) >= 2 else None


def _read_dims(words: list[Word], ctx: ReadContext) -> dict[str, tuple[float, list[Word], str | None]]:
    """'W 189 x H 28 x D 40 cm' / 'W189 × D40 cm' → {'width': (189, [w]), ...}; needs a letter per number."""
    toks = [w.text.strip(",;:()") for w in words]
    found: dict[str, tuple[float, list[Word]]] = {}
    unit = None
    i = 0
    while i < len(toks):
        t = V.fold(toks[i])
        m = re.fullmatch(rf"([a-z]+)\.?:?({_NUM})?", t)
        axis = next((a for a, keys in _AXES.items() if m and m[1] in keys), None)
        if axis is None:
            if V.fold(toks[i]) in _UNITS and _UNITS[V.fold(toks[i])][0] == "length":
                unit = V.fold(toks[i])
            i += 1
            continue
        if m[2]:
            value, at = ctx.number(m[2]), i
        elif i + 1 < len(toks) and re.fullmatch(_NUM, toks[i + 1]):
            value, at = ctx.number(toks[i + 1]), i + 1
        else:
            i += 1
            continue
        nxt = V.fold(toks[at + 1]) if at + 1 < len(toks) else ""
        if nxt in _UNITS and _UNITS[nxt][0] == "length":
            unit = nxt
        if value is not None and axis not in found:
            found[axis] = (value, [words[at]])
        i = at + 1
    if not found:
        return _unlettered_dims(words, ctx)
    if len(found) < 2 and not any(V.fold(t) in ("x", "×") for t in toks):
        return {}
    return {a: (v, ws, unit) for a, (v, ws) in found.items()}


# Three measures printed without letters ("90 × 45 × 75 cm") are width × depth × height, the order
# furniture and packaging print them in; a legend after them ("(H × W × D)") says otherwise.
_DIMS_ORDER = ("width", "depth", "height")
_TIMES = re.compile(rf"^({_NUM})\s*[x×]\s*({_NUM})\s*[x×]\s*({_NUM})\s*([a-z]+)?\.?\s*(?:\((.*)\))?$")


def _unlettered_dims(words: list[Word], ctx: ReadContext) -> dict[str, tuple[float, list[Word],
                                                                                                  str | None]]:
    """'90 × 45 × 75 cm' / '80x40x75cm' / '1.160 × 240 × 300 mm (W × D × H)' → the three axes, with a unit."""
    text = V.fold(" ".join(w.text for w in words)).rstrip(".;,")
    start = re.search(rf"{_NUM}\s*[x×]", text)
    m = _TIMES.match(text[start.start():]) if start else None
    if m is None or (m[4] and m[4] not in _UNITS) or (m[4] and _UNITS[m[4]][0] != "length"):
        return {}
    order = _DIMS_ORDER
    if m[5]:
        letters = [t for t in re.split(r"[\s x×]+", m[5]) if t]
        axes = [next((a for a, keys in _AXES.items() if t in keys), None) for t in letters]
        if len(axes) != 3 or None in axes or len(set(axes)) != 3:
            return {}
        order = tuple(a for a in axes if a is not None)
    values = [ctx.number(m[i]) for i in (1, 2, 3)]
    if None in values or not m[4]:
        return {}  # no unit: three numbers multiplied, not a measure
    out: dict[str, tuple[float, list[Word], str | None]] = {}
    at: dict[int, int] = {}  # how far into each word the figures read so far reach
    for axis, value, raw in zip(order, values, (m[1], m[2], m[3]), strict=True):
        word = next((w for w in words if raw in V.fold(w.text)[at.get(id(w), 0):]), None)
        if word is None:
            return {}
        start = V.fold(word.text).index(raw, at.get(id(word), 0))
        at[id(word)] = start + len(raw)
        if len(raw) < len(word.text):  # "80x40x75cm": each figure cites its own part of the word
            word = Word(raw, sub_box(word, start, start + len(raw)), word.confidence)
        out[axis] = (value, [word], m[4])
    return out


def _convert(value: float, printed: str | None, wanted: str | None) -> float | None:
    return units.convert(value, printed, wanted)


# ---- measures with units -------------------------------------------------------------------

def _measure(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    unit = f.labels.unit or ""
    family = _UNITS[unit][0]
    cue = _cue_words(f)
    out = []
    for layout in layouts:
        for row in layout.rows:
            for seg in row.segments:
                got = _unit_value(seg.words, family, ctx)
                if got is None:
                    continue
                value, words, printed, crop = got
                rest = {V.fold(w.text).strip(":,.") for w in seg.words if w not in words}
                if family != "mass" and not (rest & cue):
                    continue
                if family == "mass" and len(seg.words) > 4 and not (rest & cue):
                    continue
                converted = _convert(value, printed, unit)
                if converted is None or (f.type == "integer" and converted != int(converted)):
                    continue
                boxes = [crop] if crop is not None else []
                out.append(Candidate(V.format_number(converted, f.type == "integer"), layout.number, words,
                                     MEASURE_WITH_CUE if rest & cue else MEASURE, "pattern", label_sim=0.3, boxes=boxes,
                                     inferred=crop is not None or printed != unit))
    return out


def _cue_words(f: Field) -> set[str]:
    out = {w for w in f.words if w not in _UNITS}
    for w in list(out):
        out.update(s for s in SYNONYMS.get(w, ()) if " " not in s)
    return out


def _unit_value(words: list[Word], family: str, ctx: ReadContext):
    """'0,6 kg' / '3 years' / '3-year' in a phrase → (value, words, unit, sub-box or None)."""
    for i, w in enumerate(words):
        t = w.text.strip(",;()")
        m = re.fullmatch(rf"({_NUM})-?([a-zA-Z]+)", t)
        if m and V.fold(m[2]) in _UNITS and _UNITS[V.fold(m[2])][0] == family:
            value = ctx.number(m[1])
            if value is not None:
                return value, [w], V.fold(m[2]), sub_box(w, 0, len(m[1]))
        if re.fullmatch(_NUM, t) and i + 1 < len(words):
            u = V.fold(words[i + 1].text).strip(",;.()")
            if u in _UNITS and _UNITS[u][0] == family:
                value = ctx.number(t)
                if value is not None:
                    return value, [w], u, None
    return None


def sub_box(word: Word, start: int, end: int) -> Box:
    """The box of characters [start, end) of a word, by an even share of its width per character."""
    n = max(1, len(word.text))
    per = word.box.w / n
    return Box(word.box.x + per * start, word.box.y, per * (end - start), word.box.h)


# ---- booleans from the description's phrases ----------------------------------------------

_FILLER = re.compile(r"^(?:is |are |it is |shown as |shown |marked |marked as |printed |printed as |labelled |"
                     r"labeled |listed as |says |reads |the |an? )+")


def description_phrases(f: Field) -> tuple[list[str], list[str]]:
    """'true if shown as in stock / available now; false if made to order, sold out or backordered.'
    → (['in stock', 'available now'], ['made to order', 'sold out', 'backordered'])."""
    desc = f.description
    out: dict[bool, list[str]] = {True: [], False: []}
    for m in re.finditer(r"(?i)\b(true|false|yes|no)\b\s*(?:if|when|where|for)\b([^;.]*)", desc):
        truth = m[1].lower() in ("true", "yes")
        clause = m[2]
        quoted = re.findall(r"[\"“'‘]([^\"”'’]+)[\"”'’]", clause)
        parts = quoted or re.split(r"\s*/\s*|,\s*|\s+or\s+", clause)
        for p in parts:
            p = _FILLER.sub("", V.fold(p).strip())
            p = re.sub(r"[^a-z0-9 \-]+", "", p).strip()
            if p and len(p.split()) <= 5:
                out[truth].append(p)
    return out[True], out[False]


def _phrases(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    yes, no = description_phrases(f)
    if not yes and not no:
        return []
    keys = [(p, True) for p in yes] + [(p, False) for p in no]
    out = []
    for layout in layouts:
        best = None
        for row in layout.rows:
            for seg in row.segments:
                folded = [re.sub(r"[^a-z0-9\-]", "", V.fold(w.text)) for w in seg.words]
                for phrase, truth in keys:
                    p = phrase.split()
                    for i in range(len(folded) - len(p) + 1):
                        if folded[i:i + len(p)] != p:
                            continue
                        negated = i > 0 and folded[i - 1] in ("not", "no", "never")
                        words = seg.words[max(0, i - negated):i + len(p)]
                        # a short phrase of its own (a status line) beats one inside a sentence
                        rank = len(p) + (2 if len(seg.words) <= len(p) + 2 else 0)
                        if best is None or rank > best[0]:
                            best = (rank, truth != negated, words)
        if best is not None:
            _, value, words = best
            out.append(Candidate(value, layout.number, words, STATUS_PHRASE, "phrase", label_sim=0.5, inferred=True))
        elif (by_word := _status_by_word(f, layout, yes, no)) is not None:
            value, words = by_word
            out.append(Candidate(value, layout.number, words, STATUS_WORD, "phrase", label_sim=0.5, inferred=True))
    return out


def _status_by_word(f: Field, layout: PageLayout, yes: list[str], no: list[str]) -> tuple[bool, list[Word]] | None:
    """A status line worded otherwise than the description ("Pre-order" for "made to order", "Stock:
    available" for "available now") that holds a word of one side's phrases and none of the other's,
    the field's own words aside ("stock" of in_stock says nothing either way). None where no short
    line of the page does, or where two lines disagree."""
    own = set(f.words)
    sides = {True: {w for p in yes for w in _status_words(p)} - own,
             False: {w for p in no for w in _status_words(p)} - own}
    found: dict[bool, list[Word]] = {}
    for seg in layout.segments():
        words = seg.words
        colon = next((i for i, w in enumerate(words) if w.text.endswith(":")), None)
        if colon is not None:
            if not own & {t for w in words[:colon + 1] for t in _status_words(w.text)}:
                continue  # another field's label: its value says nothing of this one
            words = words[colon + 1:]
        if not words or len(words) > STATUS_WORDS:
            continue
        tokens = {t for w in words for t in _status_words(w.text)}
        hits = [truth for truth in (True, False) if tokens & sides[truth]]
        if len(hits) == 1 and not tokens & _NEGATIONS:
            found.setdefault(hits[0], words)
    return next(iter(found.items())) if len(found) == 1 else None


def _status_words(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", V.fold(text)) if len(t) >= 3 and t not in _STATUS_FILLER]
