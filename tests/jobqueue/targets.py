"""Functions the sandbox tests run in the child process (importable by module path)."""

from __future__ import annotations

import os
import time

from assay.errors import EncryptedDocumentError


def add(a: int, b: int) -> int:
    return a + b


def pid() -> int:
    return os.getpid()


def crash() -> None:
    os.abort()  # what a segfaulting native parser looks like from outside


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def refuse() -> None:
    raise EncryptedDocumentError("The PDF is password-protected.")


def bug() -> None:
    raise ZeroDivisionError("oops")
