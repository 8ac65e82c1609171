"""The agent-data store (`/api/v1/beta/agent-data`) and review: revisions of each change, routing rules

`agent_data.data` is JSONB on PostgreSQL with a GIN index (jsonb_path_ops), so equality filters on any
data field are answered from the index; SQLite stores JSON text and filters with json_extract.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from assay.storage.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent_data",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("project_id", sa.String(length=64), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("deployment_name", sa.String(length=256), nullable=False),
        sa.Column("collection", sa.String(length=256), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_agent_data_scope", "agent_data",
                    ["project_id", "deployment_name", "collection", "created_at", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_agent_data_data", "agent_data", ["data"], postgresql_using="gin",
                        postgresql_ops={"data": "jsonb_path_ops"})
    op.create_table(
        "review_revisions",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("file_id", sa.String(length=64), nullable=True),
        sa.Column("words", sa.JSON(), nullable=True),
        sa.Column("undoes", sa.String(length=64), nullable=True),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ux_review_revisions_item_seq", "review_revisions", ["item_id", "seq"], unique=True)
    op.create_index("ix_review_revisions_corrections", "review_revisions", ["project_id", "action", "created_at"])
    op.create_table(
        "review_rules",
        sa.Column("configuration_id", sa.String(length=64), primary_key=True),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("deployment_name", sa.String(length=256), nullable=False),
        sa.Column("collection", sa.String(length=256), nullable=False),
        sa.Column("confidence_below", sa.Double(), nullable=True),
        sa.Column("required_empty", sa.Boolean(), nullable=False),
        sa.Column("ungrounded", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("review_rules")
    op.drop_table("review_revisions")
    op.drop_table("agent_data")
