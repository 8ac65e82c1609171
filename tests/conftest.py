"""Shared fixtures: real databases (SQLite and PostgreSQL), a real uvicorn server, the real SDK."""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from assay.config import Settings
from tests import pace, system_parts

pytest_plugins = ["tests.receiver"]  # the `receiver` fixture: a webhook endpoint on loopback

PG_URL = os.environ.get("ASSAY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TEST_KEY = "llx-test-" + "k" * 32


def _pg_admin_url() -> str:
    return PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)


def _pg_reachable() -> str | None:
    import psycopg

    try:
        with psycopg.connect(PG_URL, connect_timeout=3):
            return None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]


_PG_PROBLEM = _pg_reachable()


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    if _PG_PROBLEM:
        system_parts.missing("PostgreSQL", f"unreachable at {PG_URL} ({_PG_PROBLEM}); every PostgreSQL variant "
                             "was skipped. Set ASSAY_TEST_POSTGRES_URL to run them.")
    name = f"assay_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every storage and API test runs on both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'assay.db'}"
    return str(request.getfixturevalue("pg_database"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    api_key: str
    settings: Settings
    app: object

    @property
    def runtime(self):  # type: ignore[no-untyped-def]
        return self.app.state.runtime  # type: ignore[attr-defined]

    def sdk(self, api_key: str | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        from llama_cloud import LlamaCloud

        return LlamaCloud(api_key=api_key or self.api_key, base_url=self.base_url, **kwargs)

    def http(self, api_key: str | None = None) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {api_key or self.api_key}"},
                            timeout=30)


def start_server(settings: Settings, workers: int) -> Iterator[LiveServer]:
    from assay.api.app import create_app

    app = create_app(settings, workers=workers)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}{settings.root_path}"

    def healthy() -> bool:
        try:
            return httpx.get(base_url + "/health", timeout=1).status_code == 200 and server.started
        except httpx.HTTPError:
            return False

    pace.wait_until(healthy, 30, "the test server to start")
    try:
        yield LiveServer(base_url=base_url, api_key=settings.api_key or "", settings=settings, app=app)
    finally:
        server.should_exit = True
        thread.join(30)


def make_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "home": tmp_path / "home", "database_url": database_url, "api_key": TEST_KEY,
        "poll_seconds": 0.05, "heartbeat_seconds": 0.5, "lease_seconds": 5, "webhook_allow_private": True,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """A real uvicorn server with one in-process worker, on SQLite or PostgreSQL."""
    yield from start_server(make_settings(tmp_path, database_url), workers=1)


@pytest.fixture
def api_server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """A real uvicorn server with no workers: jobs stay queued."""
    yield from start_server(make_settings(tmp_path, database_url), workers=0)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if system_parts.MISSING and system_parts.ci() and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # type: ignore[no-untyped-def]
    """pytest-timeout's limit (300 s in pyproject.toml, or a test's own mark) is for a quiet development
    machine: each test gets it scaled by the machine's pace now (tests/pace.py)."""
    marker = item.get_closest_marker("timeout")
    base = float(marker.args[0]) if marker and marker.args else float(item.config.getini("timeout") or 0)
    if base:
        item.add_marker(pytest.mark.timeout(pace.seconds(base)), append=False)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """A timeout reads as one: pytest-timeout's failure, not the exception it interrupted the handling of
    (asyncio.run inside `except RuntimeError: no running event loop` showed that error first)."""
    error = call.excinfo.value if call.excinfo else None
    if isinstance(error, pytest.fail.Exception) and "Timeout" in str(error):
        error.__suppress_context__ = True
    yield


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    for part, why in system_parts.MISSING.items():
        terminalreporter.write_sep("!", f"{part.upper()} MISSING: ITS TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(f"{part}: {why}", red=True)
    if system_parts.MISSING and system_parts.ci():
        terminalreporter.write_line("CI=true: a run that skipped tests for a missing system part fails.", red=True,
                                    bold=True)
