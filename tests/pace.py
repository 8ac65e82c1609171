"""How long the tests may wait on this machine, now: waits scale with its measured speed and load.

A wait written as "30 s" means 30 s on a quiet 2-core machine (the project's development machine). On a
slower or busier one the same wait is longer: `factor()` is the larger of how much slower a fixed piece of
Python runs here than there (measured once per process) and how many runnable processes share each core
(the 1-minute load average, read at each call), kept within [1, MAX_FACTOR]. A wait that runs out raises
`WaitTimeout`, which says what was awaited, for how long, and at what pace: a timeout, reported as one.

`wait_until(check, base, what, progress=...)` also restarts its clock whenever `progress()` changes (jobs
done so far, events received): a slow machine that is getting on with it is given the time it needs; one
that is stuck is not.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from functools import cache

REFERENCE_SECONDS = 0.075  # `_work()` on the development machine, quiet (best of 7 was 0.084 at load 12)
MAX_FACTOR = 8.0


class WaitTimeout(AssertionError):
    """A wait in a test ran out of time."""


def _work() -> float:
    start = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i * i % 7
    return time.perf_counter() - start


@cache
def cpu_ratio() -> float:
    """How much slower than the development machine this one runs Python (median of five runs)."""
    return statistics.median(_work() for _ in range(5)) / REFERENCE_SECONDS


def factor() -> float:
    cores = os.cpu_count() or 1
    return min(MAX_FACTOR, max(1.0, cpu_ratio(), os.getloadavg()[0] / cores))


def seconds(base: float) -> float:
    """`base` seconds of a quiet development machine, on this machine now."""
    return base * factor()


def leases(lease: float, heartbeat: float) -> dict[str, float]:
    """Settings for a test whose leases must run out within it, yet never under a live worker: `lease` and
    `heartbeat` seconds on a quiet development machine, scaled to this one. A worker starved of CPU (a fresh
    process at load 7 on 2 cores) took 1.6 s from its claim to its first renewal: a fixed 2 s lease expired
    under it and another worker took its job."""
    f = factor()
    return {"lease_seconds": lease * f, "heartbeat_seconds": heartbeat * f}


def wait_until(check: Callable[[], object], base: float, what: str, *,
               progress: Callable[[], object] | None = None, interval: float = 0.05) -> object:
    """Poll `check()` until it returns something true (returned); allow `seconds(base)` since the start or
    since `progress()` last changed. Raises WaitTimeout."""
    start = last_move = time.monotonic()
    allowed = seconds(base)
    seen = progress() if progress else None
    while True:
        value = check()
        if value:
            return value
        now = time.monotonic()
        if progress is not None:
            moved = progress()
            if moved != seen:
                seen, last_move, allowed = moved, now, seconds(base)
        if now - last_move > allowed:
            raise WaitTimeout(f"timed out waiting for {what}: {now - start:.0f} s in all, {now - last_move:.0f} s "
                              f"without progress (allowed {allowed:.0f} s = {base:.0f} s × pace {allowed / base:.1f})"
                              + (f"; progress at the end: {seen}" if progress is not None else ""))
        time.sleep(interval)
