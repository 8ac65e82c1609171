"""Grounding the model's values in the document, and merging the answers of several chunks.

The grounder is the pipeline's (`assay.pipeline.ground.Grounder`, handed to the engine with the
call): an exact → normalized → fuzzy search of the document's own words, done once per value.

`merge` combines chunk answers of one schema:

* a scalar takes the best-grounded non-null candidate (exact > normalized > fuzzy > inferred >
  not found); on a tie, the earliest chunk's;
* an array is the chunks' arrays concatenated in document order; an item equal to one the
  previous chunk already gave, printed in the lines the two chunks share, is dropped once per
  such earlier item (the overlap made it twice). Equal items elsewhere are kept: a document may
  list a thing twice.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assay.domain import values as V
from assay.domain.schema import node_type
from assay.engines.base import Grounder
from assay.engines.llm.prompt import Chunk

RANK = {"exact": 4, "normalized": 3, "fuzzy": 2, "inferred": 1, "none": 0}


def rank(grounder: Grounder, value: Any, node: dict, prefer_page: int | None = None) -> int:
    """How firmly grounding finds `value` printed: RANK of its grounding kind."""
    return RANK.get(grounder.ground(value, node, prefer_page).kind, 0)


def merge(answers: list[Any], chunks: list[Chunk], schema: dict, grounder: Grounder) -> Any:
    """One value of `schema` from the answers of `chunks` (same order)."""
    return _merge(answers, chunks, schema, grounder)


def _merge(answers: list[Any], chunks: list[Chunk], node: dict, grounder: Grounder) -> Any:
    t = node_type(node)[0]
    if t == "object":
        props = node.get("properties") or {}
        return {k: _merge([a.get(k) if isinstance(a, dict) else None for a in answers], chunks, sub, grounder)
                for k, sub in props.items()}
    if t == "array":
        out: list[Any] = []
        previous: list[Any] = []
        for answer, chunk in zip(answers, chunks, strict=True):
            items = answer if isinstance(answer, list) else []
            shared_text = _shared_text(chunk, chunks)
            # the previous chunk's items printed in the shared lines: each may come back once more
            twice: dict[str, int] = {}
            for x in previous:
                if shared_text and _inside(x, shared_text):
                    twice[_canonical(x)] = twice.get(_canonical(x), 0) + 1
            for item in items:
                key = _canonical(item)
                if twice.get(key, 0) > 0 and _inside(item, shared_text):
                    twice[key] -= 1
                    continue
                out.append(item)
            previous = items
        return out
    best, best_rank = None, -1
    for answer, chunk in zip(answers, chunks, strict=True):
        if answer is None or answer == "":
            continue
        found = rank(grounder, answer, node, chunk.pages[0] if chunk.pages else None)
        if found > best_rank:
            best, best_rank = answer, found
    return best


def _shared_text(chunk: Chunk, chunks: list[Chunk]) -> str:
    if not chunk.shared_before:
        return ""
    return _fold(" ".join(line.text for line in chunk.lines if line.id in chunk.shared_before))


def _inside(item: Any, text: str) -> bool:
    """Whether every printed leaf of `item` can be read in `text` (folded, punctuation-free)."""
    leaves = [v for v in _leaves(item) if v is not None and v != ""]
    if not leaves:
        return True
    for leaf in leaves:
        if isinstance(leaf, bool):
            continue
        if isinstance(leaf, (int, float)):
            if not any(V.parse_number(tok) == float(leaf) for tok in re.findall(r"[\d.,()\-]+", text)):
                return False
        elif _fold(str(leaf)) not in text:
            return False
    return True


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w.,\-\s]", " ", V.fold(text))).strip()
