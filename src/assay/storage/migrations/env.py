"""Alembic environment: runs on the connection Database.migrate() hands over, or on the URL."""

from alembic import context
from sqlalchemy import create_engine

from assay.storage.tables import Base, schema_objects_of

config = context.config
connection = config.attributes.get("connection")


def run(conn) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True,
                      include_object=schema_objects_of(conn.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
        run(conn)
        conn.commit()
