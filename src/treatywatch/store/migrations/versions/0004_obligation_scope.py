"""obligation facts may name the part of the obligation they concern

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("obligation_fact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scope", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("obligation_fact", schema=None) as batch_op:
        batch_op.drop_column("scope")
