"""Job statuses and the only legal moves between them (CONTRACT §2.2, §2.3)."""

from __future__ import annotations

import enum

from assay.errors import ConflictError


class JobKind(enum.StrEnum):
    EXTRACT = "extract"
    PARSE = "parse"
    CLASSIFY = "classify"
    SPLIT = "split"


class JobStatus(enum.StrEnum):
    PENDING = "PENDING"
    THROTTLED = "THROTTLED"  # extract jobs only: queued but held back by the project's running-jobs limit
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL


TERMINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})

_MOVES: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.PENDING: frozenset({JobStatus.THROTTLED, JobStatus.RUNNING, JobStatus.FAILED, JobStatus.CANCELLED}),
    JobStatus.THROTTLED: frozenset({JobStatus.PENDING, JobStatus.RUNNING, JobStatus.FAILED, JobStatus.CANCELLED}),
    JobStatus.RUNNING: frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED}),
}


def check_move(kind: JobKind, old: JobStatus, new: JobStatus) -> None:
    """Raise ConflictError unless a `kind` job may go from `old` to `new`."""
    if new is JobStatus.THROTTLED and kind is not JobKind.EXTRACT:
        raise ConflictError("Only extract jobs are throttled.")
    if new not in _MOVES.get(old, frozenset()):
        if old.terminal:
            raise ConflictError(f"The job is already {old.value} and cannot change.")
        raise ConflictError(f"A {old.value} job cannot become {new.value}.")
