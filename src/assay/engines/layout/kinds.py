"""How well each page fits each kind of document the user named (a classify rule, a split category).

A kind is matched by its name ("bank_statement") and its description ("A statement listing
transactions and balances") against three views of a page: its title block (or, without one, its
first two rows), its section headings, and its whole text; and the other way round, by how much of
the title and the headings the kind's words explain ("SERVICES AGREEMENT" is all explained by "A
service agreement between two parties"). The name counts where a document names itself, at the top;
the description also counts over the whole text; and the page's opening is compared with the kind by
sentence meaning (assay.semantics), when the model is there. Scores become probabilities over the kinds plus
"none of them", so a page that fits no kind can say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from assay.engines.layout import similarity as meaning
from assay.engines.layout.pagefacts import PageFacts
from assay.semantics import embed

# How much each piece of evidence weighs in a page's score for a kind. The title's words explained by the
# kind's name and description, and the kind's name printed in the title, say most; the description's
# words found anywhere on the page add the rest. A word merely mentioned in the body ("... of each
# invoice") counts little.
_WEIGHTS = {"title_explained": 0.20, "headings_explained": 0.10, "name_in_title": 0.25, "name_in_text": 0.05,
            "description_in_title": 0.05, "description_in_headings": 0.10, "description_in_text": 0.25}
# The page's opening (title, headings, first lines) against "name: description" by sentence meaning: what
# the words alone miss ("Dear Ms Roe ... Yours sincerely" is a letter though it never says so). Only the
# likeness above a floor counts: an unrelated page is about 0.1-0.3 alike to any kind, a page of the kind
# about 0.45, so the term lifts the right kind without raising a page of no kind above "none". Swept on the
# dev bundles (weight 0.3-1.5, floor 0.25-0.4): more weight or a lower floor starts naming unnamed kinds.
MEANING_WEIGHT = 0.6
MEANING_FLOOR = 0.3
_OPENING_WORDS = 60  # about what the model reads (64 tokens)
SHARPNESS = 12.0  # how much a difference in score separates the kinds' probabilities
NONE_SCORE = 0.14  # a page whose best score is below this more likely fits none of the kinds


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    description: str

    @property
    def words(self) -> str:
        return self.name.replace("_", " ").replace("-", " ")


def score_pages(facts: list[PageFacts], kinds: list[Kind]) -> list[list[float]]:
    """scores[page][kind] in [0, 1]. Page by page, so that each page's text is read once however
    many kinds there are."""
    described = [f"{k.words} {k.description}" for k in kinds]
    scores = [_score_page(f, kinds, described) for f in facts]
    if embed.available() and kinds:
        kinds_v = embed.embed([f"{k.words}: {k.description}" for k in kinds])
        pages_v = embed.embed([_opening(f) for f in facts])
        for page, likeness in zip(scores, pages_v @ kinds_v.T, strict=True):
            lead = np.clip(likeness - MEANING_FLOOR, 0.0, None)
            for k in range(len(kinds)):
                page[k] += MEANING_WEIGHT * float(lead[k])
    return scores


def _opening(fact: PageFacts) -> str:
    words = " ".join([fact.title or fact.head, fact.headings, fact.text]).split()
    return " ".join(words[:_OPENING_WORDS])


def _score_page(fact: PageFacts, kinds: list[Kind], described: list[str]) -> list[float]:
    title = fact.title or fact.head
    scores = [0.0] * len(kinds)
    for name, view in (("title_explained", title), ("headings_explained", fact.headings)):
        for k, s in enumerate(meaning.similarity(view, described)):
            scores[k] += _WEIGHTS[name] * s
    for k, kind in enumerate(kinds):
        evidence = {"name_in_title": (kind.words, title), "name_in_text": (kind.words, fact.text),
                    "description_in_title": (kind.description, title),
                    "description_in_headings": (kind.description, fact.headings),
                    "description_in_text": (kind.description, fact.text)}
        for name, (query, view) in evidence.items():
            scores[k] += _WEIGHTS[name] * meaning.similarity(query, [view])[0]
    return scores


def log_probabilities(scores: list[float], *, with_none: bool) -> list[float]:
    """log P(kind | page) for each kind, and last P(none) when `with_none`."""
    logits = [SHARPNESS * s for s in scores] + ([SHARPNESS * NONE_SCORE] if with_none else [])
    top = max(logits)
    total = math.log(sum(math.exp(x - top) for x in logits)) + top
    return [x - total for x in logits]


def evidence_words(kind: Kind, fact: PageFacts) -> list[str]:
    """The page's words that matched the kind's name or description, name first."""
    found = meaning.matched_words(kind.words, fact.text)
    return found + [w for w in meaning.matched_words(kind.description, fact.text) if w not in found]
