"""The lexical meaning-matcher behind classify and split: which printed words count as the query's."""

from __future__ import annotations

import pytest

from assay.engines.layout.similarity import matched_words, similarity


@pytest.mark.parametrize(("query", "text"), [
    ("invoice", "INVOICES"),  # plural, capitals
    ("payslip", "Pay Slip"),  # a compound printed as two words
    ("employment", "Employer details"),  # a shared stem
    ("licence", "DRIVER LICENSE"),  # one letter misspelt
    ("nda", "Mutual Non-Disclosure Agreement"),  # an acronym of capitalised words
], ids=["plural", "compound", "stem", "misspelling", "acronym"])
def test_a_word_printed_in_another_form_matches(query: str, text: str) -> None:
    assert similarity(query, [text])[0] > 0.5


@pytest.mark.parametrize(("query", "text"), [
    ("contract", "Contact us"),  # a letter apart in length: another word
    ("po", "payment on delivery"),  # initials of words in lower case are no acronym
    ("statement", "The"),  # function words never match
], ids=["other-word", "lowercase-initials", "function-word"])
def test_a_different_word_does_not_match(query: str, text: str) -> None:
    assert similarity(query, [text])[0] == 0.0


def test_the_score_is_the_share_of_the_query_found_and_names_the_printed_words() -> None:
    low, high = similarity("bank account statement", ["Account number 12", "Bank statement, account 12"])
    assert 0 < low < high <= 1
    assert matched_words("bank account statement", "Bank statement, account 12") == ["bank", "account", "statement"]
