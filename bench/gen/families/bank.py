"""Bank statements, scored per document and per transaction row (the dev set's two schemas)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from gen import blocks, locales, people, words
from gen.case import Case
from gen.families import commerce
from gen.locales import Country
from gen.pick import Pick
from gen.sheet import Cite, Seg

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF")
BANK_WORDS = ["Bank", "Savings Bank", "Building Society", "Credit Union", "Bancorp", "Trust Bank", "Co-operative Bank",
              "Sparkasse"]
AMOUNT_FORMS = ["split", "signed", "drcr", "paren", "split_value_date", "trailing_minus"]
DATE_FORMS = ["full", "short", "day_groups", "iso"]
SUMMARY_FORMS = ["strip", "stack", "none", "table", "sentence", "stack"]
ROW_COUNTS = [18, 35, 60, 25, 90, 14, 120, 45]


@dataclass
class Txn:
    day: dt.date
    description: str
    amount: float
    balance: float
    shown_balance: bool = True


def _transactions(p: Pick, start: dt.date, end: dt.date, opening: float, n: int) -> list[Txn]:
    days = sorted(start + dt.timedelta(days=p.int(0, (end - start).days)) for _ in range(n))
    balance = opening
    out = []
    for day in days:
        credit = p.chance(0.3)
        amount = p.money(200, 4200) if credit and p.chance(0.4) else p.money(2, 380)
        amount = amount if credit else -amount
        balance = round(balance + amount, 2)
        desc = p.pick(words.BANK_IN if credit else words.BANK_OUT)
        if p.chance(0.25):
            desc += f" REF {p.digits(9)}"
        out.append(Txn(day, desc, amount, balance))
    return out


def build(p: Pick, per_row: bool) -> Case:
    c = locales.country(p, CURRENCIES)
    st = commerce.style(p, c)
    bank = f"{p.pick(people.TRADE_WORDS)} {p.pick(BANK_WORDS)}"
    holder = people.person_name(p).upper() if p.chance(0.5) else people.person_name(p)
    holder_address = locales.address(p, c)
    start = locales.some_date(p, 2024, 2026).replace(day=1) if p.chance(0.7) else locales.some_date(p, 2024, 2026)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) \
        if start.day == 1 else start + dt.timedelta(days=30)
    opening = p.money(2500, 15000)
    txns = _transactions(p, start, end, opening, p.pick(ROW_COUNTS))
    closing = txns[-1].balance
    amount_form, date_form, summary_form = p.pick(AMOUNT_FORMS), p.pick(DATE_FORMS), p.pick(SUMMARY_FORMS)
    per_day = p.chance(0.35)
    if per_day:
        for a, b in itertools.pairwise(txns):
            a.shown_balance = a.day != b.day
    credits = round(sum(t.amount for t in txns if t.amount > 0), 2)
    debits = round(-sum(t.amount for t in txns if t.amount < 0), 2)
    account = _account_number(p, c)
    prefix = "" if per_row else "transactions"

    lab = st.label
    sheet = commerce.new_sheet(st)
    size = st.body * 0.95
    x0, x1 = 42.0, sheet.width - 42.0
    y = blocks.letterhead(sheet, x0, 52, x1 - x0, Seg(bank, None if per_row else "bank_name"),
                          [locales.one_line(locales.address_lines(locales.address(p, c, False), c, None), ", ")],
                          [], p.pick(["left_stack", "single_line", "right_stack", "banner"]), size)
    title = blocks.cased(p.pick(words.BANK["title"]), p.pick(["as_is", "upper"]))
    sheet.text(x0, y + 12, title, size=15, bold=True)
    holder_lines = [[Seg(holder, None if per_row else "account_holder", True)],
                    *locales.address_lines(holder_address, c, None)]
    yl = blocks.party(sheet, x0, y + 40, 230, lab(p.pick(words.BANK["holder"])).rstrip(":"), holder_lines,
                      p.pick(["no_heading", "heading_above", "boxed", "heading_above"]), size)
    fmt = p.any(c.dates)
    period = _period_segs(p, start, end, fmt, per_row)
    meta = [(lab(p.pick(words.BANK["number"])), [Seg(account, None if per_row else "account_number")]),
            (lab(p.pick(words.BANK["period"])), period)]
    if p.chance(0.6):
        meta.append((lab(p.pick(words.INVOICE["currency"])), [Seg(c.currency, None if per_row else "currency")]))
    else:
        sheet.line(x0 + 260, y + 12, [Seg(c.currency, None if per_row else "currency"), Seg(" " + p.pick(
            ["Current Account", "Everyday Account", "Checking", "Business Account"]))], size=size)
    ym = blocks.fields(sheet, x0 + 260, y + 44, x1 - x0 - 260, meta, p.pick(["columns", "inline", "right_labels",
                                                                            "grid"]), size)
    y = max(yl, ym) + 10
    money_cols = "split" in amount_form
    if not per_row:
        summary = [(lab(p.pick(words.BANK["opening"])), [Seg(locales.number(opening, c), "opening_balance")])]
        if summary_form != "none":
            summary += [(lab(p.pick(words.BANK["credits"])), [Seg(locales.number(credits, c), "total_credits")]),
                        (lab(p.pick(words.BANK["debits"])), [Seg(locales.number(debits, c), "total_debits")])]
        summary.append((lab(p.pick(words.BANK["closing"])), [Seg(locales.number(closing, c), "closing_balance")]))
        style = {"strip": "strip", "stack": "leaders", "table": "grid", "sentence": "inline", "none": "columns"}
        y = blocks.fields(sheet, x0, y + 8, x1 - x0 if summary_form == "strip" else 300, summary,
                          style[summary_form], size) + 6
    expected_rows = [{"date": t.day.isoformat(), "description": t.description, "amount": t.amount,
                      "balance": t.balance if t.shown_balance else None} for t in txns]

    keys = ["date", "value_date", "description", "debit", "credit", "balance"] if amount_form == "split_value_date" \
        else ["date", "description", "debit", "credit", "balance"] if money_cols \
        else ["date", "description", "amount", "balance"]
    if date_form == "day_groups":
        keys.remove("date")
        if "value_date" in keys:
            keys.remove("value_date")
    headers = {"date": words.BANK["col_date"], "value_date": ["Value Date", "Valuta", "Val. Date", "Value"],
               "description": words.BANK["col_desc"], "debit": words.BANK["col_debit"],
               "credit": words.BANK["col_credit"], "amount": words.BANK["col_amount"],
               "balance": words.BANK["col_balance"]}
    cols = []
    for key in keys:
        header = blocks.cased(p.pick(headers[key]), st.header_case)
        cols.append(blocks.Col(key, header, "left" if key in ("date", "value_date", "description") else "right"))
    short = p.any(c.short_dates)
    rows: list[blocks.Row] = []
    if p.chance(0.6):
        forward = {k: [Seg("")] for k in keys}
        forward["description"] = [Seg(p.pick(words.BANK["forward"]), bold=True)]
        forward["balance"] = [Seg(locales.number(opening, c), None if per_row else "opening_balance")]
        rows.append(forward)
    group = None
    groups: dict[str, list[str]] = {}  # a day heading's cite path → the date paths of its rows
    for i, t in enumerate(txns):
        path = f"{prefix}[{i}]"
        if date_form == "day_groups" and t.day != group:
            group = t.day
            heading_form = p.pick(["{Month} {d}, {yyyy}", "{d} {Month} {yyyy}", fmt, "{dd}.{mm}.{yyyy}"])
            text = locales.fmt_date(t.day, heading_form)
            heading = f"_day{len(groups)}"
            groups[heading] = []
            rows.append({k: [Seg("")] for k in keys} | {"description": [Seg(text, heading, True)]})
        row: blocks.Row = {}
        if "date" in keys:
            shown = {"short": short, "iso": "{yyyy}-{mm}-{dd}"}.get(date_form, fmt)
            row["date"] = [Seg(locales.fmt_date(t.day, shown), f"{path}.date")]
        if "value_date" in keys:
            row["value_date"] = [Seg(locales.fmt_date(t.day + dt.timedelta(days=p.int(0, 2)), short))]
        row["description"] = [Seg(t.description, f"{path}.description")]
        text = _amount_text(abs(t.amount), t.amount < 0, amount_form, c)
        if money_cols:
            row["debit" if t.amount < 0 else "credit"] = [Seg(text, f"{path}.amount")]
        else:
            row["amount"] = [Seg(text, f"{path}.amount")]
        if t.shown_balance:
            row["balance"] = [Seg(locales.number(t.balance, c), f"{path}.balance")]
        if date_form == "day_groups":
            groups[f"_day{len(groups) - 1}"].append(f"{path}.date")
        rows.append(row)
    tail = {k: [Seg("")] for k in keys} | {
        "description": [Seg(p.pick(words.BANK["closing"]), bold=True)],
        "balance": [Seg(locales.number(closing, c), None if per_row else "closing_balance", True)]}
    rows.append(tail)
    blocks.fit_columns(sheet, cols, rows, x1 - x0, size, "description")

    def next_page() -> float:
        return commerce.running_head(sheet, st, [Seg(bank, None if per_row else "bank_name", True),
                                                 Seg(f"  {account}")])

    blocks.table(sheet, x0, y + 16, cols, rows, style=st.table, size=size, new_page=next_page,
                 bottom=sheet.height - 60)
    cites = _day_dates(sheet.cites, groups)
    expected: object
    config: dict = {}
    if per_row:
        expected = expected_rows
        if sheet.page > 2 and p.chance(0.5):
            keep = p.int(1, sheet.page - 1)
            config["target_pages"] = f"1-{keep}" if keep > 1 else "1"
            expected, cites = _only_pages(expected_rows, cites, set(range(1, keep + 1)))
        config["extraction_target"] = "per_table_row"
    else:
        expected = {"bank_name": bank, "account_holder": holder, "account_number": account, "currency": c.currency,
                    "statement_period": {"start_date": start.isoformat(), "end_date": end.isoformat()},
                    "opening_balance": opening, "closing_balance": closing,
                    "total_credits": credits if summary_form != "none" else None,
                    "total_debits": debits if summary_form != "none" else None,
                    "transactions": expected_rows}
    tags = [f"country:{c.code}", f"amounts:{amount_form}", f"rowdate:{date_form}", f"summary:{summary_form}",
            f"rows:{len(txns)}", f"table:{st.table}", f"font:{st.face.name}"]
    tags += ["balance_per_day"] if per_day else []
    tags += ["dates_without_year"] if date_form == "short" else []
    tags += ["multi_page"] if sheet.page > 1 else []
    tags += ["target_pages"] if "target_pages" in config else []
    return Case("bank_statement", f"bank-{amount_form}", "bank_statement_rows" if per_row else "bank_statement",
                expected, cites, [pg.size for pg in sheet.pages], sheet.pdf(), config=config, tags=tags)


def _account_number(p: Pick, c: Country) -> str:
    if c.code in ("DE", "NL", "AT", "BE", "FR", "IE", "CH"):
        return f"{c.code}{p.digits(2)} " + " ".join(p.digits(4) for _ in range(4)) + f" {p.digits(2)}"
    return locales.fill(p, p.pick(["****####", "########", "XXXX-XXXX-####", "###-#####-#", "#### #### ####",
                                   "...####"]))


def _period_segs(p: Pick, start: dt.date, end: dt.date, fmt: str, per_row: bool) -> list[Seg]:
    def path(key: str) -> str | None:
        return None if per_row else f"statement_period.{key}"
    joiner = p.pick([" - ", " to ", " – ", " through ", " — ", " until "])
    if start.year == end.year and p.chance(0.35):  # "1 March to 31 March 2026": the year printed once
        first = locales.fmt_date(start, p.pick(["{d} {Month}", "{Month} {d}", "{d} {Mon}", "{Mon} {d}"]))
        return [Seg(first, path("start_date")), Seg(joiner), Seg(locales.fmt_date(end, fmt), path("end_date"))]
    return [Seg(locales.fmt_date(start, fmt), path("start_date")), Seg(joiner),
            Seg(locales.fmt_date(end, fmt), path("end_date"))]


def _amount_text(value: float, debit: bool, form: str, c: Country) -> str:
    text = locales.number(value, c)
    if form in ("split", "split_value_date"):
        return text
    if form == "signed":
        return f"-{text}" if debit else text
    if form == "drcr":
        return f"{text} {'DR' if debit else 'CR'}"
    if form == "paren":
        return f"({text})" if debit else text
    return f"{text}-" if debit else text


def _day_dates(cites: list[Cite], groups: dict[str, list[str]]) -> list[Cite]:
    """A row under a day heading has its date printed only in the heading: cite the heading for it."""
    out = []
    for cite in cites:
        if cite.path in groups:
            out += [Cite(path, cite.page, cite.text, cite.lines) for path in groups[cite.path]]
        else:
            out.append(cite)
    return out


def _only_pages(rows: list[dict], cites: list[Cite], pages: set[int]) -> tuple[list[dict], list[Cite]]:
    """The rows whose cells print on `pages`, renumbered, with their citations."""
    on_page = {}
    for cite in cites:
        m = re.match(r"\[(\d+)\]\.description$", cite.path)
        if m:
            on_page[int(m.group(1))] = cite.page
    kept = [i for i in range(len(rows)) if on_page.get(i) in pages]
    new_index = {old: new for new, old in enumerate(kept)}
    out = []
    for cite in cites:
        m = re.match(r"\[(\d+)\](\..*)$", cite.path)
        if m and int(m.group(1)) in new_index:
            cite.path = f"[{new_index[int(m.group(1))]}]{m.group(2)}"
            out.append(cite)
    return [rows[i] for i in kept], out
