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
    auth_disabled: bool = Field(False, description="Accept any Bearer value as the default project (single-user mode).")
    public_base_url: str | None = Field(None, description="Absolute base URL for download links; default: the request's.")
    root_path: str = Field("", description="Path prefix the API is served under (e.g. /llama), with or without a proxy.")

    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, description="In-process workers of `assay serve`.")
    lease_seconds: float = Field(30.0, description="How long a claimed job stays leased without a heartbeat.")
    heartbeat_seconds: float = Field(5.0, description="How often a worker renews its lease.")
    poll_seconds: float = Field(0.5, description="How often an idle worker looks for work.")
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
    page_size_default: int = 50
    page_size_max: int = 1000

    webhook_allow_private: bool = Field(False, description="Allow webhooks to private and loopback addresses.")
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 8

    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalize_database_url(self.database_url)
        return f"sqlite:///{(self.home / 'assay.db').resolve()}"

    def resolved_storage_url(self) -> str:
        return self.storage_url or str((self.home / "blobs").resolve())


def normalize_database_url(url: str) -> str:
    """Accept the plain `postgresql://` URLs people copy around and use psycopg 3 for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
