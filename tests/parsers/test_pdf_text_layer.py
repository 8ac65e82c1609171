from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from assay.domain.document import TextSource
from assay.errors import DocumentError, DocumentTooLargeError, EncryptedDocumentError, InvalidRequestError
from assay.parsers import document_from_json, document_to_json, document_to_markdown, parse_document

H = 792.0


def _word(page, text):
    return next(w for w in page.words if w.text == text)


def test_words_have_boxes_where_they_were_drawn(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(100, 700, "Invoice Number: INV-0042")

    page = parse_document(make_pdf(draw)).pages[0]
    assert [w.text for w in page.words] == ["Invoice", "Number:", "INV-0042"]
    word = _word(page, "INV-0042")
    x = 100 + stringWidth("Invoice Number: ", "Helvetica", 12)
    assert word.box.x == pytest.approx(x, abs=1)
    assert word.box.w == pytest.approx(stringWidth("INV-0042", "Helvetica", 12), abs=1)
    baseline = H - 700
    assert word.box.y < baseline < word.box.bottom  # the box straddles the baseline, top-left origin
    assert word.box.y == pytest.approx(baseline - 12 * 0.8, abs=2.5)
    assert (page.width, page.height) == (612.0, 792.0)
    assert page.text_source is TextSource.TEXT_LAYER


def test_ligatures_and_soft_hyphens_are_normalised(make_pdf, ttf_font):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("TestSans", ttf_font))

    def draw(c):
        c.setFont("TestSans", 12)
        c.drawString(72, 700, "e\ufb03cient \ufb01nal")
        c.drawString(72, 680, "hyphen\xad")

    page = parse_document(make_pdf(draw)).pages[0]
    texts = [w.text for w in page.words]
    assert "efficient" in texts
    assert "final" in texts
    assert "hyphen-" in texts


def test_two_columns_read_column_by_column(make_pdf):
    left = ["The left column starts here and", "continues with more words on", "several lines of running prose"]
    right = ["The right column begins after", "the whole left column is read", "from top to bottom as usual"]

    def draw(c):
        c.setFont("Helvetica", 10)
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            c.drawString(72, 700 - 14 * i, a)
            c.drawString(330, 700 - 14 * i, b)

    page = parse_document(make_pdf(draw)).pages[0]
    assert [ln.text for ln in page.lines] == left + right
    assert len(page.blocks) == 2


def test_label_value_rows_stay_together(make_pdf):
    def draw(c):
        c.setFont("Helvetica", 10)
        pairs = [("Invoice No.", "A-1"), ("Invoice Date", "07/06/2025"), ("Due Date", "08/05/2025")]
        for i, (k, v) in enumerate(pairs):
            c.drawString(72, 700 - 14 * i, k)
            c.drawString(300, 700 - 14 * i, v)

    page = parse_document(make_pdf(draw)).pages[0]
    assert [ln.text for ln in page.lines] == ["Invoice No.", "A-1", "Invoice Date", "07/06/2025",
                                              "Due Date", "08/05/2025"]


def test_rotated_page_boxes_match_the_rendered_ink(make_pdf):
    def draw(c):
        c.setPageRotation(90)
        c.setFont("Helvetica", 24)
        c.drawString(100, 300, "ROTATED")

    data = make_pdf(draw)
    page = parse_document(data).pages[0]
    assert page.rotation == 90
    rendered = pdfium.PdfDocument(data)[0].render(scale=1).to_pil().convert("L")
    assert (page.width, page.height) == pytest.approx(rendered.size, abs=1)
    left, top, right, bottom = rendered.point(lambda v: 255 if v < 128 else 0).getbbox()
    box = page.words[0].box
    # the ink sits inside the word's box, and fills its long side
    assert box.x - 1 <= left
    assert right <= box.right + 1
    assert box.y - 1 <= top
    assert bottom <= box.bottom + 1
    assert box.h == pytest.approx(bottom - top, abs=5)  # advance widths include side bearings


def test_page_selection_keeps_source_numbers(make_pdf):
    def page(n):
        return lambda c: c.drawString(72, 700, f"This is page number {n}")

    data = make_pdf(*(page(n) for n in range(1, 6)))
    doc = parse_document(data, target_pages="2,4-5", max_pages=2)
    assert [p.number for p in doc.pages] == [2, 4]
    assert doc.page_count == 5
    assert doc.pages[1].words[-1].text == "4"
    with pytest.raises(InvalidRequestError, match="selects no page of this 5-page document"):
        parse_document(data, target_pages="8-9")
    with pytest.raises(DocumentTooLargeError):
        parse_document(data, max_page_count=3)


def test_encrypted_pdf_without_user_password_opens(make_pdf):
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1)
    data = make_pdf(lambda c: c.drawString(72, 700, "secret but readable"), encrypt=enc)
    assert "readable" in parse_document(data).pages[0].text


def test_password_protected_pdf_is_refused(make_pdf):
    data = make_pdf(lambda c: c.drawString(72, 700, "secret"), encrypt="userpass")
    with pytest.raises(EncryptedDocumentError):
        parse_document(data)


@pytest.mark.parametrize("cut", [0.3, 0.6], ids=["cut-30pc", "cut-60pc"])
def test_truncated_pdf_is_a_document_error_not_a_crash(make_pdf, cut):
    data = make_pdf(lambda c: c.drawString(72, 700, "hello there world"))
    try:
        doc = parse_document(data[: int(len(data) * cut)])
    except DocumentError as exc:
        assert "PDF" in exc.message  # noqa: PT017 (either outcome is allowed)
    else:  # PDFium may recover part of it; then it must still be a valid document
        assert doc.pages


def test_fast_tier_reads_text_only(make_pdf):
    def draw(c):
        c.drawString(72, 700, "Text with a box")
        c.rect(72, 650, 10, 10)

    page = parse_document(make_pdf(draw), tier="fast").pages[0]
    assert page.text == "Text with a box"
    assert page.checkboxes == []
    assert page.tables == []


def test_json_round_trip_and_markdown(make_pdf):
    def draw(c):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 720, "Quarterly Report")
        c.setFont("Helvetica", 10)
        c.drawString(72, 690, "Body text of the report follows the heading.")

    doc = parse_document(make_pdf(draw))
    again = document_from_json(document_to_json(doc))
    assert again.pages[0].text == doc.pages[0].text
    assert [w.box.to_dict() for w in again.pages[0].words] == [w.box.to_dict() for w in doc.pages[0].words]
    md = document_to_markdown(doc)
    assert "<!-- page 1 -->" in md
    assert "## Quarterly Report" in md
