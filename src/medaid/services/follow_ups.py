"""Following up verification findings (核查发现的整改): list them with their state, record what was done.

A finding is one line of the latest verification run of its month, known by its settlement and
reason; its state (待整改 → 整改中 → 已整改, or 核实无误) is the latest follow-up recorded for it,
待整改 when there is none. Each follow-up needs a note saying what was done, and is one entry of
the audit trail. A :class:`Scope` limits what an account sees and may follow: a department's
account only its own 认定部门's people, an area account only its 区划.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from medaid.errors import Location, MedaidError
from medaid.services.common import actor_name
from medaid.vocab import FINDING_STATES, REASONS, Vocabulary, lookup

if TYPE_CHECKING:
    from medaid.analytics.runs import FindingQuery, MonthFinding
    from medaid.store.follow_ups import FollowUpRecord
    from medaid.workspace import Workspace

STATE_CHOICES = "、".join(f"{code}（{label}）" for code, label in FINDING_STATES.items())
REASON_CHOICES = "、".join(f"{code}（{label}）" for code, label in REASONS.items())


@dataclass(frozen=True)
class Scope:
    """The rows an account may see and act on: ``department`` — only people of this 认定部门;
    ``area`` — only rows whose 区划 starts with this code. ``Scope()`` is everything."""

    department: str | None = None
    area: str | None = None

    @property
    def department_name(self) -> str | None:
        """The canonical 认定部门 (aliases such as 民政局 accepted); an unknown one as written, matching nothing."""
        text = (self.department or "").strip()
        return (lookup(Vocabulary.DEPARTMENT, text) or text) if text else None

    @property
    def area_code(self) -> str | None:
        return (self.area or "").strip() or None

    @property
    def limited(self) -> bool:
        return self.department_name is not None or self.area_code is not None

    def admits(self, departments: Iterable[str], area: str | None) -> bool:
        wanted = self.department_name
        if wanted is not None and wanted not in set(departments):
            return False
        return self.area_code is None or (area or "").startswith(self.area_code)

    def describe(self) -> str:
        parts = [f"认定部门 {self.department_name}" if self.department_name else "",
                 f"区划 {self.area_code}" if self.area_code else ""]  # fmt: skip
        return "、".join(p for p in parts if p) or "全部"


EVERYTHING = Scope()


@dataclass(frozen=True)
class FindingView:
    """A finding as a clerk or a department sees it: the ledger line, identities masked, and its follow-up."""

    found: MonthFinding
    follow_up: FollowUpRecord | None = None

    @property
    def state(self) -> str:
        return self.follow_up.state if self.follow_up else "open"

    def to_dict(self) -> dict[str, object]:
        f, last = self.found, self.follow_up
        return {"month": f.month, "run_id": f.run_id, **f.row.to_dict(), "area": f.area, "state": self.state,
                "state_label": FINDING_STATES[self.state], "note": last.note if last else None,
                "followed_by": last.actor if last else None,
                "followed_at": last.at.isoformat() if last else None}  # fmt: skip


@dataclass
class FindingList:
    count: int  # findings matching every filter (the page holds at most ``limit`` of them)
    findings: list[FindingView] = field(default_factory=list)
    states: dict[str, int] = field(default_factory=dict)  # per state, over the findings matching the other filters

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "findings": [f.to_dict() for f in self.findings], "states": self.states}


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _month_filter(value: str | None) -> str | None:
    """A month as stored (2023-07); a value that is no month is kept as written and matches nothing."""
    from medaid.analytics.verification import Month

    text = _text(value)
    if text is None:
        return None
    try:
        return str(Month.parse(text))
    except ValueError:
        return text


def _month(value: str) -> str:
    from medaid.analytics.verification import Month

    try:
        return str(Month.parse(value.strip()))
    except ValueError as err:
        raise MedaidError(f"月份“{value}”无效", where=Location(key="月份"), fix="请写成 2023-07") from err


def _code(value: str | None, codes: dict[str, str]) -> str | None:
    """A code as given, or the code of its Chinese label (应享未享 → missed, 整改中 → in_progress)."""
    text = _text(value)
    if text is None or text in codes:
        return text
    return next((code for code, label in codes.items() if label == text), text)


def _reason(value: str) -> str:
    code = _code(value, REASONS)
    if code not in REASONS:
        raise MedaidError(f"核查结果“{value}”无效", where=Location(key="--reason"), fix=f"可填：{REASON_CHOICES}")
    return code


def _state(value: str) -> str:
    code = _code(value, FINDING_STATES)
    if code not in FINDING_STATES:
        raise MedaidError(f"整改状态“{value}”无效", where=Location(key="--state"), fix=f"可填：{STATE_CHOICES}")
    return code


def _query(month: str | None, reason: str | None, department: str | None, query: str | None,
           scope: Scope) -> FindingQuery:  # fmt: skip
    from medaid.analytics.runs import FindingQuery

    departments = (Scope(department).department_name, scope.department_name)
    return FindingQuery(month=_month_filter(month), reason=_code(reason, REASONS),
                        departments=tuple(sorted({d for d in departments if d})), area=scope.area_code,
                        text=_text(query))  # fmt: skip


def _found(workspace: Workspace, q: FindingQuery) -> tuple[str, list[MonthFinding]]:
    """The workspace's identity in the app database, and the findings matching ``q``."""
    from medaid.analytics.runs import latest_findings
    from medaid.store.schema import workspace_id

    with workspace.connect(read_only=True) as con:
        return workspace_id(con), latest_findings(con, q)


def _views(workspace: Workspace, q: FindingQuery) -> list[FindingView]:
    from medaid.services.state import cached
    from medaid.store.app import session_for
    from medaid.store.follow_ups import current

    # the query joins every run's findings with the registry: kept until the data change (services.state)
    key, found = cached(workspace.root, "findings", q, lambda: _found(workspace, q))
    with session_for(workspace.root) as session:
        states = current(session, key)
    return [FindingView(f, states.get((f.row.settlement_id, f.row.reason))) for f in found]


def _counted(workspace: Workspace, q: FindingQuery, wanted: str | None) -> tuple[list[FindingView], dict[str, int]]:
    """(the findings matching ``q`` in state ``wanted`` when given; the count in each state of all matching ``q``)."""
    views = _views(workspace, q)
    states = dict.fromkeys(FINDING_STATES, 0)
    for view in views:
        states[view.state] += 1
    return [v for v in views if wanted is None or v.state == wanted], states


class FindingFilters(TypedDict, total=False):
    """The filters of the findings ledger, as ``list_findings`` takes them; its wrappers pass them on whole."""

    month: str | None
    reason: str | None
    state: str | None
    department: str | None
    query: str | None


def list_findings(
    root: Path,
    *,
    month: str | None = None,
    reason: str | None = None,
    state: str | None = None,
    department: str | None = None,
    query: str | None = None,
    scope: Scope = EVERYTHING,
    limit: int | None = 500,
    offset: int = 0,
) -> FindingList:
    """The findings of the latest run of each month (or of ``month``), latest month first, each with its
    follow-up. ``query``: part of a settlement id or of a masked 身份证号. A filter value that is no code
    or month matches nothing (every value is a bound parameter). ``limit`` None: all of them."""
    from medaid.services.state import cached
    from medaid.workspace import Workspace

    q, wanted = _query(month, reason, department, query, scope), _code(state, FINDING_STATES)
    views, states = cached(root, "finding_list", (q, wanted), lambda: _counted(Workspace.open(root), q, wanted))
    start = max(offset, 0)
    page = views[start:] if limit is None else views[start : start + max(limit, 0)]
    return FindingList(len(views), page, states)


def _refuse(scope: Scope, found: MonthFinding) -> None:
    from medaid.store.accounts import AccessDenied

    if scope.admits(found.row.departments, found.area):
        return
    theirs = "、".join(found.row.departments) or "无（不在救助对象名单中）"
    raise AccessDenied(f"结算 {found.row.settlement_id} 的核查发现不在本账户的范围（{scope.describe()}）内："
                       f"其认定部门为{theirs}，区划为{found.area or '未知'}",
                       fix="部门账户只能查看和登记本部门认定对象的核查发现；其他发现请由医保经办登记")  # fmt: skip


def follow_finding(
    root: Path,
    month: str,
    settlement_id: str,
    reason: str,
    state: str,
    note: str,
    *,
    actor: str | None = None,
    scope: Scope = EVERYTHING,
) -> FindingView:
    """Record the follow-up of a finding of the latest run of ``month``: its new state (the same state again
    is a progress note) and a note saying what was done; one audit-trail entry (核查整改) with it."""
    from medaid.analytics.runs import FindingQuery
    from medaid.store.app import session_for
    from medaid.store.follow_ups import record
    from medaid.workspace import Workspace

    text = (note or "").strip()
    if not text:
        raise MedaidError("整改说明不能为空", where=Location(key="--note"),
                          fix="请写明做了什么、依据是什么，如：已追回多付的 280.00 元，收据号 2023-118")  # fmt: skip
    period, code, sid, new = _month(month), _reason(reason), settlement_id.strip(), _state(state)
    workspace = Workspace.open(root)
    key, found = _found(workspace, FindingQuery(month=period, reason=code, settlement_id=sid))
    if not found:
        raise MedaidError(f"{period} 最近一次核查中没有结算 {sid} 的“{REASONS[code]}”发现",
                          where=Location(key="结算编号"),
                          fix=f"用 medaid findings list 工作区 --month {period} 查看核查发现；"
                              f"尚未核查的月份请先运行 medaid verify 工作区 --month {period}")  # fmt: skip
    _refuse(scope, found[0])
    with session_for(workspace.root) as session:
        followed = record(session, workspace=key, month=period, settlement_id=sid, reason=code, state=new,
                          note=text, actor=actor_name(actor))  # fmt: skip
    return FindingView(found[0], followed)


def finding_history(root: Path, settlement_id: str, reason: str, *, scope: Scope = EVERYTHING) -> list[FollowUpRecord]:
    """Every follow-up of one finding, oldest first. A scoped account sees only a finding in its scope."""
    from medaid.analytics.runs import FindingQuery
    from medaid.store.accounts import AccessDenied
    from medaid.store.app import session_for
    from medaid.store.follow_ups import history
    from medaid.workspace import Workspace

    code, sid = _reason(reason), settlement_id.strip()
    workspace = Workspace.open(root)
    key, found = _found(workspace, FindingQuery(reason=code, settlement_id=sid))
    if scope.limited and not found:
        raise AccessDenied(f"结算 {sid} 的“{REASONS[code]}”发现不在本账户的范围（{scope.describe()}）内",
                           fix="部门账户只能查看本部门认定对象的核查发现")  # fmt: skip
    if scope.limited:
        _refuse(scope, found[0])
    with session_for(workspace.root) as session:
        return history(session, key, sid, code)


def export_findings(root: Path, out: Path, *, scope: Scope = EVERYTHING, **filters: Unpack[FindingFilters]) -> Path:
    """The findings :func:`list_findings` gives for these filters, all of them, as an xlsx (identities
    masked, with each finding's state and latest note); written completely before it replaces ``out``."""
    from medaid.reports.files import atomic
    from medaid.reports.findings_sheet import write_findings
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    listed = list_findings(root, scope=scope, limit=None, **filters)
    reason_code, state_code = _code(filters.get("reason"), REASONS), _code(filters.get("state"), FINDING_STATES)
    said = {"月份": _month_filter(filters.get("month")), "核查结果": REASONS.get(reason_code or "", reason_code),
            "整改状态": FINDING_STATES.get(state_code or "", state_code),
            "认定部门": Scope(filters.get("department")).department_name,
            "查询": _text(filters.get("query"))}  # fmt: skip
    described = "；".join(f"{k}：{v}" for k, v in said.items() if v)
    if scope.limited:
        described = "；".join(p for p in (described, f"范围：{scope.describe()}") if p)
    with atomic(out) as temp:
        write_findings([(v.found, v.follow_up) for v in listed.findings], temp, region=workspace.settings.region,
                       filters=described or "全部")  # fmt: skip
    return out
