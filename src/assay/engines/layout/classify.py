"""Which of the user's rules a document is, offline.

The first page says most (a document names itself in its title block); later pages add a little.
The document gets the rule whose probability is highest, or no type when "none of them" is more
likely: a document no rule describes must not be forced into one.
"""

from __future__ import annotations

import math

from assay.domain.classification import Classification, Evidence, Rule
from assay.domain.document import Document
from assay.engines.layout import kinds as kinds_
from assay.engines.layout.pagefacts import page_facts

LATER_PAGE_WEIGHT = 0.5  # a later page's say in the document's kind, against the first page's 1


def classify(document: Document, rules: list[Rule]) -> Classification:
    facts = [f for f in (page_facts(p) for p in document.pages) if not f.empty]
    if not rules or not facts:
        return Classification(None, 1.0 if facts else 0.0, "No rules were given." if facts else
                              "The document has no readable text.")
    kinds = [kinds_.Kind(r.type, r.description) for r in rules]
    scores = kinds_.score_pages(facts, kinds)
    weights = [1.0] + [LATER_PAGE_WEIGHT] * (len(facts) - 1)
    combined = [sum(w * page[k] for w, page in zip(weights, scores, strict=True)) / sum(weights)
                for k in range(len(kinds))]
    probabilities = [math.exp(x) for x in kinds_.log_probabilities(combined, with_none=True)]
    ranked = sorted(range(len(kinds)), key=lambda k: -combined[k])
    best = ranked[0]
    if probabilities[-1] >= probabilities[best]:
        return Classification(None, probabilities[-1], _no_match(kinds[best], combined[best], facts))
    kind = kinds[best]
    evidence = tuple(Evidence(f.number, tuple(words)) for f in facts[:3]
                     if (words := kinds_.evidence_words(kind, f)))
    return Classification(kind.name, probabilities[best], _reasoning(kind, evidence, facts, kinds, ranked, combined),
                          evidence)


def _reasoning(kind: kinds_.Kind, evidence: tuple[Evidence, ...], facts: list, kinds: list[kinds_.Kind],
               ranked: list[int], combined: list[float]) -> str:
    parts = []
    if facts[0].title:
        parts.append(f"Page {facts[0].number} is titled {_quote(facts[0].title)}.")
    for e in evidence:
        parts.append(f"Page {e.page} has {', '.join(_quote(w) for w in e.words[:8])}, which match rule {kind.name!r}.")
    if len(ranked) > 1:
        second = kinds[ranked[1]]
        parts.append(f"Next best: {second.name!r} ({combined[ranked[1]]:.2f} against {combined[ranked[0]]:.2f}).")
    return " ".join(parts)


def _no_match(best: kinds_.Kind, score: float, facts: list) -> str:
    title = f" (page {facts[0].number} is titled {_quote(facts[0].title)})" if facts[0].title else ""
    return (f"No rule matches the document{title}: the closest, {best.name!r}, scores {score:.2f}, "
            f"below the {kinds_.NONE_SCORE:.2f} a match needs.")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:60]}'"
