"""System parts the suite needs beside Python: Tesseract, Chromium, the local model server, PostgreSQL.

A test that needs a part this machine lacks calls `missing(part, why)`: the test is skipped, the run's
summary names every missing part in red, and with CI=true in the environment the run fails even when
every test that ran passed (tests/conftest.py), so CI never goes green with whole modules unrun.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

MISSING: dict[str, str] = {}  # part → why it is missing and how to get it


def missing(part: str, why: str, *, module_level: bool = False) -> NoReturn:
    MISSING.setdefault(part, why)
    pytest.skip(f"!!! {part.upper()} MISSING: {why} !!!", allow_module_level=module_level)


def ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
