"""High-cost warnings and their audit log.

Revision ID: 0001
Revises:
Create Date: 2024-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "warnings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workspace_year", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("person_key", sa.String(length=128), nullable=False),
        sa.Column("id_masked", sa.String(length=32), nullable=False),
        sa.Column("name_masked", sa.String(length=64), nullable=True),
        sa.Column("group", sa.String(length=32), nullable=False),
        sa.Column("departments", sa.String(length=200), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("threshold_fen", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('pushed', 'confirmed', 'rejected')", name=op.f("ck_warnings_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warnings")),
        sa.UniqueConstraint("person_key", "workspace_year", name="uq_warnings_person_year"),
    )
    op.create_index(op.f("ix_warnings_workspace_year"), "warnings", ["workspace_year"], unique=False)
    op.create_index(op.f("ix_warnings_id_masked"), "warnings", ["id_masked"], unique=False)
    op.create_table(
        "warning_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("warning_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["warning_id"], ["warnings.id"], name=op.f("fk_warning_events_warning_id_warnings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_events")),
    )
    op.create_index(op.f("ix_warning_events_warning_id"), "warning_events", ["warning_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_warning_events_warning_id"), table_name="warning_events")
    op.drop_table("warning_events")
    op.drop_index(op.f("ix_warnings_id_masked"), table_name="warnings")
    op.drop_index(op.f("ix_warnings_workspace_year"), table_name="warnings")
    op.drop_table("warnings")
