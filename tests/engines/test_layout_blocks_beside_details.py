"""A bill's customer block (name and postal address) printed beside its details, in any arrangement: a column of
labels beside their values, a stack of labels over values; labels the synonym table does not know; a quantity
printed with its unit; the account summary's lines, which name the list of charges, not a field."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

BILL = {"type": "object", "title": "Utility bill", "properties": {
    "provider_name": {"type": "string", "description": "Name of the utility company issuing the bill."},
    "customer_name": {"type": "string", "description": "Name of the account holder the bill is addressed to."},
    "account_number": {"type": "string",
                       "description": "Customer account number exactly as printed (not the meter number)."},
    "bill_date": {"type": "string", "description": "Date the bill was issued, YYYY-MM-DD."},
    "billing_period": {"type": "object", "properties": {
        "start_date": {"type": "string", "description": "First day of the period billed, YYYY-MM-DD."},
        "end_date": {"type": "string", "description": "Last day of the period billed, YYYY-MM-DD."}}},
    "meter_number": {"type": ["string", "null"], "description": "Meter number / identifier as printed."},
    "usage": {"anyOf": [{"type": "number"}, {"type": "null"}],
              "description": "Consumption billed for the period, in the unit printed next to it; null if not printed."},
    "usage_unit": {"type": ["string", "null"],
                   "description": "Unit of the usage as printed, e.g. 'kWh', 'm³', 'therms'; null if no usage."},
    "charges": {"type": "array", "description": "The itemised charges of this period.", "items": {
        "type": "object", "properties": {"description": {"type": "string"}, "amount": {"type": "number"}}}},
    "amount_due": {"type": "number", "description": "Total amount the customer must pay for this bill."}}}

CUSTOMER = ["Priya Natarajan", "221 Maple Avenue", "Springfield, IL 62704"]


CHARGES = [("Water Supply", "208", "0.5901", "122.74"), ("Energy Charge", "373", "1.0445", "389.60"),
           ("Delivery Charge", "178", "1.5040", "267.71")]
SUMMARY = [("Charges this period", "780.05"), ("Amount Due", "780.05")]
LINES = [("Water Supply", 122.74), ("Energy Charge", 389.6), ("Delivery Charge", 267.71)]
ACCOUNT = [("Previous Balance", "81.26"), ("Payments - Thank You", "-81.26"), ("Charges this period", "780.05"),
           ("VAT", "39.00"), ("Please Pay", "$819.05")]


def _bill(details: list[tuple[str, str]], style: str = "columns", usage: str | None = None,
          summary: list[tuple[str, str]] = SUMMARY, rated: bool = False) -> dict:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 745, "Cascade Power & Light")
    c.setFont("Helvetica", 9)
    for n, line in enumerate(CUSTOMER):
        c.drawString(50, 700 - 12 * n, line)
    for n, (label, value) in enumerate(details):
        if style == "stack":
            x, y = 330 + 130 * (n % 2), 700 - 28 * (n // 2)
            c.drawString(x, y, label)
            c.drawString(x, y - 11, value)
        elif style == "colon":
            c.drawString(330, 700 - 13 * n, f"{label}: {value}")
        else:
            c.drawString(330, 700 - 13 * n, label)
            c.drawString(450, 700 - 13 * n, value)
    if usage:
        c.drawString(330, 560, usage)
    y = 500
    if rated:
        for x, text in ((300, "Units"), (380, "Rate"), (470, "Cost (£)")):
            c.drawRightString(x, y, text)
        c.drawString(50, y, "Your Charges")
        y -= 13
    for text, units, rate, amount in CHARGES:
        c.drawString(50, y, text)
        if rated:
            c.drawRightString(300, y, units)
            c.drawRightString(380, y, rate)
        c.drawRightString(470, y, amount)
        y -= 13
    for text, amount in summary:
        y -= 20
        c.drawString(300, y, text)
        c.drawRightString(470, y, amount)
    c.showPage()
    c.save()
    doc = parse_document(buf.getvalue(), filename="bill.pdf")
    return extract_document(doc, ExtractOptions(BILL)).result


DETAILS = [("Contract Account", "AC-43059916"), ("Statement Date", "03/07/2026"),
           ("Supply Period", "01/06/2026 - 30/06/2026")]


def test_the_customers_name_is_read_beside_a_column_of_labels_the_table_does_not_know():
    # the block's rows line up with the labels' rows in three columns: it is still a block beside them, no grid
    assert _bill(DETAILS)["customer_name"] == "Priya Natarajan"


def test_a_label_that_qualifies_the_identifiers_head_word_names_it():
    # "Contract" is no word of the field's; "Account", the head word, is
    assert _bill(DETAILS)["account_number"] == "AC-43059916"


def test_a_stack_of_labels_over_values_beside_the_customers_block_is_read_as_a_stack():
    out = _bill([*DETAILS, ("Meter", "M671259")], style="stack")
    assert (out["customer_name"], out["account_number"], out["bill_date"]) == (
        "Priya Natarajan", "AC-43059916", "2026-07-03")
    assert out["billing_period"] == {"start_date": "2026-06-01", "end_date": "2026-06-30"}


def test_a_usage_label_qualified_by_its_period_names_the_usage_not_the_period():
    out = _bill(DETAILS, usage="Usage This Period: 1,601 kWh")
    assert (out["usage"], out["usage_unit"]) == (1601, "kWh")


def test_a_label_meaning_the_unit_fills_the_quantity_and_its_unit_from_the_figure_and_the_word_after_it():
    out = _bill(DETAILS, usage="Units Used: 1,973 therms")
    assert (out["usage"], out["usage_unit"]) == (1973, "therms")


def test_the_line_that_sums_a_list_names_no_field_left_open():
    # "Charges this period" means the charges (their sum): no usage, which nothing on the bill prints
    out = _bill(DETAILS)
    assert (out["usage"], out["usage_unit"], out["amount_due"]) == (None, None, 780.05)
    assert [(c["description"], c["amount"]) for c in out["charges"]] == LINES


def test_a_label_whose_head_announces_an_identifier_gives_no_name():
    # "Customer Ref." means the customer about as much as the account: its head word says an identifier follows
    out = _bill([("Customer Ref.", "AC-21598114"), ("Statement Date", "2026-02-02")], style="colon")
    assert (out["customer_name"], out["account_number"]) == ("Priya Natarajan", "AC-21598114")


def test_an_identifier_label_with_words_the_field_does_not_use_names_it_by_one_it_does():
    out = _bill([("Contract Account", "AC-43059916"), ("Bill Date", "03/07/2026"),
                 ("Supply Period", "01/06/2026 - 30/06/2026"), ("Meter Serial No.", "M952500")], style="stack")
    assert out["meter_number"] == "M952500"  # "Serial" is no word of the field's; "Meter" is


def test_a_quantity_with_its_unit_is_read_for_a_label_meaning_only_narrowly_picks():
    # "Energy Used" is close in meaning to nothing the schema names: by elimination, a figure and its unit fit
    # the one number whose unit another field holds
    out = _bill(DETAILS, usage="Energy Used: 2,062 m3")
    assert (out["usage"], out["usage_unit"]) == (2062, "m3")


def test_a_total_no_label_names_is_the_sum_of_the_lines_above_it_with_its_sign_printed_on_it():
    assert _bill(DETAILS, summary=ACCOUNT)["amount_due"] == 819.05


def test_a_charges_amount_is_the_column_that_units_times_rate_make_whatever_its_header():
    # the account summary's figures under the costs make the column no one kind's: the arithmetic says which it is
    out = _bill(DETAILS, rated=True, summary=ACCOUNT)
    assert [(c["description"], c["amount"]) for c in out["charges"]] == LINES


def test_a_label_alone_before_two_dates_joined_by_a_range_word_names_the_schemas_only_period():
    # "Covering" names nothing by its words; it stands before the one phrase of its row, two dates in order
    out = _bill([("Contract Account", "AC-43059916"), ("Covering", "01/06/2026 - 30/06/2026")])
    assert out["billing_period"] == {"start_date": "2026-06-01", "end_date": "2026-06-30"}
