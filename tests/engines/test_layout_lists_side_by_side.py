"""Two lists of one schema printed in one band of rows or one under the other, each headed by a phrase that
names the list rather than a column ("Income", "Taxes & Deductions"); the summary under a table ("Net
Amount: 2,987.78") is no item; a period printed after a label the schema does not know is still the
schema's date range; a bare "Name:" names the one name field left open. Tables are real PDFs drawn with
reportlab, read by the real parser."""

from __future__ import annotations

from engine_docs import document, page
from tests.engines.test_layout_table_regions import PAYSLIP, _extract, _pdf

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

EARNINGS = [("Monthly Salary", "", "", "3,837.38"), ("Overtime 1.5x", "3", "36.62", "109.86")]
DEDUCTIONS = [("Union Dues", "324.13"), ("Health Insurance", "118.36"), ("Student Loan", "516.97")]


def _pay_lines(got: dict) -> tuple[list, list]:
    return ([(e["description"], e["amount"]) for e in got["earnings"]],
            [(d["description"], d["amount"]) for d in got["deductions"]])


def test_two_lists_side_by_side_on_one_band_of_rows_are_split_at_the_header_that_names_the_second() -> None:
    header = [(50, "Income", "l"), (200, "Days", "r"), (250, "Per Hour", "r"), (300, "Amount", "r"),
              (320, "Taxes & Deductions", "l"), (560, "This Period", "r")]
    rows = [header]
    for n, (desc, amount) in enumerate(DEDUCTIONS):
        left = EARNINGS[n] if n < len(EARNINGS) else ("", "", "", "")
        rows.append([(50, left[0], "l"), (200, left[1], "r"), (250, left[2], "r"), (300, left[3], "r"),
                     (320, desc, "l"), (560, amount, "r")])
    rows += [[], [(50, "Net Amount:", "l"), (160, "2,987.78", "r")]]
    earnings, deductions = _pay_lines(_extract(_pdf(rows), PAYSLIP, "per_doc"))
    assert earnings == [("Monthly Salary", 3837.38), ("Overtime 1.5x", 109.86)]
    assert deductions == [("Union Dues", 324.13), ("Health Insurance", 118.36), ("Student Loan", 516.97)]


def test_a_table_under_a_header_that_names_its_list_and_one_field_is_read() -> None:
    # "Income | Days | Rate/Hr | Amount" names one field of the earnings; "Income" names the list itself.
    rows = [[(50, "Income", "l"), (460, "Days", "r"), (510, "Rate/Hr", "r"), (560, "Amount", "r")],
            [(50, "Basic Pay", "l"), (560, "3,704.20", "r")], [(50, "Commission", "l"), (560, "613.05", "r")],
            [(50, "Taxes & Deductions", "l"), (560, "Total", "r")],
            [(50, "Student Loan", "l"), (560, "463.69", "r")], [(50, "Provident Fund", "l"), (560, "575.69", "r")],
            [], [(50, "Year-to-Date Gross:", "l"), (200, "9,036.35", "r")]]
    earnings, deductions = _pay_lines(_extract(_pdf(rows), PAYSLIP, "per_doc"))
    assert earnings == [("Basic Pay", 3704.2), ("Commission", 613.05)]
    assert deductions == [("Student Loan", 463.69), ("Provident Fund", 575.69)]


BILL = {"type": "object", "title": "Utility bill", "properties": {
    "usage": {"type": ["number", "null"], "description": "Consumption billed for the period."},
    "billing_period": {"type": "object", "properties": {
        "start_date": {"type": "string", "format": "date", "description": "First day of the period billed."},
        "end_date": {"type": "string", "format": "date", "description": "Last day of the period billed."}}},
    "amount_due": {"type": "number"}}}


def test_two_dates_after_a_label_fill_the_schemas_date_range_though_the_label_is_nearer_another_field() -> None:
    # "Usage Period" is nearer `usage` than `billing_period` in meaning; only the period holds two dates.
    doc = document(page([("Meridian Energy", 40, 20), ("Usage Period: 17-1-2024 - 16-4-2024", 40, 60),
                         ("Amount Due:", 40, 200), ("116.26", 300, 200)]))
    got = extract_document(doc, ExtractOptions(BILL)).result
    assert got["billing_period"] == {"start_date": "2024-01-17", "end_date": "2024-04-16"}


PAYEE = {"type": "object", "title": "Payslip", "properties": {
    "employer_name": {"type": "string", "description": "Name of the employer."},
    "employee_name": {"type": "string", "description": "Employee's name as printed."},
    "net_pay": {"type": "number"}}}


def test_a_bare_name_label_names_the_one_name_field_left_open() -> None:
    # "Name" says only that a name follows; the employer's is the letterhead, so this one is the employee's.
    doc = document(page([("Ironbark Design Studio Pte Ltd", 40, 20), ("PAYSLIP", 40, 60),
                         ("Name : Camille Brennan", 40, 90), ("Net Pay :", 40, 200), ("3,594.12", 300, 200)]))
    got = extract_document(doc, ExtractOptions(PAYEE)).result
    assert got["employer_name"] == "Ironbark Design Studio Pte Ltd"
    assert got["employee_name"] == "Camille Brennan"


def test_a_header_that_begins_with_a_preposition_is_one_phrase() -> None:
    # "Per Hour" heads the rate; its "Hour" alone would name the hours.
    rows = [[(50, "Description", "l"), (390, "Hrs", "r"), (450, "Per Hour", "r"), (520, "Amount", "r")],
            [(50, "Hours Worked", "l"), (390, "53", "r"), (450, "42.48", "r"), (520, "2,251.44", "r")]]
    got = _extract(_pdf(rows), PAYSLIP, "per_doc")["earnings"]
    assert [(e["hours"], e["rate"], e["amount"]) for e in got] == [(53, 42.48, 2251.44)]


CUSTOMER = {"type": "object", "title": "Utility Bill", "properties": {
    "provider_name": {"type": "string", "description": "Name of the utility company issuing the bill."},
    "customer_name": {"type": "string", "description": "Name of the account holder the bill is addressed to."}}}


def test_a_title_that_names_the_documents_kind_is_no_addressee() -> None:
    # "Gas Bill" heads the addressee block of a utility bill: the bill's kind, not the customer.
    doc = document(page([("Copperleaf Energy e.K.", 170, 20), ("Am Hauptplatz 8, 90028 Nürnberg", 170, 34),
                         ("Gas Bill", 44, 120), ("Hannah Fitzgerald", 44, 136), ("Goetheweg 317", 44, 150),
                         ("04534 Leipzig", 44, 164), ("Deutschland", 44, 178)]))
    got = extract_document(doc, ExtractOptions(CUSTOMER)).result
    assert got["customer_name"] == "Hannah Fitzgerald"
