"""ASGI middleware: request ids and access logs, HTTP metrics, JSON body limits, per-key rate limits.

Plain ASGI classes (not BaseHTTPMiddleware), so streamed uploads and downloads pass through untouched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assay import logs, metrics

if TYPE_CHECKING:
    from fastapi import FastAPI

    from assay.config import Settings

log = logging.getLogger("assay.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
UNLIMITED_PATHS = ("/health", "/ready", "/metrics")


class RequestContext:
    """Give each request an id (the caller's `X-Request-ID` if sane, else a new one), echo it in the
    response, tag every log line made while serving it, log one access line (path only: query strings
    carry download signatures) and time it into assay_http_request_duration_seconds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        rid = given if given and REQUEST_ID.match(given) else uuid.uuid4().hex
        token = logs.request_id.set(rid)
        started = time.perf_counter()
        status = [500]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            metrics.HTTP_LATENCY.labels(scope["method"], route, str(status[0])).observe(elapsed)
            if route not in UNLIMITED_PATHS:
                log.info("%s %s %d %.1fms", scope["method"], scope["path"], status[0], elapsed * 1000,
                         extra={"method": scope["method"], "path": scope["path"], "status": status[0],
                                "duration_ms": round(elapsed * 1000, 1)})
            logs.request_id.reset(token)


class BodyLimit:
    """Refuse a non-upload request body over `limit` bytes with 413 before any handler parses it.
    Multipart uploads are limited by ASSAY_MAX_UPLOAD_BYTES where they are streamed to the store."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE") \
                or (_header(scope, b"content-type") or "").startswith("multipart/"):
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > self.limit:
            await _too_large(send, self.limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await _too_large(send, self.limit)
                return
            if not message.get("more_body"):
                break
        body, replayed = b"".join(chunks), [False]

        async def replay() -> Message:
            if not replayed[0]:
                replayed[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class TokenBuckets:
    """In-process token buckets, one per API key (by hash); the oldest idle keys are forgotten first."""

    def __init__(self, per_minute: float, burst: int, max_keys: int = 10_000) -> None:
        self.rate, self.burst, self.max_keys = per_minute / 60.0, max(1, burst), max_keys
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may pass, else the seconds until it could."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[key] = (tokens - 1 if tokens >= 1 else tokens, now)
            while len(self.buckets) > self.max_keys:
                self.buckets.popitem(last=False)
        return wait


class RateLimit:
    """429 + Retry-After once a key has spent its burst faster than ASSAY_RATE_LIMIT_PER_MINUTE.
    Per process: N API processes behind a balancer allow up to N times the rate."""

    def __init__(self, app: ASGIApp, per_minute: float, burst: int) -> None:
        self.app, self.buckets = app, TokenBuckets(per_minute, burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        credential = _header(scope, b"authorization") or ""
        key = hashlib.sha256(credential.encode()).hexdigest()
        wait = self.buckets.take(key)
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        metrics.RATE_LIMITED.inc()
        body = {"detail": "Too many requests for this API key; retry later.", "code": "rate_limited"}
        await _json(send, 429, body, [(b"retry-after", str(max(1, round(wait + 0.5))).encode())])


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def _too_large(send: Send, limit: int) -> None:
    await _json(send, 413, {"detail": f"The request body is larger than the limit of {limit} bytes.",
                            "code": "payload_too_large"}, [])


async def _json(send: Send, status: int, body: dict[str, str], headers: list[tuple[bytes, bytes]]) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()), *headers]})
    await send({"type": "http.response.body", "body": data})


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware in order: request context outermost, then the rate limit, then the body limit."""
    app.add_middleware(BodyLimit, limit=settings.max_json_body_bytes)
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute,
                           burst=settings.rate_limit_burst)
    app.add_middleware(RequestContext)
