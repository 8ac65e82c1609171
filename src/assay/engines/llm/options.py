"""LLMOptions: everything the `openai` engine needs to reach a model, as one picklable value.

Built by `Settings.llm_options()` in the process that owns the settings and passed down to the
engine with each call (the worker runs extraction in a child process, so it travels by pickle).
"""

from __future__ import annotations

from dataclasses import dataclass

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
