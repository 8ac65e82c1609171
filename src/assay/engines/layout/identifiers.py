"""Identifiers recognised by their published shape and check digits: tax and VAT numbers, company register
numbers, IBANs, BICs.

A VAT number is "NL" + 9 digits + "B" + 2 digits, an Austrian one "ATU" + 8 digits, a Swiss one
"CHE-123.456.789"; an IBAN is a country code, two check digits and the account, and its mod-97 remainder
is 1; an Australian ABN's weighted digits sum to a multiple of 89. A value of such a shape is found
wherever it is printed, in one word or spread over several ("DE 123 456 789", "GB12 3456 7890 12"), and
cited with all its words. Its check digits, where the format has them, raise or lower how sure the reading
is and choose between two candidates; a value whose check fails is still read when a label names it.

A value whose shape names its country ("NL...B01", "CHE-...", "123456789 RT0001") is found even under a
label no table knows; a bare run of digits (an ABN, a US EIN) only beside a label that names it. A BIC is
trusted only beside a BIC/SWIFT label or near an IBAN: any eight capitals can look like one. A field asks for
identifiers by its name or description (`kinds`: "vat_number", "tax_id", "iban", "swift", "company_number"; an
account number may be an IBAN); `candidates` reads them for it, and `refine` weighs the other readers' values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assay.domain.document import Word
from assay.domain.fields import Field
from assay.domain.labels import label_score
from assay.domain.values import fold
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Segment

# How sure a value read by its shape is. Beside a label that names it, about what a clear label gives a value
# beside it; a shape that names its country alone, below any labelled reading; a failed check keeps CHECK_FAILED
# of either (a misprint, a misread digit, or not this identifier at all).
LABELLED = 0.9
BY_SHAPE = 0.6
CHECK_FAILED = 0.8
# A check that passes makes a shape-only reading this much surer (one random string in ten or in 97 passes).
CHECK_PASSED = 1.1
# An identifier is printed in at most this many words ("GB29 NWBK 6016 1331 9268 19" has six; a 34-character
# IBAN in groups of four, nine).
MAX_WORDS = 9
# A BIC counts as near an IBAN within this many rows of it.
BIC_ROWS = 3
# How well the words before a value must name the field, by the shared label matcher, to label it.
FIELD_LABEL = 0.8

# ---- check digits ---------------------------------------------------------------------------------------


def _digits(s: str) -> list[int]:
    return [int(c) for c in s if c.isdigit()]


def _weighted(s: str, weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(_digits(s), weights, strict=False))


def _luhn(s: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(_digits(s))):
        total += d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2)
    return total % 10 == 0


def _mod97(s: str) -> int:
    """The number the letters-as-digits (A=10 ... Z=35) of `s` spell, mod 97."""
    return int("".join(str(int(c, 36)) for c in s)) % 97


def _mod11(body: str, weights: tuple[int, ...], check: int) -> bool:
    """11 less the weighted sum mod 11 is the check digit (11 reads 0; 10 is no valid number)."""
    c = 11 - _weighted(body, weights) % 11
    return c != 10 and c % 11 == check


def _iban(s: str) -> bool:
    return len(s) == IBAN_LENGTHS[s[:2]] and _mod97(s[4:] + s[:4]) == 1


def _de(s: str) -> bool:  # ISO 7064 MOD 11,10
    p = 10
    for d in _digits(s[:8]):
        r = (d + p) % 10 or 10
        p = 2 * r % 11
    return (11 - p) % 10 == int(s[8])


def _at(s: str) -> bool:  # U + 8 digits
    d = _digits(s)
    total = sum(x if i % 2 == 0 else x * 2 // 10 + x * 2 % 10 for i, x in enumerate(d[:7]))
    return (10 - (total + 4) % 10) % 10 == d[7]


def _nl(s: str) -> bool:  # the 11-test on the 9 digits, or mod 97 on the whole number (since 2020)
    return (_weighted(s[:8], (9, 8, 7, 6, 5, 4, 3, 2)) % 11 == int(s[8])) or _mod97("NL" + s) == 1


def _gb(s: str) -> bool:
    if not s[:9].isdigit():
        return True  # government departments and health authorities (GD/HA + 3 digits): no check
    total = _weighted(s[:7], (8, 7, 6, 5, 4, 3, 2)) + int(s[7:9])
    return total % 97 == 0 or (total + 55) % 97 == 0


def _ie(s: str) -> bool:
    if not s[:7].isdigit():
        return True  # the old form with a letter second: no check here
    extra = 9 * (ord(s[8]) - 64) if len(s) == 9 else 0
    return "WABCDEFGHIJKLMNOPQRSTUV"[(_weighted(s[:7], (8, 7, 6, 5, 4, 3, 2)) + extra) % 23] == s[7]


def _fr(s: str) -> bool:
    return not s[:2].isdigit() or int(s[:2]) == (12 + 3 * (int(s[2:]) % 97)) % 97


def _abn(s: str) -> bool:
    d = _digits(s)
    d[0] -= 1
    return sum(x * w for x, w in zip(d, (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19), strict=True)) % 89 == 0


def _nz(s: str) -> bool:  # IRD / GST number, 8 or 9 digits
    body = s.zfill(9)[:8]
    for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        c = (11 - _weighted(body, weights) % 11) % 11
        if c != 10:
            return c == int(s[-1])
    return False


def _gstin(s: str) -> bool:
    total = 0
    for i, ch in enumerate(s[:14]):
        p = int(ch, 36) * (1 + i % 2)
        total += p // 36 + p % 36
    return int(s[14], 36) == (36 - total % 36) % 36


# ---- the formats ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Format:
    kind: str  # "tax" (VAT, GST and business numbers), "iban" or "bic"
    pattern: re.Pattern  # on the compact text: capitals and digits, separators removed
    prefix: str = ""  # the letters that name the country, when printed; empty: a bare number
    check: Callable[[str], bool] | None = None  # on the text after the prefix
    named: bool = False  # its shape alone says what it is (a country prefix, "RT0001", a GSTIN's structure)
    printed: re.Pattern | None = None  # the printed form, where the separators are part of the shape


def _vat(prefix: str, body: str, check: Callable[[str], bool] | None = None) -> Format:
    return Format("tax", re.compile(rf"{prefix}(?:{body})"), prefix, check, named=True)


# EU VAT numbers by member state (the VIES formats), and the UK's and its neighbours'.
_VAT = [
    _vat("AT", r"U\d{8}", lambda s: _at(s[1:])), _vat("BE", r"[01]\d{9}", lambda s: 97 - int(s[:8]) % 97 == int(s[8:])),
    _vat("BG", r"\d{9,10}"), _vat("CY", r"\d{8}[A-Z]"), _vat("CZ", r"\d{8,10}"), _vat("DE", r"\d{9}", _de),
    _vat("DK", r"\d{8}", lambda s: _weighted(s, (2, 7, 6, 5, 4, 3, 2, 1)) % 11 == 0), _vat("EE", r"\d{9}"),
    _vat("EL", r"\d{9}"), _vat("ES", r"[A-Z0-9]\d{7}[A-Z0-9]"), _vat("FR", r"[A-HJ-NP-Z0-9]{2}\d{9}", _fr),
    _vat("FI", r"\d{8}", lambda s: _mod11(s[:7], (7, 9, 10, 5, 8, 4, 2), int(s[7]))), _vat("HR", r"\d{11}"),
    _vat("HU", r"\d{8}"), _vat("IE", r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]", _ie), _vat("IT", r"\d{11}", _luhn),
    _vat("LT", r"\d{9}|\d{12}"), _vat("LU", r"\d{8}", lambda s: int(s[:6]) % 89 == int(s[6:])), _vat("LV", r"\d{11}"),
    _vat("MT", r"\d{8}"), _vat("NL", r"\d{9}B\d{2}", _nl),
    _vat("PL", r"\d{10}", lambda s: _weighted(s[:9], (6, 5, 7, 2, 3, 4, 5, 6, 7)) % 11 == int(s[9])),
    _vat("PT", r"\d{9}", lambda s: _mod11(s[:8], (9, 8, 7, 6, 5, 4, 3, 2), int(s[8]))), _vat("RO", r"\d{6,10}"),
    _vat("SE", r"\d{10}01", lambda s: _luhn(s[:10])), _vat("SI", r"\d{8}"),
    _vat("SK", r"\d{10}", lambda s: int(s) % 11 == 0),
    _vat("GB", r"\d{9}|\d{12}|GD\d{3}|HA\d{3}", _gb), _vat("XI", r"\d{9}|\d{12}", _gb),
    # Switzerland's UID with its VAT suffix, Norway's organisation number with MVA
    _vat("CHE", r"\d{9}(?:MWST|TVA|IVA|VAT)?", lambda s: _mod11(s[:8], (5, 4, 3, 2, 7, 6, 5, 4), int(s[8]))),
    _vat("NO", r"\d{9}MVA", lambda s: _mod11(s[:8], (3, 2, 7, 6, 5, 4, 3, 2), int(s[8]))),
]
# National tax and business numbers printed without a country prefix.
_NATIONAL = [
    Format("tax", re.compile(r"\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]"), check=_gstin, named=True),  # India's GSTIN
    Format("tax", re.compile(r"\d{9}RT\d{4}"), check=lambda s: _luhn(s[:9]), named=True),  # Canada's BN, GST account
    Format("tax", re.compile(r"\d{9}"), check=_luhn),  # Canada's BN alone
    Format("tax", re.compile(r"\d{9}"), printed=re.compile(r"\d{2}-\d{7}")),  # a US EIN, 12-3456789
    Format("tax", re.compile(r"\d{11}"), check=_abn),  # an Australian ABN
    Format("tax", re.compile(r"4\d{9}")),  # South Africa's VAT number
    Format("tax", re.compile(r"\d{8,9}"), check=_nz),  # New Zealand's GST (IRD) number
    Format("tax", re.compile(r"(?:\d{8}|(?:19|20)\d{7}|[TSR]\d{2}[A-Z]{2}\d{4})[A-Z]")),  # Singapore's UEN
    Format("tax", re.compile(r"M[0-9A-Z]\d{7}[A-Z]")),  # Singapore's GST registration number
    Format("tax", re.compile(r"\d{12}")),  # Malaysia's GST and SST registration numbers
]
# Company register numbers: England and Wales, Scotland, Northern Ireland; a German register (HRB 12345); the Dutch
# KvK; France's SIREN and SIRET; Australia's ACN; India's CIN; Malaysia's.
_COMPANY = [
    Format("company", re.compile(r"(?:\d{2}|SC|NI|OC|SO|NC|FC)\d{6}")),
    Format("company", re.compile(r"HR[AB]\d{1,6}[A-Z]?"), named=True),
    Format("company", re.compile(r"\d{8}")),
    Format("company", re.compile(r"\d{9}|\d{14}"), check=_luhn),
    Format("company", re.compile(r"\d{9}"), check=lambda s: (10 - _weighted(s, (8, 7, 6, 5, 4, 3, 2, 1)) % 10) % 10
           == int(s[8])),
    Format("company", re.compile(r"[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6}"), named=True),
    Format("company", re.compile(r"\d{4,12}[A-Z]"), printed=re.compile(r"\d+-[A-Z]")),  # Malaysia's (123456-X)
]
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21,
    "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18,
    "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23,
    "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26,
    "UA": 29, "VG": 24, "XK": 20,
}
# Countries a BIC may name: the IBAN countries and the large economies that use none.
_BIC_COUNTRIES = set(IBAN_LENGTHS) | {"US", "CA", "AU", "NZ", "JP", "CN", "HK", "SG", "IN", "ZA", "MX", "MY", "ID",
                                      "TH", "PH", "KR", "TW", "VN", "AR", "CL", "CO", "PE", "NG", "KE", "RU"}
# An IBAN of a country that issues them, printed in one word or in groups of four ("GB29 NWBK 6016 1331 9268 19").
_IBAN_SHAPE = rf"(?:{'|'.join(IBAN_LENGTHS)})\d{{2}}[A-Z0-9]{{11,30}}"
_IBAN = Format("iban", re.compile(_IBAN_SHAPE), check=_iban, named=True,
               printed=re.compile(r"\S+|\S{4}(?: \S{4})*(?: \S{1,4})?"))
# A BIC: the bank's four letters, its country's two, a location's two (never 0 or 1 first, never the letter O second)
# and, for a branch, three more.
_BIC_SHAPE = rf"[A-Z]{{4}}(?:{'|'.join(sorted(_BIC_COUNTRIES))})[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{{3}})?"
_BIC = Format("bic", re.compile(_BIC_SHAPE))
FORMATS = [_IBAN, *_VAT, *_NATIONAL, *_COMPANY, _BIC]

# The names identifiers are labelled by: a VAT number in the languages of the EU and beyond (USt-IdNr, UID,
# MWST, BTW, TVA, IVA, moms, MVA, ALV, DPH, DIČ, NIP, PVM, KMKR, ΑΦΜ, OIB), the tax and business numbers
# (GSTIN, ABN, EIN, TIN, UEN, BN, NIF, CIF), or a phrase "tax ... number"; a company's register number by the
# register's name (KvK, HRB, SIREN, RCS, ACN, CIN, CRN) or a phrase "company/registration ... number".
_LABELS = {
    "tax": re.compile(r"\b(vat|tva|iva|btw|mwst|ust|uid|moms|mva|alv|dph|dic|nip|pvm|kmkr|afm|oib|gst|hst|gstin|"
                      r"abn|ein|fein|tin|uen|bn|nif|cif|nipc|che|partita)\b|"
                      r"\b(tax|business|fiscal)( reg| registration| identification)?( id| no| nr| number| code)\b"),
    "company": re.compile(r"\b(crn|kvk|hrb|hra|handelsregister|siren|siret|rcs|acn|cin|brn)\b|"
                          r"\b(company|co|registration|reg|registered|register)( reg| registration)?"
                          r"( id| no| nr| number| code| reg)\b|\bregistered in\b"),
    "iban": re.compile(r"\b(iban|account|acct|konto|compte|rekening|conto|cuenta)\b"),
    "bic": re.compile(r"\b(bic|swift)\b"),
}
_SEPARATORS = re.compile(r"[\s.\-]")
_PART = re.compile(r"^[A-Za-z0-9.\-+*]+$")  # a word an identifier may be printed across
_DATE = re.compile(r"^\d{1,4}[.\-]\d{1,2}[.\-]\d{1,4}$")


@dataclass(slots=True)
class Match:
    words: list[Word]
    text: str  # as printed, its words joined by one space
    compact: str  # its capitals and digits
    fits: list[Format]

    def kinds(self) -> set[str]:
        return {f.kind for f in self.fits}

    def named(self, kinds: set[str]) -> bool:
        """Its shape alone says it is an identifier of one of these kinds."""
        return any(f.named for f in self.fits if f.kind in kinds)

    def valid(self, kinds: set[str]) -> bool | None:
        """Its check digits pass (True) or fail (False) as an identifier of these kinds; None: no format has any."""
        results = [_checks(f, self.compact) for f in self.fits if f.kind in kinds]
        return True if True in results else (None if None in results else False)


def kinds(f: Field) -> set[str]:
    """Which identifiers a text field asks for, by its name, else its description. An IBAN is an account number."""
    if f.type != "string" or f.enum:
        return set()
    name = " ".join(f.words)
    if re.search(r"\b(amount|rate|total|percent|point|date|sum|balance)\b", name):
        return set()
    for text in (name, re.sub(r"[^a-z0-9]+", " ", fold(f.description))):
        found = {k for k in ("iban", "bic") if k in text.split()}
        if re.search(r"\bswift\b", text):
            found.add("bic")
        if re.search(r"\b(account|acct)( no| nr| number| num| id)\b", text):
            found.add("iban")
        if not re.search(r"\b(amount|rate|percent)\b", text):
            found |= {k for k in ("tax", "company") if _LABELS[k].search(text)}
        if found:
            return found
    return set()


def _fits(compact: str, printed: str) -> list[Format]:
    out = []
    for fmt in FORMATS:
        if fmt.pattern.fullmatch(compact) and (fmt.printed is None or fmt.printed.fullmatch(printed)):
            out.append(fmt)
    return out


def _checks(fmt: Format, compact: str) -> bool | None:
    return None if fmt.check is None else fmt.check(compact[len(fmt.prefix):])


def find(words: list[Word]) -> list[Match]:
    """The identifiers printed in a run of words, the longest at each word, left to right."""
    parts = [w.text.strip(",;:()[]") for w in words]
    # a word an identifier may be printed across: capitals, digits and separators ("No 123456789" is no Norwegian
    # number), never a date
    fit = [bool(_PART.match(p)) and p == p.upper() and not _DATE.match(p) for p in parts]
    out: list[Match] = []
    i = 0
    while i < len(words):
        end = i
        while end < len(words) and end - i < MAX_WORDS and fit[end]:
            end += 1
        found = next((m for j in range(end, i, -1) if (m := _read(words[i:j], parts[i:j])) is not None), None)
        if found is None:
            i += 1
            continue
        out.append(found)
        i += len(found.words)
    return out


def _read(words: list[Word], parts: list[str]) -> Match | None:
    if parts[0][0] in "-.":
        return None
    printed = " ".join(parts)
    compact = _SEPARATORS.sub("", printed)
    if len(words) > 1 and not any(c.isdigit() for c in compact):
        return None  # a BIC, with no digit, is one word
    fits = _fits(compact, printed)
    return Match(words, printed, compact, fits) if fits else None


def _labels_before(layout: PageLayout, seg: Segment, start: int) -> list[str]:
    """The words a value's label would be: those before it in its phrase; for a value that opens its phrase, the
    phrase before it on its row and the phrase above it (a column's header over a row of values)."""
    if start > 0:
        return [" ".join(w.text for w in seg.words[max(0, start - 4):start])]
    near = [s for s in layout.segments() if (s.row == seg.row and s.index == seg.index - 1) or (
        s.row == seg.row - 1 and s.box.x < seg.box.right and seg.box.x < s.box.right)]
    return [" ".join(w.text for w in s.words[-4:]) for s in near]


def labels(f: Field, kinds: set[str], text: str) -> bool:
    """Whether the printed words name an identifier of one of these kinds, or the field itself."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(text))
    return bool(text) and (any(_LABELS[k].search(folded) for k in kinds) or label_score(text, f.labels) >= FIELD_LABEL)


def candidates(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    """Every identifier of a kind the field asks for, scored by its label, its shape and its check digits."""
    wanted = kinds(f)
    if not wanted:
        return []
    out = []
    for layout in layouts:
        ibans = {s.row for s in layout.segments() if "bic" in wanted for m in find(s.words) if "iban" in m.kinds()}
        for seg in layout.segments():
            for m in find(seg.words):
                here = m.kinds() & wanted
                if not here:
                    continue
                start = next(k for k, w in enumerate(seg.words) if w is m.words[0])
                labelled = any(labels(f, here, text) for text in _labels_before(layout, seg, start))
                near_iban = any(abs(r - seg.row) <= BIC_ROWS for r in ibans)
                if not labelled and not m.named(here) and not ("bic" in here and near_iban):
                    continue  # a bare number is any run of digits; any eight capitals look like a BIC
                valid = m.valid(here)
                score = LABELLED if labelled else BY_SHAPE
                score *= {True: 1.0 if labelled else CHECK_PASSED, False: CHECK_FAILED, None: 1.0}[valid]
                how = "inline" if labelled else "pattern"
                out.append(Candidate(m.text, layout.number, m.words, score, how, fit=1.0, row=seg.row,
                                     label_sim=1.0 if labelled else 0.0))
    return out


def refine(f: Field, found: list[Candidate]) -> list[Candidate]:
    """The readings of an identifier field, weighed by the identifiers they hold. A labelled reading is cut to the
    identifier it holds ("No. 46-7771364" is "46-7771364"); one whose check digits fail loses to one whose pass;
    and where some reading holds an identifier, one with no digit at all ("Holder") is none."""
    wanted = kinds(f)
    if not wanted:
        return found
    held: dict[int, bool | None] = {}
    for c in found:
        if not isinstance(c.value, str) or not c.words:
            continue
        every = find(c.words)
        ms = [m for m in every if m.kinds() & wanted]
        if len(ms) != 1:
            continue
        m = ms[0]
        held[id(c)] = m.valid(wanted)
        others = {id(w) for o in every if o is not m for w in o.words}  # another kind's identifier beside it
        rest = [w for w in c.words if not any(w is x for x in m.words) and id(w) not in others]
        if len(m.words) < len(c.words) and not any(ch.isdigit() for w in rest for ch in w.text):
            c.value, c.words = m.text, m.words
    if not held:
        return found
    passed = any(held.values())
    for c in found:
        if (held.get(id(c), True) is False and passed) or (
                id(c) not in held and isinstance(c.value, str) and not any(ch.isdigit() for ch in c.value)):
            c.score *= CHECK_FAILED
    return found
