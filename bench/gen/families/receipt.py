"""Till receipts (the dev set's receipt schema) on a narrow roll, its height fitted to the content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gen import locales, people, words
from gen.case import Case
from gen.locales import Country
from gen.pick import Pick
from gen.sheet import FACES, MONO_FACES, Seg, Sheet, width

SHOPS = ["Corner Deli", "Market", "Hardware", "Pharmacy", "Bakery & Café", "Bistro", "Garden Centre", "Books",
         "Noodle Bar", "Convenience Store", "Wine Cellar", "Stationers"]
PRODUCE = [("Bananas", 0.4, 3.5), ("Sourdough loaf", 2.5, 6), ("Flat white", 2.8, 5), ("AA batteries 4pk", 3, 9),
           ("Greek yoghurt 500g", 1.5, 4), ("Paracetamol 16 tabs", 1, 5), ("Chicken pad thai", 9, 16),
           ("Potting mix 40L", 6, 14), ("Notebook A5 ruled", 2, 8), ("Sparkling water 1.5L", 0.6, 2.5),
           ("Tomatoes loose", 1, 5), ("Cheddar mature 400g", 3, 7), ("Croissant", 1.2, 3.5), ("Screws 4x40 box", 3, 8),
           ("House red 750ml", 7, 22), ("Dishwasher tabs 30", 4, 12), ("Apples Gala", 1, 4), ("Espresso", 1.8, 3.5),
           ("Toothpaste 75ml", 1.5, 4.5), ("Masking tape 24mm", 2, 5), ("Basmati rice 2kg", 3, 8),
           ("Ginger beer", 1.5, 4), ("Cable ties 100pk", 2, 6), ("Olive bread", 2.5, 5.5)]
WEIGHED = ["Tomatoes loose", "Bananas", "Apples Gala"]
ITEM_FORMS = ["qty_below", "qty_first", "columns", "at_below", "price_x_qty", "plain_only"]
TAX_FORMS = ["line", "included", "vat_table", "line_rate", "included_total", "none"]
TIME_FORMS = ["{H}:{M}", "{h}:{M} {AP}", "{H}:{M}:{S}", "{h}:{M}{ap}", "{H}.{M}", "{hh}:{M} {ap}"]
NUMBERS = ["####", "#####-##", "@##-######", "####/###", "T#######", "##-####-###"]


@dataclass
class Item:
    description: str
    quantity: float
    unit_price: float | None
    total: float
    weighed: bool = False


def _items(p: Pick, n: int) -> list[Item]:
    out = []
    for name, low, high in p.picks(PRODUCE, n):
        price = p.money(low, high)
        if name in WEIGHED and p.chance(0.6):
            kg = round(p.int(150, 2400) / 1000, 3)
            out.append(Item(name, kg, price, round(kg * price, 2), weighed=True))
        elif p.chance(0.35):
            q = p.int(2, 6)
            out.append(Item(name, q, price, round(q * price, 2)))
        else:
            out.append(Item(name, 1, None, price))
    return out


def _time(t: dt.time, form: str) -> str:
    h12 = t.hour % 12 or 12
    return form.format(H=f"{t.hour:02d}", M=f"{t.minute:02d}", S=f"{t.second:02d}", h=h12, hh=f"{h12:02d}",
                       AP="PM" if t.hour >= 12 else "AM", ap="pm" if t.hour >= 12 else "am")


class Roll:
    """Lines down a narrow page: left text, right-aligned amounts, centred headings."""

    def __init__(self, sheet: Sheet, size: float, mono: bool) -> None:
        self.sheet, self.size, self.mono = sheet, size, mono
        self.x0, self.x1 = 12.0, sheet.width - 12.0
        self.y = 30.0

    def skip(self, k: float = 0.6) -> None:
        self.y += self.size * k

    def row(self, left: list[Seg], right: list[Seg] | None = None, center: bool = False, size: float | None = None,
            indent: float = 0.0) -> None:
        size = size or self.size
        self.y += size * 1.35
        if center:
            self.sheet.line(self.sheet.width / 2, self.y, left, size=size, align="center")
        else:
            self.sheet.line(self.x0 + indent, self.y, left, size=size)
        if right:
            self.sheet.line(self.x1, self.y, right, size=size, align="right")

    def rule(self) -> None:
        self.y += self.size * 0.7
        if self.mono:
            n = int((self.x1 - self.x0) / width("-", self.sheet.font(), self.size))
            self.sheet.text(self.x0, self.y + self.size * 0.3, "-" * n, size=self.size, gray=0.3)
        else:
            self.sheet.hline(self.x0, self.x1, self.y, 0.5, 0.3)


def build(p: Pick) -> Case:
    c = locales.country(p)
    mono = p.chance(0.5)
    face = p.pick(MONO_FACES if mono else FACES)
    sheet = Sheet(face, (p.pick([204.0, 226.0, 190.0, 240.0]), 2000.0))
    size = p.pick([7.5, 8.0, 8.5, 7.0])
    roll = Roll(sheet, size, mono)
    def num(v: float) -> str:
        return locales.number(v, c)

    merchant = f"{p.pick(people.TRADE_WORDS)} {p.pick(SHOPS)}"
    where = locales.address(p, c)
    phone = locales.phone(p, c) if p.chance(0.75) else None
    number = locales.fill(p, p.pick(NUMBERS)) if p.chance(0.8) else None
    day = locales.some_date(p)
    moment = dt.time(p.int(7, 22), p.int(0, 59), p.int(0, 59)) if p.chance(0.85) else None
    items = _items(p, p.int(1, 12))
    tax_form = p.pick(TAX_FORMS)
    label, rate = locales.sales_tax(p, c)
    goods = round(sum(i.total for i in items), 2)
    if tax_form in ("line", "line_rate"):
        subtotal, tax = goods, round(goods * rate / 100, 2)
        total_before_tip = round(goods + tax, 2)
    elif tax_form == "none":
        subtotal, tax, total_before_tip = (goods if p.chance(0.5) else None), None, goods
    else:  # the prices include the tax
        tax = round(goods - goods / (1 + rate / 100), 2)
        subtotal = None
        total_before_tip = goods
    tip = round(total_before_tip * p.pick([0.1, 0.15, 0.18, 0.2, 0.12]), 2) if "Bistro" in merchant or \
        ("Noodle" in merchant and p.chance(0.7)) or p.chance(0.08) else None
    total = round(total_before_tip + (tip or 0), 2)
    method = p.pick(list(words.PAYMENTS))
    card = p.digits(4) if method in ("credit_card", "debit_card") and p.chance(0.85) else None
    expected = {
        "merchant_name": merchant, "merchant_address": where.expected(), "merchant_phone": phone,
        "receipt_number": number, "date": day.isoformat(), "time": f"{moment.hour:02d}:{moment.minute:02d}"
        if moment else None,
        "items": [{"description": i.description, "quantity": i.quantity, "unit_price": i.unit_price,
                   "total_price": i.total} for i in items],
        "subtotal": subtotal, "tax": tax, "tip": tip, "total": total, "payment_method": method,
        "card_last_four": card,
    }

    center = p.chance(0.6)
    head_case = p.pick(["upper", "as_is", "upper", "title"])
    shown = merchant.upper() if head_case == "upper" else merchant
    expected["merchant_name"] = shown
    roll.row([Seg(shown, "merchant_name", True)], center=center, size=size * 1.45)
    roll.skip(0.3)
    for line in locales.address_lines(where, c, "merchant_address"):
        roll.row(line, center=center)
    if phone:
        roll.row([Seg(p.pick(words.RECEIPT["phone"]) + " "), Seg(phone, "merchant_phone")], center=center)
    if p.chance(0.4):
        tax_label, tax_value = locales.tax_id(p, c)
        roll.row([Seg(f"{tax_label} {tax_value}")], center=center)
    roll.rule()
    date_text = locales.fmt_date(day, p.any(c.dates))
    time_text = _time(moment, p.pick(TIME_FORMS)) if moment else None
    if p.chance(0.5) and time_text:
        roll.row([Seg(date_text, "date"), Seg("  "), Seg(time_text, "time")])
    else:
        roll.row([Seg(p.pick(words.RECEIPT["date"]).rstrip(":") + ": "), Seg(date_text, "date")],
                 [Seg(time_text, "time")] if time_text else None)
    if number:
        roll.row([Seg(p.pick(words.RECEIPT["number"]).rstrip(":") + " "), Seg(number, "receipt_number")])
    if p.chance(0.5):
        roll.row([Seg(f"{p.pick(['Till', 'Reg', 'POS', 'Lane'])} {p.int(1, 9)}   "
                      f"{p.pick(['Cashier', 'Server', 'Op', 'Staff'])}: {p.pick(people.GIVEN)}")])
    roll.rule()
    _print_items(p, roll, items, num, c)
    roll.rule()
    _print_totals(p, roll, c, tax_form, label, rate, subtotal, tax, tip, total, goods, num)
    _print_payment(p, roll, method, card, total, num)
    roll.skip(1.0)
    roll.row([Seg(p.pick(words.RECEIPT["thanks"]))], center=True)
    sheet.set_height(roll.y + 30)
    cited = {cite.path for cite in sheet.cites}
    implied = {f"items[{i}].quantity" for i in range(len(items))} - cited
    tags = [f"country:{c.code}", f"rows:{len(items)}", f"tax:{tax_form}", "monospace" if mono else
            "proportional", f"pay:{method}"]
    tags += ["blank_fields"] if None in (phone, number, moment, subtotal, tax, tip, card) else []
    return Case("receipt", "rcp-" + ("mono" if mono else "prop"), "receipt", expected, sheet.cites,
                [pg.size for pg in sheet.pages], sheet.pdf(), tags=tags, unprinted=implied)


def _print_items(p: Pick, roll: Roll, items: list[Item], num, c: Country) -> None:
    form = p.pick(ITEM_FORMS)
    if form == "columns":
        roll.row([Seg(p.pick(["Qty", "QTY", "Qt", "No."]) + "  " + p.pick(["Item", "Description", "Article", "ITEM"]))],
                 [Seg(p.pick(["Amount", "Total", "EUR", "Price"]))])
    for i, item in enumerate(items):
        path = f"items[{i}]"
        qty = (f"{item.quantity:.3f}".replace(".", c.decimal) + " kg") if item.weighed else str(int(item.quantity))
        unit = [Seg(num(item.unit_price), f"{path}.unit_price")] if item.unit_price is not None else []
        total = [Seg(num(item.total), f"{path}.total_price")]
        desc = Seg(item.description, f"{path}.description")
        quantity = Seg(qty, f"{path}.quantity")
        single = item.unit_price is None
        if form in ("qty_first", "columns") and not item.weighed:
            roll.row([quantity, Seg("  " if form == "columns" else " "), desc] if not single or form == "columns"
                     else [desc], total)
            if not single:
                roll.row([Seg("@ "), *unit, Seg(" " + p.pick(["ea", "each", "/ea", ""]))], indent=18)
        elif form == "price_x_qty" and not single:
            roll.row([desc], None)
            roll.row([*unit, Seg(" x "), quantity], total, indent=12)
        elif single:
            roll.row([desc], total)
        elif form in ("qty_below", "plain_only"):
            roll.row([desc], total)
            roll.row([quantity, Seg(" x " if form == "qty_below" else " @ "), *unit], indent=12)
        else:  # at_below
            roll.row([desc], None)
            roll.row([quantity, Seg(" @ "), *unit, Seg("/kg" if item.weighed else "")], total, indent=12)


def _print_totals(p: Pick, roll: Roll, c: Country, tax_form: str, label: str, rate: float, subtotal, tax, tip, total,
                  goods: float, num) -> None:
    r = words.RECEIPT
    if subtotal is not None:
        roll.row([Seg(p.pick(r["subtotal"]))], [Seg(num(subtotal), "subtotal")])
    if tax_form == "line":
        roll.row([Seg(p.pick(r["tax"]))], [Seg(num(tax), "tax")])
    elif tax_form == "line_rate":
        roll.row([Seg(label)], [Seg(num(tax), "tax")])
    if tip is not None:
        roll.row([Seg(p.pick(r["tip"]))], [Seg(num(tip), "tip")])
    roll.row([Seg(p.pick(r["total"]), bold=True)], [Seg(num(total), "total", True)], size=roll.size * 1.2)
    if tax_form == "included":
        roll.row([Seg(f"{p.pick(['Incl.', 'Includes', 'incl', 'Inc.'])} {label} ")], [Seg(num(tax), "tax")])
    elif tax_form == "included_total":
        roll.row([Seg(f"{p.pick(['Total includes', 'Price includes', 'This sale includes', 'Included'])} "
                      f"{label.split()[0]} of "), Seg(num(tax), "tax")])
    elif tax_form == "vat_table":
        net = round(goods - tax, 2)
        rate_text = f"{rate:g}%"
        roll.row([Seg(p.pick(["Rate", "VAT %", "Code", "Tax"]) + "  " + p.pick(["Net", "Excl.", "Base", "Nett"]))],
                 [Seg(p.pick(["VAT", "Tax", "MwSt", "GST"]) + "   " + p.pick(["Gross", "Incl.", "Total", "Amt"]))])
        roll.row([Seg(f"{rate_text}  {num(net)}")], [Seg(num(tax), "tax"), Seg("   " + num(goods))])


def _print_payment(p: Pick, roll: Roll, method: str, card: str | None, total: float, num) -> None:
    word = p.pick(words.PAYMENTS[method])
    if method == "cash":
        given = float(int(total) + p.pick([1, 5, 10, 20, 2, 50]))
        roll.row([Seg(word, "payment_method")], [Seg(num(given))])
        roll.row([Seg(p.pick(words.RECEIPT["change"]))], [Seg(num(round(given - total, 2)))])
        return
    roll.row([Seg(word, "payment_method")], [Seg(num(total))])
    if card:
        form = p.pick(words.CARD_DIGITS)
        at = form.index("{d}")
        roll.row([Seg(form[:at]), Seg(card, "card_last_four"), Seg(form[at + 3:])], indent=8)
    if p.chance(0.5):
        roll.row([Seg(f"{p.pick(['AUTH', 'Approval', 'Auth code', 'APPR'])} {p.digits(6)}")], indent=8)
