"""Article 7 reports drafted and submitted online (issue 22)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
