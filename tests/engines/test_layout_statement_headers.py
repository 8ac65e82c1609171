"""A statement's table under headers the synonym table half knows: a qualifier before the head word ("Posting
Date", "Value Date"), two columns of dates neither header names, and dates printed without their year beside
another column of dates. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

TRANSACTION = {"type": "object", "title": "Bank transaction", "properties": {
    "date": {"type": "string", "format": "date", "description": "Posting date of the transaction, YYYY-MM-DD."},
    "description": {"type": "string", "description": "Transaction description as printed."},
    "amount": {"type": "number", "description": "Signed amount: negative for withdrawals, positive for deposits."},
    "balance": {"type": ["number", "null"], "description": "Running balance printed on the row."}}}

# (posting day, value day, description, paid out, paid in, balance)
ROWS = [("03", "04", "Coffee House", "12.40", "", "987.60"),
        ("05", "06", "Salary ACME LTD", "", "2,100.00", "3,087.60"),
        ("07", "08", "Transfer to savings", "500.00", "", "2,587.60"),
        ("09", "10", "Insurance premium", "61.20", "", "2,526.40")]
EXPECTED = [("2026-10-03", "Coffee House", -12.4, 987.6), ("2026-10-05", "Salary ACME LTD", 2100.0, 3087.6),
            ("2026-10-07", "Transfer to savings", -500.0, 2587.6), ("2026-10-09", "Insurance premium", -61.2, 2526.4)]


def _statement(heads: tuple[str, str, str, str, str, str], day: str) -> list[tuple]:
    """A statement whose columns are posting date, value date, description, paid out, paid in and balance; `day`
    formats a day of October 2026 ("{} Oct 2026", "{} Oct")."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    y = letter[1] - 60
    c.drawString(50, y, "Statement Period: 01 Oct 2026 - 31 Oct 2026")
    y -= 40
    xs = (50, 120, 190, 380, 440, 540)
    for k, (x, head) in enumerate(zip(xs, heads, strict=True)):
        (c.drawString if k < 3 else c.drawRightString)(x, y, head)
    for posted, valued, text, out, paid_in, balance in ROWS:
        y -= 14
        for k, (x, cell) in enumerate(zip(xs, (day.format(posted), day.format(valued), text, out, paid_in, balance),
                                          strict=True)):
            (c.drawString if k < 3 else c.drawRightString)(x, y, cell)
    c.save()
    doc = parse_document(buf.getvalue(), filename="statement.pdf")
    got = extract_document(doc, ExtractOptions(TRANSACTION, extraction_target="per_table_row")).result
    return [(r["date"], r["description"], r["amount"], r["balance"]) for r in got]


def test_a_header_of_a_qualifier_and_a_date_over_dates_is_one_column_not_a_value_and_a_date():
    # "Value" alone names an amount; the dates under "Value Date" run under both its words: one column
    got = _statement(("Date", "Value Date", "Details", "Debit", "Credit", "Balance"), "{} Oct 2026")
    assert got == EXPECTED


def test_a_header_whose_last_word_alone_is_a_label_is_that_label_qualified():
    # the short dates under "Posting Date" do not run under "Posting": the head word names the column
    got = _statement(("Posting Date", "Booked", "Details", "Debit", "Credit", "Balance"), "{} Oct")
    assert got == EXPECTED


def test_of_two_columns_of_dates_no_header_names_the_first_is_the_rows_date():
    got = _statement(("Booked", "Effective", "Details", "Debit", "Credit", "Balance"), "{} Oct 2026")
    assert got == EXPECTED


def test_dates_without_their_year_beside_another_column_of_dates_take_the_statements_year():
    # "03 Oct | 04 Oct" on a row is no "03 Oct 04": the year of the dates printed in full is the statement's
    got = _statement(("Date", "Val. Date", "Details", "Debit", "Credit", "Balance"), "{} Oct")
    assert [g[0] for g in got] == [e[0] for e in EXPECTED]
