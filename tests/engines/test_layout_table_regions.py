"""Which rows and columns of a table belong to the item: balance lines are not transactions, a header
word over cells of another kind does not name the column, two lists sharing one table keep their own
rows, and a value printed in another unit of the kind a field asks for is converted. Real PDFs drawn
with reportlab, read by the real parser."""

from __future__ import annotations

import io

from engine_docs import words_at
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from tests.engines.test_layout_table_content import ITEMS

from assay.domain.document import Word
from assay.domain.fields import ReadContext, read_scalar, root_field
from assay.domain.options import ExtractOptions
from assay.domain.schema import normalize_schema
from assay.engines.layout.columns import net_tax_gross
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

TRANSACTION = {"type": "object", "title": "Bank transaction", "properties": {
    "date": {"type": "string", "format": "date", "description": "Posting date, YYYY-MM-DD."},
    "description": {"type": "string", "description": "Transaction description as printed."},
    "amount": {"type": "number", "description": "Signed amount: negative for withdrawals, positive for deposits."},
    "balance": {"type": ["number", "null"], "description": "Running balance printed on the row."}}}

PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "earnings": {"type": "array", "description": "Earnings lines of this period.", "items": {
        "type": "object", "properties": {
            "description": {"type": "string", "description": "Earning type as printed."},
            "hours": {"type": ["number", "null"], "description": "Hours, when printed."},
            "rate": {"type": ["number", "null"], "description": "Rate per hour, when printed."},
            "amount": {"type": "number", "description": "Amount of this earning."}}}},
    "deductions": {"type": "array", "description": "Deductions of this period.", "items": {
        "type": "object", "properties": {
            "description": {"type": "string", "description": "Deduction as printed."},
            "amount": {"type": "number", "description": "Amount deducted."}}}}}}


def _pdf(rows: list[list[tuple[float, str, str]]]) -> bytes:
    """Rows 15 pt apart; a cell is (x, text, align): 'l' starts at x, 'r' ends at x."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 9)
    c.drawString(50, letter[1] - 50, "Statement of account")
    for n, cells in enumerate(rows):
        y = letter[1] - 100 - 15 * n
        for x, text, align in cells:
            (c.drawRightString if align == "r" else c.drawString)(x, y, text)
    c.save()
    return buf.getvalue()


def _extract(pdf: bytes, schema: dict, target: str) -> object:
    doc = parse_document(pdf, filename="doc.pdf")
    return extract_document(doc, ExtractOptions(schema, extraction_target=target)).result


def _statement(first: tuple[str, str], header: list[tuple[float, str, str]]) -> list[list[tuple[float, str, str]]]:
    body = [("02/03/2025", "Card purchase", "45.10", "", "954.90"), ("04/03/2025", "Salary ACME", "", "1,200.00",
            "2,154.90"), ("05/03/2025", "Rent payment", "800.00", "", "1,354.90")]
    rows = [header, [(120, first[0], "l"), (520, first[1], "r")]]
    rows += [[(50, d, "l"), (120, t, "l"), (400, out, "r"), (460, inn, "r"), (520, bal, "r")]
             for d, t, out, inn, bal in body]
    return rows


HEADER = [(50, "Date", "l"), (120, "Details", "l"), (400, "Withdrawals", "r"), (460, "Deposits", "r"),
          (520, "Balance", "r")]


def test_a_row_with_a_balance_and_no_amount_is_the_opening_balance_not_a_transaction() -> None:
    # "B/F BALANCE" is in no word list: the row prints a balance where the others print an amount too.
    got = _extract(_pdf(_statement(("B/F BALANCE", "1,000.00"), HEADER)), TRANSACTION, "per_table_row")
    assert [(r["description"], r["amount"], r["balance"]) for r in got] == [
        ("Card purchase", -45.1, 954.9), ("Salary ACME", 1200.0, 2154.9), ("Rent payment", -800.0, 1354.9)]


def test_a_header_word_over_cells_that_are_no_figures_does_not_name_the_amount() -> None:
    # "Value Date": "Value" may name an amount, but the cells under it ("03.03.") are day-month dates.
    header = [(50, "Date", "l"), (100, "Value", "l"), (128, "Date", "l"), (160, "Details", "l"),
              (400, "Withdrawals", "r"), (460, "Deposits", "r"), (520, "Balance", "r")]
    body = [("02/03/2025", "03.03.", "Card purchase", "45.10", "", "954.90"),
            ("04/03/2025", "04.03.", "Salary ACME", "", "1,200.00", "2,154.90"),
            ("05/03/2025", "06.03.", "Rent payment", "800.00", "", "1,354.90")]
    rows = [header] + [[(50, d, "l"), (100, v, "l"), (160, t, "l"), (400, out, "r"), (460, inn, "r"),
                        (520, bal, "r")] for d, v, t, out, inn, bal in body]
    got = _extract(_pdf(rows), TRANSACTION, "per_table_row")
    assert [(r["description"], r["amount"]) for r in got] == [
        ("Card purchase", -45.1), ("Salary ACME", 1200.0), ("Rent payment", -800.0)]


def _ruled_pdf(edges: list[float], rows: list[list[str]]) -> bytes:
    """A table drawn with rules around every cell: column i spans edges[i]..edges[i + 1], rows 16 pt high;
    text starts 4 pt into its cell."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 8)
    top = letter[1] - 100
    for n, cells in enumerate(rows):
        y = top - 16 * n
        for x, text in zip(edges, cells, strict=False):
            c.drawString(x + 4, y - 11, text)
    bottom = top - 16 * len(rows)
    for n in range(len(rows) + 1):
        c.line(edges[0], top - 16 * n, edges[-1], top - 16 * n)
    for x in edges:
        c.line(x, top, x, bottom)
    c.save()
    return buf.getvalue()


def test_a_ruled_header_cell_is_one_column_named_by_its_head_word_or_by_meaning() -> None:
    # "Val. Date" is one cell: "Val." (a value?) is no column of its own; "Balance After" is in no word list
    # and its last word names nothing: its meaning names the balance.
    rows = [["Date", "Val. Date", "Narrative", "Payments", "Credit", "Balance After"],
            ["12/01/2024", "12/03", "Restaurant", "30.12", "", "6,352.93"],
            ["12/01/2024", "12/03", "Dividend payment", "", "252.22", "6,605.15"],
            ["12/02/2024", "12/02", "Card purchase", "161.48", "", "6,443.67"]]
    got = _extract(_ruled_pdf([42, 97, 145, 404, 457, 502, 570], rows), TRANSACTION, "per_table_row")
    assert [(r["date"], r["description"], r["amount"], r["balance"]) for r in got] == [
        ("2024-12-01", "Restaurant", -30.12, 6352.93), ("2024-12-01", "Dividend payment", 252.22, 6605.15),
        ("2024-12-02", "Card purchase", -161.48, 6443.67)]


def test_two_lists_sharing_one_table_each_keep_the_rows_that_fill_their_column() -> None:
    # One table of pay lines: earnings fill "This Period", deductions the column headed by their list's name.
    header = [(50, "Pay Components", "l"), (380, "Days", "r"), (430, "Rate", "r"), (490, "This Period", "r"),
              (560, "Deductions", "r")]
    lines = [("Regular Hours", "76", "45.45", "3,454.20", ""), ("Overtime 1.5x", "3", "80.73", "242.19", ""),
             ("Bonus", "", "", "181.44", ""), ("Pension", "", "", "", "87.07"),
             ("Student Loan", "", "", "", "154.23"), ("Union Dues", "", "", "", "42.41")]
    rows = [header] + [[(50, d, "l"), (380, h, "r"), (430, r, "r"), (490, a, "r"), (560, x, "r")]
                       for d, h, r, a, x in lines]
    got = _extract(_pdf(rows), PAYSLIP, "per_doc")
    assert [(e["description"], e["amount"]) for e in got["earnings"]] == [
        ("Regular Hours", 3454.2), ("Overtime 1.5x", 242.19), ("Bonus", 181.44)]
    assert [(d["description"], d["amount"]) for d in got["deductions"]] == [
        ("Pension", 87.07), ("Student Loan", 154.23), ("Union Dues", 42.41)]


def test_a_value_in_another_unit_of_the_kind_the_field_asks_for_is_converted() -> None:
    root = root_field(normalize_schema({"type": "object", "properties": {
        "weight_kg": {"type": "number"}, "width_cm": {"type": "number"}, "term_months": {"type": "integer"}}}))
    weight, width, term = root.children()
    ctx = ReadContext()
    assert read_scalar("38200 g", weight, ctx) == (38.2, 0.9)
    assert read_scalar("1200 mm", width, ctx) == (120, 0.9)
    assert read_scalar("2 years", term, ctx) == (24, 0.9)
    assert read_scalar("1200 mm", weight, ctx) is None  # a length is no weight
    assert read_scalar("7.5 kg", weight, ctx) == (7.5, 1.0)


ORDER = ITEMS  # the purchase order of the content-table tests


def test_labels_set_under_the_figure_columns_end_the_items() -> None:
    # "Goods value" and "Haulage" are in no word list and do not sum the rows: their place says it.
    header = [(50, "Part", "l"), (120, "Description", "l"), (330, "Qty", "r"), (400, "Price", "r"),
              (470, "Amount", "r")]
    lines = [("AB1234", "Copper pipe 15 mm x 3 m", "12", "4.50", "54.00"),
             ("CD5678", "Glass beaker 250 ml", "3", "19.99", "59.97"),
             ("EF9012", "Hi-vis safety vest", "40", "6.25", "250.00")]
    rows = [header] + [[(50, c, "l"), (120, d, "l"), (330, q, "r"), (400, p, "r"), (470, t, "r")]
                       for c, d, q, p, t in lines]
    rows += [[(200, "Goods value incl. duty:", "l"), (470, "400.37", "r")],
             [(200, "Haulage:", "l"), (470, "25.00", "r")]]
    got = _extract(_pdf(rows), ORDER, "per_doc")["items"]
    assert [i["item_code"] for i in got] == ["AB1234", "CD5678", "EF9012"]


def test_a_description_starting_with_a_word_with_digits_keeps_its_header_words_together() -> None:
    # "Article Description" is one header; "Cat6 patch cable" starts with digits but is no quantity, so the
    # wrapped line under each description ("blue, 2 m") still continues it.
    header = [(50, "Article Description", "l"), (200, "Ref", "l"), (330, "Qty", "r"), (400, "Price", "r"),
              (470, "Amount", "r")]
    rows = [header,
            [(50, "Cat6 patch cable", "l"), (200, "AB1234", "l"), (330, "12", "r"), (400, "4.50", "r"),
             (470, "54.00", "r")], [(50, "blue, 2 m", "l")],
            [(50, "Quarterly maintenance", "l"), (200, "CD5678", "l"), (330, "3", "r"), (400, "19.99", "r"),
             (470, "59.97", "r")], [(50, "visit", "l")],
            [(50, "Hi-vis safety vest", "l"), (200, "EF9012", "l"), (330, "40", "r"), (400, "6.25", "r"),
             (470, "250.00", "r")]]
    got = _extract(_pdf(rows), ORDER, "per_doc")["items"]
    assert [i["description"] for i in got] == ["Cat6 patch cable blue, 2 m", "Quarterly maintenance visit",
                                               "Hi-vis safety vest"]


def test_a_second_header_under_a_table_ends_it_even_when_a_clean_row_follows() -> None:
    # "Deductions  This Period" has no figure: no damaged row of the earnings but the next table's header.
    rows = [[(50, "Income", "l"), (440, "Hours", "r"), (490, "Rate", "r"), (560, "Total", "r")],
            [(50, "Monthly Salary", "l"), (560, "5,772.32", "r")],
            [(50, "Overtime 1.5x", "l"), (440, "14", "r"), (490, "28.80", "r"), (560, "403.20", "r")],
            [], [(50, "Deductions", "l"), (560, "This Period", "r")],
            [(50, "Student Loan", "l"), (560, "576.73", "r")], [(50, "Union Dues", "l"), (560, "325.82", "r")]]
    got = _extract(_pdf(rows), PAYSLIP, "per_doc")
    assert [(e["description"], e["amount"]) for e in got["earnings"]] == [
        ("Monthly Salary", 5772.32), ("Overtime 1.5x", 403.2)]


def test_a_tax_summary_whose_net_and_tax_add_up_to_its_gross_is_no_list_of_items() -> None:
    # "Code | Net | VAT | Gross" under a receipt reads like a table of items from its cells alone;
    # 50.18 + 10.03 = 60.21 says its rows sum, where items multiply (3 x 2.50 = 7.50).
    ctx = ReadContext()

    def table(*rows: tuple[str, ...]) -> list[list[list[Word]]]:
        return [[words_at(text, 50 + 60 * c, 100 + 12 * r) if text else [] for r, text in enumerate(col)]
                for c, col in enumerate(zip(*rows, strict=True))]

    assert net_tax_gross(table(("20%", "50.18", "10.03", "60.21"), ("Apple Pay", "", "", "60.21")), ctx)
    assert not net_tax_gross(table(("Tea", "3", "2.50", "7.50"), ("Cake", "2", "4.00", "8.00")), ctx)
    assert not net_tax_gross(table(("Tea", "1", "7.50", "7.50"), ("Cake", "2", "4.00", "8.00")), ctx)


def test_the_rows_of_a_pages_own_totals_table_under_the_items_table_are_no_items() -> None:
    # An HTML page marks its tables up: "Pay This Amount" in a table of its own is no item, whatever its words
    html = ("<html><body><table><tr><th>Particulars</th><th>Qty</th><th>Unit Rate</th><th>Total</th></tr>"
            "<tr><td>LED desk lamp</td><td>14</td><td>237.68</td><td>3,327.52</td></tr>"
            "<tr><td>Label printer rolls</td><td>5</td><td>31.58</td><td>157.90</td></tr></table>"
            "<table><tr><th>Pay This Amount</th><td>3,833.96</td></tr></table></body></html>")
    doc = parse_document(html.encode(), filename="invoice.html")
    items = extract_document(doc, ExtractOptions(ITEMS)).result["items"]
    assert [it["description"] for it in items] == ["LED desk lamp", "Label printer rolls"]


def test_label_and_figure_paragraphs_under_a_word_table_are_no_table_of_items() -> None:
    # "Items Total: 9 464.49" reads as "Items | Total" over figures; a label with its figure is a summary's line
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Q'ty", "Item Description", "Price/Unit", "Line Total"), strict=True):
        cell.text = text
    for row in (("14", "Network switch 24-port", "470.68", "6 589.52"),
                ("7", "Courier delivery", "410.71", "2 874.97")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for line in ("Items Total: 9 464.49", "Tax (10%): 946.45", "Pay This Amount: 10 410.94"):
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    schema = {"type": "object", "title": "Invoice", "properties": {"line_items": {"type": "array", "items": {
        "type": "object", "properties": {"description": {"type": "string"}, "quantity": {"type": "number"},
                                         "unit_price": {"type": "number"}, "amount": {"type": "number"}}}}}}
    parsed = parse_document(buffer.getvalue(), filename="invoice.docx")
    items = extract_document(parsed, ExtractOptions(schema)).result["line_items"]
    assert [it["description"] for it in items] == ["Network switch 24-port", "Courier delivery"]
