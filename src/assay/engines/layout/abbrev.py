"""Column headers printed as abbreviations: "Desc", "Amt", "Qty Ord", "Unit Pr", "U/P".

A narrow column gets a short header, and the short forms follow a few habits of English, whatever
the word: the word's start ("Desc" for description, "Ord" for ordered), its consonant skeleton
("Amt" for amount, "Qty" for quantity: the letters kept appear in the word, in order, from its first
letter) or, for a name of several words, their initials in capitals ("UP" for unit price, "LT" for
line total). A header phrase abbreviates one of a field's labels when each of its words abbreviates
(or is) the label's word in the same place, at least one of them shortened.

Short words match almost anything by these rules, so there are guards: a start or a skeleton keeps
at least MIN_LETTERS letters of the word (two for a word after the first: "Unit Pr"), a skeleton
keeps no vowel after the first letter (a skeleton drops them: "Amt", not "Aunt"), and
initials stand for two words at least and are printed in capitals or apart ("UP", "U/P", not "up").
The tables read an abbreviation only for a header phrase that no field's labels name outright, and
a word the labels use as itself ("Part" of "part no") is not short for another ("particulars").
"""

from __future__ import annotations

import functools
import re

from assay.domain.labels import FieldLabels, clean_label, split_name
from assay.domain.values import fold

# An abbreviation scores this share of the label it abbreviates: below the label itself and its
# synonyms (0.95), above tables.HEADER_LABEL (0.8), so a header of abbreviations still starts a table.
ABBREVIATION = 0.86
# A shortened word keeps at least this many letters (the first word of a phrase; a later one, one fewer).
MIN_LETTERS = 3
# Initials stand for at most this many words ("UOM"); a longer word in capitals is a word.
MAX_INITIALS = 4
# A phrase of more words than this is not a column header's abbreviation.
MAX_WORDS = 3
_VOWELS = set("aeiou")

# FieldLabels (cached for the process by labels_for) → (its label variants by first letter, memo by phrase)
_INDEX: dict[int, tuple[FieldLabels, dict[str, list[tuple[list[str], float]]],
                        dict[tuple[str, bool, frozenset[str]], float]]] = {}


def abbreviates(short: str, word: str, min_letters: int = MIN_LETTERS) -> bool:
    """Whether the folded word `short` is `word` or a shortening of it: its start, or its consonant
    skeleton (its letters in order in `word`, from the first, no vowel after the first letter)."""
    if short == word:
        return True
    if not short.isalpha() or len(short) < min_letters or len(short) >= len(word) or short[0] != word[0]:
        return False
    if word.startswith(short):
        return True
    if any(ch in _VOWELS for ch in short[1:]):
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in short[1:])


def vocabulary(labels: list[FieldLabels]) -> frozenset[str]:
    """Every word the labels use: a printed word among them means itself, it is not short for another
    ("Part" is the part of "part no", not short for "particulars")."""
    return frozenset(w for lab in labels for v in lab.variants for w in v.split())


def score(printed: str, labels: FieldLabels, known: frozenset[str] = frozenset()) -> float:
    """ABBREVIATION × the weight of the best label of `labels` that the printed phrase abbreviates; 0.0
    where it abbreviates none (a phrase equal to a label is label_score's to judge, not this). A word
    in `known` (see vocabulary) is never read as short for another."""
    entry = _INDEX.get(id(labels))
    if entry is None or entry[0] is not labels:
        entry = _INDEX[id(labels)] = (labels, _by_letter(labels), {})
    _, by_letter, memo = entry
    text = clean_label(printed)
    capitals = _capitals(printed)
    key = (text, capitals, known)
    if key not in memo:
        memo[key] = _score(text, capitals, by_letter, known)
    return memo[key]


# A label printed as initials and read from the field's description scores this: above keyvalue.MIN_LABEL,
# below an abbreviation of the field's own label, so any label naming the field outright wins.
DESCRIBED_INITIALS = 0.82


def initials_score(printed: str, name: str, description: str) -> float:
    """A label printed as initials ("M.I.:", "DOB", "S.S.N.") names the field whose name, or the head of
    whose description ("Middle name or initial"), spells them: one word per letter, in order, from its
    first word, which must be one of the field's own (the description's later words may be skipped:
    "middle [name or] initial"). DESCRIBED_INITIALS where it does, else 0.0."""
    letters = _initials(printed)
    if not letters:
        return 0.0
    if len(letters) == 2 and not re.search(r"[.:/]", printed):
        return 0.0  # two bare capitals ("AP" before an item) may be any scrap of a scan; initials show a point, a colon
    own = split_name(name)
    head = re.split(r"[,;:.(]", fold(description), maxsplit=1)[0].split()
    for words, skipping in ((own, False), (head, True)):
        if words and words[0] in own and _spells(letters, words, skipping):
            return DESCRIBED_INITIALS
    return 0.0


@functools.lru_cache(maxsize=65536)
def spelled_out(printed: str, text: str) -> str | None:
    """The printed label with a word of two to MAX_INITIALS capitals in it ("PO" of "Customer PO") replaced by
    the words of `text` it is the initials of, in order ("purchase order" of "The customer's purchase order
    number"), where the label's other words of four letters or more are words of `text` too ("TN" of
    "LEACHMOUTH, TN" is no "transaction number"); None where it has no such word or `text` spells none out."""
    words = printed.split()
    spelled = re.findall(r"[a-z]+", fold(text))
    for i, word in enumerate(words):
        letters = word.strip(".:#").replace(".", "")
        if not (2 <= len(letters) <= MAX_INITIALS and letters.isalpha() and letters.isupper()):
            continue
        others = re.findall(r"[a-z]+", fold(" ".join(words[:i] + words[i + 1:])))
        if any(len(w) > 3 and w not in spelled for w in others):
            continue
        n = len(letters)
        for k in range(len(spelled) - n + 1):
            run = spelled[k:k + n]
            if "".join(w[0] for w in run) == letters.lower() and all(len(w) > 2 for w in run):
                return " ".join([*words[:i], *run, *words[i + 1:]])
    return None


@functools.lru_cache(maxsize=65536)
def _initials(printed: str) -> str:
    """The letters of a label printed as initials, lower case; "" for any other label."""
    text = printed.strip().rstrip(":").strip()
    letters = "".join(ch for ch in text if ch.isalpha()).lower()
    if (not 2 <= len(letters) <= MAX_INITIALS or not _capitals(text)
            or re.search(r"[^\w./ ]|\d", text) or any(len(p) > MAX_INITIALS for p in text.split())):
        return ""
    return letters


def _spells(letters: str, words: list[str], skipping: bool) -> bool:
    """Whether `letters` are the first letters of `words` (all of them), or with `skipping` of some of them in
    order from the first."""
    if not skipping:
        return letters == "".join(w[0] for w in words)
    if letters[0] != words[0][0]:
        return False
    rest = iter(w[0] for w in words[1:])
    return all(ch in rest for ch in letters[1:])


@functools.lru_cache(maxsize=65536)
def _capitals(printed: str) -> bool:
    """Printed as initials: two letters or more, all capitals ("UP"), or single letters set apart ("u/p")."""
    letters = [ch for ch in printed if ch.isalpha()]
    parts = [p for p in re.split(r"[\W_]+", printed) if p]
    return len(letters) >= 2 and (all(ch.isupper() for ch in letters) or all(len(p) == 1 for p in parts))


def _by_letter(labels: FieldLabels) -> dict[str, list[tuple[list[str], float]]]:
    out: dict[str, list[tuple[list[str], float]]] = {}
    for variant, weight in labels.variants.items():
        words = variant.split()
        if words and all(w.isalpha() for w in words):
            out.setdefault(variant[0], []).append((words, weight))
    return out


def _score(text: str, capitals: bool, by_letter: dict[str, list[tuple[list[str], float]]],
           known: frozenset[str]) -> float:
    words = text.split()
    if not words or len(words) > MAX_WORDS:
        return 0.0
    best = 0.0
    initials = "".join(words)
    for variant, weight in by_letter.get(text[0], []):
        if weight * ABBREVIATION <= best:
            continue
        if (capitals and len(variant) >= 2 and len(initials) <= MAX_INITIALS and initials.isalpha()
                and initials not in known) and initials == "".join(w[0] for w in variant):
            best = weight * ABBREVIATION
        elif len(words) == len(variant) and words != variant and all(
                w == v or (w not in known and abbreviates(w, v, MIN_LETTERS if i == 0 else MIN_LETTERS - 1))
                for i, (w, v) in enumerate(zip(words, variant, strict=True))):
            best = weight * ABBREVIATION
    return best
