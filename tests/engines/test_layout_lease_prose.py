"""A lease's clauses read by what they mean: roles paired with the fields that ask for them, amounts by their currency
and period, a due day printed as an ordinal, a negated clause, a term given by its dates, the country a law clause
names, and a document of short clauses that is prose all the same."""

from __future__ import annotations

from engine_docs import prose_document

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

LEASE = {"type": "object", "title": "Lease agreement", "properties": {
    "landlord_name": {"type": "string", "description": "Landlord / lessor name as written in the agreement."},
    "tenant_names": {"type": "array", "items": {"type": "string"}, "description": "Names of all tenants / lessees."},
    "term_months": {"type": "integer", "description": "Length of the initial term in months."},
    "monthly_rent": {"type": "number", "description": "Monthly rent amount."},
    "late_fee": {"type": ["number", "null"], "description": "Late fee amount for late rent; null if none is stated."},
    "rent_due_day": {"type": ["integer", "null"], "description": "Day of the month rent is due (1-31)."},
    "pets_allowed": {"type": "boolean", "description": "Whether pets are permitted."},
    "governing_law": {"type": "string", "description": "Jurisdiction whose law governs the agreement."},
}}
FILLER = "The parties shall keep the premises in good order and repair throughout the tenancy and return them so."


def _run(lines: list[str]) -> dict:
    return extract_document(prose_document(lines), ExtractOptions(LEASE, extraction_target="per_doc")).result


def _lease(*clauses: str, preamble: str = 'between Marta Quell (the "Owner") and Ivo Brandt (the "Occupant").') -> dict:
    return _run(["Residential Lease", f"This agreement is made on 2025-07-03 {preamble}", *clauses,
                 *[FILLER] * 9, "Signed by the Owner: ____________ Date: ________"])


def test_a_role_the_model_reads_poorly_is_the_field_left_to_it() -> None:
    r = _lease("1. Rent", "The Occupant shall pay rent of $900.00 per month, payable on the first (1st) day of it.")
    assert r["landlord_name"] == "Marta Quell"
    assert r["tenant_names"] == ["Ivo Brandt"]


def test_an_amount_with_its_currency_after_it_is_an_amount() -> None:
    r = _lease("1. Late payment", "If rent is late, the Occupant shall pay a late charge of 40.00 USD in addition.")
    assert r["late_fee"] == 40.0


def test_an_amount_stated_for_another_period_is_not_the_monthly_one() -> None:
    r = _lease("1. Rent", "The annual rent is $27,960.00, payable in twelve equal instalments of $2,330.00, payable",
               "monthly in advance.")
    assert r["monthly_rent"] == 2330.0


def test_a_due_day_printed_as_an_ordinal_alone_is_the_day() -> None:
    r = _lease("1. Rent", "The Occupant shall pay rent of $900.00 per month, payable monthly in advance on the 5th.")
    assert r["rent_due_day"] == 5


def test_a_negation_in_the_clause_after_a_heading_denies_it() -> None:
    r = _lease("9. Pets", "The Occupant shall not keep any pet at the Apartment.")
    assert r["pets_allowed"] is False


def test_a_term_given_by_its_first_and_last_day_is_their_span() -> None:
    r = _lease("2. Term", "The tenancy begins on 2026-07-03 and ends on 2028-01-02, unless ended earlier under it.")
    assert r["term_months"] == 18


def test_the_country_a_law_clause_names_after_words_describing_it() -> None:
    r = _lease("11. Governing law", "This agreement is governed by the laws of the Federal Republic of Germany.")
    assert r["governing_law"] == "Germany"


def test_short_clauses_whose_sentences_wrap_onto_short_rows_are_prose() -> None:
    lines = ["Apartment Lease", "This agreement is made on 6.5.25 between Okafor & Walsh GmbH (the \"Landlord\") and",
             "Sofia Sharma (the \"Tenant\")."]
    for n in range(1, 10):
        lines += [f"{n}. Clause", "The Tenant shall keep the fixtures listed in the inventory in good",
                  "order and shall report any defects to the Landlord promptly."]
    lines += ["10. Governing law", "This agreement is governed by the laws of Switzerland."]
    r = _run(lines)
    assert r["landlord_name"] == "Okafor & Walsh GmbH"
    assert r["governing_law"] == "Switzerland"


def test_a_tables_long_rows_of_figures_are_not_running_text() -> None:
    from assay.engines.layout.geometry import layout_document
    from assay.engines.layout.prose import is_prose

    rows = [f"{n} LED panel 600 x 600, 36 W, white 22-KC734-{n:02d} 53,54 EUR 9.315,96 EUR" for n in range(1, 13)]
    table = prose_document(["INVOICE", "Count Product Ref U/P Sum", *rows, "Total : 111.791,52 EUR"])
    assert not is_prose(layout_document(table))
    assert is_prose(layout_document(prose_document([FILLER] * 10)))


def test_a_role_several_parties_hold_goes_to_the_list_not_the_single_name() -> None:
    r = _lease("1. Rent", "The Renter shall pay rent of $900.00 per month, payable on the first (1st) day of a month.",
               preamble='between Marta Quell (the "Proprietor") and Ivo Brandt and Lena Roth (the "Renter").')
    assert r["landlord_name"] == "Marta Quell"
    assert r["tenant_names"] == ["Ivo Brandt", "Lena Roth"]


def test_dates_spanning_something_else_than_the_term_are_no_term() -> None:
    r = _lease("4. Inspection", "An inventory inspection runs from 2026-07-01 to 2026-07-31, at reasonable hours only.")
    assert r["term_months"] is None


def test_an_amount_ends_its_sentence_and_a_clause_number_or_a_day_before_its_month_does_not() -> None:
    from assay.engines.layout.geometry import layout_document
    from assay.engines.layout.prose import sentences

    doc = prose_document(["4.1. If rent is late, the Occupant shall pay CHF 30.00. The Occupant may keep a cat.",
                          "An inspection is booked for 8. September 2025."])
    assert [s.text for s in sentences(layout_document(doc))] == [
        "4.1. If rent is late, the Occupant shall pay CHF 30.00.", "The Occupant may keep a cat.",
        "An inspection is booked for 8. September 2025."]


def test_the_term_of_this_lease_is_a_count_of_years() -> None:
    r = _lease("2. Term", "The term of this Lease is one (1) year, commencing on 2025-08-01, unless ended earlier.")
    assert r["term_months"] == 12


def test_roles_meaning_cannot_tell_apart_pair_with_the_fields_in_the_order_both_name_them() -> None:
    r = _lease("1. Rent", "The Renter shall pay rent of $900.00 per month, payable on the first (1st) day of it.",
               preamble='between Marta Quell (the "Owner") and Ivo Brandt (the "Renter").')
    assert r["landlord_name"] == "Marta Quell"
    assert r["tenant_names"] == ["Ivo Brandt"]


def test_parties_named_with_as_and_their_role_fill_the_fields_of_those_roles() -> None:
    r = _lease(preamble="between Kestrel Estates Ltd, as Landlord, and Luis Ortega and Mia Lind, as Tenants.")
    assert r["landlord_name"] == "Kestrel Estates Ltd"
    assert r["tenant_names"] == ["Luis Ortega", "Mia Lind"]


def test_a_heading_on_its_own_row_says_what_the_one_line_clause_under_it_is_about() -> None:
    clauses = ["Rent", "The Occupant will pay $900.00 per calendar month.", "Pets",
               "The Occupant may keep one domestic cat at the Apartment.", "Utilities",
               "The Occupant pays for electricity, gas and internet.", "Keys",
               "The Occupant receives two keys at the start of the tenancy.", "Repairs",
               "The Owner repairs the roof, the walls and the heating.", "Smoking",
               "The Occupant does not smoke inside the Apartment.", "Insurance",
               "The Occupant insures the furniture against fire and theft.", "Governing Law",
               "This agreement is governed by the laws of Maine."]
    r = _run(["Residential Lease", 'This agreement is made on 2025-07-03 between Marta Quell (the "Owner") and Ivo',
              'Brandt (the "Occupant").', *clauses])
    assert r["pets_allowed"] is True  # "Pets" over a sentence that says cat, not pet
    assert r["governing_law"] == "Maine"  # one-line sentences under headings are prose


def test_the_lease_as_the_subject_of_a_sentence_states_its_term_in_words() -> None:
    r = _lease("2. Term", "This Lease runs for six months, commencing on 2025-08-01.",
               "3. Ending", "This Lease may be ended by either party giving sixty days notice in writing.")
    assert r["term_months"] == 6
    r = _lease("2. Ending", "This Lease may be ended by either party giving sixty days notice in writing.")
    assert r["term_months"] is None  # the length of a notice, not of the lease


def test_a_date_a_length_is_counted_from_or_defined_as_the_start_is_the_effective_date() -> None:
    schema = {"type": "object", "title": "Lease agreement", "properties": {
        "effective_date": {"type": "string", "format": "date",
                           "description": "Commencement / effective date of the lease, YYYY-MM-DD."}}}
    for clause in ("The term is 18 months from 1 May 2026.", 'The term starts on a day agreed: 1 May 2026 (the "Start '
                                                             'Date").'):
        lines = ["Residential Lease", 'This Lease is made on 31 March 2026 between Marta Quell (the "Owner") and Ivo '
                 'Brandt (the "Occupant").', "2. Term", clause, *[FILLER] * 9]
        got = extract_document(prose_document(lines), ExtractOptions(schema, extraction_target="per_doc")).result
        assert got == {"effective_date": "2026-05-01"}, clause


def test_a_due_day_spelled_out_before_day_is_the_day() -> None:
    r = _lease("1. Rent", "The Occupant will pay $900.00 per month, due on the fifteenth day of every month.")
    assert r["rent_due_day"] == 15


def test_a_postal_code_ends_the_sentence_the_premises_are_named_in() -> None:
    schema = {"type": "object", "title": "Lease agreement", "properties": {
        "property_address": {"type": "string", "description": "Address of the leased premises (one line)."}}}
    lines = ["Residential Lease", 'This Lease is made between Marta Quell (the "Owner") and Ivo Brandt (the '
             '"Occupant").', "2. PREMISES. The Occupant rents the residence known as 12 Banksia Court, Fitzroy VIC",
             "3065.", "3. TERM. The term is one year.", *[FILLER] * 9]
    got = extract_document(prose_document(lines), ExtractOptions(schema, extraction_target="per_doc")).result
    assert got == {"property_address": "12 Banksia Court, Fitzroy VIC 3065"}


def test_a_sentence_that_means_something_else_gives_a_nullable_field_nothing() -> None:
    schema = {"type": "object", "title": "Lease agreement", "properties": {"notice_period_days": {
        "type": ["integer", "null"], "description": "Days of written notice required to terminate or not renew; "
                                                    "null if none."}}}

    def notice(clause: str) -> int | None:
        lines = ["Residential Lease", 'This Lease is made between Marta Quell (the "Owner") and Ivo Brandt (the '
                 '"Occupant").', "3. Utilities", clause, *[FILLER] * 9]
        return extract_document(prose_document(lines), ExtractOptions(schema)).result["notice_period_days"]

    assert notice("The Owner may enter on three days' notice at reasonable hours.") is None  # notice to enter
    assert notice("The Occupant must give thirty days notice in writing before vacating.") == 30


def test_a_defined_term_opening_a_sentence_states_no_term() -> None:
    r = _lease("3. Inventions", 'The term "Invention" includes ideas and works the Occupant conceives within six (6) '
               "months after the tenancy ends.")
    assert r["term_months"] is None
