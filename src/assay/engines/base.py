"""The Engine protocol and the registry that finds an engine by name.

An engine reads a parsed Document and a normalized schema and proposes values. It may also say
where each value came from (`Hint`): the grounding step uses that as a first place to look, but
citations are always recomputed from the document, never copied from an engine's claim. With each
call an engine gets the job's options, the pipeline's grounding (a `Grounder`: an engine that weighs
candidate values, like the `openai` engine merging a model's answers, asks it where each is printed)
and, for engines that use one, where the model server is (`LLMOptions`).

Engines register lazily as "module:Class" so that an engine's heavy or optional dependencies are
imported only when a job asks for it (the `openai` engine, for example).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from assay.domain.document import Box, Document, Page, Word
from assay.domain.fields import ReadContext
from assay.domain.options import ExtractOptions, LLMOptions
from assay.errors import EngineError


@dataclass(slots=True)
class Hint:
    """An engine's own account of one leaf value.

    `page` and `boxes` say where the engine read it (boxes of the printed words, or of a tick box
    with its label); `text` is what was printed there. `confidence` is the engine's own belief in
    [0, 1] and `features` are the raw signals it came from, kept for calibration.
    """

    confidence: float
    page: int | None = None
    boxes: list[Box] = field(default_factory=list)
    text: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    inferred: bool = False  # the value is derived (a tick box, a unit conversion), not printed as is


@dataclass(slots=True)
class EngineOutput:
    """`result` fits the schema's shape; `hints` mirrors it (dicts, lists, Hint or None at leaves).
    For per_table_row, `rows_found` counts the entity rows the engine saw per array path."""

    result: dict | list
    hints: Any
    usage: dict[str, int] = field(default_factory=dict)
    table_rows: dict[str, int] = field(default_factory=dict)


class Located(Protocol):
    """Where grounding found a value: how (exact | normalized | fuzzy | inferred | none), on which
    page, in which words, and one box per printed line (`assay.pipeline.ground.Grounding`)."""

    kind: str
    page: Page | None
    words: list[Word]
    boxes: list[Box]


class Grounder(Protocol):
    """The pipeline's grounding of one document (`assay.pipeline.ground.Grounder`). `ctx` is the
    document's reading conventions (`domain.fields.read_context`), read once for every step."""

    ctx: ReadContext

    def ground(self, value: Any, node: dict, prefer_page: int | None = None) -> Located: ...


class Engine(Protocol):
    """Document + normalized schema + the job's options → EngineOutput.

    `options.extraction_target` decides the shape: per_doc → one object, per_page → one object per
    page, per_table_row → one object per entity row.
    """

    name: str
    offline: bool  # needs no network

    def extract(self, document: Document, schema: dict, options: ExtractOptions, *, grounder: Grounder,
                llm: LLMOptions | None = None) -> EngineOutput: ...


_REGISTRY: dict[str, str] = {"layout": "assay.engines.layout.engine:LayoutEngine",
                             "openai": "assay.engines.llm.engine:OpenAICompatEngine"}
_LOADED: dict[str, Engine] = {}


def register_engine(name: str, target: str) -> None:
    """Register an engine as "module.path:ClassName"; imported on first use."""
    _REGISTRY[name] = target
    _LOADED.pop(name, None)


def engine_names() -> list[str]:
    return sorted(_REGISTRY)


def get_engine(name: str) -> Engine:
    """The engine registered under `name`, constructed once per process."""
    if name in _LOADED:
        return _LOADED[name]
    target = _REGISTRY.get(name)
    if target is None:
        raise EngineError(f"Unknown engine {name!r}; available: {', '.join(engine_names())}")
    module_name, _, class_name = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"Engine {name!r} could not be loaded from {target!r}: {exc}") from exc
    engine = cls()
    _LOADED[name] = engine
    return engine


def usage_for(document: Document, output_chars: int) -> dict[str, int]:
    """Token-ish usage figures: ~4 characters per token, as the contract's usage keys want."""
    doc_chars = sum(len(w.text) + 1 for _, w in document.iter_words())
    return {
        "num_document_tokens": doc_chars // 4,
        "num_output_tokens": max(1, output_chars // 4),
        "num_pages_extracted": len(document.pages),
    }
