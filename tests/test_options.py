"""ExtractOptions: the configuration, typed once where it enters Assay."""

from __future__ import annotations

import pickle

import pytest

from assay.api.schemas.extract import ExtractConfiguration
from assay.domain.options import ExtractOptions, known_keys, unknown_keys
from assay.services.jobs import effective_configuration

SCHEMA = {"type": "object", "properties": {"total": {"type": "number"}}}


def test_every_key_of_the_wire_configuration_is_known() -> None:
    """A key added to the wire model must be read into an option or listed as accepted."""
    assert set(ExtractConfiguration.model_fields) <= set(known_keys())
    assert unknown_keys({"data_schema": SCHEMA, "tier": "agentic", "cite_source": True, "engine": "layout"}) == [
        "cite_source"]


def test_options_are_read_from_the_stored_configuration() -> None:
    stored = effective_configuration({"data_schema": SCHEMA, "tier": "turbo", "target_pages": "2-3",
                                      "cite_sources": True, "system_prompt": None, "new_sdk_key": 1})
    assert stored["new_sdk_key"] == 1  # the API keeps what it does not know (CONTRACT §4.1)
    options = ExtractOptions.from_configuration(stored)
    assert options == ExtractOptions(SCHEMA, tier="turbo", target_pages="2-3", cite_sources=True)
    assert options.parse_tier_to_use == "fast"
    assert ExtractOptions(SCHEMA, tier="agentic", parse_tier="cost_effective").parse_tier_to_use == "cost_effective"
    assert pickle.loads(pickle.dumps(options)) == options  # it travels to the worker's sandbox by pickle


def test_options_are_frozen() -> None:
    options = ExtractOptions(SCHEMA)
    with pytest.raises(AttributeError):
        options.tier = "agentic"  # type: ignore[misc]
    assert (options.tier, options.extraction_target, options.cite_sources, options.engine) == (
        "cost_effective", "per_doc", False, None)
