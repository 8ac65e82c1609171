"""The document as the model reads it, and the instructions around it.

Every printed line gets a stable id, `[p{page}:l{line}]` (1-based, in the parser's reading order),
under a page marker. Ids let a re-ask quote just the lines around a field, let the merge step know
which lines two chunks share, and stay the same however the document is chunked.

Long documents are split into chunks of whole lines that fit the context: the model's context
minus the instructions, the schema and the reply's budget. Consecutive chunks share `OVERLAP`
lines so that a record cut at a boundary is whole in one of them; the merge step removes the
duplicates this makes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from assay.domain.document import Box, Document, Page

OVERLAP = 3
CHARS_PER_TOKEN = 3.0  # conservative for Latin text with digits; servers' tokenizers vary


@dataclass(frozen=True, slots=True)
class DocLine:
    page: int
    index: int  # 1-based within the page
    text: str
    box: Box

    @property
    def id(self) -> str:
        return f"p{self.page}:l{self.index}"

    def render(self) -> str:
        return f"[{self.id}] {self.text}"


@dataclass(slots=True)
class Chunk:
    lines: list[DocLine]
    number: int = 0  # position in the document, 0-based
    shared_before: set[str] = field(default_factory=set)  # ids also in the previous chunk

    @property
    def pages(self) -> list[int]:
        return sorted({line.page for line in self.lines})

    def render(self) -> str:
        out: list[str] = []
        page = None
        for line in self.lines:
            if line.page != page:
                page = line.page
                out.append(f"--- page {page} ---")
            out.append(line.render())
        return "\n".join(out)


def document_lines(document: Document, pages: list[int] | None = None) -> list[DocLine]:
    lines: list[DocLine] = []
    for page in document.pages:
        if pages is not None and page.number not in pages:
            continue
        lines.extend(page_lines(page))
    return lines


def page_lines(page: Page) -> list[DocLine]:
    return [DocLine(page.number, i, line.text, line.box) for i, line in enumerate(page.lines, start=1)
            if line.text.strip()]


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def chunk_lines(lines: list[DocLine], budget_tokens: int, overlap: int = OVERLAP) -> list[Chunk]:
    """Whole lines in chunks of at most `budget_tokens`, consecutive chunks sharing `overlap` lines."""
    if budget_tokens < 16:
        raise ValueError("budget too small")
    chunks: list[Chunk] = []
    start = 0
    while start < len(lines):
        used = 0
        end = start
        while end < len(lines):
            cost = estimate_tokens(lines[end].render()) + 2
            if used + cost > budget_tokens and end > start:
                break
            used += cost
            end += 1
        chunk = Chunk(lines[start:end], len(chunks))
        if chunks:
            chunk.shared_before = {line.id for line in lines[start:min(end, start + overlap)]
                                   if line.id in {x.id for x in chunks[-1].lines}}
        chunks.append(chunk)
        if end >= len(lines):
            break
        start = max(end - overlap, start + 1)
    return chunks or [Chunk([], 0)]


SYSTEM = (
    "You extract data from a document into JSON that fits a JSON Schema.\n"
    "Rules:\n"
    "- Copy values exactly as printed in the document (same spelling, digits and punctuation), except that "
    "numbers are JSON numbers (no currency signs or thousands separators), booleans are true/false, and dates "
    "use the format the field's description asks for (ISO YYYY-MM-DD when it says nothing).\n"
    "- Use null for any value the document does not give. Never guess or invent values.\n"
    "- For lists, include every item the document shows, in document order.\n"
    "- Each document line starts with an id like [p1:l12] (page 1, line 12). The ids are not part of the "
    "text: never copy them into values.\n"
    "- Reply with the JSON object only."
)


def field_guide(schema: dict) -> str:
    """One line per field with its description, so descriptions reach servers that drop the schema."""
    lines: list[str] = []

    def walk(node: dict, path: str) -> None:
        for name, sub in (node.get("properties") or {}).items():
            p = f"{path}.{name}" if path else name
            t = sub.get("type", "string")
            desc = sub.get("description") or sub.get("title") or ""
            enum = sub.get("enum")
            extra = f" one of {json.dumps([e for e in enum if e is not None])}" if enum else ""
            lines.append(f"- {p} ({'/'.join(t) if isinstance(t, list) else t}){extra}" + (f": {desc}" if desc else ""))
            types = t if isinstance(t, list) else [t]
            if "object" in types:
                walk(sub, p)
            elif "array" in types and isinstance(sub.get("items"), dict):
                walk(sub["items"], p + "[]")

    walk(schema, "")
    return "\n".join(lines)


def system_message(system_prompt: str | None) -> str:
    return SYSTEM + (f"\n\nAdditional instructions:\n{system_prompt.strip()}" if system_prompt else "")


def user_message(schema: dict, body: str, *, task: str | None = None, with_schema: bool = True) -> str:
    parts = []
    if with_schema:
        parts.append("JSON Schema of the reply:\n" + json.dumps(schema, separators=(",", ":")))
    parts.append("Fields:\n" + field_guide(schema))
    if task:
        parts.append(task)
    parts.append("Document:\n" + body)
    return "\n\n".join(parts)
