"""Purchase orders (the dev set's purchase_order schema)."""

from __future__ import annotations

import datetime as dt

from gen import blocks, locales, words
from gen.case import Case
from gen.families import commerce
from gen.pick import Pick
from gen.sheet import Seg

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF")
ORDERS = [
    ["line_no", "code", "description", "quantity", "unit", "unit_price", "amount"],
    ["code", "description", "unit", "quantity", "unit_price", "amount"],
    ["description", "code", "quantity", "unit_price", "unit", "amount"],
    ["quantity", "unit", "code", "description", "unit_price", "amount"],
    ["code", "quantity", "description", "amount", "unit_price", "unit"],
    ["line_no", "description", "code", "unit_price", "quantity", "unit", "amount"],
]
NUMBERS = ["PO-######", "45########", "@@@/####/##", "P#####", "####-PO-##", "PUR######"]
ROW_COUNTS = [4, 2, 9, 6, 22, 3, 30, 12]
KEYS = {"code": "item_code", "description": "description", "quantity": "quantity", "unit": "unit",
        "unit_price": "unit_price", "amount": "line_total"}
SAME_AS = ["Same as billing address", "As above", "Deliver to buyer's address", "Same as ordering address"]


def build(p: Pick) -> Case:
    c = locales.country(p, CURRENCIES)
    st = commerce.style(p, c)
    layout = p.pick(commerce.LAYOUTS)
    buyer, supplier = commerce.party(p, c), commerce.party(p, c)
    ship = commerce.party(p, c) if p.chance(0.45) else None
    ordered = locales.some_date(p)
    delivery = ordered + dt.timedelta(days=p.int(5, 60)) if p.chance(0.65) else None
    terms = p.pick(list(words.TERMS)) if p.chance(0.75) else None
    number = locales.fill(p, p.pick(NUMBERS))
    order = list(p.pick(ORDERS))
    with_unit = p.chance(0.6)
    if not with_unit:
        order.remove("unit")
    items = commerce.lines(p, p.pick(ROW_COUNTS), with_codes=True)
    subtotal = round(sum(i.amount for i in items), 2)
    sales_label, rate = locales.sales_tax(p, c)
    tax = round(subtotal * rate / 100, 2) if p.chance(0.65) else None
    shipping = p.money(15, 240) if p.chance(0.5) else None
    total = round(subtotal + (tax or 0) + (shipping or 0), 2)
    expected = {
        "po_number": number, "order_date": ordered.isoformat(),
        "delivery_date": delivery.isoformat() if delivery else None,
        "buyer": buyer.expected(), "supplier": supplier.expected(), "ship_to": ship.expected() if ship else None,
        "payment_terms": terms, "currency": c.currency,
        "items": [{"item_code": i.code, "description": i.description, "quantity": i.quantity,
                   "unit": i.unit if with_unit else None, "unit_price": i.unit_price, "line_total": i.amount}
                  for i in items],
        "subtotal": subtotal, "tax": tax, "shipping": shipping, "total": total,
    }

    lab = st.label
    total_seg = blocks.money_seg(total, c, st.money_format, "total", "currency", bold=True)
    meta = [(lab(p.pick(words.PO["number"])), [Seg(number, "po_number")]),
            (lab(p.pick(words.PO["date"])), [Seg(st.date(ordered), "order_date")])]
    extra = []
    if delivery:
        extra.append((lab(p.pick(words.PO["delivery"])), [Seg(st.date(delivery), "delivery_date")]))
    if terms:
        extra.append((lab(p.pick(words.PO["terms"])), [Seg(p.pick(words.TERMS[terms]), "payment_terms")]))
    if not total_seg.sub:
        extra.append((lab(p.pick(words.INVOICE["currency"])), [Seg(c.currency, "currency")]))
    if p.chance(0.4):
        extra.append((lab(p.pick(["Requested by", "Buyer contact", "Contact", "Attn."])), [Seg(
            f"{p.pick(['A.', 'M.', 'J.', 'R.'])} {p.pick(['Novak', 'Iyer', 'Walsh', 'Osei'])}")]))
    meta += p.shuffle(extra)
    buyer_lines = locales.address_lines(buyer.address, c, "buyer.address")
    if p.chance(0.5):
        buyer_lines.append([Seg(locales.phone(p, c))])
    parties = [(_heading(st, p.pick(words.PO["supplier"])), supplier.lines(c, "supplier"))]
    if ship:
        parties.append((_heading(st, p.pick(words.PO["ship_to"])), ship.lines(c, "ship_to")))
    elif p.chance(0.4):
        parties.append((_heading(st, p.pick(words.PO["ship_to"])), [[Seg(p.pick(SAME_AS))]]))
    rows = commerce.item_rows(items, order, c, st, "items", KEYS, cell_money=p.chance(0.3))
    pairs = [(lab(p.pick(words.PO["subtotal"])), [blocks.money_seg(subtotal, c, st.money_format, "subtotal")])]
    if tax is not None:
        pairs.append((lab(sales_label), [blocks.money_seg(tax, c, st.money_format, "tax")]))
    if shipping is not None:
        pairs.append((lab(p.pick(words.PO["shipping"])), [blocks.money_seg(shipping, c, st.money_format, "shipping")]))
    pairs.append((lab(p.pick(words.PO["total"])), [total_seg]))
    note = p.pick(["Please quote the order number on all invoices and delivery notes.",
                   "Deliveries accepted Mon-Fri 08:00-15:00 only.",
                   "Goods remain subject to inspection on arrival.",
                   "Confirm receipt of this order within 2 working days."]) if p.chance(0.6) else None
    doc = commerce.Doc(
        title=blocks.cased(p.pick(words.PO["title"]), p.pick(["upper", "as_is", "title", "upper"])),
        issuer=Seg(buyer.name, "buyer.name"), issuer_lines=buyer_lines,
        issuer_heading=_heading(st, p.pick(words.PO["buyer"])), meta=meta, parties=parties,
        cols=commerce.columns(p, order, st, words.COLUMNS), rows=rows, totals=pairs,
        head_again=[Seg(buyer.name, "buyer.name", True), Seg("  -  "), Seg(number, "po_number")], note=note)
    sheet = commerce.compose(p, st, layout, doc)
    tags = [f"country:{c.code}", f"layout:{layout}", f"table:{st.table}", f"fields:{st.fields}",
            f"rows:{len(items)}", f"font:{st.face.name}", "unit:" + ("yes" if with_unit else "no")]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (delivery, terms, tax, shipping, ship) else []
    return Case("purchase_order", f"po-{layout}", "purchase_order", expected, sheet.cites,
                [pg.size for pg in sheet.pages], sheet.pdf(), tags=tags)


def _heading(st: commerce.Style, text: str) -> str:
    return st.label(text).rstrip(":").rstrip()
