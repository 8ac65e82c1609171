"""What each kind of document in the generated bundles looks like (bench/bundles.py draws them).

A writer gets a Pen (which starts a new page at the bottom margin), a seeded Rng, the world (0 dev, 1
held-out: the second wording of every title, label and phrase) and a layout style (0 title top left,
1 issuer's letterhead with the title on the right, 2 centred title).
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

FIRST = ["Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Liam",
         "Maya", "Nikolai", "Olivia", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Yusuf"]
LAST = ["Adams", "Becker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ivanov", "Jensen",
        "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Weber"]
COMPANY_A = ["Northwind", "Bluebird", "Cedar", "Harbor", "Summit", "Granite", "Silverline", "Orchard", "Redwood",
             "Lakeside", "Brightwater", "Ironbridge", "Meadow", "Falcon", "Pinecrest", "Riverside", "Sterling"]
COMPANY_B = ["Supplies", "Logistics", "Consulting", "Trading", "Systems", "Foods", "Energy", "Print Works",
             "Electrical", "Partners", "Industries", "Analytics", "Hardware", "Design Studio", "Labs"]
SUFFIX = ["Ltd", "Inc.", "GmbH", "LLC", "S.A.", "Co.", "plc"]
STREETS = ["Market Street", "Elm Road", "Station Way", "King Avenue", "Mill Lane", "Harbour Road", "Oak Drive",
           "Church Street", "Victoria Road", "Park Lane"]
CITIES = [("Springfield", "IL 62704"), ("Leeds", "LS1 4AP"), ("Dublin", "D02 X285"), ("Denver", "CO 80202"),
          ("Bristol", "BS1 5TR"), ("Austin", "TX 78701"), ("Cork", "T12 RX84"), ("Portland", "OR 97205")]
GOODS = ["Copier paper A4", "Toner cartridge", "Steel brackets", "Office chair", "USB-C cable", "LED panel",
         "Safety gloves", "Packing tape", "Label printer", "Desk lamp", "Network switch", "Drill bits set",
         "Consulting hours", "Site survey", "Software licence", "Cleaning service", "Pallet wrap", "Hand soap"]
FONTS = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold")]
PAGE_MARKS = ["Page {i} of {n}", "{i}/{n}", "- {i} -", "Page {i}", "p. {i} of {n}", None]


def pick(rng: random.Random, world: int, dev: list[str], held: list[str]) -> str:
    return rng.choice(held if world else dev)


def word(world: int, dev: str, held: str) -> str:
    return held if world else dev


class Rng(random.Random):
    def person(self) -> str:
        return f"{self.choice(FIRST)} {self.choice(LAST)}"

    def company(self) -> str:
        return f"{self.choice(COMPANY_A)} {self.choice(COMPANY_B)} {self.choice(SUFFIX)}"

    def address(self) -> list[str]:
        city, code = self.choice(CITIES)
        return [f"{self.randint(1, 240)} {self.choice(STREETS)}", f"{city} {code}"]

    def date(self) -> str:
        y, m, d = self.randint(2022, 2026), self.randint(1, 12), self.randint(1, 28)
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        return self.choice([f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{months[m - 1]} {d}, {y}",
                            f"{d} {months[m - 1][:3]} {y}"])

    def docno(self, prefix: str) -> str:
        return self.choice([f"{prefix}-{self.randint(1000, 99999)}", f"{prefix}{self.randint(2022, 2026)}-"
                            f"{self.randint(100, 9999):04d}", f"{self.randint(100000, 999999)}"])

    def money(self, lo: float = 5, hi: float = 900) -> float:
        return round(self.uniform(lo, hi), 2)


@dataclass
class Op:
    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    align: str = "left"


@dataclass
class Doc:
    """One document: its kind, its pages as drawing operations, and how its pages are marked."""

    kind: str
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    mark: str | None = None  # page-number format
    mark_top: bool = False
    running_header: str | None = None  # printed at the top of pages 2+
    repeat_letterhead: bool = False  # the first page's large top line printed again on pages 2+
    font: tuple[str, str] = FONTS[0]


class Pen:
    """Writes a document top to bottom, starting a new page when the bottom margin is reached."""

    TOP, BOTTOM, LEFT, RIGHT = 740.0, 80.0, 60.0, 552.0

    def __init__(self, doc: Doc, rng: Rng) -> None:
        self.doc, self.rng, self.y = doc, rng, self.TOP

    def _room(self, need: float) -> None:
        if self.y - need < self.BOTTOM:
            self.doc.pages.append([])
            self.y = self.TOP - (24 if self.doc.running_header else 0) - (30 if self.doc.repeat_letterhead else 0)

    def text(self, text: str, size: float = 10, *, bold: bool = False, x: float | None = None,
             align: str = "left", advance: bool = True) -> None:
        self._room(size * 1.5)
        xpos = x if x is not None else {"left": self.LEFT, "center": 306.0, "right": self.RIGHT}[align]
        self.doc.pages[-1].append(Op(xpos, self.y, text, size, bold, align))
        if advance:
            self.y -= size * 1.45

    def gap(self, points: float = 8) -> None:
        self.y -= points

    def title(self, text: str, style: int) -> None:
        if style == 0:
            self.text(text, self.rng.choice([20, 22, 26]), bold=True)
        elif style == 1:
            self.text(text, self.rng.choice([16, 18]), bold=True, align="right")
        else:
            self.text(text, self.rng.choice([18, 22]), bold=True, align="center")
        self.gap(6)

    def letterhead(self, name: str, lines: list[str], style: int) -> None:
        if style == 1:  # the issuer large, the title smaller on the right
            self.text(name, 18, bold=True, advance=False)
            self.y -= 22
            for line in lines:
                self.text(line, 9)
        else:
            self.text(name, 11, bold=True)
            for line in lines:
                self.text(line, 9)
        self.gap(10)

    def fields(self, pairs: list[tuple[str, str]], x: float | None = None) -> None:
        for label, value in pairs:
            self.text(f"{label}:", 10, bold=True, x=x or self.LEFT, advance=False)
            self.text(value, 10, x=(x or self.LEFT) + 140)

    def table(self, headers: list[str], rows: list[list[str]], stops: tuple[float, ...] = (0, 230, 310, 410)) -> None:
        cols = [self.LEFT + s for s in stops][: len(headers)]
        self._room(40)
        for x, h in zip(cols, headers, strict=False):
            self.text(h, 10, bold=True, x=x, advance=False)
        self.y -= 16
        for row in rows:
            self._room(16)
            for x, cell in zip(cols, row, strict=False):
                self.text(cell, 10, x=x, advance=False)
            self.y -= 15
        self.gap(8)

    def paragraph(self, text: str, size: float = 10, width: int = 95) -> None:
        for line in textwrap.wrap(text, width):
            self.text(line, size)
        self.gap(5)


# --- the kinds ---------------------------------------------------------------------------------------------

def _items(rng: Rng, n: int) -> list[tuple[str, int, float]]:
    return [(rng.choice(GOODS), rng.randint(1, 12), rng.money(3, 300)) for _ in range(n)]


def invoice(p: Pen, r: Rng, w: int, style: int) -> None:
    issuer = r.company()
    p.letterhead(issuer, r.address(), style)
    p.title(pick(r, w, ["INVOICE", "Tax Invoice", "Invoice"], ["Sales Invoice", "BILL", "Commercial Invoice"]), style)
    no = r.docno(word(w, "INV", "SI"))
    p.doc.running_header = f"{issuer}  {word(w, 'Invoice', 'Sales invoice')} {no}"
    p.fields([(word(w, "Invoice No", "Invoice Ref"), no), (word(w, "Invoice Date", "Date of issue"), r.date()),
              (word(w, "Due Date", "Payment due"), r.date())])
    p.gap()
    p.text(word(w, "Bill To", "Invoice to"), 10, bold=True)
    for line in [r.company(), *r.address()]:
        p.text(line, 10)
    p.gap()
    rows = _items(r, r.randint(3, 30) if r.random() < .6 else r.randint(31, 70))
    p.table([word(w, "Description", "Item"), word(w, "Qty", "Quantity"), word(w, "Unit Price", "Rate"),
             word(w, "Amount", "Line total")], [[d, str(q), f"{u:.2f}", f"{q * u:.2f}"] for d, q, u in rows])
    sub = sum(q * u for _, q, u in rows)
    p.fields([(word(w, "Subtotal", "Net total"), f"{sub:.2f}"), (word(w, "VAT 20%", "Sales tax"), f"{sub * .2:.2f}"),
              (word(w, "Total Due", "Balance due"), f"{sub * 1.2:.2f}")], x=320)
    p.gap()
    p.paragraph(pick(r, w, ["Payment terms: net 30 days. Please quote the invoice number with your payment.",
                            "Please pay by bank transfer within 14 days of the invoice date."],
                         ["Kindly remit the balance by the due date to the account shown below.",
                          "Terms: payable within 30 days. Late payments may incur interest."]))


def receipt(p: Pen, r: Rng, w: int, style: int) -> None:
    shop = f"{r.choice(COMPANY_A)} {pick(r, w, ['Market', 'Cafe', 'Fuel'], ['Grocer', 'Bistro', 'Pharmacy'])}"
    p.text(shop, 16, bold=True, align="center")
    for line in r.address():
        p.text(line, 9, align="center")
    p.gap()
    p.text(pick(r, w, ["RECEIPT", "Sales Receipt", "CUSTOMER RECEIPT"], ["CASH SALE", "Till Receipt", "Your purchase"]),
           12, bold=True, align="center")
    p.fields([(word(w, "Receipt #", "Trans no"), r.docno("R")), (word(w, "Date", "Time"), r.date()),
              (word(w, "Cashier", "Served by"), r.choice(FIRST))])
    rows = _items(r, r.randint(2, 9))
    p.table([word(w, "Item", "Article"), word(w, "Qty", "Units"), word(w, "Price", "Each")],
            [[d, str(q), f"{q * u:.2f}"] for d, q, u in rows])
    total = sum(q * u for _, q, u in rows)
    p.fields([(word(w, "TOTAL", "Amount paid"), f"{total:.2f}"),
              (word(w, "VISA", "Card"), f"**** {r.randint(1000, 9999)}"),
              (word(w, "Change", "Tendered"), "0.00")], x=250)
    p.text(pick(r, w, ["Thank you for shopping with us!", "Thank you, please come again"],
                ["Keep this slip for returns within 28 days", "We appreciate your custom"]), 10, align="center")


def purchase_order(p: Pen, r: Rng, w: int, style: int) -> None:
    buyer = r.company()
    p.letterhead(buyer, r.address(), style)
    p.title(pick(r, w, ["PURCHASE ORDER", "Purchase Order"], ["ORDER FORM", "Official Order"]), style)
    no = r.docno("PO")
    p.doc.running_header = f"{word(w, 'PO', 'Order')} {no}"
    p.fields([(word(w, "PO Number", "Order No"), no), (word(w, "Order Date", "Date"), r.date()),
              (word(w, "Deliver By", "Required by"), r.date())])
    p.gap()
    p.text(word(w, "Supplier", "Vendor"), 10, bold=True)
    for line in [r.company(), *r.address()]:
        p.text(line, 10)
    p.gap()
    rows = _items(r, r.randint(3, 25) if r.random() < .7 else r.randint(26, 60))
    p.table([word(w, "Item", "Product"), word(w, "Qty", "Quantity"), word(w, "Unit Cost", "Price"), "Total"],
            [[d, str(q), f"{u:.2f}", f"{q * u:.2f}"] for d, q, u in rows])
    p.fields([(word(w, "Order Total", "Total value"), f"{sum(q * u for _, q, u in rows):.2f}")], x=320)
    p.paragraph(pick(r, w, ["Please confirm acceptance of this order and quote the PO number on your invoice."],
                     ["Goods must match the specification. Acknowledge this order by email."]))
    p.fields([(word(w, "Authorised by", "Approved"), r.person())])


def delivery_note(p: Pen, r: Rng, w: int, style: int) -> None:
    sender = r.company()
    p.letterhead(sender, r.address(), style)
    p.title(pick(r, w, ["DELIVERY NOTE", "Delivery Note"], ["PACKING LIST", "Dispatch Note"]), style)
    no = r.docno(word(w, "DN", "PL"))
    p.doc.running_header = f"{sender}  {no}"
    p.fields([(word(w, "Delivery No", "Shipment"), no), (word(w, "Dispatch Date", "Shipped"), r.date()),
              (word(w, "Your Order", "Customer PO"), r.docno("PO")), (word(w, "Carrier", "Via"), r.company())])
    p.gap()
    p.text(word(w, "Deliver To", "Ship to"), 10, bold=True)
    for line in [r.person(), *r.address()]:
        p.text(line, 10)
    p.gap()
    rows = _items(r, r.randint(3, 28) if r.random() < .7 else r.randint(29, 60))
    p.table([word(w, "Article", "Description"), word(w, "Qty shipped", "Units"), word(w, "Packages", "Cartons")],
            [[d, str(q), str(r.randint(1, 4))] for d, q, _ in rows])
    p.paragraph(pick(r, w, ["Goods received in good condition. Please check the delivery and sign below."],
                     ["Report any damage or shortage within 48 hours of receipt."]))
    p.fields([(word(w, "Received by", "Signature"), "______________")])


def utility_bill(p: Pen, r: Rng, w: int, style: int) -> None:
    provider = f"{r.choice(COMPANY_A)} {pick(r, w, ['Energy', 'Power', 'Water'], ['Gas & Electric', 'Utilities'])}"
    p.letterhead(provider, r.address(), style)
    p.title(pick(r, w, ["Your Electricity Bill", "ENERGY BILL", "Water Bill"],
                 ["Statement of Charges", "Your Gas Bill", "UTILITY STATEMENT"]), style)
    p.fields([(word(w, "Account Number", "Customer ref"), r.docno("AC")), (word(w, "Bill Date", "Issued"), r.date()),
              (word(w, "Billing Period", "Period"), f"{r.date()} - {r.date()}"),
              (word(w, "Supply Address", "Premises"), r.address()[0])])
    p.gap()
    p.table([word(w, "Meter reading", "Reading"), word(w, "Previous", "Last"), word(w, "Current", "This"),
             word(w, "Usage kWh", "Units used")],
            [["Meter " + str(r.randint(10000, 99999)), str(a), str(a + r.randint(100, 900)), str(r.randint(100, 900))]
             for a in [r.randint(1000, 9000) for _ in range(r.randint(1, 3))]])
    p.fields([(word(w, "Standing charge", "Daily charge"), f"{r.money(5, 30):.2f}"),
              (word(w, "Energy charges", "Consumption"), f"{r.money(40, 300):.2f}"),
              (word(w, "Amount Due", "Total to pay"), f"{r.money(60, 400):.2f}")])
    p.paragraph(pick(r, w, ["This amount will be collected by direct debit. Save energy: switch off appliances."],
                     ["Pay online or by phone. Submit a meter reading to avoid an estimated bill."]))


def payslip(p: Pen, r: Rng, w: int, style: int) -> None:
    employer = r.company()
    p.letterhead(employer, r.address(), style)
    p.title(pick(r, w, ["PAYSLIP", "Pay Slip", "Payslip"], ["Earnings Statement", "PAY ADVICE", "Salary Statement"]),
            style)
    p.fields([(word(w, "Employee", "Name"), r.person()), (word(w, "Employee ID", "Staff no"), r.docno("E")),
              (word(w, "Pay Period", "Period ending"), r.date()), (word(w, "Pay Date", "Paid on"), r.date())])
    p.gap()
    gross = r.money(1500, 6000)
    p.table([word(w, "Earnings", "Description"), word(w, "Hours", "Units"), word(w, "Amount", "This period")],
            [[word(w, "Basic salary", "Regular pay"), "160", f"{gross:.2f}"],
             [word(w, "Overtime", "Bonus"), str(r.randint(0, 20)), f"{r.money(0, 400):.2f}"]])
    p.table([word(w, "Deductions", "Withholdings"), "", word(w, "Amount", "Current")],
            [[word(w, "Income tax", "Federal tax"), "", f"{gross * .2:.2f}"],
             [word(w, "National Insurance", "Social security"), "", f"{gross * .08:.2f}"],
             [word(w, "Pension", "401(k)"), "", f"{gross * .05:.2f}"]])
    p.fields([(word(w, "Gross Pay", "Total earnings"), f"{gross:.2f}"),
              (word(w, "Net Pay", "Take home pay"), f"{gross * .67:.2f}")], x=320)


def bank_statement(p: Pen, r: Rng, w: int, style: int) -> None:
    bank = f"{r.choice(COMPANY_A)} {pick(r, w, ['Bank', 'Savings Bank'], ['Credit Union', 'Bank plc'])}"
    p.letterhead(bank, r.address(), style)
    p.title(pick(r, w, ["Account Statement", "BANK STATEMENT"], ["Statement of Account", "Current Account Summary"]),
            style)
    account = f"{r.randint(10, 99)}-{r.randint(1000, 9999)}-{r.randint(100000, 999999)}"
    p.doc.running_header = f"{bank}  {word(w, 'Account', 'Acct')} {account}"
    p.fields([(word(w, "Account Holder", "Customer"), r.person()), (word(w, "Account Number", "Account"), account),
              (word(w, "Statement Period", "Period"), f"{r.date()} to {r.date()}"),
              (word(w, "Opening Balance", "Balance brought forward"), f"{r.money(100, 9000):.2f}")])
    p.gap()
    descr = ["Card payment", "Direct debit", "Salary", "Transfer to savings", "ATM withdrawal", "Standing order",
             "Interest", "Online payment", "Cheque deposit", "Refund"]
    rows = [[r.date(), r.choice(descr) + " " + r.choice(COMPANY_A), f"{r.money():.2f}", f"{r.money(100, 9000):.2f}"]
            for _ in range(r.randint(8, 40) if r.random() < .4 else r.randint(41, 120))]
    p.table(["Date", word(w, "Description", "Details"), word(w, "Amount", "Paid out"), "Balance"], rows,
            stops=(0, 100, 330, 420))
    p.fields([(word(w, "Closing Balance", "Balance carried forward"), f"{r.money(100, 9000):.2f}")])


CLAUSES = [
    ("Services", "The Provider shall perform the services described in Schedule A with reasonable skill and care."),
    ("Fees", "The Client shall pay the fees set out in Schedule B within thirty days of each invoice."),
    ("Term", "This Agreement commences on the Effective Date and continues for twelve months unless terminated."),
    ("Termination", "Either party may terminate this Agreement on thirty days' written notice to the other party."),
    ("Liability", "Neither party shall be liable for indirect or consequential loss arising under this Agreement."),
    ("Governing Law", "This Agreement is governed by the laws of the jurisdiction in which the Provider is based."),
    ("Assignment", "Neither party may assign its rights under this Agreement without the prior written consent."),
    ("Notices", "Notices under this Agreement shall be in writing and delivered to the addresses stated above."),
    ("Intellectual Property", "All materials created by the Provider shall vest in the Client upon full payment."),
    ("Warranties", "Each party warrants that it has full power and authority to enter into this Agreement."),
]
NDA_CLAUSES = [
    ("Confidential Information", "Confidential Information means all technical, financial and business information "
     "disclosed by the Disclosing Party, whether in writing or orally."),
    ("Obligations", "The Receiving Party shall hold Confidential Information in strict confidence and shall not "
     "disclose it to any third party."),
    ("Exclusions", "The obligations do not apply to information that is publicly available or independently "
     "developed by the Receiving Party."),
    ("Return of Materials", "On request the Receiving Party shall return or destroy all documents containing "
     "Confidential Information."),
    ("Duration", "The obligations of confidentiality survive for five years after the date of this Agreement."),
    ("Remedies", "The Disclosing Party is entitled to seek injunctive relief for any breach of this Agreement."),
]


LETTER_SENTENCES = (
    ["We are writing to let you know about changes to our services.", "Thank you for your letter of last month.",
     "We have reviewed your request and are pleased to confirm the arrangements.",
     "Our office will be closed on public holidays.", "A copy of the signed form is enclosed for your records.",
     "If you have any questions, please call our team.", "We apologise for the delay in replying.",
     "The new terms take effect from the first of next month."],
    ["Following our recent conversation, I am writing to confirm the points we discussed.",
     "Please find the details below.", "Do not hesitate to contact me with any questions.",
     "I would be grateful if you could send the missing documents by Friday.",
     "We look forward to working with you again.", "The meeting has been moved to the second floor.",
     "I enclose the report you asked for.", "Your membership renews automatically each year."])
POLICY_SENTENCES = (
    ["The insurer will indemnify the insured against loss or damage during the period of insurance.",
     "This schedule forms part of the policy and must be read with it.", "Claims must be notified within 30 days.",
     "The excess applies to each and every claim.", "Cover is subject to the terms, exclusions and conditions.",
     "Premiums are payable annually in advance."],
    ["We cover you for the events listed in this schedule.", "You must tell us about any change in circumstances.",
     "Claims are subject to the deductible shown.", "We will not pay for wear and tear or gradual deterioration.",
     "Your no-claims discount is protected.", "Cancel within 14 days for a full refund of the premium."])
MEDICAL_SENTENCES = [
    ["Patient reports headaches and fatigue for two weeks.", "No fever or weight loss.", "Blood pressure 130/85.",
     "Symptoms began after a change of medication.", "Sleep has been poor.", "No relevant family history."],
    ["Chest clear, heart sounds normal.", "Abdomen soft and non-tender.", "Mild tenderness over the neck muscles.",
     "Reflexes normal and symmetrical.", "Pulse 72, regular.", "No rash or swelling seen."],
    ["Tension-type headache.", "Mild dehydration.", "Probable viral illness.", "Muscle strain, resolving.",
     "No sign of serious underlying disease.", "Anxiety contributing to symptoms."],
    ["Rest, fluids, paracetamol as needed.", "Review in two weeks.", "Blood tests requested.",
     "Referral to physiotherapy.", "Return sooner if symptoms worsen.", "Advice on sleep hygiene given."],
]


def sentences(rng: Rng, bank: list[str], n: int) -> str:
    return " ".join(rng.sample(bank, min(n, len(bank))))


def _prose(p: Pen, r: Rng, clauses: list[tuple[str, str]], n: int, filler: int) -> None:
    for i, (head, body) in enumerate(r.sample(clauses, min(n, len(clauses))), 1):
        p.text(f"{i}. {head}", 11, bold=True)
        p.paragraph(" ".join([body] * r.randint(1, filler)))


def _signatures(p: Pen, r: Rng, a: str, b: str) -> None:
    p.gap(12)
    p.text(f"Signed for {a}: ____________________", 10)
    p.text(f"Signed for {b}: ____________________", 10)
    p.text(f"Date: {r.date()}", 10)


def contract(p: Pen, r: Rng, w: int, style: int) -> None:
    a, b = r.company(), r.company()
    p.title(pick(r, w, ["SERVICES AGREEMENT", "Service Contract", "Consulting Agreement"],
                 ["MASTER SERVICES AGREEMENT", "Agreement for Services", "Maintenance Contract"]), style)
    p.doc.running_header = word(w, "Services Agreement", "Master Services Agreement") + f" - {a}"
    p.paragraph(f"This Agreement is made on {r.date()} between {a} (the \"Provider\") and {b} (the \"Client\").")
    _prose(p, r, CLAUSES, r.randint(4, 10), 7)
    _signatures(p, r, a, b)


def nda(p: Pen, r: Rng, w: int, style: int) -> None:
    a, b = r.company(), r.company()
    p.title(pick(r, w, ["NON-DISCLOSURE AGREEMENT", "Mutual Non-Disclosure Agreement"],
                 ["CONFIDENTIALITY AGREEMENT", "Mutual NDA"]), style)
    p.doc.running_header = word(w, "Non-Disclosure Agreement", "Confidentiality Agreement")
    p.paragraph(f"This Agreement is entered into on {r.date()} by {a} (the \"Disclosing Party\") and {b} "
                "(the \"Receiving Party\").")
    _prose(p, r, NDA_CLAUSES, r.randint(3, 6), 8)
    _signatures(p, r, a, b)


def letter(p: Pen, r: Rng, w: int, style: int) -> None:
    sender = r.company()
    p.letterhead(sender, r.address(), 1 if style == 1 else 0)
    p.text(r.date(), 10, align="right")
    for line in [r.person(), *r.address()]:
        p.text(line, 10)
    p.gap(12)
    p.text(pick(r, w, ["Re: Your enquiry", "Subject: Change of address", "Re: Account review"],
                ["Regarding our meeting", "Subject: Renewal of your membership", "Re: Outstanding documents"]),
           11, bold=True)
    p.text(pick(r, w, ["Dear Ms. " + r.choice(LAST) + ",", "Dear Sir or Madam,"],
                ["Dear Mr. " + r.choice(LAST) + ",", "To whom it may concern,"]), 10)
    bank = word(w, LETTER_SENTENCES[0], LETTER_SENTENCES[1])
    for _ in range(r.randint(2, 16)):
        p.paragraph(sentences(r, bank, r.randint(2, 4)))
    p.text(pick(r, w, ["Yours sincerely,", "Kind regards,"], ["Best wishes,", "Yours faithfully,"]), 10)
    p.gap(18)
    p.text(r.person(), 10)


def resume(p: Pen, r: Rng, w: int, style: int) -> None:
    name = r.person()
    p.text(name, 22, bold=True, align="center" if style == 2 else "left")
    p.text(f"{name.split()[0].lower()}@example.com | +1 555 {r.randint(100, 999)} {r.randint(1000, 9999)} | "
           f"{r.choice(CITIES)[0]}", 9, align="center" if style == 2 else "left")
    p.gap(10)
    sections = [(word(w, "Profile", "Summary"), ["Experienced professional with a record of delivering projects."]),
                (word(w, "Experience", "Employment History"),
                 [f"{r.choice(['Project Manager', 'Engineer', 'Analyst', 'Accountant'])}, {r.company()}, "
                  f"{r.randint(2010, 2018)} - {r.randint(2019, 2026)}. Led a team; improved processes; "
                  "managed budgets and suppliers." for _ in range(r.randint(2, 14))]),
                (word(w, "Education", "Qualifications"), [f"BSc {r.choice(['Economics', 'Physics', 'Law'])}, "
                                                          f"University of {r.choice(CITIES)[0]}"]),
                (word(w, "Skills", "Core Competencies"), ["Python, SQL, negotiation, stakeholder management"])]
    for head, items in sections:
        p.text(head.upper() if r.random() < .5 else head, 12, bold=True)
        for item in items:
            p.paragraph(item)


def id_card(p: Pen, r: Rng, w: int, style: int) -> None:
    p.text(pick(r, w, ["REPUBLIC OF " + r.choice(["ARDENIA", "VALDORIA"]),
                       "STATE OF " + r.choice(["OREGON", "KANSAS"])],
                ["KINGDOM OF " + r.choice(["LORVALE", "ESTMARK"]), "DEPARTMENT OF MOTOR VEHICLES"]), 12, bold=True)
    p.text(pick(r, w, ["IDENTITY CARD", "National ID Card"], ["DRIVER LICENSE", "Resident Permit"]), 16, bold=True)
    p.gap()
    p.fields([(word(w, "Surname", "Last name"), r.choice(LAST).upper()), (word(w, "Given names", "First name"),
                                                                            r.choice(FIRST)),
              (word(w, "Date of birth", "DOB"), r.date()), (word(w, "Sex", "Gender"), r.choice(["F", "M"])),
              (word(w, "ID No", "Licence no"), r.docno("ID")), (word(w, "Date of expiry", "Expires"), r.date()),
              (word(w, "Nationality", "Class"), word(w, "ARDENIAN", "B"))])
    p.text("Holder's signature ______________", 9)


def application_form(p: Pen, r: Rng, w: int, style: int) -> None:
    p.title(pick(r, w, ["MEMBERSHIP APPLICATION FORM", "Application for Employment"],
                 ["Rental Application", "ACCOUNT OPENING FORM"]), style)
    p.paragraph(word(w, "Please complete all sections in block capitals and return the form to the office.",
                     "Fill in every field. Incomplete applications cannot be processed."))
    for section in [word(w, "Section 1: Applicant details", "Part A - About you"),
                    word(w, "Section 2: Contact", "Part B - Your address")]:
        p.text(section, 11, bold=True)
        p.fields([("Full name", r.person()), (word(w, "Date of birth", "Birth date"), r.date()),
                  (word(w, "Phone", "Mobile"), "______________"), ("Email", "______________")])
    p.text(word(w, "[ ] I agree to the terms   [X] Send me updates", "[X] I confirm the details are correct"), 10)
    p.fields([(word(w, "Applicant signature", "Signed"), "______________"), ("Date", "______________")])


def insurance_policy(p: Pen, r: Rng, w: int, style: int) -> None:
    insurer = f"{r.choice(COMPANY_A)} {pick(r, w, ['Insurance', 'Assurance'], ['Mutual', 'General Insurance'])}"
    p.letterhead(insurer, r.address(), style)
    p.title(pick(r, w, ["POLICY SCHEDULE", "Certificate of Insurance"], ["Your Policy Document", "Home Insurance"]),
            style)
    no = r.docno("POL")
    p.doc.running_header = f"{word(w, 'Policy', 'Policy no')} {no}"
    p.fields([(word(w, "Policy Number", "Policy no"), no), (word(w, "Policyholder", "Insured"), r.person()),
              (word(w, "Period of cover", "Cover dates"), f"{r.date()} to {r.date()}"),
              (word(w, "Annual premium", "Premium"), f"{r.money(200, 2000):.2f}")])
    p.table([word(w, "Cover", "Section"), word(w, "Sum insured", "Limit"), word(w, "Excess", "Deductible")],
            [[c, f"{r.money(1000, 90000):.0f}", f"{r.money(50, 500):.0f}"]
             for c in ["Buildings", "Contents", "Accidental damage", "Legal expenses"]])
    for _ in range(r.randint(1, 14)):
        p.paragraph(sentences(r, word(w, POLICY_SENTENCES[0], POLICY_SENTENCES[1]), r.randint(2, 4)))


def medical_report(p: Pen, r: Rng, w: int, style: int) -> None:
    clinic = f"{r.choice(COMPANY_A)} {pick(r, w, ['Medical Centre', 'Clinic'], ['Health Practice', 'Hospital'])}"
    p.letterhead(clinic, r.address(), style)
    p.title(pick(r, w, ["MEDICAL REPORT", "Consultation Report"], ["Clinical Summary", "Discharge Summary"]), style)
    p.fields([(word(w, "Patient", "Patient name"), r.person()), (word(w, "Date of birth", "DOB"), r.date()),
              (word(w, "Date of visit", "Admitted"), r.date()), (word(w, "Physician", "Attending doctor"),
                                                                  "Dr. " + r.choice(LAST))])
    for head, bank in zip([word(w, "History", "Presenting complaint"), word(w, "Examination", "Findings"),
                           word(w, "Diagnosis", "Assessment"), word(w, "Plan", "Treatment")],
                          MEDICAL_SENTENCES, strict=True):
        p.text(head, 11, bold=True)
        for _ in range(r.randint(1, 6)):
            p.paragraph(sentences(r, bank, r.randint(1, 3)))


def bill_of_lading(p: Pen, r: Rng, w: int, style: int) -> None:
    carrier = f"{r.choice(COMPANY_A)} {r.choice(['Shipping', 'Freight Lines', 'Ocean Transport'])}"
    p.letterhead(carrier, r.address(), style)
    p.title(r.choice(["BILL OF LADING", "Straight Bill of Lading - Not Negotiable"]), style)
    p.fields([("B/L No", r.docno("BL")), ("Shipper", r.company()), ("Consignee", r.company()),
              ("Port of loading", r.choice(CITIES)[0]), ("Port of discharge", r.choice(CITIES)[0]),
              ("Vessel", f"MV {r.choice(COMPANY_A)}")])
    p.table(["Marks and numbers", "Packages", "Gross weight kg"],
            [[f"CNTR {r.randint(100000, 999999)}", str(r.randint(1, 40)), str(r.randint(100, 20000))]
             for _ in range(r.randint(2, 12))])
    p.paragraph("Received in apparent good order and condition, the goods described above, to be carried to "
                "the port of discharge subject to the terms of this bill of lading.")


def tax_form(p: Pen, r: Rng, w: int, style: int) -> None:
    p.text(r.choice(["Form W-2 Wage and Tax Statement", "P60 End of Year Certificate"]), 16, bold=True)
    p.text(f"Tax year {r.randint(2020, 2026)}", 10)
    p.fields([("Employer identification number", r.docno("EIN")), ("Employer", r.company()),
              ("Employee", r.person()), ("Wages, tips, other compensation", f"{r.money(20000, 90000):.2f}"),
              ("Federal income tax withheld", f"{r.money(2000, 15000):.2f}"),
              ("Social security wages", f"{r.money(20000, 90000):.2f}")])
    p.paragraph("Copy B - To be filed with the employee's federal tax return. This information is being "
                "furnished to the tax authority.")


def meeting_minutes(p: Pen, r: Rng, w: int, style: int) -> None:
    p.title(r.choice(["Minutes of the Board Meeting", "MEETING MINUTES", "Project Steering Group - Minutes"]), style)
    p.fields([("Date", r.date()), ("Chair", r.person()), ("Present", ", ".join(r.person() for _ in range(3))),
              ("Apologies", r.person())])
    for i, item in enumerate(r.sample(["Approval of previous minutes", "Budget update", "Hiring plan",
                                       "Office move", "Any other business", "Risk register"], 4), 1):
        p.text(f"{i}. {item}", 11, bold=True)
        p.paragraph(f"The group discussed {item.lower()}. {r.person()} reported progress. It was agreed to "
                    f"revisit the matter at the next meeting. Action: {r.person()} by {r.date()}.")
