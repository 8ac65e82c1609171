"""Invoices (the dev set's invoice schema)."""

from __future__ import annotations

import datetime as dt

from gen import blocks, locales, words
from gen.case import Case
from gen.families import commerce
from gen.pick import Pick
from gen.sheet import Seg

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF")
ORDERS = [
    ["code", "description", "quantity", "unit_price", "amount"],
    ["line_no", "description", "code", "unit_price", "quantity", "amount"],
    ["quantity", "description", "code", "unit_price", "amount"],
    ["code", "quantity", "description", "amount", "unit_price"],
    ["line_no", "code", "description", "quantity", "unit_price", "amount"],
    ["amount", "code", "description", "quantity", "unit_price"],
    ["description", "quantity", "unit_price", "amount", "code"],
    ["description", "unit_price", "quantity", "code", "amount"],
]
NUMBERS = ["INV-#####", "####/@@/##", "@@-######", "20##-####", "######", "F@#####", "SI-###-####", "####-@"]
PO_NUMBERS = ["PO-#####", "4500######", "@@/PO/####", "######", "P####-##", "ORD ####"]
ROW_COUNTS = [3, 5, 8, 14, 2, 4, 26, 6, 38, 11, 7, 19]
KEYS = {"code": "item_code", "description": "description", "quantity": "quantity", "unit_price": "unit_price",
        "amount": "amount"}
BANK_LINES = ["IBAN {iban}", "Sort code {sc}  Account {acc}", "BSB {sc}  Acc {acc}", "SWIFT/BIC {bic}",
              "Routing {sc}  Account {acc}", "Bank transfer to {iban}"]


def build(p: Pick) -> Case:
    c = locales.country(p, CURRENCIES)
    st = commerce.style(p, c)
    layout = p.pick(commerce.LAYOUTS)
    vendor, customer = commerce.party(p, c), commerce.party(p, c, person_ok=True)
    ship = commerce.party(p, c) if p.chance(0.3) else None
    tax_label, tax_value = locales.tax_id(p, c) if p.chance(0.7) else (None, None)
    issued = locales.some_date(p)
    due = issued + dt.timedelta(days=p.pick([14, 30, 10, 45, 60, 7, 21, 28])) if p.chance(0.75) else None
    po = locales.fill(p, p.pick(PO_NUMBERS)) if p.chance(0.6) else None
    number = locales.fill(p, p.pick(NUMBERS))
    order = list(p.pick(ORDERS))
    with_codes = p.chance(0.6)
    if not with_codes:
        order.remove("code")
    items = commerce.lines(p, p.pick(ROW_COUNTS), with_codes, fractional=True)
    subtotal = round(sum(i.amount for i in items), 2)
    sales_label, rate = locales.sales_tax(p, c)
    tax = round(subtotal * rate / 100, 2) if p.chance(0.8) else None
    total = round(subtotal + (tax or 0), 2)
    expected = {
        "invoice_number": number, "invoice_date": issued.isoformat(), "due_date": due.isoformat() if due else None,
        "po_number": po, "currency": c.currency,
        "vendor": {**vendor.expected(), "tax_id": tax_value}, "bill_to": customer.expected(),
        "line_items": [{"item_code": i.code, "description": i.description, "quantity": i.quantity,
                        "unit_price": i.unit_price, "amount": i.amount} for i in items],
        "subtotal": subtotal, "tax_amount": tax, "total": total,
    }

    lab = st.label
    total_seg = blocks.money_seg(total, c, st.money_format, "total", "currency", bold=True)
    meta = [(lab(p.pick(words.INVOICE["number"])), [Seg(number, "invoice_number")]),
            (lab(p.pick(words.INVOICE["date"])), [Seg(st.date(issued), "invoice_date")])]
    extra = []
    if due:
        extra.append((lab(p.pick(words.INVOICE["due"])), [Seg(st.date(due), "due_date")]))
    if po:
        extra.append((lab(p.pick(words.INVOICE["po"])), [Seg(po, "po_number")]))
    if p.chance(0.5):
        extra.append((lab(p.pick(words.INVOICE["customer_no"])), [Seg(locales.fill(p, "C-#####"))]))
    if not total_seg.sub:
        extra.append((lab(p.pick(words.INVOICE["currency"])), [Seg(c.currency, "currency")]))
    meta += p.shuffle(extra)
    vendor_lines = locales.address_lines(vendor.address, c, "vendor.address")
    if tax_label and tax_value:
        vendor_lines.append([Seg(f"{tax_label} "), Seg(tax_value, "vendor.tax_id")])
    if p.chance(0.5):
        vendor_lines.append([Seg(locales.phone(p, c))])
    parties = [(_heading(st, p.pick(words.INVOICE["bill_to"])), customer.lines(c, "bill_to"))]
    if ship:
        parties.append((_heading(st, p.pick(words.INVOICE["ship_to"])), ship.lines(c, None)))
    rows = commerce.item_rows(items, order, c, st, "line_items", KEYS, cell_money=p.chance(0.35))
    pairs = [(lab(p.pick(words.INVOICE["subtotal"])), [blocks.money_seg(subtotal, c, st.money_format, "subtotal")])]
    if tax is not None:
        pairs.append((lab(sales_label), [blocks.money_seg(tax, c, st.money_format, "tax_amount")]))
    pairs.append((lab(p.pick(words.INVOICE["total"])), [total_seg]))
    note = None
    if p.chance(0.6):
        note = p.pick(BANK_LINES).format(iban=f"{c.code}{locales.fill(p, '## #### #### #### ####')}",
                                         sc=locales.fill(p, "##-##-##"), acc=locales.fill(p, "########"),
                                         bic=locales.fill(p, "@@@@@@@@"))
    doc = commerce.Doc(
        title=blocks.cased(p.pick(words.INVOICE["title"]), p.pick(["upper", "as_is", "title", "upper"])),
        issuer=Seg(vendor.name, "vendor.name"), issuer_lines=vendor_lines,
        issuer_heading=_heading(st, p.pick(words.INVOICE["vendor"])), meta=meta, parties=parties,
        cols=commerce.columns(p, order, st, words.COLUMNS), rows=rows, totals=pairs,
        head_again=[Seg(vendor.name, "vendor.name", True), Seg("  -  "), Seg(number, "invoice_number")], note=note)
    sheet = commerce.compose(p, st, layout, doc)
    tags = [f"country:{c.code}", f"layout:{layout}", f"table:{st.table}", f"fields:{st.fields}",
            f"date:{st.date_format}", f"money:{st.money_format}", f"rows:{len(items)}", f"font:{st.face.name}"]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (due, po, tax, tax_value) else []
    return Case("invoice", f"inv-{layout}", "invoice", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), tags=tags)


def _heading(st: commerce.Style, text: str) -> str:
    return st.label(text).rstrip(":").rstrip()
