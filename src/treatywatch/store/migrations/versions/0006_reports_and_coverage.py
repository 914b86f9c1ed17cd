"""Article 7 reports and the coverage of each obligation's record; obligation facts name
the meeting that decided them and the document symbol

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _origin() -> sa.Column[str]:
    return sa.Column("origin", sa.String(length=16), server_default="data", nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("obligation_fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("document", sa.String(length=120), nullable=False, server_default="")
        )
    op.create_table(
        "report_fact",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("report", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _origin(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_fact")),
    )
    with op.batch_alter_table("report_fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_fact_state"), ["state"], unique=False)
    op.create_table(
        "coverage",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("part", sa.String(length=32), nullable=False),
        sa.Column("complete_through", sa.Date(), nullable=True),
        sa.Column("through_event", sa.String(length=64), nullable=True),
        sa.Column("next_meeting", sa.String(length=64), nullable=True),
        sa.Column("basis", sa.Text(), server_default="", nullable=False),
        _origin(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coverage")),
    )


def downgrade() -> None:
    op.drop_table("coverage")
    with op.batch_alter_table("report_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_fact_state"))
    op.drop_table("report_fact")
    with op.batch_alter_table("obligation_fact", schema=None) as batch_op:
        batch_op.drop_column("document")
        batch_op.drop_column("event")
