"""The benches run: each is started at tiny sizes, as a user would run it, so that a schema change cannot leave one
broken (api_bench.py once crashed on a column its bulk insert predated). Figures are not checked here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_URL

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "load average" in done.stdout  # what it ran beside
    return done.stdout


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_api_bench_runs(backend: str, request: pytest.FixtureRequest) -> None:
    if backend == "postgres":
        request.getfixturevalue("pg_database")  # skips with the reason when PostgreSQL is unreachable
    out = _run("api_bench.py", "--sizes", "1000", "--backends", backend, "--repeat", "3", "--claims", "5",
               "--creates", "5", "--pg-url", PG_URL)
    assert "list first page" in out
    assert "claim (one queued job per call)" in out


def test_load_and_pickup_benches_run() -> None:
    out = _run("load.py", "--clients", "2", "--seconds", "2", "--files", "1")
    assert "errors: 0" in out
    out = _run("pickup.py", "--backends", "sqlite", "--jobs", "4")
    assert "p50" in out


def test_long_documents_bench_runs() -> None:
    out = _run("long_documents.py", "--pages", "3,4", "--repeat", "1")
    assert "pages/s" in out
    assert "recall" in out
