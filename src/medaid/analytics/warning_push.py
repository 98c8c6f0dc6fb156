"""Push high-cost warnings to departments and follow them up (主动发现：由人找政策到政策找人).

``push`` computes who is over their threshold on an as-of date, records each person once a
year in the app database (state 已推送; a person warned earlier this year is not pushed
again, but their amount is updated), and writes one push list per department (xlsx and
UTF-8-BOM csv, identities masked, never formulas). ``follow_up`` records what a department
found (已认定 / 未认定) with an audit event; ``conversion`` is the share of pushed warnings
that led to a recognition (Hefei 2023: 56 of 20856, 0.27 %).

With a cadence of pushes in the policy file (``warning.cadence``, analytics.warning_rule), the as-of
date must be a push day, else it is refused naming the previous and the next one, unless the clerk
pushes off-cycle (``off_cycle``: noted in the audit trail and each new warning's log).

Each push and each follow-up is an entry of the audit trail (预警推送, 预警认定). Listing and
following up can be limited to a department (a warning is its when the department is one of
the warning's) and to an area: the person's 区划 in the recipient lists, else the 区划 of the
institution of their latest settlement (一般人群 are on no list).

Every warning is of one workspace (``warnings.workspace``, the store's ``workspace_id``): a push, a list, a
follow-up, the events and the conversion see the workspace's own warnings only, when several workspaces share
one app database; another workspace's warning is answered as missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medaid.analytics import warning_rule
from medaid.analytics.warnings import SEPARATOR, Candidate, compute
from medaid.analytics.warnings import areas as areas  # where it was first
from medaid.errors import MedaidError
from medaid.ingest.idnumber import mask
from medaid.money import yuan_text
from medaid.store.accounts import AccessDenied
from medaid.store.app import STATE_LABELS, AppWarning, EventRecord, WarningEvent, WarningRecord, session_for
from medaid.store.audit_trail import append
from medaid.store.schema import workspace_id
from medaid.store.warnings_store import adopt, find, of_workspace
from medaid.workspace import Workspace

FOLLOW_STATES: tuple[str, ...] = ("confirmed", "rejected")
PUSH_ACTION, FOLLOW_ACTION = "预警推送", "预警认定"  # the audit trail's actions


class WarningError(MedaidError):
    """A warning cannot be pushed, found or followed up."""


@dataclass
class PushResult:
    as_of: dt.date
    warnings: list[WarningRecord] = field(default_factory=list)  # everyone over the threshold on as_of
    new: list[int] = field(default_factory=list)  # ids of the warnings pushed this time
    updated: int = 0  # pushed earlier this year, amount updated
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)

    def to_push(self) -> dict[str, list[WarningRecord]]:
        """The push list of each department: the warnings first pushed on this as-of date, as they stand now."""
        listed = [w for w in self.warnings if w.as_of == self.as_of]
        departments = sorted({d for w in listed for d in w.departments})
        return {d: [w for w in listed if d in w.departments] for d in departments}

    def by_department(self) -> dict[str, int]:
        """New warnings per department."""
        new = set(self.new)
        out: dict[str, int] = {}
        for w in self.warnings:
            if w.id in new:
                for department in w.departments:
                    out[department] = out.get(department, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "over_threshold": len(self.warnings),
            "new": len(self.new),
            "updated": self.updated,
            "unchanged": self.unchanged,
            "by_department": self.by_department(),
            "files": [str(p) for p in self.files],
            "warnings": [w.to_dict() for w in self.warnings],
        }


class Conversion(NamedTuple):
    pushed: int
    confirmed: int
    rate: float  # confirmed / pushed, 0.0 when nothing was pushed

    @property
    def percent(self) -> str:
        return f"{self.rate * 100:.2f}%"


def conversion_rate(pushed: int, confirmed: int) -> Conversion:
    return Conversion(pushed, confirmed, confirmed / pushed if pushed else 0.0)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@contextmanager
def _session(workspace: Workspace, key: str | None = None) -> Iterator[tuple[Session, str]]:
    """A session on the workspace's app database and the workspace's key (read from the store when not
    given), the unassigned warnings of its own SQLite file adopted first (``warnings_store.adopt``)."""
    if key is None:
        with workspace.connect(read_only=True) as con:
            key = workspace_id(con)
    with session_for(workspace.root) as session:
        adopt(session, workspace.root, key)
        yield session, key


def last_push(cadence: str, on: dt.date) -> dt.date:
    """The last push day of ``cadence`` on or before ``on``."""
    days = warning_rule.push_days(cadence, on.year - 1) + warning_rule.push_days(cadence, on.year)
    return max(d for d in days if d <= on)


def check_cadence(rule: warning_rule.Effective, as_of: dt.date) -> None:
    """Refuse an as-of date that is not a push day of the rule's cadence (none: every day is)."""
    if rule.cadence is None or warning_rule.next_push(rule.cadence, as_of) == as_of:
        return
    before, after = last_push(rule.cadence, as_of), warning_rule.next_push(rule.cadence, as_of)
    words = warning_rule.CADENCE_WORDS[rule.cadence]
    raise WarningError(
        f"{as_of} 不是推送日：预警规则为{words}推送（依据：{rule.source}），"
        f"上一个推送日为 {before}，下一个推送日为 {after}",
        fix=f"请用 --as-of {before} 推送截至上一个推送日的预警，或于 {after} 推送；"
        "确需在非推送日临时推送的，命令行加 --off-cycle（记入审计记录）",
    )


def push(workspace: Workspace, as_of: dt.date, *, actor: str, off_cycle: bool = False) -> PushResult:
    """Compute the warnings on ``as_of``, store the new ones and update the amounts (the push lists
    are written by the caller, from ``PushResult.to_push``). With a cadence in the policy file,
    ``as_of`` must be a push day unless ``off_cycle``."""
    year = workspace.settings.year
    if year is not None and as_of.year != year:
        raise WarningError(f"预警日期 {as_of} 不在工作区年度 {year} 内", fix=f"请使用 {year} 年内的日期")
    cadence = (rule := warning_rule.effective(workspace.settings, as_of)).cadence
    if not off_cycle:
        check_cadence(rule, as_of)
    off = off_cycle and cadence is not None and warning_rule.next_push(cadence, as_of) != as_of
    with workspace.connect() as con:
        found = compute(con, workspace.settings, as_of, scratch=workspace.scratch())
        key = workspace_id(con)
    who, now = actor, _now()
    result = PushResult(as_of)
    with _session(workspace, key) as (session, _):
        this_year = select(AppWarning).where(of_workspace(key), AppWarning.workspace_year == as_of.year)
        stored = {w.person_key: w for w in session.scalars(this_year)}
        rows: list[AppWarning] = []
        fresh: list[AppWarning] = []
        for c in found:
            w = stored.get(c.person_key)
            if w is None:
                w = _new(c, now, key)
                first = ("非推送日临时推送：" if off else "首次推送：") + c.reason
                w.events.append(WarningEvent(from_state=None, to_state="pushed", note=first, actor=who, at=now))
                session.add(w)
                fresh.append(w)
            elif as_of >= w.as_of and _changed(w, c):
                note = f"金额更新：{yuan_text(w.amount_fen)} → {yuan_text(c.amount_fen)}（截至{as_of}）"
                session.add(
                    WarningEvent(warning_id=w.id, from_state=w.state, to_state=w.state, note=note, actor=who, at=now)
                )  # not w.events.append: that would load every event first
                w.amount_fen, w.threshold_fen, w.group, w.reason = c.amount_fen, c.threshold_fen, c.group, c.reason
                w.departments, w.updated_at = SEPARATOR.join(c.departments), now
                result.updated += 1
            else:
                result.unchanged += 1
            rows.append(w)
        session.flush()
        result.new = [w.id for w in fresh]
        result.warnings = [WarningRecord.of(w) for w in rows]
        detail: dict[str, object] = {"as_of": as_of.isoformat(), "over_threshold": len(rows), "new": len(fresh),
                                     "updated": result.updated, "by_department": result.by_department()}  # fmt: skip
        if cadence is not None:
            detail |= {"cadence": cadence, "off_cycle": off}
        append(session, actor=who, action=PUSH_ACTION, workspace=key, detail=detail)
    return result


def _changed(w: AppWarning, c: Candidate) -> bool:
    return (w.amount_fen, w.threshold_fen, w.group) != (c.amount_fen, c.threshold_fen, c.group)


def _new(c: Candidate, now: dt.datetime, key: str) -> AppWarning:
    return AppWarning(workspace=key, workspace_year=c.as_of.year, as_of=c.as_of, person_key=c.person_key,
                      id_masked=c.id_masked, name_masked=c.name_masked, group=c.group,
                      departments=SEPARATOR.join(c.departments), amount_fen=c.amount_fen, threshold_fen=c.threshold_fen,
                      reason=c.reason, state="pushed", created_at=now, updated_at=now, events=[])  # fmt: skip


def _find(session: Session, key: int | str, year: int | None, workspace: str) -> AppWarning:
    """The workspace's warning by id or 身份证号 (masked first); another workspace's is not found."""
    text = str(key).strip()
    if isinstance(key, int) or (text.isdigit() and len(text) < 15):
        found = find(session, int(text), workspace)
        if found is None:
            raise WarningError(f"找不到编号为 {text} 的预警", fix="用 medaid warnings list 工作区 查看预警编号")
        return found
    masked = mask(text) if "*" not in text else text  # a full 身份证号 is masked, never stored or searched
    query = select(AppWarning).where(of_workspace(workspace), AppWarning.id_masked == masked)
    if year is not None:
        query = query.where(AppWarning.workspace_year == year)
    matches = list(session.scalars(query.order_by(AppWarning.id)))
    if not matches:
        raise WarningError(f"找不到身份证号为 {masked} 的预警", fix="用 medaid warnings list 工作区 查看预警编号")
    if len(matches) > 1:
        ids = "、".join(str(w.id) for w in matches)
        raise WarningError(f"身份证号 {masked} 对应多条预警（编号 {ids}）", fix="请改用预警编号")
    return matches[0]


def _departments(w: AppWarning) -> tuple[str, ...]:
    return tuple(d for d in w.departments.split(SEPARATOR) if d)


def _in_scope(workspace: Workspace, found: list[AppWarning], department: str | None,
              area: str | None) -> list[AppWarning]:  # fmt: skip
    """The warnings of ``department`` (one of the warning's departments) in ``area`` (a 区划 prefix)."""
    if department:
        found = [w for w in found if department in _departments(w)]
    if area:
        where = areas(workspace, [w.person_key for w in found])
        found = [w for w in found if (where.get(w.person_key) or "").startswith(area)]
    return found


def follow_up(
    workspace: Workspace, key: int | str, state: str, note: str | None = None, *, actor: str,
    department: str | None = None, area: str | None = None,
) -> WarningRecord:  # fmt: skip
    """Record a department's finding on a warning (by id or masked 身份证号), with an audit event and an
    audit-trail entry. ``department``/``area``: the account's scope; a warning outside it is refused."""
    if state not in FOLLOW_STATES:
        raise WarningError(f"处理状态“{state}”无效", fix="请用 confirmed（已认定）或 rejected（未认定）")
    with _session(workspace) as (session, ws_key):
        w = _find(session, key, workspace.settings.year, ws_key)
        if (department or area) and not _in_scope(workspace, [w], department, area):
            scope = "、".join(p for p in (department and f"认定部门 {department}", area and f"区划 {area}") if p)
            raise AccessDenied(f"预警 {w.id} 不在本账户的范围（{scope}）内：推送部门为{'、'.join(_departments(w))}",
                               fix="部门账户只能登记推送给本部门的预警")  # fmt: skip
        if w.state == state:
            raise WarningError(f"预警 {w.id} 已是“{STATE_LABELS[state]}”", fix="无需重复登记")
        now, text, before = _now(), (note or "").strip() or None, w.state
        w.events.append(WarningEvent(from_state=before, to_state=state, note=text, actor=actor, at=now))
        w.state, w.updated_at = state, now
        session.flush()
        append(session, actor=actor, action=FOLLOW_ACTION, workspace=ws_key,
               detail={"id": w.id, "from": before, "to": state, "note": text})  # fmt: skip
        return WarningRecord.of(w)


def list_warnings(
    workspace: Workspace, *, state: str | None = None, year: int | None = None, department: str | None = None,
    area: str | None = None,
) -> list[WarningRecord]:  # fmt: skip
    """Stored warnings of ``year`` (default: the workspace's year, else all), optionally in one state,
    of one department and in one area (a 区划 prefix)."""
    year = year if year is not None else workspace.settings.year
    with _session(workspace) as (session, key):
        return _listed(workspace, session, key, state, year, department, area)


def _listed(workspace: Workspace, session: Session, key: str, state: str | None, year: int | None,
            department: str | None, area: str | None) -> list[WarningRecord]:  # fmt: skip
    query = select(AppWarning).where(of_workspace(key))
    if year is not None:
        query = query.where(AppWarning.workspace_year == year)
    if state is not None:
        query = query.where(AppWarning.state == state)
    found = list(session.scalars(query.order_by(AppWarning.amount_fen.desc(), AppWarning.id)))
    return [WarningRecord.of(w) for w in _in_scope(workspace, found, department, area)]


def events(workspace: Workspace, warning_id: int) -> list[EventRecord]:
    """The audit log of one warning of the workspace, oldest first (another workspace's: none)."""
    with _session(workspace) as (session, key):
        query = (select(WarningEvent).join(AppWarning).where(of_workspace(key), WarningEvent.warning_id == warning_id)
                 .order_by(WarningEvent.id))  # fmt: skip
        rows = session.scalars(query)
        return [EventRecord.of(e) for e in rows]


def conversion(workspace: Workspace, year: int) -> Conversion:
    """Pushed warnings of ``year``, how many were recognised (已认定), and the rate."""
    with _session(workspace) as (session, key):
        query = select(AppWarning.state, func.count()).where(of_workspace(key), AppWarning.workspace_year == year)
        counts = {str(state): int(n) for state, n in session.execute(query.group_by(AppWarning.state))}
    return conversion_rate(sum(counts.values()), counts.get("confirmed", 0))
