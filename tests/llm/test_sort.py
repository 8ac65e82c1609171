"""Classify and split on the `openai` engine against the real local model (tests/llm/conftest.py): the
model's answer is constrained to the user's names, checked against the pages, and turned into the same
domain types as the layout engine's; one run goes through the API, the worker and the SDK."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import CONTRACT, CONTRACT_MORE, INVOICE, RECIPE, pdf
from tests.llm.conftest import MODEL_ALIAS, FaultProxy

from assay.domain.classification import Category, Rule, SplitStrategy, Uncategorized
from assay.domain.options import LLMOptions
from assay.engines.llm.sort import segments_from_labels
from assay.parsers import parse_document
from assay.pipeline.sort import classify_document, split_document

RULES = [Rule("invoice", "A bill from a supplier requesting payment"), Rule("contract", "An agreement between parties")]
CATEGORIES = [Category(r.type, r.description) for r in RULES]
def options(proxy: FaultProxy, *, pinned: bool = True) -> LLMOptions:
    """The proxy's options with the server's structured-output mode given (no probe eats a pinned reply);
    a pinned reply still has the model answer first, so it is kept short."""
    return proxy.options(structured_output="json_object_schema", max_output_tokens=32 if pinned else 512)


BUNDLE = pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
             ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))


def test_the_model_classifies_into_one_of_the_rules_or_none(proxy: FaultProxy) -> None:
    result = classify_document(parse_document(pdf(("INVOICE", INVOICE, None))), RULES, engine="openai",
                               llm=options(proxy, pinned=False))
    assert result.type in ("invoice", "contract", None)
    assert 0.0 <= result.confidence <= 1.0
    assert result.reasoning
    schema = proxy.chats[-1]["response_format"]["schema"]
    assert schema["properties"]["type"]["enum"] == ["invoice", "contract", "none"]


def test_only_quotes_printed_on_a_page_count_as_evidence(proxy: FaultProxy) -> None:
    proxy.replies.append(json.dumps({"type": "invoice", "confidence": 0.9, "reasoning": "It asks for payment.",
                                     "quotes": ["Invoice No: INV-20417", "Purchase order PO-1"]}))
    result = classify_document(parse_document(pdf(("Cover", ["Dear customer, please find attached."], None),
                                                  ("INVOICE", INVOICE, None))), RULES, engine="openai",
                               llm=options(proxy))
    assert result.type == "invoice"
    assert result.confidence == 0.9
    assert [(e.page, e.words) for e in result.evidence] == [(2, ("Invoice No: INV-20417", "invoice"))]
    assert "Page 2 has 'Invoice No: INV-20417'" in result.reasoning
    assert "PO-1" not in result.reasoning

    proxy.replies.append(json.dumps({"type": "contract", "confidence": 0.95, "reasoning": "x", "quotes": ["nowhere"]}))
    unsupported = classify_document(parse_document(pdf(("Lemon Drizzle Cake", RECIPE, None))), RULES,
                                    engine="openai", llm=options(proxy))
    assert unsupported.type == "contract"
    assert unsupported.confidence == 0.6  # nothing the model quoted is printed there


def test_page_labels_become_segments_under_the_strategy(proxy: FaultProxy) -> None:
    document = parse_document(BUNDLE)
    labels = {"pages": [{"page": 1, "category": "invoice", "starts_new_document": True, "confidence": 0.9},
                        {"page": 2, "category": "uncategorized", "starts_new_document": True, "confidence": 0.5},
                        {"page": 3, "category": "contract", "starts_new_document": True, "confidence": 0.9},
                        {"page": 4, "category": "contract", "starts_new_document": False, "confidence": 0.7}]}
    proxy.replies.append(json.dumps(labels))
    segments = split_document(document, CATEGORIES, SplitStrategy(), engine="openai", llm=options(proxy))
    assert [(s.category, s.pages, s.confidence_category) for s in segments] == [
        ("invoice", (1,), "high"), (None, (2,), "medium"), ("contract", (3, 4), "high")]
    as_read = {p["page"]: (None if p["category"] == "uncategorized" else p["category"], p["starts_new_document"],
                           p["confidence"]) for p in labels["pages"]}
    omitted = segments_from_labels(document, as_read, SplitStrategy(Uncategorized.OMIT))
    assert [s.pages for s in omitted] == [(1,), (3, 4)]
    merged = segments_from_labels(document, as_read, SplitStrategy(min_pages_per_split=2))
    assert [(s.category, s.pages) for s in merged] == [("invoice", (1, 2)), ("contract", (3, 4))]

    proxy.replies.append(json.dumps({"pages": [{**p, "category": "invoice"} for p in labels["pages"]]}))
    split_document(document, CATEGORIES, SplitStrategy(Uncategorized.FORBID), engine="openai", llm=options(proxy))
    item = proxy.chats[-1]["response_format"]["schema"]["properties"]["pages"]["items"]
    assert item["properties"]["category"]["enum"] == ["invoice", "contract"]  # forbid: no uncategorized


@pytest.fixture
def llm_server(tmp_path: Path, proxy: FaultProxy) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'assay.db'}", llm_base_url=proxy.url,
                             llm_model=MODEL_ALIAS, llm_context_tokens=4096, llm_max_output_tokens=32,
                             llm_structured_output="json_object_schema", llm_timeout_seconds=pace.seconds(120))
    yield from start_server(settings, workers=1)


def test_a_split_job_runs_on_the_model_when_one_is_configured(llm_server: LiveServer, proxy: FaultProxy) -> None:
    client = llm_server.sdk()
    file_id = client.files.create(file=("b.pdf", BUNDLE, "application/pdf"), purpose="extract").id
    proxy.replies.append(json.dumps({"pages": [  # the model is asked; its answer is pinned (a tiny model is slow)
        {"page": 1, "category": "invoice", "starts_new_document": True, "confidence": 0.9},
        {"page": 2, "category": "invoice", "starts_new_document": False, "confidence": 0.6},
        {"page": 3, "category": "contract", "starts_new_document": True, "confidence": 0.9},
        {"page": 4, "category": "contract", "starts_new_document": False, "confidence": 0.9}]}))
    job = client.beta.split.split(categories=[{"name": c.name, "description": c.description} for c in CATEGORIES],
                                  document_input={"type": "file_id", "value": file_id}, polling_interval=0.2)
    assert job.status == "completed", job.error_message
    assert [(s.category, s.pages, s.confidence_category) for s in job.result.segments] == [
        ("invoice", [1, 2], "medium"), ("contract", [3, 4], "high")]
    assert "Lemon Drizzle Cake" in proxy.chats[-1]["messages"][-1]["content"]  # the pages went to the model
