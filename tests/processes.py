"""Helpers for tests that run `assay` processes: worker environments, spawning, stopping, waiting."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assay.config import Settings
from tests import pace


def wait_until(predicate: Callable[[], object], timeout: float = 60, what: str = "condition",
               interval: float = 0.05, progress: Callable[[], object] | None = None) -> None:
    """`timeout` is seconds on a quiet development machine, scaled to this one (tests/pace.py); with
    `progress`, the clock restarts whenever it changes."""
    pace.wait_until(predicate, timeout, what, progress=progress, interval=interval)


def wait_while_progressing(progress: Callable[[], object], done: Callable[[], bool], stall: float = 120,
                           what: str = "progress", interval: float = 0.2) -> None:
    """Wait until `done()`, however long that takes while `progress()` keeps changing; fail when it has not
    changed for `stall` seconds (scaled to this machine's pace, tests/pace.py). For tests that run on a busy
    machine, where any fixed deadline is a guess."""
    pace.wait_until(done, stall, what, progress=progress, interval=interval)


@contextmanager
def cpu_hogs(count: int) -> Iterator[None]:
    """`count` processes that spin on the CPU at normal priority, as other work on a busy machine does."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait(10)


def worker_env(settings: Settings, **extra: object) -> dict[str, str]:
    """The environment of an `assay worker` process sharing `settings`' database and blob store."""
    env = {
        **os.environ,
        "ASSAY_HOME": str(settings.home),
        "ASSAY_DATABASE_URL": settings.resolved_database_url(),
        "ASSAY_STORAGE_URL": settings.resolved_storage_url(),
        "ASSAY_LEASE_SECONDS": str(settings.lease_seconds),
        "ASSAY_HEARTBEAT_SECONDS": str(settings.heartbeat_seconds),
        "ASSAY_POLL_SECONDS": str(settings.poll_seconds),
        "ASSAY_MAX_ATTEMPTS": str(settings.max_attempts),
        "ASSAY_WEBHOOK_ALLOW_PRIVATE": str(settings.webhook_allow_private).lower(),
    }
    env.update({f"ASSAY_{k.upper()}": str(v) for k, v in extra.items()})
    return env


def spawn(args: list[str], env: dict[str, str], log: Path | None = None) -> subprocess.Popen[bytes]:
    """`python -m assay ARGS`; output goes to `log` (appended) or nowhere."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "assay", *args], env=env, stdout=out, stderr=out)


def spawn_worker(settings: Settings, log: Path | None = None, **extra: object) -> subprocess.Popen[bytes]:
    return spawn(["worker", "--concurrency", "1"], worker_env(settings, **extra), log)


def stop(process: subprocess.Popen[bytes], timeout: float = 30) -> int | None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    return process.returncode


