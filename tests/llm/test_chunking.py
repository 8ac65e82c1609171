"""Long documents: chunks that fit the context, answered in parallel, merged without duplicates."""

from __future__ import annotations

import itertools

from tests.documents import tiny_pdf
from tests.llm.conftest import FaultProxy
from tests.llm.documents import SIMPLE_SCHEMA

from assay.domain.document import Box
from assay.domain.options import ExtractOptions
from assay.engines.llm import prompt as P
from assay.engines.llm.merge import merge
from assay.parsers import parse_document
from assay.pipeline.ground import Grounder
from assay.pipeline.run import extract_document


def lines(*texts: str, page: int = 1) -> list[P.DocLine]:
    return [P.DocLine(page, i, t, Box(72, 20 * i, 100, 12)) for i, t in enumerate(texts, start=1)]


def test_chunks_fit_the_budget_share_their_overlap_and_keep_line_ids() -> None:
    doc = lines(*[f"Line number {i} of the terms and conditions." for i in range(1, 41)])
    chunks = P.chunk_lines(doc, budget_tokens=120)
    assert len(chunks) > 3
    assert all(sum(P.estimate_tokens(x.render()) + 2 for x in c.lines) <= 120 for c in chunks)
    for before, after in itertools.pairwise(chunks):
        assert [x.id for x in after.lines[:P.OVERLAP]] == [x.id for x in before.lines[-P.OVERLAP:]]
        assert after.shared_before == {x.id for x in after.lines[:P.OVERLAP]}
    assert {x.id for c in chunks for x in c.lines} == {x.id for x in doc}
    assert chunks[0].render().startswith("--- page 1 ---\n[p1:l1] Line number 1 of")


def test_arrays_merge_in_document_order_without_the_overlaps_duplicates() -> None:
    document = parse_document(tiny_pdf("Widget A 10.00", "Widget B 20.00", "Widget C 30.00", "Widget B 20.00"),
                              filename="x.pdf")
    doc = P.document_lines(document)
    first = P.Chunk(doc[:3], 0)
    second = P.Chunk(doc[1:], 1, shared_before={doc[1].id, doc[2].id})
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"name": {"type": "string"}, "amount": {"type": "number"}}}}}}
    a = {"name": "Widget A", "amount": 10.0}
    b = {"name": "Widget B", "amount": 20.0}
    c = {"name": "Widget C", "amount": 30.0}
    answers = [{"items": [a, b, c]}, {"items": [b, c, b]}]  # the second chunk re-reads B and C from the overlap
    merged = merge(answers, [first, second], schema, Grounder(document))
    assert merged["items"] == [a, b, c, b]  # the last B is printed again after the overlap: kept


def test_scalars_take_the_best_grounded_candidate() -> None:
    document = parse_document(tiny_pdf("Invoice Number: INV-7", "Reference R-1"), filename="x.pdf")
    doc = P.document_lines(document)
    chunks = [P.Chunk(doc[:1], 0), P.Chunk(doc[1:], 1)]
    schema = {"type": "object", "properties": {"invoice_number": {"type": "string"}}}
    assert merge([{"invoice_number": "INV-8"}, {"invoice_number": "INV-7"}], chunks, schema,
                 Grounder(document)) == {"invoice_number": "INV-7"}  # INV-8 is printed nowhere
    assert merge([{"invoice_number": None}, {"invoice_number": "R-1"}], chunks, schema,
                 Grounder(document)) == {"invoice_number": "R-1"}


def test_a_long_document_is_chunked_to_fit_the_context_and_merged(proxy: FaultProxy) -> None:
    filler = [f"Clause {i}: the buyer pays within thirty days." for i in range(1, 19)]
    document = parse_document(tiny_pdf("INVOICE", "Invoice Number: INV-7", *filler, "Total: 60.00"),
                              filename="invoice.pdf")
    extraction = extract_document(document, ExtractOptions(SIMPLE_SCHEMA, cite_sources=True), engine="openai",
                                  llm=proxy.options(context_tokens=768, max_output_tokens=96,
                                                    structured_output="json_object_schema"))
    bodies = [a["messages"][1]["content"] for a in proxy.chats]
    assert len(bodies) >= 2  # the 21 lines did not fit one request
    # Chunks are sent in parallel, so the proxy sees them in any order: find each by its lines.
    firsts = [b for b in bodies if "[p1:l2] Invoice Number: INV-7" in b]
    assert firsts
    assert all("[p1:l21] Total: 60.00" not in b for b in firsts)
    assert any("[p1:l21] Total: 60.00" in b for b in bodies)
    assert set(extraction.result) == set(SIMPLE_SCHEMA["properties"])
