"""Column headers printed on two or more rows: a financial statement's "Three months ended | Nine months
ended" over "September 30," over "2026  2025  2026  2025".

No one row names a column: the bottom row's phrases are years (figures, so no ordinary header) and the
rows above span several columns each. A column's header is its bottom phrase read with the phrase of
each row above whose centre is nearest its own, top down ("Three months ended September 30, 2026").
It names the field whose name words, or whose description's words, it holds most of, the bottom
phrase's word (the year) among them, when one field leads. The columns are right-aligned figures:
each reaches left to the column before it, so a currency sign printed apart ("$   1,204") is its
figure's. The text left of them, with no header of its own (the lines' labels), is one more column,
its field read from its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domain.fields import Field, ReadContext
from assay.engines.layout.geometry import PageLayout, Row, Segment

# The rows of a header band lie at most this many ems apart (gap between one row's bottom and the
# next one's top); the band has at most this many rows above its bottom row.
BAND_GAP = 1.2
BAND_ROWS = 3
# A named column scores like a header phrase the synonym table matches well (tables.HEADER_LABEL is 0.8).
STACKED_SCORE = 0.9
_YEAR = re.compile(r"(19|20|21)\d\d")
_TOKEN = re.compile(r"[a-z]+|\d+")


@dataclass(frozen=True, slots=True)
class BandColumn:
    """A column under a header band: its extent, the field it names (None: read from its cells), its header."""

    x0: float
    x1: float
    field: Field | None
    header: str


def header_band(layout: PageLayout, i: int, children: list[Field],
                ctx: ReadContext) -> tuple[list[BandColumn], float, float, int] | None:
    """Where row `i` is the top of a header band that names at least two of `children`: (columns,
    score, share of the bottom row's phrases named, index of the band's bottom row); else None."""
    rows = layout.rows
    band = [rows[i]]
    for j in range(i + 1, min(len(rows), i + 1 + BAND_ROWS)):
        if rows[j].box.y - rows[j - 1].box.bottom > BAND_GAP * layout.em:
            break
        band.append(rows[j])
        if _years_row(rows[j]):
            break
    bottom = band[-1]
    if len(band) < 2 or not _years_row(bottom) or any(_has_figure(r, ctx) for r in band[:-1]):
        return None
    owners = [[_owner(r, seg) for r in band[:-1]] for seg in bottom.segments]  # column → its phrase per row
    if not any(sum(o[k] is up for o in owners) >= 2 for k, r in enumerate(band[:-1]) for up in r.segments):
        return None  # no phrase above spans two columns: a title over a row of years, not a header
    words = [_tokens(" ".join([*(up.text for up in o), seg.text])) for o, seg in zip(owners, bottom.segments,
                                                                                     strict=True)]
    named = _name_columns(words, children)
    if len({f.name for f in named.values()}) < 2:
        return None
    segs = bottom.segments
    columns = []
    for k, seg in enumerate(segs):
        left = segs[k - 1].box.right + 1 if k else seg.box.x - (segs[1].box.x - segs[0].box.right - 1)
        columns.append(BandColumn(left, seg.box.right, named.get(k), " ".join(words[k])))
    stub = BandColumn(min(w.box.x for r in rows for w in r.words), columns[0].x0 - 1, None, "")
    return [stub, *columns], STACKED_SCORE, len(named) / len(segs), i + len(band) - 1


def _years_row(row: Row) -> bool:
    """Every phrase of the row is a year, and there are at least two."""
    return len(row.segments) >= 2 and all(_YEAR.fullmatch(seg.text.strip()) for seg in row.segments)


def _has_figure(row: Row, ctx: ReadContext) -> bool:
    """A phrase that is an amount (not "September 30,"): a table's row, not a header's."""
    return any(ctx.number(seg.text) is not None and not any(ch.isalpha() for ch in seg.text) for seg in row.segments)


def _owner(row: Row, seg: Segment) -> Segment:
    """The phrase of a header row that `seg` sits under: the one whose centre is nearest its own (a group
    header is centred over its columns, however narrow it is)."""
    return min(row.segments, key=lambda up: abs(up.box.cx - seg.box.cx))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _name_columns(headers: list[list[str]], children: list[Field]) -> dict[int, Field]:
    """Column index → the field whose name words (else description words) its header holds most of,
    the bottom phrase's (last) word among them; a column two fields tie for names neither, and a
    field named by two columns keeps neither."""
    out: dict[int, Field] = {}
    for k, words in enumerate(headers):
        held = set(words)
        ranked: list[tuple[float, Field]] = []
        for f in children:
            vocabs = [v for v in (set(_tokens(" ".join(f.words))), set(_tokens(f.description))) if words[-1:] and
                      words[-1] in v]
            if vocabs:
                ranked.append((max(len(held & v) / len(v) for v in vocabs), f))
        ranked.sort(key=lambda t: -t[0])
        if ranked and ranked[0][0] >= 0.5 and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
            out[k] = ranked[0][1]
    names = [f.name for f in out.values()]
    return {k: f for k, f in out.items() if names.count(f.name) == 1}
