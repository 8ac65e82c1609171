"""How well a printed phrase names a schema field: meaning (embeddings) combined with lexical evidence.

A field is known by its name (`amount_due`, `invoiceNumber`), an optional title and description, and
the schema's title (its context: an invoice's "Number" is its invoice_number). A printed label is
compared with it in four ways:

- meaning: cosine similarity of the label with the field's name, title and description, each embedded
  (semantics.embed); "Remit by" is near "Date by which payment must be received".
- words: the field's name words found in the label and the label's words in the name, where a word
  also matches its plural, an abbreviation ("Acct" for account, "Wt" for weight), its initials ("DOB"
  for date of birth) and, for numbering words, any other ("No.", "#", "Number", "ID", "Ref").
- head kind: the kind of value the last word announces (a date, an identifier, an amount, a name, a
  phone number...). Agreeing kinds add, different kinds subtract: "Account Name" is no account_number.
- opposite qualifiers: "Previous Employer" is no current_employer, "Net Weight" no gross_weight.

Without the model (not installed, or ASSAY_EMBEDDINGS=off) the score rests on the last three alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assay.semantics import embed

# The kinds of value a label's last word announces. Closed classes of the words that say what a value
# is (a date, a number...), not synonyms of any one field.
_KINDS = {
    "date": {"date", "dated", "day", "on", "until", "expiry", "expire", "start", "end", "begin", "beginning",
             "ending", "commencement", "dob", "birthdate"},
    "time": {"time", "hour"},
    "id": {"number", "no", "nr", "num", "#", "id", "ref", "reference", "identifier", "code"},
    "amount": {"amount", "total", "subtotal", "balance", "charge", "fee", "price", "cost", "value", "sum",
               "tax", "vat", "gst", "payment", "pay", "deposit", "rent"},
    "name": {"name", "holder"},
    "phone": {"phone", "telephone", "tel", "mobile", "fax"},
    "address": {"address", "street"},
    "email": {"email", "mail"},
    "rate": {"rate", "percent", "percentage", "%", "apr"},
    "type": {"type", "method", "mode", "kind", "category", "term"},
}
_KIND_OF = {w: k for k, words in _KINDS.items() for w in words}
_NUMBERING = _KINDS["id"] - {"code"}
# Qualifiers that contradict one another: a label with one names no field with the other.
_OPPOSITES = (
    ({"start", "begin", "beginning", "opening", "from", "first", "commencement"},
     {"end", "ending", "closing", "to", "through", "until", "expiry", "expire", "final"}),
    ({"previous", "prior", "old", "opening", "brought"}, {"current", "new", "present", "closing", "carried"}),
    ({"gross"}, {"net"}),
    ({"minimum", "min"}, {"maximum", "max"}),
    ({"debit", "withdrawal", "out", "outgoing"}, {"credit", "deposit", "in", "incoming"}),
)
# Words after the head that say where the value stands, not what it is: "Amount Due", "Balance brought forward".
_POSTMODIFIERS = {"due", "payable", "owing", "outstanding", "available", "forward", "brought"}
_STOP = {"of", "the", "a", "an", "for", "your", "our", "my", "and", "please", "this", "is", "at", "in"}
_UNITS = {"kg", "g", "lb", "lbs", "kwh", "mm", "cm", "km", "usd", "eur", "gbp", "pct", "percent", "days", "months",
          "years"}
_HEAD_BEFORE_OF = re.compile(r"^(.+?) of ")

# How the evidence adds up: the words and head kind alone (no model) are scaled to the same range.
_W_MEANING, _W_WORDS, _W_KIND, _W_OPPOSITE = 0.6, 0.3, 0.1, 0.3
_W_WORDS_ALONE = 0.85


@dataclass(frozen=True, slots=True)
class FieldText:
    """What a schema says about a field: its name, title, description, and the schema's title."""

    name: str
    title: str = ""
    description: str = ""
    context: str = ""


def field_score(printed: str, field: FieldText) -> float:
    """How well `printed` names `field`, in [0, 1]."""
    return _score(printed, field, embed.available())


def score_matrix(printed: list[str], fields: list[FieldText]) -> np.ndarray:
    """field_score of every phrase (rows) for every field (columns), the texts embedded in one batch."""
    if embed.available():
        embed.embed([_bare(p) for p in printed] + [t for f in fields for t in _phrases(f)])
    return np.array([[field_score(p, f) for f in fields] for p in printed]).reshape(len(printed), len(fields))


@lru_cache(maxsize=65536)
def _score(printed: str, field: FieldText, with_model: bool) -> float:
    label = words(printed)
    if not label:
        return 0.0
    name = _field_words(field)
    lexical = _word_overlap(label, name, set(words(field.context)))
    kind = _kind_agreement(label, name)
    opposite = _opposite(label, name)
    if not with_model:
        return _clip(_W_WORDS_ALONE * lexical + _W_KIND * kind - _W_OPPOSITE * opposite)
    return _clip(_W_MEANING * _meaning(printed, field) + _W_WORDS * lexical + _W_KIND * kind
                 - _W_OPPOSITE * opposite)


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def _meaning(printed: str, field: FieldText) -> float:
    """Best cosine of the label with the field's name, title and description."""
    vectors = embed.embed([_bare(printed), *_phrases(field)])
    return float(max(0.0, (vectors[1:] @ vectors[0]).max()))


def _bare(printed: str) -> str:
    return printed.strip().rstrip(":").strip()


def _phrases(field: FieldText) -> list[str]:
    """What the model reads of a field: its name as words ('amount due'), its title, its description."""
    return [p for p in (" ".join(_name_only(field)), field.title.strip(), field.description.strip()) if p]


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free words; '#' and '%' kept as words: 'Invoice No.:' → ('invoice', 'no')."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)  # camelCase
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("&", " and ")
    return tuple(re.findall(r"[a-z0-9]+|[#%]", text))


def _name_only(field: FieldText) -> tuple[str, ...]:
    """The field's name as words, without a trailing unit: 'gross_weight_kg' → ('gross', 'weight')."""
    name = words(field.name)
    return name[:-1] if len(name) > 1 and name[-1] in _UNITS else name


def _field_words(field: FieldText) -> tuple[str, ...]:
    """The name's words, then the title's."""
    return tuple(dict.fromkeys([*_name_only(field), *words(field.title)]))


def _content(ws: tuple[str, ...]) -> list[str]:
    return [w for w in ws if w not in _STOP]


def _word_overlap(label: tuple[str, ...], name: tuple[str, ...], context: set[str]) -> float:
    """Mean of the share of the name's words the label covers and the share of the label's words the name
    covers. Name words of the schema's title may be left out ("No." for an invoice's invoice_number)."""
    lw, nw = _content(label), _content(name)
    if not lw or not nw:
        return 0.0
    initials = _initials(list(name))
    covered_name = [max((_word_match(x, y) for x in lw), default=0.0) for y in nw]
    covered_label = [max(max((_word_match(x, y) for y in nw), default=0.0), 1.0 if x in initials else 0.0)
                     for x in lw]
    if all(covered_label) and len(nw) > 1:  # the label says nothing the name does not: "Date" on an invoice
        covered_name = [max(c, 0.8) if y in context else c for c, y in zip(covered_name, nw, strict=True)]
    for x in lw:
        if x in initials:  # 'dob' covers date, of, birth
            covered_name = [max(c, 1.0) if y in initials[x] else c for c, y in zip(covered_name, nw, strict=True)]
    return 0.5 * (sum(covered_name) / len(nw) + sum(covered_label) / len(lw))


def _initials(name: list[str]) -> dict[str, set[str]]:
    """Acronyms of two or more consecutive name words: date_of_birth → 'dob' (stop words counted)."""
    out: dict[str, set[str]] = {}
    for i in range(len(name)):
        for j in range(i + 2, len(name) + 1):
            out["".join(w[0] for w in name[i:j])] = set(name[i:j])
    return out


@lru_cache(maxsize=65536)
def _word_match(x: str, y: str) -> float:
    """1 for the same word (or plural), 0.9 for two numbering words, 0.8 for an abbreviation, else 0."""
    if x == y or _singular(x) == _singular(y):
        return 1.0
    if x in _NUMBERING and y in _NUMBERING:
        return 0.9
    if _abbreviates(x, y) or _abbreviates(y, x):
        return 0.8
    return 0.0


def _singular(w: str) -> str:
    """'charges' → 'charge', 'utilities' → 'utility', 'taxes' → 'tax'; 'address', 'previous', 'basis' stay."""
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("xes", "ches", "shes", "sses")):
        return w[:-2]
    return w[:-1]


def _abbreviates(short: str, long: str) -> bool:
    """'acct' abbreviates 'account', 'wt' 'weight': two letters or more, the same first letter, the rest in
    order; words of the closed classes (numbering, prepositions) abbreviate nothing."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0] or short in _STOP or short in _KIND_OF:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


def _head(ws: tuple[str, ...]) -> str | None:
    """The word that says what the value is: the last word ('Date Received' → date, 'VAT 20%' → vat), or
    the one before 'of' ('Date of Birth')."""
    content = [w for w in ws if w not in ("the", "a", "an", "your", "our")]
    m = _HEAD_BEFORE_OF.match(" ".join(content))
    if m:
        content = m.group(1).split()
    while len(content) > 1 and (content[-1] in _POSTMODIFIERS or content[-1].endswith("ed")
                                or content[-1].isdigit() or content[-1] == "%"):
        content.pop()
    return _singular(content[-1]) if content else None


def _kind_agreement(label: tuple[str, ...], name: tuple[str, ...]) -> float:
    """+1 where the label's head word and the field's announce the same kind of value, -1 where they
    announce different kinds, 0 where either announces none."""
    a, b = _KIND_OF.get(_head(label) or ""), _KIND_OF.get(_head(name) or "")
    if a is None or b is None:
        return 0.0
    return 1.0 if a == b else -1.0


def _opposite(label: tuple[str, ...], name: tuple[str, ...]) -> float:
    """1 where the label carries a qualifier opposite to one of the field's."""
    lw, nw = {_singular(w) for w in label}, {_singular(w) for w in name}
    for one, other in _OPPOSITES:
        if (lw & one and nw & other) or (lw & other and nw & one):
            return 1.0
    return 0.0

