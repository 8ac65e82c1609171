#!/usr/bin/env python3
"""A quick probe of tables from public reports, in wordings and arrangements written apart from the generalization
generator: a statistical table under a title ("Table 4.2 ..."), with a source note under it, whose column headers
say what the schema's fields mean in other words ("Residents" for `population`, "Outturn" for `spent`), figures
in other locales' digit groups ("1,234", "1 234", "1.234"), negatives in brackets or with a minus sign, missing
cells printed as "—", "n/a" or "..", headers wrapped over two lines, ruled, shaded or plain, with the columns in
any order, or headed by years ("2023", "2023/24"); read as one array of the document (per_doc) or one result
per row (per_table_row).

    PYTHONPATH=src python bench/report_probe.py 0 60 [-v]     # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/report_probe.py 60 120         # seeds kept for checking: read the first line only

A table's row counts as one field, right only when every value in it is; written on 2026-12-07 (fourth session).
"""

from __future__ import annotations

import io
import random

from probe_score import ListRead, report
from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

# topic: (array name, its description, the row names, the fields as (name, type, description, header wordings,
# (low, high, decimals) of the figures))
TOPICS = {
    "regions": ("regions", "One row per region of the table.",
                ["Northfield", "Eastmoor", "Kingsbridge Vale", "Lower Ashby", "Westhaven", "Crowley Downs",
                 "Marsh End", "Highcliffe", "Old Harbour", "Pennington"],
                [("region", "string", "Name of the region.", ["Region", "Area name", "District", "Territory"], None),
                 ("population", "integer", "Resident population.",
                  ["Population", "Residents", "Inhabitants", "Usual residents"], (8000, 2400000, 0)),
                 ("area_km2", "number", "Land area in square kilometres.",
                  ["Area (km²)", "Land area, km²", "Surface (sq km)", "Size km2"], (12, 9000, 1)),
                 ("households", "integer", "Number of private households.",
                  ["Households", "No. of households", "Private households", "Occupied dwellings"],
                  (3000, 900000, 0))]),
    "budget": ("departments", "Spending of each department against its budget.",
               ["Adult Social Care", "Children's Services", "Highways & Transport", "Libraries", "Waste Collection",
                "Planning", "Parks and Leisure", "Housing", "Public Health"],
               [("department", "string", "The department or service.",
                 ["Department", "Service", "Directorate", "Portfolio"], None),
                ("budget", "number", "Approved budget for the year.",
                 ["Budget", "Approved budget", "Allocation", "Original estimate"], (400, 250000, 0)),
                ("spent", "number", "Actual spending in the year.",
                 ["Actual", "Outturn", "Spent", "Expenditure"], (400, 250000, 0)),
                ("variance", "number", "Actual spending minus budget; negative when under budget.",
                 ["Variance", "Over/(under)", "Difference", "Outturn vs budget"], None)]),
    "energy": ("sources", "Electricity generation by source.",
               ["Onshore wind", "Offshore wind", "Solar PV", "Hydro", "Natural gas", "Nuclear", "Biomass", "Coal"],
               [("source", "string", "The generation technology or fuel.",
                 ["Source", "Technology", "Fuel type", "Generation source"], None),
                ("capacity_mw", "number", "Installed capacity in megawatts.",
                 ["Capacity (MW)", "Installed MW", "MW installed", "Installed capacity"], (20, 30000, 1)),
                ("generation_gwh", "number", "Electricity generated in gigawatt hours.",
                 ["Generation (GWh)", "Output, GWh", "GWh generated", "Electricity produced"], (50, 90000, 1)),
                ("share_percent", "number", "Share of total generation, in percent.",
                 ["Share (%)", "% of total", "Share", "Percent of total"], (0.2, 40, 1))]),
    "schools": ("schools", "One row per school.",
                ["St Anne's Primary", "Riverside Academy", "Holloway High", "Greenacre School", "Bishop's Park",
                 "Maple Lane Infants", "Northgate College", "Sandford Juniors"],
                [("school", "string", "Name of the school.", ["School", "Establishment", "School name", "Institution"],
                  None),
                 ("pupils", "integer", "Number of pupils on roll.", ["Pupils", "Pupils on roll", "Enrolment",
                                                                      "Students"], (90, 2200, 0)),
                 ("teachers", "integer", "Number of teachers (full-time equivalent).",
                  ["Teachers", "Teaching staff", "FTE teachers", "Staff (FTE)"], (6, 160, 0)),
                 ("pass_rate", "number", "Share of pupils reaching the expected standard, percent.",
                  ["Pass rate (%)", "% meeting standard", "Attainment %", "Expected standard"], (30, 99, 1))]),
}
TITLES = ["Table {n}: {what}, {year}", "Table {n}. {what} ({year})", "{what} — {year}", "Figure {n} data: {what}"]
WHAT = {"regions": "Population and households by region", "budget": "Revenue budget monitoring",
        "energy": "Electricity generation by source", "schools": "School census summary", "trend": "Visitors by site"}
NOTES = ["Source: Office for Statistics, annual survey.", "Figures may not sum because of rounding.",
         "Note: provisional figures.", "n/a: not available."]
# (thousands separator, decimal mark)
LOCALES = [(",", "."), (" ", ","), (".", ","), ("", ".")]
MISSING = ["—", "n/a", "..", "-"]
NEGATIVE = ["-{v}", "({v})", "\u2212{v}"]  # a hyphen, brackets, a minus sign
STYLES = ["grid", "plain", "shaded", "wrapped"]


def _trend(r: random.Random) -> tuple:
    """A table of one measure over two years, its columns headed by the years ("2023", "2023/24", "FY 2024"),
    the schema's fields named after the years or as the earlier and the later one."""
    year = r.randint(2015, 2025)
    shape = r.choice(["{y}", "{y}/{n:02d}", "FY {y}"])
    heads = [shape.format(y=y, n=(y + 1) % 100) for y in (year, year + 1)]
    by_year = r.random() < 0.5
    names = [f"visitors_{year}", f"visitors_{year + 1}"] if by_year else ["previous_year", "current_year"]
    said = [f"Visitors in {year}.", f"Visitors in {year + 1}."] if by_year else [
        "Visitors in the earlier year.", "Visitors in the later year."]
    return ("sites", "Visitor numbers by site.",
            ["Castle Museum", "Botanic Garden", "Art Gallery", "Science Centre", "Maritime Museum", "City Zoo",
             "Heritage Railway", "Abbey Ruins"],
            [("site", "string", "Name of the site.", ["Site", "Attraction", "Venue", "Property"], None),
             (names[0], "integer", said[0], [heads[0]], (2000, 900000, 0)),
             (names[1], "integer", said[1], [heads[1]], (2000, 900000, 0)),
             ("change_percent", "number", "Change between the two years, in percent.",
              ["Change (%)", "% change", "Growth %", "Change"], (0.5, 40, 1))])


def _figure(v: float, decimals: int, locale: tuple[str, str]) -> str:
    thousands, mark = locale
    text = f"{abs(v):,.{decimals}f}".replace(",", "\0").replace(".", mark).replace("\0", thousands)
    return text


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(PDF, expected values, the choices made) for one seed."""
    r = random.Random(seed)
    topic = r.choice([*sorted(TOPICS), "trend"])
    array, described, names, fields = TOPICS[topic] if topic != "trend" else _trend(r)
    style, locale, target = r.choice(STYLES), r.choice(LOCALES), r.choice(["per_doc", "per_table_row"])
    negative, missing = r.choice(NEGATIVE), r.choice(MISSING)
    headers = [r.choice(f[3]) for f in fields]
    order = [0, *r.sample(range(1, len(fields)), len(fields) - 1)]
    rows: list[dict] = []
    printed: list[list[str]] = []
    for name in r.sample(names, r.randint(4, min(8, len(names)))):
        row, cells = {fields[0][0]: name}, [name]
        for fname, ftype, _, _, span in fields[1:]:
            if span is None:  # the variance: spent minus budget
                v = round(row["spent"] - row["budget"], 0) if row.get("spent") is not None \
                    and row.get("budget") is not None else None
                decimals = 0
            else:
                low, high, decimals = span
                v = round(r.uniform(low, high), decimals) if decimals else r.randint(int(low), int(high))
                if r.random() < 0.08:
                    v = None
            row[fname] = (int(v) if ftype == "integer" else v) if v is not None else None
            if v is None:
                cells.append(missing)
            else:
                shown = _figure(v, decimals, locale)
                cells.append(negative.format(v=shown) if v < 0 else shown)
        rows.append(row)
        printed.append(cells)

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Helvetica-Bold", 12)
    title = r.choice(TITLES).format(n=f"{r.randint(1, 9)}.{r.randint(1, 9)}", what=WHAT[topic],
                                    year=r.randint(2019, 2026))
    c.drawString(50, 740, title)
    widths = [150] + [100] * (len(fields) - 1)
    xs = [50]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    y = 710
    c.setFont("Helvetica-Bold", 9)
    header_lines = 2 if style == "wrapped" else 1
    for i, k in enumerate(order):
        words = headers[k].split()
        lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2:])] \
            if style == "wrapped" and len(words) > 1 else [headers[k]]
        for j, line in enumerate(lines):
            if i == 0:
                c.drawString(xs[i] + 3, y - 11 * j, line)
            else:
                c.drawRightString(xs[i] + widths[i] - 4, y - 11 * j, line)
    y -= 11 * (header_lines - 1)
    if style == "grid":
        c.rect(48, y - 5, sum(widths), 11 * header_lines + 6, stroke=1, fill=0)
    else:
        c.line(48, y - 5, 48 + sum(widths), y - 5)
    c.setFont("Helvetica", 9)
    for n, cells in enumerate(printed):
        y -= 16
        if style == "shaded" and n % 2 == 0:
            c.setFillGray(0.88)
            c.rect(48, y - 4, sum(widths), 15, stroke=0, fill=1)
            c.setFillGray(0)
        if style == "grid":
            c.rect(48, y - 4, sum(widths), 16, stroke=1, fill=0)
        for i, k in enumerate(order):
            if i == 0:
                c.drawString(xs[i] + 3, y, cells[k])
            else:
                c.drawRightString(xs[i] + widths[i] - 4, y, cells[k])
    c.setFont("Helvetica", 7)
    for note in r.sample(NOTES, 2):
        y -= 14
        c.drawString(50, y, note)
    c.showPage()
    c.save()

    expected = {f"row{i}": tuple(row[f[0]] for f in fields) for i, row in enumerate(rows)}
    expected["rows"] = len(rows)
    choices = {"style": style, "topic": topic, "target": target, "locale": repr(locale), "negative": negative,
               "missing": missing, "headers": "|".join(headers), "fields": [f[0] for f in fields],
               "array": array, "described": described, "types": [f[1] for f in fields],
               "descriptions": [f[2] for f in fields]}
    return buf.getvalue(), expected, choices


def _schema(choices: dict) -> dict:
    item = {"type": "object", "properties": {
        name: {"type": [kind, "null"], "description": text}
        for name, kind, text in zip(choices["fields"], choices["types"], choices["descriptions"], strict=True)}}
    if choices["target"] == "per_table_row":
        return item
    return {"type": "object", "properties": {choices["array"]: {"type": "array", "description": choices["described"],
                                                                "items": item}}}


_last: dict = {}


def _make(seed: int) -> tuple[bytes, dict, dict]:
    pdf, expected, choices = make(seed)
    _last.clear()
    _last.update(choices)
    return pdf, expected, choices


def _read(pdf: bytes) -> dict:
    choices = _last
    options = ExtractOptions(_schema(choices), extraction_target=choices["target"])
    out = extract_document(parse_document(pdf, filename="table.pdf"), options).result
    items = out if choices["target"] == "per_table_row" else (out or {}).get(choices["array"]) or []
    read = [tuple(item.get(f) for f in choices["fields"]) for item in items]
    return ListRead({"rows": len(read)}, read, "row")


def _wording(key: str, choices: dict) -> str | None:
    if key == "rows":
        return f"{choices['target']} {choices['topic']}"
    return f"{choices['topic']} {choices['headers']} {choices['locale']} {choices['missing']}"


if __name__ == "__main__":
    report(_make, _read, _wording)
