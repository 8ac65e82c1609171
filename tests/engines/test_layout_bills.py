"""Bills and payslips printed unlike the development documents: totals far right of their labels, a rate in a
label's parentheses, the currency shown only beside amounts, a period's two dates in two phrases, a one-line
address after its label, the employer as the letterhead, day/month order from the currency."""

from __future__ import annotations

import io

import pytest
from engine_docs import document, page, sized_page
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document
from assay.semantics import embed

BILL = {"type": "object", "title": "Utility bill", "properties": {
    "account_number": {"type": "string"},
    "currency": {"type": "string", "description": "ISO 4217 code of the currency the amounts are in."},
    "service_address": {"type": "object", "description": "Address of the premises supplied.", "properties": {
        "street": {"type": ["string", "null"]}, "city": {"type": ["string", "null"]},
        "region": {"type": ["string", "null"]}, "postal_code": {"type": ["string", "null"]},
        "country": {"type": ["string", "null"]}}},
    "billing_period": {"type": "object", "properties": {
        "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"}}},
    "tax_amount": {"type": ["number", "null"]},
    "amount_due": {"type": "number", "description": "Total amount the customer must pay for this bill."}}}

PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "employer_name": {"type": "string", "description": "Name of the employer."},
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "pay_date": {"type": "string", "format": "date"},
    "net_pay": {"type": "number"}}}

APPLICATION = {"type": "object", "title": "Rental application", "properties": {
    "applicant_name": {"type": ["string", "null"]},
    "employer_name": {"type": ["string", "null"], "description": "Current employer; null if blank."}}}


def run(doc, schema):
    return extract_document(doc, ExtractOptions(schema)).result


def _bill(*lines: tuple[str, float, float]):
    return document(page([("Meridian Energy", 40, 20), ("Account Number: 5446522971", 40, 40), *lines]))


def test_a_total_at_the_right_margin_is_read_however_far_from_its_label():
    result = run(_bill(("Amount Due:", 40, 200), ("$151.98", 540, 200)), BILL)
    assert result["amount_due"] == 151.98


@pytest.mark.parametrize("label", ["Tax (8.25%):", "Tax 8.25%:", "Tax 8,25 %:"])
def test_a_rate_in_a_label_does_not_hide_the_label(label):
    result = run(_bill((label, 40, 180), ("11.58", 200, 180)), BILL)
    assert result["tax_amount"] == 11.58


def test_the_currency_is_read_from_the_amounts_not_from_a_label_that_resembles_its_name():
    result = run(_bill(("Current Charges", 40, 160), ("Energy charge", 40, 180), ("EUR 320,39", 300, 180),
                       ("Amount Due:", 40, 200), ("EUR 391,04", 300, 200)), BILL)
    assert result["currency"] == "EUR"
    assert result["amount_due"] == 391.04


def test_a_period_printed_as_two_phrases_after_its_label_fills_start_and_end():
    result = run(_bill(("Billing Period: 2024-10-07", 40, 60), ("2025-01-06", 240, 60)), BILL)
    assert result["billing_period"] == {"start_date": "2024-10-07", "end_date": "2025-01-06"}


def test_two_dates_joined_by_a_range_word_fill_the_schemas_only_period_whatever_their_label_says():
    # "Covering" names no period by any word or meaning; the first date leaves out the year the second prints
    result = run(_bill(("Covering: 1 Jul - Jul 31, 2026", 40, 60), ("Amount Due:", 40, 200), ("151.98", 300, 200)),
                 BILL)
    assert result["billing_period"] == {"start_date": "2026-07-01", "end_date": "2026-07-31"}


@pytest.mark.parametrize(("amount", "code"), [("Rs. 4,032.71", "INR"), ("RM 4,032.71", "MYR"), ("R 4 032,71", "ZAR")])
def test_a_currency_sign_of_letters_printed_as_its_own_word_before_the_figure_names_the_currency(amount, code):
    result = run(_bill(("Amount Due:", 40, 200), (amount, 300, 200)), BILL)
    assert result["currency"] == code


def test_a_one_line_address_after_its_label_fills_the_address_parts():
    result = run(_bill(("Service Address: 149 Juniper Ave, Portland, OR 97228", 40, 60)), BILL)
    assert result["service_address"] == {"street": "149 Juniper Ave", "city": "Portland", "region": "OR",
                                         "postal_code": "97228", "country": None}


def test_a_dutch_postcode_keeps_its_letters():
    result = run(_bill(("Service Address: Molengracht 166, 8043 WW Zwolle, Netherlands", 40, 60)), BILL)
    assert result["service_address"] == {"street": "Molengracht 166", "city": "Zwolle", "region": None,
                                         "postal_code": "8043 WW", "country": "Netherlands"}


def test_a_label_seen_only_in_the_address_description_heads_it(monkeypatch):
    monkeypatch.setenv(embed.ENV_SWITCH, "on")
    assert embed.available()
    result = run(_bill(("Premises: 149 Juniper Ave, Portland, OR 97228", 40, 60)), BILL)
    assert result["service_address"]["street"] == "149 Juniper Ave"
    assert result["service_address"]["postal_code"] == "97228"


def _payslip():
    return document(page([("Ember Print Works GmbH", 40, 20), ("Rheinplatz 2", 40, 32), ("6069 Luzern", 40, 44),
                          ("EARNINGS STATEMENT", 40, 70), ("Employee:", 40, 90), ("Elif Rossi", 120, 90),
                          ("Pay Date:", 40, 102), ("28.04.2024", 120, 102),
                          ("Net Pay:", 300, 200), ("Fr. 1'932.87", 400, 200)]))


def test_the_employer_of_a_payslip_is_its_letterhead_and_employee_names_the_other_party():
    result = run(_payslip(), PAYSLIP)
    assert result["employer_name"] == "Ember Print Works GmbH"
    assert result["employee_name"] == "Elif Rossi"
    assert result["net_pay"] == 1932.87  # a Swiss franc sign before apostrophe-grouped digits


def test_a_forms_blank_employer_is_not_filled_from_the_forms_title():
    doc = document(page([("Tenancy Application Form", 40, 20), ("Applicant name: Jane Roe", 40, 60),
                         ("Current employer:", 40, 80)]))
    assert run(doc, APPLICATION) == {"applicant_name": "Jane Roe", "employer_name": None}


def test_a_company_letterhead_is_not_a_persons_name():
    doc = document(page([("Polaris Hardware Pte Ltd", 40, 20), ("302 Ang Mo Kio Drive", 40, 32),
                         ("Payee: Amelia Andersen", 40, 70)]))
    result = run(doc, {"type": "object", "properties": {"employee_name": {"type": ["string", "null"]}}})
    assert result["employee_name"] != "Polaris Hardware Pte Ltd"


def test_a_title_in_larger_type_over_the_customers_block_is_not_the_customers_name():
    # The window-envelope block (name, street, town) has no heading of its own; the bill's title is printed over
    # it in type half again as tall: a title, not the block's first line.
    schema = {"type": "object", "title": "Utility bill", "properties": {"customer_name": {"type": "string"}}}
    doc = document(sized_page([
        ("Vantage Energy e.K.", 44, 40, 12), ("Waldweg 979, 80973 München", 44, 66, 10),
        ("Account No.: 7654264847", 348, 53, 10), ("Balance Due: 153,07 €", 348, 95, 10),
        ("Tax Invoice - Electricity", 44, 134, 17), ("Leila Fitzgerald", 44, 160, 10),
        ("Schillergasse 5", 44, 172, 10), ("90178 Nürnberg", 44, 184, 10),
        ("Billing Period: 07.10.2024 – 05.12.2024", 44, 222, 10)]))
    assert run(doc, schema)["customer_name"] == "Leila Fitzgerald"


@pytest.mark.parametrize(("amount", "expected"), [
    ("ZAR 12,50", "2024-04-03"), ("CHF 12.50", "2024-04-03"), ("USD 12.50", "2024-03-04"),
    ("$12.50 GST 0.60", "2024-03-04"),  # "$" is many countries' sign, and a tax's name says nothing of dates
    ("R 1 234,50", "2024-04-03"),  # the rand's sign
    ("1.234,50", "2024-04-03"), ("1 234,50 $", "2024-04-03"),  # a decimal comma: a day-first country
    ("1,234.50", "2024-03-04"),
])
def test_the_currency_of_the_amounts_settles_day_or_month_first(amount, expected):
    schema = {"type": "object", "properties": {"date": {"type": "string", "format": "date"},
                                               "total": {"type": "number"}}}
    doc = document(page([("Date: 03/04/2024", 40, 40), ("Total:", 40, 60), (amount, 200, 60)]))
    assert run(doc, schema)["date"] == expected


@pytest.mark.parametrize(("phone", "expected"), [
    ("Tel. +31 (0)18 755 4903", "2024-04-03"), ("Phone +44 20 7946 0958", "2024-04-03"),
    ("Phone +1 212-555-0100", "2024-03-04"),
])
def test_with_no_currency_the_phone_numbers_dialling_code_settles_day_or_month_first(phone, expected):
    schema = {"type": "object", "properties": {"date": {"type": "string", "format": "date"}}}
    doc = document(page([("Date: 03/04/2024", 40, 40), (phone, 40, 60)]))
    assert run(doc, schema)["date"] == expected


def test_an_iso_answer_format_in_a_description_says_nothing_of_the_printed_order():
    # "YYYY-MM-DD" is how the answer is written; the page's rand amounts say day first.
    schema = {"type": "object", "properties": {
        "date": {"type": "string", "description": "Date issued, YYYY-MM-DD."}, "total": {"type": "number"}}}
    doc = document(page([("Date: 03/04/2024", 40, 40), ("Total:", 40, 60), ("ZAR 12,50", 200, 60)]))
    assert run(doc, schema)["date"] == "2024-04-03"


PAYSLIP_LINES = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": "string"},
    "pay_period": {"type": "object", "properties": {
        "start_date": {"type": "string", "format": "date", "description": "First day of the pay period."},
        "end_date": {"type": "string", "format": "date", "description": "Last day of the pay period."}}},
    "deductions": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "amount": {"type": "number"}}}},
    "gross_pay": {"type": ["number", "null"]},
    "total_deductions": {"type": ["number", "null"]},
    "net_pay": {"type": ["number", "null"], "description": "Take-home pay after deductions."}}}


def test_payslip_labels_outside_the_tables_name_the_totals_not_a_lines_amount(monkeypatch):
    """"Net Amount:" is also a line amount's column header, and "Total Deducted:" is close to a deduction's
    amount: with a colon, beside a figure, they are labels of the payslip's own totals."""
    monkeypatch.setenv(embed.ENV_SWITCH, "on")
    doc = document(page([("Employee: Elif Rossi", 40, 40),
                         ("For The Period:", 40, 60), ("1 July 2026", 140, 60), ("31 July 2026", 240, 60),
                         ("Deductions", 40, 100), ("Amount", 400, 100),
                         ("Pension", 40, 112), ("68.07", 400, 112), ("Student Loan", 40, 124), ("69.10", 400, 124),
                         ("Total Deducted:", 300, 160), ("137.17", 420, 160),
                         ("Net Amount:", 300, 180), ("1,932.87", 420, 180)]))
    result = run(doc, PAYSLIP_LINES)
    assert result["total_deductions"] == 137.17
    assert result["net_pay"] == 1932.87
    assert result["pay_period"] == {"start_date": "2026-07-01", "end_date": "2026-07-31"}


def test_a_side_column_block_reads_past_a_line_printed_beside_it():
    """"Bill To" in a right-hand column, with the document's title printed at the left between two of its
    lines: the block goes on under its heading."""
    schema = {"type": "object", "title": "Invoice", "properties": {"bill_to": {"type": "object", "properties": {
        "name": {"type": "string"}, "address": {"type": "object", "properties": {
            "street": {"type": "string"}, "city": {"type": "string"}, "postal_code": {"type": "string"}}}}}}}
    doc = document(page([("Patel & Walsh B.V.", 40, 20), ("Bill To", 400, 80), ("Sofia Moreau", 400, 93),
                         ("Sales Invoice", 36, 106), ("Molenkade 3", 400, 119), ("2088 LA Haarlem", 400, 132)]))
    assert run(doc, schema)["bill_to"] == {"name": "Sofia Moreau", "address": {
        "street": "Molenkade 3", "city": "Haarlem", "postal_code": "2088 LA"}}


def test_a_receipts_total_is_read_past_its_qualifiers_and_a_currency_sign_printed_apart():
    schema = {"type": "object", "title": "Receipt", "properties": {"total": {"type": ["number", "null"]}}}
    doc = document(page([("KEDAI RUNCIT ZBH", 40, 20),
                         ("Total", 18, 200), ("Incl.", 60, 200), ("GST@6%", 100, 200), ("RM", 214, 200),
                         ("2.70", 240, 200),
                         ("CASH", 18, 214), ("RM", 208, 214), ("10.00", 234, 214)]))
    assert run(doc, schema) == {"total": 2.7}


def test_a_birth_date_with_a_two_digit_year_is_in_the_past():
    schema = {"type": "object", "properties": {"date_of_birth": {"type": ["string", "null"], "format": "date"},
                                               "move_in_date": {"type": ["string", "null"], "format": "date"}}}
    doc = document(page([("Date of Birth: 22.4.57", 40, 40), ("Move-in Date: 1.5.57", 40, 60)]))
    assert run(doc, schema) == {"date_of_birth": "1957-04-22", "move_in_date": "2057-05-01"}


@pytest.mark.parametrize("misread", ["Date: 24/03/2048", "24/03/7017 10:22"])
def test_a_receipts_date_misread_to_an_impossible_year_gives_way_to_a_plausible_one(misread):
    schema = {"type": "object", "title": "Receipt", "properties": {
        "date": {"type": ["string", "null"], "format": "date"}, "total": {"type": ["number", "null"]}}}
    doc = document(page([("KEDAI RUNCIT ZBH", 40, 20), (misread, 40, 40), ("Total: 9.20", 40, 200),
                         ("Printed 24/03/2018 10:22", 40, 240)]))
    assert run(doc, schema) == {"date": "2018-03-24", "total": 9.2}


def test_a_usage_printed_with_its_unit_fills_the_unit_field():
    schema = {"type": "object", "title": "Utility bill", "properties": {
        "usage": {"type": ["number", "null"]}, "usage_unit": {"type": ["string", "null"]}}}
    assert run(_bill(("Usage:", 40, 120), ("812 kWh", 200, 120)), schema) == {"usage": 812, "usage_unit": "kWh"}


def test_a_letterhead_read_from_a_text_layer_is_kept_as_printed():
    # "Energi" is one letter from the "Energy" the page prints twice; OCR may misread a name, a text layer does not
    schema = {"type": "object", "title": "Utility bill", "properties": {"provider_name": {"type": "string"}}}
    doc = document(page([("Fjordkraft Energi AS", 40, 20), ("Energy charge 612.40", 40, 120),
                         ("Energy used 812 kWh", 40, 140)]))
    assert run(doc, schema)["provider_name"] == "Fjordkraft Energi AS"


def _charges_bill(description: str):
    schema = {"type": "object", "title": "Utility bill", "properties": {
        "previous_balance": {"type": ["number", "null"]},
        "charges": {"type": "array", "description": description, "items": {"type": "object", "properties": {
            "description": {"type": "string"}, "amount": {"type": "number"}}}},
        "amount_due": {"type": "number"}}}
    doc = _bill(("Previous balance", 40, 100), ("1,012.50", 300, 100), ("Payment received", 40, 114),
                ("-1,012.50", 300, 114), ("Energy charge", 40, 128), ("612.40", 300, 128),
                ("Network fee", 40, 142), ("200.00", 300, 142), ("Amount due", 40, 170), ("812.40", 300, 170))
    result = run(doc, schema)
    return result["previous_balance"], [(c["description"], c["amount"]) for c in result["charges"]]


def test_a_line_a_field_takes_and_one_the_description_leaves_out_are_no_items():
    # "Previous balance" is previous_balance's line; "Payment received" is a payment, which the charges are not
    balance, charges = _charges_bill("The itemised charges of this period (not payments, balances or totals).")
    assert balance == 1012.5
    assert charges == [("Energy charge", 612.4), ("Network fee", 200)]


def test_a_line_the_description_does_not_leave_out_stays_an_item():
    _, charges = _charges_bill("The lines of this bill.")
    assert ("Payment received", -1012.5) in charges
    assert ("Previous balance", 1012.5) not in charges


EARNINGS_AND_DEDUCTIONS = {"type": "object", "title": "Payslip", "properties": {
    "earnings": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "hours": {"type": ["number", "null"]},
        "rate": {"type": ["number", "null"]}, "amount": {"type": "number"}}}},
    "deductions": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "amount": {"type": "number"}}}}}}


def _two_lists(earnings_header: tuple[str, ...], deductions_header: tuple[str, str]):
    """A payslip PDF: the earnings' table, then the deductions under a header of their own, amounts in one column."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(60, 740, "Lindqvist Byggteknik AB")
    rows = [earnings_header, ("Monthly salary", "160", "250.00", "40,000.00"), ("Overtime", "5", "250.00", "1,250.00"),
            (deductions_header[0], "", "", deductions_header[1]), ("Income tax", "", "", "10,890.00"),
            ("Pension", "", "", "1,300.00"), ("Total earnings", "", "", "41,250.00"),
            ("Total withheld", "", "", "12,190.00"), ("Take-home pay", "", "", "29,060.00")]
    y = 660.0
    for k, row in enumerate(rows):
        y -= 28 if k in (3, 6) else 14
        for text, x in zip(row, (60, 230, 400, 570), strict=True):
            c.drawString(x, y, text)
    c.showPage()
    c.save()
    doc = parse_document(buf.getvalue(), filename="payslip.pdf")
    result = run(doc, EARNINGS_AND_DEDUCTIONS)
    return ([e["description"] for e in result["earnings"]], [d["description"] for d in result["deductions"]])


def test_a_list_read_line_by_line_keeps_no_row_of_another_lists_table():
    earnings, deductions = _two_lists(("Payments", "Units", "Rate", "Total"), ("Withholdings", "Total"))
    assert earnings == ["Monthly salary", "Overtime"]
    assert "Monthly salary" not in deductions


def test_a_table_two_lists_read_is_the_one_whose_fields_its_columns_fill_more_of():
    # "Description | Qty | Per hour | Sum" names no list: its hours and rates make it the earnings'
    earnings, deductions = _two_lists(("Description", "Qty", "Per hour", "Sum"), ("Less", "Sum"))
    assert earnings == ["Monthly salary", "Overtime"]
    assert "Monthly salary" not in deductions


def test_a_row_that_sums_the_amounts_above_it_closes_the_table_whatever_its_label():
    doc = document(page([("Employee: Elif Rossi", 40, 40), ("Deductions", 40, 100), ("Amount", 400, 100),
                         ("National Insurance", 40, 112), ("137.02", 400, 112), ("Pension", 40, 124),
                         ("695.70", 400, 124), ("Union Dues", 40, 136), ("884.52", 400, 136),
                         ("Less Total", 40, 148), ("1,717.24", 400, 148), ("Net Salary", 40, 160),
                         ("6,261.93", 400, 160)]))
    result = run(doc, PAYSLIP_LINES)
    assert [d["description"] for d in result["deductions"]] == ["National Insurance", "Pension", "Union Dues"]
