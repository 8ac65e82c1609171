"""Extraction results as text: JSON, JSON Lines, CSV, and rich tables for a terminal."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.table import Table

FORMATS = ("json", "jsonl", "csv")


def format_for(out: str | None, fmt: str | None) -> str:
    """The output format: as given, else from the output file's suffix, else JSON."""
    if fmt:
        return fmt
    if out:
        suffix = out.rsplit(".", 1)[-1].lower() if "." in out else ""
        if suffix in FORMATS:
            return suffix
    return "json"


def dumps(records: list[dict[str, Any]], fmt: str) -> str:
    """One record per file (`{"file", "result", ...}` or `{"file", "error"}`)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    if fmt == "csv":
        return to_csv(records)
    value: Any = records[0] if len(records) == 1 else records
    return json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n"


def to_csv(records: list[dict[str, Any]]) -> str:
    """A row per file (per_doc) or per item (per_page, per_table_row); nested objects flattened to
    dotted columns, arrays kept as JSON text."""
    rows: list[dict[str, Any]] = []
    for record in records:
        result = record.get("result")
        if isinstance(result, list):
            for i, item in enumerate(result):
                rows.append({"file": record.get("file"), "index": i, **flatten(item)})
        else:
            rows.append(
                {
                    "file": record.get("file"),
                    **flatten(result or {}),
                    **({"error": record["error"]} if "error" in record else {}),
                }
            )
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(flatten(sub, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        return {prefix: json.dumps(value, ensure_ascii=False, default=str)}
    return {prefix: value}


def tables(record: dict[str, Any], citations: dict[str, list[dict[str, Any]]] | None = None,
           confidences: dict[str, float] | None = None) -> list[Table]:
    """A readable view of one file's result: its fields, then one table per list of objects; with
    `citations` each value's page and source text, with `confidences` its confidence."""
    result = record.get("result")
    title = str(record.get("file") or "")
    if isinstance(result, list):
        return [_items_table(title, "", result, citations, confidences)]
    out = [Table("field", "value", *(("confidence",) if confidences is not None else ()),
                 *(("page", "source text") if citations is not None else ()), title=title)]
    nested: list[Table] = []
    for path, value in flatten_scalars(result or {}):
        if isinstance(value, list):
            nested.append(_items_table(f"{title} · {path}", path, value, citations, confidences))
            continue
        cells = [path, _show(value)]
        if confidences is not None:
            cells.append(_percent(confidences.get(path)))
        if citations is not None:
            cells.extend(_cited(citations.get(path)))
        out[0].add_row(*cells)
    return out + nested


def flatten_scalars(value: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(path, value) for scalars and nested objects' scalars; lists of objects stay whole."""
    out: list[tuple[str, Any]] = []
    for key, sub in value.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(sub, dict):
            out.extend(flatten_scalars(sub, path))
        elif isinstance(sub, list) and any(isinstance(v, dict) for v in sub):
            out.append((path, sub))
        else:
            out.append(
                (
                    path,
                    ", ".join("null" if v is None else str(v) for v in sub) if isinstance(sub, list) else sub,
                )
            )
    return out


def _items_table(
    title: str, path: str, items: list[Any], citations: dict[str, list[dict[str, Any]]] | None,
    confidences: dict[str, float] | None = None,
) -> Table:
    flat = [flatten(item) if isinstance(item, dict) else {"value": item} for item in items]
    columns: list[str] = []
    for row in flat:
        columns.extend(k for k in row if k not in columns)
    table = Table("#", *columns, title=title)
    for i, row in enumerate(flat):
        cells = []
        for column in columns:
            text = _show(row.get(column))
            at = f"{path}[{i}].{column}" if path else f"[{i}].{column}"
            cited = (citations or {}).get(at)
            if cited and cited[0].get("page"):
                text += f" [dim](p{cited[0]['page']})[/]"
            if confidences is not None and at in confidences:
                text += f" {_percent(confidences[at])}"
            cells.append(text)
        table.add_row(str(i), *cells)
    return table


def _cited(citations: list[dict[str, Any]] | None) -> list[str]:
    if not citations:
        return ["", ""]
    first = citations[0]
    return [str(first.get("page") or ""), _escape(str(first.get("matching_text") or ""))]


def _percent(confidence: float | None) -> str:
    """0.93 as '93%', coloured as the web UI colours it (below 0.9 needs a look, below 0.7 is doubtful)."""
    if confidence is None:
        return ""
    colour = "green" if confidence >= 0.9 else "yellow" if confidence >= 0.7 else "red"
    return f"[{colour}]{round(confidence * 100)}%[/]"


def _show(value: Any) -> str:
    if value is None:
        return "[dim]null[/]"
    return _escape(str(value))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
