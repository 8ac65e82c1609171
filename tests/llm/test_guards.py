"""Guards for small local models: repetition loops, replies cut off at max_tokens, context too small."""

from __future__ import annotations

import time

import pytest
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.llm.conftest import FaultProxy

from assay.domain.options import ExtractOptions
from assay.engines.llm.client import repeating
from assay.errors import EngineError
from assay.parsers import parse_document
from assay.pipeline.run import extract_document


@pytest.mark.parametrize(("text", "loops"), [
    pytest.param('{"a": "' + "la " * 200, True, id="one_word_again_and_again"),
    pytest.param('{"rows": [' + '{"x": 1, "y": 2}, ' * 30, True, id="one_record_again_and_again"),
    pytest.param("0" * 500, True, id="one_digit"),
    pytest.param('{"invoice_number": "INV-7", "total": 60.0, "line_items": []}', False, id="a_normal_reply"),
    pytest.param(", ".join(f'{{"n": {i}}}' for i in range(60)), False, id="a_long_list_of_different_items"),
    pytest.param("la " * 5, False, id="a_short_repeat"),
])
def test_repetition_is_recognised(text: str, loops: bool) -> None:
    assert repeating(text) is loops


def test_a_repetition_loop_is_cut_off_at_once_and_fails_with_a_reason(proxy: FaultProxy) -> None:
    document = parse_document(invoice_pdf("INV-7"), filename="invoice.pdf")
    proxy.loop_replies = True  # the server streams "la la la ..." for ~2 minutes unless we hang up
    started = time.monotonic()
    with pytest.raises(EngineError, match="repetition loop") as info:
        extract_document(document, ExtractOptions(INVOICE_SCHEMA, engine="openai"), engine="openai",
                llm=proxy.options(structured_output="json_object_schema"))
    assert time.monotonic() - started < 30
    assert "cannot be split further" in str(info.value)
    assert len(proxy.chats) > 1  # the chunk was asked again in halves before giving up


def test_a_reply_cut_off_at_max_tokens_is_asked_again_in_halves_then_fails(proxy: FaultProxy) -> None:
    document = parse_document(invoice_pdf("INV-7", rows=3), filename="invoice.pdf")
    proxy.cap_max_tokens = 6  # the real model stops mid-JSON with finish_reason "length"
    with pytest.raises(EngineError, match=r"cut off .*finish_reason length") as info:
        extract_document(document, ExtractOptions(INVOICE_SCHEMA), engine="openai",
                llm=proxy.options(structured_output="json_object_schema"))
    assert "lines p1:l" in str(info.value)
    assert len(proxy.chats) >= 3


def test_a_context_too_small_for_the_schema_fails_before_asking(proxy: FaultProxy) -> None:
    document = parse_document(invoice_pdf("INV-7"), filename="invoice.pdf")
    with pytest.raises(EngineError, match="context is too small"):
        extract_document(document, ExtractOptions(INVOICE_SCHEMA), engine="openai",
                llm=proxy.options(context_tokens=300, structured_output="json_object_schema"))
    assert proxy.chats == []
