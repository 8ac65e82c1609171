"""A document's own date printed without a label: the first full date on its first page.

Receipts and letters print their date at the top, often with no "Date:" label, or with one the
scanner garbled. A field that asks for the document's own date ('date', 'receipt_date' in a receipt
schema, or described as the date of the receipt / document / invoice) falls back to the first date
with a year on the first page, scored below any labelled date.
"""

from __future__ import annotations

import datetime as dt
import re

from assay.domain.fields import Field, ReadContext
from assay.domain.labels import split_name
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

# Below a labelled date and a date read from a clause: it is where the date usually is, not what it says.
FIRST_DATE = 0.4
# Years a date may have at all, and how far past the present a document's own date may lie (a receipt's
# or an invoice's date has passed, give or take a post-dated one): "2048" on a receipt is a misread "2018".
EARLIEST_YEAR = 1800
LATEST_YEARS = 200
OWN_DATE_AHEAD_DAYS = 366
_GLUED_LABEL = re.compile(r"^[A-Za-z][A-Za-z.]*:(?=\d)")  # a label the scan ran into its value: "DATE:05/01/2018"
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
                text = _GLUED_LABEL.sub("", " ".join(w.text for w in chunk))  # "DATE:05/01/2018", a scan's
                got = ctx.date(text.strip("(),;:"))
                if got and got[1] and plausible(f, got[0]):
                    return [Candidate(got[0], layout.number, chunk, FIRST_DATE, "pattern", label_sim=0.0,
                                      inferred=True)]
    return []


def plausible(f: Field, value: object, today: dt.date | None = None) -> bool:
    """Whether a date read for `f` could be true: a year no calendar print is far from (7017), and a
    document's own date not years after the present (a misread digit: 2048 for 2018). Other dates (an end
    of term, a birth date) may lie far from the present and from the document's other dates."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return True
    today = today or dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    if not EARLIEST_YEAR <= day.year <= today.year + LATEST_YEARS:
        return False
    return not asks_document_date(f) or (day - today).days <= OWN_DATE_AHEAD_DAYS
