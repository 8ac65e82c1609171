"""What invoices, purchase orders and delivery notes share: parties, line items, the page frame."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gen import blocks, locales, people, words
from gen.blocks import Col, Row
from gen.locales import Address, Country
from gen.pick import Pick
from gen.sheet import A4, FACES, LETTER, Face, Seg, Sheet, width

DESCRIPTION_TAILS = ["as per quotation", "(delivered to site B)", "- see attached schedule",
                     "incl. mounting kit", "(rush order)", "- phase 2", "per spec. rev. C", "(replacement)"]


@dataclass
class Party:
    name: str
    address: Address

    def expected(self) -> dict:
        return {"name": self.name, "address": self.address.expected()}

    def lines(self, c: Country, path: str | None, name_bold: bool = True) -> list[list[Seg]]:
        name = Seg(self.name, f"{path}.name" if path else None, name_bold)
        return [[name], *locales.address_lines(self.address, c, f"{path}.address" if path else None)]


def party(p: Pick, c: Country, person_ok: bool = False) -> Party:
    name = people.person_name(p) if person_ok and p.chance(0.25) else people.company(p, c)
    return Party(name, locales.address(p, c))


@dataclass
class Style:
    """One document's look: chosen once, used throughout."""

    face: Face
    size: tuple[float, float]
    label_case: str
    label_end: str
    fields: str
    parties: str
    letterhead: str
    table: str
    header_case: str
    date_format: str
    money_format: str
    body: float  # font size

    def label(self, text: str) -> str:
        return words.styled(text, self.label_case, self.label_end)

    def date(self, d: dt.date | None) -> str:
        return locales.fmt_date(d, self.date_format) if d else ""


def style(p: Pick, c: Country) -> Style:
    return Style(face=p.pick(FACES), size=p.pick([LETTER, A4]), label_case=p.pick(words.LABEL_CASE),
                 label_end=p.pick(words.LABEL_END), fields=p.pick(blocks.FIELD_STYLES),
                 parties=p.pick(blocks.PARTY_STYLES), letterhead=p.pick(blocks.LETTERHEAD_STYLES),
                 table=p.pick(blocks.TABLE_STYLES), header_case=p.pick(blocks.HEADER_CASES),
                 date_format=p.any(c.dates), money_format=p.any(c.money), body=p.pick([9.0, 8.5, 9.5, 10.0]))


@dataclass
class Line:
    code: str | None
    description: str
    quantity: float
    unit: str
    unit_price: float
    amount: float


def lines(p: Pick, n: int, with_codes: bool, fractional: bool = False) -> list[Line]:
    code_style = p.pick(people.CODE_STYLES)
    out = []
    for good in people.goods(p, n):
        desc = good.description
        if p.chance(0.2):
            desc = f"{desc} {p.pick(DESCRIPTION_TAILS)}"
        qty: float = p.int(1, 12) if good.high > 100 else p.int(1, 250)
        if fractional and p.chance(0.3):
            qty = round(p.int(2, 40) / 4, 2)
        price = p.money(good.low, good.high)
        out.append(Line(people.item_code(p, code_style) if with_codes else None, desc, qty, good.unit, price,
                        round(qty * price, 2)))
    return out


def quantity_text(q: float, c: Country) -> str:
    return str(int(q)) if q == int(q) else locales.number(q, c, 2 if q * 100 % 10 else 1)


def item_rows(items: list[Line], order: list[str], c: Country, st: Style, path: str, keys: dict[str, str],
              cell_money: bool) -> list[Row]:
    """Table rows; `keys` maps column keys to the schema's field names (absent: not cited)."""
    rows = []
    for i, item in enumerate(items):
        def cite(col: str, i: int = i) -> str | None:
            return f"{path}[{i}].{keys[col]}" if col in keys else None

        def amount(value: float, col: str) -> list[Seg]:
            if cell_money:
                return [blocks.money_seg(value, c, st.money_format, cite(col))]
            return [Seg(locales.number(value, c), cite(col))]

        cells = {"code": [Seg(item.code or "", cite("code"))],
                 "description": [Seg(item.description, cite("description"))],
                 "quantity": [Seg(quantity_text(item.quantity, c), cite("quantity"))],
                 "unit": [Seg(item.unit, cite("unit"))], "unit_price": amount(item.unit_price, "unit_price"),
                 "amount": amount(item.amount, "amount"), "line_no": [Seg(str(i + 1))]}
        rows.append({k: cells[k] for k in order})
    return rows


def columns(p: Pick, order: list[str], st: Style, headers: dict[str, list[str]]) -> list[Col]:
    out = []
    for key in order:
        align = "right" if key in ("quantity", "unit_price", "amount", "line_no") else "left"
        out.append(Col(key, blocks.cased(p.pick(headers[key]), st.header_case), align))
    return out


def new_sheet(st: Style) -> Sheet:
    return Sheet(st.face, st.size)


def running_head(sheet: Sheet, st: Style, segs: list[Seg]) -> float:
    """Start a continuation page: a small head line; returns where content resumes."""
    sheet.new_page()
    sheet.line(40, 40, segs, size=st.body * 0.9)
    sheet.text(sheet.width - 40, 40, f"Page {sheet.page}", size=st.body * 0.8, align="right", gray=0.3)
    sheet.hline(40, sheet.width - 40, 47, 0.4, 0.5)
    return 75.0


def pairs_right(sheet: Sheet, x_label: float, x_value: float, y: float, pairs: list[tuple[str, list[Seg]]],
                size: float, bold_last: bool = True) -> float:
    widest = max((sum(width(s.text, sheet.font(True), size) for s in segs) for _, segs in pairs), default=0.0)
    x_label = min(x_label, x_value - widest - 14)
    for i, (label, segs) in enumerate(pairs):
        last = bold_last and i == len(pairs) - 1
        if last:
            sheet.hline(x_label - 60, x_value, y - size * 1.2, 0.6)
        sheet.text(x_label, y, label, size=size, align="right", bold=last)
        sheet.line(x_value, y, [Seg(s.text, s.path, last, s.sub) for s in segs], size=size, align="right")
        y += size * 1.6
    return y


TOTALS_STYLES = ["stack_right", "strip", "big_box", "leaders", "stack_left", "above_row"]


def totals(sheet: Sheet, st: Style, kind: str, x0: float, x1: float, y: float,
           pairs: list[tuple[str, list[Seg]]]) -> float:
    """The summary figures under a table, in one of TOTALS_STYLES (the last pair is the total)."""
    size = st.body
    if kind == "stack_right":
        return pairs_right(sheet, x1 - 90, x1, y + 6, pairs, size)
    if kind == "stack_left":
        return blocks.fields(sheet, x0, y + 6, min(260, x1 - x0), pairs, "columns", size)
    if kind == "leaders":
        return blocks.fields(sheet, x1 - 250, y + 6, 250, pairs, "leaders", size)
    if kind in ("strip", "above_row"):
        return blocks.fields(sheet, x0 if kind == "strip" else x1 - 130 * len(pairs), y + 14,
                             x1 - x0 if kind == "strip" else 130 * len(pairs), pairs,
                             "strip" if kind == "strip" else "above", size)
    # big_box: the smaller figures stacked, the total large in a box
    y = pairs_right(sheet, x1 - 90, x1, y + 6, pairs[:-1], size, bold_last=False)
    label, segs = pairs[-1]
    box_w = max(230.0, width(label, sheet.font(True), size) + sum(width(s.text, sheet.font(True), size * 1.5)
                                                                  for s in segs) + 30)
    sheet.rect(x1 - box_w, y - 4, box_w, size * 3.2, stroke=0.0, fill=0.95, width_pt=1.2)
    sheet.text(x1 - box_w + 8, y + size * 1.9, label, size=size, bold=True)
    sheet.line(x1 - 8, y + size * 2.0, [Seg(s.text, s.path, True, s.sub) for s in segs], size=size * 1.5,
               align="right")
    return y + size * 3.6


LAYOUTS = ["classic", "sidebar_left", "two_column", "footer_issuer", "sidebar_right", "meta_strip"]


@dataclass
class Doc:
    """What a commercial document prints; `compose` lays it out in one of LAYOUTS."""

    title: str
    issuer: Seg  # the issuer's name, cited
    issuer_lines: list[list[Seg]]  # address, tax id, phone
    issuer_heading: str  # used where the issuer is printed as a party block
    meta: list[tuple[str, list[Seg]]]
    parties: list[tuple[str, list[list[Seg]]]]
    cols: list[Col]
    rows: list[Row]
    totals: list[tuple[str, list[Seg]]]
    head_again: list[Seg]  # the running head of continuation pages
    note: str | None = None


def compose(p: Pick, st: Style, layout: str, doc: Doc) -> Sheet:
    sheet = new_sheet(st)
    size = st.body
    m = p.pick([40.0, 50.0, 36.0, 56.0])
    x0, x1 = m, sheet.width - m

    def parties(x: float, y: float, wide: float) -> float:
        if not doc.parties:
            return y
        each = wide / len(doc.parties)
        ends = [blocks.party(sheet, x + i * each, y, each - 12, heading, lines, st.parties, size)
                for i, (heading, lines) in enumerate(doc.parties)]
        return max(ends) + 8

    def head(x: float, y: float, wide: float, style: str) -> float:
        return blocks.letterhead(sheet, x, y, wide, doc.issuer, doc.issuer_lines,
                                 [], style, size)

    main_x0, main_x1 = x0, x1
    if layout == "classic":
        y = head(x0, 60, (x1 - x0) * 0.55, st.letterhead if st.letterhead != "name_only" else "left_stack")
        sheet.text(x1, 62, doc.title, size=20, bold=True, align="right")
        ym = blocks.fields(sheet, x1 - 230, 92, 230, doc.meta, _narrow(st.fields), size)
        y = parties(x0, max(y, ym) + 14, x1 - x0)
    elif layout == "two_column":
        sheet.text(x0, 58, doc.title, size=22, bold=True)
        yv = blocks.party(sheet, x0, 92, (x1 - x0) / 2 - 10, doc.issuer_heading,
                          [[Seg(doc.issuer.text, doc.issuer.path, True)], *doc.issuer_lines], st.parties, size)
        ym = blocks.fields(sheet, x0 + (x1 - x0) / 2 + 10, 96, (x1 - x0) / 2 - 10, doc.meta, _narrow(st.fields), size)
        y = parties(x0, max(yv, ym) + 12, x1 - x0)
    elif layout in ("sidebar_left", "sidebar_right"):
        side_w = 165.0
        sx = x0 if layout == "sidebar_left" else x1 - side_w
        main_x0, main_x1 = (x0 + side_w + 18, x1) if layout == "sidebar_left" else (x0, x1 - side_w - 18)
        sheet.rect(sx - 6, 36, side_w + 6, sheet.height - 100, stroke=None, fill=0.95)
        ys = blocks.fields(sheet, sx, 70, side_w - 8, doc.meta, "above" if p.chance(0.5) else "inline", size * 0.95)
        for heading, lines in doc.parties:
            ys = blocks.party(sheet, sx, ys + 12, side_w - 8, heading, lines, "heading_above", size * 0.95)
        y = head(main_x0, 60, main_x1 - main_x0, "left_stack" if st.letterhead == "name_only" else st.letterhead)
        sheet.text(main_x0, y + 18, doc.title, size=18, bold=True)
        y += 46
    elif layout == "footer_issuer":
        sheet.text(sheet.width / 2, 58, doc.title, size=20, bold=True, align="center")
        sheet.text(x0, 92, doc.issuer.text, size=size * 1.5, bold=True, path=doc.issuer.path)
        blocks.footer_line(sheet, locales.one_line([[doc.issuer], *doc.issuer_lines], " | "), size * 0.8)
        y = blocks.fields(sheet, x0, 122, x1 - x0, doc.meta, "strip", size)
        y = parties(x0, y + 8, x1 - x0)
    else:  # meta_strip
        y = head(x0, 56, x1 - x0, "single_line")
        sheet.text(x0, y + 14, doc.title, size=16, bold=True)
        y = blocks.fields(sheet, x0, y + 40, x1 - x0, doc.meta, "strip" if p.chance(0.5) else "above", size)
        y = parties(x0, y + 6, x1 - x0)

    blocks.fit_columns(sheet, doc.cols, doc.rows, main_x1 - main_x0, size, "description")

    def next_page() -> float:
        return running_head(sheet, st, doc.head_again)

    y = blocks.table(sheet, main_x0, y + 10, doc.cols, doc.rows, style=st.table, size=size, new_page=next_page,
                     bottom=sheet.height - 150)
    if doc.totals:
        if y > sheet.height - 170:
            y = next_page()
        y = totals(sheet, st, p.pick(TOTALS_STYLES), main_x0, main_x1, y, doc.totals)
    if doc.note and y < sheet.height - 90:
        sheet.flow(main_x0, y + 16, main_x1 - main_x0, [Seg(doc.note)], size=size * 0.85)
    return sheet


def _narrow(style: str) -> str:
    """Field styles that fit a column about 230 points wide."""
    return style if style not in ("strip", "above") else "columns"
