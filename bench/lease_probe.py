#!/usr/bin/env python3
"""A quick probe of residential leases in wordings and arrangements written apart from the generalization
generator, as bench/invoice_probe.py is for invoices: numbered clauses of running text, each term said in one of
several ways (figures and figures in words, other currencies and date formats, one year for twelve months), among
clauses that print other numbers and dates; or a key-terms panel of "Label: value" lines before the clauses; or
clauses under headings of their own lines. A lease may state no deposit, no late fee or no notice period.

    PYTHONPATH=src python bench/lease_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/lease_probe.py 60 120         # seeds kept for checking: read the first line only

Seeds 0-59 were studied on 2026-12-07 (second session); 60-119 were only ever read as the first line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from probe_score import report
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "lease.json").read_text())
LANDLORDS = ["Harborview Properties LLC", "Margaret Ellison", "Kestrel Estates Ltd", "Oakline Rentals Inc.",
             "Dimitri Papadakis"]
TENANTS = ["Aisha Rahman", "Tomasz Nowak", "Grace Whitfield", "Luis Ortega", "Mei Lin Chow", "Oliver Brandt"]
# (address as printed, the law that governs it, currency sign)
PLACES = [("4417 Fremont Ave N, Unit 3, Seattle, WA 98103", "Washington", "$"),
          ("Flat 2, 19 Cavendish Road, Bristol BS6 7RL", "England and Wales", "£"),
          ("88 Wellesley St E, Apt 1204, Toronto, ON M4Y 1H4", "Ontario", "$"),
          ("12 Banksia Court, Fitzroy VIC 3065", "Victoria", "$"),
          ("230 Congress Street, Apt 5B, Portland, ME 04101", "Maine", "$")]
WORDS = {1: "one", 2: "two", 3: "three", 5: "five", 6: "six", 10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen",
         18: "eighteen", 24: "twenty-four", 30: "thirty", 45: "forty-five", 60: "sixty", 90: "ninety"}
ORDINAL = {1: "first", 2: "second", 3: "third", 5: "fifth", 10: "tenth", 15: "fifteenth"}
DATES = ["%B %d, %Y", "%d %B %Y", "the {day} day of %B, %Y", "%Y-%m-%d"]
STYLES = ["clauses", "panel", "headed"]


def _th(n: int) -> str:
    return f"{n}{'st' if n in (1, 21, 31) else 'nd' if n in (2, 22) else 'rd' if n in (3, 23) else 'th'}"


def _date(d: dt.date, fmt: str) -> str:
    return d.strftime(fmt.replace("{day}", _th(d.day))).replace(" 0", " ")


def _count(n: int, r: random.Random) -> str:
    """A number as a lease writes it: "twelve (12)", "12" or "twelve"."""
    return r.choice([f"{WORDS[n]} ({n})", str(n), WORDS[n]]) if n in WORDS else str(n)


def _money(amount: float, sign: str, r: random.Random) -> str:
    return r.choice([f"{sign}{amount:,.2f}", f"{sign}{amount:,.0f}"])


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    style, fmt = r.choice(STYLES), r.choice(DATES)
    landlord = r.choice(LANDLORDS)
    tenants = r.sample(TENANTS, r.randint(1, 3))
    address, law, sign = r.choice(PLACES)
    start = dt.date(2026, r.randint(1, 12), r.choice([1, 1, 15]))
    signed = start - dt.timedelta(days=r.randint(10, 40))
    term = r.choice([6, 12, 12, 18, 24])
    rent = float(r.choice([950, 1150, 1475, 1850, 2400, 3125]))
    deposit = r.choice([rent, rent * 2, 500.0, None])
    due_day = r.choice([1, 1, 5, 15])
    late = r.choice([25.0, 50.0, 75.0, None])
    pets = r.random() < 0.4
    notice = r.choice([30, 60, 90, None])
    names = tenants[0] if len(tenants) == 1 else ", ".join(tenants[:-1]) + " and " + tenants[-1]
    say = {"term": f"{_count(term, r)} months" if term != 12 or r.random() < 0.7 else "one (1) year",
           "start": _date(start, fmt), "signed": _date(signed, fmt), "rent": _money(rent, sign, r),
           "due": r.choice([f"the {ORDINAL[due_day]} ({_th(due_day)}) day", f"the {_th(due_day)}",
                            f"the {ORDINAL[due_day]} day"])}
    landlord_word, tenant_word = r.choice([("Landlord", "Tenant"), ("Lessor", "Lessee"), ("Owner", "Resident")])
    clauses: list[tuple[str, str]] = [  # (heading, text)
        ("Parties", r.choice([
            f'This Lease is made on {say["signed"]} between {landlord} (the "{landlord_word}") and {names} '
            f'(the "{tenant_word}").',
            f'THIS AGREEMENT dated {say["signed"]} is between {landlord}, as {landlord_word}, and {names}, as '
            f'{tenant_word}.'])),
        ("Premises", r.choice([
            f"The {landlord_word} lets to the {tenant_word} the dwelling at {address} (the \"Premises\").",
            f"The {tenant_word} agrees to rent from the {landlord_word} the residence known as {address}."])),
        ("Term", r.choice([
            f"The tenancy begins on {say['start']} and continues for a fixed term of {say['term']}.",
            f"This Lease runs for {say['term']}, commencing on {say['start']}.",
            f"The term is {say['term']} from {say['start']} (the \"Start Date\")."])),
        ("Rent", r.choice([
            f"The monthly rent is {say['rent']}, payable in advance on {say['due']} of each month.",
            f"The {tenant_word} will pay {say['rent']} per calendar month, due on {say['due']} of every month.",
            f"Rent of {say['rent']} per month is due on or before {say['due']} of each calendar month."])),
        ("Keys", f"The {tenant_word} receives {_count(2, r)} keys and must return them within "
                 f"{_count(r.choice([3, 5, 10]), r)} days after the tenancy ends."),
    ]
    if deposit is not None:
        clauses.append(("Deposit", r.choice([
            f"On signing, the {tenant_word} shall pay a security deposit of {_money(deposit, sign, r)}, refundable "
            f"within {_count(r.choice([14, 30, 45]), r)} days of move-out less lawful deductions.",
            f"A damage deposit of {_money(deposit, sign, r)} is held by the {landlord_word} for the length of the "
            f"tenancy."])))
    else:
        clauses.append(("Deposit", "No security deposit is required under this Lease."))
    if late is not None:
        clauses.append(("Late Payment", r.choice([
            f"Rent received more than {_count(5, r)} days late incurs a late charge of {_money(late, sign, r)}.",
            f"If rent is not paid when due, the {tenant_word} shall pay a late fee of {_money(late, sign, r)}."])))
    clauses.append(("Pets", r.choice([
        f"The {tenant_word} may keep one domestic cat or small dog at the Premises." if pets else
        f"The {tenant_word} shall not keep any animals at the Premises.",
        "Pets are permitted at the Premises." if pets else "No pets of any kind are permitted at the Premises."])))
    clauses.append(("Utilities", f"The {tenant_word} pays for electricity, gas and internet; the {landlord_word} "
                                 f"pays for water and refuse collection."))
    if notice is not None:
        clauses.append(("Ending the Lease", r.choice([
            f"Either party may end this Lease at the end of the term by giving at least {_count(notice, r)} "
            f"days' written notice.",
            f"The {tenant_word} must give {_count(notice, r)} days notice in writing before vacating."])))
    clauses.append(("Governing Law", r.choice([
        f"This Lease is governed by the laws of {law}.",
        f"This Agreement shall be construed in accordance with the law of {law}."])))
    middle = clauses[4:-1]  # the parties, premises, term and rent first, the governing law last
    r.shuffle(middle)
    clauses = clauses[:4] + middle + clauses[-1:]

    panel: list[tuple[str, str]] = []
    if style == "panel":
        panel = [(f"{landlord_word}", landlord), (f"{tenant_word}(s)", "; ".join(tenants)), ("Premises", address),
                 ("Commencement Date", say["start"]), ("Term", say["term"]), ("Monthly Rent", say["rent"]),
                 ("Rent Due", f"{_th(due_day)} of each month")]
        if deposit is not None:
            panel.append(("Security Deposit", _money(deposit, sign, r)))
        panel.append(("Pets", "Permitted" if pets else "Not permitted"))
        if notice is not None:
            panel.append(("Notice Period", f"{notice} days"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    y = 740
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString(306, y, r.choice(["RESIDENTIAL LEASE", "TENANCY AGREEMENT", "LEASE AGREEMENT"]))
    y -= 30
    if panel:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(60, y, "KEY TERMS")
        y -= 16
        c.setFont("Helvetica", 10)
        for label, value in panel:
            c.drawString(60, y, f"{label}:")
            c.drawString(200, y, value)
            y -= 14
        y -= 12
    for n, (heading, text) in enumerate(clauses, 1):
        if y < 100:
            c.showPage()
            y = 740
        if style == "headed":
            c.setFont("Helvetica-Bold", 10)
            c.drawString(60, y, f"{n}. {heading}")
            y -= 14
            lines = simpleSplit(text, "Helvetica", 10, 490)
        else:
            lines = simpleSplit(f"{n}. {heading.upper()}. {text}", "Helvetica", 10, 490)
        c.setFont("Helvetica", 10)
        for line in lines:
            c.drawString(60, y, line)
            y -= 13
        y -= 8
    c.showPage()
    c.save()
    expected = {"landlord_name": landlord, "tenant_names": tenants, "property_address": address,
                "effective_date": start.isoformat(), "term_months": term, "monthly_rent": rent,
                "security_deposit": deposit, "rent_due_day": due_day, "late_fee": late, "pets_allowed": pets,
                "notice_period_days": notice, "governing_law": law}
    choices = {"style": style, "date": fmt, "words": f"{landlord_word}/{tenant_word}"}
    return buf.getvalue(), expected, choices


def _read(pdf: bytes) -> dict:
    out = extract_document(parse_document(pdf, filename="lease.pdf"), ExtractOptions(SCHEMA)).result
    return {k: out.get(k) for k in SCHEMA["properties"]}


def _wording(key: str, choices: dict) -> str | None:
    return f"{choices['words']} {choices['date']}"


if __name__ == "__main__":
    report(make, _read, _wording)
