"""Where the documents of a bundle begin and end, and what kind each is, offline.

Every page gets the probability of each category (and of none, when uncategorized pages are
allowed), and every page turn the probability that a new document starts there (`boundaries`).
The best segmentation is then found by dynamic programming over the pages (Viterbi): a segment's
first page speaks fully for its category, its later pages only a little (the pages of a contract
after the first do not say "contract"), a boundary costs what the page-turn evidence says, and a
segment is never shorter than `min_pages_per_split`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from assay.domain.classification import Category, Evidence, Segment, SplitStrategy, Uncategorized
from assay.domain.document import Document
from assay.engines.layout import kinds as kinds_
from assay.engines.layout.boundaries import Boundary, boundary
from assay.engines.layout.pagefacts import PageFacts, page_facts
from assay.errors import InvalidFieldError

LATER_PAGE_WEIGHT = 0.5  # a later page's say in its segment's category, against the first page's 1


def split(document: Document, categories: list[Category], strategy: SplitStrategy | None = None) -> list[Segment]:
    strategy = strategy or SplitStrategy()
    if not categories:
        raise InvalidFieldError("Split needs at least one category.")
    facts = [page_facts(p) for p in document.pages]
    if not facts:
        return []
    kinds = [kinds_.Kind(c.name, c.description) for c in categories]
    with_none = strategy.allow_uncategorized != Uncategorized.FORBID
    logp = [[0.0] * (len(kinds) + with_none) if f.empty else kinds_.log_probabilities(s, with_none=with_none)
            for f, s in zip(facts, kinds_.score_pages(facts, kinds), strict=True)]
    turns = _turns(facts)
    runs = _best_path(logp, turns, max(1, strategy.min_pages_per_split))
    segments = [_segment(run, facts, logp, turns, kinds) for run in runs]
    if strategy.allow_uncategorized == Uncategorized.OMIT:
        segments = [s for s in segments if s.category is not None]
    return segments


def _turns(facts: list[PageFacts]) -> list[Boundary | None]:
    """The boundary evidence before each page (None before the first). A blank page (the back of a
    sheet) belongs to the document before it, and the page after it is compared with the last page
    that had words."""
    turns: list[Boundary | None] = [None]
    last = facts[0]
    for page in facts[1:]:
        if page.empty:
            blank = Boundary(page.number)
            blank.add(f"page {page.number} is blank", -6.0)
            turns.append(blank)
        else:
            turns.append(boundary(last, page))
            last = page
    return turns


@dataclass(slots=True)
class _Run:
    start: int  # index into the pages
    end: int  # one past the last page
    label: int  # index into the categories; len(categories) is "none"


def _best_path(logp: list[list[float]], turns: list[Boundary | None], min_pages: int) -> list[_Run]:
    """Viterbi over states (label, pages so far in the segment, capped at min_pages)."""
    n, labels = len(logp), len(logp[0])
    states = [(c, k) for c in range(labels) for k in range(1, min_pages + 1)]
    score = {(c, 1): logp[0][c] for c in range(labels)}
    back: list[dict[tuple[int, int], tuple[tuple[int, int], bool]]] = [{}]
    for i in range(1, n):
        turn = turns[i]
        assert turn is not None
        p = min(max(turn.probability, 1e-6), 1 - 1e-6)
        new_cost, stay_cost = math.log(p), math.log(1 - p)
        closed = [(s, v) for s, v in score.items() if s[1] >= min_pages]
        best_closed = max(closed, key=lambda sv: sv[1]) if closed else None
        nxt: dict[tuple[int, int], float] = {}
        ptr: dict[tuple[int, int], tuple[tuple[int, int], bool]] = {}
        for c, k in states:
            options = []
            if k == 1 and best_closed is not None:
                options.append((best_closed[1] + new_cost + logp[i][c], best_closed[0], True))
            for s in _stay_from(c, k, min_pages):
                if s in score:
                    options.append((score[s] + stay_cost + LATER_PAGE_WEIGHT * logp[i][c], s, False))
            if options:
                value, prev, is_new = max(options, key=lambda o: o[0])
                nxt[(c, k)], ptr[(c, k)] = value, (prev, is_new)
        score = nxt
        back.append(ptr)
    finished = [(s, v) for s, v in score.items() if s[1] >= min_pages] or list(score.items())
    state = max(finished, key=lambda sv: sv[1])[0]
    starts, labels_at = [], []
    for i in range(n - 1, -1, -1):
        if i == 0:
            starts.append(0)
            labels_at.append(state[0])
            break
        prev, is_new = back[i][state]
        if is_new:
            starts.append(i)
            labels_at.append(state[0])
        state = prev
    starts.reverse()
    labels_at.reverse()
    ends = [*starts[1:], n]
    return [_Run(s, e, c) for s, e, c in zip(starts, ends, labels_at, strict=True)]


def _stay_from(label: int, k: int, min_pages: int) -> list[tuple[int, int]]:
    """The states a segment's page k (capped at min_pages) continues from."""
    if min_pages == 1:
        return [(label, 1)]
    if k == 1:
        return []
    return [(label, k - 1)] if k < min_pages else [(label, k - 1), (label, k)]


def _segment(run: _Run, facts: list[PageFacts], logp: list[list[float]], turns: list[Boundary | None],
             kinds: list[kinds_.Kind]) -> Segment:
    totals = [logp[run.start][c] + LATER_PAGE_WEIGHT * sum(logp[i][c] for i in range(run.start + 1, run.end))
              for c in range(len(logp[0]))]
    top = max(totals)
    category_confidence = math.exp(totals[run.label] - top) / sum(math.exp(t - top) for t in totals)
    decided = []  # the probability of each boundary decision this segment rests on
    reasons = []
    if run.start > 0 and (start := turns[run.start]) is not None:
        decided.append(start.probability)
        reasons += [r for r, w in start.reasons if w > 0]
    decided += [1 - t.probability for t in turns[run.start + 1:run.end] if t is not None]
    if run.end < len(facts) and (after := turns[run.end]) is not None:
        decided.append(after.probability)
    confidence = min([category_confidence, *decided])
    kind = kinds[run.label] if run.label < len(kinds) else None
    first = facts[run.start]
    evidence: tuple[Evidence, ...] = ()
    if kind is not None:
        words = kinds_.evidence_words(kind, first)
        evidence = (Evidence(first.number, tuple(words)),) if words else ()
        reasons.append(f"page {first.number} matches {kind.name!r}" +
                       (f" on {', '.join(repr(w) for w in words[:6])}" if words else ""))
    else:
        reasons.append(f"page {first.number} fits none of the categories")
    pages = tuple(f.number for f in facts[run.start:run.end])
    reasoning = "; ".join(reasons)
    return Segment(kind.name if kind else None, pages, round(confidence, 4),
                   reasoning[:1].upper() + reasoning[1:] + ".", evidence)
