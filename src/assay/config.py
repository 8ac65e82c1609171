"""Settings: built once (from arguments, then ASSAY_* environment variables) and passed down."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSAY_", extra="ignore")

    home: Path = Field(Path(".assay"), description="Data folder for the embedded defaults (SQLite file, blobs).")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default sqlite in ASSAY_HOME.")
    storage_url: str | None = Field(None, description="Blob store: a folder or any fsspec URL (s3://bucket/prefix).")
    api_key: str | None = Field(None, description="First key of the default project, used when the database is empty.")
    auth_disabled: bool = Field(
        False, description="Accept any Bearer value as the default project (single-user mode).")
    public_base_url: str | None = Field(
        None, description="Absolute base URL for download links; default: the request's.")
    root_path: str = Field(
        "", description="Path prefix the API is served under (e.g. /llama), with or without a proxy.")

    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1, description="In-process workers of `assay serve`.")
    lease_seconds: float = Field(30.0, description="How long a claimed job stays leased without a heartbeat.")
    heartbeat_seconds: float = Field(5.0, description="How often a worker renews its lease (at most a third of "
                                     "the lease).")
    poll_seconds: float = Field(2.0, description="How often an idle worker looks for work nothing announced: "
                                "a job created by another process on SQLite, a lease that ran out.")
    max_attempts: int = Field(3, description="Claims of a job (after lost leases) before it fails.")
    job_time_limit_seconds: float = Field(3600.0, description="A job still parsing or extracting after this fails.")
    max_running_jobs_per_project: int = Field(
        8, description="Extract jobs of one project running at once; the rest wait as THROTTLED."
    )

    db_pool_size: int = Field(10, description="PostgreSQL connections kept per process (as many again may "
                              "overflow); size it to API threads + workers + 2 per process.")

    log_format: str = Field("text", description="Log lines as `text` or `json` (one object per line, with "
                            "request_id and job_id).")
    metrics: bool = Field(True, description="Serve Prometheus metrics at /metrics (no authentication: keep it off "
                          "the public listener, or turn it off).")
    metrics_port: int | None = Field(None, description="`assay worker` serves its own /metrics on this port.")
    rate_limit_per_minute: float = Field(0, description="Requests per minute per API key, in each API process "
                                         "(token bucket; 0 = no limit). Over it: 429 with Retry-After.")
    rate_limit_burst: int = Field(60, description="Requests one key may make at once before the rate applies.")
    max_json_body_bytes: int = Field(1024 * 1024, description="Largest JSON (non-upload) request body; over it: 413.")
    idempotency_hours: float = Field(24.0, description="How long an Idempotency-Key returns the same job.")

    max_upload_bytes: int = Field(100 * 1024 * 1024, description="Largest accepted upload.")
    max_pages: int = Field(2000, description="Largest page count a parse or extract job processes.")
    image_ocr: bool = Field(True, description="OCR the pictures on PDF pages that have a text layer (a logo "
                            "with the company name, an IBAN pasted in as an image); never in the `fast` tier.")
    page_size_default: int = 50
    page_size_max: int = 1000

    webhook_allow_private: bool = Field(False, description="Allow webhooks to private and loopback addresses.")
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 8

    # The `openai` engine: any OpenAI-compatible chat-completions server (vLLM, Ollama, llama.cpp, OpenAI).
    engine: str = Field("auto", description="Engine for jobs that name none (configuration `engine`): "
                        "auto = openai when an LLM is configured (ASSAY_LLM_MODEL or ASSAY_LLM_BASE_URL), else layout.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1; "
                                     "default https://api.openai.com/v1.")
    llm_model: str | None = Field(None, description="Model name sent to the server.")
    llm_api_key: str | None = Field(None, description="Key sent to ASSAY_LLM_BASE_URL. Without it, OPENAI_API_KEY is "
                                    "used for api.openai.com only, never sent to a custom base URL.")
    openai_api_key: str | None = Field(None, validation_alias="OPENAI_API_KEY", description="The default OpenAI key.")
    llm_timeout_seconds: float = Field(120.0, description="Per model request.")
    llm_connect_timeout_seconds: float = Field(10.0, description="Connecting to the model server.")
    llm_max_concurrency: int = Field(4, description="Model requests in flight at once, per job.")
    llm_context_tokens: int | None = Field(None, description="The model's context; default: asked from the server, "
                                           "else 8192.")
    llm_max_output_tokens: int = Field(2048, description="Most tokens one reply may have.")
    llm_max_retries: int = Field(3, description="Retries on 429, 5xx, timeouts and refused connections.")
    llm_structured_output: str = Field("auto", description="auto (probe the server once) | json_schema | "
                                       "json_object_schema | json_object | none.")

    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalize_database_url(self.database_url)
        return f"sqlite:///{(self.home / 'assay.db').resolve()}"

    def resolved_storage_url(self) -> str:
        return self.storage_url or str((self.home / "blobs").resolve())

    def llm_options(self):  # type: ignore[no-untyped-def]
        """LLMOptions for the `openai` engine, or None when no LLM is configured."""
        from assay.domain.options import OPENAI_BASE_URL, LLMOptions

        if not (self.llm_model or self.llm_base_url):
            return None
        base_url = (self.llm_base_url or OPENAI_BASE_URL).rstrip("/")
        key = self.llm_api_key
        if key is None and base_url == OPENAI_BASE_URL:  # the default key goes to OpenAI only
            key = self.openai_api_key
        return LLMOptions(
            base_url=base_url, model=self.llm_model or "", api_key=key, timeout_seconds=self.llm_timeout_seconds,
            connect_timeout_seconds=self.llm_connect_timeout_seconds, max_concurrency=self.llm_max_concurrency,
            context_tokens=self.llm_context_tokens, max_output_tokens=self.llm_max_output_tokens,
            max_retries=self.llm_max_retries, structured_output=self.llm_structured_output,
        )

    def engine_for(self, requested: str | None) -> str:
        """The engine a job runs: the one its configuration names, else ASSAY_ENGINE (auto: openai if configured)."""
        name = requested or self.engine
        if name == "auto":
            return "openai" if (self.llm_model or self.llm_base_url) else "layout"
        return str(name)


def normalize_database_url(url: str) -> str:
    """Accept the plain `postgresql://` URLs people copy around and use psycopg 3 for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
