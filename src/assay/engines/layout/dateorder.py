"""Whether a document writes its numeric dates day first (03/04 = 3 April) or month first (= March 4).

Read once per document, strongest evidence first:

1. its own dates: a numeric date whose first part is over 12 is day first, one whose second part is,
   month first ('25-04-2019' settles '03/04/2019'), whatever the separator; else the same day printed
   unambiguously elsewhere ('3 Apr 2018' or '2018-04-03' over '03/04/18': day first);
2. the schema: a field description that says so ("dates are printed day-first", "DD/MM/YYYY");
3. where the document comes from: the currency of its amounts (US dollars: month first; nearly any
   other: day first) or their decimal comma (every country that writes '12,50' writes dates day first),
   else the dialling code of its phone numbers (+1: month first; any other: day first), else its addresses
   (a British, Irish or Australian postcode or a country's name: day first; a US ZIP code: month first).

With none of these the reader's own default stays (month first, except dotted dates).
"""

from __future__ import annotations

import re

from assay.domain import values as V
from assay.domain.document import Document
from assay.domain.fields import Field, ReadContext
from assay.engines.layout.addresses import COUNTRIES, EIRCODE, UK_CODE

_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?![\d/.\-])")
_DAY_FIRST_WORDS = re.compile(r"(?i)\bday[- ]first\b|\bdd[/.\-]mm\b")
_MONTH_FIRST_WORDS = re.compile(r"(?i)\bmonth[- ]first\b|\bmm[/.\-]dd\b")
_DIALLING = re.compile(r"(?<![\w+])\+(\d{1,3})[\s(\-]")  # "+31 (0)18 755 4903", "+1 212-555-0100"
_ISO = re.compile(r"(?i)\by{2,4}[/.\-]mm[/.\-]dd\b")
# Where a document comes from, by the currency of its amounts: the United States writes numeric dates month
# first, nearly every other country day first. "$" alone names no country; Canadian dollars are printed
# both ways (and the year-first East Asian dates never reach this question).
_MONTH_FIRST_CURRENCIES = {"USD"}
_EITHER = {"CAD", "JPY", "CNY", "KRW", "TWD", "HKD"}
_CODE = re.compile(r"\b(" + "|".join(sorted(V.CURRENCY_CODES)) + r")\b")
_SIGN = re.compile("|".join(re.escape(s) for s in sorted(V.CURRENCY_SYMBOLS, key=len, reverse=True) if s != "$")
                   + r"|\bRM\s?\d|\bRS\.?\s?\d|\bR\s?\d[\d ]*[.,]\d{2}\b")  # read in upper case
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])\d{1,3}(?:[ .]\d{3})*,\d{2}(?![\d,.%])")
_DECIMAL_POINT = re.compile(r"(?<![\d.])\d{1,3}(?:[, ]\d{3})*\.\d{2}(?![\d.%])")


def settle(ctx: ReadContext, document: Document, root: Field) -> None:
    """Set `ctx.day_first` from the evidence above where the document's dates left it open."""
    text = " ".join(w.text for _, w in document.iter_words())
    own = from_dates(text)
    if own is not None:
        ctx.day_first = own
        return
    if ctx.day_first is not None:
        return
    told = _from_descriptions(root)
    if told is not None:
        ctx.day_first = told
        return
    day, month = _from_currencies(text)
    if not month and _DECIMAL_COMMA.search(text) and not _DECIMAL_POINT.search(text):
        day = True
    if day == month:
        day, month = _from_phones(text)
    if day == month:
        day, month = _from_places(text)
    if day != month:
        ctx.day_first = day


def _from_phones(text: str) -> tuple[bool, bool]:
    """(a phone number of a day-first country is printed, one of the month-first +1 area is): the
    international dialling code says where the document comes from where its amounts do not."""
    codes = set(_DIALLING.findall(text))
    return bool(codes - {"1"}), "1" in codes


# Where a document comes from, by its addresses: a British or Irish postcode, an Australian state's code before
# its four-digit postcode, or a country's name (day first); a US state's code before a ZIP code (month first).
_DAY_FIRST_CODES = re.compile(rf"\b(?:{UK_CODE}|{EIRCODE})\b|\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{{4}}\b")
_US_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
              "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
_ZIP = re.compile(rf"\b(?:{'|'.join(_US_STATES)}),?\s+\d{{5}}(?:-\d{{4}})?\b")
_COUNTRY = re.compile(r"(?i)\b(" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")\b")
_MONTH_FIRST_COUNTRIES = {"united states", "usa", "united states of america"}


def _from_places(text: str) -> tuple[bool, bool]:
    """(an address of a day-first country is printed, one of the month-first United States is)."""
    countries = {m.lower() for m in _COUNTRY.findall(text)} - {"canada"}  # Canada prints both
    day = bool(_DAY_FIRST_CODES.search(text)) or bool(countries - _MONTH_FIRST_COUNTRIES)
    return day, bool(_ZIP.search(text)) or bool(countries & _MONTH_FIRST_COUNTRIES)


def _from_currencies(text: str) -> tuple[bool, bool]:
    """(a day-first currency is printed, a month-first one is)."""
    codes = set(_CODE.findall(text))
    codes |= {_sign_code(m) for m in _SIGN.findall(text.upper())}
    codes -= _EITHER
    return bool(codes - _MONTH_FIRST_CURRENCIES), bool(codes & _MONTH_FIRST_CURRENCIES)


def _sign_code(sign: str) -> str:
    if sign.startswith("RM"):
        return "MYR"
    if sign.startswith("RS"):
        return "INR"
    if sign[0] == "R" and sign[1:2] in " 0123456789":
        return "ZAR"
    return V.CURRENCY_SYMBOLS.get(sign, "")


def from_dates(text: str) -> bool | None:
    """True when some numeric date can only be day first, False when some can only be month first; else what
    the same day printed unambiguously elsewhere says ("03 Apr 2018" over "03/04/18 10:22": day first)."""
    day = month = False
    numeric = _NUMERIC.findall(text)
    for a, _, b, _ in numeric:
        a_, b_ = int(a), int(b)
        if 12 < a_ <= 31 and 1 <= b_ <= 12:
            day = True
        elif 12 < b_ <= 31 and 1 <= a_ <= 12:
            month = True
    if day != month:
        return day
    return _from_same_day(numeric, text) if not (day or month) else None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_PLAIN = [(re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
          (re.compile(rf"(?i)(?<!\d)(\d{{1,2}})[\s\-]+{_MONTH}[\s\-,]+(\d{{2}}|\d{{4}})(?!\d)"), "dmy"),
          (re.compile(rf"(?i)\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"), "mdy")]


def _from_same_day(numeric: list[tuple[str, str, str, str]], text: str) -> bool | None:
    """Day first when an ambiguous numeric date ("03/04/18") is a day the document prints unambiguously
    ("2018-04-03", "3 Apr 2018") read day first; month first when it is one read month first."""
    plain: set[tuple[int, int, int]] = set()  # (year % 100, month, day)
    for pattern, order in _PLAIN:
        for m in pattern.finditer(text):
            if order == "ymd":
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            elif order == "dmy":
                d, mo, y = int(m[1]), _MONTHS.index(m[2].lower()) + 1, int(m[3])
            else:
                mo, d, y = _MONTHS.index(m[1].lower()) + 1, int(m[2]), int(m[3])
            plain.add((y % 100, mo, d))
    day = month = False
    for a, _, b, y in numeric:
        a_, b_, y_ = int(a), int(b), int(y) % 100
        if a_ == b_:
            continue
        day |= (y_, b_, a_) in plain
        month |= (y_, a_, b_) in plain
    return day if day != month else None


def _from_descriptions(f: Field) -> bool | None:
    for child in f.children():
        d = _ISO.sub(" ", child.description)  # "YYYY-MM-DD" is the answer's format, not the page's order
        if _DAY_FIRST_WORDS.search(d):
            return True
        if _MONTH_FIRST_WORDS.search(d):
            return False
        got = _from_descriptions(child) if child.type == "object" else None
        if got is not None:
            return got
    return None
