"""How a field's description asks its text to be written: title case, upper or lower case, substitutions.

Schemas often say how a value is normalized: "name only in title case", "each word capitalized with
the rest lower case", "in upper case" (or "usually upper case": how the user's values are written),
"commas removed", "'&' written as 'and'", "suffixes abbreviated ('Inc.', 'Ltd.')". A description's
examples also show the exact form of some words ('Inc.', 'LLC'): a word of the value that the
description prints, ignoring case and full stops, is written as the description prints it.
A description that says nothing of the kind leaves the value as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TITLE = re.compile(r"(?i)\btitle[- ]case\b|\b(each|every) word capitali[sz]ed|\bcapitali[sz]e each word")
# "in upper case", or what the values usually are ("exactly as printed (usually upper case)"): the user's own
# values are written that way, so one printed in mixed case (a logo's "FamilyMart") is written as they are.
_UPPER = re.compile(r"(?i)\b(in|to|as|usually|normally|typically|generally|mostly|often) (in )?(all )?"
                    r"(upper[- ]?case|capitals|capital letters)\b")
_LOWER = re.compile(r"(?i)\b(in|to|as) (all )?lower[- ]?case\b")
_NO_COMMAS = re.compile(r"(?i)\bcommas? (removed|omitted|dropped)|\bwithout commas\b")
_QUOTED = r"""['"‘“]([^'"’”]{1,12})['"’”]"""
_WRITTEN_AS = re.compile(_QUOTED + r" (?:written|spelled|spelt|replaced) (?:as|by|with) " + _QUOTED)


_ABBREVIATED = re.compile(r"(?i)\babbreviat")
_QUOTED_ABBREVIATION = re.compile(r"['‘]([A-Z][a-z]{1,4}\.)['’]")


@lru_cache(maxsize=1024)
def _rules(description: str) -> tuple[str | None, bool, tuple[tuple[str, str], ...], dict[str, str]]:
    case = "title" if _TITLE.search(description) else "upper" if _UPPER.search(description) else (
        "lower" if _LOWER.search(description) else None)
    swaps = tuple((a, b) for a, b in _WRITTEN_AS.findall(description))
    forms: dict[str, str] = {}
    if case == "title":  # the description's own spellings of words that are not plain title case
        for quoted in re.findall(r"['‘]([^'’]{1,40})['’]", description):
            for w in quoted.split():
                key = _key(w)
                if key and w != _title_word(w):
                    forms[key] = w
        for w in re.findall(r"\b[A-Z]{2,5}\b", description):
            forms.setdefault(_key(w), w)
    return case, bool(_NO_COMMAS.search(description)), swaps, forms


@lru_cache(maxsize=1024)
def _abbreviations(description: str) -> tuple[str, ...]:
    """The abbreviations a description asks for by example ("suffixes abbreviated with a period ('Inc.', 'Ltd.')")."""
    return tuple(_QUOTED_ABBREVIATION.findall(description)) if _ABBREVIATED.search(description) else ()


def _abbreviated(value: str, description: str) -> str:
    """The value's last word written as the description's abbreviation of it: 'Wynn Resorts Limited' → 'Wynn Resorts
    Ltd.' for 'Ltd.' (the abbreviation's letters are the word's first letter and later letters of it, in order)."""
    words = value.split()
    if len(words) < 2:
        return value
    last = words[-1].rstrip(".,")
    for abbr in _abbreviations(description):
        short = abbr.rstrip(".").lower()
        if last.isalpha() and len(last) > len(short) + 1 and last[0].lower() == short[0] and _in_order(
                short[1:], last[1:].lower()):
            return " ".join([*words[:-1], abbr])
    return value


def _in_order(letters: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in letters)


def formatted(value: str, description: str) -> str:
    """`value` written as the description asks."""
    if not description or not isinstance(value, str):
        return value
    case, no_commas, swaps, forms = _rules(description)
    if case is None and not no_commas and not swaps and not _abbreviations(description):
        return value
    out = value
    for a, b in swaps:
        out = re.sub(rf"(?<!\w){re.escape(a)}(?!\w)", b, out)
    if no_commas:
        out = re.sub(r"\s*,\s*", " ", out).strip()
    if case == "upper":
        out = out.upper()
    elif case == "lower":
        out = out.lower()
    elif case == "title":
        out = " ".join(forms.get(_key(w), _title_word(w)) for w in out.split())
    out = _abbreviated(out, description)
    return re.sub(r"\s+", " ", out).strip()


def _title_word(w: str) -> str:
    """'NIKE' → 'Nike', 'abc-mart' → 'Abc-Mart', 'r.j.' → 'R.J.': a capital after each break, the rest lower case."""
    out = re.sub(r"(^|[-.’'/(])([^-.’'/(])", lambda m: m[1] + m[2].upper(), w.lower())
    return re.sub(r"([’'])S$", r"\1s", out)  # a possessive's s stays small: "Colt's"


def _key(w: str) -> str:
    return re.sub(r"[^0-9a-z]", "", w.lower())
