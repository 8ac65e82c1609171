"""A résumé entry is a block: its header (title, employer and place, dates; on one line or a few) and
bullets under it. A header line of three phrases set apart is no sentence however many words it has,
a line set under a later phrase of the header (the employer under the title, beside a column of
dates) is no indent, a line of dates alone belongs to the entry above, the words joining two dates are
no employer, and a place left over after the title and the employer ("Pine Systems, Den Haag") is the
entry's location. The entries of a section are laid out alike: a field keeps its place in them."""

from __future__ import annotations

from engine_docs import document, sized_page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

JOBS = {"type": "object", "properties": {"work_experience": {"type": "array", "items": {"type": "object",
    "properties": {"company": {"type": "string"}, "title": {"type": "string"},
                   "start_date": {"type": "string", "description": "Start month as YYYY-MM."},
                   "end_date": {"type": ["string", "null"], "description": "End month as YYYY-MM; null if current."},
                   "location": {"type": ["string", "null"]}}}}}}


def _jobs(items: list[tuple[str, float, float, float]]) -> list[dict]:
    doc = document(sized_page(items))
    return extract_document(doc, ExtractOptions(JOBS)).result["work_experience"]


def _job(company, title, start, end, location=None) -> dict:
    return {"company": company, "title": title, "start_date": start, "end_date": end, "location": location}


def test_header_lines_of_three_phrases_and_dates_set_apart():
    got = _jobs([
        ("EMPLOYMENT HISTORY", 46, 100, 14),
        ("Product Owner", 46, 122, 10), ("Pine Software Systems, Den Haag", 190, 122, 10),
        ("July 2023 to August 2024", 430, 122, 10),
        ("• Negotiated supplier contracts across regions", 54, 137, 10),
        ("Data Engineer", 46, 158, 10), ("Harbor Labs Group, Leiden", 190, 158, 10),
        ("March 2020 to June 2023", 430, 158, 10),
        ("• Migrated services with zero downtime", 54, 173, 10),
        ("Financial Controller", 46, 194, 10), ("Patel & Fitzgerald LLP", 190, 194, 10),
        ("May 2015 to February 2020", 430, 194, 10),
        ("• Cut the month-end close to four days", 54, 209, 10),
        ("Account Manager", 46, 230, 10), ("Meridian Design Studio", 190, 230, 10),
        ("March 2012", 430, 250, 10), ("February 2015", 500, 250, 10),
        ("• Owned a budget across suppliers", 54, 265, 10)])
    assert got == [_job("Pine Software Systems", "Product Owner", "2023-07", "2024-08", "Den Haag"),
                   _job("Harbor Labs Group", "Data Engineer", "2020-03", "2023-06", "Leiden"),
                   _job("Patel & Fitzgerald LLP", "Financial Controller", "2015-05", "2020-02"),
                   _job("Meridian Design Studio", "Account Manager", "2012-03", "2015-02")]


def test_employer_under_the_title_beside_a_column_of_dates():
    got = _jobs([
        ("Employment History", 46, 100, 14),
        ("03.2023 to ongoing", 46, 122, 10), ("Account Manager", 166, 122, 10),
        ("Lanterna Fasteners Ltd", 166, 135, 10),
        ("• Cut the month-end close to four days", 176, 150, 10),
        ("03.2020 to 03.2023", 46, 172, 10), ("Marketing Specialist", 166, 172, 10),
        ("Fitzgerald Doyle Ltd", 166, 185, 10),
        ("• Shipped the onboarding used by customers", 176, 200, 10)])
    assert got == [_job("Lanterna Fasteners Ltd", "Account Manager", "2023-03", None),
                   _job("Fitzgerald Doyle Ltd", "Marketing Specialist", "2020-03", "2023-03")]


RESUME = {"type": "object", "title": "Resume", "properties": {
    "skills": {"type": "array", "items": {"type": "string"}, "description": "Skills listed."},
    "work_experience": JOBS["properties"]["work_experience"],
    "education": {"type": "array", "items": {"type": "object", "properties": {
        "institution": {"type": "string", "description": "School / university name."},
        "degree": {"type": "string", "description": "Degree or qualification as printed."},
        "graduation_year": {"type": ["integer", "null"]}}}}}}


def test_headings_set_apart_by_space_and_named_by_elimination():
    # "Career", "Core Competencies" and "Qualifications" are in body type, and none names its list
    # outright: the space above each makes it a heading, and the three lists share them out by meaning.
    doc = document(sized_page([
        ("Ingrid Doyle", 46, 40, 22),
        ("Career", 46, 100, 10),
        ("Marketing Specialist", 46, 116, 9), ("June 2020 to May 2023", 300, 116, 9),
        ("PJK Textiles Ltd", 46, 128, 9),
        ("• Shipped the onboarding used by customers", 54, 141, 9),
        ("Core Competencies", 46, 180, 10),
        ("• Python", 46, 196, 9), ("• Figma", 46, 208, 9),
        ("Qualifications", 46, 240, 10),
        ("BSc Computer Science, University of Toronto, 2011", 46, 256, 9)]))
    got = extract_document(doc, ExtractOptions(RESUME)).result
    assert got["skills"] == ["Python", "Figma"]
    assert got["work_experience"] == [_job("PJK Textiles Ltd", "Marketing Specialist", "2020-06", "2023-05")]
    assert got["education"] == [{"institution": "University of Toronto", "degree": "BSc Computer Science",
                                 "graduation_year": 2011}]


def test_a_list_its_heading_names_by_meaning_takes_no_other_heading_by_elimination():
    # "Education and Certifications" names education by meaning; "Career" names no list clearly. Education has
    # its section, so it does not compete for "Career" (whose dated entries would fit its years too).
    doc = document(sized_page([
        ("Leila Moreau", 46, 40, 22),
        ("Profile", 46, 100, 10), ("Customer-focused specialist, comfortable with numbers.", 46, 116, 9),
        ("Career", 46, 150, 10),
        ("Mar 2021 to Jun 2023", 46, 166, 9), ("Account Manager", 166, 166, 9),
        ("Brightline Textiles B.V.", 166, 178, 9),
        ("• Cut month-end close from 9 to 4 days", 166, 191, 9),
        ("Expertise", 46, 230, 10), ("Java, Public speaking, Python", 46, 246, 9),
        ("Education and Certifications", 46, 280, 10),
        ("Trinity College Dublin", 46, 296, 9), ("BSc Computer Science", 46, 308, 9), ("2014 – 2017", 46, 320, 9)]))
    got = extract_document(doc, ExtractOptions(RESUME)).result
    assert got["work_experience"] == [_job("Brightline Textiles B.V.", "Account Manager", "2021-03", "2023-06")]
    assert got["education"] == [{"institution": "Trinity College Dublin", "degree": "BSc Computer Science",
                                 "graduation_year": 2017}]


def test_contact_lines_under_a_name_heading_a_sidebar():
    # The name heads the right column; "Experience" heads the left one at the same height and does not end
    # the contact block. Two capitalised names joined by a comma there are a town and its region.
    schema = {"type": "object", "properties": {"full_name": {"type": "string"}, "phone": {"type": ["string", "null"]},
                                               "location": {"type": ["string", "null"]}}}
    doc = document(sized_page([
        ("Keira Dubois", 396, 57, 17), ("Experience", 46, 75, 12),
        ("Account Manager", 46, 93, 9), ("keira.dubois@gmail.com", 396, 98, 9),
        ("Rossi Walsh Limited", 46, 106, 9), ("+91 93054 01723", 396, 111, 9),
        ("Nov 2022 to May 2024", 46, 120, 9), ("Nagpur, Maharashtra", 396, 124, 9)]))
    got = extract_document(doc, ExtractOptions(schema)).result
    assert got == {"full_name": "Keira Dubois", "phone": "+91 93054 01723", "location": "Nagpur, Maharashtra"}


def test_a_heading_that_names_a_field_of_the_lists_items_heads_the_list():
    # "Academic Qualifications" reads as the degree of an education entry: the section is education's.
    doc = document(sized_page([
        ("Keira MacLeod", 46, 40, 22), ("Skills", 46, 100, 12), ("• Python", 46, 118, 9),
        ("Academic Qualifications", 46, 150, 10),
        ("University of Leeds", 46, 166, 9), ("Diploma in Graphic Design", 46, 178, 9), ("2016 2020", 46, 190, 9)]))
    got = extract_document(doc, ExtractOptions(RESUME)).result
    assert got["education"] == [{"institution": "University of Leeds", "degree": "Diploma in Graphic Design",
                                 "graduation_year": 2020}]


def test_a_single_list_takes_no_heading_by_elimination():
    # One list eliminates nothing: a lease's title over its clauses is no section of its tenants' names.
    schema = {"type": "object", "properties": {"tenant_names": {"type": "array", "items": {"type": "string"}}}}
    doc = document(sized_page([("APARTMENT LEASE", 200, 40, 16),
                               ("This lease is made between the parties named below.", 46, 80, 9),
                               ("Basel", 46, 92, 9)]))
    assert extract_document(doc, ExtractOptions(schema)).result["tenant_names"] == []


RESUME = {"type": "object", "title": "Resume", "properties": {
    "skills": {"type": "array", "items": {"type": "string"}, "description": "Every listed skill, one string each."},
    **JOBS["properties"],
    "education": {"type": "array", "items": {"type": "object", "properties": {
        "institution": {"type": "string", "description": "School / university name."},
        "degree": {"type": "string", "description": "Degree or qualification as printed."},
        "graduation_year": {"type": ["integer", "null"], "description": "Year of graduation; null if none."}}}}}}


def _resume(items: list[tuple[str, float, float, float]]) -> dict:
    return extract_document(document(sized_page(items)), ExtractOptions(RESUME)).result


def test_headings_no_label_names_go_to_the_lists_whose_items_their_sections_hold():
    got = _resume([
        ("Ingrid Solberg", 46, 40, 20),
        ("CAREER", 46, 100, 13), ("Data Analyst, Northwind Traders", 46, 118, 10), ("03/2021 – Now", 430, 118, 10),
        ("• Cut reporting time with automated pipelines.", 54, 132, 10),
        ("Qualifications", 46, 160, 13), ("MSc Data Science, University of Leeds", 46, 178, 10), ("2019", 430, 178, 10),
        ("Toolbox", 46, 206, 13), ("SAP", 46, 224, 10), ("Excel", 206, 224, 10), ("Power BI", 366, 224, 10)])
    assert got["skills"] == ["SAP", "Excel", "Power BI"]  # a list of short phrases, though "Toolbox" says little
    assert [j["company"] for j in got["work_experience"]] == ["Northwind Traders"]  # dated entries are no skills
    assert got["work_experience"][0]["end_date"] is None


def test_a_heading_in_larger_capitals_close_over_its_section_is_a_heading():
    got = _resume([("Kwame Mensah", 46, 40, 20), ("EMPLOYMENT", 46, 100, 13),
                   ("Operations Lead, Maple Leaf Foods", 46, 118, 10), ("2019 – 2024", 430, 118, 10),
                   ("BSc Economics, McGill University", 46, 136, 10), ("2015", 430, 136, 10),
                   ("TOOLBOX", 46, 151, 13), ("Python, SQL, Tableau", 46, 167, 10)])
    assert got["skills"] == ["Python", "SQL", "Tableau"]


def test_to_date_ends_a_current_position():
    got = _jobs([("EXPERIENCE", 46, 100, 14), ("05/2022 – to date", 46, 122, 10),
                 ("Data Analyst — Blue Harbor Analytics, Austin, TX", 190, 122, 10),
                 ("• Led a team of six.", 54, 137, 10)])
    assert got == [_job("Blue Harbor Analytics", "Data Analyst", "2022-05", None, "Austin, TX")]


def test_two_year_first_months_glued_by_a_dash_are_the_entrys_start_and_end():
    """A scan that loses the spaces around the dash prints "2023-11-2024-04": a date either side of one of its
    dashes."""
    got = _jobs([("EXPERIENCE", 46, 100, 14), ("Blue Harbor Analytics", 46, 122, 10), ("Berlin, Germany", 430, 122, 10),
                 ("Operations Lead", 46, 137, 10), ("2023-11-2024-04", 430, 137, 10),
                 ("• Led a team of six.", 54, 152, 10)])
    assert got == [_job("Blue Harbor Analytics", "Operations Lead", "2023-11", "2024-04", "Berlin, Germany")]
