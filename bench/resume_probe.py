#!/usr/bin/env python3
"""A quick probe of résumés in wordings and arrangements written apart from the generalization generator, as
bench/invoice_probe.py is for invoices: the name over a contact line or a contact column, section headings in
other words ("Work History", "Academic Background", "Core Competencies"), each position in one of several
arrangements (title and employer on one line with the dates at the right; the employer over the title with the
dates beside it; the dates first), months in other notations, skills as a comma list, bullets or columns, degrees
before or after their school. Each position and each degree is counted as one field; the skills as one.

    PYTHONPATH=src python bench/resume_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/resume_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07 (second session); 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from probe_score import ListRead, report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "resume.json").read_text())
PEOPLE = ["Ingrid Solberg", "Kwame Mensah", "Sofia Marchetti", "Rajiv Iyer", "Hannah O'Brien", "Tomás Herrera"]
PLACES = ["Leeds, UK", "Austin, TX", "Berlin, Germany", "Pune, India", "Toronto, ON", "Melbourne, VIC"]
PHONES = ["+44 7700 900123", "(512) 555-0147", "+49 151 2345 6789", "+91 98765 43210", "416-555-0199"]
EMPLOYERS = ["Northwind Traders", "Blue Harbor Analytics", "Vektor Systeme GmbH", "Tata Elxsi", "Maple Leaf Foods",
             "Koala Logistics Pty Ltd", "Sable & Finch LLP", "Orbital Health"]
TITLES = ["Data Analyst", "Senior Software Engineer", "Product Manager", "UX Researcher", "Operations Lead",
          "Financial Controller", "DevOps Engineer", "Marketing Coordinator"]
SCHOOLS = ["University of Leeds", "Texas A&M University", "TU München", "IIT Bombay", "McGill University",
           "RMIT University"]
DEGREES = ["BSc Computer Science", "MBA", "B.Com. Accounting", "MSc Data Science", "BA Economics",
           "Diploma in Graphic Design"]
SKILLS = ["Python", "SQL", "Tableau", "Figma", "Kubernetes", "Excel", "Jira", "Go", "Power BI", "Terraform",
          "SAP", "Google Analytics", "React", "Stakeholder management"]
HEADS = {"experience": ["Work History", "Professional Experience", "Employment", "Career", "Experience"],
         "education": ["Academic Background", "Education", "Qualifications", "Studies"],
         "skills": ["Core Competencies", "Technical Skills", "Skills", "Toolbox", "Expertise"]}
MONTHS = ["%b %Y", "%B %Y", "%m/%Y", "%Y-%m", "%b. %Y"]
CURRENT = ["Present", "Current", "Now", "to date"]
STYLES = ["title_at", "employer_over", "dates_first"]


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt = r.choice(STYLES), r.choice(MONTHS)
    heads = {k: r.choice(v) for k, v in HEADS.items()}
    name, place, phone = r.choice(PEOPLE), r.choice(PLACES), r.choice(PHONES)
    handle = name.lower().replace(" ", "").replace("'", "").replace("á", "a")
    email = f"{handle}@{r.choice(['gmail.com', 'outlook.com', 'proton.me'])}"
    linkedin = f"linkedin.com/in/{handle}" if r.random() < 0.6 else None
    current = r.choice(CURRENT)
    jobs = []
    end = None
    month = dt.date(2026, r.randint(1, 10), 1)
    for employer, title in zip(r.sample(EMPLOYERS, r.randint(2, 3)), r.sample(TITLES, 3), strict=False):
        start = dt.date(month.year - r.randint(1, 4), r.randint(1, 12), 1)
        jobs.append((employer, title, start, end, r.choice(PLACES)))
        end = dt.date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1)
        month = end
    schooling = [(s, d, r.randint(2008, 2019)) for s, d in zip(r.sample(SCHOOLS, r.randint(1, 2)),
                                                               r.sample(DEGREES, 2), strict=False)]
    skills = r.sample(SKILLS, r.randint(4, 8))
    contact = [email, phone, place] + ([linkedin] if linkedin else [])
    skill_style = r.choice(["commas", "bullets", "columns"])

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(60, 740, name)
    c.setFont("Helvetica", 9)
    if r.random() < 0.5:
        c.drawString(60, 722, "  |  ".join(contact))
    else:
        for n, line in enumerate(contact):
            c.drawString(60 + 130 * (n % 2), 722 - 12 * (n // 2), line)
    y = 680

    def heading(text: str) -> None:
        nonlocal y
        c.setFont("Helvetica-Bold", 11)
        c.drawString(60, y, text.upper() if r.random() < 0.5 else text)
        y -= 16
        c.setFont("Helvetica", 9.5)

    def months(start: dt.date, stop: dt.date | None) -> str:
        return f"{start.strftime(fmt)} – {stop.strftime(fmt) if stop else current}"

    heading(heads["experience"])
    for employer, title, start, stop, where in jobs:
        if style == "title_at":
            c.drawString(60, y, f"{title}, {employer}")
            c.drawRightString(550, y, months(start, stop))
            y -= 12
            c.drawString(60, y, where)
        elif style == "employer_over":
            c.setFont("Helvetica-Bold", 9.5)
            c.drawString(60, y, employer)
            c.setFont("Helvetica", 9.5)
            c.drawRightString(550, y, where)
            y -= 12
            c.drawString(60, y, title)
            c.drawRightString(550, y, months(start, stop))
        else:
            c.drawString(60, y, months(start, stop))
            c.drawString(200, y, f"{title} — {employer}, {where}")
        y -= 12
        for _ in range(2):
            c.drawString(72, y, "• " + r.choice(["Cut reporting time by 40% with automated pipelines.",
                                                 "Led a team of 6 across three time zones.",
                                                 "Managed a budget of $1.2M and four vendors.",
                                                 "Shipped the onboarding redesign used by 80k customers."]))
            y -= 12
        y -= 8
    heading(heads["education"])
    for school, degree, year in schooling:
        if r.random() < 0.5:
            c.drawString(60, y, f"{degree}, {school}")
            c.drawRightString(550, y, str(year))
        else:
            c.drawString(60, y, school)
            c.drawRightString(550, y, f"{year - r.choice([1, 3, 4])} – {year}")
            y -= 12
            c.drawString(60, y, degree)
        y -= 18
    heading(heads["skills"])
    if skill_style == "commas":
        c.drawString(60, y, ", ".join(skills))
    elif skill_style == "bullets":
        for skill in skills:
            c.drawString(60, y, f"• {skill}")
            y -= 12
    else:
        for n, skill in enumerate(skills):
            c.drawString(60 + 160 * (n % 3), y - 12 * (n // 3), skill)
    c.showPage()
    c.save()
    expected = {"full_name": name, "email": email, "phone": phone, "location": place, "linkedin": linkedin,
                "skills": sorted(skills)}
    for n, (employer, title, start, stop, where) in enumerate(jobs):
        expected[f"job{n}"] = (employer, title, start.strftime("%Y-%m"), stop.strftime("%Y-%m") if stop else None,
                               where)
    for n, (school, degree, year) in enumerate(schooling):
        expected[f"degree{n}"] = (school, degree, year)
    choices = {"style": style, **heads, "date": fmt, "skill_style": skill_style, "current": current}
    return buf.getvalue(), expected, choices


class _Read(ListRead):
    """The jobs under "job", the degrees under "degree"."""

    def __init__(self, got: dict, jobs: list[tuple], degrees: list[tuple]) -> None:
        super().__init__(got, jobs, "job")
        self.degrees = ListRead({}, degrees, "degree")

    def __getitem__(self, key: str):
        return self.degrees[key] if key.startswith("degree") else super().__getitem__(key)


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="cv.pdf"), ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in ("full_name", "email", "phone", "location", "linkedin")}
    got["skills"] = sorted(out.get("skills") or [])
    jobs = [(j.get("company"), j.get("title"), j.get("start_date"), j.get("end_date"), j.get("location"))
            for j in out.get("work_experience") or []]
    degrees = [(e.get("institution"), e.get("degree"), e.get("graduation_year")) for e in out.get("education") or []]
    return _Read(got, jobs, degrees)


def _wording(key: str, choices: dict) -> str | None:
    if key.startswith("job"):
        return f"{choices['experience']} {choices['date']} {choices['current']}"
    if key.startswith("degree"):
        return choices["education"]
    if key == "skills":
        return f"{choices['skills']} {choices['skill_style']}"
    return ""


if __name__ == "__main__":
    report(make, _read, _wording)
