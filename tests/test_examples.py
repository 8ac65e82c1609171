"""The documents in examples/ extract exactly what they print: each one with its schema through the
whole in-process pipeline (parse → extract → ground → confidence → validate), compared with the
`<name>.expected.json` written by hand beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assay

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DOCUMENTS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".pdf", ".html"))


def test_every_example_has_a_schema_and_an_expected_result() -> None:
    assert len(DOCUMENTS) >= 4
    for doc in DOCUMENTS:
        assert (EXAMPLES / f"{doc.stem}.schema.json").is_file(), doc.name
        assert (EXAMPLES / f"{doc.stem}.expected.json").is_file(), doc.name


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_an_example_extracts_exactly_what_it_prints(doc: Path) -> None:
    schema = json.loads((EXAMPLES / f"{doc.stem}.schema.json").read_text())
    expected = json.loads((EXAMPLES / f"{doc.stem}.expected.json").read_text())
    result = assay.extract(doc, schema, cite_sources=True, confidence_scores=True)
    assert result.result == expected
    for key, value in expected.items():  # every array of rows: as many rows seen as printed, none more
        if isinstance(value, list):
            assert result.table_rows[key] == {"table_rows": len(value), "extracted": len(value)}
