"""Index names by their SHA-256 (`name_key`) instead of the names themselves

A name of up to 3,000 characters does not fit in a PostgreSQL B-tree entry (a third of a page), so
uploading a file or saving a configuration with a long name failed. Configurations also become
unique per (project, product type, name): two concurrent creates could make two.

Revision ID: 0002
Revises: 0001
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    for table in ("files", "configurations"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("name_key", sa.String(length=64), nullable=True))
    files = sa.table("files", sa.column("id"), sa.column("name"), sa.column("name_key"))
    for row in bind.execute(sa.select(files.c.id, files.c.name)).all():
        bind.execute(files.update().where(files.c.id == row.id).values(name_key=_key(row.name)))
    # configurations made twice under one name by a race stay separate: the later ones are keyed by id too
    configs = sa.table("configurations", sa.column("id"), sa.column("project_id"), sa.column("product_type"),
                       sa.column("name"), sa.column("name_key"), sa.column("created_at"))
    seen = set()
    rows = bind.execute(sa.select(configs.c.id, configs.c.project_id, configs.c.product_type, configs.c.name)
                        .order_by(configs.c.created_at, configs.c.id)).all()
    for row in rows:
        key = _key(row.name)
        if (row.project_id, row.product_type, key) in seen:
            key = _key(f"{row.name}\x00{row.id}")
        seen.add((row.project_id, row.product_type, key))
        bind.execute(configs.update().where(configs.c.id == row.id).values(name_key=key))
    with op.batch_alter_table("files") as batch:
        batch.alter_column("name_key", existing_type=sa.String(length=64), nullable=False)
        batch.drop_index("ix_files_project_name")
        batch.create_index("ix_files_project_name_key", ["project_id", "name_key"], unique=False)
    with op.batch_alter_table("configurations") as batch:
        batch.alter_column("name_key", existing_type=sa.String(length=64), nullable=False)
        batch.drop_index("ix_configurations_project_name")
        batch.create_index("ux_configurations_project_name_key", ["project_id", "product_type", "name_key"],
                           unique=True)


def downgrade() -> None:
    with op.batch_alter_table("configurations") as batch:
        batch.drop_index("ux_configurations_project_name_key")
        batch.create_index("ix_configurations_project_name", ["project_id", "product_type", "name"])
        batch.drop_column("name_key")
    with op.batch_alter_table("files") as batch:
        batch.drop_index("ix_files_project_name_key")
        batch.create_index("ix_files_project_name", ["project_id", "name"])
        batch.drop_column("name_key")
