"""How closely a text speaks of what a query describes: the one place meaning is matched.

`similarity(query, texts)` is the interface classify and split are written against; it returns a
score in [0, 1] per text. This implementation is lexical: the share of the query's content words
that the text contains, with light stemming ("invoices" = "invoice"), shared stems ("employer" ~
"employment"), compounds ("pay slip" = "payslip"), acronyms ("NDA" = "Non-Disclosure Agreement") and
OCR misspellings. A sentence-embedding similarity can replace it here, in one place.

`matched_words(query, text)` names the words of the text that matched, for reasoning and evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from assay.domain.values import fold

# Function words, and the words anyone uses to describe any document ("a document containing ...").
_STOP = frozenset("""
a an the and or of to in on at by for from with without as is are was were be been being it its this that these
those such which who whom whose what when where how than then there their them they he she his her we our you your
i me my not no any all each every some other another one two per via into onto over under about after before
between during within upon can may must shall will would should could has have had do does did done also only
document documents file files page pages paper papers containing contains contain include includes including
listing lists list showing shows show type kind sort form usually typically often something someone etc e g ie
like eg out up off down
""".split())
_SUFFIXES = ("ies", "sses", "es", "s", "ing", "ed")
_WORD = re.compile(r"[a-z][a-z0-9']*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """'invoices' → 'invoice', 'deliveries' → 'delivery', 'charged' → 'charg', 'licence' stays."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("'s"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    return word


@lru_cache(maxsize=4096)
def _query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(terms(query)))


def terms(text: str) -> list[str]:
    """Content words of a text, stemmed; snake_case and camelCase names are split first."""
    return [stem(w) for w in _words(text)]


def _words(text: str) -> list[str]:
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).replace("_", " ")
    return [w for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1]


_CAPITALISED = re.compile(r"\b(?:[A-Z][A-Za-z]+[ \t-]+){1,3}[A-Z][A-Za-z]+\b")


def _acronyms(text: str) -> list[tuple[str, str]]:
    """What 2 to 4 capitalised words in a row would be abbreviated to, with the words."""
    out = []
    for run in _CAPITALISED.finditer(text):
        words = re.split(r"[ \t-]+", run.group(0))
        for n in range(2, min(4, len(words)) + 1):
            for i in range(len(words) - n + 1):
                out.append(("".join(w[0] for w in words[i:i + n]).lower(), " ".join(words[i:i + n])))
    return out


@dataclass(slots=True)
class _Text:
    """A text's terms: counts, plus each pair of neighbours joined ('pay slip' → 'payslip') and the
    initials of capitalised phrases ('Non-Disclosure Agreement' → 'nda')."""

    counts: Counter[str]
    by_prefix: dict[str, list[str]]
    printed: dict[str, str]  # a term → the words it was read from

    @staticmethod
    def of(text: str) -> _Text:
        words = _words(text)
        stems = [stem(w) for w in words]
        counts = Counter(stems)
        printed = dict(zip(stems, words, strict=True))
        for i in range(len(words) - 1):
            joined = stem(words[i] + words[i + 1])
            counts[joined] += 1
            printed.setdefault(joined, f"{words[i]} {words[i + 1]}")
        for initials, phrase in _acronyms(text):
            counts[initials] += 1
            printed.setdefault(initials, phrase)
        by_prefix: dict[str, list[str]] = {}
        for w in counts:
            by_prefix.setdefault(w[:3], []).append(w)
        return _Text(counts, by_prefix, printed)

    def match(self, term: str) -> tuple[float, str | None]:
        """How well the text contains `term` (1 = the same word), and the word that matched."""
        if term in self.counts:
            return 1.0, term
        best, found = 0.0, None
        for w in self.by_prefix.get(term[:3], ()):
            score = _related(term, w)
            if score > best:
                best, found = score, w
        return best, found


def _related(a: str, b: str) -> float:
    """Words sharing a long stem ('employer'/'employment') or one misspelt ('licence'/'license'); not
    two words a letter apart in length ('contact'/'contract')."""
    short, long = sorted((a, b), key=len)
    if len(short) < 4:
        return 0.0
    common = len(_common_prefix(short, long))
    if common >= max(4, math.ceil(0.75 * len(short))):
        return 0.7
    if len(short) >= 5 and len(a) == len(b) and fuzz.ratio(a, b) >= 85:  # a letter misread, not another word
        return 0.8
    return 0.0


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < len(a) and a[n] == b[n]:
        n += 1
    return a[:n]


@lru_cache(maxsize=4096)
def _parsed(text: str) -> _Text:
    return _Text.of(text)


def similarity(query: str, texts: list[str]) -> list[float]:
    """For each text, the share of the query's content words it contains, in [0, 1]; a word the text
    has several times counts a little more than one it has once. Each text is scored on its own:
    its score does not depend on the other texts."""
    wanted = _query_terms(query)
    if not wanted:
        return [0.0] * len(texts)
    out = []
    for text in texts:
        parsed = _parsed(text)
        got = 0.0
        for term in wanted:
            score, word = parsed.match(term)
            if word is not None:
                got += score * (0.75 + 0.25 * min(parsed.counts[word], 4) / 4)
        out.append(got / len(wanted))
    return out


def matched_words(query: str, text: str) -> list[str]:
    """The words of `text` (folded to lower case) that match the query's content words, in the query's order."""
    parsed = _parsed(text)
    out = []
    for term in dict.fromkeys(terms(query)):
        _, word = parsed.match(term)
        if word is not None and parsed.printed[word] not in out:
            out.append(parsed.printed[word])
    return out
