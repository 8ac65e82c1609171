"""Utility bills: electricity, gas and water (a family the dev set lacks; schemas/utility_bill.json)."""

from __future__ import annotations

import datetime as dt

from gen import blocks, locales, people, words
from gen.case import Case
from gen.families import commerce
from gen.pick import Pick
from gen.sheet import Seg

SERVICES = [("Energy", "kWh", 180, 1400), ("Water", "m³", 8, 60), ("Gas", "therms", 20, 160),
            ("Power", "kWh", 250, 900), ("Water", "kL", 10, 70), ("Gas", "m³", 40, 300)]
LAYOUTS = ["summary_box_right", "stub_bottom", "two_pages", "summary_strip", "sidebar", "letter"]


def build(p: Pick) -> Case:
    c = locales.country(p)
    st = commerce.style(p, c)
    layout = p.pick(LAYOUTS)
    kind, unit, low, high = p.pick(SERVICES)
    provider = f"{p.pick(people.TRADE_WORDS)} {kind} {p.any(c.suffixes)}"
    customer = people.person_name(p)
    postal = locales.address(p, c)
    service = postal if p.chance(0.5) else locales.address(p, c)
    account = locales.fill(p, p.pick(["##########", "###-###-####", "@@########", "#### #### ##", "####-######",
                                      "###########"]))
    start = locales.some_date(p, 2024, 2026)
    end = start + dt.timedelta(days=p.pick([30, 61, 91, 29, 59, 88]))
    issued = end + dt.timedelta(days=p.int(2, 9))
    due = issued + dt.timedelta(days=p.pick([14, 21, 10, 28, 15, 30])) if p.chance(0.85) else None
    meter = locales.fill(p, p.pick(["M########", "##@#####", "########", "E## ######"])) if p.chance(0.8) else None
    previous_reading = p.int(10000, 90000)
    usage = p.int(low, high)
    rate = round(p.rng.uniform(0.08, 0.45), 4) if unit in ("kWh", "therms") else round(p.rng.uniform(1.2, 4.5), 4)
    charges = [(p.pick(words.USAGE_CHARGES), round(usage * rate, 2))]
    for name in p.picks(words.UTILITY_CHARGES, p.int(1, 3)):
        if name != charges[0][0]:
            charges.append((name, p.money(4, 60)))
    tax_label, tax_rate = locales.sales_tax(p, c)
    tax = round(sum(a for _, a in charges) * tax_rate / 100, 2) if p.chance(0.75) else None
    previous = p.money(40, 400) if p.chance(0.6) else None
    paid = previous if previous and p.chance(0.8) else (round(previous / 2, 2) if previous else None)
    amount_due = round((previous or 0) - (paid or 0) + sum(a for _, a in charges) + (tax or 0), 2)
    expected = {"provider_name": provider, "customer_name": customer, "account_number": account,
                "bill_date": issued.isoformat(), "due_date": due.isoformat() if due else None,
                "service_address": service.expected(),
                "billing_period": {"start_date": start.isoformat(), "end_date": end.isoformat()},
                "meter_number": meter, "usage": float(usage), "usage_unit": unit, "currency": c.currency,
                "previous_balance": previous,
                "charges": [{"description": d, "amount": a} for d, a in charges],
                "tax_amount": tax, "amount_due": amount_due}

    lab = st.label
    money_form = st.money_format
    def money(v: float, path: str | None, bold: bool = False, currency: bool = False) -> list[Seg]:
        return [blocks.money_seg(v, c, money_form, path, "currency" if currency else None, bold)]

    due_seg = money(amount_due, "amount_due", True, currency=True)
    if not due_seg[0].sub:
        due_seg = [*due_seg, Seg(" "), Seg(c.currency, "currency")]
    summary = [(lab(p.pick(words.UTILITY["account"])), [Seg(account, "account_number")]),
               (lab(p.pick(words.UTILITY["bill_date"])), [Seg(st.date(issued), "bill_date")])]
    if due:
        summary.append((lab(p.pick(words.UTILITY["due"])), [Seg(st.date(due), "due_date")]))
    summary.append((lab(p.pick(words.UTILITY["amount_due"])), due_seg))
    joiner = p.pick([" - ", " to ", " – ", " until "])
    period = [Seg(st.date(start), "billing_period.start_date"), Seg(joiner),
              Seg(st.date(end), "billing_period.end_date")]

    sheet = commerce.new_sheet(st)
    size = st.body
    x0, x1 = 44.0, sheet.width - 44.0
    y = blocks.letterhead(sheet, x0, 56, (x1 - x0) * 0.6, Seg(provider, "provider_name"),
                          [locales.one_line(locales.address_lines(locales.address(p, c, False), c, None), ", ")],
                          [[Seg(f"{p.pick(['Customer service', 'Help line', 'Enquiries', 'Call us'])} "
                                f"{locales.phone(p, c)}")]], st.letterhead if st.letterhead != "name_only" else
                          "left_stack", size * 0.95)
    title = blocks.cased(p.pick(words.UTILITY["title"]), p.pick(["as_is", "upper"]))
    if layout in ("summary_box_right", "sidebar", "two_pages"):
        bx = x1 - 220
        sheet.rect(bx - 8, 44, 228, 14 + len(summary) * size * 1.9, stroke=0.2, fill=0.95)
        blocks.fields(sheet, bx, 62, 210, summary, "columns" if layout != "sidebar" else "right_labels", size)
        y = max(y, 60 + len(summary) * size * 1.9) + 10
        sheet.text(x0, y + 10, title, size=15, bold=True)
        y += 30
    else:
        sheet.text(x0, y + 14, title, size=15, bold=True)
        y = blocks.fields(sheet, x0, y + 40, x1 - x0, summary, "strip" if layout == "summary_strip" else "above",
                          size) + 4
    y = blocks.party(sheet, x0, y + 10, 240, None, [[Seg(customer, "customer_name", True)],
                                                    *locales.address_lines(postal, c, None)], "no_heading", size)
    details = [(lab(p.pick(words.UTILITY["service_address"])),
                locales.one_line(locales.address_lines(service, c, "service_address"), ", ")),
               (lab(p.pick(words.UTILITY["period"])), period)]
    if meter:
        details.append((lab(p.pick(words.UTILITY["meter"])), [Seg(meter, "meter_number")]))
    y = blocks.fields(sheet, x0, y + 12, x1 - x0, details, p.pick(["inline", "columns", "inline_bold", "grid"]), size)
    readings = [blocks.Col("label", p.pick(["Reading", "Meter reading", "Read", "Readings"])),
                blocks.Col("previous", p.pick(["Previous", "Last read", "Opening", "Start"]), "right"),
                blocks.Col("current", p.pick(["Current", "This read", "Closing", "End"]), "right"),
                blocks.Col("usage", blocks.cased(p.pick(words.UTILITY["usage"]), st.header_case), "right")]
    row = {"label": [Seg(p.pick(["Actual", "Estimated", "Customer read", "Smart meter"]))],
           "previous": [Seg(locales.number(previous_reading, c, 0))],
           "current": [Seg(locales.number(previous_reading + usage, c, 0))],
           "usage": [Seg(locales.number(usage, c, 0), "usage"), Seg(" "), Seg(unit, "usage_unit")]}
    blocks.fit_columns(sheet, readings, [row], min(x1 - x0, 400), size, "label")
    y = blocks.table(sheet, x0, y + 14, readings, [row], style=st.table, size=size)
    if layout == "two_pages":
        sheet.new_page()
        y = 70.0
    heading = p.pick(words.UTILITY["charges_heading"])
    sheet.text(x0, y + 16, heading, size=size * 1.15, bold=True)
    y += 24
    rows: list[tuple[list[Seg], list[Seg]]] = []
    if previous is not None:
        rows.append(([Seg(lab(p.pick(words.UTILITY["previous"])))], money(previous, "previous_balance")))
        rows.append(([Seg(lab(p.pick(words.UTILITY["payment"])))],
                     [Seg(f"-{locales.money(paid or 0, c, money_form)}")]))
    for i, (desc, amount) in enumerate(charges):
        detail = f" ({locales.number(usage, c, 0)} {unit} @ {locales.number(rate, c, 4)})" if i == 0 else ""
        rows.append(([Seg(desc, f"charges[{i}].description"), Seg(detail)], money(amount, f"charges[{i}].amount")))
    if tax is not None:
        rows.append(([Seg(lab(tax_label))], money(tax, "tax_amount")))
    rows.append(([Seg(lab(p.pick(words.UTILITY["amount_due"])), bold=True)], money(amount_due, "amount_due", True)))
    for left, right in rows:
        y += size * 1.6
        sheet.line(x0, y, left, size=size)
        sheet.line(x1, y, right, size=size, align="right")
    if layout == "stub_bottom":
        top = sheet.height - 140
        sheet.hline(x0, x1, top, 0.5, 0.4)
        sheet.text(x0, top + 14, "- - - - detach and return with your payment - - - -", size=7, gray=0.4)
        stub = [(lab(p.pick(words.UTILITY["account"])), [Seg(account, "account_number")]),
                (lab(p.pick(words.UTILITY["amount_due"])), due_seg)]
        blocks.fields(sheet, x0, top + 36, x1 - x0, stub, "strip", size)
    tags = [f"country:{c.code}", f"layout:{layout}", f"service:{kind}", f"font:{st.face.name}"]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (due, meter, tax, previous) else []
    return Case("utility_bill", f"util-{layout}", "utility_bill", expected, sheet.cites,
                [pg.size for pg in sheet.pages], sheet.pdf(), tags=tags)
