#!/usr/bin/env python3
"""A quick probe of invoices that are no PDF: HTML pages, Word documents, spreadsheets and plain text, in wordings
and arrangements written apart from the dev set, the generalization generator and the other probes. The details
as a definition list, "Label: value" paragraphs, a two- or four-column table of labels and values, a strip of labels
over a row of values, a spreadsheet's label cells beside or above their values, or text padded with spaces or dots;
the items as a table (headed by <th> cells, or by a first row of plain cells), or text columns; the totals in the
items table's last rows, in a table of their own, or as lines.

    PYTHONPATH=src python bench/formats_probe.py 0 80 [-v]      # seeds to study: failures by choice (-v: each)
    PYTHONPATH=src python bench/formats_probe.py 80 160         # seeds kept for checking: read the first line only

Prints the share of fields right (header fields, totals, the bill-to and vendor names, and the line items as one
field), the failures per field, and the failures by (field, format and arrangement, wording). Written on
2026-12-07 (fifth session).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from html import escape
from pathlib import Path

from probe_score import report

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

SCHEMA = json.loads((Path(__file__).with_name("gen") / "schemas" / "invoice.json").read_text())
LABELS = {
    "invoice_number": ["Invoice Number", "Inv No", "Document No.", "Invoice ID", "Bill No.", "Reference No.",
                       "Invoice Serial", "Our Invoice"],
    "invoice_date": ["Date of Issue", "Invoice Dt.", "Issued On", "Document Date", "Billed On", "Date Raised",
                     "Invoice Date", "Created"],
    "due_date": ["Payment Due Date", "Due On", "Settle By", "Pay Before", "Due Date", "Final Payment Date",
                 "Terms Due", "Deadline"],
    "po_number": ["Purchase Order No.", "Client PO", "PO #", "Order No.", "Buyer's Order", "Your Order",
                  "Requisition No.", "Order Ref"],
    "subtotal": ["Sub Total", "Net Value", "Total before tax", "Items Total", "Net", "Amount (net)",
                 "Total Excl. Tax"],
    "tax_amount": ["Tax (10%)", "VAT", "Sales tax", "GST 10%", "Tax Total", "VAT amount", "Value Added Tax"],
    "total": ["Total Amount", "Amount Payable", "Total Due", "Grand Total", "Balance", "Total (incl. tax)",
              "Invoice Amount", "Pay This Amount"],
    "bill_to": ["Bill To", "Customer", "Invoice To", "Client", "Charge To", "Billing Address", "Account"],
}
HEADERS = {"description": ["Description", "Item Description", "Goods / Services", "Particulars", "Line Item",
                           "Product"],
           "quantity": ["Quantity", "Qty.", "No. of Units", "Units", "Q'ty"],
           "unit_price": ["Unit Price", "Price Each", "Rate", "Unit Rate", "Price/Unit"],
           "amount": ["Amount", "Line Total", "Total", "Net Amount", "Extended"]}
VENDORS = [("Kestrel Office Supply Co.", "41 Mill Road", "Cambridge CB1 2AD"),
           ("Bergström Verktyg AB", "Sveavägen 12", "111 57 Stockholm"),
           ("Pacific Rim Traders Pty Ltd", "9 Pitt Street", "Sydney NSW 2000"),
           ("Lumen Lighting LLC", "2200 Grand Ave", "Des Moines, IA 50312")]
CUSTOMERS = [("Oakridge Veterinary Clinic", "18 Beacon Hill", "Halifax NS B3H 1X1"),
             ("Tamsin Royle", "5 Orchard Close", "York YO24 1AB"),
             ("Ferrovia Components S.p.A.", "Via Roma 40", "10121 Torino")]
ITEMS = ["Ergonomic keyboard", "Label printer rolls (box)", "LED desk lamp", "Cloud backup, 1 TB (annual)",
         "Stapler heavy duty", "Installation labour", "Network switch 24-port", "Whiteboard 120 x 90 cm",
         "Courier delivery", "Extended warranty (2 years)"]
DATES = ["%d/%m/%Y", "%m/%d/%Y", "%d %b %Y", "%B %d, %Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%b-%Y"]
FORMATS = {"html": ["dl", "para", "table2", "strip"], "docx": ["para", "table2", "table4"],
           "xlsx": ["beside", "above"], "txt": ["colon", "dots", "spaced"]}
ORDERS = [["description", "quantity", "unit_price", "amount"], ["quantity", "description", "unit_price", "amount"],
          ["description", "unit_price", "quantity", "amount"]]
HEADER_FIELDS = ["invoice_number", "invoice_date", "due_date", "po_number"]
TOTALS = ["subtotal", "tax_amount", "total"]


def _money(x: float, style: str) -> str:
    s = f"{x:,.2f}"
    if style == "eu":
        return s.replace(",", "X").replace(".", ",").replace("X", ".")
    return s.replace(",", " ") if style == "space" else s


def _html(d: dict) -> bytes:
    """The invoice as an HTML page in arrangement d["style"]."""
    labels, header, r = d["labels"], d["header"], d["r"]
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Invoice</title></head><body>",
           f"<header><h1>{escape(d['vendor'][0])}</h1><p>{escape(d['vendor'][1])}<br>{escape(d['vendor'][2])}</p>"
           "</header>", f"<h2>{d['title']}</h2>"]
    pairs = [(labels[k], v) for k, v in header]
    if d["style"] == "dl":
        out.append("<dl>" + "".join(f"<dt>{escape(a)}</dt><dd>{escape(b)}</dd>" for a, b in pairs) + "</dl>")
    elif d["style"] == "para":
        out += [f"<p><strong>{escape(a)}:</strong> {escape(b)}</p>" for a, b in pairs]
    elif d["style"] == "table2":
        out.append("<table>" + "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in pairs)
                   + "</table>")
    else:
        out.append("<table><tr>" + "".join(f"<th>{escape(a)}</th>" for a, _ in pairs) + "</tr><tr>"
                   + "".join(f"<td>{escape(b)}</td>" for _, b in pairs) + "</tr></table>")
    out.append(f"<h3>{escape(labels['bill_to'])}</h3><p>" + "<br>".join(escape(t) for t in d["customer"]) + "</p>")
    head_tag = r.choice(["th", "td"])
    out.append("<table><tr>" + "".join(f"<{head_tag}>{escape(h)}</{head_tag}>" for h in d["heads"]) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in d["rows"]]
    if r.random() < 0.5:  # the totals in the items table's last rows
        n = len(d["heads"])
        out += [f"<tr><td colspan='{n - 1}'>{escape(labels[k])}</td><td>{escape(v)}</td></tr>" for k, v in d["totals"]]
        out.append("</table>")
    else:
        out.append("</table><table>" + "".join(f"<tr><th>{escape(labels[k])}</th><td>{escape(v)}</td></tr>"
                                                for k, v in d["totals"]) + "</table>")
    out.append("<footer><p>Thank you for your business.</p></footer></body></html>")
    return "\n".join(out).encode()


def _docx(d: dict) -> bytes:
    """The invoice as a Word document in arrangement d["style"]."""
    from docx import Document

    labels, header = d["labels"], d["header"]
    doc = Document()
    doc.add_heading(d["vendor"][0], level=1)
    doc.add_paragraph(f"{d['vendor'][1]}\n{d['vendor'][2]}")
    doc.add_heading(d["title"], level=2)
    pairs = [(labels[k], v) for k, v in header]
    if d["style"] == "para":
        for a, b in pairs:
            doc.add_paragraph(f"{a}: {b}")
    elif d["style"] == "table2":
        t = doc.add_table(rows=0, cols=2)
        for a, b in pairs:
            cells = t.add_row().cells
            cells[0].text, cells[1].text = a, b
    else:
        t = doc.add_table(rows=0, cols=4)
        for i in range(0, len(pairs), 2):
            cells = t.add_row().cells
            for j, (a, b) in enumerate(pairs[i:i + 2]):
                cells[2 * j].text, cells[2 * j + 1].text = a, b
    doc.add_paragraph(labels["bill_to"])
    doc.add_paragraph("\n".join(d["customer"]))
    t = doc.add_table(rows=1, cols=len(d["heads"]))
    for cell, h in zip(t.rows[0].cells, d["heads"], strict=True):
        cell.text = h
    for row in d["rows"]:
        for cell, v in zip(t.add_row().cells, row, strict=True):
            cell.text = v
    for k, v in d["totals"]:
        doc.add_paragraph(f"{labels[k]}: {v}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _xlsx(d: dict) -> bytes:
    """The invoice as a spreadsheet: labels beside their values (style "beside") or over them ("above")."""
    from openpyxl import Workbook

    labels, header = d["labels"], d["header"]
    wb = Workbook()
    ws = wb.active
    ws.append([d["vendor"][0]])
    ws.append([d["vendor"][1]])
    ws.append([d["vendor"][2]])
    ws.append([])
    ws.append([d["title"]])
    if d["style"] == "beside":
        for k, v in header:
            ws.append([labels[k], v])
    else:
        ws.append([labels[k] for k, _ in header])
        ws.append([v for _, v in header])
    ws.append([])
    ws.append([labels["bill_to"]])
    for line in d["customer"]:
        ws.append([line])
    ws.append([])
    ws.append(list(d["heads"]))
    for row in d["rows"]:
        ws.append([_cell(v) for v in row])
    ws.append([])
    n = len(d["heads"])
    for k, v in d["totals"]:
        ws.append([None] * (n - 2) + [labels[k], _cell(v)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v: str) -> object:
    """A spreadsheet cell holds a plain figure as a number."""
    try:
        return float(v.replace(",", "")) if v.replace(",", "").replace(".", "").isdigit() else v
    except ValueError:
        return v


def _txt(d: dict) -> bytes:
    """The invoice as plain text: "Label: value", "Label ...... value" or "Label      value"."""
    labels, header = d["labels"], d["header"]
    out = [d["vendor"][0], d["vendor"][1], d["vendor"][2], "", d["title"].upper(), ""]
    for k, v in header:
        if d["style"] == "colon":
            out.append(f"{labels[k]}: {v}")
        elif d["style"] == "dots":
            out.append(f"{labels[k]} ".ljust(26, ".") + f" {v}")
        else:
            out.append(f"{labels[k]}".ljust(26) + v)
    out += ["", labels["bill_to"] + ":", *d["customer"], ""]
    widths = [max(len(h), *(len(row[i]) for row in d["rows"])) + 3 for i, h in enumerate(d["heads"])]
    out.append("".join(h.ljust(w) for h, w in zip(d["heads"], widths, strict=True)).rstrip())
    out.append("-" * sum(widths))
    for row in d["rows"]:
        out.append("".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    out.append("-" * sum(widths))
    for k, v in d["totals"]:
        out.append(f"{labels[k]}".rjust(sum(widths) - 14) + v.rjust(14))
    return ("\n".join(out) + "\n").encode()


WRITERS = {"html": _html, "docx": _docx, "xlsx": _xlsx, "txt": _txt}


def make(seed: int) -> tuple[bytes, dict, dict]:
    """(file bytes, expected values, the choices made) for one seed; choices["file"] is the file's name."""
    r = random.Random(seed)
    fmt = r.choice(sorted(FORMATS))
    style, datefmt, mstyle = r.choice(FORMATS[fmt]), r.choice(DATES), r.choice(["us", "eu", "space"])
    if datefmt == "%m/%d/%Y" or fmt == "xlsx":
        mstyle = "us"
    vendor, customer = r.choice(VENDORS), r.choice(CUSTOMERS)
    issued = dt.date(2026, r.randint(1, 12), r.randint(1, 28))
    due = issued + dt.timedelta(days=r.choice([10, 21, 30]))
    number = f"{r.choice(['IN', 'F-', '', '2026/'])}{r.randint(1000, 99999)}"
    order_no = f"{r.choice(['PO', 'ORD-', 'R'])}{r.randint(100, 9999)}"
    labels = {k: r.choice(v) for k, v in LABELS.items()}
    order = r.choice(ORDERS)
    heads = [r.choice(HEADERS[k]) for k in order]
    lines = []
    for item in r.sample(ITEMS, r.randint(2, 6)):
        qty, price = r.randint(1, 15), round(r.uniform(4, 800), 2)
        lines.append((item, qty, price, round(qty * price, 2)))
    subtotal = round(sum(line[3] for line in lines), 2)
    tax = round(subtotal * 0.1, 2)
    total = round(subtotal + tax, 2)
    cells = {"description": lambda ln: ln[0], "quantity": lambda ln: str(ln[1]),
             "unit_price": lambda ln: _money(ln[2], mstyle), "amount": lambda ln: _money(ln[3], mstyle)}
    d = {"r": r, "style": style, "labels": labels, "vendor": vendor, "customer": customer, "heads": heads,
         "title": r.choice(["Invoice", "Tax Invoice", "INVOICE"]),
         "header": list(zip(HEADER_FIELDS, [number, issued.strftime(datefmt), due.strftime(datefmt), order_no],
                            strict=True)),
         "rows": [[cells[k](ln) for k in order] for ln in lines],
         "totals": [(k, _money(v, mstyle)) for k, v in zip(TOTALS, (subtotal, tax, total), strict=True)]}
    data = WRITERS[fmt](d)
    expected = {"invoice_number": number, "invoice_date": issued.isoformat(), "due_date": due.isoformat(),
                "po_number": order_no, "subtotal": subtotal, "tax_amount": tax, "total": total,
                "bill_to.name": customer[0], "vendor.name": vendor[0], "lines": sorted(lines, key=repr)}
    choices = {"style": f"{fmt}:{style}", "file": f"invoice.{fmt}", "date": datefmt, "money": mstyle,
               **{f"L:{k}": v for k, v in labels.items()}, "H": "|".join(heads)}
    return data, expected, choices


def _read(data: bytes, choices: dict) -> dict:
    doc = parse_document(data, filename=choices["file"])
    out = extract_document(doc, ExtractOptions(SCHEMA)).result
    got = {k: out.get(k) for k in (*HEADER_FIELDS, *TOTALS)}
    got["bill_to.name"] = (out.get("bill_to") or {}).get("name")
    got["vendor.name"] = (out.get("vendor") or {}).get("name")
    got["lines"] = sorted(((it.get("description"), it.get("quantity"), it.get("unit_price"), it.get("amount"))
                           for it in out.get("line_items") or []), key=repr)
    return got


def _wording(key: str, choices: dict) -> str | None:
    return choices["H"] if key == "lines" else choices.get(f"L:{key.split('.')[0]}")


if __name__ == "__main__":
    report(make, _read, _wording, with_choices=True)
