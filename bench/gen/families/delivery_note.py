"""Delivery notes and packing slips (a family the dev set lacks; schemas/delivery_note.json)."""

from __future__ import annotations

from gen import blocks, locales, words
from gen.case import Case
from gen.families import commerce
from gen.pick import Pick
from gen.sheet import Seg

ORDERS = [
    ["code", "description", "ordered", "delivered", "unit"],
    ["line_no", "description", "code", "unit", "delivered"],
    ["delivered", "unit", "code", "description"],
    ["code", "description", "delivered", "ordered", "unit"],
    ["line_no", "code", "description", "ordered", "delivered"],
    ["description", "code", "delivered"],
]
NUMBERS = ["DN-######", "PS####-##", "@@########", "######", "D/####/@@", "SHP-#####"]
ROW_COUNTS = [3, 6, 2, 9, 14, 4, 28, 7]
KEYS = {"code": "item_code", "description": "description", "ordered": "quantity_ordered",
        "delivered": "quantity_delivered", "unit": "unit"}


def build(p: Pick) -> Case:
    c = locales.country(p)
    st = commerce.style(p, c)
    layout = p.pick(commerce.LAYOUTS)
    supplier, consignee = commerce.party(p, c), commerce.party(p, c, person_ok=True)
    shipped = locales.some_date(p)
    order_ref = locales.fill(p, p.pick(["PO-#####", "SO######", "####/@@", "ORD-####"])) if p.chance(0.7) else None
    carrier = p.pick(words.CARRIERS) if p.chance(0.6) else None
    tracking = locales.fill(p, p.pick(["1Z###@@###########", "JD##########GB", "########", "@@#########@@"])) \
        if carrier and p.chance(0.7) else None
    packages = p.int(1, 24) if p.chance(0.6) else None
    weight = round(p.int(5, 9000) / 10, 1) if p.chance(0.5) else None
    order = list(p.pick(ORDERS))
    with_codes = "code" in order and p.chance(0.8)
    if "code" in order and not with_codes:
        order.remove("code")
    items = commerce.lines(p, p.pick(ROW_COUNTS), with_codes)
    short = [p.chance(0.2) for _ in items]
    number = locales.fill(p, p.pick(NUMBERS))
    expected = {
        "delivery_note_number": number, "delivery_date": shipped.isoformat(), "order_reference": order_ref,
        "supplier": supplier.expected(), "ship_to": consignee.expected(), "carrier": carrier,
        "tracking_number": tracking,
        "items": [{"item_code": i.code, "description": i.description,
                   "quantity_ordered": i.quantity if "ordered" in order else None,
                   "quantity_delivered": _delivered(i.quantity, s), "unit": i.unit if "unit" in order else None}
                  for i, s in zip(items, short, strict=True)],
        "total_packages": packages, "gross_weight_kg": weight,
    }

    lab = st.label
    meta = [(lab(p.pick(words.DELIVERY["number"])), [Seg(number, "delivery_note_number")]),
            (lab(p.pick(words.DELIVERY["date"])), [Seg(st.date(shipped), "delivery_date")])]
    extra = []
    if order_ref:
        extra.append((lab(p.pick(words.DELIVERY["order"])), [Seg(order_ref, "order_reference")]))
    if carrier:
        extra.append((lab(p.pick(words.DELIVERY["carrier"])), [Seg(carrier, "carrier")]))
    if tracking:
        extra.append((lab(p.pick(words.DELIVERY["tracking"])), [Seg(tracking, "tracking_number")]))
    meta += p.shuffle(extra)
    issuer_lines = locales.address_lines(supplier.address, c, "supplier.address")
    if p.chance(0.5):
        issuer_lines.append([Seg(locales.phone(p, c))])
    parties = [(st.label(p.pick(words.DELIVERY["ship_to"])).rstrip(":"), consignee.lines(c, "ship_to"))]
    if p.chance(0.4):  # an invoice-to block: a second address that is not the delivery address
        parties.append((st.label(p.pick(words.DELIVERY["invoice_to"])).rstrip(":"),
                        commerce.party(p, c).lines(c, None)))
    headers = {**words.COLUMNS, "ordered": words.DELIVERY["col_ordered"], "delivered": words.DELIVERY["col_delivered"]}
    rows = []
    for i, (item, s) in enumerate(zip(items, short, strict=True)):
        def cite(key: str, i: int = i) -> str | None:
            return f"items[{i}].{KEYS[key]}" if key in KEYS else None
        cells = {"code": [Seg(item.code or "", cite("code"))],
                 "description": [Seg(item.description, cite("description"))],
                 "ordered": [Seg(commerce.quantity_text(item.quantity, c), cite("ordered"))],
                 "delivered": [Seg(commerce.quantity_text(_delivered(item.quantity, s), c), cite("delivered"))],
                 "unit": [Seg(item.unit, cite("unit"))], "line_no": [Seg(str(i + 1))]}
        rows.append({k: cells[k] for k in order})
    cols = []
    for key in order:
        align = "right" if key in ("ordered", "delivered", "line_no") else "left"
        cols.append(blocks.Col(key, blocks.cased(p.pick(headers[key]), st.header_case), align))
    summary = []
    if packages is not None:
        summary.append((lab(p.pick(words.DELIVERY["packages"])), [Seg(str(packages), "total_packages")]))
    if weight is not None:
        grams = p.chance(0.25)
        shown = f"{round(weight * 1000)} g" if grams else f"{locales.number(weight, c, 1)} kg"
        summary.append((lab(p.pick(words.DELIVERY["weight"])), [Seg(shown, "gross_weight_kg")]))
    doc = commerce.Doc(
        title=blocks.cased(p.pick(words.DELIVERY["title"]), p.pick(["upper", "as_is", "title", "upper"])),
        issuer=Seg(supplier.name, "supplier.name"), issuer_lines=issuer_lines,
        issuer_heading=st.label(p.pick(words.DELIVERY["supplier"])).rstrip(":"), meta=meta, parties=parties,
        cols=cols, rows=rows, totals=summary,
        head_again=[Seg(supplier.name, "supplier.name", True), Seg("  -  "), Seg(number, "delivery_note_number")],
        note=f"{p.pick(words.DELIVERY['received'])}: ______________________   Date: ________")
    sheet = commerce.compose(p, st, layout, doc)
    tags = [f"country:{c.code}", f"layout:{layout}", f"table:{st.table}", f"rows:{len(items)}",
            f"font:{st.face.name}"]
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["blank_fields"] if None in (order_ref, carrier, tracking, packages, weight) else []
    return Case("delivery_note", f"dn-{layout}", "delivery_note", expected, sheet.cites,
                [pg.size for pg in sheet.pages], sheet.pdf(), tags=tags)


def _delivered(quantity: float, short: bool) -> float:
    """A short delivery ships part of the order."""
    return max(1, int(quantity // 2)) if short and quantity >= 2 else quantity

