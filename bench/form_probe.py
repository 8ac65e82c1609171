#!/usr/bin/env python3
"""A quick probe of filled-in rental application forms in wordings and arrangements written apart from the
generalization generator, as bench/invoice_probe.py is for invoices: each field's label in other words ("Given
Name(s)", "Postcode", "Time at address (years)"), printed over its value in a ruled cell, before it after a colon,
or beside it over a written line; the options ticked with an X drawn in a square, a filled square among empty
ones, a filled dot in a ring, or a check mark glyph in a square; blanks left blank.

    PYTHONPATH=src python bench/form_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/form_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07 (second session); 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from probe_score import report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "form.json").read_text())
LABELS = {"first_name": ["First Name", "Given Name(s)", "Forename"],
          "middle_name": ["Middle Name", "Middle Initial", "Other Names"],
          "last_name": ["Last Name", "Surname", "Family Name"],
          "date_of_birth": ["Date of Birth", "DOB", "Birth Date"],
          "email": ["Email", "E-mail Address", "Email address"],
          "phone": ["Phone", "Mobile", "Telephone No.", "Contact Number"],
          "street": ["Street Address", "Address Line 1", "Street"],
          "city": ["City", "Town/City", "Town"],
          "region": ["State", "County", "Province", "State/Province"],
          "postal_code": ["ZIP Code", "Postcode", "Postal Code"],
          "years_at_address": ["Years at Address", "Time at address (years)", "How long at this address (yrs)"],
          "employer_name": ["Employer", "Employer Name", "Company"],
          "monthly_income": ["Monthly Income", "Gross monthly income", "Income per month ($)"],
          "pet_details": ["If yes, describe pets", "Pet details", "Type and number of pets"],
          "desired_move_in_date": ["Desired Move-in Date", "Preferred start date", "Move-in date requested"],
          "contact_name": ["Name", "Full name", "Contact name"],
          "contact_phone": ["Phone", "Telephone", "Phone number"],
          "relationship": ["Relationship", "Relation to you", "Relationship to applicant"]}
QUESTIONS = {"employment_status": (["Employment Status", "Occupation status", "Work status"],
                                   [("Employed", "employed"), ("Self-employed", "self_employed"),
                                    ("Unemployed", "unemployed"), ("Student", "student"), ("Retired", "retired")]),
             "preferred_contact": (["Preferred contact", "Best way to reach you", "Contact me by"],
                                   [("Email", "email"), ("Phone", "phone"), ("Text", "text"), ("Mail", "mail")]),
             "has_pets": (["Do you have pets?", "Any pets?", "Will any animals live at the property?"],
                          [("Yes", True), ("No", False)]),
             "smoker": (["Do you smoke?", "Smoker?", "Does anyone in the household smoke?"],
                        [("Yes", True), ("No", False)])}
CONSENTS = ["I authorize a background and credit check.", "I consent to a credit and reference check.",
            "I agree that my credit history may be checked."]
PEOPLE = [("Paula", "J", "Morales"), ("Emeka", None, "Okonkwo"), ("Linnea", "Marie", "Holm"),
          ("Arjun", None, "Kapoor"), ("Chloé", None, "Garnier")]
# (street, city, region, postal code)
ADDRESSES = [("6098 Martinez Green", "Springfield", "IL", "62704"),
             ("14 Alder Close", "Harrogate", "North Yorkshire", "HG2 7QP"),
             ("88 Wellesley St E", "Toronto", "ON", "M4Y 1H4"), ("27 Kings Road", "Fitzroy", "VIC", "3065")]
PETS = ["One cat, indoor", "Small dog (beagle)", "Two rabbits"]
DATES = ["%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d %b %Y"]
STYLES = ["cells", "colon", "lined"]
TICKS = ["x_box", "filled", "radio", "check_glyph"]


def _tick(c: canvas.Canvas, x: float, y: float, ticked: bool, how: str) -> None:
    """An option's box at (x, y), its bottom left, ticked or not in the form's way."""
    if how == "radio":
        c.circle(x + 4, y + 4, 4, stroke=1, fill=0)
        if ticked:
            c.circle(x + 4, y + 4, 2, stroke=0, fill=1)
        return
    c.rect(x, y, 8, 8, stroke=1, fill=1 if ticked and how == "filled" else 0)
    if ticked and how == "x_box":
        c.line(x + 1.5, y + 1.5, x + 6.5, y + 6.5)
        c.line(x + 1.5, y + 6.5, x + 6.5, y + 1.5)
    elif ticked and how == "check_glyph":
        c.setFont("ZapfDingbats", 8)
        c.drawString(x + 1, y + 1, "4")  # ✔
        c.setFont("Helvetica", 9)


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, tick, fmt = r.choice(STYLES), r.choice(TICKS), r.choice(DATES)
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    questions = {k: r.choice(v[0]) for k, v in QUESTIONS.items()}
    first, middle, last = r.choice(PEOPLE)
    street, city, region, postal = r.choice(ADDRESSES)
    born = dt.date(r.randint(1950, 2002), r.randint(1, 12), r.randint(13, 28))
    move_in = dt.date(2026, r.randint(1, 12), r.randint(13, 28)) if r.random() < 0.8 else None
    email = f"{first.lower().replace('é', 'e')}.{last.lower()}@example.org"
    phone = r.choice(["(958) 218-2357", "07700 900461", "+1 416 555 0123"])
    years = r.choice([1, 2, 3.5, 7, None])
    status = r.choice(QUESTIONS["employment_status"][1] + [None])
    employer = r.choice(["Brightline Logistics", "City Hospital", "Nova Print Ltd"]) if status and status[1] in (
        "employed", "self_employed") else None
    income = float(r.choice([2450, 3875, 4932, 6100])) if employer else None
    pets = r.choice([("Yes", True), ("No", False), None])
    pet = r.choice(PETS) if pets and pets[1] else None
    smoke = r.choice([("Yes", True), ("No", False), None])
    contact = r.choice(QUESTIONS["preferred_contact"][1] + [None])
    consent = r.random() < 0.6
    kin = (r.choice(["Audrey Lee", "Tomás Ruiz", "Grace Mbeki"]), r.choice(["(830) 768-7395", "0113 496 0555"]),
           r.choice(["Sister", "Friend", "Father", None]))
    values = {"first_name": first, "middle_name": middle or "", "last_name": last,
              "date_of_birth": born.strftime(fmt), "email": email, "phone": phone, "street": street, "city": city,
              "region": region, "postal_code": postal, "years_at_address": "" if years is None else f"{years:g}",
              "employer_name": employer or "", "monthly_income": f"{income:,.2f}" if income else "",
              "pet_details": pet or "", "desired_move_in_date": move_in.strftime(fmt) if move_in else "",
              "contact_name": kin[0], "contact_phone": kin[1], "relationship": kin[2] or ""}
    sections = [("APPLICANT", ["first_name", "middle_name", "last_name", "date_of_birth", "email", "phone"]),
                ("CURRENT ADDRESS", ["street", "city", "region", "postal_code", "years_at_address"]),
                ("EMPLOYMENT", ["employment_status", "employer_name", "monthly_income"]),
                ("OTHER DETAILS", ["has_pets", "pet_details", "smoker", "preferred_contact", "desired_move_in_date"]),
                ("EMERGENCY CONTACT", ["contact_name", "contact_phone", "relationship"])]
    chosen = {"employment_status": status, "preferred_contact": contact, "has_pets": pets, "smoker": smoke}

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 750, r.choice(["RENTAL APPLICATION", "Tenancy Application Form", "Application to Rent"]))
    y = 720
    for title, keys in sections:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y, title)
        y -= 20
        column = 0
        for key in keys:
            x = 50 + 270 * column
            c.setFont("Helvetica", 9)
            if key in QUESTIONS:
                if column:
                    y, column, x = y - 28, 0, 50
                c.drawString(x, y, questions[key])
                ox = x + 10 + c.stringWidth(questions[key], "Helvetica", 9)
                for text, _ in QUESTIONS[key][1]:
                    _tick(c, ox, y - 1, chosen[key] is not None and chosen[key][0] == text, tick)
                    c.setFont("Helvetica", 9)
                    c.drawString(ox + 11, y, text)
                    ox += 22 + c.stringWidth(text, "Helvetica", 9)
                y -= 28
                continue
            label, value = labels[key], values[key]
            if style == "cells":
                c.rect(x - 3, y - 16, 260, 28, stroke=1, fill=0)
                c.setFont("Helvetica", 7)
                c.drawString(x, y + 3, label)
                c.setFont("Helvetica", 10)
                c.drawString(x, y - 10, value)
            elif style == "colon":
                c.drawString(x, y, f"{label}: {value}")
            else:
                c.drawString(x, y, label)
                c.line(x + 110, y - 2, x + 255, y - 2)
                c.drawString(x + 112, y, value)
            column = 1 - column
            if column == 0:
                y -= 28
        if column:
            y -= 28
        y -= 8
    c.setFont("Helvetica", 9)
    _tick(c, 50, y - 1, consent, tick)
    c.drawString(62, y, r.choice(CONSENTS))
    y -= 30
    signed = dt.date(2026, r.randint(1, 12), r.randint(13, 28)) if r.random() < 0.7 else None
    c.drawString(50, y, "Applicant Signature")
    c.line(150, y - 2, 330, y - 2)
    c.drawString(152, y, f"{first} {last}")
    c.drawString(350, y, r.choice(["Date", "Dated", "Date signed"]))
    c.line(410, y - 2, 560, y - 2)
    if signed:
        c.drawString(412, y, signed.strftime(fmt))
    c.showPage()
    c.save()

    def iso(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    expected = {"first_name": first, "middle_name": middle, "last_name": last, "date_of_birth": born.isoformat(),
                "email": email, "phone": phone, "street": street, "city": city, "region": region,
                "postal_code": postal, "years_at_address": years, "employment_status": status and status[1],
                "employer_name": employer, "monthly_income": income, "has_pets": pets and pets[1],
                "pet_details": pet, "smoker": smoke and smoke[1], "preferred_contact": contact and contact[1],
                "consent_background_check": consent, "contact_name": kin[0], "contact_phone": kin[1],
                "relationship": kin[2], "desired_move_in_date": iso(move_in), "signature_date": iso(signed)}
    choices = {"style": style, "tick": tick, "date": fmt, **labels, **questions}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="form.pdf"), ExtractOptions(SCHEMA)).result
    got = dict(out.get("applicant") or {})
    got.update({k: (out.get("current_address") or {}).get(k) for k in ("street", "city", "region", "postal_code")})
    kin = out.get("emergency_contact") or {}
    got.update({"contact_name": kin.get("name"), "contact_phone": kin.get("phone"),
                "relationship": kin.get("relationship")})
    got.update({k: out.get(k) for k in ("years_at_address", "employment_status", "employer_name", "monthly_income",
                                        "has_pets", "pet_details", "smoker", "preferred_contact",
                                        "consent_background_check", "desired_move_in_date", "signature_date")})
    return got


def _wording(key: str, choices: dict) -> str | None:
    return f"{choices.get(key, '')} {choices['tick']}"


if __name__ == "__main__":
    report(make, _read, _wording)
