"""The document model as JSON (lossless round trip) and as Markdown (for people and LLMs)."""

from __future__ import annotations

from typing import Any

from assay.domain.document import Block, BlockKind, Box, Cell, Checkbox, Document, Line, Page, Table, TextSource, Word


def _box(d: dict[str, float]) -> Box:
    return Box(float(d["x"]), float(d["y"]), float(d["w"]), float(d["h"]))


def _word(w: Word) -> dict[str, Any]:
    out: dict[str, Any] = {"text": w.text, "box": w.box.to_dict()}
    if w.confidence != 1.0:
        out["confidence"] = round(w.confidence, 3)
    return out


def document_to_json(doc: Document) -> dict[str, Any]:
    """Lines and blocks refer to words by index into `page.words`, so each word is written once."""
    return {
        "mime_type": doc.mime_type,
        "page_count": doc.page_count,
        "metadata": doc.metadata,
        "pages": [_page_to_json(p) for p in doc.pages],
    }


def _page_to_json(page: Page) -> dict[str, Any]:
    index = {id(w): i for i, w in enumerate(page.words)}
    line_index = {id(ln): i for i, ln in enumerate(page.lines)}

    def words_ref(words: list[Word]) -> list[Any]:
        return [index[id(w)] if id(w) in index else _word(w) for w in words]

    return {
        "number": page.number,
        "width": round(page.width, 2),
        "height": round(page.height, 2),
        "rotation": page.rotation,
        "text_source": page.text_source.value,
        "ocr_confidence": page.ocr_confidence,
        "error": page.error,
        "deskew": [round(v, 4) for v in page.deskew] if page.deskew else None,
        **({"replaced_chars": page.replaced_chars} if page.replaced_chars else {}),
        "words": [_word(w) for w in page.words],
        "lines": [words_ref(ln.words) for ln in page.lines],
        "blocks": [
            {"kind": b.kind.value,
             "lines": [line_index[id(ln)] if id(ln) in line_index else words_ref(ln.words) for ln in b.lines]}
            for b in page.blocks
        ],
        "tables": [
            {
                "n_rows": t.n_rows, "n_cols": t.n_cols, "box": t.box.to_dict(), "header_rows": t.header_rows,
                "ruled": t.ruled, "continues": list(t.continues) if t.continues else None,
                "cells": [
                    {"row": c.row, "col": c.col, "text": c.text, "box": c.box.to_dict(), "words": words_ref(c.words),
                     "row_span": c.row_span, "col_span": c.col_span, "is_header": c.is_header}
                    for c in t.cells
                ],
            }
            for t in page.tables
        ],
        "checkboxes": [{"box": c.box.to_dict(), "checked": c.checked, "mark": c.mark} for c in page.checkboxes],
    }


def document_from_json(d: dict[str, Any]) -> Document:
    return Document(
        pages=[_page_from_json(p) for p in d["pages"]],
        mime_type=d["mime_type"],
        page_count=d.get("page_count", 0),
        metadata=dict(d.get("metadata") or {}),
    )


def _page_from_json(p: dict[str, Any]) -> Page:
    words = [Word(w["text"], _box(w["box"]), w.get("confidence", 1.0)) for w in p.get("words", [])]

    def resolve(refs: list[Any]) -> list[Word]:
        return [words[r] if isinstance(r, int) else Word(r["text"], _box(r["box"]), r.get("confidence", 1.0))
                for r in refs]

    lines = [Line(resolve(refs)) for refs in p.get("lines", [])]
    blocks = [
        Block([lines[x] if isinstance(x, int) else Line(resolve(x)) for x in b["lines"]], BlockKind(b["kind"]))
        for b in p.get("blocks", [])
    ]
    tables = [
        Table(
            cells=[Cell(c["row"], c["col"], c["text"], _box(c["box"]), resolve(c.get("words", [])),
                        c.get("row_span", 1), c.get("col_span", 1), c.get("is_header", False)) for c in t["cells"]],
            n_rows=t["n_rows"], n_cols=t["n_cols"], box=_box(t["box"]), header_rows=t.get("header_rows", 0),
            ruled=t.get("ruled", False), continues=tuple(t["continues"]) if t.get("continues") else None,
        )
        for t in p.get("tables", [])
    ]
    return Page(
        number=p["number"], width=p["width"], height=p["height"], words=words, lines=lines, blocks=blocks,
        tables=tables,
        checkboxes=[Checkbox(_box(c["box"]), c["checked"], c.get("mark", False)) for c in p.get("checkboxes", [])],
        rotation=p.get("rotation", 0), text_source=TextSource(p.get("text_source", "text_layer")),
        ocr_confidence=p.get("ocr_confidence"), error=p.get("error"), replaced_chars=p.get("replaced_chars", 0),
        deskew=tuple(float(v) for v in p["deskew"]) if p.get("deskew") else None,  # type: ignore[arg-type]
    )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>") or " "


def table_to_markdown(table: Table) -> str:
    rows = table.rows()
    header_count = max(1, table.header_rows)
    out = []
    for r, row in enumerate(rows):
        out.append("| " + " | ".join(_md_cell(c.text if c else "") for c in row) + " |")
        if r == header_count - 1:
            out.append("|" + "---|" * table.n_cols)
    return "\n".join(out)


def document_to_markdown(doc: Document) -> str:
    """Blocks in reading order, each table once at the place of its first word, page markers
    between pages (`<!-- page N -->`)."""
    parts: list[str] = []
    for page in doc.pages:
        parts.append(f"<!-- page {page.number} -->")
        if page.error:
            parts.append(f"<!-- page {page.number} could not be read: {page.error} -->")
        table_of: dict[int, int] = {}
        for ti, table in enumerate(page.tables):
            for cell in table.cells:
                for w in cell.words:
                    table_of[id(w)] = ti
        emitted: set[int] = set()
        for block in page.blocks:
            kept_lines: list[str] = []
            prev: Line | None = None
            for line in block.lines:
                tis = {table_of.get(id(w)) for w in line.words}
                if tis == {None}:
                    if kept_lines and prev is not None and _same_row(prev, line):
                        kept_lines[-1] += "   " + line.text  # a far-away part of the same row
                    else:
                        kept_lines.append(line.text)
                    prev = line
                    continue
                for ti in sorted(t for t in tis if t is not None):
                    if ti not in emitted:
                        emitted.add(ti)
                        if kept_lines:
                            parts.append(_block_md(block.kind, kept_lines))
                            kept_lines = []
                        parts.append(table_to_markdown(page.tables[ti]))
                rest = [w.text for w in line.words if table_of.get(id(w)) is None]
                if rest:
                    kept_lines.append(" ".join(rest))
            if kept_lines:
                parts.append(_block_md(block.kind, kept_lines))
        for ti, table in enumerate(page.tables):
            if ti not in emitted:
                parts.append(table_to_markdown(table))
    return "\n\n".join(parts) + "\n"


def _same_row(a: Line, b: Line) -> bool:
    ba, bb = a.box, b.box
    return bb.x > ba.right and abs(ba.cy - bb.cy) < 0.5 * min(ba.h, bb.h)


def _block_md(kind: BlockKind, lines: list[str]) -> str:
    text = "\n".join(lines)
    if kind is BlockKind.HEADING:
        return "## " + " ".join(lines)
    if kind is BlockKind.LIST_ITEM:
        return "- " + text.lstrip("•◦▪‣●○-–* ")
    return text
