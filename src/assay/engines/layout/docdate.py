"""A document's own date printed without a label: the first full date on its first page.

Receipts and letters print their date at the top, often with no "Date:" label, or with one the
scanner garbled. A field that asks for the document's own date ('date', 'receipt_date' in a receipt
schema, or described as the date of the receipt / document / invoice) falls back to the first date
with a year on the first page, scored below any labelled date.
"""

from __future__ import annotations

import re

from assay.domain.fields import Field, ReadContext
from assay.domain.labels import split_name
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# Below a labelled date and a date read from a clause: it is where the date usually is, not what it says.
FIRST_DATE = 0.4
_OWN = re.compile(r"(?i)^\W*(the\s+)?(date|day)\s+(of|on)\s+(the|this)\s+(receipt|document|invoice|letter|bill|"
                  r"statement|transaction|sale|purchase)")


def asks_document_date(f: Field) -> bool:
    if not f.is_date or len(f.path) != 1:
        return False
    words = f.words
    own_kind = len(words) == 2 and words[1] == "date" and words[0] in (*split_name(f.context), "document", "issue")
    return words == ["date"] or own_kind or _OWN.match(f.description) is not None


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    if not layouts or not asks_document_date(f):
        return []
    layout = layouts[0]
    for row in layout.rows:
        words = row.words
        for i in range(len(words)):
            for n in (3, 1):
                chunk = words[i:i + n]
                if len(chunk) < n:
                    continue
                got = ctx.date(" ".join(w.text for w in chunk).strip("(),;:"))
                if got and got[1]:
                    return [Candidate(got[0], layout.number, chunk, FIRST_DATE, "pattern", label_sim=0.0,
                                      inferred=True)]
    return []
