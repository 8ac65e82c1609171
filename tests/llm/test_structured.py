"""Structured output against the real model server: detection, plain-JSON fallback, repair."""

from __future__ import annotations

import pytest
from tests.llm.conftest import FaultProxy
from tests.llm.documents import SIMPLE_SCHEMA, simple_invoice

from assay.domain.options import ExtractOptions
from assay.engines.llm import structured
from assay.errors import EngineError
from assay.parsers import parse_document
from assay.pipeline.run import extract_document


def probes(proxy: FaultProxy) -> list[dict]:
    return [b["response_format"] for b in proxy.chats if b.get("max_tokens") == 24]


def run(proxy: FaultProxy, **options):  # type: ignore[no-untyped-def]
    document = parse_document(simple_invoice(), filename="invoice.pdf")
    return extract_document(document, ExtractOptions(SIMPLE_SCHEMA, cite_sources=True), engine="openai",
                            llm=proxy.options(**options))


def test_llama_cpp_server_rejects_json_schema_and_enforces_json_object_with_schema(proxy: FaultProxy) -> None:
    extraction = run(proxy)
    assert [p["type"] for p in probes(proxy)] == ["json_schema", "json_object"]
    assert "schema" in probes(proxy)[1]
    assert structured._CACHE[(proxy.url, "gemma-3-270m")] == "json_object_schema"
    ask = proxy.chats[-1]
    assert ask["response_format"]["type"] == "json_object"
    assert "schema" in ask["response_format"]
    assert extraction.result["invoice_number"] == "INV-7"


def test_a_server_that_enforces_json_schema_gets_json_schema(proxy: FaultProxy) -> None:
    proxy.translate_json_schema = True
    run(proxy)
    assert [p["type"] for p in probes(proxy)] == ["json_schema"]
    assert proxy.chats[-1]["response_format"]["type"] == "json_schema"
    assert proxy.chats[-1]["response_format"]["json_schema"]["strict"] is True


def test_a_server_that_ignores_the_schema_gets_plain_json_mode_and_the_schema_in_the_prompt(proxy: FaultProxy) -> None:
    proxy.strip_schema = True  # accepts {"type": "json_object", "schema": ...} but enforces any JSON only
    try:
        extraction = run(proxy, max_output_tokens=160)
    except EngineError as exc:  # unconstrained, the 270M model may pad or ramble past the budget
        assert "cut off" in str(exc) or "repetition" in str(exc) or "even after a repair" in str(exc)  # noqa: PT017 (either outcome is allowed)
    else:
        assert set(extraction.result) == set(SIMPLE_SCHEMA["properties"])
    assert [p["type"] for p in probes(proxy)] == ["json_schema", "json_object", "json_object"]
    ask = next(b for b in proxy.chats if b.get("max_tokens") != 24)
    assert ask.get("response_format") in ({"type": "json_object"}, None)  # plain JSON mode, or none at all
    assert "JSON Schema of the reply" in ask["messages"][1]["content"]


def test_the_mode_is_probed_once_per_server(proxy: FaultProxy) -> None:
    run(proxy)
    run(proxy)
    assert len(probes(proxy)) == 2  # json_schema refused, json_object+schema accepted; never again


def test_a_reply_that_does_not_fit_gets_one_repair_round_trip(proxy: FaultProxy) -> None:
    proxy.break_replies = 1
    extraction = run(proxy, structured_output="json_object_schema")
    repair = proxy.chats[-1]["messages"]
    assert repair[-2]["role"] == "assistant"
    assert repair[-2]["content"] == '{"broken": tru'
    assert "does not fit the JSON Schema" in repair[-1]["content"]
    assert "not valid JSON" in repair[-1]["content"]
    assert set(extraction.result) == set(SIMPLE_SCHEMA["properties"])  # the repaired reply fits


def test_output_still_invalid_after_the_repair_fails_the_extraction(proxy: FaultProxy) -> None:
    proxy.break_replies = 2
    with pytest.raises(structured.InvalidOutputError, match="even after a repair round-trip"):
        run(proxy, structured_output="json_object_schema")
    assert len(proxy.chats) == 2


@pytest.mark.parametrize(("text", "value"), [
    pytest.param('{"a": 1}', {"a": 1}, id="bare"),
    pytest.param('Here it is:\n```json\n{"a": 1}\n```', {"a": 1}, id="fenced"),
    pytest.param('Sure! {"a": {"b": 2}} Hope that helps.', {"a": {"b": 2}}, id="in_prose"),
    pytest.param('{"a": ', None, id="cut_off"),
])
def test_replies_are_parsed_leniently(text: str, value: object) -> None:
    assert structured.parse_json(text) == value


def test_the_model_schema_allows_null_leaves_and_keeps_containers() -> None:
    from assay.domain.schema import normalize_schema

    got = structured.model_schema(normalize_schema({"type": "object", "properties": {
        "n": {"type": "integer", "minimum": 1}, "tags": {"type": "array", "items": {"type": "string"}},
        "kind": {"enum": ["a", "b"]}}}))
    assert got["type"] == "object"
    assert got["required"] == ["n", "tags", "kind"]
    assert got["properties"]["n"] == {"type": ["integer", "null"]}
    assert got["properties"]["tags"]["type"] == "array"
    assert got["properties"]["kind"]["enum"] == ["a", "b", None]
