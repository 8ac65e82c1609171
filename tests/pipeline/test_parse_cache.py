"""The parse cache's key: a parse cached before the parsers changed is not reused after an upgrade."""

from __future__ import annotations

import pytest

from assay.pipeline import parse
from assay.pipeline.parse import ParseSettings

SHA = "ab" * 32


def test_the_key_changes_with_the_parsers_code(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = ParseSettings("cost_effective")
    today = settings.cache_key(SHA)
    assert today == settings.cache_key(SHA)
    assert len(parse.parsers_version()) == 16
    monkeypatch.setattr(parse, "parsers_version", lambda: "0" * 16)  # as an earlier release's parsers
    assert settings.cache_key(SHA) != today


def test_the_key_changes_with_the_parse_settings() -> None:
    keys = {ParseSettings(tier).cache_key(SHA) for tier in ("fast", "cost_effective")}
    keys |= {ParseSettings("fast", target_pages="1").cache_key(SHA), ParseSettings("fast", max_pages=2).cache_key(SHA)}
    keys.add(ParseSettings("cost_effective", image_ocr=False).cache_key(SHA))  # ASSAY_IMAGE_OCR=false
    assert len(keys) == 5
