"""Arrangements shared by the families: labelled fields, party blocks, letterheads, tables, money.

Each `*_STYLES` list is split like every list (develop even positions, frozen odd).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gen.locales import Country, money
from gen.sheet import Seg, Sheet, width

FIELD_STYLES = ["inline", "above", "columns", "strip", "leaders", "grid", "right_labels", "inline_bold"]
PARTY_STYLES = ["heading_above", "bar", "no_heading", "boxed", "heading_left", "heading_inline"]
LETTERHEAD_STYLES = ["left_stack", "single_line", "right_stack", "banner", "center_stack", "name_only"]
TABLE_STYLES = ["grid", "none", "hrules", "header_fill", "zebra", "header_rule"]
HEADER_CASES = ["as_is", "upper", "title", "lower"]


def cased(text: str, case: str) -> str:
    return {"upper": text.upper(), "lower": text.lower(), "title": text.title()}.get(case, text)


# ------------------------------------------------------------------------------------------- money
def currency_mark(text: str, c: Country) -> str | None:
    """The part of a printed amount that names its currency, if it does so unambiguously."""
    if c.currency in text:
        return c.currency
    if c.symbol in text and (c.symbol != "$" or c.code == "US"):
        return c.symbol
    return None


def money_seg(value: float, c: Country, template: str, path: str | None, currency_path: str | None = None,
              bold: bool = False) -> Seg:
    text = money(value, c, template)
    mark = currency_mark(text, c) if currency_path else None
    return Seg(text, path, bold, (mark, currency_path) if mark and currency_path else None)


# ------------------------------------------------------------------------------------------- fields
def fields(sheet: Sheet, x: float, y: float, wide: float, pairs: list[tuple[str, list[Seg]]], style: str,
           size: float = 9.5) -> float:
    """Label / value pairs in one of FIELD_STYLES; returns the baseline below them."""
    if not pairs:
        return y
    step = size * 1.55
    bold_label = style in ("inline_bold", "columns", "grid")
    label_w = max(width(label, sheet.font(bold_label), size) for label, _ in pairs) + 10
    if style in ("inline", "inline_bold"):
        for label, segs in pairs:
            head = Seg(label + " ", bold=style == "inline_bold")
            room = wide - width(head.text, sheet.font(head.bold), size)
            if _width(sheet, segs, size) > room:
                sheet.line(x, y, [head], size=size)
                sheet.line(x + wide - room, y, segs, size=_fit(sheet, segs, size, room))
            else:
                sheet.line(x, y, [head, *segs], size=size)
            y += step
        return y
    if style in ("columns", "right_labels"):
        for label, segs in pairs:
            if style == "columns":
                sheet.text(x, y, label, size=size, bold=True)
            else:
                sheet.text(x + label_w - 6, y, label, size=size, gray=0.3, align="right")
            vx = x + label_w + (2 if style == "right_labels" else 0)
            sheet.line(vx, y, segs, size=_fit(sheet, segs, size, x + wide - vx))
            y += step
        return y
    if style == "leaders":
        for label, segs in pairs:
            value_w = sum(width(s.text, sheet.font(s.bold), size) for s in segs)
            sheet.text(x, y, label, size=size)
            start = x + width(label, sheet.font(), size) + 4
            dots = max(0, int((x + wide - value_w - 4 - start) / width(".", sheet.font(), size)))
            if dots > 2:
                sheet.text(start, y, "." * dots, size=size, gray=0.5)
            sheet.line(x + wide, y, segs, size=size, align="right")
            y += step
        return y
    if style == "grid":
        row_h = size * 1.9
        top = y - size * 1.25
        for label, segs in pairs:
            sheet.rect(x, top, label_w, row_h, stroke=0.4, fill=0.92)
            sheet.rect(x + label_w, top, wide - label_w, row_h, stroke=0.4)
            sheet.text(x + 4, top + row_h * 0.68, label, size=size, bold=True)
            sheet.line(x + label_w + 5, top + row_h * 0.68, segs, size=size)
            top += row_h
        return top + size * 1.25 + 4
    # "above" and "strip": cells across the width, the label small over its value
    needed = max(max(width(label, sheet.font(), size * 0.72), _width(sheet, segs, size)) for label, segs in pairs)
    per_row = max(1, min(len(pairs), int(wide // max(125.0, needed + 14))))
    cell_w = wide / per_row
    cell_h = size * 3.0
    top = y - size
    for i, (label, segs) in enumerate(pairs):
        col, row = i % per_row, i // per_row
        cx, cy = x + col * cell_w, top + row * (cell_h + (2 if style == "strip" else 0))
        if style == "strip":
            sheet.rect(cx, cy, cell_w - 3, cell_h, stroke=0.3, fill=0.96)
        sheet.text(cx + 4, cy + size * 0.95, label, size=size * 0.72, gray=0.35)
        sheet.line(cx + 4, cy + size * 2.25, segs, size=size)
    rows = (len(pairs) + per_row - 1) // per_row
    return top + rows * (cell_h + 2) + size * 1.3


def _width(sheet: Sheet, segs: list[Seg], size: float) -> float:
    return sum(width(s.text, sheet.font(s.bold), size) for s in segs)


def _fit(sheet: Sheet, segs: list[Seg], size: float, room: float) -> float:
    """The size at which `segs` fit in `room` points (never above `size`, never below 6)."""
    wide = _width(sheet, segs, size)
    return size if wide <= room else max(6.0, size * room / wide)


# ------------------------------------------------------------------------------------------- parties
def party(sheet: Sheet, x: float, y: float, wide: float, heading: str | None, lines: list[list[Seg]], style: str,
          size: float = 9.5) -> float:
    """A name-and-address block under a heading; returns the baseline below it."""
    step = size * 1.35
    if style == "no_heading" or heading is None:
        pass
    elif style == "heading_above":
        sheet.text(x, y, heading, size=size * 0.85, bold=True, gray=0.25)
        y += step
    elif style == "bar":
        sheet.rect(x - 3, y - size * 0.95, wide, size * 1.35, stroke=None, fill=0.85)
        sheet.text(x, y, heading, size=size * 0.85, bold=True)
        y += step + 2
    elif style == "heading_inline":
        first, *rest = lines
        sheet.line(x, y, [Seg(heading + " ", bold=True), *first], size=size)
        y += step
        lines = rest
    elif style == "heading_left":
        sheet.text(x, y, heading, size=size * 0.85, bold=True, gray=0.3)
        x += min(wide * 0.35, width(heading, sheet.font(True), size * 0.85) + 12)
    top = y - size * 1.2
    if style == "boxed":
        sheet.text(x, y, heading or "", size=size * 0.8, gray=0.35)
        y += step
    for line in lines:
        sheet.line(x, y, line, size=size)
        y += step
    if style == "boxed":
        sheet.rect(x - 5, top, wide, y - top - size * 0.6, stroke=0.3)
        y += 4
    return y


# ------------------------------------------------------------------------------------------- letterhead
def letterhead(sheet: Sheet, x: float, y: float, wide: float, name: Seg, address: list[list[Seg]],
               extra: list[list[Seg]], style: str, size: float = 9.0) -> float:
    """The issuer's name and address at the head of the page; returns the baseline below it.
    `name_only` prints only the name here: the caller prints the address in the footer."""
    big = size * 1.9
    sep = [Seg("  ·  ")] if style != "banner" else [Seg("  |  ")]
    if style in ("single_line", "banner"):
        if style == "banner":
            sheet.rect(x - 8, y - big * 1.1, wide + 16, big * 1.7 + size * 1.6, stroke=None, fill=0.9)
        sheet.text(x, y, name.text, size=big, bold=True, path=name.path)
        y += big * 0.6 + size * 1.2
        flat: list[Seg] = []
        for i, line in enumerate([*address, *extra]):
            flat += ([*sep] if i else []) + line
        return _flowing(sheet, x, y, wide, flat, size) + size * 0.6
    align = {"right_stack": "right", "center_stack": "center"}.get(style, "left")
    ax = x + wide if align == "right" else x + wide / 2 if align == "center" else x
    sheet.line(ax, y, [Seg(name.text, name.path, True)], size=big, align=align)
    y += big * 0.55 + size * 1.1
    if style == "name_only":
        return y + size * 0.4
    for line in [*address, *extra]:
        sheet.line(ax, y, line, size=size, align=align)
        y += size * 1.3
    return y + size * 0.4


def _flowing(sheet: Sheet, x: float, y: float, wide: float, segs: list[Seg], size: float) -> float:
    return sheet.flow(x, y, wide, segs, size=size, leading=size * 1.3)


def footer_line(sheet: Sheet, segs: list[Seg], size: float = 7.5) -> None:
    """A rule and one centred line at the foot of the page (company details, page numbers)."""
    y = sheet.height - 30
    sheet.hline(40, sheet.width - 40, y - size * 1.4, 0.4, 0.5)
    sheet.line(sheet.width / 2, y, segs, size=size, align="center")


# ------------------------------------------------------------------------------------------- tables
@dataclass
class Col:
    key: str
    header: str
    align: str = "left"
    wide: float = 0.0


Row = dict[str, list[Seg]]


def fit_columns(sheet: Sheet, cols: list[Col], rows: list[Row], total: float, size: float, flex: str) -> None:
    """Give each column its natural width and the flexible column the rest."""
    pad = 10
    for col in cols:
        texts = [width(col.header, sheet.font(True), size)]
        texts += [sum(width(s.text, sheet.font(s.bold), size) for s in r.get(col.key, [])) for r in rows]
        col.wide = max(texts) + pad
    others = sum(c.wide for c in cols if c.key != flex)
    for col in cols:
        if col.key == flex:
            col.wide = max(90.0, total - others)


def table(sheet: Sheet, x: float, y: float, cols: list[Col], rows: list[Row], *, style: str, size: float = 9.0,
          flex: str = "description", bottom: float | None = None,
          new_page: Callable[[], float] | None = None) -> float:
    """Draw a table whose first baseline is `y`; rows past `bottom` go on new pages (new_page() draws
    the page's head and returns where the table resumes), the header repeated. Returns the baseline
    below the table."""
    bottom = bottom or sheet.height - 70
    total = sum(c.wide for c in cols)
    pad = 4
    lead = size * 1.25

    def header(y: float) -> float:
        top = y - size * 1.2
        h = size * 1.9
        if style == "header_fill":
            sheet.rect(x, top, total, h, stroke=None, fill=0.25)
        elif style == "grid":
            sheet.rect(x, top, total, h, stroke=0.2, fill=0.9)
        cx = x
        for col in cols:
            tx = cx + pad if col.align == "left" else cx + col.wide - pad
            sheet.text(tx, y + size * 0.1, col.header, size=size, bold=True, align=col.align,
                       gray=1.0 if style == "header_fill" else 0.0)
            if style == "grid":
                sheet.vline(cx, top, top + h, 0.4)
            cx += col.wide
        if style == "grid":
            sheet.vline(cx, top, top + h, 0.4)
        if style in ("hrules", "header_rule", "zebra", "none"):
            sheet.hline(x, x + total, top + h, 0.9 if style != "none" else 0.0, 0.0 if style != "none" else 1.0)
        return top + h + size * 1.25

    y = header(y)
    for i, row in enumerate(rows):
        n_lines = max(sheet.measure(row.get(c.key, [Seg("")]), c.wide - 2 * pad, size) if c.key == flex else 1
                      for c in cols)
        row_h = (n_lines - 1) * lead + size * 1.6
        if y + row_h > bottom and new_page is not None:
            if style in ("header_rule", "grid"):
                sheet.hline(x, x + total, y - size * 1.25, 0.6)
            y = header(new_page())
        top = y - size * 1.15
        if style == "zebra" and i % 2 == 1:
            sheet.rect(x, top, total, row_h, stroke=None, fill=0.93)
        cx = x
        for col in cols:
            segs = row.get(col.key, [])
            if col.key == flex:
                sheet.flow(cx + pad, y, col.wide - 2 * pad, segs, size=size, leading=lead)
            elif segs:
                tx = cx + pad if col.align == "left" else cx + col.wide - pad
                sheet.line(tx, y, segs, size=size, align=col.align)
            if style == "grid":
                sheet.vline(cx, top, top + row_h, 0.4)
            cx += col.wide
        if style == "grid":
            sheet.vline(cx, top, top + row_h, 0.4)
            sheet.hline(x, x + total, top + row_h, 0.4)
        elif style == "hrules":
            sheet.hline(x, x + total, top + row_h, 0.3, 0.5)
        y += row_h
    if style == "header_rule":
        sheet.hline(x, x + total, y - size * 1.15, 0.9)
    return y + size * 0.4
