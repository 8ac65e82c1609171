"""Layout memory: remembered layouts and their fingerprint index

`layouts` holds what reviewed documents taught (`assay.pipeline.recall`); `layout_bands` indexes each
layout's MinHash bands so a new document finds its layout in a few index lookups.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import assay.storage.tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "layouts",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("project_id", sa.String(length=64), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("schema_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("data_schema", sa.JSON(), nullable=False),
        sa.Column("tokens", sa.JSON(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("fixed_words", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("sums", sa.JSON(), nullable=False),
        sa.Column("conventions", sa.JSON(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("created_at", assay.storage.tables.UTCDateTime(), nullable=False),
        sa.Column("updated_at", assay.storage.tables.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_layouts_project_created", "layouts", ["project_id", "created_at", "id"])
    op.create_table(
        "layout_bands",
        sa.Column("layout_id", sa.String(length=64), sa.ForeignKey("layouts.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("band", sa.String(length=24), primary_key=True),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("schema_key", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_layout_bands_lookup", "layout_bands", ["project_id", "schema_key", "band", "layout_id"])


def downgrade() -> None:
    op.drop_index("ix_layout_bands_lookup", table_name="layout_bands")
    op.drop_table("layout_bands")
    op.drop_index("ix_layouts_project_created", table_name="layouts")
    op.drop_table("layouts")
