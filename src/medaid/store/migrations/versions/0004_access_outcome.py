"""The access log records refusals too, and the operating-system user of the command.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.add_column(sa.Column("outcome", sa.String(length=16), server_default="allowed", nullable=False))
        batch.add_column(sa.Column("os_user", sa.String(length=100), nullable=True))
        batch.create_check_constraint(op.f("ck_access_log_outcome"), "outcome IN ('allowed', 'refused')")


def downgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.drop_constraint(op.f("ck_access_log_outcome"), type_="check")
        batch.drop_column("os_user")
        batch.drop_column("outcome")
