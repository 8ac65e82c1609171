"""How a schema field may be labelled on paper, and how well a printed phrase matches it.

A field `invoice_number` is printed as "Invoice No.", "Invoice #", "INVOICE NUMBER:"; `postal_code`
as "ZIP", "Postcode". Labels are built from the field name (snake_case and camelCase split), its
title, and a table of general business synonyms; a printed phrase is compared with them after
folding case, accents and punctuation, with rapidfuzz for the small spelling differences of OCR.

The label matcher every engine shares: the layout engine scores printed labels with it, the `openai`
engine splits field names with it. Engines never import each other; what two of them need lives
here, in the domain, or in the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from assay.domain.values import fold

# Phrase-level synonyms: a field whose name (as words) ends with or equals the key may be printed
# as any of the values. General business vocabulary, not any one document's wording.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("no", "nr", "num", "#", "number", "ref", "reference", "id"),
    "invoice number": ("invoice", "inv no", "invoice ref", "bill number"),
    "id": ("id", "no", "number", "#"),
    "date": ("date", "dated"),
    "invoice date": ("date of issue", "issue date", "issued", "billing date", "invoice dt", "date issued"),
    "order date": ("po date", "date of order", "ordered"),
    "due date": ("due", "payment due", "due by", "pay by", "payable by", "date due"),
    "delivery date": ("required by", "deliver by", "delivery", "need by", "requested delivery", "ship date",
                      "delivery by", "required date", "expected delivery"),
    "po number": ("po", "po no", "purchase order", "purchase order number", "order number", "order no",
                  "your order", "customer po", "p o", "p o number", "your ref", "po ref"),
    "total": ("total", "amount due", "grand total", "total due", "balance due", "total amount", "order total",
              "total payable", "amount payable", "invoice total", "total to pay"),
    "subtotal": ("sub total", "net amount", "net total", "total net", "net", "total excl tax",
                 "total before tax", "goods total", "amount before tax"),
    # value-added tax by its names the world over: USt (German), BTW (Dutch), moms (Nordic), SST (Malaysia), PPN
    # (Indonesia), KDV (Turkey), IGV (Peru), DPH (Czech and Slovak)
    "tax": ("tax", "vat", "gst", "hst", "sales tax", "tax total", "mwst", "iva", "tva", "total tax", "ust", "btw",
            "moms", "sst", "ppn", "kdv", "igv", "dph"),
    "tax amount": ("tax", "vat", "gst", "hst", "sales tax", "tax total", "total tax", "vat amount", "mwst", "iva",
                   "tva", "ust", "btw", "moms", "sst", "ppn", "kdv", "igv", "dph"),
    "shipping": ("freight", "carriage", "delivery", "shipping", "postage", "shipping handling", "delivery charge"),
    "tip": ("gratuity", "tip"),
    "tax id": ("vat no", "vat id", "vat number", "vat reg", "vat reg no", "tax number", "tax no", "ein", "abn",
               "gst no", "tax registration", "vat registration", "tin", "ust id", "tax id"),
    "account number": ("account no", "acct no", "account", "acct", "iban", "account #"),
    "account holder": ("account name", "account holder", "name"),
    "opening balance": ("beginning balance", "opening balance", "balance brought forward", "previous balance",
                        "starting balance", "balance forward", "start balance", "balance at start"),
    "closing balance": ("ending balance", "closing balance", "new balance", "balance carried forward",
                        "final balance", "end balance", "balance at end"),
    "total credits": ("deposits and credits", "total deposits", "paid in", "money in", "credits",
                      "total paid in", "deposits", "total credits"),
    "total debits": ("withdrawals and debits", "total withdrawals", "paid out", "money out", "debits",
                     "total paid out", "withdrawals", "total debits"),
    "statement period": ("period", "statement period", "statement date", "for the period"),
    "quantity": ("qty", "quantity", "units", "hrs", "hours", "qte", "menge", "count", "pcs"),
    "unit price": ("price", "unit price", "rate", "unit cost", "price each", "each", "unit rate", "cost"),
    "price": ("price", "unit price", "rate", "list price", "cost"),
    "amount": ("amount", "total", "line total", "ext amount", "extended", "value", "net amount", "sum",
               "withdrawals", "deposits", "debit", "credit", "debits", "credits", "paid out", "paid in",
               "money out", "money in"),
    "line total": ("amount", "total", "line total", "ext amount", "extended", "extended amount", "value"),
    "total price": ("amount", "total", "line total", "price"),
    "description": ("description", "item", "details", "particulars", "service", "product", "article",
                    "transaction", "narrative", "payment type and details", "item description", "designation"),
    "item code": ("sku", "item #", "item no", "item code", "part no", "part number", "code", "art no",
                  "article no", "product code", "catalog no", "ref", "item"),
    "sku": ("sku", "art no", "article no", "article number", "item no", "item number", "product code",
            "item code", "part no", "ref", "model no"),
    "unit": ("uom", "unit", "u m", "units", "measure"),
    "balance": ("balance", "running balance"),
    "first name": ("first name", "given name", "forename"),
    "last name": ("last name", "surname", "family name"),
    "middle name": ("middle name", "middle initial"),
    **dict.fromkeys(("signature date", "signed date", "date signed"),
                    ("signature date", "date signed", "signed date", "date of signature", "signed on")),
    "date of birth": ("dob", "birth date", "date of birth", "birthdate", "born"),
    "email": ("email", "e mail", "email address", "mail"),
    "phone": ("phone", "tel", "telephone", "mobile", "phone number", "cell", "contact number", "phone no"),
    "street": ("street", "address", "street address", "address line", "address 1", "addr"),
    "city": ("city", "town", "town city", "city town", "locality"),
    "region": ("state", "province", "county", "region", "state province"),
    "postal code": ("zip", "zip code", "postcode", "postal code", "post code", "plz"),
    "country": ("country",),
    "name": ("name", "full name"),
    "employer name": ("employer", "company", "employer name", "current employer"),
    "monthly income": ("monthly income", "income", "gross monthly income", "monthly salary"),
    "relationship": ("relationship", "relation", "relationship to you"),
    "receipt number": ("trans", "transaction", "receipt", "order", "ticket", "invoice", "receipt no",
                       "trans no", "transaction no", "check", "txn"),
    "weight": ("weight", "wt", "net weight"),
    "width": ("width", "w"),
    "height": ("height", "h"),
    "depth": ("depth", "d", "length", "l"),
    "warranty": ("warranty", "guarantee"),
    "payment terms": ("terms", "payment terms", "payment", "terms of payment"),
    "currency": ("currency", "all amounts in", "amounts in", "ccy"),
    "location": ("location", "based in", "address", "city"),
    "linkedin": ("linkedin",),
    "skills": ("skills", "technical skills", "core skills", "competencies", "expertise", "key skills"),
    "work experience": ("experience", "work experience", "employment history", "professional experience",
                        "work history", "career history", "employment"),
    "education": ("education", "academic background", "qualifications", "studies"),
    "colors": ("colours", "colors", "available in", "finishes", "color", "colour"),
    "bill to": ("bill to", "billed to", "invoice to", "customer", "sold to", "bill to customer", "client"),
    "ship to": ("ship to", "deliver to", "delivery address", "shipping address", "consignee", "ship to address"),
    "vendor": ("vendor", "supplier", "seller", "from", "remit to"),
    "supplier": ("supplier", "vendor", "seller", "to"),
    "buyer": ("buyer", "purchaser", "customer", "ordered by", "bill to"),
    "merchant": ("store", "merchant", "shop"),
}
_UNIT_SUFFIXES = {"cm", "mm", "m", "kg", "g", "lb", "lbs", "years", "months", "days", "weeks", "hours",
                  "usd", "eur", "pct", "percent", "in", "inch"}


def split_name(name: str) -> list[str]:
    """'invoiceNumber' / 'invoice_number' / 'Invoice-Number' → ['invoice', 'number']."""
    return list(_name_words(name))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:  # a field's words are asked for once per phrase of a page
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return tuple(t for t in re.split(r"[\s_\-.]+", fold(name)) if t)


@lru_cache(maxsize=65536)
def clean_label(text: str) -> str:
    """A printed label as comparable words: 'Invoice No.:' → 'invoice no', 'Item #' → 'item #', 'Given Name(s)' →
    'given name'."""
    s = fold(text).replace("&", " and ")
    s = re.sub(r"(?<=[a-z])\((?:s|es)\)", "", s)  # "Name(s)", "Address(es)": the word, one or more
    s = re.sub(r"[^\w#%]+", " ", s)
    s = re.sub(r"^\d+\s+", "", s)  # section numbers: "1. APPLICANT" → "applicant"
    return re.sub(r"\s+", " ", s).strip()


@dataclass(slots=True)
class FieldLabels:
    """Every phrase a field may be printed as, with a weight (1.0 = the field's own name)."""

    variants: dict[str, float] = field(default_factory=dict)
    unit: str | None = None  # a unit suffix in the name: weight_kg → 'kg'
    scores: dict[str, float] = field(default_factory=dict)  # memo of label_score by printed text

    def add(self, phrase: str, weight: float) -> None:
        phrase = clean_label(phrase)
        if phrase and weight > self.variants.get(phrase, 0.0):
            self.variants[phrase] = weight


@lru_cache(maxsize=4096)
def labels_for(name: str, title: str = "", context: str = "") -> FieldLabels:
    """Labels for a field; `context` is the schema's title (e.g. 'Invoice'), whose words a label may
    leave out: an invoice's "Date" is its invoice_date."""
    out = FieldLabels()
    tokens = split_name(name)
    if tokens and tokens[-1] in _UNIT_SUFFIXES and len(tokens) > 1:
        out.unit = tokens[-1]
        tokens = tokens[:-1]
    phrase = " ".join(tokens)
    out.add(phrase, 1.0)
    if title:
        out.add(title, 1.0)
    _add_synonyms(out, phrase, 0.95)
    _add_head_dropped(out, tokens)
    _add_number_forms(out)
    ctx = set(split_name(context))
    reduced = [t for t in tokens if t not in ctx]
    if ctx and reduced and reduced != tokens:
        out.add(" ".join(reduced), 0.9)
        _add_synonyms(out, " ".join(reduced), 0.86)
    return out


@lru_cache(maxsize=1024)
def role_labels(role: str) -> FieldLabels:
    """Labels for a party's role ("customer" of customer_name): its own, and the synonym table read both
    ways: where the table lists the role among a key's wordings ("bill to": customer, client, sold to, ...),
    the key and its other wordings name the same party, a shade less surely. A bare preposition ("to",
    "from") is left out: it names a party only from the side its own key fixes."""
    out = labels_for(role)
    if len(role.split()) != 1:
        return out
    out = FieldLabels(dict(out.variants), out.unit)
    for key, alternatives in SYNONYMS.items():
        if role in alternatives and key != role:
            for text in (key, *alternatives):
                if text != role and text not in _PREPOSITIONS:
                    out.add(text, ROLE_WORDING)
    return out


ROLE_WORDING = 0.95
_PREPOSITIONS = {"to", "from", "by", "for", "of", "at", "on", "in", "with"}


_KEEP_HEAD = {"number", "id", "no", "code", "date", "name", "amount", "total", "type", "status", "price",
              "balance", "period", "details", "four", "address"}


def _add_head_dropped(out: FieldLabels, tokens: list[str]) -> None:
    """'merchant_phone' may be printed just "Tel": the owner word is implied by the document.
    'card_last_four' is printed "Card": the qualifier says which digits, not the label."""
    text = " ".join(tokens)
    for q in (" last four", " last 4", " last digits"):
        if text.endswith(q):
            out.add(text[: -len(q)], 0.9)
    if len(tokens) > 1 and tokens[-1] not in _KEEP_HEAD:
        out.add(tokens[-1], 0.86)
        _add_synonyms(out, tokens[-1], 0.84)


NUMBERING = ("no", "number", "#", "nr", "num")
_KIND_WORDS = frozenset((*NUMBERING, "id", "code", "date", "time", "name"))


def _add_number_forms(out: FieldLabels) -> None:
    """'trans no' ↔ 'trans #' ↔ 'trans number': every numbering word is interchangeable. A field that is
    a number takes one after any of its one-word names: 'txn' of receipt_number is printed "Txn No." too."""
    numbered = any(v.endswith(" " + n) for v, w in out.variants.items() if w == 1.0 for n in NUMBERING)
    for variant, weight in list(out.variants.items()):
        noun = numbered and " " not in variant and variant not in NUMBERING
        head = next((variant[: -len(n) - 1] for n in NUMBERING if variant.endswith(" " + n)), variant if noun else None)
        if head is not None:
            for alt in NUMBERING[:4]:
                out.add(f"{head} {alt}", weight * 0.98)


def _add_synonyms(out: FieldLabels, phrase: str, weight: float) -> None:
    for text, factor in _synonym_forms(phrase):
        out.add(text, weight * factor)
    tokens = phrase.split()
    if len(tokens) > 1 and tokens[-1] in ("number", "id", "code"):
        head = " ".join(tokens[:-1])
        for alt in ("no", "#", "nr", "num", "number", "id", "ref"):
            out.add(f"{head} {alt}", weight * 0.97)


def _synonym_forms(phrase: str) -> Iterator[tuple[str, float]]:
    """The table's wordings of a phrase, each with how nearly it says the same: its key's alternatives, and
    for a phrase that ends with a key ("ship to name"), its head before each alternative, a shade less."""
    for key, alternatives in SYNONYMS.items():
        if phrase == key:
            for alt in alternatives:
                yield alt, 1.0
        elif phrase.endswith(" " + key) and key not in ("id", "date", "name"):
            head = phrase[: -len(key)].strip()
            for alt in alternatives:
                yield f"{head} {alt}", 0.97


@lru_cache(maxsize=4096)
def table_wordings(phrase: str) -> tuple[str, ...]:
    """The synonym table's other wordings of a field's phrase: "amount due", "balance due", ... for "total";
    "applicant forename" for "applicant first name"."""
    return tuple(dict.fromkeys(text for text, _ in _synonym_forms(phrase) if text != phrase))


_SHORT_WORDS = {t for k, alts in SYNONYMS.items() for p in (k, *alts) for t in p.split() if len(t) <= 3}


@lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) <= 3 or len(b) <= 3:  # short labels ("Qty", "No") must match exactly
        return 0.0
    ta, tb = a.split(), b.split()
    if min(len(ta), len(tb)) == 1 and len(ta) != len(tb) and (ta if len(ta) == 1 else tb)[0] in _KIND_WORDS:
        return 0.0  # "number" is no misspelt "po number": a word left out, and what is left names only a kind
    if len(ta) == len(tb) and any(_different_short_words(x, y) for x, y in zip(ta, tb, strict=True)):
        return 0.0  # "customer no" is not "customer po", "our reference" no "po reference": other words, no typo
    if len(ta) == len(tb) and _different_words(ta[-1], tb[-1]):
        return 0.0  # "account number" is not "account name": the last word says what the value is
    return fuzz.ratio(a, b) / 100.0


_TYPO_RATIO = 0.75  # one wrong letter in a four-letter word; two different words score lower


def _different_short_words(x: str, y: str) -> bool:
    """Two words of three letters or fewer that are different words, not one misprinted: both words of the
    synonym table ("no", "po"), or sharing less than half their letters ("our", "po")."""
    if x == y or len(x) > 3 or len(y) > 3:
        return False
    return (x in _SHORT_WORDS and y in _SHORT_WORDS) or fuzz.ratio(x, y) < 50


def _different_words(x: str, y: str) -> bool:
    """Whether two words are too unlike to be a misspelling ("number"/"name") rather than a typo ("nurnber")
    or an abbreviation ("acct"/"account") of one another. Words under four letters are never judged here."""
    if x == y or len(x) < 4 or len(y) < 4 or _abbreviates(x, y) or _abbreviates(y, x):
        return False
    return fuzz.ratio(x, y) / 100.0 < _TYPO_RATIO or other_party(x, y)


_ROLE_ENDINGS = ("er", "or", "ee")


def other_party(x: str, y: str) -> bool:
    """Two names of the opposite sides of one act: employer / employee, lessor / lessee, payer / payee,
    consignor / consignee. English marks the doer with -er or -or and the one acted on with -ee, so one
    letter apart they name different parties, not a misprint of one."""
    return (len(x) > 4 and x[:-2] == y[:-2] and x[-2:] != y[-2:]
            and x[-2:] in _ROLE_ENDINGS and y[-2:] in _ROLE_ENDINGS and "ee" in (x[-2:], y[-2:]))


def _abbreviates(short: str, long: str) -> bool:
    """'acct' abbreviates 'account': same first letter, and its letters appear in order in the long word."""
    if len(short) >= len(long) or short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


def label_score(printed: str, labels: FieldLabels) -> float:
    """How well a printed phrase names the field, in [0, 1]."""
    text = clean_label(printed)
    if not text:
        return 0.0
    memo = labels.scores.get(text)
    if memo is None:
        memo = _best_variant(text, labels)
        one = _singular(text)
        if one != text and memo < 0.999:
            memo = max(memo, PLURAL * _best_variant(one, labels))
        labels.scores[text] = memo
    return memo


# A label in the plural ("Taxes", "Charges") names what its singular names, a shade less surely.
PLURAL = 0.97


def _singular(text: str) -> str:
    """The phrase with its last word in the singular: 'taxes' → 'tax', 'delivery charges' → 'delivery charge'."""
    head, _, last = text.rpartition(" ")
    if len(last) < 4 or last.endswith(("ss", "us", "is")) or not last.endswith("s"):
        return text
    if last.endswith("ies"):
        one = last[:-3] + "y"
    elif last.endswith(("xes", "ses", "ches", "shes", "zes")):
        one = last[:-2]
    else:
        one = last[:-1]
    return f"{head} {one}" if head else one


def _best_variant(text: str, labels: FieldLabels) -> float:
    """The best weighted _ratio over the variants, read in order until one all but equals the text. The
    plain ratio bounds _ratio from above (its rules only lower it), so the variants are tried best bound
    first and the rest skipped once none can beat the best; a best that stops the ordered reading early
    is settled by that reading itself."""
    squeezed = text.replace(" ", "")
    bounds = []
    for variant, weight in labels.variants.items():
        bound = weight * (fuzz.ratio(text, variant) / 100.0)
        if variant.replace(" ", "") == squeezed:
            bound = max(bound, 0.98 * weight)
        bounds.append((bound, variant, weight))
    bounds.sort(reverse=True)  # ties in any order: only the maximum counts
    best = 0.0
    for bound, variant, weight in bounds:
        if bound <= best:
            break
        best = max(best, _variant_score(text, squeezed, variant) * weight)
    return best if best < 0.999 else _best_in_order(text, squeezed, labels)


def _best_in_order(text: str, squeezed: str, labels: FieldLabels) -> float:
    best = 0.0
    for variant, weight in labels.variants.items():
        best = max(best, _variant_score(text, squeezed, variant) * weight)
        if best >= 0.999:
            break
    return best


def _variant_score(text: str, squeezed: str, variant: str) -> float:
    s = _ratio(text, variant)
    return 0.98 if s < 0.99 and variant.replace(" ", "") == squeezed else s
