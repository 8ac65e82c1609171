"""The migrations build exactly the tables the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from assay.storage.db import Database
from assay.storage.tables import Base, schema_objects_of


def test_migrations_match_the_declared_tables(database_url: str) -> None:
    db = Database(database_url)
    try:
        db.migrate()
        db.migrate()  # applying again is a no-op (every start does it)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": schema_objects_of(connection.dialect.name)})
            diff = compare_metadata(context, Base.metadata)
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


def test_0002_keys_the_names_already_stored(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from assay.storage.db import alembic_config
    from assay.storage.tables import name_key

    db = Database(database_url)
    try:
        with db.engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            now = "2026-01-01 00:00:00"
            connection.execute(text("INSERT INTO organizations VALUES ('org-1', 'o', :now)"), {"now": now})
            connection.execute(text("INSERT INTO projects VALUES ('prj-1', 'org-1', 'p', true, :now, :now)"),
                               {"now": now})
            connection.execute(text(
                "INSERT INTO files (id, project_id, name, mime_type, purpose, size, sha256, blob_key,"
                " created_at, last_modified_at) VALUES ('dfl-1', 'prj-1', 'a.pdf', 'application/pdf',"
                " 'extract', 1, 'x', 'k', :now, :now)"), {"now": now})
            for i in (1, 2):  # two configurations under one name, as a race could make them before 0002
                connection.execute(text(
                    "INSERT INTO configurations VALUES"
                    " (:id, 'prj-1', 'same', 'extract_v2', '{}', 'v', :at, :at)"),
                    {"id": f"cfg-{i}", "at": f"2026-01-0{i} 00:00:00"})
        db.migrate()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT name_key FROM files")).scalar() == name_key("a.pdf")
            keys = dict(connection.execute(text("SELECT id, name_key FROM configurations")).all())
        assert keys["cfg-1"] == name_key("same")  # the first keeps the name; the later one stays apart
        assert keys["cfg-2"] not in (None, keys["cfg-1"])
    finally:
        db.dispose()
