from __future__ import annotations

import json

from assay.parsers import parse_document
from assay.parsers.serialize import document_from_json, document_to_json

HEADER = ["Item", "Description", "Qty", "Amount"]
ROWS = [
    ["A-1", "Steel bolts M8", "12", "$4.50"],
    ["B-22", "Copper pipe 15 mm", "3", "$19.07"],
    ["C-3", "Packing tape, clear", "6", "$27.36"],
    ["D-44", "Network switch", "1", "$1,096.00"],
]
XS = [72, 140, 330, 420]
RIGHT = 520


def _draw_rows(c, rows, top, ruled, pitch=20):
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        y = top - pitch * r
        for x, text in zip(XS, row, strict=True):
            c.drawString(x + 4, y - 14, text)
    if ruled:
        bottom = top - pitch * len(rows)
        for r in range(len(rows) + 1):
            c.line(XS[0], top - pitch * r, RIGHT, top - pitch * r)
        for x in [*XS, RIGHT]:
            c.line(x, top, x, bottom)


def _grid(table):
    return [[(cell.text if cell else "") for cell in row] for row in table.rows()]


def test_ruled_table_cells_equal_what_was_drawn(make_pdf):
    page = parse_document(make_pdf(lambda c: _draw_rows(c, [HEADER, *ROWS], 700, ruled=True))).pages[0]
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.ruled
    assert _grid(table) == [HEADER, *ROWS]
    assert table.header_rows == 1
    assert all(c.is_header for c in table.cells if c.row == 0)
    assert not any(c.is_header for c in table.cells if c.row > 0)
    assert table.box.x == 72
    assert abs(table.box.right - RIGHT) < 1


def test_unruled_table_from_column_alignment(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 740, "A paragraph of running text above the table, which is not part of it.")
        _draw_rows(c, [HEADER, *ROWS], 720, ruled=False)
        c.setFont("Helvetica", 10)
        c.drawString(72, 560, "Thank you for your business and see you again next time.")

    page = parse_document(make_pdf(draw)).pages[0]
    assert len(page.tables) == 1
    table = page.tables[0]
    assert not table.ruled
    assert _grid(table) == [HEADER, *ROWS]
    assert table.header_rows == 1


def test_wrapped_cell_text_is_merged_into_its_row(make_pdf):
    def draw(c):
        _draw_rows(c, [HEADER, *ROWS[:2]], 700, ruled=False)
        c.drawString(XS[1] + 4, 700 - 60 - 14 + 8, "with extended warranty")  # second line of row 2
        _draw_rows(c, ROWS[2:], 700 - 72, ruled=False)

    table = parse_document(make_pdf(draw)).pages[0].tables[0]
    grid = _grid(table)
    assert grid[2] == ["B-22", "Copper pipe 15 mm\nwith extended warranty", "3", "$19.07"]
    assert len(grid) == 5


def test_table_continued_on_next_page_is_linked(make_pdf):
    data = make_pdf(
        lambda c: _draw_rows(c, [HEADER, *ROWS[:2]], 300, ruled=True),
        lambda c: _draw_rows(c, [HEADER, *ROWS[2:]], 740, ruled=True),
    )
    first, second = parse_document(data).pages
    assert first.tables[0].continues is None
    assert second.tables[0].continues == (1, 0)
    assert _grid(second.tables[0])[1] == ROWS[2]


def test_drawn_checkboxes_report_their_state(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "Pets?")
        c.rect(120, 698, 10, 10)
        c.drawString(134, 700, "Yes")
        c.line(121, 699, 129, 707)  # an X in the first box
        c.line(121, 707, 129, 699)
        c.rect(170, 698, 10, 10)
        c.drawString(184, 700, "No")
        c.rect(220, 698, 10, 10)
        c.rect(222.5, 700.5, 5, 5, fill=1)  # a filled inner square
        c.drawString(234, 700, "Maybe")

    page = parse_document(make_pdf(draw)).pages[0]
    boxes = sorted(page.checkboxes, key=lambda cb: cb.box.x)
    assert [cb.checked for cb in boxes] == [True, False, True]
    assert abs(boxes[0].box.x - 120) < 1
    assert abs(boxes[0].box.y - (792 - 708)) < 1
    # the state is also in the text, next to its label
    assert page.lines[0].text.startswith("Pets? ☑ Yes ☐ No ☑ Maybe") or "☑ Yes" in page.text


def test_glyph_and_bracket_checkboxes(make_pdf, ttf_font):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TestSans", ttf_font))

    def draw(c):
        c.setFont("TestSans", 10)
        c.drawString(72, 700, "☑ Email ☐ Phone [x] Text [ ] Mail")

    page = parse_document(make_pdf(draw)).pages[0]
    assert [cb.checked for cb in sorted(page.checkboxes, key=lambda cb: cb.box.x)] == [True, False, True, False]


def test_radio_buttons_and_filled_boxes_drawn_as_vectors(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "Smoker?")
        c.circle(135, 704, 5)
        c.drawString(144, 700, "Yes")
        c.circle(185, 704, 5)
        c.circle(185, 704, 2.2, stroke=0, fill=1)  # the dot of the chosen button
        c.drawString(194, 700, "No")
        c.drawString(72, 670, "Pets?")
        c.rect(130, 668, 9, 9, fill=1)  # a dark box among empty ones of its size: ticked
        c.drawString(144, 670, "Yes")
        c.rect(180, 668, 9, 9)
        c.drawString(194, 670, "No")
        c.rect(72, 330, 9, 9, fill=1)  # a dark square with no empty twin near is a bullet
        c.drawString(86, 332, "A bullet point, not a box")

    page = parse_document(make_pdf(draw)).pages[0]
    boxes = sorted(page.checkboxes, key=lambda cb: (round(cb.box.y), cb.box.x))
    assert [(round(cb.box.x), cb.checked) for cb in boxes] == [(129, False), (179, True), (130, True), (180, False)]
    text = " ".join(page.text.split())
    assert "Smoker? ☐ Yes ☑ No Pets? ☑ Yes ☐ No" in text


def test_tick_box_symbols_of_any_glyph(make_pdf, ttf_font):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TestSans", ttf_font))

    def draw(c):
        c.setFont("TestSans", 10)
        c.drawString(72, 700, "☒ Email ☑ Phone ☐ Mail")
        c.drawString(72, 680, "◉ Rent ○ Own")
        c.drawString(72, 660, "■ Full time □ Part time")
        c.drawString(72, 640, "[x] Cash [ ] Card (•) Daily ( ) Weekly _X_ Signed")
        c.drawString(72, 620, "Paid ✓")
        c.drawString(72, 250, "● a bullet with no empty twin near it")

    doc = parse_document(make_pdf(draw))
    page = document_from_json(json.loads(json.dumps(document_to_json(doc)))).pages[0]  # as stored for a job
    boxes = sorted(page.checkboxes, key=lambda cb: (round(cb.box.y), cb.box.x))
    assert [cb.checked for cb in boxes] == [True, True, False, True, False, True, False,
                                            True, False, True, False, True, True]
    assert boxes[-1].mark
    assert not any(cb.mark for cb in boxes[:-1])


def test_a_blank_before_an_option_is_an_empty_box_where_the_page_ticks_with_underscores(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "Smoker: ___ Yes _X_ No")
        c.drawString(72, 680, "Contact: _X_ Email ___ Phone ___ Mail")
        c.drawString(72, 660, "Name: _____")  # a space to fill in, not a box

    page = parse_document(make_pdf(draw)).pages[0]
    boxes = sorted(page.checkboxes, key=lambda cb: (round(cb.box.y), cb.box.x))
    assert [cb.checked for cb in boxes] == [False, True, True, False, False]
    name = next(w for w in page.words if w.text == "Name:")
    assert all(abs(cb.box.cy - name.box.cy) > name.box.h for cb in boxes)
