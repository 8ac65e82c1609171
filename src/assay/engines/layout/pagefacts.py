"""What a page shows about the document it belongs to: its title block, its running header and
footer, its printed page number ("Page 2 of 5"), and the document numbers printed on it.

Classify and split read pages through these facts: a first page has a title block at the top
(text larger than the page's body text); a later page repeats its document's header or number and
counts on from the page before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assay.domain.document import Page
from assay.engines.layout.geometry import Row, layout_page

_TITLE_SIZE = 1.3  # a title's letters are at least this many times the page's usual height
_PAGE_OF = re.compile(r"(?i)\b(?:page|pg|p)\.?\s*(\d{1,3})\s*(?:of|/|von|de|sur)\s*(\d{1,3})\b")
_PAGE_ALONE = re.compile(r"(?i)^\s*(?:page|pg|p\.?)\s*(\d{1,3})\s*$|^\s*[-–]\s*(\d{1,3})\s*[-–]\s*$")
_FRACTION = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$")
_DOC_NUMBER = re.compile(r"^(?=[A-Z0-9/-]*\d{4})[A-Z]{0,5}[-/]?\d[\d/-]{3,}[A-Z0-9-]*$")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^(19|20)\d\d$")


@dataclass(slots=True)
class PageFacts:
    number: int
    text: str  # all the page's text, row by row
    head: str  # the first two rows: what a reader sees first
    title: str  # text clearly larger than the body near the top; '' when the page has none
    top: str  # the top row (a running header on later pages)
    bottom: str  # the bottom row (a footer)
    mark: tuple[int, int | None] | None  # the printed page number, and the page count when printed
    numbers: set[str] = field(default_factory=set)  # document-number-like tokens

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def page_facts(page: Page) -> PageFacts:
    layout = layout_page(page)
    rows = layout.rows
    em = layout.em
    texts = [r.text for r in rows]
    content_top = rows[0].box.y if rows else 0.0
    head_rows = [r for r in rows[:2] if r.box.y < content_top + 0.3 * page.height]
    title_rows = [r for r in rows if r.box.y < content_top + 0.3 * page.height and _height(r) >= _TITLE_SIZE * em]
    return PageFacts(
        number=page.number,
        text="\n".join(texts),
        head="\n".join(r.text for r in head_rows),
        title="\n".join(r.text for r in title_rows[:3]),
        top=texts[0] if texts else "",
        bottom=texts[-1] if texts else "",
        mark=_mark(texts[:3] + texts[-3:]),
        numbers={w for r in rows for w in (x.text.strip(".,:;()#") for x in r.words) if _is_number(w)},
    )


def _height(row: Row) -> float:
    return max(w.box.h for w in row.words)


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


def _is_number(token: str) -> bool:
    return bool(_DOC_NUMBER.match(token)) and not _DATE_LIKE.match(token)
