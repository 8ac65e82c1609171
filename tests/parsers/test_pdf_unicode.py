"""Text layers with characters outside the Basic Multilingual Plane: mathematical italic letters (as
papers map their italic glyphs), emoji and CJK (in and beyond the BMP). PDFium holds each such
character as two indexes, its UTF-16 surrogates; both text-layer kernels must read every word, with
the box of the glyphs drawn for it."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from tests.documents import mapped_text_pdf

from assay.domain.document import Document, Page
from assay.domain.options import ExtractOptions
from assay.parsers import document_from_json, document_to_json, parse_document, pdftext
from assay.pipeline.run import extract_document

LINES = [
    "Let \U0001d465 = \U0001d44e\U0001d44f + \U0001d450 where \U0001d453(\U0001d465) holds",  # italic x = ab + c, f(x)
    "\U0001d6fc\U0001d6fd\U0001d6fe Greek italic and \U0001d400\U0001d401 bold",  # italic alpha beta gamma, bold AB
    "Thanks \U0001f600\U0001f44d see you \U0001f389!",  # grinning face, thumbs up, party popper
    "\u4e2d\u6587 \u5b57\U0002000b \U00020000\U0002a6d6 end",  # CJK in the BMP, and beyond it (extension B)
]


@pytest.fixture(params=["c", "python"])
def kernel(request, monkeypatch):
    """The C kernel where it is built, and the Python fallback that runs where it is not."""
    if request.param == "python":
        monkeypatch.setattr(pdftext, "_library", lambda: None)
    else:
        assert pdftext._library() is not None
    return request.param


def _words(page: Page) -> list[tuple[str, float, float, float, float]]:
    return [(w.text, w.box.x, w.box.y, w.box.w, w.box.h) for w in page.words]


@pytest.mark.parametrize("tier", ["cost_effective", "fast"])
def test_every_character_is_read_with_the_box_of_its_glyphs(kernel, tier):
    page = parse_document(mapped_text_pdf(LINES), tier=tier).pages[0]
    assert page.error is None
    assert sorted(w.text for w in page.words) == sorted(" ".join(LINES).split())
    # the same glyphs without the ToUnicode map: the text layer reads the glyph codes, at the same places
    plain = parse_document(mapped_text_pdf(LINES, mapped=False), tier=tier).pages[0]
    assert [box for _, *box in _words(page)] == [box for _, *box in _words(plain)]
    assert page.replaced_chars == 0


def test_both_kernels_give_the_same_words_lines_and_blocks(monkeypatch):
    data = mapped_text_pdf(LINES)
    with_c = document_to_json(parse_document(data))
    fast_c = document_to_json(parse_document(data, tier="fast"))
    monkeypatch.setattr(pdftext, "_library", lambda: None)
    assert document_to_json(parse_document(data)) == with_c
    assert document_to_json(parse_document(data, tier="fast")) == fast_c


def test_the_kernels_agree_on_the_code_units():
    """The raw arrays: a line-head word of three letters beyond the BMP (six code units) is still short
    enough to be a list item's number, in both kernels."""
    pdf = pdfium.PdfDocument(mapped_text_pdf(LINES))
    page = pdf[0]
    frame = pdftext.page_frame(page)
    textpage = page.get_textpage()
    text = pdftext.code_units(textpage, pdfium.raw.FPDFText_CountChars(textpage))
    assert "\ud835" in text
    c_layout = pdftext._c_layout(textpage, text, frame)
    assert c_layout == pdftext._python_layout(textpage, text, frame)
    assert c_layout.flags[1] & pdftext.MAYBE_ITEM  # "𝛼𝛽𝛾" heads line 2
    textpage.close()
    page.close()
    pdf.close()


def test_an_unpaired_surrogate_is_replaced_and_counted(kernel):
    # a broken ToUnicode map: "X" stands for a lone high surrogate, "Y" for a lone low one
    data = mapped_text_pdf(["total X 12", "sum aYb"], utf16={"X": b"\xd8\x35", "Y": b"\xdc\x00"})
    page = parse_document(data).pages[0]
    assert [w.text for w in page.words] == ["total", "\ufffd", "12", "sum", "a\ufffdb"]
    assert page.replaced_chars == 2
    assert document_from_json(document_to_json(parse_document(data))).pages[0].replaced_chars == 2


def test_replaced_characters_and_failed_pages_are_warnings_with_counts():
    read = parse_document(mapped_text_pdf(["Invoice X 12"], utf16={"X": b"\xd8\x35"})).pages[0]
    failed = Page(number=2, width=612.0, height=792.0, error="page could not be read: broken content stream")
    document = Document(pages=[read, failed], mime_type="application/pdf")
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}
    out = extract_document(document, ExtractOptions(schema))
    codes = {w["code"]: w for w in out.warnings}
    assert codes["pages_not_read"]["pages"] == [{"page_number": 2, "error": failed.error}]
    assert "page 2: page could not be read: broken content stream" in codes["pages_not_read"]["message"]
    assert (codes["replaced_characters"]["count"], codes["replaced_characters"]["pages"]) == (1, [1])
    assert (out.usage["num_pages_read"], out.usage["num_pages_lost"]) == (1, 1)
