"""What an array's description says its items are not: "The itemised charges of this period (not payments,
balances, taxes or totals)", "Exclude opening / closing / brought-forward balance rows". A row whose few words
of text name one of those things ("Payment received", "Balance brought forward", "Total charges") is that
thing's line, not an item; a longer text only mentions it ("Late payment fee for March").
"""

from __future__ import annotations

import re

from assay.domain.fields import Field
from assay.engines.layout.candidates import Candidate
from assay.semantics import match

_CLAUSE = re.compile(r"\b(?:not|excluding|exclude|except|other than)\b([^.;)]*)", re.IGNORECASE)
# Words that say what kind of line, not what it is ("... balance rows", "... change lines").
_STRUCTURE = {"row", "rows", "line", "lines", "item", "items", "entry", "entries", "any", "the", "and", "or"}
# A row's text of at most this many words is a name for what the line is.
NAME_WORDS = 3


def exclusions(arr: Field) -> match.FieldText | None:
    """The things the array's description leaves out, as a text `match.mentions` reads; None where it says none."""
    words = [w for m in _CLAUSE.finditer(arr.description) for w in re.findall(r"[a-z]+", m[1].lower())
             if len(w) > 2 and w not in _STRUCTURE]
    return match.FieldText("", description=" ".join(words)) if words else None


def excluded(row: dict[str, Candidate | None], left_out: match.FieldText) -> bool:
    """The row's text (its cells of text) is a short name of a thing the description leaves out."""
    text = " ".join(c.value for c in row.values() if c is not None and isinstance(c.value, str))
    words = re.findall(r"[a-z]+", text.lower())
    return 0 < len(words) <= NAME_WORDS and any(match.mentions(w, left_out) for w in words)
