"""Extraction on long, table-heavy filings (issue 22 item 3: >= 10 pages/s on one core, parsing
excluded, and cost that grows linearly with pages).

    python bench/long_documents.py [--pages 10,25,50,100,200] [--repeat 3] [--profile N] [--save DIR]

Builds quarterly-report-like PDFs in the bench (reportlab; the same bytes every time): a cover page
(company, period, units), then statements (operations, balance sheet, cash flows, segments, ...)
whose tables run over several pages under a two-level column header repeated on each page
("Three months ended September 30 | Nine months ended September 30" over "2026 2025 2026 2025"),
section headings, subtotals and figures in parentheses, with pages of prose (the discussion)
between them. The schema is one a user would give for such a filing: the company, the period end,
the units, and an array of statement lines with a label and the four amounts.

Each document is parsed once, untimed; then `assay.pipeline.run.extract_document` on the layout
engine is timed by CPU time (time.process_time, one process: one core), best of --repeat passes,
every memo of the engine emptied before each (`extract_speed.forget`: a document the server has
not read before). Printed per size: pages/s, ms/page, and the growth ratio time(N)/time(smallest)
against N/smallest (1.00 = linear); row recall: the share of the printed statement lines (every
line with figures) that came back with their label and all four amounts right. Prints figures only;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from extract_speed import forget
from machine import describe

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 54.0
LINE = 10.5  # 8-point type, as EDGAR filings print their statements
ROWS_PER_PAGE = 60
AMOUNT_RIGHTS = (360.0, 420.0, 490.0, 550.0)  # right edges of the four amount columns
COMPANY = "Northwind Harbor Holdings, Inc."
PERIOD = "September 30, 2026"

SCHEMA = {
    "type": "object",
    "properties": {
        "company_name": {"type": "string", "description": "Legal name of the reporting company"},
        "period_end": {"type": "string", "format": "date", "description": "Last day of the quarter reported on"},
        "units": {"type": "string", "description": "Units the amounts are stated in (e.g. in thousands)"},
        "statement_lines": {
            "type": "array",
            "description": "Every line of the financial statements that carries amounts",
            "items": {
                "type": "object",
                "properties": {
                    "label": {"type": "string", "description": "Label of the statement line"},
                    "three_months_2026": {"type": "number",
                                          "description": "Three months ended September 30, 2026"},
                    "three_months_2025": {"type": "number",
                                          "description": "Three months ended September 30, 2025"},
                    "nine_months_2026": {"type": "number", "description": "Nine months ended September 30, 2026"},
                    "nine_months_2025": {"type": "number", "description": "Nine months ended September 30, 2025"},
                },
            },
        },
    },
}

STATEMENTS = [
    "Condensed Consolidated Statements of Operations",
    "Condensed Consolidated Statements of Comprehensive Income",
    "Condensed Consolidated Statements of Cash Flows",
    "Revenue by Segment and Geography",
    "Operating Expenses by Function",
    "Selected Quarterly Financial Data",
]
SECTIONS = ["Revenue:", "Cost of revenue:", "Operating expenses:", "Other income (expense):", "Operating activities:",
            "Investing activities:", "Financing activities:", "Segment results:", "Regional results:"]
NOUNS = ["Product", "Services", "Subscription", "Licensing", "Hardware", "Maintenance", "Research and development",
         "Sales and marketing", "General and administrative", "Depreciation", "Amortization of intangibles",
         "Interest income", "Interest expense", "Foreign exchange", "Restructuring", "Stock-based compensation",
         "Deferred income taxes", "Accounts receivable", "Inventories", "Prepaid expenses", "Accrued liabilities",
         "Capital expenditures", "Acquisitions, net of cash", "Repurchases of common stock", "Dividends paid",
         "Proceeds from borrowings", "Repayments of debt", "Cloud platform", "Consumer devices",
         "Enterprise software", "Professional services", "North America", "Europe", "Asia Pacific", "Latin America"]
QUALIFIERS = ["", "", "", ", domestic", ", international", " and other", ", net", " (recurring)", ", hosted",
              ", on premises", ", excluding acquisitions", " attributable to parent", " under long-term contracts",
              ", related parties", ", current portion", ", non-current portion", " and similar charges",
              " of discontinued operations", " of consolidated entities", " before reclassification"]
PROSE_MORE = ("The Company evaluates segment performance on operating income before unallocated corporate costs. "
              "Seasonal demand in the fourth quarter typically lifts hardware shipments, and supply constraints "
              "eased during the period. Foreign currency movements reduced reported growth, chiefly the euro and "
              "the yen against the dollar. Critical accounting estimates include revenue recognition for "
              "multiple-element arrangements, the valuation of goodwill, income tax positions and contingencies. "
              "Forward-looking statements involve risks and uncertainties described under Risk Factors. ")
PROSE = ("Management's discussion of the quarter compares results with the same period of the prior year. "
         "Revenue grew on higher subscription volumes and steady pricing, while cost of revenue rose with "
         "data-centre capacity added during the first half. Operating expenses reflect continued investment in "
         "research and development and the integration of businesses acquired last year. Liquidity remained "
         "strong: cash from operations funded capital expenditures, dividends and share repurchases. "
         "Revenue for the three months ended September 30, 2026 was $4.1 billion, up 12% from $3.7 billion. ")


@dataclass
class Report:
    pdf: bytes
    lines: list[dict] = field(default_factory=list)  # the printed statement lines with figures


def _amount(rng: random.Random) -> float:
    value = round(rng.uniform(50, 98000), 0)
    return -value if rng.random() < 0.15 else value


def _fmt(value: float) -> str:
    text = f"{abs(value):,.0f}"
    return f"({text})" if value < 0 else text


def build(pages: int, seed: int = 22) -> Report:
    """A filing of `pages` pages: a cover, then statements over two to four pages each, each followed
    by one to three pages of prose."""
    from reportlab.pdfgen import canvas

    rng = random.Random(f"{seed}/{pages}")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    report = Report(b"")
    _cover(c)
    page, statement = 1, 0
    while page < pages:
        for _ in range(rng.randint(2, 4)):  # a statement over two to four pages
            if page >= pages:
                break
            c.showPage()
            page += 1
            title = STATEMENTS[statement % len(STATEMENTS)]
            report.lines += _statement_page(c, rng, title + (" (continued)" if _ else ""), page)
        statement += 1
        for _ in range(rng.randint(1, 3)):  # then the discussion or notes
            if page >= pages:
                break
            c.showPage()
            page += 1
            _prose(c, rng, page)
    c.showPage()
    c.save()
    report.pdf = buf.getvalue()
    return report


def _cover(c) -> None:
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 200, COMPANY)
    c.setFont("Helvetica", 12)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 240, "QUARTERLY REPORT ON FORM 10-Q")
    c.drawCentredString(PAGE_W / 2, PAGE_H - 260, f"For the quarterly period ended {PERIOD}")
    c.setFont("Helvetica", 10)
    c.drawString(MARGIN, PAGE_H - 320, "Company name:")
    c.drawString(MARGIN + 110, PAGE_H - 320, COMPANY)
    c.drawString(MARGIN, PAGE_H - 336, "Period ended:")
    c.drawString(MARGIN + 110, PAGE_H - 336, PERIOD)
    c.drawString(MARGIN, PAGE_H - 352, "Units:")
    c.drawString(MARGIN + 110, PAGE_H - 352, "In thousands of U.S. dollars, except per-share amounts")


def _prose(c, rng: random.Random, page: int) -> None:
    c.setFont("Helvetica-Bold", 12)
    c.drawString(MARGIN, PAGE_H - MARGIN, "Management's Discussion and Analysis (continued)")
    c.setFont("Helvetica", 8.5)
    words = ((PROSE + PROSE_MORE) * 8).split()
    rng.shuffle(words)
    y, line = PAGE_H - MARGIN - 2 * LINE, ""
    for w in words:
        if c.stringWidth(f"{line} {w}", "Helvetica", 8.5) > PAGE_W - 2 * MARGIN:
            c.drawString(MARGIN, y, line)
            y, line = y - LINE, w
            if y < MARGIN + 2 * LINE:
                break
        else:
            line = f"{line} {w}".strip()
    c.drawCentredString(PAGE_W / 2, MARGIN / 2, str(page))


def _header(c, y: float) -> float:
    """The two-level column header; returns the baseline of the first body row."""
    c.setFont("Helvetica-Bold", 8)
    for left, right, text in ((AMOUNT_RIGHTS[0] - 45, AMOUNT_RIGHTS[1], "Three months ended"),
                              (AMOUNT_RIGHTS[2] - 45, AMOUNT_RIGHTS[3], "Nine months ended")):
        c.drawCentredString((left + right) / 2, y, text)
        c.drawCentredString((left + right) / 2, y - 11, "September 30,")
        c.line(left, y - 15, right, y - 15)
    for right, year in zip(AMOUNT_RIGHTS, ("2026", "2025", "2026", "2025"), strict=True):
        c.drawRightString(right, y - 26, year)
    c.line(MARGIN, y - 30, PAGE_W - MARGIN, y - 30)
    return y - 30 - LINE


def _label(rng: random.Random) -> str:
    """A statement line's label: tens of thousands of distinct ones, as in a real filing."""
    first = rng.choice(NOUNS)
    if rng.random() < 0.3:
        first = f"{first} and {rng.choice(NOUNS).lower()}"
    return first + rng.choice(QUALIFIERS)


def _statement_page(c, rng: random.Random, title: str, page: int) -> list[dict]:
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN, COMPANY)
    c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN - 15, title)
    c.setFont("Helvetica", 8)
    c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN - 28, "(In thousands, unaudited)")
    y = _header(c, PAGE_H - MARGIN - 52)
    lines: list[dict] = []
    run: list[list[float]] = []
    heading = False
    for _ in range(ROWS_PER_PAGE):
        if y < MARGIN + LINE:
            break
        roll = rng.random()
        if roll < 0.1 and lines and lines[-1]["page"] == page and y > MARGIN + 3 * LINE and not heading:
            c.setFont("Helvetica-Bold", 8)
            c.drawString(MARGIN, y, rng.choice(SECTIONS))
            run, heading = [], True
        else:
            total = roll > 0.9 and len(run) >= 2
            label = f"Total {rng.choice(NOUNS).lower()}" if total else _label(rng)
            while c.stringWidth(label, "Helvetica-Bold", 8) > AMOUNT_RIGHTS[0] - 60 - MARGIN - 10:
                label = _label(rng)  # never printed over the first column of figures
            amounts = [sum(col) for col in zip(*run, strict=True)] if total else [_amount(rng) for _ in range(4)]
            c.setFont("Helvetica-Bold" if total else "Helvetica", 8)
            c.drawString(MARGIN + (0 if total else 10), y, label)
            for right, value in zip(AMOUNT_RIGHTS, amounts, strict=True):
                c.drawRightString(right, y, _fmt(value))
                if total or not run:  # a section's first line and its total carry the currency sign
                    c.drawString(right - 48, y, "$")
            lines.append({"label": label, "amounts": amounts, "page": page, "total": total})
            run, heading = ([] if total else [*run, amounts]), False
        y -= LINE
    c.setFont("Helvetica", 8)
    c.drawCentredString(PAGE_W / 2, MARGIN / 2, str(page))
    return lines


def row_recall(expected: list[dict], result: dict) -> tuple[float, float, int]:
    """(share of printed lines back with label and all four amounts, share of those lines with the
    label alone, rows returned). Matched in order: a label printed twice matches twice."""
    got = result.get("statement_lines") or []
    keys = ("three_months_2026", "three_months_2025", "nine_months_2026", "nine_months_2025")
    pool: dict[str, list[dict]] = {}
    for row in got:
        pool.setdefault(" ".join(str(row.get("label") or "").split()).lower(), []).append(row)
    full = labelled = 0
    for line in expected:
        rows = pool.get(line["label"].lower())
        if not rows:
            continue
        row = rows.pop(0)
        labelled += 1
        full += all(row.get(k) is not None and abs(float(row[k]) - v) < 0.5
                    for k, v in zip(keys, line["amounts"], strict=True))
    n = max(1, len(expected))
    return full / n, labelled / n, len(got)


def _parse(pdf: bytes):
    from assay.parsers import parse_document

    return parse_document(pdf, filename="report.pdf")


def _time(doc, options, repeat: int) -> tuple[float, dict]:
    from assay.pipeline.run import extract_document

    best, result = float("inf"), {}
    for _ in range(repeat):
        forget()
        t0 = time.process_time()
        out = extract_document(doc, options, engine="layout")
        best = min(best, time.process_time() - t0)
        result = out.result
    return best, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="10,25,50,100,200", help="document sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="passes per size; the best is kept")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="print cProfile's N costliest functions over the largest document")
    ap.add_argument("--save", metavar="DIR", help="also write each document, schema and expected lines here")
    a = ap.parse_args(argv)
    from assay.domain.options import ExtractOptions

    os.environ.setdefault("ASSAY_EMBEDDINGS", "on")
    options = ExtractOptions.from_configuration({"data_schema": SCHEMA})
    sizes = [int(s) for s in a.pages.split(",")]
    docs = []
    for n in sizes:
        report = build(n)
        t0 = time.process_time()
        doc = _parse(report.pdf)
        docs.append((n, report, doc, time.process_time() - t0))
        if a.save:
            out = Path(a.save) / f"report_{n:03d}"
            out.mkdir(parents=True, exist_ok=True)
            (out / "document.pdf").write_bytes(report.pdf)
            (out / "schema.json").write_text(json.dumps(SCHEMA, indent=1))
            (out / "lines.json").write_text(json.dumps(report.lines, indent=1))
    _time(docs[0][2], options, 1)  # loads the model and imports every module before anything is timed
    print(f"long filings: two-level headers, statements over pages; best of {a.repeat}, CPU time, one core")
    print(describe())
    print(f"{'pages':>5} {'lines':>6} {'parse s':>8} {'extract s':>9} {'pages/s':>8} {'ms/page':>8} "
          f"{'growth':>7} {'linear':>7} {'rows':>5} {'recall':>7} {'labels':>7}")
    base: tuple[int, float] | None = None
    for n, report, doc, parse_s in docs:
        seconds, result = _time(doc, options, a.repeat)
        base = base or (n, seconds)
        full, labelled, rows = row_recall(report.lines, result)
        print(f"{n:5d} {len(report.lines):6d} {parse_s:8.2f} {seconds:9.2f} {n / seconds:8.1f} "
              f"{1000 * seconds / n:8.1f} {seconds / base[1]:7.2f} {n / base[0]:7.2f} {rows:5d} "
              f"{full:7.3f} {labelled:7.3f}")
        print(f"      scalars: company {result.get('company_name')!r}, period {result.get('period_end')!r}, "
              f"units {result.get('units')!r}")
    if a.profile:
        from assay.pipeline.run import extract_document

        _, _, doc, _ = docs[-1]
        forget()
        prof = cProfile.Profile(time.process_time)
        prof.enable()
        extract_document(doc, options, engine="layout")
        prof.disable()
        stats = pstats.Stats(prof)
        stats.sort_stats("tottime").print_stats(a.profile)
        stats.sort_stats("cumulative").print_stats(a.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
