"""How well a printed phrase names a schema field: meaning (embeddings) combined with lexical evidence.

A field is known by its name (`amount_due`, `invoiceNumber`), an optional title and description, and
the schema's title (its context: an invoice's "Number" is its invoice_number). A printed label is
compared with it in four ways:

- meaning: cosine similarity of the label with the field's name, title and description, each embedded
  (semantics.embed); "Remit by" is near "Date by which payment must be received".
- words: the field's name words found in the label and the label's words in the name (or, failing
  that, in any of their forms in what the field's description says it is, not in its asides: "Date
  Available" for available_from, "the earliest date the applicant can start"), where a word also
  matches its plural, an abbreviation ("Acct" for account, "Wt" for weight), its initials ("DOB" for
  date of birth) and, for numbering words and for the words of what is owed, any other ("No.", "#",
  "Number", "ID", "Ref"; "Due", "Payable", "Owing").
- head kind: the kind of value the last word announces (a date, an identifier, an amount, a name, a
  phone number...). Agreeing kinds add, different kinds subtract: "Account Name" is no account_number.
- opposite qualifiers: "Previous Employer" is no current_employer, "Net Weight" no gross_weight, "Amount
  Paid" no amount_due; another word for the same side agrees: "Term Begins" for lease_start, "Total
  Credits" for total_deposits; and a side the schema gives another field is that field's: "Amount of Last
  Bill" is no amount_due where the schema has a previous_balance.

Without the model (not installed, or ASSAY_EMBEDDINGS=off) the score rests on the last three alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assay.domain.labels import table_wordings
from assay.semantics import embed, wordpiece

# The kinds of value a label's last word announces. Closed classes of the words that say what a value
# is (a date, a number...), not synonyms of any one field.
_KINDS = {
    "date": {"date", "dated", "day", "on", "until", "before", "deadline", "expiry", "expire", "start", "end", "begin",
             "beginning", "ending", "commencement", "dob", "birthdate"},
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
    ({"previous", "prior", "old", "opening", "brought", "last"}, {"current", "new", "present", "closing", "carried"}),
    ({"gross"}, {"net"}),
    ({"minimum", "min"}, {"maximum", "max"}),
    ({"debit", "withdrawal", "out", "outgoing"}, {"credit", "deposit", "in", "incoming"}),
    ({"due", "payable", "owing", "outstanding", "unpaid"}, {"paid", "prepaid", "received", "settled"}),
)
_SIDES = _OPPOSITES[1:]  # whose value: previous or current, gross or net, ...; not which end of a range
# Words after the head that say where the value stands, not what it is: "Amount Due", "Balance brought forward".
_OWED = {"due", "payable", "owing", "outstanding"}  # one another's equals: "Amount Due" is "Amount Payable"
_POSTMODIFIERS = _OWED | {"available", "forward", "brought"}
_PREPOSITIONS = {"from", "to", "by", "on", "at", "in", "of", "for", "with", "until", "through", "via"}
_STOP = {"of", "the", "a", "an", "for", "your", "our", "my", "and", "please", "this", "is", "at", "in"}
_UNITS = {"kg", "g", "lb", "lbs", "kwh", "mm", "cm", "km", "usd", "eur", "gbp", "pct", "percent", "days", "months",
          "years"}
_HEAD_BEFORE_OF = re.compile(r"^(.+?) of ")
# Words that start a qualifier of what comes before them: "Total (incl. VAT)" is a total, "Amount excl.
# tax" and "Income (before tax)" are no tax. A label's words are read up to the first of them.
_QUALIFIER_START = {"incl", "including", "inclusive", "inc", "excl", "excluding", "exclusive", "ex", "before",
                    "after", "less", "plus", "without"}
# Qualifiers that leave out part of what the head word names: "Total excl. VAT", "Total before tax", "Total net
# of VAT", "Sub-total" are a part of the total, not the total. Such a label names no field that is its bare
# head ("total"); a field whose own words narrow it ("subtotal", "net_amount", "gross_pay") it may.
# ("incl.", "plus", "after" add to the head or say when: "Total incl. VAT" is the total.)
_NARROWING = {"excl", "excluding", "exclusive", "ex", "before", "less", "without", "pre"}
_NARROWING_PREFIX = {"sub", "pre", "net", "partial"}

# How the evidence adds up. Without the model the lexical part is scaled to [0, 1]: a label that is the
# field's name then scores 1 either way.
_W_MEANING, _W_WORDS, _W_KIND, _W_OPPOSITE = 0.6, 0.3, 0.1, 0.3
# A narrowed label meeting a narrowed field ("Amount excl. Tax" and a subtotal "before tax").
_W_NARROW = 0.2
# A label whose qualifier is another word for the field's ("Term Begins" for lease_start, "Total Credits" for
# total_deposits): the same side of one of the _OPPOSITES.
_W_ALIKE = 0.15
# A label that takes a side the schema gives to another field, against a field that takes none.
_W_SIDED = 0.15
# A label read against one of the synonym table's wordings of a field: what it shares with the wording counts
# this much of what it would with the field's own name (bench/label_matching.py: 0.6 to 0.85 rank best).
_W_WORDING = 0.7
# A label word the field's description uses covers it almost as well as a word of its name.
_DESCRIBED = 0.8


@dataclass(frozen=True, slots=True)
class FieldText:
    """What a schema says about a field: its name, title, description, and the schema's title."""

    name: str
    title: str = ""
    description: str = ""
    context: str = ""


@dataclass(frozen=True, slots=True)
class _Words:
    """What the lexical evidence needs of a label or a field, worked out once per text."""

    tokens: tuple[str, ...]
    content: tuple[str, ...]  # without stop words
    singular: frozenset[str]
    kind: str | None  # the kind of value the head word announces
    initials: dict[str, frozenset[str]]  # acronyms of the words: date of birth → 'dob'
    context: frozenset[str]  # a field's schema-title words, which a label may leave out
    letters: frozenset[str]  # first letters of the content words, and '#' for a numbering word: two texts
    # with none in common share no word (equal words, plurals and abbreviations start alike)
    narrowed: bool = False  # a qualifier leaves out part of what the head names ("Total excl. VAT")
    excluded: tuple[str, ...] = ()  # what it leaves out ("vat")


def field_score(printed: str, field: FieldText) -> float:
    """How well `printed` names `field`, in [0, 1]."""
    return float(score_matrix([printed], [field])[0, 0])


def score_matrix(printed: list[str], fields: list[FieldText]) -> np.ndarray:
    """field_score of every phrase (rows) for every field (columns); each distinct text is embedded once,
    in one batch."""
    lexical = np.array([[_lexical(p, f) for f in fields] for p in printed]).reshape(len(printed), len(fields))
    lexical -= _W_SIDED * _sided_elsewhere(printed, fields)
    if not embed.available():
        return np.clip(lexical / (_W_WORDS + _W_KIND), 0.0, 1.0)
    phrases = [_phrases(f) for f in fields]
    spelled = {(i, j): t for i, p in enumerate(printed) for j, f in enumerate(fields) if (t := _spelled_out(p, f))}
    extra = list(dict.fromkeys(spelled.values()))
    vectors = embed.embed([_bare(p) for p in printed] + extra + [t for ps in phrases for t in ps])
    labels, rest = vectors[: len(printed)], vectors[len(printed) + len(extra):]
    extra_vectors = dict(zip(extra, vectors[len(printed):len(printed) + len(extra)], strict=True))
    meaning = np.zeros((len(printed), len(fields)))
    start = 0
    for j, ps in enumerate(phrases):
        meaning[:, j] = (labels @ rest[start:start + len(ps)].T).max(axis=1, initial=0.0)
        for i in range(len(printed)):
            if (i, j) in spelled:  # the model reads the abbreviation spelled out as the field's word
                spelled_meaning = float((rest[start:start + len(ps)] @ extra_vectors[spelled[i, j]]).max())
                meaning[i, j] = max(meaning[i, j], spelled_meaning)
        start += len(ps)
    blank = np.array([not words(p) for p in printed])
    # a label that leaves out what a field names ("Amount excl. Tax" for tax_amount) keeps half its meaning:
    # the model reads the words, not what the qualifier does to them
    away = np.array([[_narrowed_away(p, f) for f in fields] for p in printed]).reshape(meaning.shape)
    meaning = np.where(away, 0.5 * meaning, meaning)
    return np.where(blank[:, None], 0.0, np.clip(_W_MEANING * meaning + lexical, 0.0, 1.0))


@lru_cache(maxsize=65536)
def _spelled_out(printed: str, field: FieldText) -> str | None:
    """The label with its abbreviations of the field's name words spelled out ("TTL Cash" → "total cash" for a
    total), or None where it has none. An abbreviation is a word the model's vocabulary lacks (it reads such a
    word as pieces that mean nothing; a word it knows, "pay" or "ship", is a word of its own, not short for
    "payment" or "shipping") that is a consonant skeleton ("TTL", "Amt", "Qty", "Acct") or ends in a full stop
    ("Inv.", "Cust."): a bare start of a word in capitals is as often initials ("POS" is no "postal")."""
    vocabulary = wordpiece.vocabulary()
    name = _name_only(field)
    out, changed = [], False
    for x in words(_bare(printed)):
        short = x not in vocabulary and not x.isdigit() and (
            not _VOWELS.intersection(x[1:]) or re.search(rf"(?i)\b{re.escape(x)}\.", printed) is not None)
        y = next((y for y in name if _abbreviates(x, y)), None) if short else None
        out.append(y or x)
        changed = changed or y is not None
    return " ".join(out) if changed else None


def _sided_elsewhere(printed: list[str], fields: list[FieldText]) -> np.ndarray:
    """1 for a field that says nothing of the side the label's qualifier takes, where another field of the
    schema says it ("Amount of Last Bill": the schema's previous_balance is that bill's, not amount_due);
    prepositions ("from", "to", "in") are too common to take a side by, and a start or an end is what a date
    is, not whose ("Tenancy start" is a move-in date where the schema has an employment start too)."""
    common = _PREPOSITIONS | {"out"}
    names = [_field_words(f).singular - common for f in fields]
    out = np.zeros((len(printed), len(fields)))
    for i, p in enumerate(printed):
        lw = _label_words(p).singular - common
        for one, other in (*_SIDES, *((b, a) for a, b in _SIDES)):
            if not lw & one or lw & other or not any(nw & one for nw in names):
                continue
            for j, nw in enumerate(names):
                if not nw & (one | other):
                    out[i, j] = 1.0
    return out


@lru_cache(maxsize=65536)
def _lexical(printed: str, field: FieldText) -> float:
    """The words, head kind and opposite qualifiers, weighted; the meaning is added to it. The label is read
    against the field's name and, discounted, against each of the synonym table's wordings of it that says all
    the label says, its head word included: "Amount Owing" is "amount due", one of the table's totals, and
    shares no word with "total"; "Customer Site" shares a qualifier with "customer po", not what the value is,
    and "Net Value" a head with "tax value", not what qualifies it."""
    label = [x for x in words(printed) if x not in _STOP and x not in _PREPOSITIONS]  # "to" abbreviates no "total"
    wordings = [_W_WORDING * _named(printed, FieldText(w.replace(" ", "_"), "", "", field.context))
                for w in table_wordings(" ".join(_name_only(field))) if _says_all(label, words(w))]
    return max([_named(printed, field), *wordings])


def _says_all(label: list[str], wording: tuple[str, ...]) -> bool:
    """Every word of the label is a word of the wording, and the wording's head one of the label's."""
    head = _head(wording)
    return (head is not None and any(_word_match(x, head) for x in label)
            and all(any(_word_match(x, y) for y in wording) for x in label))


def _named(printed: str, field: FieldText) -> float:
    label, name = _label_words(printed), _field_words(field)
    if not label.tokens:
        return 0.0
    overlap = max(_word_overlap(label, name, field.description), _description_cover(label, field))
    return (_W_WORDS * overlap + _W_KIND * _kind_agreement(label, name) + _W_NARROW * _narrowed_alike(label, field)
            + _W_ALIKE * _alike(label, name) - _W_OPPOSITE * max(_opposite(label, name), _narrower(label, name)))


def foreign_owners(printed: str, field: FieldText) -> tuple[str, ...]:
    """For an identifier's label and an identifier field ("Tax ID" and employee_id): the words before the
    label's numbering word that say whose identifier it is where the field neither names nor describes them
    ("tax"); empty where the label's owner is the field's ("Payroll No." for an id described as "Employee /
    payroll / staff number"; "Emp Code" abbreviates "employee"), or it is no identifier's label. Whether such
    a word names another thing is the schema's to say (engines.layout.meaning.numbers_another)."""
    label, name = _label_words(printed), _field_words(field)
    if not label.tokens or label.kind != "id" or name.kind != "id" or not _leaves_out_own(label, name,
                                                                                         field.description):
        return ()
    owners = tuple(x for x in label.content if x not in _KINDS["id"])
    if any(x in name.initials or _described(x, field.description)
           or any(_word_match(x, y) >= 0.8 for y in name.content) for x in owners):
        return ()
    return owners


def mentions(word: str, field: FieldText) -> bool:
    """Whether a field's name or anything its description says (asides and examples too) uses the word, in any
    of its forms: "tax" in deductions described as "(taxes, social insurance, pension, other)"."""
    return (any(_word_match(word, y) >= 0.8 for y in _field_words(field).content)
            or any(_word_match(word, d) >= 0.9 or _same_stem(word, d) for d in _description_words(field.description)))


def _narrowed_away(printed: str, field: FieldText) -> bool:
    label, name = _label_words(printed), _field_words(field)
    return bool(label.tokens) and _narrower(label, name) > 0


def _narrowed_alike(label: _Words, field: FieldText) -> float:
    """A narrowed label ("Amount excl. Tax", "Net Value") and a field that is narrowed too: by its name
    ("subtotal") or its description ("Sum of the line totals before tax"). 1 where both leave out the same
    thing (tax), 0.5 where either says nothing of what is left out, 0 where either is not narrowed."""
    if not label.narrowed:
        return 0.0
    by_name = _field_words(field).content[:1]
    narrowed, excluded = _described_narrowing(field.description)
    if not narrowed and not (by_name and by_name[0].startswith(tuple(_NARROWING_PREFIX))):
        return 0.0
    left_out = {_singular(w) for w in label.excluded}
    return 1.0 if left_out & {_singular(w) for w in excluded} else 0.5


@lru_cache(maxsize=4096)
def _described_narrowing(description: str) -> tuple[bool, tuple[str, ...]]:
    """Whether a field's description narrows what it names ("... before tax", "excluding VAT"), and what it
    leaves out; read up to its first sentence's end."""
    first = re.split(r"[.;]\s", description + " ", maxsplit=1)[0]
    ws = words(first)
    at = next((i for i, w in enumerate(ws) if i > 0 and (w in _NARROWING or _net_of(ws, i))), None)
    return (True, tuple(w for w in ws[at + 1:at + 3] if w not in _STOP)) if at is not None else (False, ())


def head_kind(printed: str) -> str | None:
    """The kind of value a printed label's head word announces ('date', 'id', 'amount', ...), or None."""
    return _label_words(printed).kind


def _bare(printed: str) -> str:
    """What the model reads of a label: without its colon, and without a qualifier that only says what the
    value includes ("Total Amount Payable (incl. VAT)" is a total, whatever it includes)."""
    return _INCLUSIVE.sub("", printed.strip().rstrip(":").strip()).strip() or printed.strip()


# An inclusive qualifier and what follows it: "(incl. VAT)", "including tax", "inc. GST".
_INCLUSIVE = re.compile(r"[\s(,;-]+(?:incl|including|inclusive|inc)\b.*$", re.IGNORECASE)


def _unqualified(ws: tuple[str, ...]) -> tuple[str, ...]:
    """The words before a qualifier: what the label's words say the value is ("Total incl. VAT" is a total).
    The model reads the whole label: "Pay before deductions" means gross pay."""
    cut = next((i for i, w in enumerate(ws) if 0 < i < len(ws) - 1 and (w in _QUALIFIER_START or _net_of(ws, i))),
               len(ws))  # a last word qualifies nothing: "Pay before" is a deadline, no pay
    return ws[:cut]


def _net_of(ws: tuple[str, ...], i: int) -> bool:
    return ws[i] == "net" and ws[i + 1: i + 2] == ("of",)


def _narrowing(ws: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Whether the words carry a qualifier that leaves out part of what their head names (one of _NARROWING
    after the head, 'net of', or a prefix word before it: 'Sub-total'), and the words it leaves out."""
    at = next((i for i, w in enumerate(ws) if i > 0 and (w in _NARROWING or _net_of(ws, i))), None)
    if at is not None:
        return True, tuple(w for w in ws[at + 1:] if w not in _STOP)
    return len(ws) > 1 and ws[0] in _NARROWING_PREFIX, ()


def qualifies(printed: str) -> bool:
    """Whether a printed phrase starts with a qualifier of the words before it ("incl. GST", "excl. VAT",
    "before tax"): it says what the head includes or leaves out, it names nothing of its own."""
    ws = words(printed)
    return bool(ws) and (ws[0] in _QUALIFIER_START or _net_of(ws, 0))


def postmodifies(printed: str) -> bool:
    """Whether a printed phrase is words that say where the value before it stands, not what it is: "Due",
    "Payable", "Rounded", "Paid" after "Total"."""
    ws = words(printed)
    return bool(ws) and all(w in _POSTMODIFIERS or (len(w) > 4 and w.endswith(("ed", "able"))) for w in ws)


def narrows(printed: str) -> bool:
    """Whether a printed phrase starts with a qualifier that leaves out part of what the words before it
    name: "excl. VAT", "before tax", "net of fees" after "Total"."""
    ws = words(printed)
    return bool(ws) and (ws[0] in _NARROWING or _net_of(ws, 0))


@lru_cache(maxsize=4096)
def _phrases(field: FieldText) -> tuple[str, ...]:
    """What the model reads of a field: its name as words ('amount due'), its title, its description."""
    return tuple(p for p in (" ".join(_name_only(field)), field.title.strip(), field.description.strip()) if p)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free words; '#' and '%' kept as words: 'Invoice No.:' → ('invoice', 'no')."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)  # camelCase
    text = re.sub(r"(?<=[A-Za-z])['’]s\b|(?<=[A-Za-z])\(s\)", "", text)  # "Buyer's", "Name(s)"
    text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", "") + " ", text)  # "P.O." → "PO"
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("&", " and ")
    return tuple(re.findall(r"[a-z0-9]+|[#%]", text))


def _name_only(field: FieldText) -> tuple[str, ...]:
    """The field's name as words, without a trailing unit: 'gross_weight_kg' → ('gross', 'weight')."""
    name = words(field.name)
    return name[:-1] if len(name) > 1 and name[-1] in _UNITS else name


@lru_cache(maxsize=4096)
def _field_words(field: FieldText) -> _Words:
    """The name's words, then the title's."""
    return _facts(tuple(dict.fromkeys([*_name_only(field), *words(field.title)])), words(field.context))


@lru_cache(maxsize=65536)
def _label_words(printed: str) -> _Words:
    ws = words(printed)
    return _facts(_unqualified(ws), (), *_narrowing(ws))


def _facts(ws: tuple[str, ...], context: tuple[str, ...], narrowed: bool = False,
           excluded: tuple[str, ...] = ()) -> _Words:
    initials: dict[str, frozenset[str]] = {}
    for i in range(len(ws)):
        for j in range(i + 2, len(ws) + 1):
            initials["".join(w[0] for w in ws[i:j])] = frozenset(ws[i:j])
    head = _head(ws)
    content = tuple(w for w in ws if w not in _STOP)
    letters = frozenset(w[0] for w in content) | ({"#"} if _NUMBERING.intersection(content) else set())
    return _Words(ws, content, frozenset(map(_singular, ws)), _KIND_OF.get(head) if head else None, initials,
                  frozenset(context), letters, narrowed, excluded)


def _word_overlap(label: _Words, name: _Words, description: str = "") -> float:
    """Mean of the share of the name's words the label covers and the share of the label's words the name
    covers, or failing that the description uses (at _DESCRIBED: "Date Available" for available_from, "the
    earliest date the applicant can start"). Name words of the schema's title may be left out ("No." for an
    invoice's invoice_number)."""
    lw, nw = label.content, name.content
    if not lw or not nw or not label.letters & name.letters:
        return 0.0
    covered_name = [max(_word_match(x, y) for x in lw) for y in nw]
    if len(lw) < 2 and label.kind is not None:
        description = ""  # a lone word that only names a kind of value ("Payment"): descriptions use those by chance
    alien = _leaves_out_own(label, name, description)
    covered_label = [1.0 if x in name.initials else
                     max(max(_word_match(x, y) for y in nw),
                         _DESCRIBED * (_stands_in(x, alien, description) and _described(x, description))) for x in lw]
    if all(covered_label) and len(nw) > 1:  # the label says nothing the name does not: "Date" on an invoice
        covered_name = [max(c, 0.8) if y in name.context else c for c, y in zip(covered_name, nw, strict=True)]
    for x in lw:
        if x in name.initials:  # 'dob' covers date, of, birth
            covered_name = [1.0 if y in name.initials[x] else c for c, y in zip(covered_name, nw, strict=True)]
    return 0.5 * (sum(covered_name) / len(nw) + sum(covered_label) / len(lw))


def _leaves_out_own(label: _Words, name: _Words, description: str) -> bool:
    """Whether a label names another thing of the field's kind: it leaves out a word of the field's name that
    says which thing of its kind the field is ("po" of po_number: of a field whose head word names a kind of
    value, a word not a kind word, a word that says where the value stands, a preposition or the schema's
    title) and says what it is itself, with a kind word of its own ("Customer No.") or a word neither the
    name nor the description uses ("Customer Site"). "Premises" for service_address, described as the
    "Address of the premises supplied", leaves "service" out but says nothing else: the premises' address."""
    lw = label.content
    if name.kind is None:
        return False  # "pension", "deductible": the name is the thing; a description's word may name it
    own = [y for y in name.content if _singular(y) not in _KIND_OF and y not in _POSTMODIFIERS
           and y not in _PREPOSITIONS and y not in name.context]
    if all(any(_word_match(x, y) >= 0.8 for x in lw) for y in own):
        return False
    return label.kind is not None or not all(
        any(_word_match(x, y) >= 0.8 for y in name.content) or _described(x, description) for x in lw)


def _description_cover(label: _Words, field: FieldText) -> float:
    """The share of the label's words that the field's description uses: "Excess" for a deductible
    described as "Excess the insured pays". Not a lone word that only names a kind of value ("Date",
    "Amount"): descriptions use those by chance."""
    if len(label.content) < 2 and label.kind is not None:
        return 0.0
    described = _description_words(_affirmed(field.description))
    if not described or not label.content:
        return 0.0
    alien = _leaves_out_own(label, _field_words(field), field.description)
    return sum(1.0 for x in label.content if _singular(x) in described and _stands_in(x, alien, field.description)
               ) / len(label.content)


def _stands_in(x: str, alien: bool, description: str) -> bool:
    """Whether a label word the description uses may cover it. Where the label leaves out the field's own word
    ("Customer No." for po_number), only a kind word ("Total" in "Total earnings ...") or another name the
    description gives for the field ("Tracking, waybill or consignment number", "VAT / tax registration
    number"); not a word that says more of it ("Customer purchase order number" says whose order it is)."""
    return not alien or _singular(x) in _KIND_OF or _singular(x) in _alternatives(description)


@lru_cache(maxsize=4096)
def _alternatives(description: str) -> frozenset[str]:
    """The words a description sets beside another with 'or', '/' or a comma: other names for one thing."""
    tokens = re.findall(r"[a-z0-9]+|[,/]", _affirmed(description).lower())
    return frozenset(_singular(t) for i, t in enumerate(tokens) if t not in (",", "/", "or") and any(
        0 <= j < len(tokens) and tokens[j] in (",", "/", "or") for j in (i - 1, i + 1)))


def _described(x: str, description: str) -> bool:
    """Whether the description says what the field is with the word, in any of its forms ("issue" in "Date the
    invoice was issued"); not in what it says the field is not ("before payments received", "not the meter
    number")."""
    return any(_word_match(x, d) >= 0.9 or _same_stem(x, d)  # not an abbreviation: descriptions are long
               or (len(x) >= 4 and d.startswith(x) and len(d) - len(x) <= 3)
               for d in _description_words(_affirmed(description)))


def _affirmed(description: str) -> str:
    """What a description says the field is, before an aside or what it says the field is not."""
    return _AFFIRMED.split(description, maxsplit=1)[0]


# Where a description goes on to what the field is not, or to an aside: "(before payments received)", "; null
# if none", "not the bill number", "e.g. 'kWh'".
_AFFIRMED = re.compile(r"[(;]|\b(?:not|excluding|except|without|other than|e\.g|i\.e)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _description_words(description: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in words(description) if w not in _STOP)


@lru_cache(maxsize=65536)
def _word_match(x: str, y: str) -> float:
    """1 for the same word (or plural), 0.9 for two numbering words, 0.8 for an abbreviation or another form
    of the word, else 0."""
    if x == y or _singular(x) == _singular(y):
        return 1.0
    if (x in _NUMBERING and y in _NUMBERING) or (x in _OWED and y in _OWED):
        return 0.9  # "No." / "#" / "Number"; "Due" / "Payable" / "Owing"
    if _abbreviates(x, y) or _abbreviates(y, x) or _same_stem(x, y):
        return 0.8
    return 0.0


_STEM = 5  # letters two words must share from their start to be forms of one word
_ROLE = ("er", "or", "ee", "ers", "ors", "ees")  # endings that name a party to an act


def _same_stem(x: str, y: str) -> bool:
    """'deducted' / 'deductions', 'payable' / 'payables', 'invoiced' / 'invoice': one word in two forms, they
    share all but a short ending (three letters at most of the shorter)."""
    n = min(len(x), len(y))
    if n < _STEM + 1 or x.endswith(_ROLE) or y.endswith(_ROLE):
        return False  # "employer" is no form of "employment" or "employee": a party, not the act
    common = next((i for i in range(n) if x[i] != y[i]), n)
    return common >= _STEM and n - common <= 3


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
    """'acct' abbreviates 'account', 'wt' 'weight', 'dept' 'department': two letters or more, the same first
    letter, the rest in order, and no vowel after the letters kept from the word's start (an abbreviation
    drops the vowels it does not start with: 'due' is no 'document'); words of the closed classes
    (numbering, prepositions) abbreviate nothing."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0] or short in _STOP or short in _KIND_OF:
        return False
    kept = next((i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    if any(ch in _VOWELS for ch in short[kept:]):
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


_VOWELS = frozenset("aeiou")


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


def _kind_agreement(label: _Words, name: _Words) -> float:
    """+1 where the label's head word and the field's announce the same kind of value, -1 where they
    announce different kinds, 0 where either announces none."""
    if label.kind is None or name.kind is None:
        return 0.0
    return 1.0 if label.kind == name.kind else -1.0


def _narrower(label: _Words, name: _Words) -> float:
    """1 where a narrowed label ("Total excl. VAT", "Sub-total", "Total before tax") meets a field that is its
    bare head (every word of the field's name is one of the label's: "total") or what it leaves out ("tax"),
    unless the field's own words narrow it too ("subtotal", "total_excl_tax")."""
    if not label.narrowed or not name.content or _narrowing(name.tokens)[0] or name.content[0].startswith(
            tuple(_NARROWING_PREFIX)):
        return 0.0
    head = [w for w in label.content if w not in _NARROWING_PREFIX]
    if all(any(_word_match(x, y) >= 0.8 for x in head) for y in name.content):
        return 1.0
    return 1.0 if any(_word_match(x, y) >= 0.8 for x in label.excluded for y in name.content) else 0.0


def _alike(label: _Words, name: _Words) -> float:
    """1 where the label says with another word what side the field is on ("Begins", "From" for a start;
    "Credits" for deposits) and says nothing of the other side."""
    lw, nw = label.singular, name.singular
    for side, other in (*_OPPOSITES, *((b, a) for a, b in _OPPOSITES)):
        if (lw & side) - nw and nw & side and not lw & other:
            return 1.0
    return 0.0


def _opposite(label: _Words, name: _Words) -> float:
    """1 where the label carries a qualifier opposite to one of the field's."""
    lw, nw = label.singular, name.singular
    for one, other in _OPPOSITES:
        if (lw & one and nw & other) or (lw & other and nw & one):
            return 1.0
    return 0.0

