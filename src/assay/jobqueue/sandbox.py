"""Run a job's CPU-bound steps (parsing, extraction) in a child process the worker owns.

The child gives each worker real parallelism (no shared GIL, its own PDFium), keeps the worker alive
when a hostile document crashes a native library, keeps CPU-bound work off the worker process (where
the heartbeats run), and lets a cancelled or over-time job stop at once: the worker polls its
checkpoint while the child computes, and kills the child when told to.
A killed or crashed child is replaced on the next call.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from assay import errors

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2


class Sandbox:
    def __init__(self, time_limit: float | None = None) -> None:
        self.time_limit = time_limit
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def call(self, fn: Callable[..., Any], *args: Any, checkpoint: Callable[[], None], **kwargs: Any) -> Any:
        """`fn(*args, **kwargs)` in the child; `checkpoint()` runs every 0.2 s meanwhile and may raise."""
        conn = self._start()
        conn.send((fn.__module__, fn.__qualname__, args, kwargs))
        try:
            reply = self._wait(conn, checkpoint)
        except BaseException:
            self.stop()  # the job was cancelled, taken over or ran out of time: stop computing for it now
            raise
        if reply is None:
            raise self._crashed()
        ok, value = reply
        if ok:
            return value
        raise _rebuild(value)

    def _wait(self, conn: Connection, checkpoint: Callable[[], None]) -> tuple[bool, Any] | None:
        """The child's reply, or None when it died without one."""
        started = time.monotonic()
        while not conn.poll(POLL_SECONDS):
            checkpoint()
            if self._process is None or not self._process.is_alive():
                return None
            if self.time_limit and time.monotonic() - started > self.time_limit:
                raise errors.DocumentError(f"Processing took longer than the limit of {self.time_limit:.0f} s.")
        try:
            return conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            checkpoint()  # killed by `kill` because the job was lost: that is the error to report
            return None

    def kill(self) -> None:
        """Stop the child's computation now, from any thread; the call waiting on it then returns
        through its checkpoint."""
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._reset()

    def _crashed(self) -> errors.DocumentError:
        process = self._process
        if process is not None:
            process.join(5)
        code = process.exitcode if process is not None else None
        self._reset()
        return errors.DocumentError(f"Processing the document crashed the worker's child process (exit code {code}); "
                                    "the file is probably damaged or hostile.")

    def _start(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._conn is None:
            self._reset()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self._process = context.Process(target=_serve, args=(child,), name="assay-sandbox", daemon=True)
            self._process.start()
            child.close()
            self._conn = parent
        return self._conn

    def _reset(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._process = None, None


def _serve(conn: Connection) -> None:
    """The child's loop: run each requested function, send back (True, value) or (False, error)."""
    _die_with_parent()
    while True:
        try:
            module, name, args, kwargs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            fn: Any = importlib.import_module(module)
            for part in name.split("."):
                fn = getattr(fn, part)
            conn.send((True, fn(*args, **kwargs)))
        except Exception as exc:
            conn.send((False, _describe(exc)))


def _die_with_parent() -> None:
    """On Linux, ask the kernel to end this child when its worker dies, even by SIGKILL."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _describe(exc: Exception) -> tuple[str, str, str]:
    if isinstance(exc, errors.AssayError):
        return type(exc).__module__, type(exc).__qualname__, exc.message
    log.exception("unexpected error in the sandbox")
    return "assay.errors", "AssayError", f"Internal error while processing the job ({type(exc).__name__}: {exc})."


def _rebuild(described: tuple[str, str, str]) -> errors.AssayError:
    """The same AssayError subclass and message as in the child (constructors differ, so not pickled)."""
    module, name, message = described
    cls: Any = importlib.import_module(module)
    for part in name.split("."):
        cls = getattr(cls, part)
    exc = cls.__new__(cls)
    errors.AssayError.__init__(exc, message)
    return exc
