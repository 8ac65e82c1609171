from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from assay.domain.document import BlockKind, TextSource
from assay.errors import DocumentError, DocumentTooLargeError
from assay.parsers import document_to_markdown, parse_document


def _grid(table):
    return [[(cell.text if cell else "") for cell in row] for row in table.rows()]


def _every_word_has_a_box(doc):
    for page in doc.pages:
        assert page.text_source is TextSource.NATIVE
        for w in page.words:
            assert w.box.w > 0
            assert w.box.h > 0
            assert 0 <= w.box.x
            assert w.box.right <= page.width + 0.01
            assert w.box.bottom <= page.height


def test_docx_paragraphs_headings_and_tables_in_body_order():
    import docx

    d = docx.Document()
    d.add_heading("Service Agreement", level=1)
    d.add_paragraph("This agreement is made between Acme and Globex.")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Item", "Qty", "Price"], ["Widget", "2", "3.50"], ["Gadget", "1", "9.99"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("Signed in Springfield.")
    buffer = io.BytesIO()
    d.save(buffer)
    doc = parse_document(buffer.getvalue(), filename="a.docx")
    page = doc.pages[0]
    assert page.blocks[0].kind is BlockKind.HEADING
    assert page.blocks[0].text == "Service Agreement"
    texts = [b.text for b in page.blocks]
    assert texts.index("This agreement is made between Acme and Globex.") < texts.index("Signed in Springfield.")
    assert _grid(page.tables[0]) == [["Item", "Qty", "Price"], ["Widget", "2", "3.50"], ["Gadget", "1", "9.99"]]
    assert page.tables[0].header_rows == 1
    _every_word_has_a_box(doc)


def test_xlsx_sheet_per_page_with_displayed_values():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Items"
    sheet.append(["Date", "Item", "Amount"])
    sheet.append([dt.datetime(2025, 7, 6), "Widget", 1234.5])
    sheet["A2"].number_format = "mm/dd/yyyy"
    sheet["C2"].number_format = "#,##0.00"
    other = book.create_sheet("Notes")
    other.append(["Remember the milk"])
    buffer = io.BytesIO()
    book.save(buffer)
    doc = parse_document(buffer.getvalue(), target_pages="1")
    assert doc.page_count == 2
    assert [p.number for p in doc.pages] == [1]
    assert _grid(doc.pages[0].tables[0]) == [["Date", "Item", "Amount"], ["07/06/2025", "Widget", "1,234.50"]]
    _every_word_has_a_box(doc)



def _sheet(title: str, rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_blank_row_of_a_sheet_keeps_its_height_between_the_blocks_around_it():
    doc = parse_document(_sheet("Invoice", [["Bill To"], ["Tamsin Royle"], [], ["Item", "Amount"], ["Lamp", 12.5]]))
    top = {w.text: w.box.y for w in doc.pages[0].words}
    assert top["Tamsin"] - top["Bill"] == 12  # one line apart
    assert top["Item"] - top["Tamsin"] == 24  # a line apart and the blank row's height
    assert _grid(doc.pages[0].tables[0])[-2:] == [["Item", "Amount"], ["Lamp", "12.5"]]


@pytest.mark.parametrize(("title", "printed"), [("Sheet1", False), ("Sheet", False), ("Tabelle1", False),
                                                 ("Invoice", True), ("Price List", True)])
def test_a_sheets_name_is_its_heading_unless_the_program_gave_it(title, printed):
    doc = parse_document(_sheet(title, [["Kestrel Office Supply Co."]]))
    assert (title.split()[0] in {w.text for w in doc.pages[0].words}) is printed

def test_pptx_slide_per_page_with_text_and_tables():
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Quarterly numbers"
    shape = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
    for r, row in enumerate([["Region", "Sales"], ["North", "42"]]):
        for c, text in enumerate(row):
            shape.table.cell(r, c).text = text
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = "Second slide"
    buffer = io.BytesIO()
    deck.save(buffer)
    doc = parse_document(buffer.getvalue())
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].blocks[0].text == "Quarterly numbers"
    assert _grid(doc.pages[0].tables[0]) == [["Region", "Sales"], ["North", "42"]]
    assert doc.pages[1].text == "Second slide"


def test_html_blocks_tables_and_no_scripts():
    html = b"""<!DOCTYPE html><html><head><style>p{color:red}</style><script>var x = 'hidden';</script></head>
    <body><h1>Invoice 42</h1><p>Bill to <b>Acme</b> Corp<br>Main Street 1</p>
    <table><thead><tr><th>Item</th><th>Amount</th></tr></thead><tbody><tr><td>Widget</td><td>$3.50</td></tr></tbody></table>
    <ul><li>First point</li><li>Second point</li></ul><p><input type="checkbox" checked> Paid</p></body></html>"""
    page = parse_document(html).pages[0]
    assert "hidden" not in page.text
    assert "color" not in page.text
    assert page.blocks[0].kind is BlockKind.HEADING
    assert "Bill to Acme Corp\nMain Street 1" in [b.text for b in page.blocks]
    assert _grid(page.tables[0]) == [["Item", "Amount"], ["Widget", "$3.50"]]
    assert page.tables[0].header_rows == 1
    assert [b.kind for b in page.blocks].count(BlockKind.LIST_ITEM) == 2
    assert "☑ Paid" in page.text


@pytest.mark.parametrize("styled", [
    "<style>.r{font-family:monospace;white-space:pre}</style></head><body><div class='r'>",
    "</head><body><div style='white-space: pre-wrap'>",
    "</head><body><pre>",
], ids=["class-rule", "inline-style", "pre-tag"])
def test_html_text_that_keeps_its_spaces_keeps_its_columns(styled):
    closing = "</pre>" if styled.endswith("<pre>") else "</div>"
    html = (f"<html><head>{styled}\n<b>   CORNER SHOP</b>\n"
            "Date     Description            Debit     Credit\n"
            "08/01    Card payment Uber      12.50\n"
            "08/02    Salary ACME                      2,000.00\n"
            "08/03    Coffee shop             3.20\n"
            f"08/04    Refund shop                         4.10\n{closing}<p>Thanks   for   visiting</p></body></html>")
    page = parse_document(html.encode(), filename="r.html").pages[0]
    assert page.lines[0].text == "CORNER SHOP"
    assert page.lines[0].words[0].box.x > page.lines[1].words[0].box.x  # the indent is kept
    assert _grid(page.tables[0])[2] == ["08/02", "Salary ACME", "", "2,000.00"]
    assert "Thanks for visiting" in page.text  # ordinary paragraphs still collapse spaces


def test_markdown_headings_lists_and_pipe_tables():
    md = b"# Report\n\nSome **bold** text.\n\n- one\n- two\n\n| Name | Score |\n|---|---|\n| Ann | 3 |\n| Bob | 5 |\n"
    doc = parse_document(md, filename="r.md")
    page = doc.pages[0]
    assert page.blocks[0].kind is BlockKind.HEADING
    assert "Some bold text." in page.text
    assert _grid(page.tables[0]) == [["Name", "Score"], ["Ann", "3"], ["Bob", "5"]]
    assert "| Ann | 3 |" in document_to_markdown(doc)


def test_plain_text_keeps_columns_and_finds_aligned_tables():
    text = (
        b"STATEMENT\n\n"
        b"Date     Description            Debit     Credit\n"
        b"08/01    Card payment Uber      12.50\n"
        b"08/02    Salary ACME                      2,000.00\n"
        b"08/03    Coffee shop             3.20\n"
        b"08/04    Refund shop                         4.10\n"
    )
    doc = parse_document(text, filename="s.txt")
    page = doc.pages[0]
    assert page.lines[0].text == "STATEMENT"
    assert len(page.tables) == 1
    grid = _grid(page.tables[0])
    assert grid[0] == ["Date", "Description", "Debit", "Credit"]
    assert grid[2] == ["08/02", "Salary ACME", "", "2,000.00"]
    _every_word_has_a_box(doc)


def test_csv_is_one_table():
    doc = parse_document(b"sku;qty;price\nA-1;2;3,50\nB-2;1;9,99\n", filename="x.csv")
    assert _grid(doc.pages[0].tables[0]) == [["sku", "qty", "price"], ["A-1", "2", "3,50"], ["B-2", "1", "9,99"]]


def test_eml_headers_and_body():
    eml = (b"From: Ann <ann@example.com>\nTo: bob@example.com\nSubject: Order 778\n"
           b"Date: Mon, 6 Jul 2025 10:00:00 +0000\n"
           b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nPlease ship order 778 by Friday.\n")
    doc = parse_document(eml)
    assert doc.metadata["subject"] == "Order 778"
    assert "From: Ann <ann@example.com>" in doc.pages[0].text
    assert "Please ship order 778 by Friday." in doc.pages[0].text


def test_zip_bomb_docx_is_refused_before_opening():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(DocumentTooLargeError):
        parse_document(buffer.getvalue())


def test_damaged_docx_is_a_document_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "not xml")
    with pytest.raises(DocumentError):
        parse_document(buffer.getvalue())


def test_text_formats_reject_page_two():
    from assay.errors import InvalidRequestError

    with pytest.raises(InvalidRequestError):
        parse_document(b"hello", filename="a.txt", target_pages="2")
