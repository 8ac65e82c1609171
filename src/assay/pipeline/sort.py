"""Sorting parsed documents: classify (which rule a document is) and split (where a bundle's documents
begin and end), by the offline layout engine or by the `openai` engine, which return the same domain
types (`assay.domain.classification`). The worker (`assay.jobqueue.run`) and the in-process API call these.
"""

from __future__ import annotations

from assay.domain.classification import Category, Classification, Rule, Segment, SplitStrategy
from assay.domain.document import Document
from assay.domain.options import LLMOptions
from assay.errors import EngineError


def classify_document(document: Document, rules: list[Rule], *, engine: str = "layout",
                      llm: LLMOptions | None = None) -> Classification:
    if engine == "openai":
        from assay.engines.llm.sort import classify

        return classify(document, rules, _needs(llm))
    _check(engine)
    from assay.engines.layout.classify import classify as classify_offline

    return classify_offline(document, rules)


def split_document(document: Document, categories: list[Category], strategy: SplitStrategy, *,
                   engine: str = "layout", llm: LLMOptions | None = None) -> list[Segment]:
    if engine == "openai":
        from assay.engines.llm.sort import split

        return split(document, categories, strategy, _needs(llm))
    _check(engine)
    from assay.engines.layout.split import split as split_offline

    return split_offline(document, categories, strategy)


def _needs(llm: LLMOptions | None) -> LLMOptions:
    if llm is None:
        raise EngineError("The openai engine needs a model server: set ASSAY_LLM_BASE_URL and ASSAY_LLM_MODEL.")
    return llm


def _check(engine: str) -> None:
    if engine != "layout":
        raise EngineError(f"Classify and split run on the layout or openai engine, not {engine!r}.")
