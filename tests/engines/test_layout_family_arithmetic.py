"""Bills, payslips and delivery notes worded unlike any label the engine knows: the document's arithmetic and
the schema's own words say which figure is which. A consumption is the later meter reading less the earlier
one; a list's total is the figure its items sum to; two lists in one table split by their figures' column; a
lone quantity column goes to the field its header means, else to the one the schema requires; one line with
three figures says which is the quantity; a levy is its rate of the charges above it; an identifier labelled
as a thing the schema names elsewhere ("Tax ID") is no employee's; a figure after a label meaning took for a
date is read by elimination; line numbers fused to codes are dropped."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document
from assay.semantics import match


def run(doc, schema):
    return extract_document(doc, ExtractOptions(schema)).result


BILL = {"type": "object", "title": "Utility bill", "properties": {
    "account_number": {"type": "string"},
    "usage": {"type": ["number", "null"], "description": "Consumption billed for the period; null if not printed."},
    "usage_unit": {"type": ["string", "null"], "description": "Unit of the usage as printed."},
    "amount_due": {"type": "number"}}}


def test_a_consumption_is_the_later_reading_less_the_earlier_whatever_its_column_is_called():
    doc = document(page([("Vantage Water", 40, 20), ("Account Number: 6198953613", 40, 40),
                         ("Zaehler", 40, 100), ("Anfang", 250, 100), ("Ende", 320, 100), ("Verbrauch", 400, 100),
                         ("Ablesung", 40, 116), ("86,251", 250, 116), ("86,283", 320, 116), ("32 kL", 400, 116),
                         ("Amount Due:", 40, 160), ("116.36", 300, 160)]))
    result = run(doc, BILL)
    assert (result["usage"], result["usage_unit"]) == (32, "kL")
    assert result["amount_due"] == 116.36


def test_no_reading_row_no_consumption():
    doc = document(page([("Vantage Water", 40, 20), ("Account Number: 6198953613", 40, 40),
                         ("Meter rental", 40, 116), ("25.50", 400, 116),
                         ("Amount Due:", 40, 160), ("25.50", 300, 160)]))
    result = run(doc, BILL)
    assert result["usage"] is None
    assert result["usage_unit"] is None


PAYSLIP = {"type": "object", "title": "Payslip", "properties": {
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "employee_id": {"type": ["string", "null"],
                    "description": "Employee / payroll / staff number; null if none is printed."},
    "deductions": {"type": "array", "description": "Deductions of this period (taxes, social insurance, other).",
                   "items": {"type": "object", "properties": {
                       "description": {"type": "string"}, "amount": {"type": "number"}}}},
    "total_deductions": {"type": ["number", "null"],
                         "description": "Total of the period's deductions as printed; null if none is printed."},
    "net_pay": {"type": "number"}}}


def _payslip(*lines: tuple[str, float, float]):
    return document(page([("Ironbark Design Studio", 40, 20), ("Name : Camille Brennan", 40, 60), *lines,
                          ("Deductions", 40, 150), ("Amount", 400, 150),
                          ("Pension", 40, 166), ("87.07", 400, 166),
                          ("Student Loan", 40, 182), ("154.23", 400, 182),
                          ("Union Dues", 40, 198), ("42.41", 400, 198),
                          ("Abzuege gesamt :", 250, 240), ("283.71", 400, 240),
                          ("Net Pay :", 250, 256), ("3,594.12", 400, 256)]))


def test_a_lists_total_is_the_figure_its_items_sum_to_whatever_its_label_says():
    result = run(_payslip(), PAYSLIP)
    assert [d["amount"] for d in result["deductions"]] == [87.07, 154.23, 42.41]
    assert result["total_deductions"] == 283.71
    assert result["net_pay"] == 3594.12


def test_an_identifier_labelled_as_another_things_is_not_the_employees():
    result = run(_payslip(("Tax Id : ZCQZA5806K", 40, 76)), PAYSLIP)
    assert result["employee_id"] is None
    result = run(_payslip(("Staff No. : E28613", 40, 76)), PAYSLIP)
    assert result["employee_id"] == "E28613"


def test_the_owner_word_of_an_identifier_label_decides_whose_it_is():
    field = match.FieldText("employee_id", "", "Employee / payroll / staff number; null if none is printed.")
    assert match.foreign_owners("Tax ID", field) == ("tax",)
    assert match.foreign_owners("Payroll No.", field) == ()
    assert match.foreign_owners("Emp Code", field) == ()
    assert match.foreign_owners("Employee ID", field) == ()
    deductions = match.FieldText("deductions", "", "Deductions (taxes, social insurance, pension, other).")
    assert match.mentions("tax", deductions)
    assert not match.mentions("pin", deductions)


ORDER = {"type": "object", "title": "Purchase order", "properties": {
    "po_number": {"type": "string", "description": "The purchase order's number."},
    "tax": {"type": ["number", "null"], "description": "Tax amount; null if not printed."},
    "total": {"type": "number", "description": "Order total."}}}


def test_an_identifier_whose_owner_word_the_schema_uses_nowhere_is_left_to_meaning():
    # "Indent" is a purchase order's other name in some countries: no field of the schema says it is anything
    # else, so the label is read as meaning reads it; "Tax Reg No." is the tax's, a field the schema has
    doc = document(page([("Buyer Co.", 40, 20), ("Tax Reg No.: 29ABCDE1234F", 300, 40),
                         ("Indent No.: BNT/0865/23", 300, 60), ("Total:", 300, 200), ("1,250.00", 400, 200)]))
    assert run(doc, ORDER)["po_number"] == "BNT/0865/23"


NOTE = {"type": "object", "title": "Delivery note", "properties": {"items": {"type": "array", "items": {
    "type": "object", "properties": {
        "item_code": {"type": ["string", "null"], "description": "Product code / SKU of the line."},
        "description": {"type": "string", "description": "Item description as printed."},
        "quantity_ordered": {"type": ["number", "null"],
                             "description": "Quantity ordered, when printed apart from the delivered; null otherwise."},
        "quantity_delivered": {"type": "number", "description": "Quantity shipped / delivered on this note."}}}}}}


def _note(header: str):
    rows = [("UA10794", "Hi-vis safety vest, class 2", "192"), ("YH91303", "Concrete anchor 12 x 100", "246"),
            ("BX95282", "Microfibre cleaning cloths", "9")]
    lines = [("Delivery Note DN-902870", 40, 20), ("Item Code", 40, 100), ("Description", 130, 100),
             (header, 420, 100)]
    for n, (code, desc, qty) in enumerate(rows):
        lines += [(code, 40, 116 + 16 * n), (desc, 130, 116 + 16 * n), (qty, 420, 116 + 16 * n)]
    return document(page(lines))


def test_one_quantity_column_goes_to_the_quantity_its_header_means():
    items = run(_note("Shipped"), NOTE)["items"]
    assert [(i["quantity_delivered"], i["quantity_ordered"]) for i in items] == [(192, None), (246, None), (9, None)]


def test_one_quantity_column_under_a_header_that_says_neither_goes_to_the_required_quantity():
    items = run(_note("Menge"), NOTE)["items"]
    assert [(i["quantity_delivered"], i["quantity_ordered"]) for i in items] == [(192, None), (246, None), (9, None)]


def test_a_column_of_whole_numbers_whose_header_means_a_quantity_is_no_item_code():
    # no code column: "Shipped" names the delivered quantity, and "Qty Req." over the other whole numbers
    # means the ordered one, though a code could be printed in digits
    rows = [("Hi-vis safety vest, class 2", "147", "73"), ("Glass beaker 250 ml", "227", "227"),
            ("Copper pipe 15 mm x 3 m", "231", "115")]
    lines = [("Packing List", 40, 20), ("Details", 40, 100), ("Qty Req.", 300, 100), ("Shipped", 420, 100),
             ("Unit", 500, 100)]
    for n, (desc, ordered, shipped) in enumerate(rows):
        lines += [(desc, 40, 116 + 16 * n), (ordered, 300, 116 + 16 * n), (shipped, 420, 116 + 16 * n),
                  ("PCS", 500, 116 + 16 * n)]
    item = NOTE["properties"]["items"]["items"]
    schema = {**NOTE, "properties": {"items": {"type": "array", "items": {**item, "properties": {
        **item["properties"], "unit": {"type": ["string", "null"], "description": "Unit of measure as printed."}}}}}}
    items = run(document(page(lines)), schema)["items"]
    assert [(i["item_code"], i["quantity_ordered"], i["quantity_delivered"]) for i in items] == [
        (None, 147, 73), (None, 227, 227), (None, 231, 115)]


PAY = {"type": "object", "title": "Payslip", "properties": {
    "employer_name": {"type": "string", "description": "Name of the employer."},
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "earnings": {"type": "array", "description": "Earnings lines of this period.", "items": {
        "type": "object", "properties": {"description": {"type": "string"}, "amount": {"type": "number"}}}},
    "deductions": {"type": "array", "description": "Deductions of this period.", "items": {
        "type": "object", "properties": {"description": {"type": "string"}, "amount": {"type": "number"}}}},
    "net_pay": {"type": "number"}}}


def test_two_lists_in_one_table_take_the_rows_of_their_figures_column():
    lines = [("Northgate Supplies", 200, 20), ("Employee : Siobhan Andersen", 40, 60),
             ("Components", 40, 100), ("Betrag", 380, 100), ("Einbehalten", 460, 100),
             ("Basic Pay", 40, 116), ("3,471.57", 380, 116), ("Commission", 40, 132), ("579.47", 392, 132),
             ("National Insurance", 40, 148), ("86.98", 480, 148), ("Income Tax", 40, 164), ("222.72", 474, 164),
             ("Union Dues", 40, 180), ("301.91", 474, 180), ("Net Amount :", 300, 220), ("3,439.43", 460, 220)]
    result = run(document(page(lines)), PAY)
    assert [(e["description"], e["amount"]) for e in result["earnings"]] == [("Basic Pay", 3471.57),
                                                                             ("Commission", 579.47)]
    assert [(d["description"], d["amount"]) for d in result["deductions"]] == [
        ("National Insurance", 86.98), ("Income Tax", 222.72), ("Union Dues", 301.91)]



STATEMENT = {"type": "object", "title": "Utility bill", "properties": {
    "bill_date": {"type": "string", "format": "date", "description": "Date the bill was issued."},
    "previous_balance": {"type": ["number", "null"],
                         "description": "Balance carried over from the previous bill; null if not printed."},
    "tax_amount": {"type": ["number", "null"], "description": "Total tax on the bill; null if none is printed."},
    "amount_due": {"type": "number", "description": "Total amount the customer must pay for this bill."}}}


def _statement():
    return document(page([("Meridian Energy", 40, 20), ("Bill Date: 28/11/2025", 300, 40),
                          ("Last Bill:", 40, 100), ("271.28", 500, 100),
                          ("Payment Received:", 40, 116), ("-135.64", 500, 116),
                          ("Usage charge", 40, 132), ("245.95", 500, 132),
                          ("Network charge", 40, 148), ("139.72", 500, 148),
                          ("Meter rental", 40, 164), ("58.85", 500, 164),
                          ("Igst 18%:", 40, 180), ("80.01", 500, 180),
                          ("Amount Due:", 40, 200), ("660.17", 500, 200)]))


def test_a_levy_is_its_rate_of_the_charges_printed_above_it_when_no_line_prints_their_sum():
    # no label the engine knows says "Igst"; 18 % of the three charges above it (444.52) is 80.01
    assert run(_statement(), STATEMENT)["tax_amount"] == 80.01


def test_a_label_meaning_gives_a_date_is_read_by_elimination_when_a_figure_follows_it():
    # "Last Bill" is nearest the bill's date in meaning, but a figure follows it: of the amounts left open,
    # "last" says the previous one
    assert run(_statement(), STATEMENT)["previous_balance"] == 271.28


EARNINGS = {"type": "object", "title": "Payslip", "properties": {"earnings": {"type": "array", "items": {
    "type": "object", "properties": {"description": {"type": "string"}, "hours": {"type": ["number", "null"]},
                                    "rate": {"type": ["number", "null"]}, "amount": {"type": "number"}}}}}}


def test_one_line_with_three_figures_says_which_is_the_hours_and_which_the_rate():
    # the headers say nothing of hours or rate ("Tage", "Satz"), only one line prints both: 3 x 36.62 = 109.86
    lines = [("Earnings", 40, 100), ("Tage", 200, 100), ("Satz", 260, 100), ("Amount", 340, 100),
             ("Monthly Salary", 40, 116), ("3,837.38", 340, 116),
             ("Overtime", 40, 132), ("3", 212, 132), ("36.62", 260, 132), ("109.86", 346, 132)]
    rows = run(document(page(lines)), EARNINGS)["earnings"]
    assert [(r["hours"], r["rate"], r["amount"]) for r in rows] == [(None, None, 3837.38), (3, 36.62, 109.86)]


def test_line_numbers_printed_tight_against_the_codes_are_not_part_of_them():
    rows = [("1 73-KA569-97", "Copper pipe 15 mm x 3 m", "19"), ("2 70-GV763-86", "Glass beaker 250 ml", "16"),
            ("3 10-RC842-53", "Organic rolled oats 25 kg sack", "31")]
    lines = [("Delivery Note DN-902870", 40, 20), ("# Item #", 40, 100), ("Description", 130, 100),
             ("Delivered", 420, 100)]
    for n, (code, desc, qty) in enumerate(rows):
        lines += [(code, 40, 116 + 16 * n), (desc, 130, 116 + 16 * n), (qty, 432, 116 + 16 * n)]
    items = run(document(page(lines)), NOTE)["items"]
    assert [(i["item_code"], i["quantity_delivered"]) for i in items] == [
        ("73-KA569-97", 19), ("70-GV763-86", 16), ("10-RC842-53", 31)]


DOCKET = {"type": "object", "title": "Delivery note", "properties": {
    "delivery_note_number": {"type": "string", "description": "The delivery note's own number as printed."}}}


def test_a_word_without_a_digit_under_a_numbers_label_is_no_number():
    # the title "Delivery Note" names the note's number; under it, the table header "# Material" is no number
    doc = document(page([("Delivery Note", 40, 100), ("# Material", 40, 116), ("Description", 140, 116),
                         ("1 VE85526", 40, 132), ("Ergonomic mesh office chair", 140, 132)]))
    assert run(doc, DOCKET)["delivery_note_number"] is None


def test_a_number_printed_in_capitals_without_a_digit_is_still_the_number():
    doc = document(page([("Delivery Note No:", 40, 100), ("DN-NORTH", 160, 100), ("# Material", 40, 132),
                         ("Description", 140, 132), ("1 VE85526", 40, 148), ("Ergonomic mesh office chair", 140, 148)]))
    assert run(doc, DOCKET)["delivery_note_number"] == "DN-NORTH"


CHARGES = {"type": "object", "title": "Utility bill", "properties": {
    "charges": {"type": "array", "description": "The itemised charges of this period.", "items": {
        "type": "object", "properties": {"description": {"type": "string"}, "amount": {"type": "number"}}}},
    "amount_due": {"type": "number", "description": "Total amount the customer must pay for this bill."}}}


def test_a_summary_total_at_the_top_of_a_bill_does_not_hide_the_charges_under_it():
    doc = document(page([("Halcyon Water", 40, 20), ("Balance Due :", 348, 40), ("59.74", 460, 40),
                         ("New charges", 40, 200), ("Supply used", 40, 220), ("39.85", 500, 220),
                         ("Meter rental", 40, 236), ("15.98", 500, 236), ("VAT 7% :", 40, 252), ("3.91", 500, 252),
                         ("Total To Pay :", 40, 268), ("59.74", 500, 268)]))
    charges = run(doc, CHARGES)["charges"]
    assert [(c["description"], c["amount"]) for c in charges] == [("Supply used", 39.85), ("Meter rental", 15.98)]
