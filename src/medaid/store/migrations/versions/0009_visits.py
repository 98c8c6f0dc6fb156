"""Follow-up visits (回访, store/visits.py): the plan, the people it drew, and each visit's record.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the vocabularies as they were at this revision (a migration does not follow later edits of store/visits.py)
POPULATIONS = ("recipients", "paid_cases")
METHODS = ("all", "sample")
OUTCOMES = ("visited", "unreached", "refused")
MODES = ("home", "phone")


def _among(column: str, codes: Sequence[str]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{c}'" for c in codes))


def upgrade() -> None:
    op.create_table(
        "visit_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_until", sa.Date(), nullable=False),
        sa.Column("population", sa.String(length=16), nullable=False),
        sa.Column("frame", sa.Text(), nullable=False),
        sa.Column("frame_text", sa.Text(), nullable=False),
        sa.Column("frame_size", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("margin", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.String(length=16), nullable=True),
        sa.Column("seed", sa.String(length=64), nullable=True),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("planned_by", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_among("population", POPULATIONS), name=op.f("ck_visit_plans_population")),
        sa.CheckConstraint(_among("method", METHODS), name=op.f("ck_visit_plans_method")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_plans")),
    )
    op.create_index(op.f("ix_visit_plans_workspace"), "visit_plans", ["workspace"])
    op.create_table(
        "visit_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=128), nullable=False),
        sa.Column("id_cipher", sa.LargeBinary(), nullable=False),
        sa.Column("name_cipher", sa.LargeBinary(), nullable=True),
        sa.Column("id_masked", sa.String(length=32), nullable=False),
        sa.Column("name_masked", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("departments", sa.String(length=200), nullable=True),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["visit_plans.id"], name=op.f("fk_visit_targets_plan_id_visit_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_visit_targets_case_id_cases"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_targets")),
    )
    for column in ("plan_id", "person_key", "area"):
        op.create_index(op.f(f"ix_visit_targets_{column}"), "visit_targets", [column])
    op.create_table(
        "visit_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visitor", sa.String(length=100), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("needs", sa.String(length=200), nullable=True),
        sa.Column("needs_text", sa.Text(), nullable=True),
        sa.Column("satisfaction", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_among("outcome", OUTCOMES), name=op.f("ck_visit_records_outcome")),
        sa.CheckConstraint(_among("mode", MODES), name=op.f("ck_visit_records_mode")),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["visit_targets.id"],
            name=op.f("fk_visit_records_target_id_visit_targets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_records")),
    )
    op.create_index(op.f("ix_visit_records_target_id"), "visit_records", ["target_id"])


def downgrade() -> None:
    op.drop_table("visit_records")
    op.drop_table("visit_targets")
    op.drop_table("visit_plans")
