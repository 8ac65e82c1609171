"""label_score tries a field's label variants best bound first and stops early (domain.labels._best_variant):
the score must be the one the plain in-order reading of every variant gives."""

from __future__ import annotations

import pytest

from assay.domain import labels

FIELDS = [("invoice_number", "", "Invoice"), ("total_amount", "Grand total", ""), ("customer_po", "", ""),
          ("account_name", "", "Statement"), ("date_of_birth", "", ""), ("gross_weight_kg", "", "")]
PRINTED = ["Invoice No.", "invoiceno", "Invoice Nurnber", "Inv #", "Total", "Grand Total", "Amount Due",
           "Customer PO", "Customer No", "Account Number", "Acct Name", "Date of Birth", "DOB", "Gross Wt",
           "Net Weight", "Ship To", "Thank you for your business", "No", "#", "Total (incl. VAT)"]


@pytest.mark.parametrize(("name", "title", "context"), FIELDS)
def test_the_bounded_search_scores_every_label_as_the_in_order_reading(name: str, title: str, context: str) -> None:
    field = labels.labels_for(name, title, context)
    for printed in PRINTED:
        text = labels.clean_label(printed)
        assert labels._best_variant(text, field) == labels._best_in_order(text, text.replace(" ", ""), field), printed


def test_an_exact_label_still_scores_one() -> None:
    assert labels.label_score("Invoice Number:", labels.labels_for("invoice_number")) == 1.0


def test_a_kind_word_left_of_a_longer_label_is_no_misspelling_of_it() -> None:
    """"Number" shares six letters with "PO Number" but names only a kind of value: no purchase order's number
    (the schema's title makes it the invoice's own)."""
    assert labels.label_score("Number", labels.labels_for("po_number")) == 0.0
    assert labels.label_score("Number", labels.labels_for("invoice_number", "", "Invoice")) >= 0.8
    assert labels.label_score("Invoice Nurnber", labels.labels_for("invoice_number")) >= 0.8


def test_a_short_word_that_shares_few_letters_with_the_variants_is_another_word():
    """"Our Reference" is no misspelling of "PO Reference": "our" and "po" are different words, the issuer's
    reference where the purchase order is the customer's; a short word misread by a letter is still a typo."""
    assert labels.label_score("Our Reference", labels.labels_for("po_number")) < 0.8
    assert labels.label_score("PO Referense", labels.labels_for("po_number")) >= 0.8
    assert labels.label_score("P0 Reference", labels.labels_for("po_number")) >= 0.8


def test_a_word_printed_with_its_plural_in_brackets_is_the_word():
    assert labels.clean_label("Given Name(s)") == "given name"
    assert labels.label_score("Given Name(s)", labels.labels_for("first_name")) >= 0.9
