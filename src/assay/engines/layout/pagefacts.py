"""What a page shows about the document it belongs to: its title block, its running header and
footer, its printed page number ("Page 2 of 5"), and the document numbers printed on it.

Classify and split read pages through these facts: a first page has a title block at the top
(text larger than the page's body text); a later page repeats its document's header or number and
counts on from the page before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assay.domain.document import Page, Word
from assay.engines.layout.geometry import Row, layout_page

_TITLE_SIZE = 1.3  # a title's letters are at least this many times the page's usual height
_HEADING_SIZE = 1.12  # a heading's, this many (or it is in capitals)
_PAGE_OF = re.compile(r"(?i)\b(?:page|pg|p)\.?\s*(\d{1,3})\s*(?:of|/|von|de|sur)\s*(\d{1,3})\b")
_PAGE_ALONE = re.compile(r"(?i)^\s*(?:page|pg|p\.?)\s*(\d{1,3})\s*$|^\s*[-–]\s*(\d{1,3})\s*[-–]\s*$")
_FRACTION = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$")
_DOC_NUMBER = re.compile(r"^(?=[A-Z0-9/-]*\d{4})[A-Z]{0,5}[-/]?\d[\d/-]{3,}[A-Z0-9-]*$")
_TALL = re.compile(r"[A-Z0-9bdfhklt]")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^(19|20)\d\d$")


@dataclass(slots=True)
class PageFacts:
    number: int
    text: str  # all the page's text, row by row
    head: str  # the first two rows: what a reader sees first
    title: str  # text clearly larger than the body near the top; '' when the page has none
    headings: str  # short rows alone on their line, larger than the body or in capitals
    top: str  # the top row (a running header on later pages)
    bottom: str  # the bottom row (a footer)
    mark: tuple[int, int | None] | None  # the printed page number, and the page count when printed
    numbers: set[str] = field(default_factory=set)  # document-number-like tokens
    head_numbers: set[str] = field(default_factory=set)  # those printed in the top third of the page

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def page_facts(page: Page) -> PageFacts:
    layout = layout_page(page)
    rows = layout.rows
    em = _body_height(page.words) or layout.em
    texts = [r.text for r in rows]
    content_top = rows[0].box.y if rows else 0.0
    head_rows = [r for r in rows[:2] if r.box.y < content_top + 0.3 * page.height]
    near_top = [r for r in rows if r.box.y < content_top + 0.3 * page.height]
    title_rows = [r for r in near_top if _height(r) >= _TITLE_SIZE * em]
    heading_rows = [r for r in rows if _is_heading(r, em)]
    if title_rows:  # the title block: the large rows and the headings near them
        title_rows = [r for r in near_top if r in title_rows or r in heading_rows][:4]
    return PageFacts(
        number=page.number,
        text="\n".join(texts),
        head="\n".join(r.text for r in head_rows),
        title="\n".join(r.text for r in title_rows),
        headings="\n".join(r.text for r in heading_rows),
        top=texts[0] if texts else "",
        bottom=texts[-1] if texts else "",
        mark=_mark(texts[:3] + texts[-3:]),
        numbers=_numbers(rows),
        head_numbers=_numbers(near_top),
    )


def _body_height(words: list[Word]) -> float:
    """The median height of words as tall as a capital: OCR boxes hug the ink, so 'room' is shorter
    than 'Room' or '2026', and a row is compared with its own kind."""
    tall = sorted(w.box.h for w in words if _TALL.search(w.text))
    return tall[len(tall) // 2] if tall else 0.0


def _height(row: Row) -> float:
    return max(w.box.h for w in row.words)


def _is_heading(row: Row, em: float) -> bool:
    if len(row.words) > 6 or not re.search(r"[A-Za-z]{3}", row.text) or _has_wide_gap(row):
        return False
    letters = [c for c in row.text if c.isalpha()]
    return _height(row) >= _HEADING_SIZE * em or (len(letters) > 3 and all(c.isupper() for c in letters))


def _has_wide_gap(row: Row) -> bool:
    """Whether the row is several phrases apart (a label and its value, table cells), not one line of
    words. Measured against the row's tallest word, which OCR's tight boxes make safer than each word's."""
    height = _height(row)
    return any(b.box.x - a.box.right > 2.0 * height for a, b in zip(row.words, row.words[1:], strict=False))


def _mark(texts: list[str]) -> tuple[int, int | None] | None:
    for text in texts:
        if m := _PAGE_OF.search(text):
            i, n = int(m.group(1)), int(m.group(2))
            if 1 <= i <= n:
                return i, n
        if m := _FRACTION.match(text):
            i, n = int(m.group(1)), int(m.group(2))
            if 1 <= i <= n <= 200:
                return i, n
        if m := _PAGE_ALONE.match(text):
            return int(m.group(1) or m.group(2)), None
    return None


def _numbers(rows: list[Row]) -> set[str]:
    return {w for r in rows for w in (x.text.strip(".,:;()#") for x in r.words) if _is_number(w)}


def _is_number(token: str) -> bool:
    return bool(_DOC_NUMBER.match(token)) and not _DATE_LIKE.match(token)
