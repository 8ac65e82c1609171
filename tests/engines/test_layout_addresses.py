"""Address blocks on hand-built pages: postal codes after their city, house numbers on their own, and
letterheads set flush right."""

from __future__ import annotations

import pytest
from engine_docs import document, page

from assay.domain.document import Box, Page, Word
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

ADDRESS = {"type": "object", "properties": {k: {"type": ["string", "null"]} for k in (
    "street", "city", "region", "postal_code", "country")}}
PARTIES = {"type": "object", "title": "Invoice", "properties": {
    "vendor": {"type": "object", "description": "The party that issued the invoice.",
               "properties": {"name": {"type": "string"}, "address": ADDRESS}},
    "bill_to": {"type": "object", "properties": {"name": {"type": ["string", "null"]}, "address": ADDRESS}}}}


def run(doc, schema):
    return extract_document(doc, ExtractOptions(schema, cite_sources=True, confidence_scores=True))


@pytest.mark.parametrize(("lines", "want"), [
    (["Blk 12 Orchid Ave 3 #04-12", "Harbourtown 604512"],
     {"street": "Blk 12 Orchid Ave 3 #04-12", "city": "Harbourtown", "region": None, "postal_code": "604512",
      "country": None}),
    (["Plot 7, Sector 9", "Rivermouth - 411209, Upland", "India"],
     {"street": "Plot 7, Sector 9", "city": "Rivermouth", "region": "Upland", "postal_code": "411209",
      "country": "India"}),
    (["14 Quay Street", "Bristol BS1 4DJ", "United Kingdom"],
     {"street": "14 Quay Street", "city": "Bristol", "region": None, "postal_code": "BS1 4DJ",
      "country": "United Kingdom"}),
    (["45 Long Street", "Cape Town, 8001"],
     {"street": "45 Long Street", "city": "Cape Town", "region": None, "postal_code": "8001", "country": None}),
])
def test_a_postal_code_after_its_city(lines, want):
    doc = document(page([(text, 40, 100 + 12 * i) for i, text in enumerate(["BILL TO", "Mira Sen", *lines])]))
    out = run(doc, PARTIES)
    assert out.result["bill_to"] == {"name": "Mira Sen", "address": want}


def test_a_four_digit_number_before_the_last_line_is_a_house_number_not_a_postal_code():
    doc = document(page([(text, 40, 100 + 12 * i) for i, text in
                         enumerate(["BILL TO", "Mira Sen", "PO Box 1234", "Cape Town 8001"])]))
    assert run(doc, PARTIES).result["bill_to"]["address"]["postal_code"] == "8001"


def test_a_one_line_address_keeps_the_house_number_before_its_street():
    schema = {"type": "object", "properties": {"service_address": ADDRESS}}
    doc = document(page([("Service Address: 202, Lotus Apartments, Rivermouth - 122862, Upland, India", 40, 100)]))
    out = run(doc, schema)
    assert out.result["service_address"] == {"street": "202, Lotus Apartments", "city": "Rivermouth",
                                             "region": "Upland", "postal_code": "122862", "country": "India"}


def test_a_letterhead_address_set_flush_right_under_the_name():
    # The name spans x 100..304 (34 characters); each address line ends at its right edge.
    name = "Harbourside Trading Company Pte Ltd"
    right = 100 + 6 * len(name)
    lines = ["Blk 816 Orchid Ave 6 #06-816", "Harbourtown 372482"]
    doc = document(page([(name, 100, 40), *[(t, right - 6 * len(t), 60 + 12 * i) for i, t in enumerate(lines)],
                         ("Date: 12/05/2026", 400, 60)]))
    out = run(doc, PARTIES)
    assert out.result["vendor"]["address"] == {"street": "Blk 816 Orchid Ave 6 #06-816", "city": "Harbourtown",
                                               "region": None, "postal_code": "372482", "country": None}


def test_a_flush_right_letterhead_line_ends_at_the_blocks_right_edge():
    # The document's details start 1.4 ems right of the block, on the city's row: they are no part of the address.
    name = "Harbourside Trading Company Pte Ltd"
    right = 100 + 6 * len(name)
    lines = ["303 Harbor Blvd, Suite 200", "Raleigh, NC 27666"]
    doc = document(page([(name, 100, 40), *[(t, right - 6 * len(t), 60 + 12 * i) for i, t in enumerate(lines)],
                         ("Docket No. : D/5051/BT", right + 14, 72), ("Shipped On : 4/21/25", right + 14, 84)]))
    out = run(doc, PARTIES)
    assert out.result["vendor"]["address"] == {"street": "303 Harbor Blvd, Suite 200", "city": "Raleigh",
                                               "region": "NC", "postal_code": "27666", "country": None}


def test_a_heading_set_left_of_its_block():
    # "Bill To" on the name's row, the address under the name, not under the heading.
    doc = document(page([("Invoice", 40, 30),
                         ("From", 40, 80), ("Harbour Tools Ltd", 76, 80), ("Invoice No.: HT-7", 340, 80),
                         ("12 Quay Street", 76, 92), ("Portwell, ME 04101", 76, 104),
                         ("Bill To", 40, 130), ("Mira Sen", 94, 130), ("9 Elm Road", 94, 142),
                         ("10115 Berlin", 94, 154)]))
    out = run(doc, PARTIES)
    assert out.result["vendor"] == {"name": "Harbour Tools Ltd", "address": {
        "street": "12 Quay Street", "city": "Portwell", "region": "ME", "postal_code": "04101", "country": None}}
    assert out.result["bill_to"] == {"name": "Mira Sen", "address": {
        "street": "9 Elm Road", "city": "Berlin", "region": None, "postal_code": "10115", "country": None}}


DELIVERY = {"type": "object", "title": "Delivery note", "properties": {
    "supplier": {"type": "object", "description": "The company sending the goods.",
                 "properties": {"name": {"type": "string"}, "address": ADDRESS}},
    "ship_to": {"type": "object", "description": "The party and address the goods are delivered to.",
                "properties": {"name": {"type": "string"}, "address": ADDRESS}}}}


def test_the_unlabelled_addressee_block_is_the_first_party_not_the_issuer():
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("04101 Portwell", 40, 64),
                         ("Delivery Note", 340, 40),
                         ("Lindqvist Group AB", 40, 120), ("Ostra Gatan 5", 40, 132), ("24057 Capolago", 40, 144),
                         ("Qty", 40, 200), ("Description", 100, 200), ("4", 40, 212), ("Copper pipe", 100, 212)]))
    out = run(doc, DELIVERY)
    assert out.result["ship_to"] == {"name": "Lindqvist Group AB", "address": {
        "street": "Ostra Gatan 5", "city": "Capolago", "region": None, "postal_code": "24057", "country": None}}


def test_a_heading_the_schema_does_not_know_is_not_the_addressees_name():
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("04101 Portwell", 40, 64),
                         ("Recipient", 40, 110), ("Mira Sen", 40, 122), ("9 Elm Road", 40, 134),
                         ("10115 Berlin", 40, 146),
                         ("Qty", 40, 200), ("Description", 100, 200), ("4", 40, 212), ("Copper pipe", 100, 212)]))
    out = run(doc, DELIVERY)
    assert out.result["ship_to"] == {"name": "Mira Sen", "address": {
        "street": "9 Elm Road", "city": "Berlin", "region": None, "postal_code": "10115", "country": None}}


def test_a_country_the_list_does_not_know_by_its_shape_and_place():
    # A word of letters right under the postal code is the country; a title set apart under the address is not.
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("Quaistraat 12", 40, 52), ("1234 AB Havenstad", 40, 64),
                         ("Packing Slip", 40, 96),
                         ("BILL TO", 40, 130), ("Mira Sen", 40, 142), ("Elmweg 9", 40, 154),
                         ("10115 Havenburg", 40, 166), ("Nordland", 40, 178)]))
    out = run(doc, PARTIES)
    assert out.result["vendor"]["address"]["country"] is None
    assert out.result["bill_to"]["address"]["country"] == "Nordland"
    meta = out.field_metadata["document_metadata"]["bill_to"]["address"]
    assert meta["country"]["confidence"] < meta["city"]["confidence"]  # a guess by shape is less sure


@pytest.mark.parametrize("over", [[("Commercial Invoice", 40, 30)], [("Sold By", 40, 60)]])
def test_a_title_or_a_heading_is_not_the_letterhead(over):
    # A title of title words ("... Invoice") and a heading that ends in a preposition ("Sold By") name nobody.
    doc = document(page([*over, ("Harbour Tools Ltd", 100, 60), ("12 Quay Street", 100, 72),
                         ("Portwell, ME 04101", 100, 84)]))
    out = run(doc, PARTIES)
    assert out.result["vendor"] == {"name": "Harbour Tools Ltd", "address": {
        "street": "12 Quay Street", "city": "Portwell", "region": "ME", "postal_code": "04101", "country": None}}


def test_a_party_named_like_an_issuer_is_the_addressee_where_another_is_described_as_the_issuer():
    # A purchase order: the buyer issues it; its supplier is the unlabelled block it is sent to.
    party = {"type": "object", "properties": {"name": {"type": "string"}, "address": ADDRESS}}
    schema = {"type": "object", "title": "Purchase order", "properties": {
        "buyer": {**party, "description": "The company placing the order (issuer of the PO)."},
        "supplier": {**party, "description": "The vendor the order is sent to."}}}
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("04101 Portwell", 40, 64),
                         ("Lindqvist Group AB", 40, 120), ("Ostra Gatan 5", 40, 132), ("24057 Capolago", 40, 144)]))
    out = run(doc, schema)
    assert out.result["buyer"]["name"] == "Harbour Tools Ltd"
    assert out.result["supplier"] == {"name": "Lindqvist Group AB", "address": {
        "street": "Ostra Gatan 5", "city": "Capolago", "region": None, "postal_code": "24057", "country": None}}


@pytest.mark.parametrize("line", ["Harbour & Finch Ltd, 14 Quay Street, Bristol BS1 4DJ",
                                  "Harbour & Finch Ltd · 14 Quay Street · Bristol BS1 4DJ"])
def test_a_letterhead_on_one_line_gives_the_name_and_the_address_after_it(line):
    """("14 Quay Street" ends in a label word, "Street", but a house number starts it: no label of the next part.)"""
    doc = document(page([(line, 40, 30), ("Invoice No.: INV-2291", 40, 100)]))
    schema = {**PARTIES, "properties": {"invoice_number": {"type": "string"}, **PARTIES["properties"]}}
    vendor = run(doc, schema).result["vendor"]
    assert vendor == {"name": "Harbour & Finch Ltd", "address": {
        "street": "14 Quay Street", "city": "Bristol", "region": None, "postal_code": "BS1 4DJ", "country": None}}


def test_a_letterhead_address_on_one_line_split_by_dots():
    # Each "·" splits the line into phrases; the address is all of them, not the first.
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("14 Wharf Lane · Bristol · BS1 4RN", 40, 54),
                         ("Date: 12/05/2026", 400, 40)]))
    assert run(doc, PARTIES).result["vendor"]["address"] == {
        "street": "14 Wharf Lane", "city": "Bristol", "region": None, "postal_code": "BS1 4RN", "country": None}


def test_a_letterhead_name_alone_takes_its_address_from_the_footer():
    # The bill-to block under the name, far below it, is not the letterhead's; the footer repeats the name
    # with the address after it.
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("Date: 12/05/2026", 400, 40),
                         ("Bill To", 40, 130), ("Mira Sen", 40, 142), ("9 Elm Road", 40, 154),
                         ("10115 Berlin", 40, 166),
                         ("Harbour Tools Ltd · 88 Deansgate · Manchester M3 2ER · England", 40, 760)]))
    out = run(doc, PARTIES).result
    assert out["vendor"] == {"name": "Harbour Tools Ltd", "address": {
        "street": "88 Deansgate", "city": "Manchester", "region": None, "postal_code": "M3 2ER",
        "country": "England"}}
    assert out["bill_to"]["address"]["street"] == "9 Elm Road"


@pytest.mark.parametrize("after", ["VAT No. 4123456789", "RSA"])
def test_a_four_digit_code_before_a_tax_number_or_a_country_the_list_lacks(after):
    doc = document(page([(text, 40, 100 + 12 * i) for i, text in
                         enumerate(["BILL TO", "Mira Sen", "12 Long Street", "Cape Town 8001", after])]))
    address = run(doc, PARTIES).result["bill_to"]["address"]
    assert (address["city"], address["postal_code"]) == ("Cape Town", "8001")


DESCRIBED_ADDRESS = {"type": "object", "properties": {
    "street": {"type": "string", "description": "Street line (number, street name, unit) exactly as printed."},
    "city": {"type": "string", "description": "City or town as printed."},
    "region": {"type": ["string", "null"], "description": "State, province or region as printed."},
    "postal_code": {"type": "string", "description": "Postal or ZIP code as printed."},
    "country": {"type": ["string", "null"], "description": "Country as printed; null if none is printed."}}}


def test_a_heading_that_names_the_address_heads_the_party_block():
    # "Billing Address" names bill_to's address, not bill_to: the name over the address is the party's.
    schema = {"type": "object", "properties": {
        "vendor": {"type": "object", "properties": {"name": {"type": "string"}, "address": DESCRIBED_ADDRESS}},
        "bill_to": {"type": "object", "properties": {"name": {"type": "string"}, "address": DESCRIBED_ADDRESS}}}}
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("Portwell, ME 04101", 40, 64),
                         ("Billing Address:", 40, 130), ("Lindqvist Group AB", 40, 142), ("Ostra Gatan 5", 40, 154),
                         ("24057 Capolago", 40, 166)]))
    assert run(doc, schema).result["bill_to"] == {"name": "Lindqvist Group AB", "address": {
        "street": "Ostra Gatan 5", "city": "Capolago", "region": None, "postal_code": "24057", "country": None}}


def test_a_contact_label_under_the_name_does_not_end_the_block():
    doc = document(page([("Bill To", 40, 100), ("Mira Sen Ltd", 40, 112), ("FAO: Finance Department", 40, 124),
                         ("14 Wharf Lane", 40, 136), ("Bristol BS1 4RN", 40, 148)]))
    assert run(doc, PARTIES).result["bill_to"] == {"name": "Mira Sen Ltd", "address": {
        "street": "14 Wharf Lane", "city": "Bristol", "region": None, "postal_code": "BS1 4RN", "country": None}}


def test_a_heading_of_words_the_schema_does_not_use_heads_the_addressee_block():
    # "Recipient:" names no field, so the block under it is still the unlabelled addressee's.
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("04101 Portwell", 40, 64),
                         ("Delivery Note", 340, 40), ("Recipient:", 40, 108),
                         ("Lindqvist Group AB", 40, 120), ("Ostra Gatan 5", 40, 132), ("24057 Capolago", 40, 144)]))
    assert run(doc, DELIVERY).result["ship_to"] == {"name": "Lindqvist Group AB", "address": {
        "street": "Ostra Gatan 5", "city": "Capolago", "region": None, "postal_code": "24057", "country": None}}



def test_a_heading_of_business_words_no_field_of_the_schema_uses_heads_the_addressee_block():
    # "Buyer" is a party's word on other documents (a purchase order's buyer); this invoice's schema names its
    # addressee bill_to: the block under the heading is still the unlabelled addressee's.
    doc = document(page([("Harbour Tools Ltd", 40, 40), ("12 Quay Street", 40, 52), ("04101 Portwell", 40, 64),
                         ("Invoice", 340, 40), ("Buyer", 40, 108),
                         ("Lindqvist Group AB", 40, 120), ("Ostra Gatan 5", 40, 132), ("24057 Capolago", 40, 144)]))
    assert run(doc, PARTIES).result["bill_to"] == {"name": "Lindqvist Group AB", "address": {
        "street": "Ostra Gatan 5", "city": "Capolago", "region": None, "postal_code": "24057", "country": None}}

RECEIPT = {"type": "object", "title": "Receipt", "properties": {
    "merchant_name": {"type": "string"}, "merchant_address": ADDRESS, "date": {"type": "string", "format": "date"}}}


def test_a_letterhead_line_set_with_a_wider_space_is_one_line():
    doc = document(page([("Boltworks Hardware", 40, 20), ("7 Adelaide Terrace", 40, 34), ("Perth WA", 40, 46),
                         ("6000", 102, 46), ("Tel: (08) 9325 1177", 40, 58)]))
    assert run(doc, RECEIPT).result["merchant_address"] == {
        "street": "7 Adelaide Terrace", "city": "Perth", "region": "WA", "postal_code": "6000", "country": None}


def test_the_letterhead_address_ends_at_the_contact_line_after_it():
    # "Date: 13 Mar 2026" under the address reads like "City ST 1234": it is not the address's line.
    doc = document(page([("Kiosk am Markt", 40, 20), ("88 Deansgate", 40, 34), ("Manchester, M3 2ER", 40, 46),
                         ("England", 40, 58), ("Ph: 0161 496 0271", 40, 70), ("Date: 13 Mar 2026", 40, 82)]))
    assert run(doc, RECEIPT).result["merchant_address"] == {
        "street": "88 Deansgate", "city": "Manchester", "region": None, "postal_code": "M3 2ER", "country": "England"}


INVOICE = {"type": "object", "title": "Invoice", "properties": {
    "invoice_number": {"type": "string"}, "po_number": {"type": ["string", "null"]},
    "vendor": {"type": "object", "description": "The party that issued the invoice.", "properties": {
        "name": {"type": "string", "description": "Name of the company issuing the invoice."}, "address": ADDRESS}},
    "bill_to": {"type": "object", "description": "The customer being billed.", "properties": {
        "name": {"type": "string", "description": "Name of the company or person."}, "address": ADDRESS}}}}


def test_a_code_after_a_party_s_label_is_no_name_of_that_party():
    # "Customer Account : C-74984" means the customer, but a code is no one's name: the block beside "Recipient"
    # is the customer's.
    doc = document(page([("Okafor & Okafor Co.", 100, 47), ("SALES INVOICE", 420, 47),
                         ("467 W Old Orchard Dr", 142, 72), ("Raleigh, NC 27692", 149, 84),
                         ("Invoice ID : INV-62489", 342, 84), ("United States", 159, 96),
                         ("Customer PO : P3240-87", 342, 113), ("Customer Account : C-74984", 342, 127),
                         ("Recipient", 41, 155), ("Northgate Engineering Inc.", 110, 155),
                         ("626 Maple Pkwy Unit 6", 110, 167), ("Tucson, AZ 85787", 110, 179), ("USA", 110, 191)]))
    assert run(doc, INVOICE).result["bill_to"] == {"name": "Northgate Engineering Inc.", "address": {
        "street": "626 Maple Pkwy Unit 6", "city": "Tucson", "region": "AZ", "postal_code": "85787", "country": "USA"}}


SCANNED_HEADER = [  # the top of a scanned invoice, as the OCR placed its words: (text, x, y, width, height)
    ("Garcia", 46, 46, 55, 14), ("&", 108, 47, 12, 14), ("Okafor", 126, 47, 57, 14), ("GmbH", 189, 47, 52, 14),
    ("&", 248, 47, 12, 14), ("Co.", 266, 46, 27, 14), ("KG", 301, 47, 25, 14), ("Billing", 409, 47, 59, 19),
    ("Document", 476, 48, 96, 15), ("Gartenweg", 154, 73, 45, 9), ("328", 203, 73, 15, 7), ("50933", 163, 86, 26, 7),
    ("Koln", 192, 86, 18, 7), ("Invoice", 342, 85, 32, 7), ("No.:", 378, 85, 20, 7), ("INV-86724", 409, 85, 44, 7),
    ("USt-IdNr.", 135, 98, 39, 8), ("DE260119450", 178, 98, 60, 7), ("Date", 342, 100, 20, 7), (":", 366, 102, 2, 5),
    ("2026-05-03", 409, 100, 48, 7), ("Due:", 342, 114, 23, 7), ("2026-05-13", 409, 114, 48, 7),
    ("Recipient", 40, 144, 36, 8), ("Leila", 89, 143, 21, 7), ("Rossi", 113, 143, 25, 7), ("Ship-To", 306, 144, 29, 8),
    ("Party", 339, 144, 19, 8), ("Ironbark", 371, 143, 37, 7), ("Software", 411, 143, 40, 8), ("AG", 454, 143, 13, 7),
    ("Waldallee", 88, 156, 41, 7), ("744a", 133, 156, 21, 7), ("Rosenallee", 371, 156, 46, 7),
    ("147a", 422, 156, 20, 7), ("90340", 89, 169, 26, 7), ("Nurnberg", 118, 169, 38, 9), ("55645", 371, 169, 26, 7),
    ("Mainz", 400, 169, 24, 7),
    ("Deutschland", 371, 182, 51, 7)]


def test_addressee_blocks_side_by_side_are_no_grid_of_cells():
    # "Recipient | Leila Rossi | Ship-To Party | Ironbark Software AG" lines up with the rows near it like a table's
    # row, but a whole address runs under the name: the addressee's block, though no field names its heading.
    words = [Word(t, Box(x, y, w, h)) for t, x, y, w, h in SCANNED_HEADER]
    doc = document(Page(number=1, width=612.0, height=792.0, words=words))
    assert run(doc, INVOICE).result["bill_to"] == {"name": "Leila Rossi", "address": {
        "street": "Waldallee 744a", "city": "Nurnberg", "region": None, "postal_code": "90340", "country": None}}
