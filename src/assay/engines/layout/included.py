"""An amount a total includes, named inside a phrase: "Total includes GST of $2.15", "incl. VAT 20% 3.93".

Receipts that print prices with tax in them often state the tax only so, in a sentence under the total, with no
label of its own before the figure. The phrase's words after "includes" name the field (by the field's labels);
a rate between them and the amount ("20%") is passed over. A bracket closed after them makes them a label's
qualifier ("Total Payable (incl. VAT): 11,625.73"), not the tax's phrase. It scores as a label read inline, a
little less sure.
"""

from __future__ import annotations

import re

from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.labels import label_score
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# The words after "includes" name the field this well ('GST', 'MwSt.', 'VAT'), and the amount scores this.
NAMES = 0.85
INCLUDED = 0.75
_PHRASE = re.compile(r"(?i)\b(?:includ(?:es|ed|ing)|incl\.?|inkl\.?|inclusive of)\s+(?P<label>[^\W\d][^\d:=()]{0,30}?)"
                     r"\s*(?:\bof\b|:|=)?\s*(?:\d{1,2}(?:[.,]\d+)?\s?%\s*)?(?:\bof\b\s*)?"
                     r"(?P<amount>[^\s\d]{0,3}\d[\d.,]*\d)")


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    if f.type not in ("number", "integer"):
        return []
    out: list[Candidate] = []
    for layout in layouts:
        for row in layout.rows:
            for m in _PHRASE.finditer(row.text):
                sim = label_score(m["label"].strip(" .,"), f.labels)
                read = read_scalar(m["amount"], f, ctx) if sim >= NAMES else None
                if read is None or read[0] is None:
                    continue
                words = [w for w in row.words if w.text.endswith(m["amount"][-3:])][-1:]
                out.append(Candidate(read[0], layout.number, words, INCLUDED * sim, "inline", label_sim=sim,
                                     fit=read[1]))
    return out
