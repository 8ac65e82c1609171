"""The schema seen as fields to fill, and the document-wide conventions used to read them.

`Field` carries what a matcher needs about one schema node: its path, its names, its type and
hints from its description (a signed amount, a month-only date, a unit). `ReadContext` holds the
conventions one document uses everywhere: whether slashed dates put the day first, whether a comma
is the decimal mark, and a reference date for dates printed without a year. `read_scalar` reads a
printed text as a field's type.

Every engine reads the schema through this model, and grounding reads printed values with it, so
it lives in the domain: a change here is a change to all of them, on purpose.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assay.domain import units
from assay.domain import values as V
from assay.domain.document import Document, Word
from assay.domain.labels import FieldLabels, labels_for, split_name
from assay.domain.schema import node_type


@dataclass(slots=True)
class Field:
    path: tuple[str, ...]
    node: dict
    context: str = ""  # the schema title, e.g. "Invoice"

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def type(self) -> str:
        return node_type(self.node)[0]

    @property
    def nullable(self) -> bool:
        return node_type(self.node)[1]

    @property
    def description(self) -> str:
        return self.node.get("description", "") or ""

    @property
    def enum(self) -> list | None:
        return self.node.get("enum")

    @property
    def labels(self) -> FieldLabels:
        return labels_for(self.name, self.node.get("title", "") or "", self.context)

    @property
    def words(self) -> list[str]:
        return split_name(self.name)

    def wants(self, *hints: str) -> bool:
        """Whether the name or format mentions any of `hints` (e.g. 'date', 'email')."""
        blob = " ".join(self.words) + " " + str(self.node.get("format", ""))
        return any(re.search(rf"\b{h}", blob) for h in hints)

    @property
    def is_date(self) -> bool:
        return self.type == "string" and (self.node.get("format") in ("date", "date-time")
                                          or (self.wants("date", "dob") and not self.is_month))

    @property
    def is_month(self) -> bool:
        desc = self.description
        return self.type == "string" and ("YYYY-MM" in desc and "YYYY-MM-DD" not in desc)

    @property
    def is_time(self) -> bool:
        return self.type == "string" and (self.node.get("format") == "time" or self.words[-1:] == ["time"])

    @property
    def signed(self) -> bool:
        d = self.description.lower()
        return "negative" in d or "signed" in d

    def children(self) -> Iterator[Field]:
        for name, sub in self.node.get("properties", {}).items():
            yield Field((*self.path, name), sub, self.context)

    def item(self) -> Field:
        return Field(self.path, self.node.get("items", {"type": "string"}), self.context)


def root_field(schema: dict) -> Field:
    return Field((), schema, schema.get("title", "") or "")


@dataclass(slots=True)
class ReadContext:
    day_first: bool | None = None
    decimal_comma: bool | None = None
    reference: dt.date | None = None
    years: list[int] = field(default_factory=list)

    def number(self, text: str) -> float | None:
        return V.parse_number(text, decimal_comma=self.decimal_comma)

    def lenient_number(self, text: str) -> float | None:
        """`number`, or the number an OCR-damaged token almost is ('6)', '24°', '1O5.00')."""
        return V.parse_number_lenient(text, decimal_comma=self.decimal_comma)

    def date(self, text: str, reference: dt.date | None = None) -> tuple[str, bool] | None:
        return V.parse_date(text, day_first=self.day_first, reference=reference or self.reference)


def read_context(document: Document) -> ReadContext:
    """Conventions of this document, voted over all its words."""
    text = " ".join(w.text for _, w in document.iter_words())
    ctx = ReadContext()
    slashed = re.findall(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b", text)
    if any(int(a) > 12 for a, _, _ in slashed):
        ctx.day_first = True
    elif any(int(b) > 12 for _, b, _ in slashed):
        ctx.day_first = False
    elif re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", text):
        ctx.day_first = True
    comma_dec = len(re.findall(r"\d,\d{1,2}\b(?![\d,.])", text))  # "85,1" too; "4.2" is as often a section's
    dot_dec = len(re.findall(r"\d\.\d{2}\b(?![\d,.])", text))  # number ("Table 4.2") as a decimal
    if comma_dec or dot_dec:
        ctx.decimal_comma = comma_dec > dot_dec
    else:
        ctx.decimal_comma = _grouping_convention(text)
    ctx.years, dates = _full_dates(document, ctx)
    if dates:
        dates.sort()
        ctx.reference = dates[len(dates) // 2]
    return ctx


# A page that prints this many figures grouped with dots, and no decimals, groups thousands with them.
DOT_GROUPED = 4
# Currencies whose minor unit has three digits: on a page naming one, "5.250" may be a decimal amount.
_THREE_DECIMAL_CURRENCIES = ("KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD")
_DOT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
_COMMA_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,])")


def _grouping_convention(text: str) -> bool | None:
    """Whether a page that prints no decimals ("12.50", "12,50") groups thousands with dots: True when
    its numbers are dot-grouped in the shape only thousands take ("1.250.000", or "6.000", "2.500" whose
    last digits are zeros a decimal never needs to print), or when it prints DOT_GROUPED such numbers or more
    (a column of "110.374 | 24.712 | 211.640": figures printed to three decimals every one of them, and no
    other, are rarer than counts and sums grouped in thousands), and none is comma-grouped; else None
    (unknown). A page naming a three-decimal currency keeps "5.250" open."""
    if any(re.search(rf"\b{c}\b", text) for c in _THREE_DECIMAL_CURRENCIES):
        return None
    if _COMMA_GROUPS.search(text):
        return None
    dotted = _DOT_GROUPS.findall(text)
    grouped = [n for n in dotted if n.count(".") > 1 or n.endswith("00")]
    return True if dotted and (len(grouped) == len(dotted) or len(dotted) >= DOT_GROUPED) else None


def _full_dates(document: Document, ctx: ReadContext) -> tuple[list[int], list[dt.date]]:
    """The years and the dates printed in full; a date's words are set close on one line ("03 Oct | 04 Oct" in
    two columns is no "03 Oct 04")."""
    dates: list[dt.date] = []
    for page in document.pages:
        words = [w.text for w in page.words]
        digits = [any(c.isdigit() for c in V.fold(w)) for w in words]  # a year is digits, whatever the script
        apart = [_apart(a, b) for a, b in itertools.pairwise(page.words)]
        for i in range(len(words)):
            for n in (1, 3, 2):
                if i + n > len(words) or not any(digits[i:i + n]) or any(apart[i:i + n - 1]):
                    continue
                got = V.parse_date(" ".join(words[i:i + n]), day_first=ctx.day_first)
                if got and got[1]:
                    dates.append(dt.date.fromisoformat(got[0]))
                    break
    return sorted({d.year for d in dates}), dates


def _apart(a: Word, b: Word) -> bool:
    """The next word is on another line, or as far from the word as two spaces or more."""
    return abs(b.box.y - a.box.y) > 0.5 * a.box.h or not -0.3 * a.box.h <= b.box.x - a.box.right <= a.box.h


def read_scalar(text: str, f: Field, ctx: ReadContext) -> tuple[Any, float] | None:
    """`text` read as the field's type → (value, type fit in [0, 1]), or None if it cannot be."""
    text = text.strip().strip(":").strip()
    if not text:
        return None
    if f.enum:
        return _read_enum(text, f)
    t = f.type
    if t in ("number", "integer"):
        return _read_number(text, f, ctx)
    if t == "boolean":
        b = V.parse_bool(text)
        return (b, 1.0) if b is not None else None
    if f.is_month:
        m = V.parse_month(text, day_first=ctx.day_first)
        return (m, 1.0) if m else None
    if f.is_date:
        text = _SPLIT_YEAR.sub(r"\1\2\3", text)  # "28/12/20 17": a scan's space inside the year 2017
        d = ctx.date(text)
        if d and f.wants("birth", "dob") and d[0] > dt.date.today().isoformat() and re.search(r"\D\d\d$", text):
            d = (f"{int(d[0][:4]) - 100}{d[0][4:]}", d[1])  # born '57: 1957, a birth is never in the future
        return (d[0], 1.0 if d[1] else 0.8) if d else None
    if f.is_time:
        tm = V.parse_time(text)
        return (tm, 1.0) if tm else None
    return _read_string(text, f)


# A day, a month and a year whose four digits a scan split in two words: "28/12/20 17".
_SPLIT_YEAR = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-])((?:19|20))\s(\d{2})$")


def _read_enum(text: str, f: Field) -> tuple[Any, float] | None:
    options = f.enum or []
    if set(map(str, options)) & {"USD", "EUR", "GBP"}:
        code = V.detect_currency(text, options)
        if code:
            return code, 1.0
    got = V.match_enum(text, options)
    if got:
        return got[0], got[1] / 100.0
    return _enum_by_distinct_word(text, options)


# A printed value that spells no option but shares a word with exactly one of them, a word no other
# option has ("Upon receipt" → "Due on receipt", "15 Days" → "Net 15"), names that option: a reading
# from one word, so it fits this much. Only short values of a few words, beside other words of their own.
DISTINCT_WORD_FIT = 0.7
_DISTINCT_MAX_WORDS = 4


def _enum_by_distinct_word(text: str, options: list) -> tuple[Any, float] | None:
    printed = V.fold(text).replace("_", " ").split()
    if not 2 <= len(printed) <= _DISTINCT_MAX_WORDS:
        return None
    words = {o: set(V.fold(str(o)).replace("_", " ").split()) for o in options if o is not None}
    hits = []
    for o, ws in words.items():
        own = {w for w in ws if not any(w in other for p, other in words.items() if p != o)}
        if own & set(printed):
            hits.append(o)
    return (hits[0], DISTINCT_WORD_FIT) if len(hits) == 1 else None


# A value printed in another unit of the kind the field's name asks for ("38200 g" for weight_kg) fits
# this much: converted exactly, but a step further from the page than a value printed as asked.
UNIT_FIT = 0.9


def _read_number(text: str, f: Field, ctx: ReadContext) -> tuple[Any, float] | None:
    labels = f.labels
    unit = labels.unit
    s = text
    if s.endswith("%") and not f.wants("rate", "percent", "pct", "share"):
        return None
    if unit:
        s = _counted(s)
        s = re.sub(rf"(?i)\s*{re.escape(unit)}\.?$", "", s)
        other = re.fullmatch(r"(?i)(\d[\d.,']*)\s*([a-z]+)\.?", s)
        printed_unit = other[2].lower() if other else ""
        if other and printed_unit in units.UNITS and units.convert(1.0, printed_unit, unit) is None:
            return None  # "1200 mm" is no weight_kg
        if other and units.exact(printed_unit, unit) and (printed := ctx.number(other[1])) is not None:
            converted = units.convert(printed, printed_unit, unit)  # "38200 g" for weight_kg
            if converted is not None and (f.type != "integer" or converted == int(converted)):
                return (int(converted) if f.type == "integer" else V.format_number(converted, False)), UNIT_FIT
    value = ctx.number(s)
    fit = 1.0
    if value is None:
        m = re.fullmatch(r"(?i)([\d.,]+)\s*[-\s]?([a-z%]+)\.?", s)
        if m:
            value, fit = ctx.number(m[1]), 0.85
    if value is None and (near := ctx.lenient_number(s)) is not None:
        value, fit = near, 0.7
    if value is None:
        w = V.parse_word_number(s)
        if w is None:
            return None
        value, fit = float(w), 0.8
    if f.type == "integer":
        if value != int(value) and ctx.decimal_comma is None and _DOT_GROUPS.fullmatch(s):
            value = V.parse_number(s, decimal_comma=True)  # "1.661" pupils: a count has no decimals, so the dot
            # groups thousands where the document does not say which mark it uses
        if value is None or value != int(value):
            return None
        return int(value), fit
    return V.format_number(value, False), fit


def _counted(text: str) -> str:
    """A count of a unit written out, as a figure: "one (1) year" → "1 year", "twelve months" → "12 months"."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z\-]*)\s+(?:\((\d+)\)\s+)?([A-Za-z]+)\.?", text.strip())
    if m is None or m[3].lower() not in units.UNITS:
        return text
    n = V.parse_word_number(m[1])
    if n is None or (m[2] is not None and int(m[2]) != n):
        return text
    return f"{n} {m[3]}"


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.\-]+")
_URL = re.compile(r"(?i)(https?://|www\.|linkedin\.com|[a-z0-9-]+\.(com|org|net|io|de|co\.uk)\b)")


def _read_string(text: str, f: Field) -> tuple[Any, float] | None:
    digits = sum(c.isdigit() for c in text)
    if f.wants("email"):
        m = _EMAIL.search(text)
        return (m[0], 1.0) if m else None
    if f.wants("phone", "tel", "fax", "mobile"):
        return (text, 1.0) if digits >= 6 and not _EMAIL.search(text) else None
    if f.wants("linkedin", "url", "website", "uri") or f.node.get("format") == "uri":
        return (text, 1.0) if _URL.search(text) else None
    if f.wants("postal", "zip", "postcode"):
        return (text, 1.0) if any(c.isdigit() for c in text) and len(text) <= 12 else None
    if f.wants("currency") and not f.wants("amount", "rate"):  # the currency itself: a code or a sign
        code = V.detect_currency(text)
        return (code, 1.0) if code and len(text.split()) <= 2 else None
    if f.wants("last four", "last 4", "last digits"):
        m = re.search(r"(\d{4})\W*$", text)
        return (m[1], 1.0) if m else None
    if f.wants("number", "id", "code", "sku", "no") and f.type == "string":
        text = text.lstrip("#").strip() or text
        return (text, 1.0 if digits else 0.5) if len(text.split()) <= 4 else None
    if f.wants("name", "city", "country", "region", "state", "relationship", "employer", "company"):
        if not any(c.isalpha() for c in text):
            return None  # a name is written in letters: "12/03/1980" under "First name" is another field's
        return (text, 0.6 if digits > 2 or "@" in text else 1.0)
    return text, 0.9
