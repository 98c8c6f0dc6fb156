"""The web application: accounts sign in (argon2 password, TOTP), have a department and an area
scope and lock after failures; browser sessions; the follow-up of verification findings.
Old roles map over: verifier → clerk, viewer → finance.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_ROLES = "role IN ('admin', 'clerk', 'evaluator', 'finance', 'department')"
OLD_ROLES = "role IN ('admin', 'verifier', 'viewer')"
STATES = "state IN ('open', 'in_progress', 'resolved', 'dismissed')"


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_constraint(op.f("ck_accounts_role"), type_="check")
    op.execute("UPDATE accounts SET role = 'clerk' WHERE role = 'verifier'")
    op.execute("UPDATE accounts SET role = 'finance' WHERE role = 'viewer'")
    with op.batch_alter_table("accounts") as batch:
        batch.create_check_constraint(op.f("ck_accounts_role"), NEW_ROLES)
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("totp_secret", sa.Text(), nullable=True))
        batch.add_column(sa.Column("totp_confirmed", sa.Boolean(), server_default="0", nullable=False))
        batch.add_column(sa.Column("department", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("area", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("disabled", sa.Boolean(), server_default="0", nullable=False))
        batch.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=100), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_account"), "web_sessions", ["account"], unique=False)
    op.create_table(
        "finding_follow_ups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workspace", sa.String(length=200), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("settlement_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(STATES, name=op.f("ck_finding_follow_ups_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_follow_ups")),
    )
    op.create_index(op.f("ix_finding_follow_ups_workspace"), "finding_follow_ups", ["workspace"], unique=False)
    op.create_index(op.f("ix_finding_follow_ups_settlement_id"), "finding_follow_ups", ["settlement_id"],
                    unique=False)  # fmt: skip


def downgrade() -> None:
    op.drop_index(op.f("ix_finding_follow_ups_settlement_id"), table_name="finding_follow_ups")
    op.drop_index(op.f("ix_finding_follow_ups_workspace"), table_name="finding_follow_ups")
    op.drop_table("finding_follow_ups")
    op.drop_index(op.f("ix_web_sessions_account"), table_name="web_sessions")
    op.drop_table("web_sessions")
    with op.batch_alter_table("accounts") as batch:
        for column in ("updated_at", "disabled", "locked_until", "failed_logins", "area", "department",
                       "totp_confirmed", "totp_secret", "password_hash"):  # fmt: skip
            batch.drop_column(column)
        batch.drop_constraint(op.f("ck_accounts_role"), type_="check")
    op.execute("UPDATE accounts SET role = 'verifier' WHERE role = 'clerk'")
    op.execute("UPDATE accounts SET role = 'viewer' WHERE role IN ('finance', 'evaluator', 'department')")
    with op.batch_alter_table("accounts") as batch:
        batch.create_check_constraint(op.f("ck_accounts_role"), OLD_ROLES)
