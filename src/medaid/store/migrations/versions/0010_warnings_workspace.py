"""Warnings per workspace (store/warnings_store.py): ``warnings.workspace``, unique per workspace, person and year.

Existing warnings keep their rows, events and the cases opened from them. Each gets the workspace the app
database says it is of (:func:`owner`): that of the push in the audit trail (预警推送) that made it (same
as-of date, logged up to an hour after the warning's creation, as many new warnings as were made together),
else that of its follow-ups (预警认定) and of the cases opened from it, when exactly one is named. The others
stay NULL (unassigned) and are adopted by the workspace whose own SQLite file holds them
(``store.warnings_store.adopt``). See docs/decisions/0024.

SQLite rebuilds the table (batch mode) with foreign keys off (``store.app.upgrade``), so that dropping the
old table neither cascades to ``warning_events`` nor unlinks ``cases.warning_id``.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUSH_ACTION, FOLLOW_ACTION = "预警推送", "预警认定"  # the audit trail's actions at this revision
PUSH_WINDOW = dt.timedelta(hours=1)  # a push is logged after its warnings are made (one transaction)
WARNINGS = sa.table("warnings", sa.column("id", sa.Integer()), sa.column("as_of", sa.Date()),
                    sa.column("created_at", sa.DateTime()))  # fmt: skip
TRAIL = sa.table("audit_log", sa.column("at", sa.DateTime()), sa.column("action", sa.String()),
                 sa.column("workspace", sa.String()), sa.column("detail", sa.Text()))  # fmt: skip


def _detail(text: str) -> dict[str, object]:
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _pushes(bind: sa.Connection, owners: dict[int, set[str]]) -> None:
    """Each warning's workspace as the push that made it names it: the warnings made together (same as-of date,
    same creation time) are the ``new`` of a push of that as-of date logged within the window after."""
    made: dict[tuple[dt.date, dt.datetime], list[int]] = {}
    stored = sa.select(WARNINGS.c.id, WARNINGS.c.as_of, WARNINGS.c.created_at)
    for warning_id, as_of, created_at in bind.execute(stored):
        made.setdefault((as_of, created_at), []).append(int(warning_id))
    logged: dict[dt.date, list[tuple[dt.datetime, str, object]]] = {}
    trail = sa.select(TRAIL.c.at, TRAIL.c.workspace, TRAIL.c.detail).where(TRAIL.c.action == PUSH_ACTION)
    for at, workspace, text in bind.execute(trail):
        detail = _detail(text)
        try:
            as_of = dt.date.fromisoformat(str(detail.get("as_of")))
        except ValueError:
            continue
        logged.setdefault(as_of, []).append((at, str(workspace), detail.get("new")))
    for (as_of, created_at), ids in made.items():
        pushes = logged.get(as_of, [])
        names = {w for at, w, new in pushes if new == len(ids) and created_at <= at <= created_at + PUSH_WINDOW}
        for warning_id in ids:
            owners.setdefault(warning_id, set()).update(names)


def _linked(bind: sa.Connection) -> dict[int, set[str]]:
    """Each warning's workspaces as its follow-ups in the audit trail and the cases opened from it name them."""
    linked: dict[int, set[str]] = {}
    cases = bind.execute(sa.text("SELECT warning_id, workspace FROM cases WHERE warning_id IS NOT NULL"))
    for warning_id, workspace in cases:
        linked.setdefault(int(warning_id), set()).add(str(workspace))
    trail = sa.select(TRAIL.c.workspace, TRAIL.c.detail).where(TRAIL.c.action == FOLLOW_ACTION)
    for workspace, text in bind.execute(trail):
        try:
            warning_id = int(str(_detail(text).get("id")))
        except ValueError:
            continue
        linked.setdefault(warning_id, set()).add(str(workspace))
    return linked


def owner(pushed: set[str], linked: set[str]) -> str | None:
    """The workspace of a warning: the one whose push made it; when several pushes fit, the one of them that
    followed it up or opened a case from it; with no push, the one that did; else None (unassigned)."""
    names = (pushed & linked if len(pushed) > 1 else pushed) if pushed else linked
    return next(iter(names)) if len(names) == 1 else None


def upgrade() -> None:
    with op.batch_alter_table("warnings") as batch:
        batch.add_column(sa.Column("workspace", sa.String(length=200), nullable=True))
        batch.drop_constraint("uq_warnings_person_year", type_="unique")
        batch.create_unique_constraint(
            "uq_warnings_workspace_person_year", ["workspace", "person_key", "workspace_year"]
        )
        batch.create_index(op.f("ix_warnings_workspace"), ["workspace"])
    if context.is_offline_mode():  # SQL for a DBA: no row is assigned here. On a workspace's own SQLite file the
        return  # workspace takes them when it first reads them; on a shared database the DBA assigns them (0024)
    bind = op.get_bind()
    pushed: dict[int, set[str]] = {}
    _pushes(bind, pushed)
    linked = _linked(bind)
    found = {i: owner(pushed.get(i, set()), linked.get(i, set())) for i in sorted(pushed.keys() | linked.keys())}
    assigned = [{"workspace": name, "id": i} for i, name in found.items() if name is not None]
    if assigned:
        bind.execute(sa.text("UPDATE warnings SET workspace = :workspace WHERE id = :id"), assigned)


def downgrade() -> None:
    """Back to one warning per person and year: refused by the database when two workspaces warned the same one."""
    with op.batch_alter_table("warnings") as batch:
        batch.drop_index(op.f("ix_warnings_workspace"))
        batch.drop_constraint("uq_warnings_workspace_person_year", type_="unique")
        batch.create_unique_constraint("uq_warnings_person_year", ["person_key", "workspace_year"])
        batch.drop_column("workspace")
