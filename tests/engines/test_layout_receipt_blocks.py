"""A receipt's header block as real shops print it: the time of printing, the owning company or the rest of the
name between the store's name and its address; a tax number in brackets, a title whose words the scan ran
together and a slogan with no number around it; and a total whose digits the scan misread, settled by the
tender, the change and the tax summary together."""

from __future__ import annotations

import pytest
from engine_docs import document, page, sized_page

from assay.domain.document import TextSource
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

RECEIPT = {"type": "object", "properties": {
    "company": {"type": ["string", "null"], "description": "Name of the store that issued the receipt."},
    "address": {"type": ["string", "null"], "description": "Address of the issuing store, lines joined by spaces."},
    "total": {"type": ["number", "null"], "description": "The final total paid, after tax and rounding."}}}


def run(rows: list[tuple[str, float, float]]) -> dict:
    return extract_document(document(page(rows)), ExtractOptions(RECEIPT)).result


def test_the_time_of_printing_between_the_name_and_the_address_is_passed_over():
    rows = [("UNIWAY INTERNATIONAL SDN BHD", 40.0, 20.0), ("24 Mar 2018 18:23", 70.0, 32.0),
            ("(887388-U)", 80.0, 44.0), ("12, JALAN TAMPOI 7/4,", 50.0, 56.0), ("81200 JOHOR BAHRU", 60.0, 68.0),
            ("TEL: 07-555 1234", 60.0, 80.0)]
    assert run(rows)["address"] == "12, JALAN TAMPOI 7/4, 81200 JOHOR BAHRU"


def test_the_company_that_owns_the_shop_under_its_brand_is_no_line_of_the_address():
    rows = [("Welcome to the Pantry", 40.0, 20.0, 8.0), ("NorthPantry", 50.0, 34.0, 20.0),
            ("Harbourline Resources Sdn Bhd (383322-3)", 30.0, 60.0, 8.0),
            ("No 16A, Jalan Astaka U8/83,", 30.0, 72.0, 8.0), ("40150 Shah Alam, Selangor", 40.0, 84.0, 8.0),
            ("GST ID No: 000123456789", 40.0, 96.0, 8.0)]
    got = extract_document(document(sized_page(rows)), ExtractOptions(RECEIPT)).result
    assert got["company"] == "NorthPantry"
    assert got["address"] == "No 16A, Jalan Astaka U8/83, 40150 Shah Alam, Selangor"


def test_a_tax_number_in_brackets_after_the_address_ends_it():
    rows = [("KEDAI RUNCIT MAJU", 40.0, 20.0), ("NO.17, JALAN PERMAS 1/7,", 40.0, 32.0),
            ("81750, MASAI (GST 001019043840)", 40.0, 44.0), ("OPEN DAILY 8AM", 40.0, 56.0)]
    assert run(rows)["address"] == "NO.17, JALAN PERMAS 1/7, 81750, MASAI"


def test_a_title_whose_words_the_scan_ran_together_ends_the_address():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 32.0), ("40150 SHAH ALAM", 60.0, 44.0),
            ("TAXINVOICE", 70.0, 56.0)]
    assert run(rows)["address"] == "12 HARBOUR ROAD 40150 SHAH ALAM"


def test_lines_under_the_name_without_a_number_are_no_address():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("Fresh Every Morning", 60.0, 32.0), ("TEL: 03-7781 2200", 60.0, 44.0)]
    assert run(rows)["address"] is None


def test_a_misread_total_is_what_the_tender_less_the_change_and_the_tax_summary_both_say():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0),
            ("Alladin Silk 2.58", 20.0, 150.0), ("TOTAL", 20.0, 200.0), ("16.00", 240.0, 200.0),
            ("CASH", 20.0, 214.0), ("50.00", 240.0, 214.0), ("CHANGE", 20.0, 228.0), ("31.20", 240.0, 228.0),
            ("Tax Code", 20.0, 250.0), ("Amt (RM)", 120.0, 250.0), ("Tax (RM)", 200.0, 250.0),
            ("SR 6%", 20.0, 264.0), ("17.74", 120.0, 264.0), ("1.06", 200.0, 264.0)]
    assert run(rows)["total"] == 18.8


def test_a_total_the_change_contradicts_alone_is_kept():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0),
            ("TOTAL", 20.0, 200.0), ("16.00", 240.0, 200.0), ("CASH", 20.0, 214.0), ("50.00", 240.0, 214.0),
            ("CHANGE", 20.0, 228.0), ("31.20", 240.0, 228.0)]
    assert run(rows)["total"] == 16.0


def test_a_card_payment_is_the_total_when_no_total_can_be_read_and_no_change_is_given():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("40150 SHAH ALAM", 60.0, 48.0),
            ("Bread", 20.0, 150.0), ("TOTAL AMOUNT PAYABLE", 60.0, 200.0), ("RN 41.95%", 150.0, 212.0),
            ("EDC MASTER", 60.0, 228.0), ("RM 41.95", 200.0, 228.0)]
    assert run(rows)["total"] == 41.95


def test_a_tax_number_under_any_countrys_name_for_it_ends_the_address():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 32.0), ("40150 SHAH ALAM", 60.0, 44.0),
            ("ABN 51 824 753 556", 50.0, 56.0)]
    assert run(rows)["address"] == "12 HARBOUR ROAD 40150 SHAH ALAM"


def test_specks_read_as_letters_above_the_name_are_not_the_stores_name():
    rows = [("ee ee", 4.0, 2.0), ("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0),
            ("40150 SHAH ALAM", 60.0, 48.0)]
    assert run(rows)["company"] == "NORTHWIND PANTRY"


CARD = {"type": "object", "properties": {
    "total": {"type": ["number", "null"], "description": "The final total paid."},
    "card_last_four": {"type": ["string", "null"], "description": "Last four digits of the card used; null if none."}}}


def _card(rows: list[tuple[str, float, float]]) -> dict:
    return extract_document(document(page(rows)), ExtractOptions(CARD)).result


def test_a_masked_card_number_gives_the_cards_last_four_digits():
    rows = [("TOTAL", 20.0, 200.0), ("58.76", 240.0, 200.0), ("VISA", 20.0, 214.0), ("58.76", 240.0, 214.0),
            ("**** **** **** 9415", 30.0, 228.0)]
    assert _card(rows)["card_last_four"] == "9415"


def test_four_digits_under_the_card_line_are_the_cards_and_an_authorisation_code_is_not():
    rows = [("TOTAL", 20.0, 200.0), ("52.44", 240.0, 200.0), ("VISA", 20.0, 214.0), ("52.44", 240.0, 214.0),
            ("ending in 3521", 30.0, 228.0), ("AUTH 878165", 30.0, 242.0)]
    assert _card(rows)["card_last_four"] == "3521"
    rows = [("TOTAL", 20.0, 200.0), ("52.44", 240.0, 200.0), ("CASH", 20.0, 214.0), ("60.00", 240.0, 214.0),
            ("Store 3521", 30.0, 228.0)]
    assert _card(rows)["card_last_four"] is None


TAXED = {"type": "object", "properties": {
    "tax": {"type": ["number", "null"], "description": "Tax amount; null if not printed."},
    "total": {"type": "number", "description": "Total paid."}}}


def test_a_tax_the_total_includes_is_read_from_the_phrase_that_names_it():
    for line, tax in (("Total includes GST of $2.15", 2.15), ("incl. VAT 20% 3.93", 3.93)):
        rows = [("TOTAL", 12.0, 100.0), ("23.61", 166.0, 100.0), (line, 12.0, 112.0)]
        assert extract_document(document(page(rows)), ExtractOptions(TAXED)).result == {"tax": tax, "total": 23.61}


def test_a_total_qualified_as_including_the_tax_is_no_tax():
    rows = [("Total before Tax:", 12.0, 100.0), ("$10,941.86", 166.0, 100.0),
            ("Total Amount Payable (incl. VAT): $11,625.73", 12.0, 112.0)]
    got = extract_document(document(page(rows)), ExtractOptions(TAXED)).result
    assert got["tax"] != 11625.73
    assert got["total"] == 11625.73


def test_two_bare_capitals_the_scan_read_before_an_item_are_no_initials_of_a_label():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("Harbour Street", 60.0, 34.0), ("Fresh daily", 60.0, 48.0),
            ("AP", 20.0, 150.0), ("MINVAK PACKET 1KG", 60.0, 150.0), ("7.50", 240.0, 162.0)]
    assert run(rows)["address"] is None


def test_cash_tendered_is_not_the_total_where_no_change_line_can_be_read():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("Bread", 20.0, 150.0),
            ("TOTAL AMOUNT PAYABLE", 60.0, 200.0), ("RN 41.95%", 150.0, 212.0), ("CASH", 60.0, 228.0),
            ("RM 50.00", 200.0, 228.0)]
    assert run(rows)["total"] is None


def test_a_tax_under_its_german_name_is_the_tax():
    rows = [("Balance Due", 12.0, 100.0), ("115,26", 166.0, 100.0), ("Total includes USt. of 19,21", 12.0, 112.0)]
    assert extract_document(document(page(rows)), ExtractOptions(TAXED)).result == {"tax": 19.21, "total": 115.26}


def test_a_name_set_over_two_lines_in_its_own_type_is_one_name_and_no_line_of_the_address():
    rows = [("SYARIKAT PERNIAGAAN", 60.0, 20.0, 12.0), ("CHONG LEE HARDWARE", 62.0, 36.0, 12.0),
            ("(JM0123456-X)", 90.0, 52.0, 8.0), ("NO. 12, JALAN BUNGA RAYA 3,", 50.0, 64.0, 8.0),
            ("40400 SHAH ALAM, SELANGOR.", 55.0, 76.0, 8.0), ("TEL: 03-5121 8899", 70.0, 88.0, 8.0)]
    got = extract_document(document(sized_page(rows)), ExtractOptions(RECEIPT)).result
    assert got["company"] == "SYARIKAT PERNIAGAAN CHONG LEE HARDWARE"
    assert got["address"] == "NO. 12, JALAN BUNGA RAYA 3, 40400 SHAH ALAM, SELANGOR."


def test_a_line_of_the_same_type_as_the_address_under_a_one_line_name_is_no_part_of_the_name():
    rows = [("BHPETROL SUBANG AIRPORT", 60.0, 20.0, 8.0), ("JALAN LAPANGAN TERBANG SUBANG", 50.0, 32.0, 8.0),
            ("47200 SUBANG SELANGOR", 60.0, 44.0, 8.0), ("TEL: 03-5121 8899", 70.0, 56.0, 8.0)]
    got = extract_document(document(sized_page(rows)), ExtractOptions(RECEIPT)).result
    assert got["company"] == "BHPETROL SUBANG AIRPORT"
    assert got["address"] == "JALAN LAPANGAN TERBANG SUBANG 47200 SUBANG SELANGOR"


def test_a_banner_framed_by_symbols_over_the_name_is_not_the_name():
    rows = [("*** WELCOME ***", 70.0, 10.0), ("KEDAI MAKAN SELERA KITA", 40.0, 24.0),
            ("LOT 5, JALAN PASAR,", 60.0, 38.0), ("81000 KULAI, JOHOR", 65.0, 52.0)]
    got = run(rows)
    assert got["company"] == "KEDAI MAKAN SELERA KITA"
    assert got["address"] == "LOT 5, JALAN PASAR, 81000 KULAI, JOHOR"


def test_a_total_label_alone_on_its_row_is_read_with_the_amount_alone_at_the_margin_under_it():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("12 HARBOUR ROAD", 60.0, 34.0), ("ITEM", 10.0, 120.0),
            ("5.00", 200.0, 120.0), ("TOTAL AMOUNT DUE", 10.0, 132.0), ("9.70", 200.0, 144.0)]
    assert run(rows)["total"] == 9.7


def test_a_greeting_or_a_copy_mark_over_the_name_is_not_the_name():
    for top in ("Welcome to ABC Mart", "Selamat Datang", "CUSTOMER COPY"):
        rows = [(top, 50.0, 8.0), ("ABC MART SDN BHD", 50.0, 22.0), ("NO 8, JALAN MAWAR 2,", 60.0, 36.0),
                ("43000 KAJANG", 60.0, 50.0)]
        got = run(rows)
        assert got["company"] == "ABC MART SDN BHD"
        assert got["address"] == "NO 8, JALAN MAWAR 2, 43000 KAJANG"


def _scanned(rows: list[tuple[str, float, float]]) -> dict:
    scan = page(rows)
    scan.text_source = TextSource.OCR
    return extract_document(document(scan), ExtractOptions(DATED)).result


DATED = {"type": "object", "properties": {
    "date": {"type": ["string", "null"], "format": "date", "description": "Date of the receipt."},
    "total": {"type": ["number", "null"], "description": "The final total paid."}}}


def test_a_label_the_scan_ran_into_its_value_is_read_as_label_and_value():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("REF:A1 DATE:25/01/2018", 10.0, 80.0), ("ITEM", 10.0, 100.0),
            ("12.50", 200.0, 100.0), ("TOTAL:12.50", 10.0, 112.0)]
    assert _scanned(rows) == {"date": "2018-01-25", "total": 12.5}


def test_a_numeric_date_is_read_in_the_order_the_same_day_printed_with_its_month_name_shows():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("Date: 03/04/18", 10.0, 80.0), ("TOTAL", 10.0, 100.0),
            ("12.50", 200.0, 100.0), ("Printed 3 Apr 2018 10:22", 10.0, 140.0)]
    assert extract_document(document(page(rows)), ExtractOptions(DATED)).result["date"] == "2018-04-03"
    rows[-1] = ("Printed Mar 4, 2018 10:22", 10.0, 140.0)
    assert extract_document(document(page(rows)), ExtractOptions(DATED)).result["date"] == "2018-03-04"


def test_the_amount_the_items_and_the_tax_above_it_sum_to_is_the_total_whatever_its_label():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("ROTI CANAI", 10.0, 100.0), ("4.50", 200.0, 100.0),
            ("TEH TARIK", 10.0, 112.0), ("8.00", 200.0, 112.0), ("JUMLAH KECIL", 10.0, 124.0), ("12.50", 200.0, 124.0),
            ("SST 6%", 10.0, 136.0), ("0.75", 200.0, 136.0), ("JUMLAH BESAR", 10.0, 148.0), ("13.25", 200.0, 148.0)]
    assert run(rows)["total"] == 13.25



@pytest.mark.parametrize(("group", "point"), [(" ", "."), (".", ","), (" ", ","), ("'", "."), (",", ".")])
def test_the_sum_above_a_total_is_read_in_any_countrys_digit_grouping(group, point):
    def money(x: str) -> str:
        whole, cents = x.split(".")
        return (whole[:-3] + group + whole[-3:] if len(whole) > 3 else whole) + point + cents

    rows = [("NORTHWIND TRADING", 60.0, 20.0)]
    lines = [("CONSULTING", "1204.50"), ("LICENCES", "2008.00"), ("ZWISCHENSUMME", "3212.50"), ("SST 6%", "192.75"),
             ("JUMLAH", "3405.25")]
    for i, (label, amount) in enumerate(lines):
        rows += [(label, 10.0, 100.0 + 12 * i), (money(amount), 200.0, 100.0 + 12 * i)]
    assert run(rows)["total"] == 3405.25

def test_specks_the_scan_read_at_the_start_of_an_address_line_are_no_part_of_it():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("i} NO. 31G, JALAN SETIA", 40.0, 34.0),
            ("‘Tampoi,81200 JOHOR", 40.0, 48.0), ("TEL: 03-7781 2200", 60.0, 62.0)]
    scan = page(rows)
    scan.text_source = TextSource.OCR
    assert extract_document(document(scan), ExtractOptions(RECEIPT)).result["address"] == (
        "NO. 31G, JALAN SETIA Tampoi,81200 JOHOR")



ITEMS = {"type": "object", "title": "Receipt", "properties": {"items": {"type": "array", "items": {
    "type": "object", "properties": {"description": {"type": "string"}, "total_price": {"type": "number"}}}},
    "total": {"type": "number"}}}

def test_an_opening_quote_no_mark_closes_is_a_scans_speck_and_a_closed_one_a_quotation():
    rows = [("NORTHWIND PANTRY", 60.0, 20.0), ("‘GALA APPLES", 10.0, 100.0), ("3.49", 200.0, 100.0),
            ("‘DELUXE’ HAMPER", 10.0, 112.0), ("20.00", 200.0, 112.0), ("TOTAL", 10.0, 124.0), ("23.49", 200.0, 124.0)]
    scan = page(rows)
    scan.text_source = TextSource.OCR
    items = extract_document(document(scan), ExtractOptions(ITEMS)).result["items"]
    assert [it["description"] for it in items] == ["GALA APPLES", "‘DELUXE’ HAMPER"]


def test_a_phone_number_by_its_shape_ends_the_address_and_a_bracketed_area_code_is_no_tax_number():
    rows = [("TRADER PAT'S", 70.0, 10.0), ("2001 Point West Way", 60.0, 24.0), ("Sacramento CA 95815", 60.0, 38.0),
            ("Store #175 - (916) 456-1853", 50.0, 52.0), ("LOT 1234 56100", 60.0, 66.0)]
    assert run(rows)["address"] == "2001 Point West Way Sacramento CA 95815"


def test_a_closing_mark_set_apart_as_its_own_word_still_closes_the_quotation():
    from assay.domain.document import Box, Word
    from assay.engines.layout.geometry import _unquoted

    words = [Word(t, Box(10.0 * i, 0.0, 8.0, 10.0)) for i, t in enumerate(["‘DELUXE", "HAMPER", "’", "20.00"])]
    assert [w.text for w in _unquoted(words)] == ["‘DELUXE", "HAMPER", "’", "20.00"]
    assert [w.text for w in _unquoted(words[:2])] == ["DELUXE", "HAMPER"]
