"""Payslips (a family the dev set lacks; schemas/payslip.json)."""

from __future__ import annotations

import datetime as dt

from gen import blocks, locales, people, words
from gen.case import Case
from gen.families import commerce
from gen.pick import Pick
from gen.sheet import Seg

LAYOUTS = ["side_by_side", "stacked", "combined", "ytd_columns", "boxed_sections", "summary_first"]


def build(p: Pick) -> Case:
    c = locales.country(p)
    st = commerce.style(p, c)
    layout = p.pick(LAYOUTS)
    employer = people.company(p, c)
    employee = people.person_name(p)
    emp_id = locales.fill(p, p.pick(["E#####", "####", "@@-####", "00#####", "EMP####", "#####@"])) \
        if p.chance(0.8) else None
    monthly = p.chance(0.6)
    end = locales.some_date(p, 2024, 2026)
    if monthly:
        start = end.replace(day=1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        start = end - dt.timedelta(days=p.pick([13, 6, 13, 13, 6, 13]))
    paid = end + dt.timedelta(days=p.pick([0, 3, 1, 5, 0, 2]))
    earnings = []
    if monthly or p.chance(0.3):
        salary = p.pick(["Basic Salary", "Salary", "Monthly Salary", "Base Pay", "Basic Pay", "Salary (fixed)"])
        earnings.append((salary,
                         None, None, p.money(1800, 9000)))
    else:
        hours, rate = float(p.int(30, 80)), p.money(14, 65)
        earnings.append((p.pick(["Regular Hours", "Ordinary Time", "Hours Worked", "Normal Hours", "Regular Pay",
                                 "Standard Hours"]), hours, rate, round(hours * rate, 2)))
    for name in p.picks(words.EARNINGS[2:], p.int(0, 3)):
        if "Overtime" in name or "Night" in name:
            h, r = float(p.int(2, 15)), p.money(20, 90)
            earnings.append((name, h, r, round(h * r, 2)))
        else:
            earnings.append((name, None, None, p.money(40, 900)))
    gross = round(sum(e[3] for e in earnings), 2)
    deductions = [(name, round(gross * p.rng.uniform(0.01, 0.18), 2))
                  for name in p.picks(words.DEDUCTIONS, p.int(2, 5))]
    total_ded = round(sum(d[1] for d in deductions), 2)
    net = round(gross - total_ded, 2)
    ytd = round(gross * (end.month if monthly else end.month * 2 + 1) * p.rng.uniform(0.9, 1.0), 2) \
        if p.chance(0.6) else None
    show_total_ded = p.chance(0.7)
    expected = {"employer_name": employer, "employee_name": employee, "employee_id": emp_id,
                "pay_date": paid.isoformat(),
                "pay_period": {"start_date": start.isoformat(), "end_date": end.isoformat()},
                "currency": c.currency,
                "earnings": [{"description": d, "hours": h, "rate": r, "amount": a} for d, h, r, a in earnings],
                "deductions": [{"description": d, "amount": a} for d, a in deductions],
                "gross_pay": gross, "total_deductions": total_ded if show_total_ded else None, "net_pay": net,
                "ytd_gross": ytd}

    lab = st.label

    def num(v: float) -> str:
        return locales.number(v, c)

    net_seg = blocks.money_seg(net, c, st.money_format, "net_pay", "currency", bold=True)
    meta = [(lab(p.pick(words.PAYSLIP["employee"])), [Seg(employee, "employee_name")])]
    if emp_id:
        meta.append((lab(p.pick(words.PAYSLIP["employee_id"])), [Seg(emp_id, "employee_id")]))
    joiner = p.pick([" - ", " to ", " – ", " until "])
    meta += [(lab(p.pick(words.PAYSLIP["period"])), [Seg(st.date(start), "pay_period.start_date"), Seg(joiner),
                                                     Seg(st.date(end), "pay_period.end_date")]),
             (lab(p.pick(words.PAYSLIP["pay_date"])), [Seg(st.date(paid), "pay_date")])]
    meta += [(lab(p.pick(["Department", "Cost Centre", "Dept.", "Location"])),
              [Seg(p.pick(["Finance", "Warehouse", "R&D", "Sales", "Operations", "Support"]))]),
             (lab(p.pick(["Tax Code", "NI Number", "PAN", "SSN (last 4)", "Tax ID", "Tax class"])),
              [Seg(locales.fill(p, p.pick(["####L", "@@######@", "@@@@@####@", "***-**-####", "##", "###-###-###"])))])]
    if not net_seg.sub:
        meta.append((lab(p.pick(words.INVOICE["currency"])), [Seg(c.currency, "currency")]))
    sheet = commerce.new_sheet(st)
    size = st.body
    x0, x1 = 44.0, sheet.width - 44.0
    y = blocks.letterhead(sheet, x0, 56, x1 - x0, Seg(employer, "employer_name"),
                          locales.address_lines(locales.address(p, c), c, None), [],
                          p.pick(["left_stack", "single_line", "right_stack", "banner", "center_stack"]), size)
    title = blocks.cased(p.pick(words.PAYSLIP["title"]), p.pick(["upper", "as_is"]))
    sheet.text(x0, y + 14, title, size=15, bold=True)
    y = blocks.fields(sheet, x0, y + 40, x1 - x0, meta,
                      st.fields if st.fields != "grid" else "columns", size) + 6
    summary = [(lab(p.pick(words.PAYSLIP["gross"])), [Seg(num(gross), "gross_pay")])]
    if show_total_ded:
        summary.append((lab(p.pick(words.PAYSLIP["deductions_total"])), [Seg(num(total_ded), "total_deductions")]))
    if ytd is not None:
        summary.append((lab(p.pick(words.PAYSLIP["ytd_gross"])), [Seg(num(ytd), "ytd_gross")]))
    summary.append((lab(p.pick(words.PAYSLIP["net"])), [net_seg]))
    if layout == "summary_first":
        y = blocks.fields(sheet, x0, y + 8, x1 - x0, summary, "strip", size) + 4
    e_cols = [blocks.Col("description", blocks.cased(p.pick(words.PAYSLIP["earnings_heading"]), st.header_case)),
              blocks.Col("hours", p.pick(words.PAYSLIP["col_hours"]), "right"),
              blocks.Col("rate", p.pick(words.PAYSLIP["col_rate"]), "right"),
              blocks.Col("amount", p.pick(words.PAYSLIP["col_amount"]), "right")]
    ytd_col = layout == "ytd_columns"
    if ytd_col:
        e_cols.append(blocks.Col("ytd", p.pick(["YTD", "Year to Date", "Cumulative", "To Date"]), "right"))
    e_rows = []
    for i, (desc, h, r, a) in enumerate(earnings):
        path = f"earnings[{i}]"
        row = {"description": [Seg(desc, f"{path}.description")], "amount": [Seg(num(a), f"{path}.amount")]}
        if h is not None:
            row["hours"] = [Seg(locales.number(h, c, 2 if h != int(h) else 0), f"{path}.hours")]
            row["rate"] = [Seg(num(r), f"{path}.rate")]
        if ytd_col:
            row["ytd"] = [Seg(num(a * end.month))]
        e_rows.append(row)
    d_cols = [blocks.Col("description", blocks.cased(p.pick(words.PAYSLIP["deductions_heading"]), st.header_case)),
              blocks.Col("amount", p.pick(words.PAYSLIP["col_amount"]), "right")]
    if ytd_col:
        d_cols.append(blocks.Col("ytd", e_cols[-1].header, "right"))
    d_rows = []
    for i, (desc, a) in enumerate(deductions):
        row = {"description": [Seg(desc, f"deductions[{i}].description")],
               "amount": [Seg(num(a), f"deductions[{i}].amount")]}
        if ytd_col:
            row["ytd"] = [Seg(num(a * end.month))]
        d_rows.append(row)
    if layout == "side_by_side":
        half = (x1 - x0) / 2 - 8
        blocks.fit_columns(sheet, e_cols, e_rows, half, size * 0.95, "description")
        blocks.fit_columns(sheet, d_cols, d_rows, half, size * 0.95, "description")
        ya = blocks.table(sheet, x0, y + 14, e_cols, e_rows, style=st.table, size=size * 0.95)
        yb = blocks.table(sheet, x0 + half + 16, y + 14, d_cols, d_rows, style=st.table, size=size * 0.95)
        y = max(ya, yb)
    elif layout == "combined":
        cols = [*e_cols, blocks.Col("deduction", p.pick(["Deductions", "Less", "Withheld", "Deducted"]), "right")]
        rows = e_rows + [{"description": r["description"], "deduction": r["amount"]} for r in d_rows]
        blocks.fit_columns(sheet, cols, rows, x1 - x0, size, "description")
        y = blocks.table(sheet, x0, y + 14, cols, rows, style=st.table, size=size)
    else:
        for cols, rows in ((e_cols, e_rows), (d_cols, d_rows)):
            if layout == "boxed_sections":
                sheet.rect(x0 - 4, y + 2, x1 - x0 + 8, 4, stroke=None, fill=0.3)
            blocks.fit_columns(sheet, cols, rows, x1 - x0, size, "description")
            y = blocks.table(sheet, x0, y + 16, cols, rows, style=st.table, size=size) + 4
    if layout != "summary_first":
        y = commerce.totals(sheet, st, p.pick(commerce.TOTALS_STYLES), x0, x1, y + 6, summary)
    sheet.text(x0, min(y + 30, sheet.height - 40), p.pick([
        f"Paid by bank transfer to account ending {p.digits(4)}.", "This payslip is confidential.",
        f"Annual leave remaining: {p.int(2, 25)} days",
        f"Payments made on {p.pick(['Friday', 'the last working day'])}."]),
        size=size * 0.85, gray=0.3)
    tags = [f"country:{c.code}", f"layout:{layout}", f"pay:{'monthly' if monthly else 'hourly'}",
            f"font:{st.face.name}"]
    tags += ["blank_fields"] if None in (emp_id, ytd) or not show_total_ded else []
    return Case("payslip", f"pay-{layout}", "payslip", expected, sheet.cites, [pg.size for pg in sheet.pages],
                sheet.pdf(), tags=tags)
