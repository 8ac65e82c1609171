"""A label and its value joined by a dotted line across the page, or by nothing: in a scan the dots are read as
specks and blots of letters, which are no words of the page; with the dots left out, the value stands flush right
in a column of such pairs, however far from its label."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.document import Box, TextSource, Word
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "employee_id": {"type": ["string", "null"], "description": "Employee / payroll / staff number."},
    "department": {"type": ["string", "null"]},
    "pay_date": {"type": "string", "format": "date", "description": "Date the pay was paid."}}}


def _scanned(items: list[tuple[str, float, float]], junk: list[Word]):
    p = page(items)
    p.words = sorted(p.words + junk, key=lambda w: (w.box.y, w.box.x))
    p.text_source = TextSource.OCR
    return document(p)


def test_specks_of_a_dotted_line_in_a_scan_are_no_row_between_a_label_and_its_value():
    # A dotted line under the labels, read as tiny "letters", lies between each label and the value under it.
    specks = [Word("ceca", Box(60, 111, 24, 0.8), 0.3), Word("dacs", Box(120, 111, 24, 0.8), 0.3),
              Word("sx", Box(215, 111, 12, 0.8), 0.3)]
    doc = _scanned([("Employee Id", 45, 100), ("LA-9982", 45, 118), ("Pay Date", 200, 100), ("18/07/2024", 200, 118)],
                   specks)
    out = extract_document(doc, ExtractOptions(PAYSLIP)).result
    assert (out["employee_id"], out["pay_date"]) == ("LA-9982", "2024-07-18")


def test_a_blot_read_as_letters_with_little_confidence_is_no_value():
    # The stretch of dots after "Department:" read as "aces", taller than the type and barely believed.
    doc = _scanned([("Department:", 45, 100), ("Finance", 200, 100)], [Word("aces", Box(120, 98, 24, 15), 0.31)])
    assert extract_document(doc, ExtractOptions(PAYSLIP)).result["department"] == "Finance"


def test_a_value_flush_right_in_a_column_of_pairs_is_its_label_s_however_far():
    doc = document(page([("MVM Print Works Co.", 46, 42), ("STATEMENT OF EARNINGS AND DEDUCTIONS", 45, 107),
                         ("Employee:", 45, 137), ("Priya Moreau", 496, 137), ("Employee Id:", 45, 152),
                         ("LA-9982", 526, 152), ("Pay Date:", 45, 167), ("07/18/2024", 508, 167)]))
    out = extract_document(doc, ExtractOptions(PAYSLIP)).result
    assert (out["employee_name"], out["employee_id"], out["pay_date"]) == ("Priya Moreau", "LA-9982", "2024-07-18")
