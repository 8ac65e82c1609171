"""Offline classify and split on real PDFs built here with reportlab and parsed by the real parser."""

from __future__ import annotations

import pytest
from tests.documents import CONTRACT, CONTRACT_MORE, INVOICE, RECIPE, pdf

from assay.domain.classification import Category, Rule, SplitStrategy, Uncategorized
from assay.engines.layout.classify import classify
from assay.engines.layout.kinds import Kind, score_pages
from assay.engines.layout.pagefacts import page_facts
from assay.engines.layout.split import split
from assay.errors import InvalidFieldError
from assay.parsers import parse_document

RULES = [Rule("invoice", "A bill from a supplier requesting payment for goods or services"),
         Rule("contract", "A service agreement between two parties setting out terms and obligations"),
         Rule("receipt", "Proof of a purchase already paid at a shop or restaurant")]
CATEGORIES = [Category(r.type, r.description) for r in RULES]


def segments_of(data: bytes, strategy: SplitStrategy | None = None) -> list[tuple[str | None, tuple[int, ...]]]:
    return [(s.category, s.pages) for s in split(parse_document(data), CATEGORIES, strategy)]


def test_a_two_document_bundle_splits_at_the_right_page_with_the_right_categories() -> None:
    data = pdf(("INVOICE", INVOICE, None), (None, ["Item details continued", *INVOICE[3:5]], None),
               ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))
    segments = split(parse_document(data), CATEGORIES)
    assert [(s.category, s.pages) for s in segments] == [("invoice", (1, 2)), ("contract", (3, 4))]
    assert all(s.confidence_category in ("high", "medium", "low") for s in segments)


def test_page_one_of_n_restarting_starts_a_new_document() -> None:
    # Two contracts back to back: same kind, no title on any later page, only the page numbers restart.
    data = pdf(("SERVICES AGREEMENT", CONTRACT, "Page 1 of 2"), (None, CONTRACT_MORE, "Page 2 of 2"),
               (None, CONTRACT, "Page 1 of 2"), (None, CONTRACT_MORE, "Page 2 of 2"))
    assert segments_of(data) == [("contract", (1, 2)), ("contract", (3, 4))]


def test_page_numbers_counting_on_keep_a_document_together() -> None:
    data = pdf(("SERVICES AGREEMENT", CONTRACT, "Page 1 of 3"), (None, CONTRACT_MORE, "Page 2 of 3"),
               (None, CONTRACT, "Page 3 of 3"))
    assert segments_of(data) == [("contract", (1, 2, 3))]


def test_a_blank_page_stays_with_the_document_before_it() -> None:
    data = pdf(("INVOICE", INVOICE, None), (None, [], None), ("SERVICES AGREEMENT", CONTRACT, None))
    document = parse_document(data, tier="fast")  # the text layer only: no OCR of the blank page
    assert [(s.category, s.pages) for s in split(document, CATEGORIES)] == [("invoice", (1, 2)), ("contract", (3,))]


def test_classify_names_the_matching_rule_and_its_evidence() -> None:
    result = classify(parse_document(pdf(("INVOICE", INVOICE, None))), RULES)
    assert result.type == "invoice"
    assert 0.5 < result.confidence <= 1.0
    assert result.evidence[0].page == 1
    assert "invoice" in result.evidence[0].words
    assert "invoice" in result.reasoning


def test_a_document_no_rule_matches_gets_no_type() -> None:
    result = classify(parse_document(pdf(("Lemon Drizzle Cake", RECIPE, None))), RULES)
    assert result.type is None
    assert "No rule matches" in result.reasoning


@pytest.mark.parametrize(("allow", "expected"), [
    (Uncategorized.INCLUDE, [("invoice", (1,)), (None, (2,)), ("contract", (3, 4))]),
    (Uncategorized.OMIT, [("invoice", (1,)), ("contract", (3, 4))]),
], ids=["include", "omit"])
def test_uncategorized_pages_are_kept_or_left_out(allow: Uncategorized, expected: list) -> None:
    data = pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
               ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))
    assert segments_of(data, SplitStrategy(allow_uncategorized=allow)) == expected


def test_forbidding_uncategorized_gives_every_page_a_category() -> None:
    data = pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
               ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))
    segments = split(parse_document(data), CATEGORIES, SplitStrategy(allow_uncategorized=Uncategorized.FORBID))
    assert all(s.category is not None for s in segments)
    assert sorted(p for s in segments for p in s.pages) == [1, 2, 3, 4]


def test_min_pages_per_split_is_honoured() -> None:
    data = pdf(("INVOICE", INVOICE, None), ("RECEIPT", ["Thank you for shopping", "TOTAL 12.00 paid by card"], None),
               ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))
    assert [s for _, s in segments_of(data)] == [(1,), (2,), (3, 4)]
    segments = segments_of(data, SplitStrategy(min_pages_per_split=2))
    assert all(len(pages) >= 2 for _, pages in segments)
    assert sorted(p for _, pages in segments for p in pages) == [1, 2, 3, 4]


def test_a_request_that_cannot_be_answered_is_refused_with_a_clear_error() -> None:
    document = parse_document(pdf(("INVOICE", INVOICE, None)))
    with pytest.raises(InvalidFieldError, match="at least one rule"):
        classify(document, [])
    with pytest.raises(InvalidFieldError, match="at least one category"):
        split(document, [])
    with pytest.raises(InvalidFieldError, match="min_pages_per_split"):
        SplitStrategy(min_pages_per_split=0)
    with pytest.raises(InvalidFieldError, match="non-empty type"):
        Rule(" ", "anything")



TENANCY = ["This tenancy is granted by Mark Hale (the landlord) to Priya Shah (the tenant) for 4 Mill Lane.",
           "The monthly rent of 950 pounds is due on the first day of each month.",
           "The tenant shall keep the flat clean and shall not sublet it."]
LEASE = Kind("lease", "A contract to rent a home or property")


def test_the_meaning_of_a_page_lifts_the_kind_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    # "tenancy", "landlord", "tenant" share no word with the description; only their meaning does
    facts = [page_facts(page) for page in parse_document(pdf(("TENANCY", TENANCY, None)), filename="t.pdf").pages]
    with_model = score_pages(facts, [LEASE, Kind("invoice", RULES[0].description)])
    monkeypatch.setenv("ASSAY_EMBEDDINGS", "off")
    lexical = score_pages(facts, [LEASE, Kind("invoice", RULES[0].description)])
    assert with_model[0][0] > lexical[0][0] + 0.02
    assert with_model[0][1] == pytest.approx(lexical[0][1], abs=0.01)
