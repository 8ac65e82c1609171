"""normalize_schema: refs inlined, nullability as type lists, every problem listed with its path."""

from __future__ import annotations

import pytest

from assay.domain.schema import normalize_schema
from assay.errors import SchemaError


def test_refs_and_anyof_null_become_inline_nullable_types():
    schema = {
        "type": "object",
        "$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}},
        "properties": {
            "home": {"$ref": "#/$defs/Address", "description": "where they live"},
            "tax": {"anyOf": [{"type": "number"}, {"type": "null"}]},
            "name": {"type": ["string", "null"]},
            "terms": {"type": ["string", "null"], "enum": ["Net 30", "Net 60"]},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    }
    out = normalize_schema(schema)
    assert "$defs" not in out
    assert out["properties"]["home"]["properties"]["city"] == {"type": "string"}
    assert out["properties"]["home"]["description"] == "where they live"
    assert out["properties"]["tax"]["type"] == ["number", "null"]
    assert out["properties"]["name"]["type"] == ["string", "null"]
    assert out["properties"]["terms"]["enum"] == ["Net 30", "Net 60", None]
    assert out["properties"]["tags"]["items"] == {"type": "string"}


def test_every_problem_is_listed_with_its_path():
    schema = {
        "type": "object",
        "properties": {
            "a": {"$ref": "https://example.com/x.json"},
            "b": {"type": "strin"},
            "c": {"$ref": "#/$defs/Missing"},
        },
    }
    with pytest.raises(SchemaError) as err:
        normalize_schema(schema)
    problems = err.value.problems
    assert any(p.startswith("$.properties.a.$ref") for p in problems)
    assert any(p.startswith("$.properties.b.type") for p in problems)
    assert any(p.startswith("$.properties.c.$ref") for p in problems)


def test_root_must_be_an_object():
    with pytest.raises(SchemaError, match="root"):
        normalize_schema({"type": "array", "items": {"type": "string"}})


def test_circular_refs_are_rejected():
    schema = {"type": "object", "$defs": {"N": {"type": "object", "properties": {"next": {"$ref": "#/$defs/N"}}}},
              "properties": {"head": {"$ref": "#/$defs/N"}}}
    with pytest.raises(SchemaError, match="circular"):
        normalize_schema(schema)


def test_limits_depth_properties_and_characters():
    deep: dict = {"type": "string"}
    for _ in range(9):
        deep = {"type": "object", "properties": {"x": deep}}
    with pytest.raises(SchemaError, match="nesting"):
        normalize_schema(deep)
    wide = {"type": "object", "properties": {f"f{i}": {"type": "string"} for i in range(5001)}}
    with pytest.raises(SchemaError, match="5000"):
        normalize_schema(wide)
    wordy = {"type": "object", "properties": {"a": {"type": "string", "description": "x" * 120_001}}}
    with pytest.raises(SchemaError, match="120000"):
        normalize_schema(wordy)
