"""Shop receipts as scanners read them: several totals and the tender lines that settle which one was paid, a
decimal point lost, colons set apart from their labels, a company number after the store's name, a web address
and a header set in wide type at the top."""

from __future__ import annotations

import pytest
from engine_docs import document, page, sized_page

from assay.domain.options import ExtractOptions
from assay.pipeline import confidence
from assay.pipeline.run import extract_document

RECEIPT = {"type": "object", "properties": {
    "company": {"type": ["string", "null"], "description": "Name of the store that issued the receipt."},
    "address": {"type": ["string", "null"], "description": "Address of the issuing store, lines joined by spaces."},
    "total": {"type": ["number", "null"], "description": "The final total paid, after tax and rounding."}}}


def run(rows: list[tuple[str, float, float]]) -> dict:
    return extract_document(document(page(rows)), ExtractOptions(RECEIPT)).result


def amounts(*lines: tuple[str, str], top: float = 200.0) -> list[tuple[str, float, float]]:
    """Label at the left margin, its amount at the right, one line each."""
    out: list[tuple[str, float, float]] = []
    for n, (label, amount) in enumerate(lines):
        out += [(label, 20.0, top + 14.0 * n), (amount, 240.0, top + 14.0 * n)]
    return out


STORE = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0)]


def test_the_total_paid_is_the_one_the_tender_and_change_settle():
    rows = STORE + amounts(("Total Amount:", "8.20"), ("GST @6%:", "0.52"), ("Nett Total:", "9.20"),
                           ("CASH", "10.00"), ("CHANGE", "0.80"))
    assert run(rows)["total"] == 9.2


def test_a_total_whose_decimal_point_the_scan_lost_is_read_by_the_tender():
    rows = STORE + amounts(("SUB-TOTAL", "26.08"), ("TOTAL", "2765"), ("CASH", "50.00"), ("CHANGE", "22.35"))
    assert run(rows)["total"] == 27.65


def test_the_amount_tendered_is_the_total_when_no_total_can_be_read():
    rows = STORE + amounts(("Bread", "4.20"), ("Milk", "8.20"), ("CASH", "12.40"), ("CHANGE", "0.00"))
    assert run(rows)["total"] == 12.4


def test_a_total_of_tax_or_of_sales_before_tax_is_not_the_total_and_a_colon_apart_is_no_label():
    rows = [*STORE, *amounts(("Total Sales (Excluding GST)", "439.00"), ("Total GST", "26.34")),
            ("Total Sales (Inclusive of GST)", 20.0, 228.0), (":", 200.0, 228.0), ("465.34", 240.0, 228.0)]
    assert run(rows)["total"] == 465.34


def test_a_company_number_after_the_stores_name_is_no_part_of_it():
    rows = [("NORTHWIND PANTRY SDN BHD (771203-K)", 40.0, 20.0), ("12 HARBOUR ROAD,", 60.0, 34.0),
            ("40150 SHAH ALAM", 60.0, 48.0), ("TEL: 03-7781 2200", 60.0, 62.0)]
    got = run(rows)
    assert got["company"] == "NORTHWIND PANTRY SDN BHD"
    assert got["address"] == "12 HARBOUR ROAD, 40150 SHAH ALAM"


def test_a_web_address_at_the_top_is_not_the_stores_name():
    rows = [(".northwindpantry.com", 60.0, 6.0), *STORE]
    assert run(rows)["company"] == "NORTHWIND PANTRY"


def test_a_header_set_in_wide_type_is_one_name_and_its_company_number_line_is_not_the_address():
    wide = [("MR.", 40.0, 20.0), ("T.O.Y.", 70.0, 20.0), ("(M)", 118.0, 20.0), ("SDN", 148.0, 20.0),
            ("BHD", 178.0, 20.0)]  # 12 pt between words in 10 pt type: each word its own phrase
    rows = [*wide, ("(CO", 50.0, 34.0), ("REG", 80.0, 34.0), (":", 104.0, 34.0), ("860871-D)", 116.0, 34.0),
            ("LOT 18, JALAN KPB 6,", 40.0, 48.0), ("43300 SERI KEMBANGAN", 40.0, 62.0),
            ("(GST ID No : 000306020352)", 40.0, 76.0)]
    got = run(rows)
    assert got["company"] == "MR. T.O.Y. (M) SDN BHD"
    assert got["address"] == "LOT 18, JALAN KPB 6, 43300 SERI KEMBANGAN"


def _total_confidence(rows: list[tuple[str, float, float]]) -> tuple[object, float]:
    options = ExtractOptions(RECEIPT, cite_sources=True, confidence_scores=True)
    got = extract_document(document(page(rows)), options)
    return got.result["total"], got.field_metadata["document_metadata"]["total"]["confidence"]


def test_a_total_the_tender_contradicts_is_trusted_no_more_than_the_ceiling_and_one_it_confirms_is():
    value, doubted = _total_confidence(STORE + amounts(("TOTAL", "16.00"), ("CASH", "50.00"), ("CHANGE", "31.20")))
    assert value == 16.0  # nothing printed equals 18.80: the printed total stays, with its doubt
    assert doubted <= confidence.ARITHMETIC_CEILING
    value, confirmed = _total_confidence(STORE + amounts(("TOTAL", "18.80"), ("CASH", "50.00"), ("CHANGE", "31.20")))
    assert value == 18.8
    assert confirmed > confidence.ARITHMETIC_CEILING


def test_a_total_without_cents_on_a_receipt_of_amounts_with_cents_is_less_sure():
    _, whole = _total_confidence(STORE + amounts(("Bread", "4.20"), ("Milk", "8.20"), ("Eggs", "3.10"),
                                                 ("TOTAL", "1550")))
    _, cents = _total_confidence(STORE + amounts(("Bread", "4.20"), ("Milk", "8.20"), ("Eggs", "3.10"),
                                                 ("TOTAL", "15.50")))
    assert whole < cents


def test_the_name_in_large_type_under_a_greeting_in_small_type_is_the_stores_name():
    rows = [("Welcome to the Pantry", 60.0, 20.0, 8.0), ("Northwind", 60.0, 34.0, 20.0),
            ("12 HARBOUR ROAD,", 60.0, 60.0, 8.0), ("40150 SHAH ALAM", 60.0, 72.0, 8.0),
            ("TEL: 03-7781 2200", 60.0, 84.0, 8.0), ("TOTAL", 20.0, 200.0, 8.0), ("9.20", 240.0, 200.0, 8.0)]
    got = extract_document(document(sized_page(rows)), ExtractOptions(RECEIPT)).result
    assert got["company"] == "Northwind"
    assert got["address"] == "12 HARBOUR ROAD, 40150 SHAH ALAM"


def test_a_wide_gap_under_the_address_lines_ends_the_address():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 32.0), ("40150 SHAH ALAM", 60.0, 44.0),
            ("SELANGOR", 60.0, 56.0), ("Riverside Outlet", 60.0, 84.0), ("TOTAL", 20.0, 200.0), ("9.20", 240.0, 200.0)]
    assert run(rows)["address"] == "12 HARBOUR ROAD 40150 SHAH ALAM SELANGOR"


def test_a_name_printed_in_mixed_case_is_written_in_upper_case_when_the_description_says_names_usually_are():
    schema = {"type": "object", "properties": {"company": {
        "type": ["string", "null"],
        "description": "Name of the store that issued the receipt, exactly as printed (usually upper case)."}}}
    rows = [("Northwind Pantry", 60.0, 20.0), ("12 Harbour Road", 60.0, 34.0), ("40150 Shah Alam", 60.0, 48.0)]
    assert extract_document(document(page(rows)), ExtractOptions(schema)).result["company"] == "NORTHWIND PANTRY"


def test_a_total_whose_decimal_point_the_scan_lost_is_read_by_the_other_amounts_when_no_tender_settles_it():
    # 5510 is more than every other amount printed added up, and 55.10 is not: cents whose point was lost
    rows = STORE + amounts(("Pens", "24.00"), ("Film", "28.00"), ("SUB-TOTAL", "52.00"), ("TAX", "3.12"),
                           ("ROUNDING", "-0.02"), ("TOTAL", "5510"))
    assert run(rows)["total"] == 55.1


def test_a_total_row_of_a_summary_tables_columns_is_not_the_total_paid():
    rows = STORE + amounts(("Pens", "24.00"), ("Film", "28.00"), ("Nett Total", "55.10")) + [
        ("TAX CODE", 20.0, 300.0), ("AMOUNT", 120.0, 300.0), ("TAX", 240.0, 300.0), ("SR", 20.0, 314.0),
        ("52.00", 120.0, 314.0), ("3.10", 240.0, 314.0), ("TOTAL:", 20.0, 328.0), ("52.00", 120.0, 328.0),
        ("3.10", 240.0, 328.0)]
    assert run(rows)["total"] == 55.1


def test_the_total_under_a_rounding_line_is_paid_not_the_one_above_it():
    rows = STORE + amounts(("Pens", "24.00"), ("Film", "28.00"), ("Total", "52.03"), ("Round Adj", "-0.03"),
                           ("Final Total", "52.00"))
    assert run(rows)["total"] == 52.0


def test_a_symbol_the_scan_read_for_a_letter_in_the_stores_name_is_that_letter():
    rows = [("MR. D.I.¥. (M) SDN BHD", 40.0, 20.0), ("12 HARBOUR ROAD,", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0)]
    assert run(rows)["company"] == "MR. D.I.Y. (M) SDN BHD"


def test_a_name_word_misread_in_the_letterhead_is_spelled_as_the_page_prints_it_elsewhere():
    rows = [("SANYO STATIONERY SHOP", 40.0, 20.0), ("12 HARBOUR ROAD,", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0),
            ("Owned By: SANYU SUPPLY SDN BHD", 20.0, 90.0), ("TOTAL", 20.0, 200.0), ("9.20", 240.0, 200.0),
            ("Follow us on Facebook: Sanyu.Stationery", 20.0, 260.0)]
    scan = page(rows)
    for word in scan.words:
        word.confidence = 0.9  # read by OCR, which misreads letters
    assert extract_document(document(scan), ExtractOptions(RECEIPT)).result["company"] == "SANYU STATIONERY SHOP"
    assert run(rows)["company"] == "SANYO STATIONERY SHOP"  # a text layer is printed as it reads


def test_a_line_printed_twice_is_one_reading_of_a_word_not_two():
    rows = [("KEDAI RUNCIT ZBH", 40.0, 20.0), ("12 HARBOUR ROAD,", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0),
            ("*RUNCTT", 20.0, 120.0), ("Bread", 20.0, 134.0), ("4.20", 240.0, 134.0), ("*RUNCTT", 20.0, 148.0),
            ("Milk", 20.0, 162.0), ("8.20", 240.0, 162.0), ("TOTAL", 20.0, 200.0), ("12.40", 240.0, 200.0)]
    assert run(rows)["company"] == "KEDAI RUNCIT ZBH"


@pytest.mark.parametrize("label", ["of which VAT", "incl. VAT 20%", "Thereof VAT"])
def test_a_tax_printed_as_part_of_the_total_above_it_is_the_tax(label):
    schema = {"type": "object", "properties": {
        "tax": {"type": ["number", "null"], "description": "Total tax; null if not printed."},
        "total": {"type": ["number", "null"], "description": "Total charged."}}}
    rows = [("Corner Grocer", 40.0, 20.0), ("Milk 2L", 20.0, 80.0), ("1.35", 240.0, 80.0), ("Bread", 20.0, 94.0),
            ("3.20", 240.0, 94.0), ("TOTAL", 20.0, 120.0), ("4.55", 240.0, 120.0), (label, 20.0, 134.0),
            ("0.76", 240.0, 134.0)]
    assert extract_document(document(page(rows)), ExtractOptions(schema)).result == {"tax": 0.76, "total": 4.55}
