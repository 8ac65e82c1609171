"""Text formats on a virtual page: plain text, Markdown, CSV, HTML and e-mail (EML)."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re

import lxml.etree
import lxml.html

from assay.domain.document import BlockKind, Document, Page
from assay.errors import DocumentError
from assay.parsers import sniff
from assay.parsers.flow import Flow
from assay.parsers.limits import check_page_count
from assay.parsers.selection import parse_page_selection
from assay.parsers.tables import unruled_tables

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_text_format(data: bytes, mime: str, *, target_pages: str | None = None, max_pages: int | None = None,
                      tier: str = "cost_effective", max_page_count: int | None = None) -> Document:
    parse_page_selection(target_pages, max_pages, 1)
    check_page_count(1, max_page_count)
    text = decode(data)
    flow = Flow()
    metadata: dict[str, str] = {}
    if mime == sniff.CSV:
        csv_table(flow, text)
    elif mime == sniff.HTML:
        html_into(flow, text)
    elif mime == sniff.MARKDOWN:
        markdown_into(flow, text)
    elif mime == sniff.EML:
        metadata = eml_into(flow, data)
    else:
        plain_into(flow, text)
    page = flow.page()
    if (mime in (sniff.TEXT, sniff.MARKDOWN) or flow.has_preformatted) and tier != "fast":
        add_aligned_tables(page)
    return Document(pages=[page], mime_type=mime, page_count=1, metadata=metadata)


def add_aligned_tables(page: Page) -> None:
    """Column-aligned text (a receipt, a statement printed as text) gets its tables detected."""
    taken = [t.box for t in page.tables]
    page.tables.extend(unruled_tables(page.words, taken))
    page.tables.sort(key=lambda t: t.box.y)


def plain_into(flow: Flow, text: str) -> None:
    chunk: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if _PIPE_ROW.match(lines[i]):
            j = i
            while j < len(lines) and _PIPE_ROW.match(lines[j]):
                j += 1
            if j - i >= 2:
                if chunk:
                    flow.preformatted("\n".join(chunk))
                    chunk = []
                pipe_table(flow, lines[i:j])
                i = j
                continue
        chunk.append(lines[i])
        i += 1
    if chunk:
        flow.preformatted("\n".join(chunk))


def pipe_table(flow: Flow, lines: list[str]) -> None:
    rows, header = [], 0
    for k, line in enumerate(lines):
        if _PIPE_RULE.match(line):
            if k == 1:
                header = 1
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows.append([c.replace("\\|", "|") for c in cells])
    flow.table(rows, header_rows=header)


def markdown_into(flow: Flow, text: str) -> None:
    lines = text.splitlines()
    i, para = 0, []

    def flush() -> None:
        if para:
            flow.paragraph(" ".join(para))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("```"):
                j += 1
            flow.preformatted("\n".join(lines[i + 1 : j]))
            i = j + 1
            continue
        if _PIPE_ROW.match(line) and i + 1 < len(lines) and _PIPE_ROW.match(lines[i + 1]):
            flush()
            j = i
            while j < len(lines) and _PIPE_ROW.match(lines[j]):
                j += 1
            pipe_table(flow, lines[i:j])
            i = j
            continue
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", stripped)
        if heading:
            flush()
            flow.paragraph(_md_inline(heading.group(2)), BlockKind.HEADING)
        elif item:
            flush()
            flow.paragraph(("•" if not item.group(1)[0].isdigit() else item.group(1)) + " " + _md_inline(item.group(2)),
                           BlockKind.LIST_ITEM)
        elif not stripped:
            flush()
        else:
            para.append(_md_inline(stripped))
        i += 1
    flush()


def _md_inline(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)


def csv_table(flow: Flow, text: str) -> None:
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = 0
    if len(rows) >= 2:
        try:
            header = 1 if csv.Sniffer().has_header(sample) else 0
        except csv.Error:
            header = 0
    flow.table(rows, header_rows=header)


# ---------------------------------------------------------------- HTML

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe", "object"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "address",
           "ul", "ol", "dl", "dt", "dd", "form", "fieldset", "figure", "figcaption", "center", "body", "html",
           "tbody", "thead", "tfoot"}


def html_into(flow: Flow, text: str) -> None:
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(f"The HTML could not be parsed ({exc})") from exc
    body = root.find("body")
    _HtmlWalker(flow, _preformatted_selectors(root)).walk(body if body is not None else root)


_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_PRE_STYLE = re.compile(r"white-space\s*:\s*(pre|pre-wrap|break-spaces)\s*(;|$|!)", re.IGNORECASE)


def _preformatted_selectors(root: lxml.html.HtmlElement) -> list[tuple[str, set[str], str]]:
    """(tag, classes, id) of the simple selectors whose style sheet rule keeps white space: a
    receipt or a statement set in a monospaced <div> is column-aligned text, like a <pre>."""
    selectors = []
    for style in root.iter("style"):
        for names, body in _CSS_RULE.findall(style.text_content() or ""):
            if not _PRE_STYLE.search(body):
                continue
            for name in names.split(","):
                last = name.strip().split()[-1] if name.strip() else ""
                match = re.fullmatch(r"([a-zA-Z][\w-]*)?((?:\.[\w-]+)*)(#[\w-]+)?", last)
                if match and last:
                    classes = {c for c in (match.group(2) or "").split(".") if c}
                    selectors.append(((match.group(1) or "").lower(), classes, (match.group(3) or "")[1:]))
    return selectors


class _HtmlWalker:
    def __init__(self, flow: Flow, pre_selectors: list[tuple[str, set[str], str]] | None = None) -> None:
        self.flow = flow
        self.inline: list[str] = []
        self.pre_selectors = pre_selectors or []

    def _keeps_spaces(self, el: lxml.html.HtmlElement, tag: str) -> bool:
        if tag in ("pre", "listing", "xmp", "plaintext"):
            return True
        if _PRE_STYLE.search(el.get("style") or ""):
            return True
        classes = set((el.get("class") or "").split())
        return any((not t or t == tag) and c <= classes and (not i or el.get("id") == i) and (t or c or i)
                   for t, c, i in self.pre_selectors)

    def preformatted(self, el: lxml.html.HtmlElement) -> None:
        parts: list[str] = []

        def text_of(node: lxml.html.HtmlElement) -> None:
            parts.append(node.text or "")
            for child in node:
                if isinstance(child.tag, str) and child.tag.lower() == "br":
                    parts.append("\n")
                elif isinstance(child.tag, str) and child.tag.lower() not in _SKIP:
                    text_of(child)
                parts.append(child.tail or "")

        text_of(el)
        text = "".join(parts).strip("\n")
        if text.strip():
            self.flow.preformatted(text)
            self.flow.has_preformatted = True
            self.flow.gap()

    def flush(self, kind: BlockKind = BlockKind.TEXT) -> None:
        text = "".join(self.inline)
        self.inline = []
        paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in text.split("\n")]
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            self.flow.paragraph("\n".join(paragraphs), kind)

    def walk(self, el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not isinstance(el.tag, str):
            self.inline.append(el.tail or "")
            return
        if tag == "table":
            self.flush()
            self.table(el)
        elif tag not in ("html", "body") and self._keeps_spaces(el, tag):
            self.flush()
            self.preformatted(el)
        elif tag in _HEADINGS or tag == "li":
            self.flush()
            self.inline.append("• " if tag == "li" else "")
            self._children(el)
            self.flush(BlockKind.HEADING if tag in _HEADINGS else BlockKind.LIST_ITEM)
        elif tag in _BLOCKS or tag == "tr":
            self.flush()
            self._children(el)
            self.flush()
        elif tag == "br":
            self.inline.append("\n")
        elif tag == "input" and (el.get("type") or "").lower() in ("checkbox", "radio"):
            self.inline.append("☑ " if el.get("checked") is not None else "☐ ")
        else:
            self._children(el)
            if tag in ("td", "th"):
                self.inline.append(" ")
        self.inline.append(el.tail or "")

    def _children(self, el: lxml.html.HtmlElement) -> None:
        self.inline.append(el.text or "")
        for child in el:
            self.walk(child)

    def table(self, el: lxml.html.HtmlElement) -> None:
        rows, header = [], 0
        for tr in el.iter("tr"):
            if tr.xpath("ancestor::table[1]")[0] is not el:
                continue  # a nested table's row
            cells = tr.xpath("./td|./th")
            if not cells:
                continue
            row = []
            for td in cells:
                text = " ".join(" ".join(td.itertext()).split())
                row.append(text)
                span = td.get("colspan", "1")
                row.extend([""] * (int(span) - 1 if span.isdigit() and 1 < int(span) < 50 else 0))
            if all(c.tag == "th" for c in cells) and header == len(rows):
                header += 1
            elif not rows and tr.getparent() is not None and tr.getparent().tag == "thead":
                header = 1
            rows.append(row)
        self.flow.table(rows, header_rows=header)


# ---------------------------------------------------------------- e-mail


def eml_into(flow: Flow, data: bytes) -> dict[str, str]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    metadata = {}
    for name in ("From", "To", "Cc", "Subject", "Date"):
        value = message.get(name)
        if value:
            metadata[name.lower()] = str(value)
            flow.paragraph(f"{name}: {value}", BlockKind.HEADING if name == "Subject" else BlockKind.TEXT)
    flow.gap()
    body = message.get_body(preferencelist=("plain", "html")) if hasattr(message, "get_body") else None
    if body is not None:
        content = body.get_content()
        if body.get_content_type() == "text/html":
            html_into(flow, content)
        else:
            plain_into(flow, content)
    attachments = [part.get_filename() for part in message.iter_attachments() if part.get_filename()]
    if attachments:
        flow.paragraph("Attachments: " + ", ".join(attachments))
    return metadata
