"""Property names that are also JSON Schema keywords: schemas are walked by keyword position, never by key name."""

from __future__ import annotations

import pytest
from tests.documents import tiny_pdf

from assay.domain.options import ExtractOptions
from assay.domain.schema import map_schema, normalize_schema, subschemas
from assay.engines.llm.structured import bound_strings
from assay.errors import EngineError, SchemaError
from assay.parsers import parse_document
from assay.pipeline.run import extract_document
from assay.pipeline.validate import validate

MEMBERSHIP = {"type": "object", "required": ["type", "required"], "properties": {
    "type": {"type": "string", "description": "Kind of membership"},
    "required": {"type": "integer", "description": "Seats required"},
    "format": {"type": "string", "description": "Paper format"},
    "pattern": {"type": "string"},
    "properties": {"type": "object", "properties": {"items": {"type": "number", "description": "Number of items"}}},
}}


def test_fields_named_like_keywords_are_extracted() -> None:
    document = parse_document(tiny_pdf("MEMBERSHIP", "Type: Premium", "Required: 3", "Format: A4", "Pattern: Striped",
                                       "Items: 12"), filename="membership.pdf")
    out = extract_document(document, ExtractOptions(MEMBERSHIP, cite_sources=True))
    assert out.result == {"type": "Premium", "required": 3, "format": "A4", "pattern": "Striped",
                          "properties": {"items": 12}}
    meta = out.field_metadata["document_metadata"]
    assert [meta[k]["grounding"] for k in ("type", "required", "format", "pattern")] == ["exact"] * 4
    assert meta["required"]["citation"][0]["matching_text"] == "3"


def test_fields_named_like_keywords_are_validated() -> None:
    schema = normalize_schema(MEMBERSHIP)
    fits = {"type": "Premium", "required": 3, "format": None, "pattern": None, "properties": {"items": None}}
    validate(fits, schema, "per_doc")
    for name, wrong in (("type", 7), ("required", "three"), ("format", 4), ("pattern", []), ("properties", "x")):
        with pytest.raises(EngineError, match=rf"at \['{name}'\]"):
            validate({**fits, name: wrong}, schema, "per_doc")


def test_the_schema_walk_goes_by_keyword_position() -> None:
    schema = {"type": "object", "properties": {"type": {"type": "string"}, "items": {"type": "array", "items": [
        {"type": "string"}]}}, "$defs": {"required": {"anyOf": [{"type": "number"}, {"type": "null"}]}},
        "additionalProperties": False, "enum": [{"type": "kept as a value"}], "default": {"type": "not a schema"}}
    seen = []
    map_schema(schema, lambda node: seen.append(node.get("type")) or node)
    assert seen == ["string", "string", "array", "number", "null", None, "object"]  # bottom up, root last
    assert len(list(subschemas(schema))) == 4  # 2 properties, 1 definition, additionalProperties: false
    tagged = map_schema(schema, lambda node: {**node, "seen": True})
    assert tagged["enum"] == [{"type": "kept as a value"}]
    assert tagged["default"] == {"type": "not a schema"}
    assert tagged["properties"]["type"] == {"type": "string", "seen": True}
    assert "seen" not in tagged["properties"]  # the map of names is no schema


def test_string_bounds_reach_fields_named_like_keywords() -> None:
    bounded = bound_strings(normalize_schema(MEMBERSHIP), 40)
    assert bounded["properties"]["type"]["maxLength"] == 40
    assert bounded["properties"]["format"]["maxLength"] == 40
    assert "maxLength" not in bounded["properties"]["required"]
    assert "maxLength" not in bounded["properties"]


def test_the_character_limit_counts_names_and_descriptions_not_keywords() -> None:
    description = "d" * 119_990  # with the property's name: exactly the limit of 120,000 characters
    normalize_schema({"type": "object", "properties": {"properties": {"type": "string", "description": description}}})
    with pytest.raises(SchemaError, match="120001 characters"):
        normalize_schema({"type": "object", "properties": {"properties": {"type": "string",
                                                                          "description": description + "d"}}})
