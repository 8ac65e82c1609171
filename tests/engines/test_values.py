"""Printed values read as typed values, in the formats documents actually use."""

from __future__ import annotations

import datetime as dt

import pytest

from assay.domain import values as V
from assay.domain.fields import ReadContext, read_scalar, root_field


@pytest.mark.parametrize(("text", "expected"), [
    ("$1,234.50", 1234.5), ("1.234,50 EUR", 1234.5), ("(12.00)", -12.0), ("12.00-", -12.0),
    ("CA$7,820.15", 7820.15), ("£5,362.43", 5362.43), ("1 234,5", 1234.5), ("abc", None), ("6%", None),
    ("Fr. 1'932.87", 1932.87), ("CHF 1’932.87", 1932.87), ("R 1 234,50", 1234.5), ("RM 12.50", 12.5),
    ("ZAR 99.00", 99.0), ("R2", None), ("Room 12", None), ("R1 234,56", 1234.56), ("R12,50", 12.5), ("R12", None),
    ("Rs. 1,23,456.00", 123456.0), ("₹12,34,567", 1234567.0), ("1,23,45", None),
])
def test_numbers(text, expected):
    assert V.parse_number(text) == expected


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("07/06/2025", None, "2025-07-06"), ("15/03/2024", None, "2024-03-15"), ("07/06/2025", True, "2025-06-07"),
    ("15.03.2024", None, "2024-03-15"), ("2024-03-15", None, "2024-03-15"), ("11 March 2026", None, "2026-03-11"),
    ("Jul 11, 2024", None, "2024-07-11"), ("1st day of June, 2025", None, "2025-06-01"),
    ("Mon 5 Dec 2026", None, "2026-12-05"), ("Saturday, 05/12/2026", True, "2026-12-05"),
    ("05/12/2026 (Sat)", True, "2026-12-05"), ("mardi 5 décembre 2026", None, "2026-12-05"),
    ("12 janv. 2026", None, "2026-01-12"), ("1er févr. 2026", None, "2026-02-01"), ("3 maart 2026", None, "2026-03-03"),
    ("7 mrt. 2026", None, "2026-03-07"), ("4 juil. 2026", None, "2026-07-04"), ("15 outubro 2026", None, "2026-10-15"),
    ("3 avr. 2026", None, "2026-04-03"), ("9 okt 2026", None, "2026-10-09"),
    ("3 Sept. 2026", None, "2026-09-03"), ("5 May 2026", None, "2026-05-05"),
])
def test_dates(text, day_first, expected):
    assert V.parse_date(text, day_first=day_first)[0] == expected


def test_dates_without_a_year_take_it_from_a_nearby_date():
    ref = dt.date(2024, 12, 20)
    assert V.parse_date("1 Jan", reference=ref)[0] == "2025-01-01"
    assert V.parse_date("08/01", reference=dt.date(2026, 8, 15))[0] == "2026-08-01"
    assert V.parse_date("08/01") is None


def test_a_word_that_begins_like_two_months_or_none_is_no_month():
    assert V.parse_date("ma 3 2026") is None  # March or May
    assert V.parse_date("Mayor 2026") is None
    assert V.parse_date("marketing 3 2026") is None
    assert V.parse_date("5.09 SET") is None  # a unit, not 'setembro'
    assert V.parse_date("3 out 2026") is None


def test_a_weekday_alone_or_beside_a_number_is_no_date():
    assert V.parse_date("Monday") is None
    assert V.parse_date("Mon 5") is None


def test_months_times_booleans_enums_currencies():
    assert V.parse_month("Apr 2022") == "2022-04"
    assert V.parse_month("07/2022") == "2022-07"
    assert V.parse_time("10:40 AM") == "10:40"
    assert V.parse_time("3:05 pm") == "15:05"
    assert V.parse_bool("Yes") is True
    assert V.parse_bool("☐") is False
    assert V.match_enum("Self-employed", ["employed", "self_employed"])[0] == "self_employed"
    assert V.match_enum("net 30", ["Net 15", "Net 30"])[0] == "Net 30"
    assert V.detect_currency("Total €12", ["USD", "EUR"]) == "EUR"
    assert V.detect_currency("CA$7.00", ["USD", "CAD"]) == "CAD"
    assert V.parse_word_number("twelve") == 12


@pytest.mark.parametrize(("text", "expected"), [
    ("6)", 6.0), ("8.", 8.0), ("24°", 24.0), ("1}", 1.0), ("$232. 31)", 232.31), ("1O5.00", 105.0),
    ("12.00", 12.0), ("$1,234.50", 1234.5),
])
def test_lenient_number_reads_ocr_damaged_numbers(text, expected):
    assert V.parse_number_lenient(text) == expected


@pytest.mark.parametrize("text", ["5 eet", "Net 30", "A5616-50", "S12", "(12.00", "10OZ", "2-5", "x", ""])
def test_lenient_number_refuses_what_is_not_almost_a_number(text):
    assert V.parse_number_lenient(text) is None
    if text:
        assert V.parse_number(text) is None


def test_numeric_field_reads_damaged_number_with_lower_fit_text_field_unchanged():
    from assay.domain.fields import Field, ReadContext, read_scalar
    ctx = ReadContext()
    qty = Field(("quantity",), {"type": "integer"}, "")
    assert read_scalar("6", qty, ctx) == (6, 1.0)
    value, fit = read_scalar("6)", qty, ctx)
    assert value == 6
    assert fit < 1.0
    note = Field(("note",), {"type": "string"}, "")
    assert read_scalar("6)", note, ctx)[0] == "6)"


@pytest.mark.parametrize(("text", "expected"), [
    ("Rs. 4,032.71", "INR"), ("RM 12.50", "MYR"), ("R 99.00", "ZAR"), ("€ 5", "EUR"), ("CA$ 7", "CAD"),
    ("HOURS 12", None), ("R2D2", None), ("Room 12", None), ("R1 234,56", "ZAR"), ("R12", None),
])
def test_currencies_from_codes_symbols_and_letter_signs_before_a_figure(text, expected):
    assert V.detect_currency(text) == expected


def test_a_year_a_scan_split_in_two_words_is_read_whole():
    date = next(root_field({"type": "object", "properties": {"date": {"type": "string", "format": "date"}}})
                .children())
    ctx = ReadContext(day_first=True)
    assert read_scalar("28/12/20 17", date, ctx)[0] == "2017-12-28"  # not 2020-12-28 and a stray "17"
    assert read_scalar("28/12/20", date, ctx)[0] == "2020-12-28"
