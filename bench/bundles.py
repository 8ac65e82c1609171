#!/usr/bin/env python3
"""Generated document bundles for the classify and split bench (issue 17).

    python bench/bundles.py --out /tmp/bundles [--bundles 100] [--held 60]

A bundle is one PDF of 2-6 documents of mixed kinds back to back (a mail room's scan batch); some
bundles are scanned (pages rendered at 150 dpi, turned a little, speckled, saved as an image-only
PDF). Beside each bundle goes its truth: the first page and kind of every document. The single
documents for classification are written too. Everything is deterministic from the seed.

Two worlds: `dev` (seeds from 1000, the first wording of every title, label and phrase) and `held`
(seeds from 9000, the second wording, and other rule names and descriptions), so the held-out
figures say how the matching does on wordings it was never looked at with.

The rules a user gives (`RULES`) are written as a user would describe a kind of document, not
copied from the titles printed here.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bundle_kinds
from bundle_kinds import FONTS, PAGE_MARKS, Doc, Pen, Rng
from machine import describe

# kind -> ((dev name, dev description), (held name, held description))
RULES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "invoice": (("invoice", "A bill from a supplier requesting payment for goods or services"),
                ("supplier_invoice", "Document a vendor sends a customer listing what was sold and the amount owed")),
    "receipt": (("receipt", "Proof of a purchase already paid at a shop, restaurant or petrol station"),
                ("purchase_receipt", "A till slip confirming payment for items bought in a store")),
    "purchase_order": (("purchase_order", "An order a buyer sends to a supplier to buy goods"),
                       ("po", "A buyer's official request to a vendor to supply products at agreed prices")),
    "delivery_note": (("delivery_note", "A note that accompanies a shipment, listing the goods delivered"),
                      ("packing_slip", "Paperwork packed with a shipment that lists the items sent, without prices")),
    "utility_bill": (("utility_bill", "A bill for electricity, gas, water or internet usage"),
                     ("energy_bill", "Statement from an energy or water provider charging for metered consumption")),
    "payslip": (("payslip", "A statement of an employee's earnings and deductions for a pay period"),
                ("pay_stub", "Salary document showing gross pay, taxes withheld and net pay of a worker")),
    "bank_statement": (("bank_statement", "A bank account statement listing transactions and balances"),
                       ("account_statement", "Periodic summary from a bank of deposits, withdrawals and balance")),
    "contract": (("contract", "A service agreement between two parties setting out terms and obligations"),
                 ("agreement", "Legal contract where a provider and a client agree on services, fees and term")),
    "nda": (("nda", "A non-disclosure agreement protecting confidential information"),
            ("confidentiality_agreement", "Agreement binding the parties to keep shared secrets private")),
    "letter": (("letter", "A business letter or correspondence addressed to a person"),
               ("correspondence", "A letter written to someone, opening with a greeting and ending with a sign-off")),
    "resume": (("resume", "A CV describing a person's work experience, education and skills"),
               ("cv", "Curriculum vitae of a job candidate with employment history and qualifications")),
    "id_card": (("id_card", "An identity card with the holder's name, date of birth and ID number"),
                ("identity_document", "Government identification such as a national identity card or licence")),
    "application_form": (("application_form", "A form an applicant fills in to apply for something"),
                         ("form", "A blank or filled questionnaire with fields and checkboxes to complete")),
    "insurance_policy": (("insurance_policy", "An insurance policy schedule stating cover, premium and insured"),
                         ("policy", "Insurance document listing the policyholder, coverage and premium")),
    "medical_report": (("medical_report", "A doctor's report on a patient's examination and diagnosis"),
                       ("clinical_note", "Notes from a physician about a patient's visit, findings and treatment")),
}
# Kinds only the held-out world has: nothing in the dev world ever looked like them.
HELD_RULES: dict[str, tuple[str, str]] = {
    "bill_of_lading": ("bill_of_lading", "Shipping document a carrier issues for cargo, naming shipper, consignee "
                                         "and the goods carried"),
    "tax_form": ("tax_form", "An annual wage and tax statement an employer files for an employee"),
    "meeting_minutes": ("meeting_minutes", "The written record of a meeting: who attended, what was discussed and "
                                           "the actions agreed"),
}
KINDS = list(RULES)
HELD_KINDS = KINDS + list(HELD_RULES)


def rule_of(kind: str, world: int) -> tuple[str, str]:
    return HELD_RULES[kind] if kind in HELD_RULES else RULES[kind][world]


WRITERS = {k: getattr(bundle_kinds, k) for k in HELD_KINDS}


def make_doc(kind: str, rng: Rng, world: int) -> Doc:
    doc = Doc(kind, font=rng.choice(FONTS), mark=rng.choice(PAGE_MARKS), mark_top=rng.random() < .3,
              repeat_letterhead=rng.random() < .3)
    WRITERS[kind](Pen(doc, rng), rng, world, rng.randint(0, 2))
    if rng.random() < .5:
        doc.running_header = None  # some writers set one; half the documents repeat nothing on later pages
    return doc


def draw(docs: list[Doc]) -> bytes:
    from reportlab.lib.pagesizes import letter as letter_size
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter_size, invariant=1)
    for doc in docs:
        n = len(doc.pages)
        for i, ops in enumerate(doc.pages, 1):
            head = doc.pages[0][0] if doc.pages[0] else None
            if doc.repeat_letterhead and i > 1 and head is not None and head.size >= 14:
                ops = [head, *ops]
            for op in ops:
                pdf.setFont(doc.font[1] if op.bold else doc.font[0], op.size)
                {"left": pdf.drawString, "right": pdf.drawRightString, "center": pdf.drawCentredString}[op.align](
                    op.x, op.y, op.text)
            pdf.setFont(doc.font[0], 8)
            if doc.running_header and i > 1:
                pdf.drawString(60, 760, doc.running_header)
            if doc.mark:
                mark = doc.mark.format(i=i, n=n)
                if doc.mark_top:
                    pdf.drawRightString(552, 772, mark)
                else:
                    pdf.drawCentredString(306, 40, mark)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan(pdf_bytes: bytes, rng: Rng) -> bytes:
    """The pages as a scanner returns them: 150 dpi grey pixels, turned up to 1.5 degrees, speckled."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(pdf_bytes)
    images = []
    for i in range(len(pdf)):
        image = pdf[i].render(scale=150 / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(-1.5, 1.5), expand=False, fillcolor=255, resample=Image.BICUBIC)
        pixels = np.asarray(image, dtype=np.int16)
        noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 12, pixels.shape)
        images.append(Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)))
    pdf.close()
    out = io.BytesIO()
    fixed = time.gmtime(1767225600)  # 2026-01-01: a fixed date keeps the file the same from run to run
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150,
                   creationDate=fixed, modDate=fixed)
    return out.getvalue()


def rules_for(kinds: list[str], world: int) -> list[dict[str, str]]:
    return [{"type": rule_of(k, world)[0], "description": rule_of(k, world)[1]} for k in kinds]


def make_bundle(seed: int, world: int) -> tuple[bytes, dict]:
    """A bundle and its truth: categories offered, each document's first page, kind and category."""
    rng = Rng(seed)
    kinds = HELD_KINDS if world else KINDS
    offered = rng.sample(kinds, rng.randint(3, 7))
    docs = []
    for _ in range(rng.randint(2, 6)):
        kind = rng.choice(offered) if rng.random() < .85 else rng.choice(kinds)
        if docs and rng.random() < .15:
            kind = docs[-1].kind  # two documents of one kind back to back
        docs.append(make_doc(kind, rng, world))
    data = draw(docs)
    scanned = rng.random() < .15
    if scanned:
        data = scan(data, rng)
    truth, first = [], 1
    for doc in docs:
        pages = list(range(first, first + len(doc.pages)))
        category = rule_of(doc.kind, world)[0] if doc.kind in offered else None
        truth.append({"kind": doc.kind, "category": category, "pages": pages})
        first += len(doc.pages)
    return data, {"categories": [{"name": rule_of(k, world)[0], "description": rule_of(k, world)[1]} for k in offered],
                  "documents": truth, "scanned": scanned}


# The rules of the single documents; the other kinds are documents no rule matches (held-out: plus two of its own)
CLASSIFY_OFFERED = ["invoice", "receipt", "purchase_order", "utility_bill", "payslip", "bank_statement", "contract",
                    "nda", "resume", "id_card"]


def make_single(seed: int, world: int) -> tuple[bytes, dict]:
    rng = Rng(seed)
    kind = rng.choice(HELD_KINDS if world else KINDS)
    data = draw([make_doc(kind, rng, world)])
    scanned = rng.random() < .15
    if scanned:
        data = scan(data, rng)
    offered = CLASSIFY_OFFERED + (["bill_of_lading", "meeting_minutes"] if world else [])
    expected = rule_of(kind, world)[0] if kind in offered else None
    return data, {"kind": kind, "type": expected, "scanned": scanned, "rules": rules_for(offered, world)}


WORLDS = {"dev": (0, 1000), "held": (1, 9000)}


def write(out: Path, bundles: int, singles: int, world_name: str) -> None:
    world, base = WORLDS[world_name]
    folder = out / world_name
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(bundles):
        target = folder / f"bundle{i:03d}.pdf"
        if not target.exists():
            data, truth = make_bundle(base + i, world)
            target.with_suffix(".json").write_text(json.dumps(truth, indent=1))
            target.write_bytes(data)
    for i in range(singles):
        target = folder / f"single{i:03d}.pdf"
        if not target.exists():
            data, truth = make_single(base + 500 + i, world)
            target.with_suffix(".json").write_text(json.dumps(truth, indent=1))
            target.write_bytes(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/tmp/assay-bundles"))
    ap.add_argument("--bundles", type=int, default=100)
    ap.add_argument("--singles", type=int, default=150)
    ap.add_argument("--held", type=int, default=60, help="held-out bundles (and as many singles)")
    args = ap.parse_args()
    print(describe())
    write(args.out, args.bundles, args.singles, "dev")
    write(args.out, args.held, args.held, "held")


if __name__ == "__main__":
    main()
