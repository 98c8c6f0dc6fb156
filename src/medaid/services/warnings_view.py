"""High-cost warnings (高额费用预警) as the web shows and changes them: one function per request.

The warnings, their push, follow-up and events come from ``services.warnings``; what this adds:

- a page: the warnings within the account's scope (and the filters), each with how far over its
  threshold it is, counted by 认定部门 and state with each department's 预警转化率 (已认定 ÷ pushed,
  the same formula as ``warning_rate``), and the year's rate over every warning;
- a push answers with counts and the push lists' file names (not the server's paths);
- a warning outside the account's scope is refused as :class:`~medaid.errors.Forbidden` (403 on the
  web), logged — following it up, and reading its events alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Forbidden, Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope
from medaid.vocab import WARNING_STATES

if TYPE_CHECKING:
    from medaid.services.warnings import WarningRate
    from medaid.store.app import EventRecord, WarningRecord


@dataclass(frozen=True)
class DepartmentLine:
    department: str
    states: dict[str, int]  # state → warnings
    amount: float  # 元, the year-to-date amounts of its warnings

    @property
    def warnings(self) -> int:
        return sum(self.states.values())

    @property
    def rate(self) -> float:
        return self.states.get("confirmed", 0) / self.warnings if self.warnings else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"department": self.department, "states": self.states, "warnings": self.warnings,
                "amount": self.amount, "rate": self.rate}  # fmt: skip


def over_threshold(w: WarningRecord) -> dict[str, object]:
    """A warning as the page lists it: its record, and how far over its threshold."""
    from medaid.money import yuan_float

    over = w.amount_fen - w.threshold_fen
    return w.to_dict() | {
        "over": yuan_float(over),
        "times": w.amount_fen / w.threshold_fen if w.threshold_fen else None,
    }


@dataclass
class WarningsPage:
    year: int
    scope: str
    warnings: list[WarningRecord] = field(default_factory=list)
    departments: list[DepartmentLine] = field(default_factory=list)
    states: dict[str, int] = field(default_factory=dict)  # over the listed warnings
    rate: WarningRate | None = None  # the year's, over every warning of the workspace
    filters: dict[str, object] = field(default_factory=dict)
    total: int = 0  # warnings matching the filters; ``warnings`` is the page of them from ``offset``
    offset: int = 0
    limit: int | None = None
    unassigned: int = 0  # the app database's warnings of no workspace (services.warnings.unassigned_warnings)

    @property
    def push_date(self) -> str:
        """The as-of date a push defaults to: today, or the year's last day for a past year."""
        import datetime as dt

        return min(dt.date.today(), dt.date(self.year, 12, 31)).isoformat()

    def to_dict(self) -> dict[str, object]:
        return {"year": self.year, "scope": self.scope, "count": self.total, "offset": self.offset,
                "limit": self.limit,
                "warnings": [over_threshold(w) for w in self.warnings],
                "departments": [d.to_dict() for d in self.departments], "states": self.states,
                "rate": self.rate.to_dict() if self.rate else None, "filters": self.filters,
                "push_date": self.push_date, "state_labels": WARNING_STATES,
                "unassigned": self.unassigned}  # fmt: skip


def _by_department(found: list[WarningRecord]) -> list[DepartmentLine]:
    from medaid.money import yuan_float

    states: dict[str, dict[str, int]] = {}
    amounts: dict[str, int] = {}
    for w in found:
        for d in w.departments or ("（无认定部门）",):
            line = states.setdefault(d, dict.fromkeys(WARNING_STATES, 0))
            line[w.state] = line.get(w.state, 0) + 1
            amounts[d] = amounts.get(d, 0) + w.amount_fen
    return [
        DepartmentLine(d, states[d], yuan_float(amounts[d]))
        for d in sorted(states, key=lambda d: -sum(states[d].values()))
    ]


def _selection(
    root: Path, year: int, scope: Scope, wanted: str | None, state: str | None
) -> tuple[list[WarningRecord], list[DepartmentLine], dict[str, int]]:
    """(the warnings listed, largest first; the lines by department; the count in each state) of the
    year's warnings within ``scope``, of department ``wanted`` and in ``state`` when given."""
    from medaid.services.state import cached
    from medaid.services.warnings import list_warnings

    found = cached(root, "warnings", (year, scope), lambda: list_warnings(root, year=year, scope=scope).warnings)
    if wanted:
        found = [w for w in found if wanted in w.departments]
    own = scope.department_name  # a department's page counts its own line only (a warning may have several)
    departments = [d for d in _by_department(found) if own is None or d.department == own]
    states = dict.fromkeys(WARNING_STATES, 0)
    for w in found:
        states[w.state] = states.get(w.state, 0) + 1
    return [w for w in found if not state or w.state == state], departments, states


def warnings_page(
    root: Path,
    *,
    state: str | None = None,
    year: int | None = None,
    department: str | None = None,
    scope: Scope = EVERYTHING,
    limit: int | None = 100,
    offset: int = 0,
) -> WarningsPage:
    """The year's warnings within ``scope`` (and of ``department`` / in ``state`` when given), largest first;
    ``limit`` of them from ``offset`` (None: all). The year's warnings are read once per state of the data."""
    from medaid.services.state import cached
    from medaid.services.warnings import unassigned_warnings, warning_rate

    rate = cached(root, "warning_rate", year, lambda: warning_rate(root, year=year))
    wanted = Scope(department).department_name
    listed, departments, states = cached(root, "warnings_page", (rate.year, scope, wanted, state),
                                         lambda: _selection(root, rate.year, scope, wanted, state))  # fmt: skip
    page = WarningsPage(rate.year, scope.describe(), rate=rate)
    page.unassigned = cached(root, "unassigned_warnings", None, lambda: unassigned_warnings(root))
    page.departments, page.states = departments, states
    page.total, page.offset, page.limit = len(listed), offset, limit
    page.warnings = listed[offset:] if limit is None else listed[offset : offset + limit]
    filters = {"state": state, "year": year, "department": department}
    page.filters = {k: v for k, v in filters.items() if v}
    return page


@dataclass(frozen=True)
class PushSummary:
    as_of: str
    over_threshold: int
    new: int
    updated: int
    unchanged: int
    by_department: dict[str, int]
    files: list[str]

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def push(root: Path, as_of: str, *, actor: str) -> PushSummary:
    """Push the warnings on ``as_of`` (``services.warnings.push_warnings``: audit entry 预警推送)."""
    from medaid.services.warnings import push_warnings

    done = push_warnings(root, as_of, actor=actor)
    return PushSummary(done.as_of.isoformat(), len(done.warnings), len(done.new), done.updated, done.unchanged,
                       done.by_department(), [p.name for p in done.files])  # fmt: skip


def _refuse(root: Path, actor: str, what: str, message: str, target: str) -> Forbidden:
    from medaid.services.accounts import log_refusal

    log_refusal(root, actor, what, target)
    return Forbidden(message, fix="部门账户只能查看和登记推送给本部门的预警")


def follow_up(root: Path, warning_id: int, state: str, note: str, *, actor: str,
              scope: Scope = EVERYTHING) -> WarningRecord:  # fmt: skip
    """A department's finding on a warning (``services.warnings.follow_warning``: audit entry 预警认定), with
    the note that says why (required here); a warning outside ``scope`` is refused (403, logged)."""
    from medaid.services.warnings import follow_warning
    from medaid.store.accounts import AccessDenied

    if not (note or "").strip():  # on the web every decision carries its reason
        raise MedaidError("认定说明不能为空", where=Location(key="note"),
                          fix="请写明依据什么认定或不认定，如：经入户核实，认定为低保边缘家庭成员")  # fmt: skip
    try:
        return follow_warning(root, warning_id, state, note=note, actor=actor, scope=scope)
    except AccessDenied as err:
        raise _refuse(root, actor, "follow_up", err.what, f"预警 {warning_id}") from None


def _in_scope(root: Path, warning_id: int, scope: Scope) -> bool:
    from medaid.analytics.warnings import areas
    from medaid.services.common import workspace_key
    from medaid.store.app import session_for
    from medaid.store.warnings_store import adopt, find
    from medaid.workspace import Workspace

    key = workspace_key(Workspace.open(root))
    with session_for(root) as session:
        adopt(session, root, key)
        found = find(session, warning_id, key)  # another workspace's warning is not found
        if found is None:
            raise MedaidError(f"找不到编号为 {warning_id} 的预警", where=Location(key="预警编号"),
                              fix="请在高额费用预警页查看预警编号")  # fmt: skip
        departments, person = [d for d in found.departments.split("、") if d], found.person_key
    if scope.department_name and scope.department_name not in departments:
        return False
    if scope.area_code:
        return (areas(Workspace.open(root), [person]).get(person) or "").startswith(scope.area_code)
    return True


def warning_history(root: Path, warning_id: int, *, actor: str, scope: Scope = EVERYTHING) -> list[EventRecord]:
    """The events of one warning (pushed, amounts updated, followed up); one outside ``scope``: 403, logged."""
    from medaid.services.warnings import warning_events

    if not _in_scope(root, warning_id, scope):
        raise _refuse(root, actor, "read_follow_ups", f"预警 {warning_id} 不在本账户的范围（{scope.describe()}）内",
                      f"预警 {warning_id} 的记录")  # fmt: skip
    return warning_events(root, warning_id)
