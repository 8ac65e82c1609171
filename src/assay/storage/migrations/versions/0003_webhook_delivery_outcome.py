"""Webhook deliveries record the saved configuration they came from and the last HTTP status received

So `GET /api/v2/webhook-deliveries` can list them per job or per saved webhook configuration, with
each attempt's outcome.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.add_column(sa.Column("webhook_config_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("last_response_status", sa.Integer(), nullable=True))
        batch.create_index("ix_webhook_deliveries_webhook_config_id", ["webhook_config_id"])


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_index("ix_webhook_deliveries_webhook_config_id")
        batch.drop_column("last_response_status")
        batch.drop_column("webhook_config_id")
