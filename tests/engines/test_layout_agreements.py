"""An agreement's parties, effective date, governing law and term read from its clauses; a receipt's issuer."""

from __future__ import annotations

from engine_docs import document, page, prose_document

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

NDA = {"type": "object", "title": "Agreement", "properties": {
    "parties": {"type": "array", "description": "The parties that sign the agreement.", "items": {
        "type": "object", "properties": {"name": {
            "type": "string", "description": "Party name with commas removed, each word capitalized."}}}},
    "effective_date": {"type": ["string", "null"], "format": "date"},
    "jurisdiction": {"type": ["string", "null"], "description": "State whose law governs the agreement."},
    "term": {"type": ["string", "null"], "description": "Length of the agreement as '<number> <unit>'."},
}}
FILLER = "Each party shall keep in confidence the information that the other party discloses to it under this"
TEXT = [
    "MUTUAL CONFIDENTIALITY AGREEMENT",
    "This Mutual Confidentiality Agreement (the \u201cAgreement\u201d) is entered into as of March 3, 2021 by and",
    "between",
    "ORCHARD LANE HOLDINGS, INC., a Delaware corporation (the \u201cCompany\u201d), and Petra K. Lindqvist, an",
    "individual residing in Ohio (\u201cAdvisor\u201d), in connection with a possible business relationship.",
    FILLER, "Agreement and shall use it only for the purpose of evaluating the relationship between them.",
    FILLER, FILLER,
    "This Agreement shall expire three (3) years from the date first written above, unless terminated earlier.",
    "This Agreement shall be governed by and construed in accordance with the laws of the State of North",
    "Carolina, without regard to its conflict of laws principles.",
    FILLER, FILLER, FILLER, FILLER, FILLER,
]


def _run(doc, schema):
    return extract_document(doc, ExtractOptions(schema, extraction_target="per_doc")).result


def test_agreement_preamble_names_both_parties_in_the_described_form() -> None:
    r = _run(prose_document(TEXT), NDA)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Inc.", "Petra K. Lindqvist"]


def test_governing_law_clause_gives_the_state_across_a_line_break() -> None:
    r = _run(prose_document(TEXT), NDA)
    assert r["jurisdiction"] == "North Carolina"


def test_effective_date_and_term_come_from_their_clauses() -> None:
    r = _run(prose_document(TEXT), NDA)
    assert r["effective_date"] == "2021-03-03"
    assert r["term"] == "3 years"


def test_agreement_without_a_term_clause_leaves_the_term_null() -> None:
    text = [line for line in TEXT if "expire" not in line]
    assert _run(prose_document(text), NDA)["term"] is None


RECEIPT = {"type": "object", "properties": {
    "company": {"type": ["string", "null"], "description": "Name of the store that issued the receipt."},
    "address": {"type": ["string", "null"], "description": "Address of the issuing store, lines joined by spaces."},
    "date": {"type": ["string", "null"], "format": "date"},
}}


def _receipt(*lines: str):
    return document(page([(text, 200.0, 40.0 + 14.0 * n) for n, text in enumerate(lines)]))


def test_receipt_top_line_is_the_issuing_store_and_the_lines_under_it_its_address() -> None:
    doc = _receipt("HARBOUR LIGHT TRADING", "(771203-K)", "NO. 8, JALAN KEMBOJA 2,", "47301 PETALING JAYA",
                   "TEL: 03-7781 2200", "Receipt No.: 88121", "Date: 25/02/2019", "Bread 2 4.50", "TOTAL 9.00")
    r = _run(doc, RECEIPT)
    assert r["company"] == "HARBOUR LIGHT TRADING"
    assert r["address"] == "NO. 8, JALAN KEMBOJA 2, 47301 PETALING JAYA"


def test_date_order_follows_the_documents_other_date_with_a_day_over_twelve() -> None:
    schema = {"type": "object", "properties": {"date": {"type": ["string", "null"], "format": "date"}}}
    doc = _receipt("HARBOUR LIGHT TRADING", "Date: 03/04/2019", "Bread 2 4.50", "Printed 25-04-2019 10:02")
    assert _run(doc, schema)["date"] == "2019-04-03"


def test_receipt_date_printed_without_a_label_is_its_first_date() -> None:
    doc = _receipt("HARBOUR LIGHT TRADING", "NO. 8, JALAN KEMBOJA 2,", "47301 PETALING JAYA", "GST ID 000750673920",
                   "CS00012440 17/05/2019 08:48", "Bread 2 4.50", "TOTAL RM 9.00")
    assert _run(doc, RECEIPT)["date"] == "2019-05-17"


LEASE = {"type": "object", "properties": {
    "landlord_name": {"type": "string", "description": "Landlord name as written in the agreement."},
    "tenant_names": {"type": "array", "items": {"type": "string"}, "description": "Names of all tenants."},
    "term_months": {"type": "integer", "description": "Length of the initial term in months."},
}}


def test_lease_parties_fill_the_fields_of_their_defined_roles() -> None:
    text = ["Residential Lease", "This lease is made on 2025-07-03 between Harold Quimby (the \"Landlord\") and Ana",
            "Ruiz and Tomas Berg (jointly and severally, the \"Tenant\").", "1. Term",
            "The Tenant shall hold the premises for a term of eighteen (18) months commencing on 2025-07-01.",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, "Signed by the Landlord: ________"]
    r = _run(prose_document(text), LEASE)
    assert r["landlord_name"] == "Harold Quimby"
    assert r["tenant_names"] == ["Ana Ruiz", "Tomas Berg"]
    assert r["term_months"] == 18


def test_a_list_of_names_gives_each_party_and_a_firm_with_commas_stays_whole() -> None:
    text = ["Residential Lease", "This lease is made on 2025-07-03 between Quimby, Hale and Ward Lettings Ltd (the",
            "\"Landlord\") and Ana Ruiz, Tomas Berg and Li Wei (collectively the \"Tenant\").",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    r = _run(prose_document(text), LEASE)
    assert r["landlord_name"] == "Quimby, Hale and Ward Lettings Ltd"
    assert r["tenant_names"] == ["Ana Ruiz", "Tomas Berg", "Li Wei"]


def test_label_words_are_never_the_issuer_name() -> None:
    schema = {"type": "object", "properties": {
        "company": {"type": ["string", "null"], "description": "Name of the company that issued the receipt."}}}
    doc = _receipt("Reg No. :001260452-W", "ID No", "KAMPAR CORNER STATIONERY", "NO. 8, JALAN KEMBOJA 2,",
                   "47301 PETALING JAYA", "TOTAL 9.00")
    assert _run(doc, schema)["company"] == "KAMPAR CORNER STATIONERY"


def _undated(*closing: str) -> list[str]:
    """The agreement above with a preamble that gives no date, and `closing` lines after its clauses."""
    text = [line.replace(" as of March 3, 2021", "") for line in TEXT]
    return [*text, *closing]


def test_without_a_dated_preamble_the_date_of_the_execution_clause_is_the_effective_date() -> None:
    text = _undated("IN WITNESS WHEREOF, the parties have duly executed this Agreement this 28th day of March,",
                    "2005.", "ORCHARD LANE HOLDINGS, INC.", "By: /s/ Kenneth P. Cherven")
    assert _run(prose_document(text), NDA)["effective_date"] == "2005-03-28"


def test_without_a_dated_preamble_the_date_under_the_signatures_is_the_effective_date() -> None:
    text = _undated("IN WITNESS WHEREOF, the parties have executed this Agreement as of the date set forth below.",
                    "ORCHARD LANE HOLDINGS, INC.", "By: /s/ Thomas McKeever", "Date: July 24, 2014")
    assert _run(prose_document(text), NDA)["effective_date"] == "2014-07-24"


def test_parties_who_sign_on_different_days_make_the_agreement_on_the_last_of_them() -> None:
    text = _undated("IN WITNESS WHEREOF, the parties have executed this Agreement as of the date set forth below.",
                    "ORCHARD LANE HOLDINGS, INC.", "By: /s/ Thomas McKeever", "Date: July 24, 2014",
                    "PETRA K. LINDQVIST", "/s/ Petra K. Lindqvist", "Date: August 2, 2014",
                    "WITNESS", "/s/ Anna Berg", "Date: July 22, 2014")
    assert _run(prose_document(text), NDA)["effective_date"] == "2014-08-02"


def test_a_date_something_else_ends_effective_on_is_not_the_agreements_start() -> None:
    text = _undated(FILLER, "The Advisor's engagement with the Company will end effective May 30, 2014 (the",
                    "\u201cSeparation Date\u201d).", FILLER,
                    "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date set forth below.",
                    "ORCHARD LANE HOLDINGS, INC.", "By: /s/ Thomas McKeever", "Date: July 24, 2014")
    assert _run(prose_document(text), NDA)["effective_date"] == "2014-07-24"


def test_a_preamble_that_names_one_party_gives_its_date() -> None:
    text = ["EMPLOYEE CONFIDENTIALITY AGREEMENT",
            "THIS AGREEMENT is made as of December 16, 2014, by the undersigned employee (\u201cEmployee\u201d)",
            "of Orchard Lane Holdings, Inc. (the \u201cCompany\u201d), in consideration of the Employee\u2019s",
            "employment.",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    assert _run(prose_document(text), NDA)["effective_date"] == "2014-12-16"


def test_a_letter_agreements_date_line_is_its_effective_date() -> None:
    text = ["CONFIDENTIALITY AGREEMENT", "December 11, 2014", "Orchard Lane Holdings, Inc.", "520 Lake Cook Road",
            "Deerfield, IL 60015", "Ladies and Gentlemen:",
            "In connection with your consideration of a possible transaction with the Company, you have requested",
            "information concerning the Company.", FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    assert _run(prose_document(text), NDA)["effective_date"] == "2014-12-11"


def test_a_company_suffix_is_written_as_the_abbreviation_the_description_gives_for_it() -> None:
    schema = {"type": "object", "properties": {"parties": {"type": "array", "items": {
        "type": "object", "properties": {"name": {"type": "string", "description": (
            "Party name with commas removed, each word capitalized, company suffixes abbreviated with a period "
            "('Inc.', 'Ltd.').")}}}}}}
    text = [line.replace("ORCHARD LANE HOLDINGS, INC.", "ORCHARD LANE HOLDINGS, LIMITED") for line in TEXT]
    r = _run(prose_document(text), schema)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Ltd.", "Petra K. Lindqvist"]


def test_a_preamble_that_ends_in_a_colon_after_the_last_role_names_no_further_party() -> None:
    text = ["INDEMNIFICATION AGREEMENT",
            "This Agreement, made and entered into (\u201cAgreement\u201d), by and between Orchard Lane Holdings,",
            "Inc., a Delaware corporation (\u201cCompany\u201d), and David Freeman (\u201cIndemnitee\u201d): WHEREAS,",
            "highly competent persons are becoming more reluctant to serve corporations as directors.",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    r = _run(prose_document(text), NDA)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Inc.", "David Freeman"]


def test_obligations_that_end_a_period_after_the_agreements_date_give_its_term() -> None:
    text = [line for line in TEXT if "expire" not in line] + [
        "Your obligations under this letter, other than those described in Section 5 hereof, shall terminate two",
        "(2) years from the date hereof.", FILLER]
    assert _run(prose_document(text), NDA)["term"] == "2 years"


def test_an_agreement_valid_for_a_period_gives_its_term() -> None:
    text = [line for line in TEXT if "expire" not in line] + [
        "2. The Agreement is valid and effective for all purposes, disclosures and transactions between the",
        "Parties for a period of two (2) years from the effective date hereof.", FILLER]
    assert _run(prose_document(text), NDA)["term"] == "2 years"


def test_parties_numbered_and_set_apart_by_semicolons_are_each_read() -> None:
    text = ["RESIDENTIAL LEASE AGREEMENT", "BETWEEN: (1) Copperleaf Hardware AG (\"the Owner-Landlord\"); and (2)",
            "Amelia Doyle (\"the Tenant\"). Dated 17. July 2025.",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    r = _run(prose_document(text), LEASE)
    assert r["tenant_names"] == ["Amelia Doyle"]


def test_a_period_a_part_of_the_agreement_lasts_or_a_notice_period_is_not_its_term() -> None:
    text = [line for line in TEXT if "expire" not in line] + [
        "The Covenant Not to Compete portion of this Agreement shall terminate after six (6) months.",
        "This Agreement may be terminated by either party upon thirty (30) days written notice.", FILLER]
    assert _run(prose_document(text), NDA)["term"] is None


def test_a_defined_term_that_names_a_date_and_no_length_is_no_term() -> None:
    text = [line for line in TEXT if "expire" not in line] + [
        "1. Restrictive Covenants (a) Non-Competition. During the term of Advisor\u2019s engagement with the Company,",
        "which commenced April 15, 1999 (the \u201cTerm\u201d), and for the 9- month period after it, Advisor shall",
        "not compete with the Company.", FILLER]
    assert _run(prose_document(text), NDA)["term"] is None


def test_the_laws_and_public_policies_of_a_state_govern_the_agreement() -> None:
    text = [line for line in TEXT if "governed" not in line and "Carolina" not in line] + [
        "It shall not be a violation of this provision to work for a multidivisional company.",
        "(c) This Agreement shall be governed by and in accordance with the laws and public policies of the State",
        "of Delaware.", FILLER]
    assert _run(prose_document(text), NDA)["jurisdiction"] == "Delaware"


def test_a_company_defined_after_an_appositive_is_a_party_of_a_one_party_agreement() -> None:
    text = ["CONFIDENTIALITY AGREEMENT",
            "As a condition of my becoming employed by, or continuing employment with, Orchard Lane Holdings, Inc.,",
            "a Delaware corporation (the \u201cCompany\u201d), I agree to the following terms set forth in this",
            "Confidentiality Agreement (this \u201cAgreement\u201d): Section 1. Confidential Information.",
            FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    r = _run(prose_document(text), NDA)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Inc."]


def test_a_company_named_after_a_defined_role_starts_after_the_roles_parenthetical() -> None:
    text = ["EMPLOYEE CONFIDENTIALITY AGREEMENT",
            "THIS AGREEMENT is made by the undersigned employee (hereinafter called \u201cEmployee\u201d) of Orchard",
            "Lane Holdings, Inc. (together with its affiliated entities, the \u201cCompany\u201d), in consideration",
            "of the Employee\u2019s employment.", FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER, FILLER]
    r = _run(prose_document(text), NDA)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Inc."]


def test_the_person_who_signs_a_one_party_agreement_in_their_own_name_is_a_party() -> None:
    text = ["EMPLOYEE CONFIDENTIALITY AGREEMENT",
            "As a condition of my employment with Orchard Lane Holdings, Inc., a Delaware corporation (the",
            "\u201cCompany\u201d), I agree to the following terms.", FILLER, FILLER, FILLER, FILLER, FILLER, FILLER,
            "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date set forth below.",
            "ORCHARD LANE HOLDINGS, INC.", "By: /s/ Christy L. Shaffer", "Chief Executive Officer",
            "EMPLOYEE:", "/s/ Barry G. Pea", "Date: 10/11/04"]
    r = _run(prose_document(text), NDA)
    assert [p["name"] for p in r["parties"]] == ["Orchard Lane Holdings Inc.", "Barry G. Pea"]
