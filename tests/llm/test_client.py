"""The HTTP side: retries with backoff, unreachable servers, keys, the server's context size."""

from __future__ import annotations

import asyncio

import pytest
from tests.conftest import free_port
from tests.llm.conftest import FaultProxy

from assay.config import Settings
from assay.engines.llm.client import ChatClient
from assay.errors import EngineError

HELLO = [{"role": "user", "content": "Say OK."}]


def chat(options, **kwargs):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        client = ChatClient(options)
        try:
            return await client.chat(HELLO, max_tokens=4, **kwargs)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_429_and_500_are_retried_with_backoff_then_answered(proxy: FaultProxy) -> None:
    proxy.fail_next = [429, 500]
    proxy.retry_after = "0.2"
    completion = chat(proxy.options(max_retries=2))
    assert completion.finish_reason in ("stop", "length")
    assert len(proxy.chats) == 3


def test_a_server_error_that_persists_fails_with_the_status_and_the_tries(proxy: FaultProxy) -> None:
    proxy.fail_next = [500, 503, 500]
    with pytest.raises(EngineError, match=r"HTTP 500 after 3 tries"):
        chat(proxy.options(max_retries=2))
    assert len(proxy.chats) == 3


def test_a_client_error_is_not_retried(proxy: FaultProxy) -> None:
    proxy.fail_next = [400]
    with pytest.raises(EngineError, match=r"rejected the request \(HTTP 400"):
        chat(proxy.options(max_retries=2))
    assert len(proxy.chats) == 1


def test_an_unreachable_server_fails_after_the_retries_with_a_clear_reason() -> None:
    from assay.domain.options import LLMOptions

    options = LLMOptions(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", max_retries=1,
                         retry_base_seconds=0.05)
    with pytest.raises(EngineError, match=r"model is unreachable.*ASSAY_LLM_BASE_URL"):
        chat(options)


def test_the_default_openai_key_never_goes_to_a_custom_base_url(proxy: FaultProxy,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-default-never-leaks")
    options = Settings(llm_base_url=proxy.url, llm_model="gemma-3-270m").llm_options()
    assert options.api_key is None
    chat(options)
    assert "authorization" not in proxy.requests[-1]["headers"]

    configured = Settings(llm_base_url=proxy.url, llm_model="gemma-3-270m", llm_api_key="sk-local").llm_options()
    chat(configured)
    assert proxy.requests[-1]["headers"]["authorization"] == "Bearer sk-local"

    official = Settings(llm_model="gpt-4o-mini").llm_options()  # OpenAI itself gets the default key
    assert official.base_url == "https://api.openai.com/v1"
    assert official.api_key == "sk-default-never-leaks"


def test_the_engine_follows_the_configuration_then_the_settings() -> None:
    assert Settings().engine_for(None) == "layout"  # no LLM configured
    assert Settings(llm_model="m", llm_base_url="http://127.0.0.1:1/v1").engine_for(None) == "openai"
    assert Settings(llm_model="m").engine_for("layout") == "layout"
    assert Settings(engine="layout", llm_model="m").engine_for(None) == "layout"


def test_context_size_comes_from_settings_then_the_server(proxy: FaultProxy) -> None:
    async def context(options):  # type: ignore[no-untyped-def]
        client = ChatClient(options)
        try:
            return await client.context_tokens()
        finally:
            await client.aclose()

    assert asyncio.run(context(proxy.options(context_tokens=1234))) == 1234
    assert asyncio.run(context(proxy.options(context_tokens=None))) == 8192  # llama-cpp-python tells nothing
    proxy.props = {"default_generation_settings": {"n_ctx": 4096}}  # llama.cpp's server does
    assert asyncio.run(context(proxy.options(context_tokens=None))) == 4096
