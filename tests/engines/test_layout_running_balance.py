"""A statement's running balance found by its arithmetic: the column that moves from row to row by a figure
printed on the later row is the balance, whatever its header says, and the figures it moves by are the
amounts, signed by the way it moves."""

from __future__ import annotations

import pytest
from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

TRANSACTION = {"type": "object", "properties": {
    "date": {"type": "string", "format": "date"},
    "description": {"type": "string"},
    "amount": {"type": "number", "description": "Signed amount: negative for withdrawals, positive for deposits."},
    "balance": {"anyOf": [{"type": "number"}, {"type": "null"}], "description": "Running balance on the row."}}}
ROWS = [("2026-02-03", "Card purchase TESCO", "23.10", "", "1,176.90"),
        ("2026-02-05", "Salary ACME LTD", "", "2,400.00", "3,576.90"),
        ("2026-02-07", "Direct debit COUNCIL TAX", "145.00", "", "3,431.90")]
RIGHT = (None, None, 360, 440, 540)  # figures set flush right under their headers


def statement(header: tuple[str, ...]) -> list[tuple]:
    items = []
    for n, row in enumerate([header, *ROWS]):
        for text, x, right in zip(row, (40, 110, 0, 0, 0), RIGHT, strict=True):
            if text:
                items.append((text, right - 6 * len(text) if right else x, 80 + (16 if n else 0) + 12 * max(n - 1, 0)))
    out = extract_document(document(page(items)), ExtractOptions.from_configuration(
        {"data_schema": TRANSACTION, "extraction_target": "per_table_row"}))
    return [(r["date"], r["description"], r["amount"], r["balance"]) for r in out.result]


@pytest.mark.parametrize("header", [("Date", "Details", "Out", "In", "Running total"),
                                    ("Date", "Details", "Out", "In", "Closing")])
def test_the_column_that_moves_by_the_rows_figures_is_the_balance(header):
    assert statement(header) == [("2026-02-03", "Card purchase TESCO", -23.10, 1176.90),
                                 ("2026-02-05", "Salary ACME LTD", 2400.00, 3576.90),
                                 ("2026-02-07", "Direct debit COUNCIL TAX", -145.00, 3431.90)]


STATEMENT = {"type": "object", "title": "Bank statement", "properties": {
    "opening_balance": {"type": "number", "description": "Balance at the start of the period."},
    "closing_balance": {"type": "number", "description": "Balance at the end of the period."},
    "transactions": {"type": "array", "items": TRANSACTION}}}


def _ends(summary: list[tuple[str, str]], rows=ROWS) -> dict:
    items = [(text, x, 40 + 12 * n) for n, (label, figure) in enumerate(summary)
             for text, x in ((label, 40), (figure, 200))]
    for n, row in enumerate([("Date", "Details", "Out", "In", "Balance"), *rows]):
        for text, x, right in zip(row, (40, 110, 0, 0, 0), RIGHT, strict=True):
            if text:
                items.append((text, right - 6 * len(text) if right else x, 100 + (16 if n else 0) + 12 * max(n - 1, 0)))
    out = extract_document(document(page(items)), ExtractOptions(STATEMENT))
    return {k: out.result[k] for k in ("opening_balance", "closing_balance")}


def test_the_balances_the_transactions_call_for_are_the_ends_whatever_their_labels():
    # "B/F" and "C/F" mean nothing the model can place: the first row's balance less its amount is printed beside
    # one, the last row's balance beside the other
    assert _ends([("B/F", "1,200.00"), ("C/F", "3,431.90")]) == {"opening_balance": 1200.0, "closing_balance": 3431.9}


def test_the_last_rows_balance_is_the_closing_balance_where_the_page_prints_no_other():
    assert _ends([]) == {"opening_balance": None, "closing_balance": 3431.9}


def test_rows_listed_newest_first_run_their_balance_the_other_way():
    newest_first = [ROWS[2], ROWS[1], ROWS[0]]
    assert _ends([("B/F", "1,200.00"), ("C/F", "3,431.90")], newest_first) == {
        "opening_balance": 1200.0, "closing_balance": 3431.9}
