"""Office Open XML: DOCX (one virtual page), XLSX (a page per sheet), PPTX (a page per slide).

The ZIP directory is checked for bomb-sized parts before any library opens the package.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from assay.domain.document import BlockKind, Document
from assay.errors import DocumentError
from assay.parsers import sniff
from assay.parsers.flow import Flow
from assay.parsers.limits import check_page_count, checked_zip
from assay.parsers.selection import parse_page_selection

_MAX_SHEET_ROWS = 20_000
_MAX_SHEET_COLS = 200


def _opened(data: bytes, what: str, opener: Callable[[io.BytesIO], Any]) -> Any:
    checked_zip(data).close()
    try:
        return opener(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(f"The {what} file is damaged or not a {what} file ({exc})") from exc


# ---------------------------------------------------------------- DOCX


def parse_docx(data: bytes, *, target_pages: str | None = None, max_pages: int | None = None,
               tier: str = "cost_effective", max_page_count: int | None = None) -> Document:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    parse_page_selection(target_pages, max_pages, 1)
    check_page_count(1, max_page_count)
    document = _opened(data, "DOCX", docx.Document)
    flow = Flow()
    for section in document.sections[:1]:
        for p in section.header.paragraphs:
            if p.text.strip():
                flow.paragraph(p.text)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            _docx_paragraph(flow, paragraph)
            seen: set[str] = set()  # a text box is stored twice (DrawingML and its VML fallback)
            for box in child.iter(qn("w:txbxContent")):
                for inner in box.iter(qn("w:p")):
                    inner_paragraph = Paragraph(inner, document)
                    if inner_paragraph.text not in seen:
                        seen.add(inner_paragraph.text)
                        _docx_paragraph(flow, inner_paragraph)
        elif child.tag == qn("w:tbl"):
            _docx_table(flow, DocxTable(child, document))
    for section in document.sections[:1]:
        for p in section.footer.paragraphs:
            if p.text.strip():
                flow.paragraph(p.text)
    props = document.core_properties
    metadata = {k: str(v) for k, v in (("title", props.title), ("author", props.author)) if v}
    return Document(pages=[flow.page()], mime_type=sniff.DOCX, page_count=1, metadata=metadata)


def _docx_paragraph(flow: Flow, paragraph: Any) -> None:
    text = paragraph.text
    if not text.strip():
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    kind = BlockKind.TEXT
    if style.startswith(("Heading", "Title")):
        kind = BlockKind.HEADING
    elif "List" in style or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        kind = BlockKind.LIST_ITEM
        text = "• " + text
    flow.paragraph(text, kind)


def _docx_table(flow: Flow, table: Any) -> None:
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                cells.append("")  # the rest of a horizontally merged cell
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        rows.append(cells)
    header = 1 if len(rows) >= 2 and _text_only(rows[0]) and not _text_only_all(rows[1:]) else 0
    flow.table(rows, header_rows=header)


def _text_only(row: list[str]) -> bool:
    return any(row) and not any(any(ch.isdigit() for ch in c) for c in row)


def _text_only_all(rows: list[list[str]]) -> bool:
    return all(_text_only(r) or not any(r) for r in rows)


# ---------------------------------------------------------------- XLSX


def parse_xlsx(data: bytes, *, target_pages: str | None = None, max_pages: int | None = None,
               tier: str = "cost_effective", max_page_count: int | None = None) -> Document:
    import openpyxl

    book = _opened(data, "XLSX", lambda f: openpyxl.load_workbook(f, read_only=True, data_only=True))
    try:
        names = book.sheetnames
        numbers = parse_page_selection(target_pages, max_pages, len(names))
        check_page_count(len(numbers), max_page_count)
        pages = []
        for number in numbers:
            sheet = book[names[number - 1]]
            flow = Flow(number)
            if not _DEFAULT_SHEET_NAME.fullmatch(names[number - 1].strip()):
                flow.paragraph(names[number - 1], BlockKind.HEADING)  # "Invoice": the sheet's title
            rows = list(_sheet_rows(sheet))
            header = 1 if len(rows) >= 2 and _text_only(rows[0]) and not _text_only_all(rows[1:]) else 0
            flow.table(rows, header_rows=header)
            pages.append(flow.page())
    finally:
        book.close()
    return Document(pages=pages, mime_type=sniff.XLSX, page_count=len(names), metadata={"sheets": ", ".join(names)})


# The name a spreadsheet program gives a new sheet ("Sheet1", "Tabelle1", "Feuil1", ...) says nothing of what it
# holds, and no one reads it on the sheet: it is no heading of the page (nor the issuer's name at its top).
_DEFAULT_SHEET_NAME = re.compile(r"(?i)sheet\s*\d*|(tabelle|feuil|hoja|foglio|blad|planilha|arkusz|list|лист)\s*\d+")


def _sheet_rows(sheet: Any) -> Iterator[list[str]]:
    rows = []
    for i, row in enumerate(sheet.iter_rows()):
        if i >= _MAX_SHEET_ROWS:
            break
        rows.append([display_value(c.value, getattr(c, "number_format", "General")) for c in row[:_MAX_SHEET_COLS]])
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    first = min((min((i for i, v in enumerate(r) if v), default=width) for r in rows if any(r)), default=0)
    for row in rows:
        yield (row + [""] * width)[first:width]


def display_value(value: Any, number_format: str | None) -> str:
    """A cell value as a spreadsheet shows it, for the common number and date formats."""
    fmt = (number_format or "General").lower()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _display_date(value, fmt)
    if isinstance(value, int | float):
        if "%" in fmt:
            decimals = _decimals(fmt)
            return f"{value * 100:.{decimals}f}%"
        if fmt == "general":
            return f"{value:.10g}" if isinstance(value, float) else str(value)
        decimals = _decimals(fmt)
        text = f"{value:,.{decimals}f}" if "," in fmt else f"{value:.{decimals}f}"
        for symbol in ("$", "€", "£", "¥"):
            if symbol in number_format:
                text = text.replace("-", "-" + symbol, 1) if value < 0 else symbol + text
                break
        return text
    return str(value).strip()


def _decimals(fmt: str) -> int:
    section = fmt.split(";")[0]
    if "." not in section:
        return 0
    after = section.split(".", 1)[1]
    return sum(1 for ch in after if ch in "0#")


def _display_date(value: dt.date | dt.time, fmt: str) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if "ss" in fmt else "%H:%M")
    mapping = [("yyyy", "%Y"), ("yy", "%y"), ("mmmm", "%B"), ("mmm", "%b"), ("mm", "%m"), ("m", "%-m"),
               ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "%-d")]
    clean = fmt.split(";")[0].replace("\\", "").replace('"', "")
    if not any(ch in clean for ch in "ymd"):
        midnight = isinstance(value, dt.datetime) and value.time() == dt.time()
        return value.date().isoformat() if midnight else value.isoformat()
    out, i = "", 0
    while i < len(clean):
        for token, code in mapping:
            if clean.startswith(token, i):
                out += code
                i += len(token)
                break
        else:
            if clean[i] in "[]@":
                i += 1
                continue
            out += clean[i]
            i += 1
    if "h" in out:  # times inside a date format: keep them simple
        out = out.split(" h")[0].split(" H")[0]
    try:
        return value.strftime(out)
    except ValueError:
        return value.isoformat()


# ---------------------------------------------------------------- PPTX


def parse_pptx(data: bytes, *, target_pages: str | None = None, max_pages: int | None = None,
               tier: str = "cost_effective", max_page_count: int | None = None) -> Document:
    import pptx

    deck = _opened(data, "PPTX", pptx.Presentation)
    slides = list(deck.slides)
    numbers = parse_page_selection(target_pages, max_pages, len(slides))
    check_page_count(len(numbers), max_page_count)
    pages = []
    for number in numbers:
        flow = Flow(number)
        for shape in _shapes_in_order(slides[number - 1].shapes):
            _pptx_shape(flow, shape)
        pages.append(flow.page())
    return Document(pages=pages, mime_type=sniff.PPTX, page_count=len(slides))


def _shapes_in_order(shapes: Any) -> list[Any]:
    return sorted(shapes, key=lambda s: ((s.top or 0) // 50000, s.left or 0))


def _pptx_shape(flow: Flow, shape: Any) -> None:
    if shape.shape_type is not None and getattr(shape, "shapes", None) is not None and not shape.has_text_frame:
        for inner in _shapes_in_order(shape.shapes):
            _pptx_shape(flow, inner)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
        flow.table(rows, header_rows=1 if shape.table.first_row and len(rows) > 1 else 0)
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        is_title = shape.is_placeholder and "TITLE" in str(shape.placeholder_format.type)
        for paragraph in shape.text_frame.paragraphs:
            text = "".join(run.text for run in paragraph.runs) or paragraph.text if hasattr(paragraph, "text") else ""
            if text.strip():
                kind = (BlockKind.HEADING if is_title
                        else BlockKind.LIST_ITEM if paragraph.level > 0 else BlockKind.TEXT)
                flow.paragraph(text, kind, indent=2 * paragraph.level)


PARSERS = {sniff.DOCX: parse_docx, sniff.XLSX: parse_xlsx, sniff.PPTX: parse_pptx}
