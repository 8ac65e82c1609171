"""Structured output: the strongest JSON constraint a server honours, then validation and one repair.

Servers differ. OpenAI and vLLM enforce `{"type": "json_schema", "json_schema": {...}}`; llama.cpp's
server answers that with HTTP 500 in many builds but enforces the non-standard
`{"type": "json_object", "schema": {...}}`; others know only `{"type": "json_object"}` (any JSON) or
nothing at all. `detect_mode` asks the server once per base_url and model with a tiny probe whose
answer no unconstrained model would write (an enum value it cannot guess), and caches the mode:

    json_schema  >  json_object_schema  >  json_object  >  none (instructions only)

Whatever the mode, a reply is parsed and validated against the job's schema; a reply that fails
gets one repair round-trip quoting the validation errors. A reply still unusable after that fails
the job with the errors in its reason.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from typing import Any

import jsonschema

from assay.domain.schema import map_schema
from assay.engines.llm.client import ChatClient, ServerRejectedError
from assay.errors import EngineError

log = logging.getLogger(__name__)
MODES = ("json_schema", "json_object_schema", "json_object", "none")
_CACHE: dict[tuple[str, str], str] = {}
_PROBE_VALUE = "zq7-probe"
_PROBE_SCHEMA = {"type": "object", "properties": {"marker": {"type": "string", "enum": [_PROBE_VALUE]}},
                 "required": ["marker"], "additionalProperties": False}


def response_format(mode: str, schema: dict, name: str = "extraction") -> dict | None:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": schema}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def forget_modes() -> None:
    """Forget every detected mode (tests; a server that was upgraded)."""
    _CACHE.clear()


async def detect_mode(client: ChatClient) -> str:
    """The strongest structured-output mode the server honours; probed once per (base_url, model)."""
    forced = client.options.structured_output
    if forced != "auto":
        return forced
    key = (client.options.root, client.options.model)
    if key in _CACHE:
        return _CACHE[key]
    messages = [{"role": "user", "content": 'Reply with the JSON object {"marker": "..."} only.'}]
    mode = "none"
    for candidate in MODES[:-1]:
        try:
            reply = await client.chat(messages, response_format=response_format(candidate, _PROBE_SCHEMA, "probe"),
                                      max_tokens=24, retry_on_status=False)
        except ServerRejectedError as exc:
            log.info("model server %s: response_format %s rejected (HTTP %s)", key[0], candidate, exc.status)
            continue
        value = parse_json(reply.content)
        if candidate == "json_object":
            if value is not None:
                mode = candidate
                break
        elif isinstance(value, dict) and value.get("marker") == _PROBE_VALUE:
            mode = candidate
            break
        log.info("model server %s: response_format %s accepted but not enforced", key[0], candidate)
    log.info("model server %s (%s): structured output mode %s", key[0], key[1] or "default model", mode)
    _CACHE[key] = mode
    return mode


def model_schema(schema: dict) -> dict:
    """The job's normalized schema as the model sees it: every key required, null allowed at every
    leaf (an honest null beats a guess), validation keywords dropped (many grammar builders reject
    them). Objects and arrays are never nullable: grammar builders read `["object", "null"]` as
    "any object" and lose the properties."""
    node = copy.deepcopy(schema)

    def walk(n: dict) -> dict:
        out = {k: v for k, v in n.items() if k in ("type", "description", "title", "enum", "properties", "items")}
        t = out.get("type", "string")
        types = t if isinstance(t, list) else [t]
        if "object" in types:
            props = {k: walk(v) for k, v in (n.get("properties") or {}).items()}
            out["properties"] = props
            out["required"] = list(props)
            out["additionalProperties"] = False
        if "array" in types:
            out["items"] = walk(n.get("items") or {"type": "string"})
        if "object" in types or "array" in types:  # containers stay containers: their leaves say null
            types = [x for x in types if x != "null"]
        elif "null" not in types:
            types = [*types, "null"]
        out["type"] = types[0] if len(types) == 1 else types
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out

    return walk(node)


def bound_strings(schema: dict, most: int) -> dict:
    """`schema` with `maxLength: most` on every string: a value read from a chunk is no longer than
    the chunk. Used with llama.cpp's grammar (json_object + schema), where it stops a small model's
    runaway string; left out for json_schema, where strict servers may refuse the keyword."""

    def bound(node: dict) -> dict:
        t = node.get("type")
        if t == "string" or (isinstance(t, list) and "string" in t):
            node["maxLength"] = max(1, most)
        return node

    return map_schema(schema, bound)


def bound_arrays(schema: dict, most: int, least: int | None = None) -> dict:
    """`schema` with `maxItems: most` (and `minItems: least`) on every array: a chunk of n lines
    cannot hold more than n records, and a grammar that knows it stops a small model from inventing
    rows until its reply is cut off. A table re-read pins both ends to the table's row count."""

    def bound(node: dict) -> dict:
        t = node.get("type")
        if t == "array" or (isinstance(t, list) and "array" in t):
            node["maxItems"] = max(1, most)
            if least is not None:
                node["minItems"] = min(least, most)
        return node

    return map_schema(schema, bound)


def parse_json(text: str) -> Any:
    """The JSON value in a reply: bare, fenced in ```json```, or the first {...} in prose; else None."""
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    candidates = [text, fenced.group(1).strip() if fenced else ""]
    start = text.find("{")
    if start >= 0:
        candidates.append(text[start: text.rfind("}") + 1])
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    return None


def problems(value: Any, schema: dict, limit: int = 12) -> list[str]:
    """Validation errors of `value` against `schema`, each with its JSON path; [] when it fits."""
    if value is None:
        return ["$: the reply is not valid JSON"]
    validator = jsonschema.Draft202012Validator(schema)
    found = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        found.append(f"{path}: {error.message[:200]}")
        if len(found) >= limit:
            break
    return found


def repair_message(errors: list[str]) -> str:
    return ("Your reply does not fit the JSON Schema:\n" + "\n".join(f"- {e}" for e in errors)
            + "\nReply again with the corrected JSON object only. Use null for values the document does not give.")


class InvalidOutputError(EngineError):
    """The model's output did not fit the schema, even after a repair round-trip."""
