"""Visual rows and phrases rebuilt from word boxes.

The engine reads pages the way a person scans a form: rows of text left to right, broken into
phrases ("segments") wherever a gap is wider than a couple of spaces. A label and its value are two
segments of one row, or a segment and the one below it. Rows are rebuilt from the words' boxes
rather than taken from the parser's lines so that column layouts and slightly rotated scans read
the same way whatever the parser grouped. Tables are the parser's: `PageLayout.cell_of` says which
of its table cells holds a word, so that a table's rows are read from the cells it read once.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from assay.domain.document import Box, Document, Page, Word, cell_index
from assay.domain.values import is_currency_mark, parse_number

_SEPARATORS = {"|", "·", "•", "–", "—", "/"}
_BULLETS = {"•", "·", "▪", "◦", "●", "-", "*", "(cid:127)", "", "‣", "–"}


@dataclass(slots=True)
class Segment:
    """A phrase: words on one row with no wide gap between them."""

    words: list[Word]
    page: int
    row: int  # index of its row on the page
    index: int  # position in the row
    cell: tuple[int, int, int] | None = None  # (table, row, column): the words are that parser cell's on this row
    ruled: bool = False  # that cell is drawn with rules around it: one column's, whatever its words say
    _box: Box | None = field(default=None, repr=False, compare=False)  # `box`, once read (words never change)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        if self._box is None:
            self._box = Box.union(w.box for w in self.words)
        return self._box


@dataclass(slots=True)
class Row:
    words: list[Word]
    segments: list[Segment] = field(default_factory=list)
    _box: Box | None = field(default=None, repr=False, compare=False)  # `box`, once read (words never change)

    @property
    def box(self) -> Box:
        if self._box is None:
            self._box = Box.union(w.box for w in self.words)
        return self._box

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class PageLayout:
    page: Page
    rows: list[Row]
    em: float  # median word height: the unit for "near" and "wide gap"
    cell_of: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # id(word) → (table, row, column)
    # id(segment) → whether it is a line of a party's block beside others (keyvalue.beside_a_party), once read
    party_lines: dict[int, bool] = field(default_factory=dict, repr=False, compare=False)

    @property
    def number(self) -> int:
        return self.page.number

    def segments(self) -> list[Segment]:
        return [s for r in self.rows for s in r.segments]


def layout_document(document: Document) -> list[PageLayout]:
    return [layout_page(p) for p in document.pages]


def layout_page(page: Page) -> PageLayout:
    words = _without_leaders([w for w in page.words if w.text.strip()])
    if page.text_source == "ocr":
        words = _without_specks([part for w in words for part in unglued(w)])
    em = statistics.median([w.box.h for w in words]) if words else 10.0
    rows = _group_rows(words)
    side = _side_column(rows, em, page.width)
    if side is not None:  # the main content's rows first, then the side column's: never one row of both
        rows = _group_rows([w for w in words if not side(w)]) + _group_rows([w for w in words if side(w)])
    for i, row in enumerate(rows):
        if page.text_source == "ocr":
            row.words = _unquoted(row.words)
        row.segments = _split_segments(row.words, page.number, i, em, ink=page.text_source == "ocr")
    return PageLayout(page, rows, em, cell_index(page.tables))


# Dot leaders between a label and its value ("Invoice No. ........ 4471", "PO Ref...... P-12"): four dots or more,
# or two ellipses, alone or at a word's end.
_LEADER = re.compile(r"(?:\.{4,}|…{2,}):?$")


def _without_leaders(words: list[Word]) -> list[Word]:
    """The words with dot leaders read as the colon they stand for: one glued to its label ends it ("Ref......" →
    "Ref:"), one of its own gives the label before it a colon ("Invoice No. ........" → "No.: ........") and stays,
    the words it spans one phrase with the value after it."""
    out: list[Word] = []
    for w in words:
        m = _LEADER.search(w.text)
        if m is None:
            out.append(w)
            continue
        head = w.text[:m.start()].rstrip()
        if head:
            out.append(_colon(Word(head, w.box, w.confidence)))
            continue
        before = next((k for k in range(len(out) - 1, max(-1, len(out) - 4), -1)
                       if out[k].box.right <= w.box.x + 1 and abs(out[k].box.cy - w.box.cy) < 0.5 * w.box.h), None)
        if before is not None:
            out[before] = _colon(out[before])
        out.append(w)
    return out


def _colon(w: Word) -> Word:
    return w if w.text.endswith(":") else Word(w.text + ":", w.box, w.confidence)


# A label the scan ran into its value, with no space after its colon: "TOTAL:12.50", "DATE:05/01/2018".
_GLUED = re.compile(r"^([^\W\d_][^\W\d_.#/]*[.#]?:)(\d\S*)$")


# An OCR'd word whose ink is lower than this share of the page's median word is no letter of its type: a dot
# leader or specks read as letters ("ena ner ore" between "Employee:" and its value); one of letters taller than
# the other share, read with less than the confidence, is a blot read as letters ("sacs" over a dotted line's
# stretch; a word with a capital and a descender, "Juterbog", reaches 1.35).
SPECK_HEIGHT = 0.3
BLOT_HEIGHT = 1.4
BLOT_CONFIDENCE = 0.5
BLOT_FIGURE = 3  # ... but a figure of this many digits stays, however its ink came out ("8.722,00" in a box)


def _without_specks(words: list[Word]) -> list[Word]:
    """The OCR'd words, less those whose letters or digits were read off ink too low to be type or off a blot
    ("Lf", "PAX" from a receipt's smudge); a dash stays (a range's), and so does a figure of BLOT_FIGURE digits."""
    if not words:
        return words
    median = statistics.median(w.box.h for w in words)
    return [w for w in words if not any(ch.isalnum() for ch in w.text) or (
        w.box.h >= SPECK_HEIGHT * median and not (w.box.h > BLOT_HEIGHT * median and w.confidence < BLOT_CONFIDENCE
                                                  and sum(ch.isdigit() for ch in w.text) < BLOT_FIGURE))]


_OPENING = "‘“'\"`«"
_CLOSING = "’”'\"`»"


def _unquoted(words: list[Word]) -> list[Word]:
    """A scanned row's words without the opening quote marks no mark closes later on the row: a speck the scan read
    before a word ("‘GALA APPLES", "«SET"), not a quotation ("‘Deluxe’ hamper" keeps its marks)."""
    out = list(words)
    for i, w in enumerate(words):
        if (len(w.text) > 1 and w.text[0] in _OPENING and w.text[1].isalnum()
                and not any(ch in _CLOSING for ch in w.text[1:] + "".join(later.text for later in words[i + 1:]))):
            out[i] = Word(w.text[1:], w.box, w.confidence)
    return out


def unglued(word: Word) -> list[Word]:
    """The word as its label and its value, each with its share of the box by letters, where a scan ran them
    together; else the word alone."""
    m = _GLUED.match(word.text)
    if m is None:
        return [word]
    cut = word.box.w * len(m[1]) / len(word.text)
    b = word.box
    return [Word(m[1], Box(b.x, b.y, cut, b.h), word.confidence),
            Word(m[2], Box(b.x + cut, b.y, b.w - cut, b.h), word.confidence)]


def cell_rows(layout: PageLayout) -> PageLayout:
    """The layout with the phrases of rows that cross the parser's tables cut at its cells: two cells
    set closer than a phrase gap are two phrases. A cell whose words on the row make one phrase is
    marked (`Segment.cell`); one that holds several phrases (a column rule the parser missed) keeps
    them apart."""
    if not layout.cell_of:
        return layout
    rows = []
    for i, row in enumerate(layout.rows):
        if not any(id(w) in layout.cell_of for w in row.words):
            rows.append(row)
            continue
        groups: list[tuple[list[Word], tuple[int, int, int] | None]] = []
        for seg in row.segments:
            start = len(groups)
            for w in seg.words:
                key = layout.cell_of.get(id(w))
                if len(groups) > start and groups[-1][1] == key:
                    groups[-1][0].append(w)
                else:
                    groups.append(([w], key))
        phrases = Counter(key for _, key in groups)
        segments = [Segment(ws, layout.number, i, k, cell=key if phrases[key] == 1 else None,
                            ruled=key is not None and phrases[key] == 1 and layout.page.tables[key[0]].ruled)
                    for k, (ws, key) in enumerate(groups)]
        rows.append(Row(row.words, segments))
    return PageLayout(layout.page, rows, layout.em, layout.cell_of)


# A side column beside a table: phrases left-aligned at one x right of SIDE_FROM of the page's width, on
# SIDE_MIN_ROWS rows or more (with no more than SIDE_ROW_GAP line heights between two of them), most of them
# starting with a letter that is no currency sign (a table's column of figures is no side column), nothing
# printed across the gutter left of them, at least SIDE_TABLE_ROWS of the rows beside them table rows
# (three phrases or more left of the gutter) and SIDE_ALONE_ROWS of its own beside one phrase or none (a
# table's own text column, "Unit", sits beside table rows only). Its words are read as rows of their own.
# Fewer rows or a column further left (0.45 of the width cost the frozen split 0.003), and a table's or a
# header's own columns split apart; more, and short side blocks fuse with table rows.
SIDE_FROM = 0.6
SIDE_MIN_ROWS = 5
SIDE_ROW_GAP = 4.0
SIDE_TABLE_ROWS = 2
SIDE_ALONE_ROWS = 2


def _side_column(rows: list[Row], em: float, width: float):
    """A test for the words of a side column printed beside a table (a "Ship To" block right of the
    items), or None where the page has none."""
    def starts(row: Row) -> list[float]:
        return [w.box.x for w in _phrase_starts(row, em)]

    edges = sorted({round(x) for r in rows for x in starts(r)[1:] if x > SIDE_FROM * width}, reverse=True)
    for x_s in edges:
        firsts = {i: w for i, r in enumerate(rows) for w in _phrase_starts(r, em) if abs(w.box.x - x_s) <= 0.5 * em}
        for run in _runs(sorted(firsts), rows, em):
            if len(run) < SIDE_MIN_ROWS or 2 * sum(_wordy(firsts[i].text) for i in run) < len(run):
                continue  # a short block, or a column of figures (a table's own)
            top, bottom = rows[run[0]].box.y, rows[run[-1]].box.bottom
            span = [r for r in rows if r.box.cy >= top and r.box.cy <= bottom]
            if any(w.box.x < x_s - 0.5 * em < w.box.right for r in span for w in r.words):
                continue  # something is printed across the gutter: one content, not two columns
            left = [len(starts(Row([w for w in r.words if w.box.right < x_s]))) for r in span]
            alone = sum(1 for i in run if len(starts(Row([w for w in rows[i].words if w.box.right < x_s]))) <= 1)
            if sum(n >= 3 for n in left) >= SIDE_TABLE_ROWS and alone >= SIDE_ALONE_ROWS:
                return lambda w, x_s=x_s, top=top, bottom=bottom: (
                    w.box.x >= x_s - 0.5 * em and top <= w.box.cy <= bottom)
    return None


def _wordy(text: str) -> bool:
    """A phrase's first word starts with a letter and is no figure ("A$2,695.12") nor a currency's sign before one
    ("R 2 963.05")."""
    return text[:1].isalpha() and not is_currency_mark(text) and parse_number(text) is None


def _phrase_starts(row: Row, em: float) -> list[Word]:
    """The first word of each phrase of a row."""
    return [w for i, w in enumerate(row.words) if i == 0 or w.box.x - row.words[i - 1].box.right > 0.9 * em]


def _runs(members: list[int], rows: list[Row], em: float) -> list[list[int]]:
    """Row indices split where SIDE_ROW_GAP line heights or more lie between one and the next."""
    runs: list[list[int]] = []
    for i in members:
        if runs and rows[i].box.y - rows[runs[-1][-1]].box.bottom <= SIDE_ROW_GAP * em:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _group_rows(words: list[Word]) -> list[Row]:
    """Chain words left to right into rows; a word joins the row whose last word it overlaps
    vertically the most, so a line tilted by a degree or two still reads as one row."""
    rows: list[list[Word]] = []
    buckets: dict[int, list[int]] = {}  # rows by the height band of their last word

    def band(w: Word) -> int:
        return int(w.box.cy // 4)

    for w in sorted(words, key=lambda w: (w.box.x, w.box.y)):
        best, best_overlap = None, 0.0
        reach = int(w.box.h // 4) + 2
        for b in range(band(w) - reach, band(w) + reach + 1):
            for ri in buckets.get(b, ()):
                last = rows[ri][-1]
                if last.box.x > w.box.x + 1 and last.box.right > w.box.x + 1:
                    continue
                overlap = min(last.box.bottom, w.box.bottom) - max(last.box.y, w.box.y)
                ratio = overlap / max(1e-6, min(last.box.h, w.box.h))
                close = abs(last.box.cy - w.box.cy) < 0.5 * min(last.box.h, w.box.h) + 1
                if ratio > 0.55 and ratio > best_overlap and close:
                    best, best_overlap = ri, ratio
        if best is None:
            rows.append([w])
            buckets.setdefault(band(w), []).append(len(rows) - 1)
        else:
            buckets[band(rows[best][-1])].remove(best)
            rows[best].append(w)
            buckets.setdefault(band(w), []).append(best)
    rows.sort(key=lambda r: min(w.box.y for w in r))
    return [Row(sorted(r, key=lambda w: w.box.x)) for r in rows]


# An OCR'd word's box is its ink, not its type: "one" is half as tall as "Jansen" and a cap height is
# about INK_TO_TYPE of the type size, so on a scanned page the unit for a wide gap is the taller of the
# two words beside it, scaled up to type size.
INK_TO_TYPE = 1.4


def _split_segments(words: list[Word], page: int, row: int, em: float, ink: bool = False) -> list[Segment]:
    groups: list[list[Word]] = []
    for w in words:
        if w.text in _SEPARATORS and groups:
            groups.append([])  # an explicit separator always ends a phrase
            continue
        h = max(min(w.box.h, 2 * em), 0.5 * em)
        if ink and groups and groups[-1]:
            h = max(h, min(groups[-1][-1].box.h, 2 * em)) * INK_TO_TYPE
        if groups and groups[-1] and w.box.x - groups[-1][-1].box.right <= 0.9 * h:
            groups[-1].append(w)
        else:
            groups.append([w])
    groups = [g for g in groups if g]
    return [Segment(g, page, row, i) for i, g in enumerate(groups)]


def strip_bullet(words: list[Word]) -> list[Word]:
    """Words without a leading bullet glyph."""
    out = list(words)
    while out and (out[0].text in _BULLETS or re.fullmatch(r"[•·▪●\-*]+", out[0].text)):
        out = out[1:]
    if out and out[0].text[:1] in "•·▪●" and len(out[0].text) > 1:
        first = out[0]
        out[0] = Word(first.text[1:].lstrip(), first.box, first.confidence)
    return out


def is_bullet(word: Word) -> bool:
    return word.text in _BULLETS or word.text[:1] in "•·▪●"


def below(a: Box, b: Box, em: float, max_rows: float = 2.6) -> bool:
    """b sits under a, within `max_rows` line heights, overlapping it horizontally."""
    dy = b.y - a.bottom
    overlap = min(a.right, b.right) - max(a.x, b.x)
    return -0.3 * em <= dy <= max_rows * em and overlap > -0.5 * em
