"""A quantity consumed, read from the meter readings it is the difference of.

A utility bill prints its readings on one row: the previous (opening) reading, the current (closing) one
and what was used between them, most often with its unit ("21.474 | 22.712 | 1.238 kWh"). Whatever the
columns are called, the figure that is the later reading less the earlier one is the consumption. It fills
a number field that has a unit beside it in the schema (`usage` and `usage_unit`: a field whose name is the
number's with "unit" added), and the unit printed after the figure fills the unit field.
"""

from __future__ import annotations

import functools
import re

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# A difference that the document's own readings confirm: as sure as a labelled value, a little less than a
# label that names the field itself.
READ_OFF = 0.9
_UNIT_WORDS = {"unit", "units", "uom"}
# A unit of measure as printed after its figure: letters, possibly with a power ("m³", "m3") or a slash
# ("m3/h"); not a currency.
_UNIT = re.compile(r"^[A-Za-zµ]{1,6}[²³23]?(?:/[A-Za-z]{1,3})?\.?$")


def unit_pairs(leaves: list[Field]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Number field's path → the path of the field that holds its unit: its name is the number's with a unit word
    added (usage → usage_unit); once per schema."""
    return dict(_pairs(_shapes(leaves)))


def unit_field(f: Field, leaves: list[Field]) -> Field | None:
    """The field that holds number field `f`'s unit."""
    unit = unit_pairs(leaves).get(f.path)
    return next((g for g in leaves if g.path == unit), None) if unit is not None else None


def measured_field(f: Field, leaves: list[Field]) -> Field | None:
    """The number field whose unit `f` holds (usage_unit → usage)."""
    number = {u: n for n, u in unit_pairs(leaves).items()}.get(f.path)
    return next((g for g in leaves if g.path == number), None) if number is not None else None


def _shapes(leaves: list[Field]) -> tuple[tuple[tuple[str, ...], str, frozenset[str]], ...]:
    return tuple((f.path, f.type, frozenset(f.words)) for f in leaves)


@functools.lru_cache(maxsize=256)
def _pairs(shapes: tuple[tuple[tuple[str, ...], str, frozenset[str]], ...]
           ) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(number field's path, its unit field's path) for each number field of a schema's leaves that has one."""
    out = []
    for path, kind, mine in shapes:
        if kind not in ("number", "integer"):
            continue
        unit = next((p for p, k, theirs in shapes if p != path and k == "string" and mine < theirs
                     and theirs - mine <= _UNIT_WORDS), None)
        if unit is not None:
            out.append((path, unit))
    return tuple(out)


def is_unit(value: object) -> bool:
    """Whether a value read for a unit field is a unit ("kWh", "m³"), not a figure with its unit."""
    return isinstance(value, str) and _UNIT.match(value.strip()) is not None and not V.is_currency_mark(value)


def candidates(f: Field, leaves: list[Field], layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    """The consumption (for the measured field) or its unit (for the unit field), from readings rows."""
    if f.type in ("number", "integer") and unit_field(f, leaves) is not None:
        return [Candidate(value, page, words, READ_OFF, "table", arithmetic=1.0)
                for page, value, words, _unit in _differences(layouts, ctx)]
    if measured_field(f, leaves) is not None:
        return [Candidate(unit[0].text.rstrip("."), page, unit, READ_OFF, "table", arithmetic=1.0)
                for page, _value, _words, unit in _differences(layouts, ctx) if unit]
    return []


def settle_units(chosen: dict[tuple[str, ...], Candidate], leaves: list[Field], layouts: list[PageLayout]) -> None:
    """A unit field nothing filled takes the unit printed right after its number's value ("Usage | 812 kWh"
    gives usage_unit kWh), as sure as the number."""
    pages = {layout.number: layout for layout in layouts}
    for g in leaves:
        f = measured_field(g, leaves)
        number = chosen.get(f.path) if f is not None else None
        if g.path in chosen or number is None or not number.words or number.page not in pages:
            continue
        unit = unit_after(number.words, pages[number.page])
        if unit is not None:
            chosen[g.path] = Candidate(unit.text.rstrip("."), number.page, [unit], number.score, number.how,
                                       row=number.row)


def unit_after(words: list[Word], layout: PageLayout) -> Word | None:
    """The unit word among a value's words after its figure, or right after them on their row."""
    last = words[-1]
    row = next((r for r in layout.rows if any(w is last for w in r.words)), None)
    after = row.words[next(i for i, w in enumerate(row.words) if w is last) + 1:][:1] if row else []
    for w in [*words[1:], *after]:
        if _UNIT.match(w.text) and not V.is_currency_mark(w.text):
            return w
    return None


def _differences(layouts: list[PageLayout], ctx: ReadContext) -> list[tuple[int, float, list[Word], list[Word]]]:
    """Each row's figure that is the figure two before it less the one before that ("opening | closing | used"),
    with the unit word printed right after it, if any."""
    out = []
    for layout in layouts:
        for row in layout.rows:
            figures = []
            for i, w in enumerate(row.words):
                value = ctx.number(w.text)
                if value is not None and not V.is_currency_mark(w.text):
                    nxt = row.words[i + 1:i + 2]
                    unit = nxt if nxt and _UNIT.match(nxt[0].text) and not V.is_currency_mark(nxt[0].text) else []
                    figures.append((value, w, unit))
            for (a, _, _), (b, _, _), (c, word, unit) in zip(figures, figures[1:], figures[2:], strict=False):
                if 0 < c and a < b and abs((b - a) - c) <= 1e-6 * max(1.0, b):
                    out.append((layout.number, c, [word], unit))
    return out
