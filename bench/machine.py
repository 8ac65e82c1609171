"""What a bench ran beside, printed with its figures: a timing from a busy machine means little without it."""

from __future__ import annotations

import os


def describe() -> str:
    one, five, fifteen = os.getloadavg()
    return f"machine: {os.cpu_count()} cores, load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"
