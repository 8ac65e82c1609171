"""Reading printed values as typed values: numbers, dates, times, booleans, enums, currencies.

Shared by every engine (to read candidates, to merge a model's answers), by grounding (to recognise
a value printed in another format than the one returned, e.g. 1234.5 printed as "1.234,50 EUR") and
by the pipeline (to coerce a value to its schema type). Every reader
returns None rather than guess: a field with no supported value must stay null.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# ISO 4217 codes of widely used currencies that are not also common words or abbreviations (no "ALL",
# "TOP", "CUP"): a three-letter capital word from this set next to amounts names their currency.
CURRENCY_CODES = frozenset((
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "NZD", "SEK", "NOK", "DKK", "ZAR", "SGD", "MYR",
    "HKD", "CNY", "PLN", "CZK", "HUF", "BRL", "MXN", "AED", "SAR", "KES", "NGN", "PHP", "IDR", "THB", "KRW",
    "TRY", "ILS", "RON", "BGN", "ISK", "TWD", "VND", "PKR", "LKR", "BDT", "EGP", "QAR", "KWD", "CLP", "COP",
    "ARS", "PEN", "UAH",
))
# A currency's code or sign before or after an amount ("EUR 391,04", "Fr. 1'932.87", "RM 12.50", "R 99.00",
# "12,50 zł"); a sign of letters only counts right before its digits, where it cannot be a word ("R" right
# against them only before cents, "R1 234,56", where it cannot be a reference: "R12").
_CURRENCY_MARK = re.compile(r"(?i)\b(?:" + "|".join(sorted(CURRENCY_CODES)) + r")\b|[A-Z]{1,2}\$|[$€£¥₹₩₺₪₱]|"
                            r"\bkr\b|\bzł|\bKč|(?-i:\b(?:S?Fr\.|Rs\.?|RM)(?=\s?\d)|\bR(?=\s\d|\d[\d ,.]*[.,]\d\d\b))")
# digits grouped by threes, or the Indian way (lakh, crore: '12,34,567.00'), or not at all
_NUMBER_BODY = re.compile(r"^[+-]?(?:\d{1,3}(?:[ ,.'\u2019\u202f\u00a0]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)"
                          r"(?:[.,]\d+)?$")

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a": 1, "an": 1,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15,
    "twentieth": 20, "last": 31,
}
MONTHS = {  # English, German, French, Spanish, Italian, Dutch, Portuguese (folded), and the usual abbreviations
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "mrt": 3, "avr": 4, "okt": 10, "dez": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
    "januar": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "dezembro": 12,
}
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CA$": "CAD", "C$": "CAD", "A$": "AUD",
                    "AU$": "AUD", "NZ$": "NZD", "US$": "USD", "S$": "SGD", "HK$": "HKD", "R$": "BRL", "$": "USD",
                    "FR.": "CHF", "SFR": "CHF", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₱": "PHP", "ZŁ": "PLN",
                    "KČ": "CZK"}


def fold(text: str) -> str:
    """Lowercase without accents: the form labels and enum values are compared in."""
    if text.isascii():
        return text.lower()  # nothing to decompose: the same as below, many times faster
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def parse_number(text: str, *, decimal_comma: bool | None = None) -> float | None:
    """'1.234,50 EUR' → 1234.5, '(12.00)', '$ (12.00)' and '12.00-' → -12.0, '$1,234' → 1234.0; else None.

    `decimal_comma` settles '1,234' (thousands or decimals) when the document's style is known.
    """
    s = text.strip()
    if not s or len(s) > 40:
        return None
    negative = False
    s = _CURRENCY_MARK.sub("", s).strip()  # '$ (6,413)', '(12.00) EUR': the sign outside the brackets
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    s = _CURRENCY_MARK.sub("", s).strip()
    for suffix in (" CR", " DR", " Cr", " Dr"):
        if s.endswith(suffix):
            negative, s = negative or suffix.strip().lower() == "dr", s[: -len(suffix)]
    if s.endswith("-") and len(s) > 1:
        negative, s = True, s[:-1]
    s = s.strip().replace("\u2212", "-").replace("–", "-")
    if s.startswith("-") or s.startswith("+"):
        negative, s = negative or s[0] == "-", s[1:].strip()
    s = _CURRENCY_MARK.sub("", s).strip()
    if not s or not _NUMBER_BODY.match(s):
        return None
    value = _number_body(s, decimal_comma)
    if value is None:
        return None
    return -value if negative else value


_OCR_LETTER_DIGITS = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "s": "5"}
_STRAY_LEAD = re.compile(r"^[\"'\u2018\u2019`:;,.|*_~]+")
_STRAY_TRAIL = re.compile(r"[)}\]\u00b0\u00ba\"'\u2018\u2019`:;,.|*_~]+$")


def parse_number_lenient(text: str, *, decimal_comma: bool | None = None) -> float | None:
    """A number as OCR may damage it, read as the number it almost is; else None.

    Only for a slot that must hold a number; where `parse_number` reads the text, its value. Drops stray
    punctuation at either end ('6)', '24°', '1}', '8.'), closes a space after a separator
    ('$232. 31' → 232.31) and reads a letter O/o/D/l/I/S standing between digits or separators as the
    digit it resembles ('1O5.00' → 105.0). At most two characters may change and the result must be
    a plain number; anything else stays None.
    """
    exact = parse_number(text, decimal_comma=decimal_comma)
    if exact is not None:
        return exact
    s = text.strip()
    if not s or len(s) > 24 or not any(c.isdigit() for c in s):
        return None
    changed = 0
    out = _STRAY_LEAD.sub("", s)
    changed += len(s) - len(out)
    trimmed = _STRAY_TRAIL.sub("", out)
    changed += len(out) - len(trimmed)
    out = trimmed
    joined = re.sub(r"(?<=\d[.,])\s+(?=\d)", "", out)
    changed += len(out) - len(joined)
    out = joined
    chars = list(out)
    for i, c in enumerate(chars):
        if c in _OCR_LETTER_DIGITS:
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            digit_like = (before.isdigit() or before in (".", ",")) and (after.isdigit() or after in (".", ","))
            if digit_like or (before.isdigit() and not after) or (after.isdigit() and not before and c != "S"):
                chars[i] = _OCR_LETTER_DIGITS[c]
                changed += 1
    out = "".join(chars)
    if changed == 0 or changed > 2 or not out or out.count("(") != out.count(")"):
        return None
    if not re.fullmatch(r"[+\-(]?\s*(?:[$\u20ac\u00a3\u00a5\u20b9]\s*)?[\d.,' \u202f\u00a0]+\)?", out):
        return None
    return parse_number(out, decimal_comma=decimal_comma)


def _number_body(s: str, decimal_comma: bool | None) -> float | None:
    s = s.replace("\u202f", " ").replace("\u00a0", " ").replace("'", " ").replace("\u2019", " ")
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        dec = "," if last_comma > last_dot else "."
    elif last_comma >= 0 or last_dot >= 0:
        sep = "," if last_comma >= 0 else "."
        tail = s.rsplit(sep, 1)[1]
        if s.count(sep) > 1:
            dec = ""  # only thousands separators
        elif len(tail) != 3:
            dec = sep
        elif decimal_comma is None:
            dec = "" if sep == "," else "."  # "1,234" is thousands, "1.234" read as a decimal
        else:
            dec = sep if (sep == ",") == decimal_comma else ""
    else:
        dec = ""
    thousands = {",", ".", " "} - {dec}
    body = "".join(c for c in s if c not in thousands)
    if dec:
        body = body.replace(dec, ".")
    try:
        return float(body)
    except ValueError:
        return None


def parse_word_number(text: str) -> int | None:
    """'twelve' → 12, 'twenty-four' → 24, 'fifth' → 5; else None."""
    words = re.split(r"[\s-]+", fold(text).strip())
    total, seen = 0, False
    for w in words:
        if w in ORDINALS:
            total, seen = total + ORDINALS[w], True
        elif w in WORD_NUMBERS and w not in ("a", "an"):
            v = WORD_NUMBERS[w]
            total = total * v if v == 100 and total else total + v
            seen = True
        elif w not in ("and", ""):
            return None
    return total if seen else None


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
# A weekday printed before or after a date ('Mon 5 Dec 2026', 'Saturday, 05/12/2026', '05/12/2026 (Sat)').
_WEEKDAYS = (r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
             r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi"
             r"|samedi|dimanche|lunes|martes|miercoles|jueves|viernes|sabado|domingo")
_WEEKDAY_AROUND = re.compile(rf"^(?:{_WEEKDAYS})\.?,?\s+(?=\d)|(?<=\d)[\s,]+\(?(?:{_WEEKDAYS})\.?\)?$")


@lru_cache(maxsize=65536)  # pure; a document's words are read as dates by read_context, the engine and grounding
def parse_date(text: str, *, day_first: bool | None = None, default_year: int | None = None,
               reference: dt.date | None = None) -> tuple[str, bool] | None:
    """A printed date → (ISO 'YYYY-MM-DD', had_year) or None.

    Reads '07/06/2025' (month first unless `day_first` or the first part is > 12), '15.03.2024',
    '2024-03-15', '11 March 2026', 'Jul 11, 2024', '1st day of June, 2025', and dates without a
    year ('08/01', '1 Nov') when `default_year` or `reference` (a date near the printed one, e.g.
    the statement period) supplies it.
    """
    s = fold(text).strip().strip(",.;:()")
    s = _WEEKDAY_AROUND.sub("", re.sub(r"\s+", " ", s)).strip(",.;:() ")
    if not s or len(s) > 40:
        return None
    parts = _date_parts(s, day_first)
    if parts is None:
        return None
    y, m, d = parts
    had_year = y is not None
    if y is None:
        y = _infer_year(m, d, default_year, reference)
        if y is None:
            return None
    elif y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return dt.date(y, m, d).isoformat(), had_year
    except ValueError:
        return None


def _date_parts(s: str, day_first: bool | None) -> tuple[int | None, int, int] | None:
    if m := _ISO.match(s):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _NUMERIC.match(s):
        a, b, c = int(m[1]), int(m[2]), m[3]
        if len(m[1]) == 4:  # 2024/03/15
            return (a, b, int(c)) if c else None
        sep = s[len(m[1])]
        first_is_day = a > 12 or (day_first if day_first is not None else sep == ".")
        if b > 12:
            first_is_day = False
        day, month = (a, b) if first_is_day else (b, a)
        if c is None and sep == "-":
            return None  # "12-5" is more likely a range than a date
        return (int(c) if c else None), month, day
    return _written_date(s)


def _written_date(s: str) -> tuple[int | None, int, int] | None:
    tokens = [t for t in re.split(r"[\s,./-]+", s.replace("day of", " ")) if t and t not in ("the", "of", "de")]
    month = day = year = None
    for t in tokens:
        t2 = re.sub(r"(st|nd|rd|th|er)$", "", t) if re.match(r"^\d+(st|nd|rd|th|er)$", t) else t  # 1er: French
        if month is None and (mv := _month(t)):
            month = mv
        elif t2.isdigit() and len(t2) == 4 and year is None:
            year = int(t2)
        elif t2.isdigit() and len(t2) <= 2 and day is None:
            day = int(t2)
        elif t2.isdigit() and len(t2) == 2 and year is None and day is not None:
            year = int(t2)
        else:
            return None
    if month is None or day is None:
        return None
    return year, month, day


def _month(token: str) -> int | None:
    """A month's name in any of the languages above, or its abbreviation: four letters or more that start the
    names of one month only ('janv', 'févr', 'juil'; a shorter start is a word: 'set', 'out', 'ago')."""
    t = token.strip(".")
    return MONTHS.get(t) or _MONTH_STARTS.get(t)


def _starts() -> dict[str, int]:
    months: dict[str, set[int]] = {}
    for name, n in MONTHS.items():
        for end in range(4, len(name)):
            months.setdefault(name[:end], set()).add(n)
    return {start: ns.pop() for start, ns in months.items() if len(ns) == 1}


_MONTH_STARTS = _starts()


def _infer_year(month: int, day: int, default_year: int | None, reference: dt.date | None) -> int | None:
    if reference is None:
        return default_year
    best = None
    for y in (reference.year - 1, reference.year, reference.year + 1):
        try:
            gap = abs((dt.date(y, month, day) - reference).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else default_year


def parse_month(text: str, *, day_first: bool | None = None) -> str | None:
    """A printed month or date → 'YYYY-MM' ('Apr 2022', '07/2022', '2022-04', 'April 2022')."""
    s = fold(text).strip().strip(",.;:()")
    if m := _ISO_MONTH.match(s):
        return f"{int(m[1]):04d}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else None
    if m := _MONTH_YEAR.match(s):
        return f"{int(m[2]):04d}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
    tokens = [t for t in re.split(r"[\s,.]+", s) if t]
    if len(tokens) == 2 and (mv := _month(tokens[0])) and re.fullmatch(r"\d{4}", tokens[1]):
        return f"{tokens[1]}-{mv:02d}"
    full = parse_date(text, day_first=day_first)
    return full[0][:7] if full and full[1] else None


_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?$")


def parse_time(text: str) -> str | None:
    """'10:40 AM' → '10:40', '3:05 pm' → '15:05', '14.30' → '14:30'; else None."""
    s = fold(text).strip()
    m = _TIME.match(s)
    if not m:
        return None
    h, minute, ampm = int(m[1]), int(m[2]), m[4]
    if ampm == "p" and h < 12:
        h += 12
    elif ampm == "a" and h == 12:
        h = 0
    if h > 23 or minute > 59:
        return None
    return f"{h:02d}:{minute:02d}"


TRUE_WORDS = {"yes", "y", "true", "x", "☑", "☒", "✓", "✔", "[x]", "checked", "ja", "oui", "si", "sí"}
FALSE_WORDS = {"no", "n", "false", "☐", "[ ]", "unchecked", "nein", "non"}


def parse_bool(text: str) -> bool | None:
    s = fold(text).strip().strip(".:")
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    return None


def match_enum(text: str, options: list, *, threshold: float = 85) -> tuple[object, float] | None:
    """The allowed value `text` names, compared without case, accents or separators; with its score."""
    probe = _enum_key(text)
    if not probe:
        return None
    best: tuple[object, float] | None = None
    for option in options:
        if option is None:
            continue
        key = _enum_key(str(option))
        score = 100.0 if key == probe else fuzz.ratio(key, probe)
        if best is None or score > best[1]:
            best = (option, score)
    return best if best and best[1] >= threshold else None


def _enum_key(text: str) -> str:
    return re.sub(r"[\s_\-/.]+", " ", fold(text)).strip()


def is_currency_mark(text: str) -> bool:
    """A currency's code or sign alone ("EUR", "RM", "$"): what `parse_number` drops before an amount."""
    text = text.strip().rstrip(":")
    return bool(text) and not any(c.isdigit() for c in text) and parse_number(text + " 1") is not None


def detect_currency(text: str, options: list | None = None) -> str | None:
    """An ISO 4217 code printed in `text`, or implied by a symbol ('€' → EUR, 'CA$' → CAD)."""
    codes = [o for o in (options or []) if isinstance(o, str)]
    upper = text.upper()
    for code in re.findall(r"\b[A-Z]{3}\b", upper):
        if (code in codes) if codes else code in CURRENCY_CODES:
            return code
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in upper:
            code = CURRENCY_SYMBOLS[symbol]
            if not codes or code in codes:
                return code
    for sign in _LETTER_SIGN.findall(text):  # a sign of letters, only right before its digits
        code = LETTER_SIGNS[sign.rstrip(".")]
        if not codes or code in codes:
            return code
    return None


# Currency signs written in letters ('Rs. 1,250.00', 'RM 12.50', 'R 99.00'): read as a currency only right
# before a figure, where they cannot be a word.
LETTER_SIGNS = {"Rs": "INR", "RM": "MYR", "R": "ZAR"}
_LETTER_SIGN = re.compile(r"(?<![A-Za-z])(Rs\.?(?=\s?\d)|RM(?=\s?\d)|R(?=\s\d|\d[\d ,.]*[.,]\d\d\b))")


def format_number(value: float, integer: bool) -> int | float:
    if integer or (value == int(value) and abs(value) < 1e15):
        return int(value)
    return round(value, 6)
