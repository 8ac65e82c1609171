"""The last digits of the card a purchase was paid with, read by their shape and place.

A receipt seldom labels them: it prints the card number masked ("**** **** **** 9415", "XXXXXXXXXXXX1234")
or, on the line under the card's tender line ("VISA 52.44"), a phrase that ends in four digits ("ending in
3521"). Both score below a labelled value ("Card: ...1234").
"""

from __future__ import annotations

import re

from assay.domain.fields import Field
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.payments import CARD_WORDS

# A masked card number is unmistakable; four digits alone under a card's tender line are what the card line goes on
# to say, but could be an authorisation code.
MASKED = 0.65
UNDER_CARD_LINE = 0.5
_MASKED = re.compile(r"(?:[*xX•#]{2,}[\s\-]*){1,4}(\d{4})\b")
_FOUR = re.compile(r"(?<![\d.,:/\-])\d{4}(?![\d.,:/\-])")


def wants_last_digits(f: Field) -> bool:
    return f.type == "string" and f.wants("last four", "last 4", "last digits")


def candidates(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    if not wants_last_digits(f):
        return []
    masked: list[Candidate] = []
    under: list[Candidate] = []
    for layout in layouts:
        for i, row in enumerate(layout.rows):
            m = _MASKED.search(row.text)
            if m:
                words = [w for w in row.words if w.text.endswith(m[1])][-1:]
                masked.append(Candidate(m[1], layout.number, words, MASKED, "pattern", inferred=True))
            elif i and _names_card(layout.rows[i - 1].text) and not re.search(r"\d[.,]\d{2}\b", row.text):
                fours = [w for w in row.words if _FOUR.fullmatch(w.text)]
                if len(fours) == 1 and len(_FOUR.findall(row.text)) == 1:
                    under.append(Candidate(fours[0].text, layout.number, fours, UNDER_CARD_LINE, "pattern",
                                           inferred=True))
    return (masked or under)[:1]


def _names_card(text: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", text.lower())) & CARD_WORDS)
