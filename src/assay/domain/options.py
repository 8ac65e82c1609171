"""Options that travel with an extraction, as frozen, picklable values.

* ExtractOptions  what an extract job asked for: its configuration (CONTRACT §4.1), typed. Built where
                  a configuration enters Assay, once validated (`services.jobs.effective_configuration`):
                  by `services.jobs.create` (the worker rebuilds it from the configuration stored with
                  the job) and by `assay.local`, the in-process API, which also refuses unknown keys.
                  Everything below reads fields, never configuration keys, so a misspelt name fails
                  where it is written.
* LLMOptions      everything the `openai` engine needs to reach a model. Built by
                  `Settings.llm_options()` in the process that owns the settings and passed down to the
                  engine with each call (the worker runs extraction in a child process: it travels by
                  pickle).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from assay.domain.tiers import PARSE_TIER_FOR

EXTRACTION_TARGETS = ("per_doc", "per_page", "per_table_row")
# what a configuration means when it leaves a key out; stored with the job, so `expand=configuration` shows it
DEFAULTS: dict[str, Any] = {
    "tier": "cost_effective",
    "extraction_target": "per_doc",
    "cite_sources": False,
    "confidence_scores": False,
}
# Keys of the contract's ExtractConfiguration that are accepted (and validated, where they constrain
# others) but change nothing here; with ExtractOptions' fields, every key a configuration may name.
# Anything else is kept with the job and ignored, as the contract asks of the HTTP API.
ACCEPTED_KEYS = ("version", "extract_version", "advanced_citations", "parse_config_id", "disable_cache",
                 "spreadsheet_mode", "sheet_names")


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    data_schema: dict[str, Any]  # as the user sent it; the pipeline normalizes it
    tier: str = DEFAULTS["tier"]
    extraction_target: str = DEFAULTS["extraction_target"]
    cite_sources: bool = DEFAULTS["cite_sources"]
    confidence_scores: bool = DEFAULTS["confidence_scores"]
    system_prompt: str | None = None
    target_pages: str | None = None
    max_pages: int | None = None
    parse_tier: str | None = None
    engine: str | None = None  # None: the server's choice (ASSAY_ENGINE)

    @classmethod
    def from_configuration(cls, configuration: Mapping[str, Any]) -> ExtractOptions:
        """The options of a configuration (validated beforehand: `services.jobs.effective_configuration`).
        A key left out or null takes its default; keys that are no field are ignored (see `unknown_keys`)."""
        given = {f.name: configuration[f.name] for f in fields(cls) if configuration.get(f.name) is not None}
        for flag in ("cite_sources", "confidence_scores"):
            if flag in given:
                given[flag] = bool(given[flag])
        return cls(**given)

    @property
    def parse_tier_to_use(self) -> str:
        """The parse tier: the job's own `parse_tier`, else the one its extract tier implies (turbo → fast)."""
        return self.parse_tier or PARSE_TIER_FOR[self.tier]


def known_keys() -> tuple[str, ...]:
    """Every key a configuration may name."""
    return (*(f.name for f in fields(ExtractOptions)), *ACCEPTED_KEYS)


def unknown_keys(configuration: Mapping[str, Any]) -> list[str]:
    """Keys of `configuration` that no option or accepted contract key is called."""
    known = set(known_keys())
    return sorted(k for k in configuration if k not in known)


OPENAI_BASE_URL = "https://api.openai.com/v1"
STRUCTURED_MODES = ("auto", "json_schema", "json_object_schema", "json_object", "none")


@dataclass(frozen=True, slots=True)
class LLMOptions:
    base_url: str = OPENAI_BASE_URL
    model: str = ""
    api_key: str | None = None  # sent as `Authorization: Bearer`; None sends no header
    timeout_seconds: float = 120.0  # per request, reading the whole reply
    connect_timeout_seconds: float = 10.0
    max_concurrency: int = 4  # requests in flight to the server at once, per job
    context_tokens: int | None = None  # None: ask the server (/props, /v1/models), else 8192
    max_output_tokens: int = 2048
    max_retries: int = 3  # on 429, 5xx, timeouts and refused connections
    retry_base_seconds: float = 0.5  # backoff: base · 2^attempt (· jitter), Retry-After wins when given
    temperature: float = 0.0
    seed: int | None = 0
    structured_output: str = "auto"  # one of STRUCTURED_MODES; auto = probe the server once
    stream: bool = True  # stream replies so a repetition loop is cut off early

    def __post_init__(self) -> None:
        if self.structured_output not in STRUCTURED_MODES:
            raise ValueError(f"structured_output must be one of {', '.join(STRUCTURED_MODES)}")

    @property
    def root(self) -> str:
        """The base URL without a trailing slash, ending in /v1 as OpenAI-compatible servers expect."""
        return self.base_url.rstrip("/")
