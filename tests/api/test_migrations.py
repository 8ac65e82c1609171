"""The migrations build exactly the tables the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from assay.storage.db import Database
from assay.storage.tables import Base


def test_migrations_match_the_declared_tables(database_url: str) -> None:
    db = Database(database_url)
    try:
        db.migrate()
        db.migrate()  # applying again is a no-op (every start does it)
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        db.dispose()


def test_processes_starting_together_migrate_once(database_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def start() -> None:
        db = Database(database_url)
        try:
            db.migrate()
        finally:
            db.dispose()

    with ThreadPoolExecutor(4) as pool:
        for future in [pool.submit(start) for _ in range(4)]:
            future.result()
    test_migrations_match_the_declared_tables(database_url)
