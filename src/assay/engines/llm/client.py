"""ChatClient: one OpenAI-compatible chat-completions server, reached with async httpx.

* bounded concurrency: at most `max_concurrency` requests in flight (one semaphore per client);
* retries with exponential backoff and jitter on 429, 5xx, timeouts and refused connections;
  a `Retry-After` header (seconds, up to 30) wins over the computed delay;
* replies are streamed (`stream: true`) and watched: a reply that starts repeating itself is cut
  off at once (`RepetitionError`) instead of running on to `max_tokens`;
* every failure becomes an `EngineError` that says what went wrong and where, with the original
  exception chained (`raise ... from exc`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import dataclass, field
from typing import Any

import httpx

from assay.domain.options import LLMOptions
from assay.errors import EngineError

log = logging.getLogger(__name__)
RETRY_STATUSES = {408, 409, 429, 500, 502, 503, 504}
DEFAULT_CONTEXT_TOKENS = 8192


class ServerRejectedError(EngineError):
    """The model server refused the request (a 4xx, or a 5xx after every retry)."""

    def __init__(self, message: str, status: int, body: str) -> None:
        self.status = status
        self.body = body
        super().__init__(message)


class RepetitionError(EngineError):
    """The model started repeating itself; its reply was cut off."""

    def __init__(self, message: str, text: str) -> None:
        self.text = text
        super().__init__(message)


@dataclass(slots=True)
class Completion:
    content: str
    finish_reason: str | None
    usage: dict[str, int] = field(default_factory=dict)


class ChatClient:
    def __init__(self, options: LLMOptions) -> None:
        self.options = options
        self._semaphore = asyncio.Semaphore(max(1, options.max_concurrency))
        headers = {"Authorization": f"Bearer {options.api_key}"} if options.api_key else {}
        timeout = httpx.Timeout(options.timeout_seconds, connect=options.connect_timeout_seconds)
        self._http = httpx.AsyncClient(base_url=options.root + "/", headers=headers, timeout=timeout)
        self.usage: dict[str, int] = {"prompt_tokens": 0, "completion_tokens": 0, "requests": 0}

    async def aclose(self) -> None:
        await self._http.aclose()

    async def chat(self, messages: list[dict[str, str]], *, response_format: dict | None = None,
                   max_tokens: int | None = None, retry_on_status: bool = True) -> Completion:
        """One chat completion. Raises EngineError (or its subclasses above) when it cannot get one.

        `retry_on_status=False` still retries refused connections and timeouts, but takes an HTTP
        error status as the answer (a capability probe wants the server's 'no' at once).
        """
        body: dict[str, Any] = {"model": self.options.model, "messages": messages,
                                "temperature": self.options.temperature,
                                "max_tokens": max_tokens or self.options.max_output_tokens}
        if self.options.seed is not None:
            body["seed"] = self.options.seed
        if response_format is not None:
            body["response_format"] = response_format
        if self.options.stream:
            body["stream"] = True
        attempts = self.options.max_retries + 1
        for attempt in range(attempts):
            try:
                async with self._semaphore:
                    completion = await self._post(body)
                self.usage["requests"] += 1
                for key in ("prompt_tokens", "completion_tokens"):
                    self.usage[key] += int(completion.usage.get(key, 0) or 0)
                return completion
            except _Retryable as exc:
                if attempt + 1 >= attempts or (exc.kind == "status" and not retry_on_status):
                    raise exc.final(self.options) from exc.original
                delay = exc.retry_after or self.options.retry_base_seconds * 2 ** attempt * (0.75 + random.random() / 2)
                log.info("model server: %s; retry %d/%d in %.1f s", exc.reason, attempt + 1, attempts - 1, delay)
                await asyncio.sleep(min(delay, 30.0))
        raise AssertionError("unreachable")

    async def _post(self, body: dict) -> Completion:
        try:
            async with self._http.stream("POST", "chat/completions", json=body) as response:
                if response.status_code >= 400:
                    text = (await response.aread()).decode(errors="replace")[:2000]
                    _raise_for_status(response, text, self.options)
                if body.get("stream") and "text/event-stream" in response.headers.get("content-type", ""):
                    return await _read_stream(response)
                return _parse_completion(json.loads(await response.aread()))
        except httpx.TimeoutException as exc:
            raise _Retryable(f"no answer within {self.options.timeout_seconds:.0f} s", exc, kind="timeout") from exc
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}", exc, kind="unreachable") from exc
        except json.JSONDecodeError as exc:
            raise EngineError(f"The model server at {self.options.root} answered with something that is not "
                              f"JSON: {exc}") from exc

    async def get_json(self, path: str) -> Any:
        """GET a JSON document (server metadata); None when the server has no such route."""
        try:
            response = await self._http.get(path)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            return response.json()
        except ValueError:
            return None

    async def context_tokens(self) -> int:
        """The model's context: from the options, else the server (/props, /v1/models), else 8192."""
        if self.options.context_tokens:
            return self.options.context_tokens
        server_root = self.options.root.removesuffix("/v1")
        props = await self.get_json(server_root + "/props")  # llama.cpp's server
        if isinstance(props, dict):
            n_ctx = (props.get("default_generation_settings") or {}).get("n_ctx") or props.get("n_ctx")
            if isinstance(n_ctx, int) and n_ctx > 0:
                return n_ctx
        models = await self.get_json("models")
        for entry in (models or {}).get("data", []) if isinstance(models, dict) else []:
            if not isinstance(entry, dict) or (self.options.model and entry.get("id") != self.options.model):
                continue
            for key in ("max_model_len", "context_length", "max_context_length"):  # vLLM, LM Studio, others
                if isinstance(entry.get(key), int) and entry[key] > 0:
                    return int(entry[key])
            n_ctx = (entry.get("meta") or {}).get("n_ctx_train")
            if isinstance(n_ctx, int) and n_ctx > 0:
                return n_ctx
        return DEFAULT_CONTEXT_TOKENS


class _Retryable(Exception):
    def __init__(self, reason: str, original: BaseException | None = None, *, kind: str = "status",
                 retry_after: float | None = None, status: int = 0, body: str = "") -> None:
        self.reason = reason
        self.original = original
        self.kind = kind
        self.retry_after = retry_after
        self.status = status
        self.body = body
        super().__init__(reason)

    def final(self, options: LLMOptions) -> EngineError:
        where = f"the model server at {options.root}"
        if self.kind == "unreachable":
            return EngineError(f"The model is unreachable: {where} refused or dropped the connection "
                               f"({self.reason}). Check ASSAY_LLM_BASE_URL and that the server is running.")
        if self.kind == "dropped":
            return EngineError(f"The model server at {options.root} kept ending its replies early ({self.reason}).")
        if self.kind == "timeout":
            return EngineError(f"The model did not answer: {where} gave {self.reason} "
                               "(ASSAY_LLM_TIMEOUT_SECONDS).")
        return ServerRejectedError(f"The model server failed: {where} answered HTTP {self.status} after "
                                   f"{options.max_retries + 1} tries: {self.body[:300]}", self.status, self.body)


def _raise_for_status(response: httpx.Response, text: str, options: LLMOptions) -> None:
    status = response.status_code
    if status in RETRY_STATUSES:
        raise _Retryable(f"HTTP {status}", kind="status", retry_after=_retry_after(response), status=status,
                         body=text)
    lowered = text.lower()
    if status in (400, 413) and "context" in lowered and any(w in lowered for w in ("exceed", "too long", "length")):
        raise ServerRejectedError(f"The model's context is too small for this request ({options.model or 'model'} "
                                  f"at {options.root}): {text[:300]}", status, text)
    if status in (401, 403):
        raise ServerRejectedError(f"The model server at {options.root} refused the key (HTTP {status}); set "
                                  "ASSAY_LLM_API_KEY.", status, text)
    if status == 404:
        raise ServerRejectedError(f"The model server at {options.root} has no model {options.model!r} or no "
                                  f"chat-completions route (HTTP 404): {text[:300]}", status, text)
    raise ServerRejectedError(f"The model server at {options.root} rejected the request (HTTP {status}): "
                              f"{text[:300]}", status, text)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return seconds if seconds is not None and 0 < seconds <= 30 else None


def _parse_completion(data: Any) -> Completion:
    try:
        choice = data["choices"][0]
        content = choice["message"].get("content") or ""
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise EngineError(f"The model server's reply has no choices[0].message: {str(data)[:300]}") from exc
    return Completion(content, choice.get("finish_reason"), dict(data.get("usage") or {}))


async def _read_stream(response: httpx.Response) -> Completion:
    parts: list[str] = []
    finish: str | None = None
    usage: dict[str, int] = {}
    size_checked = 0
    async for line in response.aiter_lines():
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            break
        try:
            event = json.loads(payload)
        except json.JSONDecodeError:
            continue
        if event.get("usage"):
            usage = dict(event["usage"])
        for choice in event.get("choices") or []:
            delta = choice.get("delta") or {}
            if delta.get("content"):
                parts.append(delta["content"])
            if choice.get("finish_reason"):
                finish = choice["finish_reason"]
        total = sum(len(p) for p in parts)
        if total - size_checked >= 64:
            size_checked = total
            text = "".join(parts)
            if repeating(text):
                raise RepetitionError("The model fell into a repetition loop; its reply was cut off after "
                                      f"{len(text)} characters.", text)
    text = "".join(parts)
    if finish is None:  # the server closed the stream mid-reply (restarted, or interrupted by another request)
        raise _Retryable("the reply stream ended before the reply did", kind="dropped")
    usage.setdefault("completion_tokens", max(1, len(text) // 4))
    return Completion(text, finish, usage)


def repeating(text: str, *, min_chars: int = 240, min_repeats: int = 6) -> bool:
    """Whether `text` ends in one unit repeated back to back (`min_repeats` times, `min_chars` in all).

    A small model stuck in a loop writes the same token run again and again: `"a", "a", "a", ...` or
    `0000000...`. Whitespace is ignored so that a loop padded with newlines is caught too.
    """
    if len(text) - len(text.rstrip()) >= min_chars:  # a grammar lets a model pad with whitespace forever
        return True
    tail = "".join(text[-4000:].split())
    n = len(tail)
    for period in range(1, min(400, n // min_repeats) + 1):
        unit = tail[n - period:]
        repeats = 1
        while repeats * period + period <= n and tail[n - (repeats + 1) * period: n - repeats * period] == unit:
            repeats += 1
        if repeats >= min_repeats and repeats * period >= min_chars:
            return True
    return False
