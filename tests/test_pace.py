"""Waits that hold on a busy machine (tests/pace.py), and timeouts that read as timeouts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import pace

ROOT = Path(__file__).resolve().parents[1]


def test_the_pace_is_at_least_one_and_follows_the_load() -> None:
    assert 1.0 <= pace.factor() <= pace.MAX_FACTOR
    assert pace.factor() >= min(pace.MAX_FACTOR, os.getloadavg()[0] / (os.cpu_count() or 1))
    assert pace.seconds(10) == pytest.approx(10 * pace.factor(), rel=0.5)


def test_a_wait_that_runs_out_says_what_it_waited_for() -> None:
    with pytest.raises(pace.WaitTimeout, match=r"timed out waiting for the moon: .* pace \d"):
        pace.wait_until(lambda: False, 0.05, "the moon")


def test_progress_restarts_the_clock() -> None:
    """Done after four times the time allowed without progress: it passes while progress shows, not without."""
    allowed = pace.seconds(0.1)
    start = time.monotonic()
    ticks = lambda: int((time.monotonic() - start) / (allowed / 4))  # noqa: E731 - moves 4 times per allowance
    done = lambda: time.monotonic() - start > 4 * allowed  # noqa: E731
    assert pace.wait_until(done, 0.1, "a slow job", progress=ticks, interval=0.01)
    start = time.monotonic()
    with pytest.raises(pace.WaitTimeout, match="without progress"):
        pace.wait_until(done, 0.1, "a slow job", progress=lambda: 0, interval=0.01)


def test_a_timeout_in_asyncio_run_is_reported_as_a_timeout(tmp_path: Path) -> None:
    """asyncio.run inside `except RuntimeError` (the llm engine's run_sync) showed pytest-timeout's failure
    behind "RuntimeError: no running event loop"."""
    (tmp_path / "test_slow.py").write_text(
        "import asyncio\nimport pytest\n\n\n@pytest.mark.timeout(1)\ndef test_slow():\n"
        "    try:\n        asyncio.get_running_loop()\n    except RuntimeError:\n"
        "        asyncio.run(asyncio.sleep(120))\n")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
                          str(tmp_path / "test_slow.py")], cwd=ROOT, capture_output=True, text=True, check=False,
                         timeout=pace.seconds(120))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed: Timeout" in run.stdout
    assert "no running event loop" not in run.stdout
