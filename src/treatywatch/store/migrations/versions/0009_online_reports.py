"""Article 7 reports drafted and submitted online (issue 22)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("report", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("submitted", sa.DateTime(), nullable=True),
        sa.Column("account", sa.Integer(), nullable=False),
        sa.Column("fact", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_submission")),
    )
    with op.batch_alter_table("report_submission", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_submission_key",
            ["instrument", "state", "report", "year", "version"],
            unique=True,
        )
        batch_op.create_index(batch_op.f("ix_report_submission_state"), ["state"], unique=False)
    op.create_table(
        "report_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=8), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission"],
            ["report_submission.id"],
            name=op.f("fk_report_form_submission_report_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_form")),
    )
    with op.batch_alter_table("report_form", schema=None) as batch_op:
        batch_op.create_index("ix_report_form_submission_form", ["submission", "form"], unique=True)
        batch_op.create_index(batch_op.f("ix_report_form_submission"), ["submission"], unique=False)


def downgrade() -> None:
    op.drop_table("report_form")
    op.drop_table("report_submission")
