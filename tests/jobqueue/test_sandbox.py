"""The worker's sandbox: real child processes, real crashes, real kills."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from assay.errors import AssayError, DocumentError, EncryptedDocumentError, JobCancelledError
from assay.jobqueue.sandbox import Sandbox
from tests.jobqueue import targets


def never() -> None:
    pass


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox(time_limit=5)
    yield box
    box.stop()


def test_runs_in_one_long_lived_child(sandbox: Sandbox) -> None:
    import os

    assert sandbox.call(targets.add, 2, b=3, checkpoint=never) == 5
    child = sandbox.call(targets.pid, checkpoint=never)
    assert child != os.getpid()
    assert sandbox.call(targets.pid, checkpoint=never) == child


def test_a_crash_fails_the_call_and_the_next_call_gets_a_new_child(sandbox: Sandbox) -> None:
    first = sandbox.call(targets.pid, checkpoint=never)
    with pytest.raises(DocumentError, match="crashed"):
        sandbox.call(targets.crash, checkpoint=never)
    assert sandbox.call(targets.pid, checkpoint=never) != first


def test_a_checkpoint_that_raises_kills_the_computation_at_once(sandbox: Sandbox) -> None:
    deadline = time.monotonic() + 0.5

    def cancelled_soon() -> None:
        if time.monotonic() > deadline:
            raise JobCancelledError()

    started = time.monotonic()
    with pytest.raises(JobCancelledError):
        sandbox.call(targets.sleep, 30, checkpoint=cancelled_soon)
    assert time.monotonic() - started < 2
    assert sandbox.call(targets.add, 1, 1, checkpoint=never) == 2


def test_the_time_limit_stops_a_runaway_step() -> None:
    box = Sandbox(time_limit=0.5)
    try:
        with pytest.raises(DocumentError, match="longer than the limit"):
            box.call(targets.sleep, 30, checkpoint=never)
    finally:
        box.stop()


def test_errors_come_back_as_the_same_class_and_message(sandbox: Sandbox) -> None:
    with pytest.raises(EncryptedDocumentError, match="password-protected"):
        sandbox.call(targets.refuse, checkpoint=never)
    with pytest.raises(AssayError, match="ZeroDivisionError: oops"):
        sandbox.call(targets.bug, checkpoint=never)


def test_the_child_dies_with_its_worker(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A worker killed with SIGKILL leaves no child computing for a job that is no longer its own."""
    import os
    import signal
    import subprocess
    import sys

    script = tmp_path / "worker.py"
    script.write_text(
        "import sys\n"
        "from assay.jobqueue.sandbox import Sandbox\n"
        "from tests.jobqueue import targets\n"
        "if __name__ == '__main__':\n"
        "    box = Sandbox()\n"
        "    print(box.call(targets.pid, checkpoint=lambda: None), flush=True)\n"
        "    box.call(targets.sleep, 60, checkpoint=lambda: None)\n"
    )
    worker = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=os.getcwd(), env={**os.environ, "PYTHONPATH": os.getcwd()})
    child = int(worker.stdout.readline())  # type: ignore[union-attr]
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the sandbox child outlived its worker")
