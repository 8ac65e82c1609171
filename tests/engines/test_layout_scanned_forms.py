"""The layout engine on OCR pages kept in the deskewed frame: rows are level to a fraction of a
point, word boxes hug the ink, and tick boxes come both as drawn squares and as ☐/☑ words."""

from __future__ import annotations

from engine_docs import document

from assay.domain.document import Box, Checkbox, Page, Word
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document


def _words(text: str, x: float, y: float, h: float = 6.5) -> list[Word]:
    out, cx = [], x
    for token in text.split(" "):
        out.append(Word(token, Box(cx, y, 5.0 * len(token), h)))
        cx += 5.0 * len(token) + 3.0
    return out


def test_two_yes_no_questions_on_one_level_row():
    # Ticked boxes sit 0.2 pt higher than empty ones: the row must still read left to right.
    boxes = [(128.0, 340.9, False), (166.0, 340.7, True), (296.0, 340.7, True), (334.0, 340.9, False)]
    words = _words("Do you have pets?", 45, 341.6)
    words += _words("Yes", 140, 341.6) + _words("No", 178, 341.6)
    words += _words("Do you smoke?", 225, 341.6)
    words += _words("Yes", 308, 341.6) + _words("No", 346, 341.6)
    words += [Word("☑" if ticked else "☐", Box(x, y, 9.0, 9.0)) for x, y, ticked in boxes]  # the OCR's glyphs
    words.sort(key=lambda w: (w.box.y, w.box.x))
    page = Page(number=1, width=612, height=792, words=words,
                checkboxes=[Checkbox(Box(x, y, 9.0, 9.0), ticked) for x, y, ticked in boxes])
    schema = {"type": "object", "properties": {
        "has_pets": {"type": ["boolean", "null"]}, "smoker": {"type": ["boolean", "null"]}}}
    out = extract_document(document(page), ExtractOptions(schema, cite_sources=True))
    assert out.result == {"has_pets": False, "smoker": True}


def test_date_under_a_label_in_smaller_ink_is_not_a_heading():
    # OCR boxes hug the ink: "Date" (no descender) is shorter than "07/08/2026" (the slashes).
    words = _words("Applicant name: Jamie Burton", 45, 380.0)
    words += _words("Desired Move-in Date", 44, 410.75, h=4.7)
    words += _words("07/08/2026", 46, 424.5, h=7.2)
    page = Page(number=1, width=612, height=792, words=words)
    schema = {"type": "object", "properties": {
        "desired_move_in_date": {"type": ["string", "null"], "format": "date"}}}
    out = extract_document(document(page), ExtractOptions(schema))
    assert out.result == {"desired_move_in_date": "2026-07-08"}


def test_a_heading_under_a_blank_field_stays_a_heading():
    words = _words("Desired Move-in Date", 44, 410.75, h=4.7)
    words += _words("5. EMERGENCY CONTACT", 45, 424.5, h=7.2)
    page = Page(number=1, width=612, height=792, words=words)
    schema = {"type": "object", "properties": {"desired_move_in_date": {"type": ["string", "null"]}}}
    assert extract_document(document(page), ExtractOptions(schema)).result == {"desired_move_in_date": None}


def test_a_value_of_short_ink_words_spaced_as_ocr_sets_them_stays_one_phrase():
    # Measured on a 200 dpi scan: "&" is 5 pt of ink and sits 6.2 pt from "Moreau"; the gap to the
    # next field's column is three times that.
    def word(text, x, w, h):
        return Word(text, Box(x, 338.4, w, h))

    words = [Word("Employer", Box(54.0, 320.0, 40.0, 7.2)), Word("Name:", Box(98.0, 320.0, 28.0, 5.5)),
             Word("Phone:", Box(300.0, 320.0, 30.0, 7.2)),
             word("Moreau", 54.0, 32.16, 5.28), word("&", 92.4, 4.08, 5.04), word("Jansen", 102.72, 31.92, 5.52),
             word("V.O.F.", 140.4, 30.24, 5.76), word("+31", 300.0, 14.64, 5.76), word("316", 321.0, 14.4, 6.0),
             word("3570", 342.0, 19.68, 6.0)]
    page = Page(number=1, width=612, height=792, words=words, text_source="ocr")
    schema = {"type": "object", "properties": {
        "employer_name": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]}}}
    out = extract_document(document(page), ExtractOptions(schema))
    assert out.result == {"employer_name": "Moreau & Jansen V.O.F.", "phone": "+31 316 3570"}
