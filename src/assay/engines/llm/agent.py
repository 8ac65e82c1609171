"""One extraction with a model, tier by tier.

* cost_effective  one pass: every chunk asked once (in parallel), answers merged, then grounded.
* agentic         the one pass, then: every leaf grounded by Assay; fields left null, not found in
                  the document, or found only fuzzily are asked again with focused context (the
                  lines around their labels); arrays of records are checked against the tables
                  the parser found (data-row counts): when the counts differ, each table is read
                  again on its own with the row count pinned in the grammar (minItems = maxItems).
                  A re-asked value replaces the first one only when it is better grounded.
* agentic_plus    agentic, then a verification pass: the model checks each value against the lines
                  Assay cited for it. A value it rejects that Assay cannot find either is dropped
                  (null); one it rejects that is printed keeps its value with a lower confidence.

Every reply is guarded: a repetition loop or a reply cut off at `max_tokens` makes the chunk be
asked again in two halves (up to three times), and fails the job when it cannot be split further.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

from assay.domain.document import Document, Table, line_boxes
from assay.domain.labels import split_name
from assay.domain.options import ExtractOptions, LLMOptions
from assay.domain.schema import node_type
from assay.engines.base import EngineOutput, Grounder, Hint, usage_for
from assay.engines.llm import prompt as P
from assay.engines.llm import structured as S
from assay.engines.llm.client import ChatClient, RepetitionError
from assay.engines.llm.merge import RANK, merge, rank
from assay.errors import EngineError

log = logging.getLogger(__name__)
MAX_SPLITS = 3
CONFIDENCE = {"exact": 0.95, "normalized": 0.9, "fuzzy": 0.7, "inferred": 0.6, "none": 0.3}
MAX_VERIFY = 60


class Extraction:
    """Document + normalized schema + the job's options → EngineOutput, through one model server."""

    def __init__(self, document: Document, schema: dict, options: ExtractOptions, llm: LLMOptions,
                 grounder: Grounder) -> None:
        self.document = document
        self.schema = schema
        self.target = options.extraction_target
        self.tier = options.tier
        self.system = P.system_message(options.system_prompt)
        self.llm = llm
        self.client = ChatClient(llm)
        self.grounder = grounder
        self.mode = "none"
        self.context = 0
        self.verified: dict[str, bool] = {}
        self.table_rows: dict[str, int] = {}

    async def run(self) -> EngineOutput:
        try:
            self.mode = await S.detect_mode(self.client)
            self.context = await self.client.context_tokens()
            if self.target == "per_page":
                result: Any = [await self._one(self.schema, P.page_lines(page), page.number)
                               for page in self.document.pages]
                hints: Any = [self._hints(r, self.schema) for r in result]
            elif self.target == "per_table_row":
                result = await self._rows()
                hints = [self._hints(r, self.schema) for r in result]
            else:
                result = await self._one(self.schema, P.document_lines(self.document))
                hints = self._hints(result, self.schema)
        finally:
            await self.client.aclose()
        usage = usage_for(self.document, len(json.dumps(result)))
        if self.client.usage["completion_tokens"]:
            usage["num_output_tokens"] = self.client.usage["completion_tokens"]
        return EngineOutput(result, hints, usage, self.table_rows)

    # -- one object (per_doc, or one page) ---------------------------------------------------------------

    async def _one(self, schema: dict, lines: list[P.DocLine], page: int | None = None) -> dict:
        value = await self.ask_lines(S.model_schema(schema), lines)
        if self.tier in ("agentic", "agentic_plus"):
            value = await self._refine(value, schema, lines, page)
            await self._complete_arrays(value, schema, lines, page)
        if self.tier == "agentic_plus":
            await self._verify(value, schema, lines)
        return value

    async def _rows(self) -> list[dict]:
        """per_table_row: the schema is one entity; every entity in the document, in order."""
        wrapper = {"type": "object", "properties": {"rows": {"type": "array", "items": self.schema}}}
        task = "The schema describes ONE entity. Return every entity of that kind in the document, in order."
        got = await self.ask_lines(S.model_schema(wrapper), P.document_lines(self.document), task=task)
        rows = [r for r in got.get("rows") or [] if isinstance(r, dict)]
        tables = self._tables_for(self.schema)
        expected = sum(_data_rows(t) for t in tables)
        self.table_rows[""] = expected if tables else len(rows)
        if self.tier in ("agentic", "agentic_plus") and tables and expected != len(rows):
            reread = await self._read_tables(tables, self.schema)
            if len(reread) == expected:
                rows = reread
        return rows

    # -- asking ---------------------------------------------------------------------------------------------

    def _reply_tokens(self) -> int:
        return min(self.llm.max_output_tokens, max(256, self.context // 4))

    async def ask_lines(self, mschema: dict, lines: list[P.DocLine], task: str | None = None,
                        rows: int | None = None) -> dict:
        """`lines` in chunks that fit the context, asked in parallel, answers merged. `rows`: the exact
        number of items every array must have (a table re-read)."""
        with_schema = self.mode in ("json_object", "none")
        overhead = P.estimate_tokens(self.system + P.user_message(mschema, "", task=task, with_schema=with_schema)) + 16
        budget = self.context - overhead - self._reply_tokens()
        if budget < 64:
            raise EngineError(f"The model's context is too small: {self.context} tokens leave no room for the "
                              f"document after the instructions and schema (~{overhead} tokens) and the reply "
                              f"({self._reply_tokens()}). Use a model with a larger context, raise "
                              "ASSAY_LLM_CONTEXT_TOKENS if the server allows more, or use a smaller schema.")
        chunks = P.chunk_lines(lines, budget)
        answers = await asyncio.gather(*(self._ask_chunk(mschema, c, task, rows=rows if len(chunks) == 1 else None)
                                         for c in chunks))
        merged = merge(list(answers), chunks, mschema, self.grounder)
        return merged if isinstance(merged, dict) else {}

    async def _ask_chunk(self, mschema: dict, chunk: P.Chunk, task: str | None, depth: int = 0,
                         rows: int | None = None) -> dict:
        bounded = S.bound_arrays(mschema, rows or len(chunk.lines), rows)
        if self.mode == "json_object_schema":
            bounded = S.bound_strings(bounded, sum(len(line.text) + 1 for line in chunk.lines))
        messages = [{"role": "system", "content": self.system},
                    {"role": "user", "content": P.user_message(mschema, chunk.render(), task=task,
                                                               with_schema=self.mode in ("json_object", "none"))}]
        try:
            return await self.ask(messages, bounded, where=_span(chunk))
        except _CutOff as exc:
            if depth >= MAX_SPLITS or len(chunk.lines) < 2:
                raise EngineError(f"{exc.reason} on {_span(chunk)}, and the text cannot be split further. "
                                  "Use a larger model, or raise ASSAY_LLM_MAX_OUTPUT_TOKENS.") from exc
            log.info("%s on %s: asking again in two halves", exc.reason, _span(chunk))
            half = len(chunk.lines) // 2
            parts = [P.Chunk(chunk.lines[:half], 0), P.Chunk(chunk.lines[half:], 1)]
            answers = await asyncio.gather(*(self._ask_chunk(mschema, p, task, depth + 1) for p in parts))
            merged = merge(list(answers), parts, mschema, self.grounder)
            return merged if isinstance(merged, dict) else {}

    async def ask(self, messages: list[dict[str, str]], mschema: dict, where: str = "the document") -> dict:
        """One question, its answer parsed and validated, with one repair round-trip when it does not fit."""
        fmt = S.response_format(self.mode, mschema)
        reply = await self._chat(messages, fmt)
        value = S.parse_json(reply)
        errors = S.problems(value, _lenient(mschema))
        if not errors:
            return value
        log.info("model reply for %s does not fit the schema (%s); repairing", where, "; ".join(errors[:3]))
        retry = [*messages, {"role": "assistant", "content": reply[:4000]},
                 {"role": "user", "content": S.repair_message(errors)}]
        reply = await self._chat(retry, fmt)
        value = S.parse_json(reply)
        errors = S.problems(value, _lenient(mschema))
        if errors:
            raise S.InvalidOutputError(f"The model's output for {where} does not fit the schema, even after a "
                                       f"repair round-trip: {'; '.join(errors[:5])}")
        return value

    async def _chat(self, messages: list[dict[str, str]], fmt: dict | None) -> str:
        try:
            completion = await self.client.chat(messages, response_format=fmt, max_tokens=self._reply_tokens())
        except RepetitionError as exc:
            raise _CutOff("The model fell into a repetition loop") from exc
        if completion.finish_reason == "length":
            raise _CutOff(f"The model's reply was cut off at {self._reply_tokens()} tokens (finish_reason length)")
        if S.parse_json(completion.content) is None and _client_repeating(completion.content):
            raise _CutOff("The model fell into a repetition loop")
        return completion.content

    # -- agentic: weak fields asked again -------------------------------------------------------------------

    async def _refine(self, value: dict, schema: dict, lines: list[P.DocLine], page: int | None) -> dict:
        weak = {path: node for path, node, v in _leaves(schema, value)
                if v is None or self.grounder.ground(v, node, page).kind in ("none", "fuzzy")}
        if not weak:
            return value
        focus = _focused_lines(lines, weak)
        if not focus:
            return value
        keys = {path: f"f{i}" for i, path in enumerate(weak)}
        sub = {"type": "object", "properties": {
            keys[path]: {**node, "description": f"{path}: {node.get('description') or ''}".strip(" :")}
            for path, node in weak.items()}}
        earlier = {path: _get(value, path) for path in weak}
        task = ("Find these fields again, reading the lines below carefully. Earlier answers (null = not found, "
                "other values could not be found printed in the document): "
                + json.dumps({keys[p]: v for p, v in earlier.items()}, default=str))
        got = await self.ask_lines(S.model_schema(sub), focus, task=task)
        for path, node in weak.items():
            new = got.get(keys[path])
            if new is None:
                continue
            old = earlier[path]
            if old is None or rank(self.grounder, new, node, page) > rank(self.grounder, old, node, page):
                _set(value, path, new)
        return value

    # -- agentic: arrays checked against the tables -----------------------------------------------------------

    async def _complete_arrays(self, value: dict, schema: dict, lines: list[P.DocLine], page: int | None) -> None:
        for path, node in _object_arrays(schema):
            item = node.get("items") or {}
            tables = [t for t in self._tables_for(item) if page is None or t[0] == page]
            if not tables:
                continue
            have = _get(value, path) or []
            expected = sum(_data_rows(t) for t in tables)
            self.table_rows[path] = expected
            if len(have) == expected:
                continue
            log.info("%s: %d rows extracted, the tables show %d; reading the tables again", path, len(have), expected)
            rows = await self._read_tables(tables, item)
            if len(rows) == expected:
                _set(value, path, rows)

    def _tables_for(self, item: dict) -> list[tuple[int, Table]]:
        """Tables whose header names at least half of the entity's fields (or two of them)."""
        names = [n for n in (item.get("properties") or {})]
        if not names:
            return []
        found = []
        for page in self.document.pages:
            for table in page.tables:
                head = " ".join(c.text for c in table.cells if c.row < max(1, table.header_rows)).lower()
                hits = sum(1 for n in names if any(w in head for w in split_name(n) if len(w) > 2))
                if hits >= min(2, len(names)) or hits >= len(names) / 2:
                    found.append((page.number, table))
        return found

    async def _read_tables(self, tables: list[tuple[int, Table]], item: dict) -> list[dict]:
        wrapper = S.model_schema({"type": "object", "properties": {"rows": {"type": "array", "items": item}}})

        async def one(page_number: int, table: Table) -> list[dict]:
            page = self.document.page(page_number)
            lines = [line for line in P.page_lines(page) if _inside_box(line.box, table.box)]
            task = (f"These lines are one table with {_data_rows((page_number, table))} data rows. Return every "
                    "data row as one item of `rows`, in order; skip the header.")
            got = await self.ask_lines(wrapper, lines, task=task, rows=_data_rows((page_number, table)) or None)
            return [r for r in got.get("rows") or [] if isinstance(r, dict)]

        parts = await asyncio.gather(*(one(p, t) for p, t in tables))
        return [row for part in parts for row in part]

    # -- agentic_plus: verification ------------------------------------------------------------------------

    async def _verify(self, value: dict, schema: dict, lines: list[P.DocLine]) -> None:
        claims = []
        for path, node, v in _leaves(schema, value, arrays=True):
            if v is None:
                continue
            g = self.grounder.ground(v, node)
            evidence = _evidence(lines, g) if g.page is not None else []
            claims.append((path, node, v, g.kind, evidence))
            if len(claims) >= MAX_VERIFY:
                break
        if not claims:
            return
        keys = [f"c{i}" for i in range(len(claims))]
        listing = "\n".join(
            f"{k}: {path} = {json.dumps(v, default=str)}"
            + (f"  (printed at: {' | '.join(e.render() for e in ev)})" if ev else "  (not found printed)")
            for k, (path, _n, v, _kind, ev) in zip(keys, claims, strict=True))
        mschema = {"type": "object", "properties": {k: {"type": ["boolean", "null"]} for k in keys},
                   "required": keys, "additionalProperties": False}
        task = ("Check each claim below against the document. Answer true when the document supports the value for "
                "that field, false when it does not, null when you cannot tell.\nClaims:\n" + listing)
        got = await self.ask_lines(mschema, lines, task=task)
        for k, (path, _node, _v, kind, _ev) in zip(keys, claims, strict=True):
            verdict = got.get(k)
            if verdict is None:
                continue
            self.verified[path] = bool(verdict)
            if verdict is False and kind == "none":
                _set(value, path, None)

    # -- hints for the pipeline ------------------------------------------------------------------------------

    def _hints(self, value: Any, node: dict, path: str = "") -> Any:
        t = node_type(node)[0]
        if t == "object":
            value = value if isinstance(value, dict) else {}
            return {k: self._hints(value.get(k), sub, f"{path}.{k}" if path else k)
                    for k, sub in (node.get("properties") or {}).items()}
        if t == "array":
            return [self._hints(v, node.get("items") or {}, f"{path}[{i}]")
                    for i, v in enumerate(value if isinstance(value, list) else [])]
        if value is None:
            return Hint(confidence=0.7 if self.tier != "cost_effective" else 0.5)
        g = self.grounder.ground(value, node)
        confidence = CONFIDENCE.get(g.kind, 0.3)
        verdict = self.verified.get(path)
        if verdict is not None:
            confidence = min(0.99, confidence + 0.04) if verdict else confidence * 0.6
        features = {"grounding_rank": float(RANK.get(g.kind, 0))}
        if verdict is not None:
            features["verified"] = 1.0 if verdict else 0.0
        if g.page is None:
            return Hint(confidence=confidence, features=features)
        return Hint(confidence=confidence, page=g.page.number, boxes=line_boxes(g.words) if g.words else g.boxes,
                    text=g.matching_text or None, features=features)


class _CutOff(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _client_repeating(text: str) -> bool:
    from assay.engines.llm.client import repeating

    return repeating(text)


def _span(chunk: P.Chunk) -> str:
    if not chunk.lines:
        return "an empty document"
    return f"lines {chunk.lines[0].id}–{chunk.lines[-1].id}"


def _lenient(mschema: dict) -> dict:
    """The model schema without `additionalProperties: false`: extra keys are dropped later, not repaired."""
    if isinstance(mschema, dict):
        return {k: _lenient(v) for k, v in mschema.items() if k != "additionalProperties"}
    if isinstance(mschema, list):
        return [_lenient(v) for v in mschema]
    return mschema


def _leaves(node: dict, value: Any, path: str = "", arrays: bool = False) -> list[tuple[str, dict, Any]]:
    """(dotted path, node, value) of every scalar leaf; inside arrays only when `arrays` (paths `a[0].b`)."""
    t = node_type(node)[0]
    if t == "object":
        value = value if isinstance(value, dict) else {}
        return [leaf for k, sub in (node.get("properties") or {}).items()
                for leaf in _leaves(sub, value.get(k), f"{path}.{k}" if path else k, arrays)]
    if t == "array":
        if not arrays:
            return []
        return [leaf for i, v in enumerate(value if isinstance(value, list) else [])
                for leaf in _leaves(node.get("items") or {}, v, f"{path}[{i}]", arrays)]
    return [(path, node, value)]


def _object_arrays(node: dict, path: str = "") -> list[tuple[str, dict]]:
    out = []
    for k, sub in (node.get("properties") or {}).items():
        p = f"{path}.{k}" if path else k
        t = node_type(sub)[0]
        if t == "object":
            out += _object_arrays(sub, p)
        elif t == "array" and node_type(sub.get("items") or {})[0] == "object":
            out.append((p, sub))
    return out


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(m.group(2)) if m.group(2) is not None else m.group(1) for m in _STEP.finditer(path)]


def _get(value: Any, path: str) -> Any:
    for step in _steps(path):
        if isinstance(step, int):
            value = value[step] if isinstance(value, list) and step < len(value) else None
        else:
            value = value.get(step) if isinstance(value, dict) else None
    return value


def _set(value: Any, path: str, new: Any) -> None:
    steps = _steps(path)
    for step in steps[:-1]:
        if isinstance(step, int):
            value = value[step]
        else:
            if not isinstance(value.get(step), dict):
                value[step] = {}
            value = value[step]
    value[steps[-1]] = new


def _focused_lines(lines: list[P.DocLine], fields: dict[str, dict]) -> list[P.DocLine]:
    """The lines that mention a field's name or description words, with two lines either side."""
    words: set[str] = set()
    for path, node in fields.items():
        words |= {w for w in split_name(path.split(".")[-1]) if len(w) > 2}
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", node.get("description") or "")}
    keep: set[int] = set()
    for i, line in enumerate(lines):
        text = line.text.lower()
        if any(w in text for w in words):
            keep |= set(range(max(0, i - 2), min(len(lines), i + 3)))
    return [lines[i] for i in sorted(keep)]


def _evidence(lines: list[P.DocLine], g: Any) -> list[P.DocLine]:
    if g.page is None or not g.boxes:
        return []
    box = g.boxes[0]
    return [line for line in lines if line.page == g.page.number and abs(line.box.cy - box.cy) < max(box.h, 4)][:2]


def _data_rows(entry: tuple[int, Table]) -> int:
    table = entry[1]
    return max(0, table.n_rows - max(table.header_rows, 1 if table.cells and table.n_rows > 1 else 0))


def _inside_box(inner: Any, outer: Any) -> bool:
    return outer.x - 2 <= inner.cx <= outer.right + 2 and outer.y - 2 <= inner.cy <= outer.bottom + 2
