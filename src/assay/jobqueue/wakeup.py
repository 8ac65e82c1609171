"""Waking idle workers the moment a job becomes claimable, instead of at their next poll.

`announce(session)` runs in the transaction that makes a job claimable (created, handed back) or that
ends one (which may let a throttled job start, and leaves webhooks to send). On PostgreSQL it sends
`NOTIFY assay_jobs`, which reaches every listening process when the transaction commits; in this
process it rings `DOORBELL` after the commit (SQLite has no NOTIFY: `assay serve`'s own workers hear
its API's jobs this way). Idle workers wait on the doorbell; ASSAY_POLL_SECONDS is the fallback for
what nothing announces: a job created by another process on SQLite, a lease that ran out.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import event, make_url, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
CHANNEL = "assay_jobs"


class Doorbell:
    """Rings counted, so a waiter that read the count before looking for work misses no ring."""

    def __init__(self) -> None:
        self._rung = threading.Condition()
        self._count = 0

    def ring(self) -> None:
        with self._rung:
            self._count += 1
            self._rung.notify_all()

    def count(self) -> int:
        return self._count

    def wait(self, seen: int, timeout: float) -> None:
        """Return when it has rung since the count was `seen`, or after `timeout` seconds."""
        with self._rung:
            self._rung.wait_for(lambda: self._count != seen, timeout)


DOORBELL = Doorbell()


def announce(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})
    if not event.contains(session, "after_commit", _ring):
        event.listen(session, "after_commit", _ring)


def _ring(_session: Session) -> None:
    DOORBELL.ring()


def listen(database_url: str, stopping: threading.Event) -> None:
    """PostgreSQL: ring the doorbell on every announcement, from any process (a thread's loop, on a
    connection of its own; it reconnects, and rings once on each connect for what it may have missed)."""
    import psycopg

    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    while not stopping.is_set():
        try:
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("LISTEN assay_jobs")
                DOORBELL.ring()
                while not stopping.is_set():
                    for _ in connection.notifies(timeout=1.0, stop_after=1):
                        DOORBELL.ring()
        except psycopg.Error:
            log.warning("listening for new jobs failed; polling until it reconnects", exc_info=True)
            stopping.wait(1.0)
