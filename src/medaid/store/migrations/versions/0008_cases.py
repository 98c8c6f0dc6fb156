"""Cases of 依申请救助 (store/cases.py): the case, its household, bills, documents and history.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the vocabularies as they were at this revision (a migration does not follow later edits of vocab.py)
STATES = ("applied", "accepted", "reviewed", "approved", "publicised", "paid", "archived", "rejected", "withdrawn")
ACTIONS = ("open", "accept", "refuse", "review", "fail_review", "approve", "deny", "publish", "object",
           "dismiss_objection", "reopen", "overturn", "pay", "archive", "withdraw")  # fmt: skip


def _among(column: str, codes: Sequence[str]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{c}'" for c in codes))


def _person() -> list[sa.Column[Any]]:
    return [
        sa.Column("person_key", sa.String(length=128), nullable=False),
        sa.Column("id_cipher", sa.LargeBinary(), nullable=False),
        sa.Column("name_cipher", sa.LargeBinary(), nullable=False),
        sa.Column("id_masked", sa.String(length=32), nullable=False),
        sa.Column("name_masked", sa.String(length=64), nullable=False),
    ]


def _child(table: str, *columns: sa.Column[Any] | sa.CheckConstraint) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"])


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=12), nullable=True),
        sa.Column("department", sa.String(length=32), nullable=True),
        *_person(),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("warning_id", sa.Integer(), nullable=True),
        sa.Column("income_fen", sa.BigInteger(), nullable=False),
        sa.Column("assets_fen", sa.BigInteger(), nullable=False),
        sa.Column("assets_note", sa.Text(), nullable=True),
        sa.Column("eligibility", sa.Text(), nullable=True),
        sa.Column("publicity_from", sa.Date(), nullable=True),
        sa.Column("publicity_until", sa.Date(), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=True),
        sa.Column("amount_trace", sa.Text(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_among("state", STATES), name=op.f("ck_cases_state")),
        sa.ForeignKeyConstraint(
            ["warning_id"], ["warnings.id"], name=op.f("fk_cases_warning_id_warnings"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    for column in ("workspace", "state", "area", "person_key", "warning_id"):
        op.create_index(op.f(f"ix_cases_{column}"), "cases", [column])
    _child("case_members", *_person(), sa.Column("relation", sa.String(length=16), nullable=False))
    _child(
        "case_bills",
        sa.Column("settlement_id", sa.String(length=64), nullable=True),
        sa.Column("bill_date", sa.Date(), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("in_scope_fen", sa.BigInteger(), nullable=True),
        sa.Column("self_pay_fen", sa.BigInteger(), nullable=False),
        sa.Column("hospital", sa.String(length=200), nullable=True),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("total_fen >= 0 AND self_pay_fen >= 0", name=op.f("ck_case_bills_amounts")),
    )
    op.create_index(op.f("ix_case_bills_settlement_id"), "case_bills", ["settlement_id"])
    _child(
        "case_documents",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("name_cipher", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
    )
    _child(
        "case_events",
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(_among("action", ACTIONS), name=op.f("ck_case_events_action")),
    )


def downgrade() -> None:
    for table in ("case_events", "case_documents", "case_bills", "case_members"):
        op.drop_table(table)
    op.drop_table("cases")
