"""High-cost warnings (高额费用预警): pushed to departments, followed up, converted.

Each push (预警推送) and each follow-up (预警认定) is an entry of the audit trail. A :class:`Scope`
limits listing and following up to a department's warnings (the department is one of the warning's)
and to an area: the person's 区划 in the recipient lists, else that of the institution of their
latest settlement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.services.common import actor_name, parse_date
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.analytics.warning_push import Conversion, PushResult
    from medaid.store.app import EventRecord, WarningRecord

WARNINGS_DIR = "warnings"  # the push lists, in the workspace


def push_warnings(root: Path, as_of: str | dt.date, *, actor: str | None = None, off_cycle: bool = False) -> PushResult:
    """Everyone over their threshold on the as-of date: new ones stored as 已推送, amounts updated,
    and one push list per department (xlsx and csv, identities masked) in DIR/warnings/. When the
    policy file sets a cadence, the date must be a push day (``WarningError`` names the previous and
    the next one) unless ``off_cycle`` (a clerk's push between push days, recorded as such)."""
    from medaid.analytics.warning_push import push
    from medaid.reports.push_list import list_stem, write_push_list
    from medaid.workspace import Workspace

    day = as_of if isinstance(as_of, dt.date) else parse_date(as_of, option="--as-of")
    workspace = Workspace.open(root)
    result = push(workspace, day, actor=actor_name(actor), off_cycle=off_cycle)
    folder = workspace.root / WARNINGS_DIR
    for department, listed in result.to_push().items():
        stem = list_stem(folder, department, day)
        result.files += write_push_list(listed, stem, department=department, as_of=day,
                                        region=workspace.settings.region)  # fmt: skip
    return result


def follow_warning(
    root: Path,
    warning: int | str,
    state: str,
    *,
    note: str | None = None,
    actor: str | None = None,
    scope: Scope = EVERYTHING,
) -> WarningRecord:
    """A department's finding on a warning (by id or masked 身份证号): 已认定 or 未认定, logged. A warning
    outside ``scope`` is refused (``AccessDenied``)."""
    from medaid.analytics.warning_push import follow_up
    from medaid.workspace import Workspace

    return follow_up(Workspace.open(root), warning, state, note, actor=actor_name(actor),
                     department=scope.department_name, area=scope.area_code)  # fmt: skip


@dataclass
class WarningList:
    warnings: list[WarningRecord] = field(default_factory=list)
    unassigned: int = 0  # the app database's warnings of no workspace (stored before 0.18 on a shared one)

    @property
    def note(self) -> str | None:
        """What to tell the user of the unassigned warnings, None when there are none."""
        if not self.unassigned:
            return None
        return (f"应用数据库中另有 {self.unassigned} 条预警不属于任何工作区（0.18 版之前推送于共享数据库，"
                "无法判断属于哪个工作区），未列出，也不计入转化率；请数据库管理员按 "
                "docs/decisions/0024-warnings-per-workspace.md 把它们归入所属工作区")  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        return {"count": len(self.warnings), "warnings": [w.to_dict() for w in self.warnings],
                "unassigned": self.unassigned}  # fmt: skip


def list_warnings(
    root: Path, *, state: str | None = None, year: int | None = None, scope: Scope = EVERYTHING
) -> WarningList:
    """The stored warnings of ``year`` (default: the workspace's), optionally in one state, within ``scope``."""
    from medaid.analytics import warning_push
    from medaid.workspace import Workspace

    found = warning_push.list_warnings(Workspace.open(root), state=state, year=year,
                                       department=scope.department_name, area=scope.area_code)  # fmt: skip
    return WarningList(found, unassigned_warnings(root))


def unassigned_warnings(root: Path) -> int:
    """How many warnings of the app database belong to no workspace: stored before 0.18 on a shared database and
    not told apart by migration 0010 (a workspace's own SQLite file has none: it adopts them)."""
    from medaid.store.app import session_for
    from medaid.store.warnings_store import unassigned

    with session_for(root) as session:
        return unassigned(session)


def warning_states(root: Path, *, year: int | None = None) -> dict[str, int]:
    """How many warnings of ``year`` are in each state (已推送, 已认定, 未认定)."""
    counts: dict[str, int] = {}
    for warning in list_warnings(root, year=year).warnings:
        counts[warning.state] = counts.get(warning.state, 0) + 1
    return counts


@dataclass(frozen=True)
class WarningRate:
    year: int
    conversion: Conversion

    def to_dict(self) -> dict[str, object]:
        c = self.conversion
        return {"year": self.year, "pushed": c.pushed, "confirmed": c.confirmed, "rate": c.rate}


def warning_rate(root: Path, *, year: int | None = None) -> WarningRate:
    """预警转化率: recognised after a push ÷ pushed."""
    from medaid.analytics.warning_push import conversion
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    return WarningRate(chosen, conversion(workspace, chosen))


def warning_events(root: Path, warning_id: int) -> list[EventRecord]:
    """The audit log of one warning: pushed, amounts updated, followed up — who, when, why."""
    from medaid.analytics.warning_push import events
    from medaid.workspace import Workspace

    return events(Workspace.open(root), warning_id)
