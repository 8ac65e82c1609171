"""Which of the user's rules a document is, offline.

The first page says most (a document names itself in its title block); later pages add a little.
The document gets the best-scoring rule, or no type when even that one scores below the level a match
needs: a document no rule describes must not be forced into one. The confidence is the belief that
some rule matches (from the best score's distance to that level) times the best rule's share among the
rules; for no type, the belief that none matches.
"""

from __future__ import annotations

import math

from assay.domain.classification import Classification, Evidence, Rule
from assay.domain.document import Document
from assay.engines.layout import kinds as kinds_
from assay.engines.layout.pagefacts import page_facts
from assay.errors import InvalidFieldError

LATER_PAGE_WEIGHT = 0.5  # a later page's say in the document's kind, against the first page's 1
MATCH_SLOPE = 25.0  # how fast the belief that some rule matches grows with the best score's lead over NONE_SCORE


def classify(document: Document, rules: list[Rule]) -> Classification:
    if not rules:
        raise InvalidFieldError("Classify needs at least one rule.")
    facts = [f for f in (page_facts(p) for p in document.pages) if not f.empty]
    if not facts:
        return Classification(None, 0.0, "The document has no readable text.")
    kinds = [kinds_.Kind(r.type, r.description) for r in rules]
    scores = kinds_.score_pages(facts, kinds)
    weights = [1.0] + [LATER_PAGE_WEIGHT] * (len(facts) - 1)
    combined = [sum(w * page[k] for w, page in zip(weights, scores, strict=True)) / sum(weights)
                for k in range(len(kinds))]
    ranked = sorted(range(len(kinds)), key=lambda k: -combined[k])
    best = ranked[0]
    matches = 1.0 / (1.0 + math.exp(-MATCH_SLOPE * (combined[best] - kinds_.NONE_SCORE)))
    if matches < 0.5:
        return Classification(None, round(1.0 - matches, 4), _no_match(kinds[best], combined[best], facts))
    kind = kinds[best]
    among_rules = math.exp(kinds_.log_probabilities(combined, with_none=False)[best])
    evidence = tuple(Evidence(f.number, tuple(words)) for f in facts[:3]
                     if (words := kinds_.evidence_words(kind, f)))
    return Classification(kind.name, round(matches * among_rules, 4),
                          _reasoning(kind, evidence, facts, kinds, ranked, combined), evidence)


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
