"""The layout engine on hand-built pages: each mechanism, and nulls where nothing is printed."""

from __future__ import annotations

import pytest
from engine_docs import document, page, words_at

from assay.domain.document import Box, Checkbox
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

CONFIG = {"cite_sources": True, "confidence_scores": True}


def run(doc, schema, **config):
    return extract_document(doc, ExtractOptions(schema, **{**CONFIG, **config}))


def test_key_values_inline_right_and_below():
    doc = document(page([
        ("Invoice No.: A-100", 40, 40),
        ("Due Date", 40, 60), ("03/15/2025", 200, 60),
        ("Customer ID", 300, 100), ("PO Number", 420, 100),
        ("C-77", 300, 112), ("PO-9", 420, 112),
    ]))
    schema = {"type": "object", "properties": {
        "invoice_number": {"type": "string"}, "due_date": {"type": "string", "format": "date"},
        "po_number": {"type": ["string", "null"]}, "tax_id": {"type": ["string", "null"]}}}
    out = run(doc, schema)
    assert out.result == {"invoice_number": "A-100", "due_date": "2025-03-15", "po_number": "PO-9", "tax_id": None}
    meta = out.field_metadata["document_metadata"]
    assert meta["tax_id"]["grounding"] == "none"
    assert meta["tax_id"]["citation"] == []
    cite = meta["invoice_number"]["citation"][0]
    assert cite["matching_text"] == "A-100"
    assert cite["page"] == 1
    assert cite["bounding_boxes"] == [{"x": 118.0, "y": 40.0, "w": 30.0, "h": 10.0}]
    assert 0.0 <= meta["invoice_number"]["confidence"] <= 1.0


def test_blank_form_fields_stay_null():
    doc = document(page([
        ("First name: Anabel", 40, 40), ("Middle name:", 200, 40), ("Last name: Salvador", 330, 40),
        ("Employer name:", 40, 80), ("Monthly income:", 300, 80),
    ]))
    schema = {"type": "object", "properties": {
        "first_name": {"type": "string"}, "middle_name": {"type": ["string", "null"]},
        "last_name": {"type": "string"}, "employer_name": {"type": ["string", "null"]},
        "monthly_income": {"anyOf": [{"type": "number"}, {"type": "null"}]}}}
    out = run(doc, schema)
    assert out.result == {"first_name": "Anabel", "middle_name": None, "last_name": "Salvador",
                          "employer_name": None, "monthly_income": None}


def test_checkboxes_answer_booleans_and_enums():
    p = page([("Do you have pets?", 40, 40), ("Yes", 170, 40), ("No", 220, 40),
              ("Do you smoke?", 300, 40), ("Yes", 400, 40), ("No", 450, 40),
              ("Contact: ☐ Email ☑ Phone ☐ Mail", 40, 80),
              ("I consent to a background check.", 60, 120)],
             checkboxes=[Checkbox(Box(156, 40, 10, 10), True), Checkbox(Box(206, 40, 10, 10), False),
                         Checkbox(Box(386, 40, 10, 10), False), Checkbox(Box(436, 40, 10, 10), False),
                         Checkbox(Box(44, 120, 10, 10), True)])
    schema = {"type": "object", "properties": {
        "has_pets": {"type": ["boolean", "null"]}, "smoker": {"type": ["boolean", "null"]},
        "preferred_contact": {"type": ["string", "null"], "enum": ["email", "phone", "mail", None]},
        "consent_background_check": {"type": "boolean"}}}
    out = run(document(p), schema)
    assert out.result == {"has_pets": True, "smoker": None, "preferred_contact": "phone",
                          "consent_background_check": True}
    pets = out.field_metadata["document_metadata"]["has_pets"]
    assert pets["grounding"] in ("inferred", "normalized")
    assert pets["citation"][0]["bounding_boxes"] == [{"x": 156.0, "y": 40.0, "w": 32.0, "h": 10.0}]



def test_tick_boxes_read_by_meaning_beside_a_bare_tick_and_over_wrapped_rows():
    # "Tobacco use" names no word of `smoker`: read by meaning. "Yes ✓" is a bare tick labelled on its
    # nearer side. The employment options wrap onto a second row, where the ticked one is. "Phone ✓" is
    # a bare tick beside one option, the others left unmarked.
    p = page([("Tobacco use", 40, 40), ("○ Yes ◉ No", 160, 40),
              ("Pets?", 40, 70), ("Yes ✓", 160, 70), ("No", 220, 70),
              ("Employment: ☐ Employed ☐ Self-employed ☐ Unemployed", 40, 100),
              ("☒ Retired", 112, 114),
              ("Contact by: Email", 40, 150), ("Phone ✓", 160, 150), ("Mail", 240, 150)])
    schema = {"type": "object", "properties": {
        "smoker": {"type": ["boolean", "null"], "description": "Whether the applicant smokes"},
        "has_pets": {"type": ["boolean", "null"]},
        "employment_status": {"type": ["string", "null"],
                              "enum": ["employed", "self_employed", "unemployed", "retired", None]},
        "preferred_contact": {"type": ["string", "null"], "enum": ["email", "phone", "mail", None]}}}
    out = run(document(p), schema)
    assert out.result == {"smoker": False, "has_pets": True, "employment_status": "retired",
                          "preferred_contact": "phone"}

ITEMS = {"type": "object", "properties": {
    "line_items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"}, "amount": {"type": "number"}}}},
    "total": {"type": "number"}}}


def _item_page(number: int, rows: list[tuple[str, str, str]], total: str | None = None):
    items = [("Description", 40, 100), ("Qty", 300, 100), ("Amount", 400, 100)]
    y = 120
    for desc, qty, amount in rows:
        items += [(desc, 40, y), (qty, 300, y), (amount, 400, y)]
        y += 14
    if total:
        items += [("Total", 300, y + 20), (total, 400, y + 20)]
    return page(items, number=number)


def test_tables_map_headers_to_fields_across_pages():
    doc = document(_item_page(1, [("Blue widget", "2", "$10.00"), ("Red gadget", "1", "$5.50")]),
                   _item_page(2, [("Green thing", "3", "$9.00")], total="$24.50"))
    out = run(doc, ITEMS)
    assert out.result["line_items"] == [
        {"description": "Blue widget", "quantity": 2, "amount": 10},
        {"description": "Red gadget", "quantity": 1, "amount": 5.5},
        {"description": "Green thing", "quantity": 3, "amount": 9}]
    assert out.result["total"] == 24.5
    meta = out.field_metadata["document_metadata"]
    assert meta["line_items"][2]["amount"]["citation"][0]["page"] == 2
    assert out.other_metadata["table_rows"] == {"line_items": {"table_rows": 3, "extracted": 3}}


def test_ambiguous_item_header_takes_the_field_its_neighbours_leave_free():
    # "Item" can name a code or a description; with a "SKU" column beside it, it is the description.
    p = page([("Item", 40, 100), ("SKU", 260, 100), ("Qty", 340, 100), ("Price", 400, 100),
              ("Total", 470, 100),
              ("Cordless drill 18V", 40, 114), ("611445", 260, 114), ("2", 340, 114), ("112.00", 400, 114),
              ("224.00", 470, 114),
              ("Copper pipe 15 mm", 40, 128), ("KM-2610", 260, 128), ("1", 340, 128), ("9.50", 400, 128),
              ("9.50", 470, 128)])
    schema = {"type": "object", "properties": {"line_items": {"type": "array", "items": {
        "type": "object", "properties": {
            "item_code": {"type": ["string", "null"]}, "description": {"type": "string"},
            "quantity": {"type": "number"}, "unit_price": {"type": "number"},
            "amount": {"type": "number"}}}}}}
    out = run(document(p), schema)
    assert out.result["line_items"] == [
        {"item_code": "611445", "description": "Cordless drill 18V", "quantity": 2, "unit_price": 112,
         "amount": 224},
        {"item_code": "KM-2610", "description": "Copper pipe 15 mm", "quantity": 1, "unit_price": 9.5,
         "amount": 9.5}]


ADDRESS = {"type": "object", "properties": {k: {"type": ["string", "null"]} for k in (
    "street", "city", "region", "postal_code", "country")}}


PARTIES = {"type": "object", "properties": {
    "vendor": {"type": "object", "properties": {"name": {"type": "string"}, "address": ADDRESS}},
    "bill_to": {"type": "object", "properties": {"name": {"type": ["string", "null"]}, "address": ADDRESS}}}}


def test_unlabelled_addressee_block_fills_bill_to():
    # A window-envelope layout: letterhead, the sender's one-line return address, then the
    # addressee's block with no "Bill To" heading and an "Attn:" line.
    p = page([("Northwind Traders", 300, 40),
              ("Northwind Traders", 40, 80), ("12 Harbour Road", 160, 80), ("10115 Berlin", 270, 80),
              ("Invoice", 340, 96),
              ("Lindqvist Group", 40, 110),
              ("Attn: Maja Berg", 40, 122), ("Invoice Number:", 340, 122), ("SI-100", 480, 122),
              ("Ostra Gatan 5", 40, 134), ("Date of Issue:", 340, 134), ("11 March 2026", 460, 134),
              ("24057 Capolago", 40, 146)])
    out = run(document(p), PARTIES)
    assert out.result["bill_to"]["name"] == "Lindqvist Group"
    assert out.result["bill_to"]["address"]["street"] == "Ostra Gatan 5"
    assert out.result["bill_to"]["address"]["postal_code"] == "24057"
    assert out.result["bill_to"]["address"]["city"] == "Capolago"
    assert out.result["vendor"]["name"] == "Northwind Traders"


def test_bill_to_stays_null_without_an_addressee_block():
    p = page([("Northwind Traders", 40, 40), ("12 Harbour Road", 40, 52), ("10115 Berlin", 40, 64),
              ("Invoice Number:", 340, 100), ("SI-100", 480, 100)])
    out = run(document(p), PARTIES)
    assert out.result["bill_to"]["name"] is None
    assert out.result["bill_to"]["address"]["street"] is None


def test_per_table_row_skips_balance_rows_and_signs_debits():
    p = page([("Date", 40, 100), ("Description", 130, 100), ("Withdrawals", 300, 100), ("Deposits", 390, 100),
              ("Balance", 470, 100),
              ("Opening balance", 130, 114), ("100.00", 470, 114),
              ("03/01/2024", 40, 128), ("Coffee", 130, 128), ("4.50", 300, 128), ("95.50", 470, 128),
              ("03/02/2024", 40, 142), ("Salary", 130, 142), ("1,000.00", 390, 142)])
    schema = {"type": "object", "properties": {
        "date": {"type": "string", "format": "date"}, "description": {"type": "string"},
        "amount": {"type": "number", "description": "Signed amount: negative for withdrawals"},
        "balance": {"anyOf": [{"type": "number"}, {"type": "null"}]}}}
    out = run(document(p), schema, extraction_target="per_table_row")
    assert out.result == [
        {"date": "2024-03-01", "description": "Coffee", "amount": -4.5, "balance": 95.5},
        {"date": "2024-03-02", "description": "Salary", "amount": 1000, "balance": None}]
    assert len(out.field_metadata["row_metadata"]) == 2


def test_per_page_gives_one_object_per_page():
    doc = document(page([("SKU: A-1", 40, 40), ("Price: $5.00", 40, 60)], number=1),
                   page([("SKU: B-2", 40, 40)], number=2))
    schema = {"type": "object", "properties": {"sku": {"type": "string"},
                                               "price": {"anyOf": [{"type": "number"}, {"type": "null"}]}}}
    out = run(doc, schema, extraction_target="per_page")
    assert out.result == [{"sku": "A-1", "price": 5}, {"sku": "B-2", "price": None}]
    assert out.other_metadata["page_numbers"] == [1, 2]


def test_party_blocks_split_addresses():
    doc = document(page([
        ("Acme Tools Ltd", 40, 30), ("12 High Street", 40, 42), ("Springfield, IL 62704", 40, 54),
        ("BILL TO", 40, 100), ("Jane Doe", 40, 112), ("Attn: Accounts", 40, 124),
        ("9 Elm Road", 40, 136), ("10115 Berlin", 40, 148), ("Germany", 40, 160)]))
    address = {"type": "object", "properties": {k: {"type": ["string", "null"]} for k in
                                                ("street", "city", "region", "postal_code", "country")}}
    party = {"type": "object", "properties": {"name": {"type": "string"}, "address": address}}
    schema = {"type": "object", "title": "Invoice", "properties": {
        "vendor": {**party, "description": "The party that issued the invoice."}, "bill_to": party}}
    out = run(doc, schema)
    assert out.result["vendor"] == {"name": "Acme Tools Ltd", "address": {
        "street": "12 High Street", "city": "Springfield", "region": "IL", "postal_code": "62704", "country": None}}
    assert out.result["bill_to"] == {"name": "Jane Doe", "address": {
        "street": "9 Elm Road", "city": "Berlin", "region": None, "postal_code": "10115", "country": "Germany"}}


def test_output_fits_the_schema_with_every_key():
    doc = document(page([("Nothing relevant here", 40, 40)]))
    schema = {"type": "object", "properties": {
        "a": {"type": "string"}, "b": {"type": "object", "properties": {"c": {"type": "integer"}}},
        "d": {"type": "array", "items": {"type": "string"}}}}
    out = run(doc, schema)
    assert out.result == {"a": None, "b": {"c": None}, "d": []}
    assert set(out.usage) == {"num_document_tokens", "num_output_tokens", "num_pages_extracted", "num_pages_read",
                              "num_pages_lost"}


def test_grounding_finds_numbers_in_another_format():
    from assay.domain.fields import ReadContext
    from assay.pipeline.ground import ground_value

    p = page([("Total due 1.234,50 EUR", 40, 40)])
    g = ground_value(document(p), 1234.5, {"type": "number"}, None, ReadContext(decimal_comma=True))
    assert g.kind == "normalized"
    assert g.matching_text == "1.234,50"
    assert g.boxes[0] == words_at("Total due 1.234,50 EUR", 40, 40)[2].box


def test_rows_after_a_totals_row_do_not_continue_the_last_item():
    schema = {"type": "object", "properties": {"line_items": {"type": "array", "items": {
        "type": "object", "properties": {"item_code": {"type": "string"}, "description": {"type": "string"},
                                         "amount": {"type": "number"}}}}}}
    doc = document(page([
        ("Item #", 40, 100), ("Description", 120, 100), ("Amount", 400, 100),
        ("SKU-1", 40, 112), ("Safety goggles", 120, 112), ("$7.99", 400, 112),
        ("Subtotal", 40, 130), ("$7.99", 120, 130),  # a totals table set under the items, left-aligned
        ("Total Due", 40, 142), ("$7.99", 120, 142),
    ]))
    out = run(doc, schema)
    assert out.result["line_items"] == [{"item_code": "SKU-1", "description": "Safety goggles", "amount": 7.99}]


def test_one_unreadable_row_does_not_end_the_table():
    # OCR damage: "S.5O" in the Amount column is no number; the clean row under it shows the table goes on.
    doc = document(_item_page(1, [("Blue widget", "2", "$10.00"), ("Red gadget", "1", "S.5O"),
                                  ("Green thing", "3", "$9.00")], total="$24.50"))
    out = run(doc, ITEMS)
    assert out.result["line_items"] == [
        {"description": "Blue widget", "quantity": 2, "amount": 10},
        {"description": "Red gadget", "quantity": 1, "amount": None},
        {"description": "Green thing", "quantity": 3, "amount": 9}]


BANK = {"type": "object", "title": "Bank statement", "properties": {
    "bank_name": {"type": "string", "description": "Name of the bank that issued the statement."},
    "account_number": {"type": "string"}}}


def _bank_page(letterhead: str):
    return page([(letterhead, 40, 30), ("12 High Street, Springfield, IL 62704", 40, 44),
                 ("Bank Statement", 40, 80),
                 ("Routing Number", 40, 110), ("029011246", 160, 110),
                 ("Account Number:", 300, 110), ("4400-1122", 400, 110)])


def test_issuer_name_may_share_a_word_with_the_title():
    # "Riverstone Bank" shares "bank" with the schema title but is a name: only a phrase of title words is a title.
    out = run(document(_bank_page("Riverstone Bank")), BANK)
    assert out.result == {"bank_name": "Riverstone Bank", "account_number": "4400-1122"}


def test_letterhead_monogram_is_not_part_of_the_name():
    out = run(document(_bank_page("NS Northgate Savings Bank")), BANK)
    assert out.result["bank_name"] == "Northgate Savings Bank"
    vendor = run(document(page([("GP Gallegos PLC", 40, 30), ("12 High Street", 40, 42),
                                ("Springfield, IL 62704", 40, 54)])), PARTIES)
    assert vendor.result["vendor"]["name"] == "Gallegos PLC"
    assert vendor.result["vendor"]["address"]["postal_code"] == "62704"


@pytest.mark.parametrize(("city", "code", "country"), [("Cork", "T23 7V9K", "Ireland"), ("Dublin", "D02X285", None),
                                                       ("Ottawa", "K1A 0B1", "Canada")])
def test_irish_and_canadian_postcodes_on_their_own_line(city, code, country):
    lines = ["BILL TO", "Aoife Byrne", "14 Baggot Street", city, code] + ([country] if country else [])
    doc = document(page([(text, 40, 100 + 12 * i) for i, text in enumerate(lines)]))
    out = run(doc, PARTIES)
    assert out.result["bill_to"] == {"name": "Aoife Byrne", "address": {
        "street": "14 Baggot Street", "city": city, "region": None, "postal_code": code, "country": country}}


PERIOD = {"type": "object", "title": "Bank statement", "properties": {
    "statement_period": {"type": "object", "properties": {
        "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"}}}}}


@pytest.mark.parametrize("items", [
    [("Statement Period: 08/01/2026 to 08/31/2026", 40, 40)],
    [("Statement Period", 40, 40), ("08/01/2026", 200, 40), ("08/31/2026", 300, 40)],
    [("Statement Period", 40, 40), ("1 August 2026 - 31 August 2026", 40, 52)]])
def test_a_labelled_date_range_fills_start_and_end(items):
    out = run(document(page(items)), PERIOD)
    assert out.result["statement_period"] == {"start_date": "2026-08-01", "end_date": "2026-08-31"}


TERMS = {"type": "object", "properties": {
    "payment_terms": {"type": ["string", "null"]}, "ship_via": {"type": ["string", "null"]},
    "subtotal": {"anyOf": [{"type": "number"}, {"type": "null"}]},
    "total": {"anyOf": [{"type": "number"}, {"type": "null"}]}}}


@pytest.mark.parametrize("items", [
    [("Terms", 40, 40), ("Net 60", 120, 40), ("Total:", 300, 40), ("$500.00", 360, 40)],
    [("PAYMENT TERMS", 40, 40), ("SHIP VIA", 200, 40), ("Net 60", 40, 52), ("UPS Ground", 200, 52)]])
def test_a_labels_value_is_not_read_as_label_and_value(items):
    # "Net 60" is the value of the terms label beside or above it, not the subtotal ("net") 60.
    out = run(document(page(items)), TERMS)
    assert out.result["payment_terms"] == "Net 60"
    assert out.result["subtotal"] is None


def test_unit_price_on_the_line_under_a_receipt_item():
    num = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
        "name": {"type": "string"}, "quantity": num, "unit_price": num, "total": num}}}}}
    doc = document(page([("3x Hdmi Cable", 40, 40), ("38.82", 250, 40), ("@ 12.94 each", 52, 52),
                         ("Coffee beans", 40, 64), ("9.50", 250, 64), ("TOTAL", 40, 90), ("48.32", 250, 90)]))
    assert run(doc, schema).result["items"] == [
        {"name": "Hdmi Cable", "quantity": 3, "unit_price": 12.94, "total": 38.82},
        {"name": "Coffee beans", "quantity": None, "unit_price": None, "total": 9.5}]


HOLDER = {"type": "object", "title": "Bank statement", "properties": {
    "account_holder": {"type": "string"}, "account_number": {"type": "string"}}}


def test_a_label_of_other_words_is_not_a_fuzzy_match():
    # "Account Number" is close in letters to "account name" (a holder label), but "number" is not a
    # misspelling of "name": the holder stays unread rather than taking the account number from the
    # page header that repeats on every page.
    header = [("Account Number:", 400, 40), ("12345678", 500, 40)]
    out = run(document(page(header), page(header, number=2)), HOLDER)
    assert out.result == {"account_holder": None, "account_number": "12345678"}


@pytest.mark.parametrize("label", ["Acount Holder:", "Account Hoider:", "Acct Holder:"])
def test_a_misspelt_or_abbreviated_label_still_matches(label):
    out = run(document(page([(label, 40, 40), ("Jane Roe", 160, 40)])), HOLDER)
    assert out.result["account_holder"] == "Jane Roe"


SIGNED = {"type": "object", "properties": {
    "applicant_name": {"type": ["string", "null"]}, "signature_date": {"type": ["string", "null"], "format": "date"}}}


@pytest.mark.parametrize("items", [
    [("Applicant Signature", 40, 500), ("Date", 390, 500), ("Jeffery Mccoy", 40, 512), ("08/22/2024", 390, 512)],
    [("Signature: ____________", 40, 500), ("Date", 40, 512), ("08/22/2024", 120, 512)]])
def test_a_date_label_in_a_signature_block_is_the_signature_date(items):
    out = run(document(page([("Applicant name: Jeffery Mccoy", 40, 40), *items])), SIGNED)
    assert out.result["signature_date"] == "2024-08-22"


def test_a_date_label_away_from_a_signature_is_not_the_signature_date():
    out = run(document(page([("Applicant name: Jeffery Mccoy", 40, 40), ("Date", 40, 80), ("08/22/2024", 120, 80)])),
              SIGNED)
    assert out.result["signature_date"] is None


def test_account_holder_falls_back_to_the_addressee_block():
    # A statement mailed in a window envelope: the holder's name heads the unlabelled address block.
    p = page([("Riverstone Bank", 40, 40), ("Account Statement", 340, 40),
              ("Theresa Evans", 40, 110), ("Account Number:", 340, 110), ("6871398213", 440, 110),
              ("5909 David Spring", 40, 122), ("Boise, ID 83702", 40, 134)])
    out = run(document(p), HOLDER)
    assert out.result == {"account_holder": "Theresa Evans", "account_number": "6871398213"}


ROLES = {"type": "object", "properties": {k: {"type": ["string", "null"]} for k in ("landlord_name", "tenant_name")}}


def test_a_role_printed_with_a_colon_labels_the_partys_name():
    out = run(document(page([("LEASE", 40, 20), ("Landlord: Jane Roe", 40, 40), ("Tenant: John Smith", 40, 54)])),
              ROLES)
    assert out.result == {"landlord_name": "Jane Roe", "tenant_name": "John Smith"}


def test_a_role_without_a_colon_is_no_name_label():
    # a signature line's caption: "signature" is not the landlord's name
    out = run(document(page([("LEASE", 40, 20), ("Landlord signature", 40, 40), ("Tenant signature", 40, 54)])),
              ROLES)
    assert out.result == {"landlord_name": None, "tenant_name": None}


def test_dot_leaders_end_a_label_as_a_colon_does():
    # Glued to the label ("Ref......") or a word of their own: the label ends there and the value follows.
    doc = document(page([("PO Ref...... P-4941", 40, 40), ("Invoice No. .......... 7781", 40, 54),
                         ("Please pay by ........", 40, 68), ("17/01/2027", 178, 68)]))
    schema = {"type": "object", "properties": {
        "invoice_number": {"type": "string"}, "po_number": {"type": ["string", "null"]},
        "due_date": {"type": ["string", "null"], "format": "date", "description": "Payment due date."}}}
    out = run(doc, schema)
    assert out.result == {"invoice_number": "7781", "po_number": "P-4941", "due_date": "2027-01-17"}
    assert out.field_metadata["document_metadata"]["po_number"]["citation"][0]["matching_text"] == "P-4941"
