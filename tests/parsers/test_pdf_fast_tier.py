"""The `fast` tier: the text layer's words and lines in the PDF's own order, and the two kernels
(C and Python) that compute them."""

from __future__ import annotations

import itertools

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assay.domain.document import BlockKind
from assay.parsers import document_to_json, parse_document, pdftext


def _rows(c, rows, y0=700, step=16, xs=(72, 200, 380, 470)):
    for i, row in enumerate(rows):
        for x, text in zip(xs, row, strict=False):
            c.drawString(x, y0 - step * i, text)


def _varied_pages(ttf_font):
    """Pages that exercise the kernels' branches: rotations, a table, columns, ligatures, soft
    hyphens, odd spaces, a superscript, a heading and a list."""
    pdfmetrics.registerFont(TTFont("KernelSans", ttf_font))

    def table(c):
        c.setFont("Helvetica-Bold", 18)
        c.drawString(72, 740, "Statement")
        c.setFont("Helvetica", 10)
        _rows(c, [["Date", "Description", "Amount", "Balance"], ["01/02", "Opening balance", "", "100.00"],
                  ["01/03", "Card payment", "-12.50", "87.50"]])
        c.drawString(72, 600, "• first point of the list")
        c.drawString(72, 586, "• second point of the list")
        c.drawString(300, 500, "x")
        c.setFont("Helvetica", 6)
        c.drawString(306, 505, "2")  # a superscript: another baseline

    def prose(c):
        c.setFont("KernelSans", 11)
        c.drawString(72, 700, "e\ufb03cient \ufb01nal o\ufb04ine")
        c.drawString(72, 684, "no\u00a0break\u2003em \u2009thin")
        for i, line in enumerate(["Right column line one", "right column line two"]):  # drawn first
            c.drawString(330, 640 - 14 * i, line)
        for i, line in enumerate(["Left column line one", "left column line two"]):
            c.drawString(72, 640 - 14 * i, line)
        for i, size in enumerate((10, 13.7, 10, 14.5, 10.4, 7)):  # near the "another size" threshold
            c.setFont("KernelSans", size)
            c.drawString(72, 470 - 18 * i, f"line of size {size}")
        c.drawString(72, 300, "hyphen\xad")

    def rotated(degrees):
        def draw(c):
            c.setPageRotation(degrees)
            c.setFont("Helvetica", 12)
            _rows(c, [["Rotated", "page", "text"], ["second", "row"]])
        return draw

    return [table, prose, rotated(90), rotated(180), rotated(270)]


def test_the_c_kernel_is_built():
    assert pdftext._library() is not None, "`pip install -e .` builds it (hatch_build.py): no C compiler?"


def test_c_and_python_kernels_agree(make_pdf, ttf_font):
    pdf = pdfium.PdfDocument(make_pdf(*_varied_pages(ttf_font)))
    for index in range(len(pdf)):
        page = pdf[index]
        frame = pdftext.page_frame(page)
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        c_layout = pdftext._c_layout(textpage, text, frame)
        python_layout = pdftext._python_layout(textpage, text, frame)
        assert len(c_layout.token) > 3
        assert len(c_layout.first) > 1
        assert c_layout == python_layout, f"page {index + 1}"
        textpage.close()
        page.close()


@pytest.mark.parametrize("tier", ["fast", "cost_effective"])
def test_without_the_c_kernel_documents_are_the_same(make_pdf, ttf_font, monkeypatch, tier):
    data = make_pdf(*_varied_pages(ttf_font))
    with_c = document_to_json(parse_document(data, tier=tier))
    monkeypatch.setattr(pdftext, "_library", lambda: None)
    assert document_to_json(parse_document(data, tier=tier)) == with_c


def test_fast_and_full_tiers_read_the_same_words(make_pdf, ttf_font):
    data = make_pdf(*_varied_pages(ttf_font))
    fast, full = parse_document(data, tier="fast"), parse_document(data)
    for a, b in zip(fast.pages, full.pages, strict=True):
        key = lambda w: (w.text, w.box.x, w.box.y, w.box.w, w.box.h)  # noqa: E731
        assert sorted(map(key, a.words)) == sorted(map(key, b.words))
        assert a.rotation == b.rotation
        assert (a.width, a.height) == (b.width, b.height)


def test_fast_tier_keeps_the_pdf_order_and_table_rows_whole(make_pdf, ttf_font):
    page = parse_document(make_pdf(_varied_pages(ttf_font)[0]), tier="fast").pages[0]
    lines = [line.text for line in page.lines]
    assert lines[:4] == ["Statement", "Date Description Amount Balance", "01/02 Opening balance 100.00",
                         "01/03 Card payment -12.50 87.50"]
    assert "x" in lines
    assert "2" in lines  # the superscript, on another baseline, is a line of its own
    kinds = [(block.kind, block.text) for block in page.blocks]
    assert kinds[0] == (BlockKind.HEADING, "Statement")
    assert (BlockKind.LIST_ITEM, "• first point of the list") in kinds
    assert (BlockKind.LIST_ITEM, "• second point of the list") in kinds
    assert page.words == [w for line in page.lines for w in line.words]


def test_fast_tier_reads_in_the_order_the_pdf_draws(make_pdf, ttf_font):
    data = make_pdf(_varied_pages(ttf_font)[1])
    lines = [line.text for line in parse_document(data, tier="fast").pages[0].lines]
    sized = [f"line of size {size}" for size in (10, 13.7, 10, 14.5, 10.4, 7)]
    columns = ["Right column line one", "right column line two", "Left column line one",
               "left column line two"]
    assert lines == ["efficient final offline", "no break em thin", *columns, *sized, "hyphen-"]
    full = [line.text for line in parse_document(data).pages[0].lines]
    assert full.index("Left column line one") < full.index("Right column line one")  # layout analysis


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_fast_tier_on_rotated_pages(make_pdf, degrees):
    def draw(c):  # text turned against the page's /Rotate, so that it reads upright on screen
        c.setPageRotation(degrees)
        c.setFont("Helvetica", 12)
        c.translate(306, 396)
        c.rotate(degrees)
        c.drawString(-50, 0, "Rotated page text")

    page = parse_document(make_pdf(draw), tier="fast").pages[0]
    assert page.rotation == degrees
    assert page.text == "Rotated page text"
    boxes = [w.box for w in page.words]
    assert all(a.right <= b.x + 1 for a, b in itertools.pairwise(boxes))  # upright: left to right
