"""Values stated in sentences rather than labelled: parties, dates, amounts, durations near cue words.

Contracts say "the sum of $975.00 per month" and "for a period of two (2) years". A field's cue
words (its name's words and their synonyms) pick the sentences that talk about it; the field's
type then picks the value in the sentence nearest after a cue: an amount, a date, a count with a
unit (converted to the unit the field's name asks for: term_months ← "two (2) years" = 24), an
ordinal day ("the fifth (5th) day"). Names come from defined terms ('Jane Roe (the "Landlord")'),
places from "located at ..." and "laws of ...". Only documents made of sentences are read this
way, and prose candidates score below labelled ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.domain.labels import SYNONYMS
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Row
from assay.semantics import embed

T = TypeVar("T")


def _per_document(fn: Callable[[list[PageLayout]], T]) -> Callable[[list[PageLayout]], T]:
    """`fn(layouts)` computed once per document (the same list of layouts), as the engine asks field after field."""
    last: tuple[list[PageLayout], T] | None = None

    @functools.wraps(fn)
    def cached(layouts: list[PageLayout]) -> T:
        nonlocal last
        entry = last
        if entry is None or entry[0] is not layouts:
            entry = last = (layouts, fn(layouts))
        return entry[1]
    return cached

_CUE_SYNONYMS = {
    "landlord": ("lessor", "owner"), "tenant": ("lessee", "resident"), "effective": ("commence", "commencement",
    "start", "begin"), "term": ("period", "term"), "rent": ("rent",), "deposit": ("deposit", "security"),
    "late": ("late",), "fee": ("charge", "fee", "penalty"), "pets": ("pet", "pets", "animal"),
    "notice": ("notice",), "governing": ("governed", "laws", "law"), "law": ("laws", "governed"),
    "due": ("due", "payable", "before"), "day": ("day",), "property": ("premises", "property", "located"),
    "address": ("located", "address", "premises"), "monthly": ("month", "monthly"),
}
_UNITS = {"day": 1 / 30.0, "days": 1 / 30.0, "week": 7 / 30.0, "weeks": 7 / 30.0, "month": 1.0, "months": 1.0,
          "year": 12.0, "years": 12.0}
_NEGATION = re.compile(r"\b(not|no|never|prohibited|without)\b")

# Reading a field from sentences. A sentence ranks by the share of the field's cue words it holds,
# plus DESCRIPTION_WEIGHT × the share of its description's words; the SENTENCES_READ best are read.
# A value found there scores SENTENCE_FLOOR + SENTENCE_RANK × rank (0.35 to 0.65: under a clear label,
# above a bare shape), less WORD_DISTANCE for each word between the cue and the value, up to
# FAR_WORDS words, so the value nearest its cue wins. Reading more sentences finds more values in
# long contracts, and more wrong ones.
# A document is prose when PROSE_MIN_ROWS rows or more hold PROSE_ROW_WORDS words or more, and those rows, with
# the short rows that finish their sentences, hold PROSE_WORD_SHARE of its words. A row is running text when at most
# PROSE_FIGURE_SHARE of its words hold figures.
PROSE_ROW_WORDS = 12
PROSE_MIN_ROWS = 8
PROSE_WORD_SHARE = 0.6
PROSE_FIGURE_SHARE = 0.25
# A row that is a whole sentence, capital to full stop, of this many words or more counts as a long row: a clause
# set under a heading of its own line is often one short sentence.
SENTENCE_ROW_WORDS = 6
# A clause's heading ("8. PETS.", "Governing Law") is at most this many words.
HEADING_WORDS = 4
DESCRIPTION_WEIGHT = 0.5
# A sentence a nullable field's value is read from means its description this much at least (sentence encoder
# cosine): a notice to enter (0.30 to 0.33; 0.41 under the heading "Access") is no notice to terminate (0.53 to
# 0.59; 0.42 with a page's footer run into it). Close on both sides: a guard, not a reader.
ABOUT_FIELD = 0.4
SENTENCES_READ = 8
SENTENCE_FLOOR = 0.35
SENTENCE_RANK = 0.3
WORD_DISTANCE = 0.01
FAR_WORDS = 10


@dataclass(slots=True)
class Sentence:
    words: list[Word]
    page: int
    text: str
    folded: list[str]


@_per_document
def is_prose(layouts: list[PageLayout]) -> bool:
    """A document made of sentences: most of its words sit in long rows of running text, or in the short row that
    finishes a sentence a long row leaves open, full stop and all (clause headings and signature lines between
    them are short rows, but few words; a table's rows end in no full stop)."""
    long_rows, words, in_text = 0, 0, 0
    for lay in layouts:
        for above, row in zip([None, *lay.rows], lay.rows, strict=False):
            words += len(row.words)
            if _running(row) or _whole_sentence(row):
                long_rows += 1
                in_text += len(row.words)
            elif (above is not None and _running(above) and not re.search(r"[.:;]$", above.words[-1].text)
                  and re.search(r"[.;!?][)\"”']?$", row.text)):
                in_text += len(row.words)
    return long_rows >= PROSE_MIN_ROWS and in_text >= PROSE_WORD_SHARE * words


def _whole_sentence(row: Row) -> bool:
    """A short row that is a sentence of its own: SENTENCE_ROW_WORDS words or more of running text, from a capital
    (after a clause's number) to a full stop ("This Lease is governed by the laws of Maine.")."""
    figures = sum(1 for w in row.words if re.search(r"\d", w.text))
    first = next((w.text for w in row.words if not re.fullmatch(r"[\d.]+", w.text)), "")  # past a clause's number
    return (len(row.words) >= SENTENCE_ROW_WORDS and first[:1].isupper()
            and re.search(r"[.!?][)\"”']?$", row.text) is not None and figures <= PROSE_FIGURE_SHARE * len(row.words))


def _running(row: Row) -> bool:
    """A row of running text: long, and words more than figures (a table's long row is mostly figures)."""
    figures = sum(1 for w in row.words if re.search(r"\d", w.text))
    return len(row.words) >= PROSE_ROW_WORDS and figures <= PROSE_FIGURE_SHARE * len(row.words)


def sentences(layouts: list[PageLayout]) -> list[Sentence]:
    """The document's sentences, page by page: words up to a full stop or a semicolon that is no abbreviation's
    dot, no clause number's at the head of a row ("2.", "4.1.") and no day's before its month ("8. September");
    an amount's ends the sentence ("a late charge of CHF 25.00."). A clause's heading ("8. PETS.") opens the
    sentence after it: its words say what that sentence is about ("The Tenant may keep one cat")."""
    out: list[Sentence] = []
    for layout in layouts:
        cur: list[Word] = []
        for row in layout.rows:
            for k, w in enumerate(row.words):
                cur.append(w)
                numbering = re.fullmatch(r"\d{1,2}\.", w.text) or (k == 0 and re.fullmatch(r"(\d{1,3}\.)+", w.text))
                if re.search(r"[.;]$", w.text) and not numbering and not re.fullmatch(
                        r"(?i)(no|apt|st|mr|mrs|ms|dr|art)\.", w.text) and not _heading(cur):
                    out.append(_sentence(cur, layout.number))
                    cur = []
        if cur:
            out.append(_sentence(cur, layout.number))
    return out


def _heading(words: list[Word]) -> bool:
    """Words that are a clause's heading, its number and all ("8. PETS.", "3. Term."): a few words in capitals or
    in title case."""
    named = [w.text for w in words if not re.fullmatch(r"[\d.]+", w.text)]
    return 0 < len(named) <= HEADING_WORDS and all(t[:1].isupper() or t[:1] in "&" for t in named)


def _sentence(words: list[Word], page: int) -> Sentence:
    text = " ".join(w.text for w in words)
    return Sentence(words, page, text, [re.sub(r"[^a-z0-9$]", "", V.fold(w.text)) for w in words])


def cues(f: Field) -> set[str]:
    out: set[str] = set()
    tokens = [t for t in f.words if t not in ("name", "names", "amount", "number", "date") and t not in _UNITS]
    for t in tokens:
        out.add(t.rstrip("s"))
        out.update(c.rstrip("s") for c in _CUE_SYNONYMS.get(t, ()))
        out.update(c for c in SYNONYMS.get(t, ()) if " " not in c and len(c) > 3)
    return out


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    if f.type in ("object", "array") or not is_prose(layouts):
        return []
    cue = cues(f)
    if not cue:
        return []
    described = _description_words(f)
    scored = []
    for s in _sentences_cached(layouts):
        hits = [i for i, t in enumerate(s.folded) if t.rstrip("s") in cue]
        if hits:
            share = len({s.folded[i].rstrip("s") for i in hits}) / len(cue)
            told = len(described & {t.rstrip("s") for t in s.folded}) / len(described) if described else 0.0
            scored.append((share + DESCRIPTION_WEIGHT * told, share, s, hits))
    scored.sort(key=lambda t: -t[0])
    out: list[Candidate] = []
    for rank, share, s, hits in scored[:SENTENCES_READ]:
        if not _about(f, s):
            continue
        got = _value_in(f, s, hits, ctx)
        if got is not None:
            value, words, inferred = got
            dist = _distance(s, words, hits)
            score = SENTENCE_FLOOR + SENTENCE_RANK * min(1.0, rank) - WORD_DISTANCE * min(dist, FAR_WORDS)
            out.append(Candidate(value, s.page, words, score, "prose", label_sim=share, inferred=inferred))
    return out


_STOP = {"the", "a", "an", "of", "to", "or", "and", "in", "on", "if", "is", "as", "by", "for", "any", "all",
         "null", "none", "true", "false", "whether", "this", "that", "be", "are", "not", "no", "e", "g"}


def _about(f: Field, s: Sentence) -> bool:
    """Whether the sentence is about what a field the schema lets be null describes, by meaning: "The Landlord may
    enter on three days' notice" names a notice (0.33 against "Days of written notice required to terminate"), "The
    Tenant must give 30 days notice in writing before vacating" is one (0.59). A field that must have a value, or
    has no description, takes what its cue words find."""
    if not f.nullable or not f.description or not embed.available():
        return True
    return embed.similarity(s.text, f.description) >= ABOUT_FIELD


def _description_words(f: Field) -> set[str]:
    """The description's content words: 'Days of written notice required to terminate' → notice, terminat..."""
    words = re.findall(r"[a-z]+", V.fold(f.description))
    return {w.rstrip("s") for w in words if w not in _STOP and len(w) > 2 and w not in _UNITS}


def _distance(s: Sentence, words: list[Word], hits: list[int]) -> int:
    """Words between the value and the nearest cue word."""
    ids = {id(w) for w in words}
    at = [i for i, w in enumerate(s.words) if id(w) in ids]
    if not at:
        return 10
    return min(min(abs(h - a) for a in at) for h in hits)


_sentences_cached = _per_document(sentences)


def _value_in(f: Field, s: Sentence, hits: list[int], ctx: ReadContext):
    if f.type == "boolean":  # negated by a word beside the cue ("No animals") or in the clause that states it
        i = hits[0]
        said = _predicate(s, i)
        near = " ".join(s.folded[max(0, i - 4):i] + s.folded[i + 1:i + 4] + [V.fold(w.text) for w in said])
        neg = bool(_NEGATION.search(near)) and "no more than" not in " ".join(s.folded[i:i + 8])
        return (not neg, said or [s.words[i]], True)
    if f.type in ("number", "integer"):
        return _number(f, s, hits, ctx)
    if f.is_date:
        return _date(s, hits, ctx)
    return _string(f, s, hits)


_MODALS = {"may", "shall", "must", "will", "can", "cannot", "is", "are"}
_CLAUSE_END = {"without", "unless", "except", "provided", "subject", "if", "so", "and", "but", "which"}


def _predicate(s: Sentence, i: int) -> list[Word]:
    """The clause that states a yes/no about cue word i: from the nearest modal verb ("may keep pets on
    the Premises", "shall be kept on or about the Premises") to the clause's end."""
    modals = [j for j in range(max(0, i - 6), min(len(s.words), i + 10)) if s.folded[j] in _MODALS]
    if not modals:
        return []
    start = min(modals, key=lambda j: abs(j - i))
    end = start
    for j in range(start + 1, min(len(s.words), start + 14)):
        if s.folded[j] in _CLAUSE_END:
            break
        end = j
        if re.search(r"[,.;:]$", s.words[j].text):
            break
    return s.words[start:end + 1] if end > start else []


def _number(f: Field, s: Sentence, hits: list[int], ctx: ReadContext):
    """Every amount or count in the sentence; the one nearest a cue word (after it, on a tie) wins. An amount
    for a period the field does not ask for ("the annual rent is $27,960" for monthly_rent) is not its value;
    one for the period it asks for ("$2,330.00, payable monthly") comes first."""
    unit = f.labels.unit
    wanted = _period_asked(f)
    amounts = [i for i in range(len(s.words)) if _is_amount(s, i, ctx)]
    found = []
    for i in range(len(s.words)):
        w = s.words[i]
        first = 1
        if unit in ("months", "days", "years", "weeks") or f.wants("day"):
            got = _count_with_unit(s, i, unit, f)
        elif i in amounts:
            period = _period_of(s, i, amounts)
            if wanted is not None and period is not None and period != wanted:
                continue
            first = 0 if wanted is not None and period == wanted else 1
            value = ctx.number(w.text.strip("(),.;"))
            got = (V.format_number(value, f.type == "integer"), [w], False) if value is not None else None
        else:
            got = None
        if got is not None:
            found.append(((first, min(abs(h - i) + (0.5 if i < h else 0.0) for h in hits)), got))
    return min(found, key=lambda t: t[0])[1] if found else None


def _is_amount(s: Sentence, i: int, ctx: ReadContext) -> bool:
    """A sum of money: a figure with a currency's sign or code in it or printed on either side ("$975.00",
    "USD 3,450.00", "710.00 USD", "2.260,00 €", "25 dollars")."""
    w = s.words[i].text.strip("(),;")
    if not re.search(r"\d", w) or ctx.number(w.strip(".")) is None:
        return False
    beside = [s.words[j].text.strip("(),.;:") for j in (i - 1, i + 1) if 0 <= j < len(s.words)]
    return _is_currency(re.sub(r"[\d\s.,'’()+-]", "", w)) or any(
        _is_currency(t) or V.fold(t) in ("dollars", "euros", "pounds") for t in beside)


def _is_currency(text: str) -> bool:
    """A currency's code or sign ("USD", "€"); not a dash, which `parse_number` reads as a minus."""
    return re.search(r"[^\W\d_]|[^\w\s+\-–—]", text) is not None and V.is_currency_mark(text)


# The periods an amount may be stated for: its unit's adjective ("monthly", "annual") or the unit after "per",
# "a", "each", "every" ("per month", "a quarter", "per annum", "each calendar month"). An amount's period is the
# nearest one printed within PERIOD_WORDS words of it, with no other amount between.
_PERIOD_ADJECTIVES = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
                      "annual": "year", "annually": "year", "yearly": "year"}
_PERIOD_UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
                 "annum": "year"}
PERIOD_WORDS = 6


def _period_at(folded: list[str], j: int) -> str | None:
    """The period word j states: 'monthly', 'per month', 'each calendar month' (one word, not a count, between)."""
    t = folded[j]
    if t in _PERIOD_ADJECTIVES:
        return _PERIOD_ADJECTIVES[t]
    if t not in _PERIOD_UNITS:
        return None
    between = folded[j - 1] if j > 1 and folded[j - 1].isalpha() and V.parse_word_number(folded[j - 1]) is None else ""
    heads = {folded[j - 1] if j > 0 else "", folded[j - 2] if between else ""}
    return _PERIOD_UNITS[t] if heads & {"per", "a", "an", "each", "every"} else None


def _period_of(s: Sentence, i: int, amounts: list[int]) -> str | None:
    """The period the amount at word i is stated for, if the sentence says."""
    for d in range(1, PERIOD_WORDS + 1):
        for j in (i - d, i + d):
            if not 0 <= j < len(s.folded) or any(min(i, j) < a < max(i, j) for a in amounts):
                continue
            got = _period_at(s.folded, j)
            if got is not None:
                return got
    return None


def _period_asked(f: Field) -> str | None:
    """The period a field's amount is for, by its name or description ('monthly_rent', 'Rent per month')."""
    said = [*f.words, *(re.sub(r"[^a-z]", "", t) for t in V.fold(f.description).split())]
    return next((p for j in range(len(said)) if (p := _period_at(said, j)) is not None), None)


def _count_with_unit(s: Sentence, i: int, unit: str | None, f: Field):
    """'twelve (12) months', '90 days', 'fifth (5th) day' at word i → value in the field's unit."""
    w = s.words[i]
    nxt = s.folded[i + 1] if i + 1 < len(s.folded) else ""
    m = re.fullmatch(r"\(?(\d+)(st|nd|rd|th)?\)?[,.;]?", w.text)
    if m:
        n, ordinal = int(m[1]), bool(m[2])
    else:  # spelled out ("six months", "the fifteenth day"), where no figure follows to say it again
        n = V.parse_word_number(w.text.strip(",.;")) if nxt.isalpha() else None
        if n is None or re.search(r"\d", s.words[i + 1].text):
            return None
        ordinal = False  # a spelled ordinal names a day only before "day": "the first month's rent" is no due day
    if unit is None:  # a day of the month: "the fifth (5th) day", "monthly in advance on the 1st"
        if nxt == "day" and 1 <= n <= 31:
            return n, [*_with_word_before(s, i), s.words[i + 1]], True
        if ordinal and 1 <= n <= 31 and not _month_follows(s, i):  # an ordinal alone; "the 1st of July" is a date
            return n, _with_word_before(s, i), True
        return None
    if nxt not in _UNITS:
        return None
    factor = _UNITS[nxt] / _UNITS[unit]
    value = n * factor
    if value != int(value):
        return None
    # the printed phrase, unit included ("twelve (12) months"): the value is read from it, not printed as is
    return int(value), [*_with_word_before(s, i), s.words[i + 1]], True


def _month_follows(s: Sentence, i: int) -> bool:
    """A month's name after the ordinal at word i ('1st July', '1st of July'): the ordinal is part of a date."""
    after = [t for t in s.folded[i + 1:i + 3] if t != "of"][:1]
    return bool(after) and after[0].isalpha() and V.parse_date(f"1 {after[0]} 2000") is not None


def _with_word_before(s: Sentence, i: int) -> list[Word]:
    """'twelve (12)': the spelled-out number printed before the figure belongs to the value."""
    if i > 0 and V.parse_word_number(s.folded[i - 1]) is not None:
        return [s.words[i - 1], s.words[i]]
    return [s.words[i]]


def _date(s: Sentence, hits: list[int], ctx: ReadContext):
    for i in range(hits[0], len(s.words)):
        for n in (5, 4, 3, 1):
            words = s.words[i:i + n]
            got = ctx.date(" ".join(w.text for w in words).strip("(),;"))
            if got and got[1]:
                return got[0], words, False
    return None


_DEFINED = re.compile(r'^(?P<name>.+?)\s*\((?:[^()"“]*?)(?:the\s+)?["“](?P<term>[^"”]+)["”]\)')


def _string(f: Field, s: Sentence, hits: list[int]):
    text = s.text
    if f.wants("law", "jurisdiction", "governing"):
        m = re.search(r"laws of (?:the )?(?:State of |Commonwealth of |Province of )?"
                      r"([A-Z][\w]*(?:(?: and | )[A-Z][\w]*)*)", text)
        return _span(s, m[1]) if m else None
    if f.wants("address", "premises", "property", "location"):
        m = re.search(r"(?:located at|known as|premises at|address of) (.+?)(?: \(| together|, together|\.$|$)", text)
        # or any "at <number and street>, <place>" the sentence names ("the Apartment at 264 Sunset Road, Raleigh")
        m = m or re.search(r"\bat ([A-Z0-9][^()]*?\d[^()]*?,[^()]*?)(?: \(|, together| together|\.$|$)", text)
        return _span(s, m[1].rstrip(",. ")) if m else None
    term_words = set(f.words) | {c for t in f.words for c in _CUE_SYNONYMS.get(t, ())}
    for m in re.finditer(r'(?:^|between |and |, )([A-Z][^()]*?)\s*\([^()]*?["“]([^"”]+)["”]\)', text):
        if V.fold(m[2]).rstrip("s") in {t.rstrip("s") for t in term_words}:
            return _span(s, re.split(r"\bbetween\s+", m[1])[-1].strip())
    return None


def _span(s: Sentence, phrase: str):
    """The words of `s` that print `phrase`."""
    target = phrase.split()
    n = len(target)
    texts = [w.text for w in s.words]
    for i in range(len(texts) - n + 1):
        if [t.strip(',;.') for t in texts[i:i + n]] == [t.strip(',;.') for t in target]:
            return phrase.strip(" ,;"), s.words[i:i + n], False
    return None


def names_in(text: str) -> list[str]:
    """'A and B' / 'A, B and C' → ['A', 'B', 'C']."""
    return [p.strip() for p in re.split(r",\s*|\s+and\s+", text) if p.strip()]
