"""Logging for every process: text or one JSON object per line, tagged with the request and job ids.

The ids travel in context variables, so a log call deep in a service needs no extra argument:
the API's middleware sets `request_id` for the request it serves, a worker sets `job_id` for the
job it runs. Secrets never reach a log line: the formatter masks bearer tokens, API keys, webhook
signatures and signed-link query strings in whatever it is given, as a last line of defence.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("assay_request_id", default=None)
job_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("assay_job_id", default=None)

SECRETS = [
    (re.compile(r"(?i)(bearer\s+)[^\s,;'\"]+"), r"\1[redacted]"),
    (re.compile(r"\bllx-[A-Za-z0-9_\-]{6,}"), "llx-[redacted]"),
    (re.compile(r"sha256=[0-9a-fA-F]{16,}"), "sha256=[redacted]"),
    (re.compile(r"(?i)((?:signature|secret|api_key|token)[\"']?\s*[=:]\s*[\"']?)[^\s&,;'\"]+"),
     r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, job_id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in ("request_id", "job_id"):
            value = getattr(record, name, None)
            if value:
                entry[name] = value
        for name in ("method", "path", "status", "duration_ms"):
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(ids)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        ids = [f"{n}={getattr(record, n)}" for n in ("request_id", "job_id") if getattr(record, n, None)]
        record.ids = f" [{' '.join(ids)}]" if ids else ""
        return redact(super().format(record))


class ContextFilter(logging.Filter):
    """Copies the current request and job ids onto each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        if getattr(record, "job_id", None) is None:
            record.job_id = job_id.get()
        return True


def formatter(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def configure(level: str = "info", fmt: str = "text") -> None:
    """Route every logger (uvicorn's too) through one stderr handler in the chosen format."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(fmt))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
