"""What a purchase settled: the amount tendered less the change given back.

A receipt prints several totals (before tax, with tax, rounded) and then how it was paid: the amount
tendered ("CASH 50.00") and, on the line under it, the change ("CHANGE 31.20"). Tendered less change is
the total paid, whatever the labels above say, so it settles which printed total a field for the total
(paid, due, charged) means:

- a candidate that equals it is confirmed;
- one that equals it read another way (a decimal point the scan lost, "5510" or "41 50" for 55.10 and
  41.50, or read as a comma, "11,25") is that amount, a little less sure of its reading;
- any other is doubted: it loses to a confirmed one and says so to the confidence model.

Where no printed total equals it and no change was given, the tendered amount itself is the total.
Only figures printed as money (two decimals) take part: "CHANGE 06" (a misread ".00") settles nothing.
Without tender lines, a total printed without cents on a page whose amounts show them fits less.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field
from assay.domain.labels import clean_label, label_score, labels_for
from assay.engines.layout.candidates import TYPE_FIT_FLOOR, TYPE_FIT_SHARE, Candidate
from assay.engines.layout.geometry import PageLayout, Row

# A field names the total paid when its name reads as "total" this well ('total', 'amount_due', 'grand_total';
# not 'subtotal', 'total_tax').
NAMES_TOTAL = 0.8
# A doubted total keeps this share of its score: a labelled one confirmed by the arithmetic wins over it
# when their labels are about as good (0.95 "Total Amount" doubted < 0.8 "Nett Total" confirmed).
DOUBTED = 0.8
# A value read from damaged print (its decimal point lost or misread) that the arithmetic confirms fits
# this well.
REPAIRED_FIT = 0.9
# A total printed without cents on a page whose amounts show them (at least CENTS_FIGURES of them) reads as
# money this well: its decimal point was likely lost ("5510" for 55.10) or it is a count ("Total 1").
CENTS_MISSING_FIT = 0.8
CENTS_FIGURES = 3
# The tendered amount as the total (nothing else printed equals it, no change given): where it usually
# is, below any labelled total the arithmetic does not doubt.
TENDERED_TOTAL = 0.6
# The change is printed on one of the next rows under the amount tendered.
TENDER_ROWS = 2
_MONEY = re.compile(r"\d[.,]\d{2}(?!\d)")
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*[.,]\d{2}")
_CHANGE = "change"
# Words that name a payment by card: a card, the card schemes, "EDC" (the card terminal's line). "Credit" and
# "debit" alone name a statement's columns as often; with "card" they name one.
CARD_WORDS = {"card", "visa", "master", "mastercard", "amex", "maestro", "jcb", "diners", "eftpos", "interac", "edc"}
_TOTAL_LABELS = labels_for("total")


@dataclass(frozen=True, slots=True)
class Settlement:
    paid: float
    page: int
    tendered: list[Word]  # the tendered amount's words
    change: float


def names_total(f: Field) -> bool:
    """A top-level number field for the document's total ('total', 'amount_due', 'grand_total')."""
    return (f.type == "number" and len(f.path) == 1
            and label_score(" ".join(f.words), _TOTAL_LABELS) >= NAMES_TOTAL)


def settle(layouts: list[PageLayout]) -> Settlement | None:
    """Tendered less change, from the first change line printed under an amount tendered."""
    for layout in layouts:
        for i, row in enumerate(layout.rows):
            if not _is_change(row):
                continue
            change = _money(row)
            if change is None:
                continue
            tender = next(((r, m) for r in reversed(layout.rows[max(0, i - TENDER_ROWS): i])
                           if (m := _money(r)) is not None), None)
            if tender is None:
                continue
            tendered, words = tender[1]
            if tendered > 0 and tendered >= change[0]:
                return Settlement(round(tendered - change[0], 2), layout.number, words, change[0])
    return None


def weigh(f: Field, found: list[Candidate], settled: Settlement | None,
          layouts: list[PageLayout]) -> list[Candidate]:
    """Confirm, repair or doubt the candidates of a total field against what the purchase settled; a total
    printed without cents on a page whose amounts all show them fits less (a point lost: "5510")."""
    if not names_total(f):
        return found
    cents = _prints_cents(layouts)
    confirmed = False
    for c in found:
        if not isinstance(c.value, (int, float)):
            continue
        if settled is not None and abs(c.value - settled.paid) < 0.005:
            c.arithmetic, confirmed = 1.0, True
            continue
        words = _repaired(c, settled.paid, layouts) if settled is not None else None
        if words is not None and settled is not None:
            c.value, c.words, c.arithmetic, confirmed = settled.paid, words, 1.0, True
            _refit(c, REPAIRED_FIT)
            continue
        if settled is not None:
            c.arithmetic = -1.0
            c.score *= DOUBTED
        if cents and not _MONEY.search(" ".join(w.text for w in c.words)):
            point = _point_lost(c, layouts)
            if point is not None:
                c.value = point
                _refit(c, REPAIRED_FIT)
            else:
                _refit(c, CENTS_MISSING_FIT)
    if settled is not None and not confirmed and settled.change > 0 and _corroborated(settled, layouts):
        confirmed = _repair_misread(found, settled.paid)
    if settled is None and not any(isinstance(c.value, (int, float)) for c in found):
        found += _tendered_alone(layouts)
    if settled is not None and not confirmed and settled.change == 0 and settled.tendered:
        found.append(Candidate(settled.paid, settled.page, settled.tendered, TENDERED_TOTAL, "pattern",
                               inferred=True, arithmetic=1.0))
    _doubt_column_totals(found, layouts)
    _doubt_unrounded(found, layouts)
    return found


def _tendered_alone(layouts: list[PageLayout]) -> list[Candidate]:
    """Where no total can be read and no change is given: the amount on the last line that names a card ("EDC
    MASTER RM 41.95", "VISA 12.40"): a card is charged the total exactly, where cash tendered may be more."""
    for layout in layouts[:1]:
        for row in reversed(layout.rows):
            label = set(clean_label(row.segments[0].text if row.segments else "").split())
            got = _money(row) if label & CARD_WORDS else None
            if got is not None:
                return [Candidate(got[0], layout.number, got[1], TENDERED_TOTAL, "pattern", inferred=True)]
    return []


def _corroborated(settled: Settlement, layouts: list[PageLayout]) -> bool:
    """Tendered less change is also what the page adds up to: two amounts on one row sum to it (a tax summary's net
    amount and its tax, "SR 17.74 1.06"), or another line prints it."""
    mine = {id(w) for w in settled.tendered}
    for layout in layouts:
        if layout.number != settled.page:
            continue
        for row in layout.rows:
            amounts = [v for w in row.words if id(w) not in mine and _AMOUNT.fullmatch(w.text.strip("RM$"))
                       and (v := V.parse_number_lenient(w.text)) is not None]
            if any(abs(v - settled.paid) < 0.005 for v in amounts):
                return True
            if any(abs(a + b - settled.paid) < 0.005 for a, b in itertools.pairwise(amounts)):
                return True
    return False


def _repair_misread(found: list[Candidate], paid: float) -> bool:
    """The best labelled total the arithmetic doubted, read as the amount paid: its label is right, a digit of its
    amount misread ("TOTAL 16.00" over CASH 50.00, CHANGE 31.20 and a tax summary of 17.74 + 1.06)."""
    doubted = [c for c in found if isinstance(c.value, (int, float)) and c.arithmetic < 0 and not c.inferred]
    if not doubted:
        return False
    best = max(doubted, key=lambda c: c.score)
    best.value, best.arithmetic = paid, 1.0
    best.score /= DOUBTED
    _refit(best, REPAIRED_FIT)
    return True


def _point_lost(c: Candidate, layouts: list[PageLayout]) -> float | None:
    """The amount a total printed as bare digits ("5510") is when its decimal point was lost: a receipt's total
    is never more than all the other amounts it prints added up (its items, subtotal and tax), so digits that
    are more, and a hundredth of them is not, are cents whose point the scan dropped."""
    text = "".join(w.text for w in c.words)
    if not isinstance(c.value, (int, float)) or not re.fullmatch(r"\d{3,}", text):
        return None
    mine = {id(w) for w in c.words}
    printed = sum(abs(v) for w in _page_words(c.page, layouts) if id(w) not in mine and _MONEY.search(w.text)
                  and (v := V.parse_number_lenient(w.text)) is not None)
    return round(c.value / 100, 2) if c.value / 100 <= printed < c.value else None


def _doubt_column_totals(found: list[Candidate], layouts: list[PageLayout]) -> None:
    """A "Total" row that prints two amounts or more ("TOTAL: 52.00 3.12" under a tax summary's columns) totals
    a table's columns, not the purchase: each of its amounts is doubted, unless the arithmetic confirms it."""
    for c in found:
        if not isinstance(c.value, (int, float)) or c.arithmetic > 0 or not c.words:
            continue
        row = _row_of(c.words[-1], c.page, layouts)
        if row is None:
            continue
        mine = {id(w) for w in c.words}
        if any(id(w) not in mine and _MONEY.search(w.text) for w in row.words):
            c.score *= DOUBTED


def _doubt_unrounded(found: list[Candidate], layouts: list[PageLayout]) -> None:
    """A total with a rounding line under it and another total under that is the total before rounding: the
    later one was paid. It is doubted, unless the arithmetic confirms it."""
    for layout in layouts:
        at = {id(w): i for i, row in enumerate(layout.rows) for w in row.words}
        rows = {id(c): at.get(id(c.words[-1])) for c in found if c.page == layout.number and c.words
                and isinstance(c.value, (int, float))}
        for i, row in enumerate(layout.rows):
            if not _is_rounding(row):
                continue
            later = [c for c in found if rows.get(id(c)) is not None and i < rows[id(c)] <= i + TENDER_ROWS]
            for c in found:
                r = rows.get(id(c))
                if (r is not None and i - TENDER_ROWS <= r < i and c.arithmetic <= 0
                        and any(o.value != c.value for o in later)):
                    c.score *= DOUBTED


def _is_rounding(row: Row) -> bool:
    """A rounding line ("Rounding", "Round Adj", "ROUNDING ADJUSTMENT"), not a rounded total ("Total Rounded")."""
    label = clean_label(row.segments[0].text if row.segments else "").split()
    return (any(fuzz.ratio(w, "rounding") >= 80 or fuzz.ratio(w, "round") >= 80 for w in label)
            and label_score(" ".join(label), _TOTAL_LABELS) < NAMES_TOTAL and "total" not in label)


def _page_words(page: int, layouts: list[PageLayout]) -> list[Word]:
    return next((lay.page.words for lay in layouts if lay.number == page), [])


def _row_of(word: Word, page: int, layouts: list[PageLayout]) -> Row | None:
    for layout in layouts:
        if layout.number == page:
            return next((row for row in layout.rows if any(w is word for w in row.words)), None)
    return None


def _refit(c: Candidate, factor: float) -> None:
    """Lower the candidate's type fit by `factor`, and its score with it."""
    before = TYPE_FIT_FLOOR + TYPE_FIT_SHARE * c.fit
    c.fit *= factor
    c.score *= (TYPE_FIT_FLOOR + TYPE_FIT_SHARE * c.fit) / before


def _prints_cents(layouts: list[PageLayout]) -> bool:
    """The first page prints its amounts with cents: CENTS_FIGURES words or more read as money."""
    if not layouts:
        return False
    money = [w for w in layouts[0].page.words if _MONEY.search(w.text)]
    return len(money) >= CENTS_FIGURES


def _is_change(row: Row) -> bool:
    """A row labelled as the change given ("CHANGE", "Change Due", "Cash Change"; a letter lost: "hange")."""
    label = row.segments[0].text if row.segments else ""
    return any(fuzz.ratio(w, _CHANGE) >= 80 for w in clean_label(label).split())


def _money(row: Row) -> tuple[float, list[Word]] | None:
    """The row's last phrase that reads as money (two decimals), with its words."""
    for seg in reversed(row.segments[1:]):
        text = seg.text
        if not _MONEY.search(text):
            continue
        words = [w for w in seg.words if not V.is_currency_mark(w.text)]
        value = V.parse_number(" ".join(w.text for w in words))
        return (abs(value), words) if value is not None else None
    return None


def _repaired(c: Candidate, paid: float, layouts: list[PageLayout]) -> list[Word] | None:
    """The candidate's words (with the two digits printed after them on its row) when a reading that
    puts a lost or misread decimal point back gives the amount paid."""
    text = "".join(w.text for w in c.words)
    digits = re.sub(r"\D", "", text)
    words = list(c.words)
    after = _next_word(c, layouts)
    if after is not None and re.fullmatch(r"\d{2}", after.text) and re.fullmatch(r"\d+", text):
        digits, words = digits + after.text, [*words, after]  # "41 50": the point read as a gap
    if len(digits) >= 3 and abs(int(digits) / 100 - paid) < 0.005:
        return words
    return None


def _next_word(c: Candidate, layouts: list[PageLayout]) -> Word | None:
    if not c.words:
        return None
    last = c.words[-1]
    for layout in layouts:
        if layout.number != c.page:
            continue
        for row in layout.rows:
            ids = [id(w) for w in row.words]
            if id(last) in ids:
                at = ids.index(id(last))
                return row.words[at + 1] if at + 1 < len(row.words) else None
    return None
