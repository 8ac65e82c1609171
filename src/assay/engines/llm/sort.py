"""Classify and split with an OpenAI-compatible model, returning the same domain types as the layout engine.

Classify asks once, over the first pages' text, for one of the rules' types (or "none"), a confidence
and short quotes; split asks, a batch of pages at a time, for each page's category and whether a new
document starts on it, then joins pages into segments and applies the strategy here (uncategorized
pages, the shortest segment). The model's answer is constrained by a JSON Schema whose enums are the
user's names, validated, and repaired once. Evidence is what Assay finds on the pages: a quote the
model gives counts only where it is printed, so `reasoning` never cites words that are not there.
"""

from __future__ import annotations

import asyncio
import re

from assay.domain.classification import (
    UNCATEGORIZED,
    Category,
    Classification,
    Evidence,
    Rule,
    Segment,
    SplitStrategy,
    Uncategorized,
)
from assay.domain.document import Document
from assay.domain.options import LLMOptions
from assay.engines.llm import structured as S
from assay.engines.llm.client import ChatClient
from assay.engines.llm.engine import run_sync
from assay.errors import InvalidFieldError

CLASSIFY_PAGES = 3  # a document names itself on its first pages
PAGE_CHARS = 1500  # of each page's text, for classify
SPLIT_PAGE_CHARS = 600  # of each page's text, for split: enough for headings, letterheads, page marks
SPLIT_BATCH = 8  # pages per split question
UNVERIFIED = 0.6  # the confidence kept when none of the model's quotes is printed in the document
NONE = "none"


def classify(document: Document, rules: list[Rule], llm: LLMOptions) -> Classification:
    if not rules:
        raise InvalidFieldError("Classify needs at least one rule.")
    pages = [p for p in document.pages if p.text.strip()][:CLASSIFY_PAGES]
    if not pages:
        return Classification(None, 0.0, "The document has no readable text.")
    return run_sync(_classify(pages, rules, llm))


async def _classify(pages: list, rules: list[Rule], llm: LLMOptions) -> Classification:
    types = [r.type for r in rules]
    schema = {"type": "object", "additionalProperties": False,
              "required": ["type", "confidence", "quotes", "reasoning"],
              "properties": {"type": {"type": "string", "enum": [*types, NONE]},
                             "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                             "quotes": {"type": "array", "maxItems": 6, "items": {"type": "string", "maxLength": 80}},
                             "reasoning": {"type": "string", "maxLength": 400}}}
    guide = "\n".join(f"- {r.type}: {r.description or r.type}" for r in rules)
    text = "\n\n".join(f"--- Page {p.number} ---\n{p.text[:PAGE_CHARS]}" for p in pages)
    messages = [
        {"role": "system", "content": "You sort documents into the kinds the user names. Answer with JSON only."},
        {"role": "user", "content": f"Kinds of document:\n{guide}\n\nWhich kind is this document? Answer "
                                    f"\"{NONE}\" if no kind fits. Give a confidence from 0 to 1, up to six short "
                                    f"quotes copied exactly from the document that show it, and one sentence of "
                                    f"reasoning. Reply with JSON matching this schema:\n{schema}\n\nDocument:\n{text}"},
    ]
    answer = await _ask(llm, messages, schema)
    chosen = None if answer["type"] == NONE else answer["type"]
    evidence = _evidence(pages, [*answer["quotes"], *([chosen] if chosen else [])])
    confidence = min(1.0, max(0.0, float(answer["confidence"])))
    if chosen is not None and not evidence:
        confidence = min(confidence, UNVERIFIED)
    found = " ".join(f"Page {e.page} has {', '.join(repr(w) for w in e.words)}." for e in evidence)
    verdict = f"The model chose {chosen!r}." if chosen else "The model found that no rule matches."
    reasoning = " ".join(part for part in (verdict, answer["reasoning"].strip(), found) if part)
    return Classification(chosen, round(confidence, 4), reasoning, evidence)


def _evidence(pages: list, quotes: list[str]) -> tuple[Evidence, ...]:
    """The quotes printed on each page (case and spacing aside), page by page."""
    found = []
    for page in pages:
        flat = _flat(page.text)
        words = tuple(dict.fromkeys(q.strip() for q in quotes if q and q.strip() and _flat(q) in flat))
        if words:
            found.append(Evidence(page.number, words))
    return tuple(found)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def split(document: Document, categories: list[Category], strategy: SplitStrategy, llm: LLMOptions) -> list[Segment]:
    if not categories:
        raise InvalidFieldError("Split needs at least one category.")
    if not document.pages:
        return []
    labels = run_sync(_label_pages(document, categories, strategy, llm))
    return segments_from_labels(document, labels, strategy)


async def _label_pages(document: Document, categories: list[Category], strategy: SplitStrategy,
                       llm: LLMOptions) -> dict[int, tuple[str | None, bool, float]]:
    """page number → (category or None, starts a new document, confidence)."""
    names = [c.name for c in categories]
    allowed = names if strategy.allow_uncategorized is Uncategorized.FORBID else [*names, UNCATEGORIZED]
    guide = "\n".join(f"- {c.name}: {c.description or c.name}" for c in categories)
    pages = document.pages
    batches = [pages[i:i + SPLIT_BATCH] for i in range(0, len(pages), SPLIT_BATCH)]
    answers = await asyncio.gather(*(_label_batch(batch, allowed, guide, strategy, llm) for batch in batches))
    return {number: label for answer in answers for number, label in answer.items()}


async def _label_batch(batch: list, allowed: list[str], guide: str, strategy: SplitStrategy,
                       llm: LLMOptions) -> dict[int, tuple[str | None, bool, float]]:
    numbers = [p.number for p in batch]
    item = {"type": "object", "additionalProperties": False,
            "required": ["page", "category", "starts_new_document", "confidence"],
            "properties": {"page": {"type": "integer", "enum": numbers},
                           "category": {"type": "string", "enum": allowed},
                           "starts_new_document": {"type": "boolean"},
                           "confidence": {"type": "number", "minimum": 0, "maximum": 1}}}
    schema = {"type": "object", "additionalProperties": False, "required": ["pages"],
              "properties": {"pages": {"type": "array", "items": item,
                                       "minItems": len(batch), "maxItems": len(batch)}}}
    text = "\n\n".join(f"--- Page {p.number} ---\n{p.text[:SPLIT_PAGE_CHARS]}" for p in batch)
    other = "" if UNCATEGORIZED not in allowed else f" Use \"{UNCATEGORIZED}\" for a page that fits no category."
    extra = f"\nGuidance: {strategy.custom_instructions}" if strategy.custom_instructions else ""
    messages = [
        {"role": "system", "content": "You split scanned bundles into their documents. Answer with JSON only."},
        {"role": "user", "content": f"Categories:\n{guide}\n\nFor each page below, give its category, whether a new "
                                    f"document starts on it (a title, a new letterhead, page numbering that "
                                    f"restarts), and a confidence from 0 to 1.{other}{extra}\nReply with JSON "
                                    f"matching this schema:\n{schema}\n\nPages:\n{text}"},
    ]
    answer = await _ask(llm, messages, schema)
    labels = {}
    for entry in answer["pages"]:
        category = None if entry["category"] == UNCATEGORIZED else entry["category"]
        labels[entry["page"]] = (category, bool(entry["starts_new_document"]),
                                 min(1.0, max(0.0, float(entry["confidence"]))))
    return labels


def segments_from_labels(document: Document, labels: dict[int, tuple[str | None, bool, float]],
                         strategy: SplitStrategy) -> list[Segment]:
    """Pages labelled (category, starts a new document, confidence) joined into segments: a new one where a
    document starts or the category changes; then the shortest joins a neighbour until none is shorter than
    min_pages_per_split (the merged segment keeps the longer side's category, a real one on a tie)."""
    runs: list[list] = []  # [category, pages, confidences]
    for page in document.pages:  # a page the model left out stays with the one before it
        category, starts, confidence = labels.get(page.number, (runs[-1][0] if runs else None, False, 0.0))
        if not runs or starts or category != runs[-1][0]:
            runs.append([category, [], []])
        runs[-1][1].append(page.number)
        runs[-1][2].append(confidence)
    while len(runs) > 1:  # the shortest joins its neighbour (the one before it, if any)
        i = min(range(len(runs)), key=lambda k: len(runs[k][1]))
        if len(runs[i][1]) >= strategy.min_pages_per_split:
            break
        j = i - 1 if i > 0 else i + 1
        a, b = sorted((i, j))
        category = max(runs[i], runs[j], key=lambda r: (len(r[1]), r[0] is not None))[0]
        runs[a] = [category, runs[a][1] + runs[b][1], runs[a][2] + runs[b][2]]
        del runs[b]
    segments = [Segment(category, tuple(pages), round(sum(conf) / len(conf), 4), _reasoning(category, pages))
                for category, pages, conf in runs]
    if strategy.allow_uncategorized is Uncategorized.OMIT:
        segments = [s for s in segments if s.category is not None]
    return segments


def _reasoning(category: str | None, pages: list[int]) -> str:
    span = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"
    return f"The model labelled {span} {category or UNCATEGORIZED!r}."


async def _ask(llm: LLMOptions, messages: list[dict[str, str]], schema: dict) -> dict:
    """One question, its answer constrained, parsed, validated, and repaired once."""
    client = ChatClient(llm)
    try:
        fmt = S.response_format(await S.detect_mode(client), schema, "sorting")
        reply = (await client.chat(messages, response_format=fmt)).content
        value = S.parse_json(reply)
        errors = S.problems(value, schema)
        if errors:
            retry = [*messages, {"role": "assistant", "content": reply[:4000]},
                     {"role": "user", "content": S.repair_message(errors)}]
            value = S.parse_json((await client.chat(retry, response_format=fmt)).content)
            errors = S.problems(value, schema)
            if errors:
                raise S.InvalidOutputError(f"The model's answer does not fit the schema, even after a repair "
                                           f"round-trip: {'; '.join(errors[:5])}")
        return value
    finally:
        await client.aclose()
