"""Whether a new document starts at a page: the evidence between a page and the one before it.

Each piece of evidence adds log-odds for or against a boundary:
- the printed page number restarts ("Page 1 of 3") or counts on ("Page 2 of 3" after "Page 1 of 3"),
  or the page before was its document's last ("Page 3 of 3");
- the page opens with a title block (text larger than its body) or not; a title block like the page
  before's has no say (a letterhead printed on every page, or two documents of one kind);
- it repeats the page before's header or a document number printed on it, or opens with a letterhead
  or a number the page before does not have;
- its words resemble the page before's, or not.
The category evidence (a page that fits another kind) is weighed by split's segmentation, not here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assay.engines.layout.pagefacts import PageFacts
from assay.engines.layout.similarity import terms


@dataclass(slots=True)
class Boundary:
    """The log-odds that a document starts at `page`, and the reasons, each with its weight."""

    page: int
    log_odds: float = 0.0
    reasons: list[tuple[str, float]] = field(default_factory=list)

    def add(self, reason: str, weight: float) -> None:
        self.log_odds += weight
        self.reasons.append((reason, weight))

    @property
    def probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-self.log_odds))


def boundary(before: PageFacts, page: PageFacts) -> Boundary:
    b = Boundary(page.number)
    _page_numbers(b, before, page)
    if page.title and _same_line(page.title, before.title):  # a letterhead on every page, or two of a kind: no say
        b.add(f"page {page.number} opens like page {before.number} ({_short(page.title)})", 0.0)
    elif page.title:
        b.add(f"page {page.number} opens with a title block ({_short(page.title)})", 1.5)
    else:
        b.add(f"page {page.number} has no title block", -1.0)
    shared = {n for n in page.numbers & before.numbers if not n.isdigit() or len(n) >= 6}
    if shared:
        b.add(f"pages {before.number} and {page.number} share the number {sorted(shared)[0]}", -2.0)
    elif page.head_numbers and before.numbers:
        b.add(f"page {page.number} opens with a number page {before.number} does not have "
              f"({sorted(page.head_numbers)[0]})", 1.0)
    repeat = _header_repeat(before, page)
    if repeat >= 0.6:
        b.add(f"page {page.number}'s header repeats page {before.number}'s words", -2.0 * repeat)
    elif page.title and repeat == 0.0 and _new_letterhead(before, page):
        b.add(f"page {page.number} opens with a letterhead page {before.number} does not have "
              f"({_short(page.top)})", 0.75)
    likeness = _cosine(before.text, page.text)
    b.add(f"the two pages' words are {likeness:.0%} alike", 2.0 * (0.25 - likeness))
    return b


def _page_numbers(b: Boundary, before: PageFacts, page: PageFacts) -> None:
    if page.mark is not None:
        i, _ = page.mark
        if i == 1:
            b.add(f"page {page.number} is numbered 1", 3.0)
        elif before.mark is not None and before.mark[0] == i - 1:
            b.add(f"page {page.number} is numbered {i}, after {i - 1}", -4.0)
        else:
            b.add(f"page {page.number} is numbered {i}", -1.5)
    if before.mark is not None and before.mark[1] is not None:
        i, n = before.mark
        if i == n:
            b.add(f"page {before.number} is numbered {i} of {n}, its document's last", 2.5)
        else:
            b.add(f"page {before.number} is numbered {i} of {n}", -2.5)


def _same_line(a: str, b: str) -> bool:
    """Whether two title blocks open with the same line (OCR may misread a letter or two)."""
    first_a, first_b = (" ".join(terms(t.split("\n")[0])) for t in (a, b))
    return bool(first_a) and fuzz.ratio(first_a, first_b) >= 90


def _header_repeat(before: PageFacts, page: PageFacts) -> float:
    """The share of a later page's top-row words printed on the page before (a running header), when
    the top row is not the page's own title."""
    if not page.top or page.top in page.title:
        return 0.0
    words = [w for w in terms(page.top) if len(w) > 2]
    if len(words) < 2:
        return 0.0
    seen = set(terms(before.text))
    return sum(w in seen for w in words) / len(words)


def _new_letterhead(before: PageFacts, page: PageFacts) -> bool:
    """The page (which has a title block) opens with a line none of whose words are on the page before."""
    words = [w for w in terms(page.top) if len(w) > 2]
    return len(words) >= 2 and not set(words) & set(terms(before.text))


def _cosine(a: str, b: str) -> float:
    ca, cb = Counter(terms(a)), Counter(terms(b))
    dot = sum(v * cb[k] for k, v in ca.items())
    norm = math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def _short(text: str) -> str:
    return "'" + " ".join(text.split())[:50] + "'"
