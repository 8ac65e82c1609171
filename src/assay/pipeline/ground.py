"""Grounding: find where each extracted value is printed, and cite it (step ④ of the pipeline).

Citations are always computed here from the document's own words, never copied from an engine.
An engine's hint (the page and boxes it read a value from) is only the first place to look: the
words found there must actually say the value. Otherwise the whole document is searched, in
three passes of decreasing strictness:

* exact       the printed words are the value's text ("A5616-50");
* normalized  the printed words read as the same typed value ("$1,234.50" for 1234.5,
              "11 March 2026" for "2026-03-11", "Net 30" for an enum "Net 30"), or equal after
              folding case, accents and punctuation;
* fuzzy       a string within a small edit distance (OCR noise).

A value derived rather than printed (a ticked box for `true`, "two (2) years" for 24 months) keeps
the engine's evidence boxes when they lie on the page, marked `inferred`. A value found nowhere is
`none`: no citation, never a guessed box.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from assay.domain import values as V
from assay.domain.document import Box, Document, Page, TextSource, Word, line_boxes
from assay.domain.fields import Field, ReadContext, read_context, read_scalar
from assay.engines.base import Hint

_MAX_WINDOW = 12


@dataclass(slots=True)
class Grounding:
    kind: str  # exact | normalized | fuzzy | inferred | none
    page: Page | None = None
    words: list[Word] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)  # one per printed line

    @property
    def matching_text(self) -> str:
        return " ".join(w.text for w in self.words)

    def citation(self) -> dict | None:
        if self.page is None:
            return None
        return {
            "page": self.page.number,
            "matching_text": self.matching_text,
            "bounding_boxes": [self.page.source_box(b).to_dict() for b in self.boxes],
            "page_dimensions": {"width": round(self.page.width, 2), "height": round(self.page.height, 2)},
        }

    @property
    def parsing_confidence(self) -> float:
        if self.page is None:
            return 1.0
        if self.words and self.page.text_source == TextSource.OCR:
            return min(w.confidence for w in self.words)
        return 1.0 if self.page.text_source != TextSource.OCR else (self.page.ocr_confidence or 0.8)


def ground_value(document: Document, value: Any, node: dict, hint: Hint | None, ctx: ReadContext) -> Grounding:
    """Locate `value` (of schema `node`) in `document`."""
    if value is None or value == "" or value == []:
        return Grounding("none")
    f = Field(("value",), node)
    if hint is not None and hint.page is not None:
        got = _at_hint(document, value, f, hint, ctx)
        if got is not None:
            return got
    if isinstance(value, bool):
        return Grounding("none")
    for kind in ("exact", "normalized", "fuzzy"):
        got = _search(document, value, f, ctx, kind, hint.page if hint else None)
        if got is not None:
            return got
    return Grounding("none")


class Grounder:
    """`ground_value` for one document, remembered: the grounder handed to each engine, which asks
    where a candidate value is printed (the `openai` engine ranks a model's answers by it)."""

    def __init__(self, document: Document, ctx: ReadContext | None = None) -> None:
        self.document = document
        self.ctx = ctx or read_context(document)
        self._cache: dict[tuple[str, str, int | None], Grounding] = {}

    def ground(self, value: Any, node: dict, prefer_page: int | None = None) -> Grounding:
        if value is None or isinstance(value, (dict, list)):
            return Grounding("none")
        key = (json.dumps(value), json.dumps({k: node.get(k) for k in ("type", "format", "description")}),
               prefer_page)
        got = self._cache.get(key)
        if got is None:
            hint = Hint(confidence=0.0, page=prefer_page) if prefer_page else None
            got = self._cache[key] = ground_value(self.document, value, node, hint, self.ctx)
        return got


def _at_hint(document: Document, value: Any, f: Field, hint: Hint, ctx: ReadContext) -> Grounding | None:
    try:
        page = document.page(hint.page)
    except KeyError:
        return None
    words = _words_in(page, hint.boxes)
    if words:
        kind = _compare(words, value, f, ctx, fuzzy=True)
        if kind is not None:
            words = _without_unit(words, value, f, ctx)
            boxes = _per_line(hint.boxes) if hint.inferred else line_boxes(words)
            return Grounding(kind, page, words, boxes)
    if hint.inferred and hint.boxes and all(_on_page(b, page) for b in hint.boxes):
        return Grounding("inferred", page, words, _per_line(hint.boxes))
    return None


_UNIT_WORD = re.compile(r"(?i)^(mm|cm|m|km|in|inch|inches|ft|g|kg|lb|lbs|oz|days?|weeks?|months?|years?|yrs?|"
                        r"hours?|hrs?|pcs|ea|units?)[.,;]?$")


def _without_unit(words: list[Word], value: Any, f: Field, ctx: ReadContext) -> list[Word]:
    """'73 cm' for 73: the citation boxes the number, not the unit printed after it."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return words
    out = list(words)
    while len(out) > 1 and _UNIT_WORD.match(out[-1].text) and _compare(out[:-1], value, f, ctx, False) is not None:
        out.pop()
    return out


def _words_in(page: Page, areas: list[Box]) -> list[Word]:
    """Words whose centre lies in any of `areas`, found through a by-height index of the page."""
    if not areas:
        return []
    ys, ws, order = _index(page)
    top = min(a.y for a in areas) - 1
    bottom = max(a.bottom for a in areas) + 1
    lo, hi = bisect.bisect_left(ys, top), bisect.bisect_right(ys, bottom)
    picked = [w for w in ws[lo:hi] if any(a.holds_centre(w.box) for a in areas)]
    return sorted(picked, key=lambda w: order.get(id(w), 0)) if len(picked) > 1 else picked


_INDEX: dict[int, tuple[Page, list[float], list[Word], dict[int, int]]] = {}


def _index(page: Page) -> tuple[list[float], list[Word], dict[int, int]]:
    """The page's words by height, their heights, and each word's place in reading order (by id)."""
    got = _INDEX.get(id(page))
    if got is None or got[0] is not page:
        ws = sorted(page.words, key=lambda w: w.box.cy)
        if len(_INDEX) > 256:
            _INDEX.clear()
        got = _INDEX[id(page)] = (page, [w.box.cy for w in ws], ws, {id(w): i for i, w in enumerate(page.words)})
    return got[1], got[2], got[3]


def _on_page(b: Box, page: Page) -> bool:
    return -1 <= b.x and b.right <= page.width + 1 and -1 <= b.y and b.bottom <= page.height + 1


def _search(document: Document, value: Any, f: Field, ctx: ReadContext, kind: str,
            prefer_page: int | None) -> Grounding | None:
    n_words = len(str(value).split())
    sizes = sorted({max(1, n_words + d) for d in (0, -1, 1, 2)} | ({1, 2, 3, 4} if not isinstance(value, str)
                   or f.is_date else set()))
    pages = sorted(document.pages, key=lambda p: (p.number != prefer_page, p.number))
    for page in pages:
        words = page.words
        for size in sizes:
            if size > _MAX_WINDOW:
                continue
            for i in range(len(words) - size + 1):
                window = words[i:i + size]
                if _compare(window, value, f, ctx, fuzzy=kind == "fuzzy", only=kind) == kind:
                    return Grounding(kind, page, window, line_boxes(window))
    return None


def _compare(words: list[Word], value: Any, f: Field, ctx: ReadContext, fuzzy: bool,
             only: str | None = None) -> str | None:
    text = " ".join(w.text for w in words)
    want = _as_text(value)
    if only in (None, "exact") and text.strip(" ,;:") == want:
        return "exact"
    if only in (None, "normalized"):
        if _norm(text) == _norm(want) and _norm(want):
            return "normalized"
        if not isinstance(value, str) or f.is_date or f.is_time or f.is_month:
            if not isinstance(value, str):  # "$25.00." ending a sentence
                text = re.sub(r"(?<=\d)[.,;:]$", "", text)
            got = read_scalar(text, _typed_like(f, value), ctx)
            if got is not None and _same(got[0], value):
                return "normalized"
    if fuzzy and only in (None, "fuzzy") and isinstance(value, str) and len(want) >= 6:
        if fuzz.ratio(_norm(text), _norm(want)) >= 88:
            return "fuzzy"
    return None


def _typed_like(f: Field, value: Any) -> Field:
    """A field that reads text as `value`'s own type (an enum or a bool is matched as printed)."""
    if isinstance(value, bool):
        return Field(("v",), {"type": "boolean"})
    if isinstance(value, (int, float)):
        return Field(("v",), {"type": "number"})
    node = {k: v for k, v in f.node.items() if k != "enum"}
    return Field(f.path, node)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-6 or abs(abs(float(a)) - abs(float(b))) < 1e-6
    return a == b


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", "", V.fold(text))


def _per_line(boxes: list[Box]) -> list[Box]:
    """The evidence boxes joined per printed line: a phrase wrapped over two lines keeps two boxes."""
    return line_boxes([Word("", b) for b in boxes])
