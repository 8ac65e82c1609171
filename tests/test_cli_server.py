"""`assay serve` and `assay keys` as a user runs them: real processes, real HTTP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from assay.cli import app
from tests import pace
from tests.conftest import free_port


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSAY_")}
    return {**env, "ASSAY_HOME": str(home), **extra}


def test_serve_prints_a_key_once_and_answers_health(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "assay", "serve", "--port", str(port), "--workers", "0"],
        env=_env(tmp_path / "home"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"

        def healthy() -> bool:
            try:
                return httpx.get(base + "/health", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        pace.wait_until(healthy, 30, "`assay serve` to answer /health", interval=0.1)
        assert httpx.get(base + "/ready", timeout=pace.seconds(10)).json() == {"status": "ready"}
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    key = re.search(r"(llx-[A-Za-z0-9_-]{20,})", output)
    assert key, output
    assert "Application shutdown complete" in output  # SIGTERM is a graceful stop (uvicorn re-raises it after)
    assert (tmp_path / "home" / "assay.db").exists()


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    runner = CliRunner()
    env = _env(tmp_path / "home", ASSAY_API_KEY="llx-first-key-for-tests-0000")
    created = runner.invoke(app, ["keys", "create", "--name", "ci"], env=env)
    assert created.exit_code == 0, created.output
    new_key = created.output.strip().splitlines()[-1]
    key_id = re.search(r"Key (key-[0-9a-f-]+)", created.output).group(1)  # type: ignore[union-attr]
    listed = runner.invoke(app, ["keys", "list"], env=env)
    assert "ci" in listed.output
    assert new_key not in listed.output
    assert "…" + new_key[-4:] in listed.output
    assert runner.invoke(app, ["keys", "revoke", key_id], env=env).exit_code == 0
    missing = runner.invoke(app, ["keys", "revoke", "key-nope"], env=env)
    assert missing.exit_code == 2
    assert "not found" in missing.output

    from assay.config import Settings
    from assay.errors import AuthError
    from assay.runtime import Runtime
    from assay.services import accounts

    runtime = Runtime.open(Settings(home=tmp_path / "home"))
    try:
        with runtime.db.session() as session:
            assert accounts.authenticate(session, "llx-first-key-for-tests-0000").key_id
            with pytest.raises(AuthError, match="revoked"):
                accounts.authenticate(session, new_key)
    finally:
        runtime.close()
