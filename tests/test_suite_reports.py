"""The suite says loudly when a system part was missing, and fails under CI=true (tests/system_parts.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_postgres_tests(**env: str) -> subprocess.CompletedProcess[str]:
    """One PostgreSQL-backed test, against a server that is not there."""
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    environ.update(ASSAY_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:9/nothing", **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/api/test_migrations.py::test_migrations_match_the_declared_tables"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300, check=False)


def test_a_missing_postgresql_is_reported_and_fails_ci() -> None:
    local = _run_postgres_tests()
    assert local.returncode == 0, local.stdout + local.stderr  # the SQLite variant passed, PostgreSQL's skipped
    assert "1 passed, 1 skipped" in local.stdout
    assert "POSTGRESQL MISSING: ITS TESTS WERE SKIPPED" in local.stdout
    ci = _run_postgres_tests(CI="true")
    assert ci.returncode == 1, ci.stdout + ci.stderr
    assert "CI=true: a run that skipped tests for a missing system part fails." in ci.stdout
