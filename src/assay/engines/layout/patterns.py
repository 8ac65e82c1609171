"""Unlabelled values recognised by their shape, for fields the schema says are always present.

A receipt prints its date and time with no label; an invoice shows its currency only as "€" next
to the amounts; a receipt's payment method is the tender line ("Mastercard 7.75"). These readers
only run for fields that are not nullable (the schema promises a value), except a time printed
right after a date, and they score below any labelled candidate, so a label always wins. An enum's option
printed nowhere may be meant by a short phrase ("Cook & Dine" for the Kitchen category), by sentence meaning.
"""

from __future__ import annotations

import re

from assay.domain import values as V
from assay.domain.document import Box, Word
from assay.domain.fields import Field, ReadContext
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.semantics import embed

# General vocabulary for common enum values (payment methods, contact channels).
ENUM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "credit card": ("visa", "mastercard", "master card", "amex", "american express", "discover", "credit",
                    "diners", "jcb"),
    "debit card": ("debit", "maestro", "interac", "eftpos", "v pay", "girocard", "ec card"),
    "mobile payment": ("apple pay", "google pay", "samsung pay", "paypal", "venmo", "mobile", "contactless pay"),
    "gift card": ("gift card", "gift certificate", "store credit", "voucher"),
    "cash": ("cash",),
    "check": ("cheque", "check"),
    "bank transfer": ("wire", "bank transfer", "transfer", "ach"),
}

# Scores of values recognised by shape alone, set below what a clear label gives (a 0.9 label match
# with its value beside it scores about 0.87): the surer the shape, the higher. Raised toward the
# labelled range, an unlabelled guess beats a weakly labelled value.
FIRST_DATE = 0.45  # the first full date printed: right on receipts, a guess elsewhere
BY_SHAPE = 0.55  # an e-mail address or profile URL: its shape says what it is
TIME_AFTER_DATE = 0.55  # a time printed right after a date (a receipt's timestamp)
ENUM_WORD = 0.5  # a word of an enum's option ("Mastercard" for credit card) printed on a row
# A short phrase that means an enum's option by sentence meaning at least this much (cosine), ahead of every other
# option by this much, gives it at this score, below an option printed ("Cook & Dine" for Kitchen: 0.51 against
# 0.28; "Living Room" means Kitchen 0.57 and Furniture 0.54: no lead, no value; "Home" 0.47: none).
ENUM_MEANING_MIN = 0.5
ENUM_MEANING_LEAD = 0.1
ENUM_MEANING = 0.4
ENUM_PHRASE_WORDS = 4
CURRENCY_CODE = 0.75  # the ISO code printed most often ("EUR"): nearly unambiguous
CURRENCY_SYMBOL = 0.6  # only a symbol inside amounts ("$"): "$" is also CAD, AUD, ...


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    if is_currency(f):
        return _currency(f, layouts)
    if f.type == "string" and len(f.path) == 1 and f.wants("email", "linkedin", "url", "website"):
        return _distinctive(f, layouts)
    if f.nullable and not f.is_time:
        return []
    if f.enum:
        return _enum(f, layouts)
    if f.is_date:
        return _first(f, layouts, lambda t: ctx.date(t), FIRST_DATE)
    if f.is_time:
        return _time_after_date(f, layouts, ctx)
    return []


def is_currency(f: Field) -> bool:
    """A field for the currency the amounts are in: an enum of ISO codes, or a text field named or described
    as a currency code."""
    if f.enum:
        return bool(set(map(str, f.enum)) & {"USD", "EUR", "GBP"})
    return f.type == "string" and ("currency" in f.words or "iso 4217" in f.description.lower())


def _phrases(layouts: list[PageLayout], max_words: int = 4):
    for layout in layouts:
        for seg in layout.segments():
            words = seg.words
            for i in range(len(words)):
                for n in range(min(max_words, len(words) - i), 0, -1):
                    yield layout, seg, words[i:i + n]


def _first(f: Field, layouts: list[PageLayout], read, score: float) -> list[Candidate]:
    for layout, seg, words in _phrases(layouts):
        got = read(" ".join(w.text for w in words))
        if got and (not isinstance(got, tuple) or got[1]):
            value = got[0] if isinstance(got, tuple) else got
            return [Candidate(value, layout.number, words, score, "pattern", fit=1.0, row=seg.row)]
    return []


_SHAPES = {"email": re.compile(r"^[\w.+\-]+@[\w\-]+\.[\w.\-]+$"),
           "linkedin": re.compile(r"(?i)linkedin\.com/\S+"),
           "url": re.compile(r"(?i)^(https?://|www\.)\S+$")}


def _distinctive(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    """An e-mail address or profile URL is recognisable by shape alone: the first one printed."""
    key = next((k for k in _SHAPES if f.wants(k)), "url")
    shape = _SHAPES[key if key != "website" else "url"]
    for layout in layouts:
        for w in layout.page.words:
            if shape.search(w.text.strip(",;|")):
                return [Candidate(w.text.strip(",;|"), layout.number, [w], BY_SHAPE, "pattern")]
    return []


def _time_after_date(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    for layout in layouts:
        for row in layout.rows:
            words = row.words
            for i, w in enumerate(words):
                t, n = None, 2  # "04:51 PM" read whole before "04:51" alone
                if i + 1 < len(words):
                    t = V.parse_time(f"{w.text} {words[i + 1].text}")
                if t is None:
                    t, n = V.parse_time(w.text), 1
                if t is None or not re.search(r"\d[:.]\d\d", w.text):
                    continue
                before = " ".join(x.text for x in words[max(0, i - 3):i])
                if before and any(ctx.date(" ".join(x.text for x in words[j:i])) for j in range(max(0, i - 3), i)):
                    return [Candidate(t, layout.number, words[i:i + n], TIME_AFTER_DATE, "pattern", row=None)]
    return []


def _enum(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    options = [o for o in f.enum or [] if o is not None]
    keys = {o: [V.fold(str(o)).replace("_", " ")] for o in options}
    for k in keys.values():
        k.extend(ENUM_SYNONYMS.get(k[0], ()))
    for layout in layouts:
        for row in layout.rows:
            text = " " + re.sub(r"[^a-z0-9]+", " ", V.fold(row.text)) + " "
            hits = [(o, k) for o, ks in keys.items() for k in ks if f" {k} " in text]
            if hits:
                o, k = max(hits, key=lambda h: len(h[1]))
                words = [w for w in row.words if V.fold(w.text).strip(".,:") in k.split()] or row.words
                return [Candidate(o, layout.number, words, ENUM_WORD, "pattern")]
    return _enum_by_meaning(options, layouts)


def _enum_by_meaning(options: list, layouts: list[PageLayout]) -> list[Candidate]:
    """Where no option is printed, the short phrase of words (a breadcrumb's part: "Home > Cook & Dine") that
    means one option by sentence meaning (ENUM_MEANING_MIN), clearly more than any other (ENUM_MEANING_LEAD):
    "Cook & Dine" is the Kitchen category. Nothing without the model."""
    if not embed.available() or len(options) < 2:
        return []
    phrases = [(layout.number, part) for layout in layouts for seg in layout.segments()
               for part in _parts(seg.words) if _phrase_like(part)]
    if not phrases:
        return []
    texts = [str(o).replace("_", " ") for o in options]
    vectors = embed.embed([" ".join(w.text for w in part) for _, part in phrases] + texts)
    scores = vectors[:len(phrases)] @ vectors[len(phrases):].T
    best: tuple[float, int, int] | None = None
    for i, row in enumerate(scores):
        ranked = sorted(range(len(options)), key=lambda j: -row[j])
        top, lead = float(row[ranked[0]]), float(row[ranked[0]] - row[ranked[1]])
        if top >= ENUM_MEANING_MIN and lead >= ENUM_MEANING_LEAD and (best is None or top > best[0]):
            best = (top, i, ranked[0])
    if best is None:
        return []
    _, i, j = best
    page, part = phrases[i]
    return [Candidate(options[j], page, part, ENUM_MEANING, "pattern", inferred=True)]


_CRUMB = re.compile("^[\u203a\u00bb>/|\u2022\u00b7]+$")  # the angle quotes, ">", "/", "|", bullets


def _parts(words: list[Word]) -> list[list[Word]]:
    """A phrase's parts between breadcrumb separators ("Home > Cook & Dine")."""
    parts: list[list[Word]] = [[]]
    for w in words:
        if _CRUMB.match(w.text):
            parts.append([])
        else:
            parts[-1].append(w)
    return [p for p in parts if p]


def _phrase_like(words: list[Word]) -> bool:
    """A few words, no figure: what can name a category, not a line of text or an amount."""
    text = " ".join(w.text for w in words)
    return len(words) <= ENUM_PHRASE_WORDS and not re.search(r"\d", text) and sum(c.isalpha() for c in text) >= 3


def _currency(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    """The ISO code printed most often, else the currency symbol printed most often."""
    counts: dict[str, list] = {}
    for layout in layouts:
        for row in layout.rows:
            for w, after in zip(row.words, [*row.words[1:], None], strict=True):
                # a sign of letters is one word and its figure the next ("Rs. | 4,032.71")
                code = V.detect_currency(w.text, f.enum) or (
                    after is not None and V.LETTER_SIGNS.get(w.text.rstrip(".")) and V.detect_currency(
                        f"{w.text} {after.text}", f.enum))
                if not code:
                    continue
                counts.setdefault(code, []).append((layout.number, w, w.text.upper() == code))
    if not counts:
        return []
    code, hits = max(counts.items(), key=lambda kv: (sum(h[2] for h in kv[1]), len(kv[1])))
    page, word, exact = next(((p, w, e) for p, w, e in hits if e), hits[0])
    if exact:
        return [Candidate(code, page, [word], CURRENCY_CODE, "pattern")]
    # a symbol inside an amount ("$565.00"): cite the symbol alone and leave the word to the amount
    return [Candidate(code, page, [], CURRENCY_SYMBOL, "pattern", boxes=[_symbol_box(word)], inferred=True)]


def _symbol_box(word: Word) -> Box:
    from assay.engines.layout.unlabelled import sub_box

    text = word.text.upper()
    for symbol in sorted(V.CURRENCY_SYMBOLS, key=len, reverse=True):
        at = text.find(symbol)
        if at >= 0:
            return sub_box(word, at, at + len(symbol))
    return word.box
