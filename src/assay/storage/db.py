"""One database from one URL: SQLite (WAL) embedded by default, PostgreSQL (psycopg 3) at scale."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from assay.config import normalize_database_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = normalize_database_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_sqlite_folder(self.url)
            self.engine = create_engine(self.url, connect_args={"check_same_thread": False, "timeout": 60})
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(
                self.url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, pool_recycle=1800
            )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.engine.execution_options(assay_read_only=True),
                                           expire_on_commit=False)

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        `read_only` units never take SQLite's write lock (they read a WAL snapshot), so readers never
        queue behind writers; they must not write. PostgreSQL treats both kinds alike."""
        sessions = self._read_sessions if read_only else self._sessions
        with sessions() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Apply every Alembic migration not yet applied (idempotent, safe on every start)."""
        from alembic import command  # here, not at the top: a worker's sandbox child never migrates

        with self.engine.begin() as connection:
            if not self.is_sqlite:  # processes starting together migrate one at a time
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7420139)")
            config = alembic_config(self.url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        if self.is_sqlite:  # refresh the planner's statistics so filtered lists pick the right index
            with self.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA optimize")

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers; every writing transaction BEGIN IMMEDIATE, so two writers queue on
    the busy timeout instead of failing when a read transaction tries to upgrade to a write.
    Read-only units (Database.session(read_only=True)) BEGIN DEFERRED and never take the lock."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=60000")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get("assay_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _use_wal(cursor: Any, wait_seconds: float = 60.0) -> None:
    """Switch the file to WAL (it stays so). The switch needs the database to itself and SQLite may refuse it
    at once, without the busy timeout, while another process migrates: retry until the deadline."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
