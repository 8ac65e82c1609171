"""Propose a data_schema: from an example document, from a prompt, or by refining a given schema.

    propose_schema(document=doc)                       # labels, key-value pairs, table headers, tick boxes
    propose_schema(prompt="invoice number, date, total and line items")
    propose_schema(data_schema=schema)                 # validated; missing types and descriptions filled

The default proposer is offline and deterministic (`HeuristicProposer`):

* a document gives one field per printed label ("Invoice Number: INV-1042" → `invoice_number`),
  one array of objects per table (its header cells become the item's fields), one boolean per tick
  box; each type is inferred from the printed values (numbers → number, dates → string with
  format date, yes/no → boolean), and each field's `title` is the printed label so the layout
  engine finds it again;
* a prompt gives one field per noun phrase it lists, typed from its words ("date" → date,
  "total" → number, "line items" → array of objects);
* a schema given with either is extended with the fields it lacks.

The seam for a model-backed proposer (an OpenAI-compatible backend) is `register_proposer`: a
proposer is any object with `propose(document, prompt, data_schema) -> dict`.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Protocol

from assay.domain import values as V
from assay.domain.document import Box, Document, Table
from assay.domain.schema import normalize_schema
from assay.errors import InvalidRequestError

MAX_LABEL_WORDS = 6
_ID_WORDS = {
    "number",
    "no",
    "nr",
    "num",
    "id",
    "code",
    "ref",
    "reference",
    "#",
    "sku",
    "zip",
    "postcode",
    "phone",
    "tel",
    "fax",
    "iban",
    "account",
    "ssn",
    "tin",
    "vat",
    "ein",
    "po",
}
_NUMBER_WORDS = {
    "total",
    "subtotal",
    "amount",
    "price",
    "cost",
    "tax",
    "vat_amount",
    "quantity",
    "qty",
    "balance",
    "fee",
    "fees",
    "rate",
    "discount",
    "count",
    "sum",
    "due",
    "paid",
    "weight",
    "height",
    "width",
    "age",
    "hours",
    "units",
    "percent",
    "percentage",
    "shipping",
    "freight",
}
_DATE_WORDS = {"date", "dob", "birthday", "deadline", "issued", "expiry", "expiration", "born"}
_BOOL_PREFIXES = ("is", "has", "was", "are", "can", "should", "whether")
_LIST_WORDS = {
    "items",
    "line items",
    "products",
    "transactions",
    "entries",
    "rows",
    "lines",
    "positions",
    "charges",
    "services",
    "parts",
    "articles",
    "orders",
    "payments",
    "lots",
    "goods",
}
_ITEM_FIELDS = {"description": "string", "quantity": "number", "unit_price": "number", "amount": "number"}
_DOC_TYPES = (
    "purchase order",
    "invoice",
    "receipt",
    "bill of lading",
    "statement",
    "resume",
    "contract",
    "form",
    "application",
    "quote",
    "quotation",
    "order",
    "bill",
    "payslip",
    "report",
)
_PROMPT_NOISE = re.compile(
    r"^(?:please\s+)?(?:extract|get|pull|find|capture|return|give me|list|read|collect|grab|identify)\b"
    r"|\b(?:the|a|an|all|any|every|each|its|their|his|her|our|my|this|that|these|those)\b"
    r"|\b(?:from|in|on|of)\s+(?:the|this|that|each|every|a|an)\s+(?:document|file|pdf|page|form|image|scan)s?\b"
    r"|\bfields?\b|\bvalues?\b|\binformation\b|\bdetails?\b",
    re.IGNORECASE,
)


class Proposer(Protocol):
    """Something that proposes a JSON Schema (root type object) from any of its three inputs."""

    def propose(self, document: Document | None, prompt: str | None, data_schema: dict | None) -> dict: ...


class HeuristicProposer:
    """Offline and deterministic: labels, tables and tick boxes; prompt phrases; name-based types."""

    def propose(self, document: Document | None, prompt: str | None, data_schema: dict | None) -> dict:
        schema = refine(data_schema) if data_schema is not None else _object({})
        if document is not None:
            found = from_document(document)
            wanted = _prompt_fields(prompt) if prompt else None
            if wanted:  # keep the document fields the prompt asks for; add the ones it did not show
                picked = {k: v for k, v in found["properties"].items() if _asked(k, v, wanted)}
                found["properties"] = {
                    **picked,
                    **{k: v for k, v in wanted.items() if not any(_similar(k, p) for p in picked)},
                }
            _extend(schema, found)
        elif prompt:
            _extend(schema, from_prompt(prompt))
        if not schema.get("properties"):
            raise InvalidRequestError(
                "No fields could be proposed: give a prompt that lists the fields, "
                "or an example file with labelled values or tables."
            )
        return schema


_PROPOSERS: dict[str, Proposer] = {"heuristic": HeuristicProposer()}


def register_proposer(name: str, proposer: Proposer) -> None:
    """Make a proposer available by name (e.g. a model-backed one); `propose_schema(proposer=name)`."""
    _PROPOSERS[name] = proposer


def propose_schema(
    *,
    document: Document | None = None,
    prompt: str | None = None,
    data_schema: dict | None = None,
    proposer: str = "heuristic",
) -> dict:
    """A normalized data_schema proposed from any combination of the inputs (at least one)."""
    if document is None and not (prompt or "").strip() and data_schema is None:
        raise InvalidRequestError("Give at least one of prompt, file_id or data_schema.")
    if proposer not in _PROPOSERS:
        raise InvalidRequestError(
            f"Unknown schema proposer {proposer!r}; known: {', '.join(sorted(_PROPOSERS))}."
        )
    return normalize_schema(
        _PROPOSERS[proposer].propose(document, (prompt or "").strip() or None, data_schema)
    )


def suggest_name(schema: dict, prompt: str | None = None) -> str:
    """A configuration name: the document type ('invoice') when known, else 'generated'."""
    title = schema.get("title") or (_doc_type(prompt) if prompt else None)
    return f"{snake(str(title))}-schema" if title else "generated-schema"


# ---------------------------------------------------------------- refine a given schema


def refine(data_schema: dict) -> dict:
    """The schema validated, with a type inferred from the name where none is given and a
    description on every property that lacks one."""
    normalize_schema(data_schema)  # raises SchemaError listing every problem
    schema = copy.deepcopy(data_schema)
    _refine_node(schema, "")
    for key in ("$defs", "definitions"):
        for name, sub in (schema.get(key) or {}).items():
            if isinstance(sub, dict):
                _refine_node(sub, name)
    return schema


def _refine_node(node: dict, name: str) -> None:
    typed = any(k in node for k in ("type", "$ref", "anyOf", "oneOf", "allOf", "enum", "properties", "items"))
    if name and not typed:
        node.update(_type_from_words(split_words(name)))
    if name and "description" not in node and "$ref" not in node:
        node["description"] = _describe(name)
    for key, sub in (node.get("properties") or {}).items():
        if isinstance(sub, dict):
            _refine_node(sub, key)
    items = node.get("items")
    if isinstance(items, dict):
        _refine_node(items, "")
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key) or []:
            if isinstance(sub, dict):
                _refine_node(sub, "")


# ---------------------------------------------------------------- from a prompt


def from_prompt(prompt: str) -> dict:
    schema = _object(_prompt_fields(prompt))
    doc_type = _doc_type(prompt)
    if doc_type:
        schema["title"] = doc_type.title()
        schema["description"] = f"Fields of {'an' if doc_type[0] in 'aeiou' else 'a'} {doc_type}."
    return schema


def _prompt_fields(prompt: str) -> dict[str, dict]:
    fields: dict[str, dict] = {}
    for phrase, sub in _phrases(prompt):
        words = split_words(_PROMPT_NOISE.sub(" ", phrase))[:MAX_LABEL_WORDS]
        if not words:
            continue
        name = "_".join(words)
        if name in _DOC_TYPES or name.replace("_", " ") in _DOC_TYPES:
            continue
        if sub:
            items = {k: v for k, v in _prompt_fields(sub).items()}
            node = {"type": "array", "items": _object(items)}
        elif " ".join(words) in _LIST_WORDS or (words[-1] in _LIST_WORDS and len(words) <= 3):
            node = {
                "type": "array",
                "items": _object(
                    {k: {"type": t, "description": _describe(k)} for k, t in _ITEM_FIELDS.items()}
                ),
            }
        else:
            node = _type_from_words(words)
        node["description"] = _describe(name)
        fields[_unique(name, fields)] = node
    return fields


def _phrases(prompt: str) -> list[tuple[str, str | None]]:
    """Split a prompt's list at commas, 'and', semicolons and new lines, keeping '(…)' groups whole:
    'line items (description, amount)' → ('line items', 'description, amount')."""
    text = prompt.replace("\n", ",")
    text = re.sub(r":\s*", ", ", text, count=1)  # "Extract these fields: a, b" → "Extract these fields, a, b"
    parts: list[str] = []
    depth, current = 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if depth == 0 and char in ",;":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    out: list[tuple[str, str | None]] = []
    for part in parts:
        sub = None
        if m := re.search(r"\(([^)]*)\)", part):
            sub, part = m.group(1), part[: m.start()] + part[m.end() :]
        pieces = re.split(r"\s+(?:and|&|as well as|plus)\s+|\s*\.\s+", part.strip().rstrip("."))
        for i, piece in enumerate(pieces):
            if piece.strip():
                out.append((piece, sub if i == len(pieces) - 1 else None))
    return out


def _doc_type(text: str | None) -> str | None:
    folded = V.fold(text or "")
    for doc_type in _DOC_TYPES:
        if re.search(rf"\b{doc_type}s?\b", folded):
            return doc_type
    return None


def _asked(name: str, node: dict, wanted: dict[str, dict]) -> bool:
    return any(_similar(name, w) or _similar(snake(str(node.get("title", ""))), w) for w in wanted)


def _similar(a: str, b: str) -> bool:
    wa, wb = set(a.split("_")), set(b.split("_"))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


# ---------------------------------------------------------------- from a document


def from_document(document: Document) -> dict:
    from assay.engines.layout.checkboxes import tick_boxes
    from assay.engines.layout.geometry import layout_document

    fields: dict[str, dict] = {}
    title = _title(document)
    for layout in layout_document(document):
        tables = [t for t in layout.page.tables if t.n_rows >= 2 and t.n_cols >= 2]
        outside = [[s for s in row.segments if not _inside(s.box, tables)] for row in layout.rows]
        for r, segments in enumerate(outside):
            for label, value in _pairs(segments, outside[r + 1] if r + 1 < len(outside) else []):
                _add_scalar(fields, label, [value])
        for table in tables:
            _add_table(fields, table, layout)
        for box in tick_boxes(layout):
            if box.label_text.strip() and len(box.label) <= MAX_LABEL_WORDS:
                label = box.label_text.strip()
                name = _field_name(label)
                if name and name not in fields:
                    fields[name] = {
                        "type": "boolean",
                        "title": label,
                        "description": f"Whether the box '{label}' is ticked.",
                    }
    schema = _object(fields)
    if title:
        schema["title"] = title
        schema["description"] = f"Fields of the {title.lower()}, proposed from an example document."
    return schema


def _title(document: Document) -> str | None:
    if not document.pages:
        return None
    page = document.pages[0]
    for block in page.blocks[:3]:
        text = block.text.strip()
        if (
            text
            and not any(c.isdigit() for c in text)
            and len(text.split()) <= 4
            and (block.kind.value == "heading" or text.isupper())
        ):
            return text.title()
    return None


def _inside(box: Box, tables: list[Table]) -> bool:
    return any(
        t.box.x - 2 <= box.cx <= t.box.right + 2 and t.box.y - 2 <= box.cy <= t.box.bottom + 2 for t in tables
    )


def _pairs(segments: list, below: list) -> list[tuple[str, str]]:
    """(label, value) pairs of one row: 'Label: value' in one phrase, 'Label:' | 'value' as two
    phrases, or 'Label:' with its value in the phrase right underneath."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(segments):
        words = segments[i].words
        colon = next((k for k, w in enumerate(words[:MAX_LABEL_WORDS]) if w.text.endswith(":")), None)
        if colon is not None:
            label = " ".join(w.text for w in words[: colon + 1]).rstrip(":").strip()
            rest = " ".join(w.text for w in words[colon + 1 :]).strip()
            if rest:
                out.append((label, rest))
            elif i + 1 < len(segments):
                out.append((label, segments[i + 1].text))
                i += 1
            else:
                under = [
                    s for s in below if s.box.x < segments[i].box.right and s.box.right > segments[i].box.x
                ]
                out.append((label, under[0].text if under else ""))
        i += 1
    return out


def _add_scalar(fields: dict[str, dict], label: str, samples: list[str]) -> None:
    name = _field_name(label)
    if not name or name in fields:
        return
    node = _type_from_values(split_words(name), [s for s in samples if s.strip()])
    node["title"] = label
    node["description"] = f"{_sentence(label)}, as printed next to the label '{label}'."
    fields[name] = node


def _add_table(fields: dict[str, dict], table: Table, layout: Any) -> None:
    grid = [[(c.text.strip() if c else "") for c in row] for row in table.rows()]
    header_count = table.header_rows or (1 if not any(_is_number(t) for t in grid[0] if t) else 0)
    if header_count == 0:
        return
    headers = [" ".join(parts).strip() for parts in zip(*grid[:header_count], strict=True)]
    body: list[list[str]] = []
    for row in grid[header_count:]:
        first = next((i for i, t in enumerate(row) if t), None)
        if first is None:
            continue
        if (
            first > 0
            or row[first].endswith(":")
            or re.match(r"(?i)^(sub ?total|total|tax|vat|balance)\b", row[first])
        ):
            label = row[first].rstrip(":").strip()  # a totals row: a labelled value, not an item
            value = next((t for t in row[first + 1 :] if t), "")
            if label and value:
                _add_scalar(fields, label, [value])
            continue
        body.append(row)
    item: dict[str, dict] = {}
    for col, header in enumerate(headers):
        name = _field_name(header)
        if not name or name in item:
            continue
        node = _type_from_values(split_words(name), [r[col] for r in body if col < len(r) and r[col]])
        node["title"] = header
        node["description"] = f"The '{header}' column."
        item[name] = node
    if len(item) < 2:
        return
    name = _unique(_table_name(table, layout, item), fields)
    fields[name] = {
        "type": "array",
        "items": _object(item),
        "description": f"One entry per row of the table with columns {', '.join(headers)}.",
    }


def _table_name(table: Table, layout: Any, item: dict[str, dict]) -> str:
    """The heading right above the table ('Line Items', 'Order Lines'), else a name from its columns."""
    above = [
        s
        for row in layout.rows
        for s in row.segments
        if 0 < table.box.y - s.box.bottom < 2.5 * layout.em
        and len(s.words) <= 4
        and not any(c.isdigit() for c in s.text)
        and not s.text.rstrip().endswith(":")
    ]
    if above:
        name = _field_name(above[-1].text)
        if name:
            return name
    numeric = any(n.get("type") == "number" for n in item.values())
    return "line_items" if numeric else "items"


# ---------------------------------------------------------------- types, names, helpers


def _type_from_values(words: list[str], samples: list[str]) -> dict:
    by_name = _type_from_words(words)
    if not samples or any(w in _ID_WORDS for w in words[-1:]):
        return by_name
    if all(V.parse_bool(s) is not None for s in samples):
        return {"type": "boolean"}
    if all(_is_date(s) for s in samples):
        return {"type": "string", "format": "date"}
    if all(_is_number(s) for s in samples):
        return {"type": "number"}
    return {"type": "string"} if by_name.get("type") != "array" else by_name


def _type_from_words(words: list[str]) -> dict:
    if not words:
        return {"type": "string"}
    if words[0] in _BOOL_PREFIXES:
        return {"type": "boolean"}
    if words[-1] in _ID_WORDS:
        return {"type": "string"}
    if any(w in _DATE_WORDS for w in words):
        return {"type": "string", "format": "date"}
    if words[-1] == "email" or (words[-1] == "mail" and words[:1] == ["e"]):
        return {"type": "string", "format": "email"}
    if any(w in _NUMBER_WORDS for w in words):
        return {"type": "number"}
    return {"type": "string"}


def _is_number(text: str) -> bool:
    return V.parse_number(text) is not None and any(c.isdigit() for c in text)


def _is_date(text: str) -> bool:
    return V.parse_date(text) is not None and not re.fullmatch(r"[\d.,]+", text.strip())


def split_words(text: str) -> list[str]:
    """Words of a label or name: 'Invoice No.:' → ['invoice', 'number'], 'unitPrice' → ['unit', 'price'],
    'Item #' → ['item', 'number']."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    words = [w for w in re.split(r"[^\w#%]+|_", V.fold(text)) if w]
    words = [
        "number" if w in ("#", "no", "nr", "num") and i == len(words) - 1 and i > 0 else w
        for i, w in enumerate(words)
    ]
    return ["percent" if w == "%" else w for w in words if w != "#" or len(words) == 1]


def snake(text: str) -> str:
    return "_".join(split_words(text))


def _field_name(label: str) -> str | None:
    words = split_words(label)
    if not words or len(words) > MAX_LABEL_WORDS or not re.match(r"[a-z]", words[0]):
        return None
    return "_".join(words)


def _unique(name: str, taken: dict[str, Any]) -> str:
    n, out = 2, name
    while out in taken:
        out, n = f"{name}_{n}", n + 1
    return out


def _describe(name: str) -> str:
    return _sentence(" ".join(split_words(name))) + "."


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _object(properties: dict[str, dict]) -> dict:
    return {"type": "object", "properties": properties}


def _extend(schema: dict, found: dict) -> None:
    """Add `found`'s fields that `schema` lacks (by name); the schema's own fields win."""
    props = schema.setdefault("properties", {})
    for name, node in found.get("properties", {}).items():
        if name not in props:
            props[name] = node
    for key in ("title", "description"):
        if key in found and key not in schema:
            schema[key] = found[key]
