"""Headed sections (résumés), the header block, and values that must not be invented."""

from __future__ import annotations

from engine_docs import document, page, sized_page

from assay.domain.document import Document
from assay.domain.labels import label_score, labels_for
from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

CONFIG = {"cite_sources": True, "confidence_scores": True}


def run(doc, schema):
    return extract_document(doc, ExtractOptions(schema, **{**CONFIG, "extraction_target": "per_doc"}))


def sized(items: list[tuple[str, float, float, float]], width: float = 612.0) -> Document:
    return document(sized_page(items, width=width))


RESUME = {"type": "object", "title": "Resume", "properties": {
    "full_name": {"type": "string", "description": "Candidate's full name as printed."},
    "phone": {"type": ["string", "null"]},
    "location": {"type": ["string", "null"], "description": "City/region line of the contact details."},
    "skills": {"type": "array", "items": {"type": "string"}},
    "work_experience": {"type": "array", "items": {"type": "object", "properties": {
        "company": {"type": "string"}, "title": {"type": "string"},
        "start_date": {"type": "string", "description": "Start month as YYYY-MM."},
        "end_date": {"type": ["string", "null"], "description": "End month as YYYY-MM; null if current."},
        "location": {"type": ["string", "null"]}}}},
    "education": {"type": "array", "items": {"type": "object", "properties": {
        "institution": {"type": "string"}, "degree": {"type": "string"},
        "graduation_year": {"type": ["integer", "null"]}}}},
}}


def test_single_column_resume_sections_entries_and_header():
    doc = sized([
        ("Dana Whitfield", 220, 40, 24),
        ("(555) 010-2233", 150, 75, 10), ("Portland, OR", 320, 75, 10),
        ("EMPLOYMENT HISTORY", 48, 100, 12),
        ("Staff Accountant, Northwind Holdings", 48, 122, 10), ("Feb 2021", 470, 122, 10),
        ("Present", 530, 122, 10),
        ("Boise, ID", 48, 135, 10),
        ("• Closed the books every month.", 48, 149, 10),
        ("Harbor Logistics | Billing Clerk", 48, 170, 10), ("Jun 2018 - Jan 2021", 470, 170, 10),
        ("• Reconciled vendor statements.", 48, 184, 10),
        ("Academic Background", 48, 210, 12),
        ("B.Com. Accounting", 48, 232, 10), ("2018", 540, 232, 10),
        ("Lakeside College", 48, 245, 10),
        ("CORE SKILLS", 48, 272, 12),
        ("Excel, Tax Planning, SAP", 48, 294, 10),
    ])
    out = run(doc, RESUME)
    r = out.result
    assert r["full_name"] == "Dana Whitfield"
    assert r["phone"] == "(555) 010-2233"
    assert r["location"] == "Portland, OR"
    assert r["skills"] == ["Excel", "Tax Planning", "SAP"]
    jobs = {j["company"]: j for j in r["work_experience"]}
    assert jobs["Northwind Holdings"] == {"company": "Northwind Holdings", "title": "Staff Accountant",
                                          "start_date": "2021-02", "end_date": None, "location": "Boise, ID"}
    assert jobs["Harbor Logistics"]["title"] == "Billing Clerk"
    assert (jobs["Harbor Logistics"]["start_date"], jobs["Harbor Logistics"]["end_date"]) == ("2018-06", "2021-01")
    assert r["education"] == [{"institution": "Lakeside College", "degree": "B.Com. Accounting",
                               "graduation_year": 2018}]
    cites = out.field_metadata["document_metadata"]["work_experience"]
    assert all(c["company"]["citation"] for c in cites)


def test_sidebar_resume_keeps_each_column_apart():
    doc = sized([
        ("Ines", 24, 40, 20), ("PROFILE", 204, 40, 10), ("Analyst who likes tidy data.", 204, 56, 9),
        ("Moreau", 24, 64, 20),
        ("SKILLS", 24, 110, 9), ("WORK EXPERIENCE", 204, 110, 10),
        ("Python", 24, 125, 9), ("03/2020 - Present", 204, 125, 9),
        ("Tableau", 24, 138, 9), ("Data Analyst", 204, 137, 10),
        ("SQL", 24, 151, 9), ("Granite Insurance", 204, 151, 9), ("Lyon, France", 330, 151, 9),
        ("• Built dashboards for the claims team.", 204, 165, 9),
        ("EDUCATION", 24, 185, 9), ("01/2017 - 02/2020", 204, 185, 9),
        ("M.Sc. Statistics", 24, 200, 9), ("Junior Analyst", 204, 197, 10),
        ("Universite de Lyon", 24, 212, 9), ("Rhone Software", 204, 211, 9),
        ("2016", 24, 224, 9),
    ], width=595.0)
    r = run(doc, RESUME).result
    assert r["full_name"] == "Ines Moreau"
    assert r["skills"] == ["Python", "Tableau", "SQL"]
    jobs = sorted(r["work_experience"], key=lambda j: j["start_date"])
    assert [(j["company"], j["title"], j["start_date"], j["end_date"]) for j in jobs] == [
        ("Rhone Software", "Junior Analyst", "2017-01", "2020-02"),
        ("Granite Insurance", "Data Analyst", "2020-03", None)]
    assert jobs[1]["location"] == "Lyon, France"
    assert r["education"] == [{"institution": "Universite de Lyon", "degree": "M.Sc. Statistics",
                               "graduation_year": 2016}]


def test_plain_text_resume_splits_dashes_and_commas():
    doc = document(page([
        ("Sam Okafor", 36, 36), ("(555) 111-2222", 36, 48),
        ("EXPERIENCE", 36, 72),
        ("Support Engineer - Pine Systems (Mar 2019 - Present)", 36, 84),
        ("* Answered tickets.", 48, 96),
        ("EDUCATION", 36, 120),
        ("B.A. History, State University, 2015", 36, 132),
        ("B.Sc. Physics, Coastal University", 36, 144),
    ]))
    r = run(doc, RESUME).result
    assert r["full_name"] == "Sam Okafor"
    assert r["phone"] == "(555) 111-2222"
    assert r["work_experience"] == [{"company": "Pine Systems", "title": "Support Engineer",
                                     "start_date": "2019-03", "end_date": None, "location": None}]
    assert sorted(r["education"], key=lambda e: e["degree"]) == [
        {"institution": "State University", "degree": "B.A. History", "graduation_year": 2015},
        {"institution": "Coastal University", "degree": "B.Sc. Physics", "graduation_year": None}]


INVOICE = {"type": "object", "title": "Invoice", "properties": {
    "invoice_number": {"type": "string"}, "vendor_name": {"type": ["string", "null"]},
    "po_number": {"type": ["string", "null"]}, "total": {"type": "number"}}}


def test_table_header_and_label_lines_are_not_the_vendor_name():
    doc = document(page([
        ("Invoice Number: INV-1001", 50, 50), ("Customer No.: C-5521", 50, 64),
        ("Description", 50, 120), ("Quantity", 300, 120), ("Amount", 450, 120),
        ("Widget", 50, 134), ("2", 300, 134), ("10.00", 450, 134),
        ("Total: 10.00", 400, 170),
    ]))
    out = run(doc, INVOICE)
    assert out.result["vendor_name"] is None
    assert out.result["po_number"] is None  # "Customer No." is not "Customer PO"
    assert out.result["invoice_number"] == "INV-1001"


def test_column_header_gives_no_value_but_the_total_line_does():
    doc = document(page([
        ("ACME SUPPLY CO", 50, 40),
        ("Description", 50, 120), ("Qty", 300, 120), ("Total", 450, 120),
        ("Bolts", 50, 134), ("2", 300, 134), ("4.00", 450, 134),
        ("Nuts", 50, 148), ("3", 300, 148), ("6.00", 450, 148),
        ("Total amount", 340, 180), ("10.00", 450, 180),
    ]))
    assert run(doc, INVOICE).result["total"] == 10


def test_blank_field_does_not_take_the_next_heading_or_a_tick_box():
    items = [
        ("Employment", 40, 40, 14),
        ("Employment status", 40, 62, 10), ("☐ Employed", 140, 62, 10), ("☐ Self-employed", 220, 62, 10),
        ("Employer name:", 40, 80, 10), ("Monthly income: 1,200.00", 300, 80, 10),
        ("Household", 40, 110, 14),
        ("Pets:", 40, 132, 10),
    ]
    schema = {"type": "object", "properties": {"employer_name": {"type": ["string", "null"]},
                                               "monthly_income": {"type": ["number", "null"]}}}
    r = run(sized(items), schema).result
    assert r == {"employer_name": None, "monthly_income": 1200}


def test_short_words_are_not_fuzzy_matched():
    assert label_score("Customer No.", labels_for("po_number")) < 0.8
    assert label_score("Invoce Number", labels_for("invoice_number")) >= 0.8
