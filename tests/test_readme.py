"""The README's Python examples run as written, against a live server, from the repository's root (where
`examples/` is). Each block runs in a fresh namespace, given only the objects (not the modules) made by
the first block, which the later blocks continue from ("`client`", "`file`")."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

from tests.conftest import LiveServer

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 3


def test_the_readme_python_runs_as_written(server: LiveServer, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    session: dict[str, object] = {}
    for i, block in enumerate(BLOCKS):
        code = block.replace('"llx-..."', repr(server.api_key)).replace('"http://127.0.0.1:8000"',
                                                                        repr(server.base_url))
        namespace = {"__name__": f"readme_block_{i}",
                     **{k: v for k, v in session.items() if not isinstance(v, types.ModuleType)}}
        exec(compile(code, f"README.md python block {i + 1}", "exec"), namespace)
        if i == 0:
            session = namespace
    printed = capsys.readouterr().out
    assert "'confidence':" in printed  # the first block's total and its metadata
