"""Meetings: a statement's agenda item; participation roles state_party and signatory (issue 21)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# The roles state_party and signatory need no change: participation.role is a free string of
# up to 16 characters, which both fit.


def upgrade() -> None:
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_column("agenda")
