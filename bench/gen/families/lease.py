"""Residential leases in prose (the dev set's lease schema): the values buried in clauses."""

from __future__ import annotations

import datetime as dt

from gen import locales, people
from gen.case import Case
from gen.pick import Pick
from gen.sheet import FACES, Seg, Sheet
from gen.words_forms import LEASE, NUMBER_WORDS

LAWS = [  # (country, how the clause names the jurisdiction, the jurisdiction's name)
    ("US", "the State of {s}", "Oregon"), ("GB", "{s}", "England and Wales"),
    ("US", "the Commonwealth of {s}", "Massachusetts"), ("CA", "the Province of {s}", "Ontario"),
    ("US", "the State of {s}", "Colorado"), ("AU", "the State of {s}", "New South Wales"),
    ("DE", "the Federal Republic of {s}", "Germany"), ("IE", "{s}", "Ireland"),
    ("NL", "the {s}", "Netherlands"), ("AU", "the State of {s}", "Victoria"),
    ("US", "the State of {s}", "Vermont"), ("CA", "the Province of {s}", "British Columbia"),
    ("CH", "{s}", "Switzerland"), ("GB", "{s}", "Scotland"),
]
NUMBERING = ["{n}.", "Clause {n}.", "§ {n}", "{n})", "Article {n} -", "{n}.0"]
PARTY_FORMS = ["between", "labelled", "numbered", "agrees"]
TERM_FORMS = ["months", "years", "dates", "months_digits"]
DUE_FORMS = ["on the {w} ({o}) day of each month", "on or before the {o} of every month",
             "in advance on the {o} day of each calendar month", "no later than the {w} ({o}) day of each month",
             "monthly in advance on the {o}", "by the {o} of the month"]


def words_for(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def build(p: Pick) -> Case:
    code, phrase, place = p.pick(LAWS)
    c = next(x for x in locales.COUNTRIES if x.code == code)
    face = p.pick(FACES)
    sheet = Sheet(face, p.pick([(612.0, 792.0), (595.28, 841.89)]))
    size = p.pick([10.0, 10.5, 9.5, 11.0])
    money_form = p.any(c.money)
    fmt = p.any(c.dates)
    def money(v: float) -> str:
        return locales.money(v, c, money_form)

    landlord = people.person_name(p) if p.chance(0.5) else people.company(p, c)
    tenants = [people.person_name(p) for _ in range(p.int(1, 3))]
    premises = locales.address(p, c, with_country=False)
    premises_text = ", ".join(x for x in (premises.street, premises.city, premises.region, premises.postal_code) if x)
    signed = locales.some_date(p, 2024, 2026)
    start = signed + dt.timedelta(days=p.int(5, 40))
    start = start.replace(day=1) if p.chance(0.6) else start
    term_form = p.pick(TERM_FORMS)
    years = p.int(1, 3) if term_form == "years" else 0
    months = years * 12 if years else p.pick([12, 6, 18, 24, 9, 36, 12, 15])
    end = _add_months(start, months) - dt.timedelta(days=1)
    rent = float(p.int(45, 380) * 10)
    deposit = rent * p.pick([1, 1.5, 2, 1, 3, 2]) if p.chance(0.8) else None
    due_day = p.pick([1, 5, 1, 3, 1, 7]) if p.chance(0.9) else None
    late = float(p.pick([25, 50, 35, 75, 40, 100])) if p.chance(0.6) else None
    pets = p.chance(0.4)
    notice = p.pick([30, 60, 28, 90, 14, 45]) if p.chance(0.75) else None
    expected = {"landlord_name": landlord, "tenant_names": tenants, "property_address": premises_text,
                "effective_date": start.isoformat(), "term_months": months, "monthly_rent": rent,
                "security_deposit": deposit, "rent_due_day": due_day, "late_fee": late, "pets_allowed": pets,
                "notice_period_days": notice, "governing_law": place}
    L, T, P = p.pick(LEASE["landlord"]), p.pick(LEASE["tenant"]), p.pick(LEASE["premises"])
    tenant_segs: list[Seg] = []
    for i, name in enumerate(tenants):
        joint = [Seg(" and " if i == len(tenants) - 1 else ", ")] if i else []
        tenant_segs += [*joint, Seg(name, f"tenant_names[{i}]")]

    clauses: list[tuple[str, list[Seg]]] = []
    form = p.pick(PARTY_FORMS)
    def date(d: dt.date) -> str:
        return locales.fmt_date(d, fmt)

    if form == "between":
        opening = [Seg(f"This agreement is made on {date(signed)} between "), Seg(landlord, "landlord_name"),
                   Seg(f' (the "{L}") and '), *tenant_segs, Seg(f' (jointly and severally, the "{T}").')]
    elif form == "numbered":
        opening = [Seg("BETWEEN: (1) "), Seg(landlord, "landlord_name"), Seg(f' ("the {L}"); and (2) '), *tenant_segs,
                   Seg(f' ("the {T}"). Dated {date(signed)}.')]
    elif form == "agrees":
        opening = [Seg(f"On {date(signed)}, "), Seg(landlord, "landlord_name"), Seg(f', as {L}, agrees to rent to '),
                   *tenant_segs, Seg(f", as {T}, on the terms below.")]
    else:
        opening = []
    premises_clause = [Seg(f"The {L} lets to the {T} the residential {P.removeprefix('the ')} at "),
                       Seg(premises_text, "property_address"), Seg(f' ("{P}"), together with the fixtures listed in'
                                                                   " the inventory.")]
    clauses.append(("Premises", premises_clause))
    clauses.append(("Term", _term(p, term_form, months, years, start, end, date, T)))
    due_text = p.pick(DUE_FORMS).format(w=_ordinal_word(due_day or 1), o=locales.ordinal(due_day or 1))
    rent_segs = [Seg(f"The {T} shall pay {p.pick(LEASE['rent_word']).lower()} of "), Seg(money(rent), "monthly_rent"),
                 Seg(f" {p.pick(['per month', 'per calendar month', 'each month', 'monthly'])}")]
    if p.chance(0.3):
        rent_segs = [Seg(f"The annual rent is {money(rent * 12)}, payable in twelve equal instalments of "),
                     Seg(money(rent), "monthly_rent")]
    if due_day:
        at = due_text.find(locales.ordinal(due_day))
        rent_segs += [Seg(", payable " + due_text[:at]), Seg(locales.ordinal(due_day), "rent_due_day"),
                      Seg(due_text[at + len(locales.ordinal(due_day)):] + ".")]
    else:
        rent_segs.append(Seg(", payable by standing order."))
    clauses.append(("Rent", rent_segs))
    dep = p.pick(LEASE["deposit_word"])
    if deposit:
        clauses.append(("Deposit", [Seg(f"On signing, the {T} shall pay a {dep} of "), Seg(money(deposit),
                        "security_deposit"), Seg(f", to be held in a government-approved scheme and returned within "
                                                 f"{p.pick([10, 14, 21, 30])} days after the end of the tenancy, less "
                                                 "any lawful deductions.")]))
    else:
        clauses.append(("Deposit", [Seg(f"No {dep} is payable under this agreement.")]))
    if late:
        clauses.append(("Late payment", [Seg(f"If rent is more than {words_for(p.int(3, 10))} days late, the {T} "
                                             "shall pay a late charge of "), Seg(money(late), "late_fee"),
                                         Seg(" in addition to the overdue rent.")]))
    pet_text = p.pick(["The Tenant may keep one cat and one small dog at the Premises.",
                       "Pets are permitted, provided the Tenant repairs any damage they cause.",
                       "The Tenant may keep domestic pets at the Premises.",
                       "One dog is allowed at the Premises."]) if pets else \
        p.pick(["No animals, birds or reptiles may be kept at the Premises.", "Pets are not permitted.",
                "The Tenant shall not keep any pet at the Premises.", "No pets of any kind are allowed."])
    pet_text = pet_text.replace("Tenant", T).replace("Premises", P.removeprefix("the "))
    clauses.append(("Animals", [Seg(pet_text, "pets_allowed")]))
    if notice:
        nw = words_for(notice) if notice < len(NUMBER_WORDS) else str(notice)
        clauses.append(("Ending the tenancy", [Seg("Either party may end this agreement at the end of the term by "
                                                   "giving the other not less than "),
                                               Seg(f"{nw} ({notice}) days'", "notice_period_days"),
                                               Seg(" written notice.")]))
    law = phrase.format(s=place)
    at = law.index(place)
    clauses.append(("Governing law", [Seg(f"This agreement is governed by the laws of {law[:at]}"),
                                      Seg(place, "governing_law"), Seg(law[at + len(place):] + ".")]))
    fillers = _fillers(p, c, T, L, money)
    body = [*clauses[:2], *fillers[:2], *clauses[2:5], *fillers[2:4], *clauses[5:], *fillers[4:]]

    x0, x1 = 64.0, sheet.width - 64.0
    y = 72.0
    title = p.pick(LEASE["title"])
    sheet.text(sheet.width / 2, y, title.upper() if p.chance(0.5) else title, size=15, bold=True, align="center")
    y += 30
    if form == "labelled":
        y = sheet.flow(x0, y, x1 - x0, [Seg(f"{L.upper()}: ", bold=True), Seg(landlord, "landlord_name")], size=size)
        y = sheet.flow(x0, y, x1 - x0, [Seg(f"{T.upper()}(S): ", bold=True), *tenant_segs], size=size)
        y = sheet.flow(x0, y, x1 - x0, [Seg(f"DATE: {date(signed)}")], size=size) + 8
    else:
        y = sheet.flow(x0, y, x1 - x0, opening, size=size) + 8
    numbering = p.pick(NUMBERING)
    for n, (heading, segs) in enumerate(body, 1):
        lines = sheet.measure(segs, x1 - x0, size) + 1
        if y + lines * size * 1.3 > sheet.height - 60:
            sheet.new_page()
            y = 70.0
        sheet.text(x0, y, f"{numbering.format(n=n)} {heading}", size=size, bold=True)
        y = sheet.flow(x0, y + size * 1.4, x1 - x0, segs, size=size) + size * 0.6
    if y > sheet.height - 160:
        sheet.new_page()
        y = 80.0
    y += 20
    signers = [(L, landlord, "landlord_name")] + [(T, t, f"tenant_names[{i}]") for i, t in enumerate(tenants)]
    for role, name, path in signers:
        sheet.text(x0, y, f"Signed by the {role}: ______________________   Date: ____________", size=size)
        sheet.line(x0 + 20, y + size * 1.4, [Seg("Name: "), Seg(name, path)], size=size * 0.9)
        y += size * 3.4
    tags = [f"country:{code}", f"parties:{form}", f"term:{term_form}", f"font:{face.name}", "needle_in_haystack"]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (deposit, due_day, late, notice) else []
    return Case("lease", f"lease-{form}", "lease", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), tags=tags)


def _term(p: Pick, form: str, months: int, years: int, start, end, date, T: str) -> list[Seg]:
    begin = [Seg("The tenancy begins on "), Seg(date(start), "effective_date")]
    if form == "dates":
        return [*begin, Seg(" and ends on "), Seg(date(end), "term_months"), Seg(", unless ended earlier under "
                                                                                  "this agreement.")]
    if form == "years" and years:
        text = f"{words_for(years)} ({years}) year{'s' if years > 1 else ''}"
        return [*begin, Seg(" and continues for a fixed term of "), Seg(text, "term_months"), Seg(".")]
    if form == "months_digits":
        return [*begin, Seg(" for a term of "), Seg(f"{months} months", "term_months"), Seg(".")]
    return [Seg(f"The {T} shall hold the premises for a term of "), Seg(f"{words_for(months)} ({months}) months",
            "term_months"), Seg(" commencing on "), Seg(date(start), "effective_date"), Seg(".")]


def _fillers(p: Pick, c, T: str, L: str, money) -> list[tuple[str, list[Seg]]]:
    inspection = locales.fmt_date(locales.some_date(p, 2024, 2026), p.any(c.dates))
    agent = locales.address(p, c)
    texts = [
        ("Utilities", f"The {T} is responsible for electricity, gas, water and internet charges, and for council or "
                      f"municipal charges of up to {money(p.int(80, 300))} a quarter."),
        ("Repairs", f"The {L} shall keep the structure and exterior in repair. The {T} shall report defects promptly "
                    f"and may arrange urgent repairs costing no more than {money(p.int(150, 600))}."),
        ("Access", f"The {L} may enter on {words_for(p.pick([1, 2, 3]))} days' notice at reasonable hours. An "
                   f"inventory inspection is booked for {inspection}."),
        ("Use", f"The premises shall be used as a private residence for no more than {words_for(p.int(2, 6))} "
                "occupants. No business may be run from the premises."),
        ("Notices", f"Notices to the {L} shall be sent to {agent.street}, {agent.city} {agent.postal_code}."),
        ("Insurance", f"The {T} shall insure their own belongings; the {L} insures the building for "
                      f"{money(p.int(200, 900) * 1000)}."),
        ("Assignment", f"The {T} may not assign or sublet any part of the premises without written consent."),
    ]
    return [(h, [Seg(t)]) for h, t in p.shuffle(texts)[: p.int(3, 7)]]


def _ordinal_word(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 5: "fifth", 7: "seventh"}.get(n, locales.ordinal(n))


def _add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, 28))
