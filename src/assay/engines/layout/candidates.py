"""A proposed value for one field, with the evidence and the signals behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assay.domain.document import Box, Word
from assay.engines.base import Hint

# How a value's type fit (1.0: it reads exactly as the field's type; less: a number with an unknown
# unit, an OCR-damaged figure, a date without its year) scales a candidate's score: by at least
# TYPE_FIT_FLOOR, rising to 1 with the fit. Fit breaks ties between candidates, it does not veto them;
# a lower floor would let a well-typed value under a weaker label beat the labelled one.
TYPE_FIT_FLOOR = 0.6
TYPE_FIT_SHARE = 0.4  # 1 - TYPE_FIT_FLOOR, written out so the products stay exactly as tuned


@dataclass(slots=True)
class Candidate:
    value: Any
    page: int
    words: list[Word]  # the printed value
    score: float  # how much the engine believes it, before calibration
    how: str  # the mechanism: inline, right, below, table, checkbox, prose, block, ...
    label_sim: float = 0.0
    fit: float = 1.0
    boxes: list[Box] = field(default_factory=list)  # when the evidence is not words (a tick box)
    inferred: bool = False
    margin: float = 1.0  # lead over the runner-up for the same field
    row: int | None = None  # the row of its label, for section scoping
    arithmetic: float = 0.0  # 1: the document's sums confirm it; -1: they contradict it; 0: they say nothing
    guessed: bool = False  # nothing printed told its field from another's: a table column taken in the schema's order

    def key(self) -> tuple[int, tuple[int, ...]]:
        """Identity of the printed words, to keep one printed value from filling two fields."""
        return self.page, tuple(id(w) for w in self.words)

    def hint(self) -> Hint:
        boxes = list(self.boxes) or [w.box for w in self.words]
        return Hint(
            confidence=self.score,
            page=self.page,
            boxes=boxes,
            text=" ".join(w.text for w in self.words) or None,
            features={"score": self.score, "label_sim": self.label_sim, "fit": self.fit,
                      "margin": self.margin, "how": _HOW_CODES.get(self.how, 0.0),
                      "ocr": min((w.confidence for w in self.words), default=1.0),
                      "ocr_errors": sum(1.0 - w.confidence for w in self.words),
                      f"source_{SOURCE_OF_HOW.get(self.how, 'unlabelled')}": 1.0,
                      "inferred": 1.0 if self.inferred else 0.0, "arithmetic": self.arithmetic,
                      "guessed": 1.0 if self.guessed else 0.0},
            inferred=self.inferred,
        )


def assign(cands: dict[tuple[str, ...], list[Candidate]]) -> dict[tuple[str, ...], Candidate]:
    """Each field its surest candidate, the surest first, and no printed words to two fields. Of fields that want
    the same words equally, the one with the weaker other reading takes them: both are filled where one can be
    (a form's "Contact number" read alike as the applicant's phone and the emergency contact's, the applicant's
    own "Primary Phone" read less surely)."""
    ranked = [(c.score, fallback(c), path, c) for path, cs in cands.items() for fallback in [_fallbacks(cs)]
              for c in cs]
    ranked.sort(key=lambda t: (-t[0], t[1]))
    chosen: dict[tuple[str, ...], Candidate] = {}
    used: set = set()
    for _score, _other, path, c in ranked:
        if path in chosen:
            continue
        key = c.key()
        if c.words and key in used:
            continue
        others = [o.score for o in cands[path] if o is not c and o.value != c.value]
        c.margin = c.score - max(others, default=0.0)
        chosen[path] = c
        if c.words:
            used.add(key)
    return chosen


def _fallbacks(cs: list[Candidate]) -> Callable[[Candidate], float]:
    """For a field's candidates: each one's field's surest reading from other words than its own, or 0."""
    best: dict[tuple[int, tuple[int, ...]], float] = {}
    for o in cs:
        if o.words:
            best[o.key()] = max(best.get(o.key(), 0.0), o.score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])[:2]
    return lambda c: next((score for key, score in ranked if key != c.key()), 0.0)


_HOW_CODES = {"inline": 1.0, "right": 2.0, "below": 3.0, "table": 4.0, "checkbox": 5.0, "prose": 6.0,
              "block": 7.0, "list": 8.0, "pattern": 9.0, "heading": 10.0, "phrase": 11.0, "section": 12.0,
              "above": 13.0}
HOW_NAMES = {v: k for k, v in _HOW_CODES.items()}

# The kind of evidence behind a mechanism, the same on any document: for the confidence model
# (pipeline/confidence.py), which reads `source_<kind>` = 1 from a hint's features.
SOURCE_OF_HOW = {"inline": "label", "right": "label", "below": "label", "above": "label", "checkbox": "label",
                 "table": "table", "list": "table", "prose": "prose", "phrase": "prose", "block": "letterhead",
                 "heading": "letterhead", "section": "section", "pattern": "unlabelled"}
