"""A statement's transaction table: the running balance signs unsigned amounts, and a date printed on
its own row dates the rows under it. Real PDFs drawn with reportlab, read by the real parser."""

from __future__ import annotations

import io

from engine_docs import document, page
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

TRANSACTION = {"type": "object", "title": "Bank transaction", "properties": {
    "date": {"type": "string", "format": "date", "description": "Posting date, YYYY-MM-DD."},
    "description": {"type": "string", "description": "Transaction description as printed."},
    "amount": {"type": "number", "description": "Signed amount: negative for withdrawals, positive for deposits."},
    "balance": {"type": ["number", "null"], "description": "Running balance printed on the row."}}}


NEXT_PAGE = ("",)  # a row that ends the page: the table goes on under its header repeated on the next


def _pdf(rows: list[tuple[str, ...]]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)

    def header() -> float:
        c.setFont("Helvetica", 9)
        c.drawString(50, letter[1] - 80, "Particulars")
        c.drawRightString(420, letter[1] - 80, "Sum")
        c.drawRightString(520, letter[1] - 80, "Balance")
        return letter[1] - 80

    y = header()
    for row in rows:
        y -= 15
        if row == NEXT_PAGE:
            c.showPage()
            y = header()
            continue
        if len(row) == 1:
            c.drawString(50, y, row[0])
            continue
        c.drawString(50, y, row[0])
        c.drawRightString(420, y, row[1])
        if len(row) > 2:
            c.drawRightString(520, y, row[2])
    c.save()
    return buf.getvalue()


def _rows(pdf: bytes) -> list[dict]:
    doc = parse_document(pdf, filename="statement.pdf")
    return extract_document(doc, ExtractOptions(TRANSACTION, extraction_target="per_table_row")).result


def test_the_running_balance_signs_amounts_printed_without_a_sign() -> None:
    got = _rows(_pdf([("03/02/2025",), ("Card purchase", "45.10", "954.90"), ("Salary ACME", "1,200.00", "2,154.90"),
                      ("Rent payment", "800.00", "1,354.90"), ("ATM withdrawal", "54.90", "1,300.00")]))
    # The first row has no balance above it to compare with; every later one is signed by the change.
    assert [(r["description"], r["amount"]) for r in got[1:]] == [
        ("Salary ACME", 1200.0), ("Rent payment", -800.0), ("ATM withdrawal", -54.9)]


def test_a_date_on_its_own_row_dates_the_rows_under_it() -> None:
    got = _rows(_pdf([("03/02/2025",), ("Card purchase", "45.10", "954.90"), ("Salary ACME", "1,200.00", "2,154.90"),
                      ("03/05/2025",), ("Rent payment", "800.00", "1,354.90")]))
    assert [(r["description"], r["date"]) for r in got] == [
        ("Card purchase", "2025-03-02"), ("Salary ACME", "2025-03-02"), ("Rent payment", "2025-03-05")]


def test_a_days_heading_between_rows_does_not_set_the_rows_under_it_apart_as_a_summary() -> None:
    # the balance closes each day only: a day's first row prints fewer cells than the last row above it,
    # and the heading between them widens the gap, as a summary set under a table would
    got = _rows(_pdf([("March 1, 2026",), ("ATM withdrawal", "342.42"), ("Tax refund", "284.97"),
                      ("Card purchase", "31.06", "3,567.66"), ("March 2, 2026",), ("SEPA credit transfer", "142.57"),
                      ("Online payment", "43.15", "3,667.08"), ("March 3, 2026",), ("Pharmacy", "11.20"),
                      ("Restaurant", "20.00", "3,635.88")]))
    assert [(r["date"], r["description"]) for r in got] == [
        ("2026-03-01", "ATM withdrawal"), ("2026-03-01", "Tax refund"), ("2026-03-01", "Card purchase"),
        ("2026-03-02", "SEPA credit transfer"), ("2026-03-02", "Online payment"), ("2026-03-03", "Pharmacy"),
        ("2026-03-03", "Restaurant")]


def test_a_days_heading_at_the_foot_of_a_page_dates_the_rows_at_the_top_of_the_next() -> None:
    got = _rows(_pdf([("March 1, 2026",), ("ATM withdrawal", "342.42", "3,657.58"), ("March 2, 2026",),
                      ("Tax refund", "284.97", "3,942.55"), ("March 3, 2026",), NEXT_PAGE,
                      ("Card purchase", "31.06", "3,911.49"), ("Pharmacy", "11.20", "3,900.29")]))
    assert [(r["date"], r["description"]) for r in got] == [
        ("2026-03-01", "ATM withdrawal"), ("2026-03-02", "Tax refund"), ("2026-03-03", "Card purchase"),
        ("2026-03-03", "Pharmacy")]


def test_a_column_header_over_rows_set_between_day_headings_is_no_label_of_a_summary_figure():
    """"Debit" heads the debits of rows that alternate with their day's heading; the figure under it is the first
    row's, not the statement's total of debits, which its summary prints under "Withdrawals & Other Debits:"."""
    schema = {"type": "object", "title": "Bank statement", "properties": {
        "total_debits": {"type": "number", "description": "Sum of all withdrawals in the period."},
        "transactions": {"type": "array", "items": TRANSACTION}}}
    items = [("Previous Balance:", 40, 60), ("Withdrawals & Other Debits:", 200, 60), ("Closing Balance:", 400, 60),
             ("1,000.00", 40, 72), ("110.25", 200, 72), ("889.75", 400, 72),
             ("Narrative", 40, 100), ("Debit", 380, 100), ("Balance After", 450, 100)]
    y = 116
    for day, text, debit, balance in [("March 2, 2026", "Bookshop card payment", "48.69", "951.31"),
                                      ("March 3, 2026", "Card purchase TESCO EXPRESS", "36.56", "914.75"),
                                      ("March 5, 2026", "Pharmacy", "25.00", "889.75")]:
        items += [(day, 40, y), (text, 40, y + 14), (debit, 380, y + 14), (balance, 450, y + 14)]
        y += 32
    result = extract_document(document(page(items)), ExtractOptions(schema)).result
    assert result["total_debits"] == 110.25
    assert [t["description"] for t in result["transactions"]] == [
        "Bookshop card payment", "Card purchase TESCO EXPRESS", "Pharmacy"]
