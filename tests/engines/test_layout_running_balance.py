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
