"""Printed labels against schema fields: by meaning where the model is installed, by words where it is not."""

from __future__ import annotations

import numpy as np
import pytest

from assay.semantics import embed, match
from assay.semantics.match import FieldText

PAYSLIP = [
    FieldText("employee_name", context="Payslip"),
    FieldText("pay_date", description="The day the wages reach the employee's account", context="Payslip"),
    FieldText("gross_pay", description="Earnings before any deductions", context="Payslip"),
    FieldText("net_pay", description="What the employee receives after deductions", context="Payslip"),
    FieldText("income_tax", description="Income tax taken from the pay", context="Payslip"),
    FieldText("pension", description="Contributions to a retirement plan", context="Payslip"),
    FieldText("employee_id", title="Staff number", context="Payslip"),
]
INVOICE = [
    FieldText("invoice_number", context="Invoice"),
    FieldText("invoice_date", description="Date the invoice was issued", context="Invoice"),
    FieldText("total", description="The total amount due including tax", context="Invoice"),
    FieldText("tax_amount", description="Sales tax or VAT charged", context="Invoice"),
    FieldText("ship_to", description="Address the goods are delivered to", context="Invoice"),
    FieldText("account_holder", context="Invoice"),
    FieldText("account_number", context="Invoice"),
]


def best(printed: str, fields: list[FieldText]) -> str:
    row = match.score_matrix([printed], fields)[0]
    return fields[int(row.argmax())].name


# Wordings in no synonym table, sharing no word with the field's name: only their meaning (or the
# field's description) connects them.
@pytest.mark.parametrize(("printed", "field"), [
    ("Retirement Savings", "pension"),
    ("Pay before deductions", "gross_pay"),
    ("Tax Withheld", "income_tax"),
    ("Wages paid on", "pay_date"),
])
def test_meaning_finds_the_field_no_word_names(printed: str, field: str) -> None:
    assert best(printed, PAYSLIP) == field


@pytest.mark.parametrize(("printed", "field"), [
    ("Goods delivered to", "ship_to"),
    ("Total owing", "total"),
    ("Charged tax", "tax_amount"),
])
def test_meaning_finds_invoice_fields(printed: str, field: str) -> None:
    assert best(printed, INVOICE) == field


def test_the_head_word_tells_a_name_from_a_number() -> None:
    assert best("Account Name", INVOICE) == "account_holder"
    assert best("Acct. No.", INVOICE) == "account_number"



def test_a_deadline_word_at_a_labels_end_announces_a_date_and_before_other_words_qualifies_them() -> None:
    assert match.head_kind("Pay Before") == "date"
    assert match.head_kind("Deadline") == "date"
    assert match.head_kind("Total before tax") == "amount"

def test_an_opposite_qualifier_lowers_the_score() -> None:
    gross_weight = FieldText("gross_weight_kg", description="Total weight of the shipment")
    assert match.field_score("Net Weight", gross_weight) < match.field_score("Gross Wt.", gross_weight) - 0.2


def test_a_qualifier_the_schema_gives_another_field_goes_to_that_field() -> None:
    bill = [FieldText("previous_balance", description="Balance brought forward from the last bill", context="Bill"),
            FieldText("amount_due", description="Total amount the customer must pay for this bill", context="Bill"),
            FieldText("move_in_date", description="Requested move-in date", context="Bill")]
    assert best("Amount of Last Bill", bill) == "previous_balance"
    assert best("Total to Pay", bill) == "amount_due"


@pytest.mark.parametrize("switch", ["on", "off"])
def test_words_abbreviations_and_initials_match_with_or_without_the_model(
        switch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.ENV_SWITCH, switch)
    assert embed.available() == (switch == "on")
    assert best("Invoice No.:", INVOICE) == "invoice_number"
    assert best("Emp #", PAYSLIP) == "employee_id"
    people = [FieldText("first_name"), FieldText("date_of_birth"), FieldText("postal_code")]
    assert best("DOB", people) == "date_of_birth"
    assert match.field_score("Account Name", INVOICE[5]) > match.field_score("Account Name", INVOICE[6])


def test_a_word_is_abbreviated_by_its_kept_letters_not_by_any_letters_in_order() -> None:
    """"Dept" keeps department's start and drops vowels after it; "due" has a vowel its start does not give it,
    so a "Document #" names nothing a due date says."""
    assert match.mentions("dept", FieldText("department_name"))
    assert match.mentions("qty", FieldText("quantity"))
    assert not match.mentions("document", FieldText("due_date"))


def test_without_the_model_only_shared_words_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Superannuation" shares no word with any field; "Retirement Savings" shares one with the pension's
    description ("Contributions to a retirement plan") and with nothing else."""
    monkeypatch.setenv(embed.ENV_SWITCH, "off")
    scores = match.score_matrix(["Retirement Savings", "Superannuation"], PAYSLIP)
    assert scores.shape == (2, len(PAYSLIP))
    assert (scores[1] == 0).all()
    pension = [f.name for f in PAYSLIP].index("pension")
    assert scores[0, pension] > 0
    assert (np.delete(scores[0], pension) == 0).all()


def test_scores_are_bounded_and_repeatable() -> None:
    first = match.score_matrix(["Total owing", "", "Charged tax:"], INVOICE)
    assert ((first >= 0) & (first <= 1)).all()
    assert (first[1] == 0).all()
    assert (match.score_matrix(["Total owing", "", "Charged tax:"], INVOICE) == first).all()


def test_a_narrowing_qualifier_names_neither_the_bare_head_nor_what_it_leaves_out() -> None:
    total, tax = FieldText("total"), FieldText("tax_amount")
    assert match.field_score("Total excl. VAT", total) < 0.5 <= match.field_score("Total incl. VAT", total)
    assert match.field_score("Total before tax", tax) < 0.5
    assert match.field_score("Sub-total", FieldText("subtotal")) > match.field_score("Sub-total", total)


def test_words_read_possessives_and_dotted_initials_as_the_word() -> None:
    assert match.words("Buyer's Phone") == ("buyer", "phone")
    assert match.words("Given Name(s):") == ("given", "name")
    assert match.words("P.O. #") == ("po", "#")


def test_owed_words_are_one_anothers_equals() -> None:
    fields = [FieldText("amount_due", context="Invoice"),
              FieldText("amount_paid", description="Payments already received", context="Invoice")]
    assert best("Amount Payable", fields) == "amount_due"
    assert best("Balance Outstanding", fields) == "amount_due"


def test_a_label_word_the_description_uses_in_another_form_covers_it() -> None:
    application = [FieldText("available_from", description="Earliest date the applicant can start",
                             context="Job application"), FieldText("date_of_birth", context="Job application")]
    assert best("Date Available", application) == "available_from"
    issued = FieldText("invoice_date", description="Date the invoice was issued", context="Invoice")
    assert match.field_score("Issue Date", issued) > match.field_score("Issue Date", FieldText("invoice_date"))


def test_what_a_description_says_a_field_is_not_covers_no_label_word(monkeypatch) -> None:
    monkeypatch.setenv(embed.ENV_SWITCH, "off")  # the words alone: the model reads the whole description
    allergies = FieldText("allergies", description="Known drug reactions (not side effects of treatment)")
    assert match.field_score("Side Effects", allergies) == 0.0
    assert match.field_score("Side Effects", FieldText("allergies", description="Side effects of drugs")) > 0.5


def test_another_word_for_the_fields_side_agrees_with_it() -> None:
    lease = [FieldText("lease_start"), FieldText("lease_end")]
    assert match.field_score("Term Begins", lease[0]) > match.field_score("Term", lease[0]) + 0.1
    assert best("Term Ends", lease) == "lease_end"
    statement = [FieldText("total_deposits"), FieldText("total_withdrawals")]
    assert match.field_score("Total Credits", statement[0]) > match.field_score("Total Debits", statement[0]) + 0.3


def test_what_is_owed_and_what_is_paid_are_opposites() -> None:
    invoice = [FieldText("total", description="The total amount due including tax", context="Invoice"),
               FieldText("amount_paid", description="Payments or deposits already received", context="Invoice")]
    assert best("Amount Payable (incl. VAT)", invoice) == "total"
    assert best("Amount Received", invoice) == "amount_paid"
    owed = FieldText("amount_due")
    assert match.field_score("Amount Settled", owed) < match.field_score("Amount Outstanding", owed) - 0.3


def test_a_description_word_does_not_stand_in_for_the_fields_own_word(monkeypatch) -> None:
    # "Customer" in "Customer purchase order number" says whose order it is: "Customer No." is still no PO number,
    # where "Excess" alone is what a deductible is ("Excess the insured pays")
    monkeypatch.setenv(embed.ENV_SWITCH, "off")
    po = FieldText("po_number", description="Customer purchase order number referenced on the invoice")
    assert match.field_score("Customer No.", po) == match.field_score("Customer No.", FieldText("po_number"))
    assert match.field_score("Customer Site", po) == 0.0
    assert match.field_score("Excess", FieldText("deductible", description="Excess the insured pays")) > 0.5
    # a label that says nothing but what the description says the field is of: "Premises" for the address
    service = FieldText("service_address", description="Address of the premises supplied")
    assert match.field_score("Premises", service) > 0.5
    # another name the description gives the field is one ("Tracking, waybill or consignment number")
    tracking = FieldText("tracking_number", description="Tracking, waybill or consignment number")
    assert match.field_score("Consignment No.", tracking) > match.field_score("Consignment No.",
                                                                             FieldText("tracking_number")) + 0.1


def test_an_abbreviation_the_model_cannot_read_is_read_spelled_out_as_the_fields_word() -> None:
    """"TTL" is no word to the model; read as "total" it means the total. A bare start of a word in capitals
    is read as it is: "POS" is a point of sale, no postal code."""
    receipt = [FieldText("total", description="The final total paid"), FieldText("cashier"),
               FieldText("receipt_number")]
    assert best("TTL", receipt) == "total"
    assert match.field_score("TTL", receipt[0]) >= 0.8
    assert match.field_score("POS", FieldText("postal_code")) < 0.5
