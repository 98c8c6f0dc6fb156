"""Seeing one person's 身份证号 and name in clear (查看身份信息), with a stated reason, logged.

Everywhere else identities are masked (DESIGN, conventions). A clerk who must act on a finding or
a warning — recover a payment, call the family — may ask for the one person behind it, saying
why. The account's role must have the right (``Right.REVEAL``, checked again here against the app
database), the finding or warning must be within the account's scope, and the reason must say
something (at least :data:`MIN_REASON` characters). The clear values are decrypted for that one
person only, and the access log gets its line — who, which finding or warning, the reason — with
its audit-trail entry before the answer is given; a refusal is logged the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from medaid.errors import Forbidden, Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope
from medaid.vocab import REASONS

MIN_REASON = 4
REVEAL_ACTION = "查看身份信息"  # the access log's action (and the audit trail's)
Kind = Literal["finding", "warning"]


@dataclass(frozen=True)
class Revealed:
    """The clear identity of the person behind one finding or warning (never stored, never in a URL)."""

    subject: str  # which finding or warning, in words (masked)
    id_number: str
    name: str | None

    def to_dict(self) -> dict[str, object]:
        return {"subject": self.subject, "id_number": self.id_number, "name": self.name}


@dataclass(frozen=True)
class _Target:
    subject: str
    person_key: str | None
    admitted: bool


def _finding(root: Path, settlement_id: str | None, reason: str | None, month: str | None, scope: Scope) -> _Target:
    from medaid.analytics.runs import FindingQuery, latest_findings
    from medaid.workspace import Workspace

    sid, code = (settlement_id or "").strip(), (reason or "").strip()
    if not sid or code not in REASONS:
        raise MedaidError("请指明核查发现：结算编号与核查结果", where=Location(key="settlement_id"),
                          fix=f"核查结果可填：{'、'.join(REASONS)}")  # fmt: skip
    period = (month or "").strip() or None
    with Workspace.open(root).connect(read_only=True) as con:
        found = latest_findings(con, FindingQuery(month=period, reason=code, settlement_id=sid))
    if not found:
        raise MedaidError(f"没有结算 {sid} 的“{REASONS[code]}”核查发现", where=Location(key="settlement_id"),
                          fix="请在核查台账页选择要查看的发现")  # fmt: skip
    f = found[0]
    subject = f"核查发现 {f.month} 结算 {sid}（{REASONS[code]}，{f.row.id_masked or '无身份证号'}）"
    return _Target(subject, f.row.person_key, scope.admits(f.row.departments, f.area))


def _warning(root: Path, warning_id: int | None, scope: Scope) -> _Target:
    from medaid.analytics.warnings import areas
    from medaid.services.common import workspace_key
    from medaid.store.app import session_for
    from medaid.store.warnings_store import adopt, find
    from medaid.workspace import Workspace

    if warning_id is None:
        raise MedaidError("请指明预警编号", where=Location(key="warning_id"), fix="请在高额费用预警页选择要查看的预警")
    key = workspace_key(Workspace.open(root))
    with session_for(root) as session:
        adopt(session, root, key)
        w = find(session, warning_id, key)  # another workspace's warning is not found
        if w is None:
            raise MedaidError(f"找不到编号为 {warning_id} 的预警", where=Location(key="warning_id"),
                              fix="请在高额费用预警页选择要查看的预警")  # fmt: skip
        person, departments = w.person_key, tuple(d for d in w.departments.split("、") if d)
        subject = f"高额费用预警 {w.id}（{w.workspace_year} 年，{w.id_masked}）"
    area = areas(Workspace.open(root), [person]).get(person) if scope.area_code else None
    return _Target(subject, person, scope.admits(departments, area))


def _log(root: Path, actor: str, target: str, outcome: str) -> None:
    from medaid.services.common import os_user
    from medaid.store.accounts import log_access
    from medaid.store.app import session_for

    with session_for(root) as session:
        log_access(session, actor, REVEAL_ACTION, target, 1 if outcome == "allowed" else 0, outcome=outcome,
                   os_user=os_user())  # fmt: skip


def reveal_identity(
    root: Path,
    kind: Kind,
    *,
    reason: str,
    actor: str,
    scope: Scope = EVERYTHING,
    settlement_id: str | None = None,
    finding_reason: str | None = None,
    month: str | None = None,
    warning_id: int | None = None,
) -> Revealed:
    """The clear 身份证号 and name behind one finding (``settlement_id``, ``finding_reason``, ``month``) or
    warning (``warning_id``), for ``actor``, who says why (``reason``); logged before it is returned."""
    from medaid.store.accounts import may_reveal
    from medaid.store.app import session_for
    from medaid.store.identities import reveal
    from medaid.workspace import Workspace

    why = " ".join((reason or "").split())
    if len(why) < MIN_REASON:
        raise MedaidError(f"查看身份信息须写明事由（至少 {MIN_REASON} 个字）", where=Location(key="reason"),
                          fix="如：追回多付的医疗救助金，需联系本人；事由记入访问日志")  # fmt: skip
    if kind not in ("finding", "warning"):
        raise MedaidError(f"未知的查看对象“{kind}”", where=Location(key="kind"), fix="可填：finding、warning")
    workspace = Workspace.open(root)
    ring = workspace.key()  # a wrong key is refused before anything is looked up
    found = _finding(root, settlement_id, finding_reason, month, scope) if kind == "finding" else \
        _warning(root, warning_id, scope)  # fmt: skip
    target = f"{found.subject}；事由：{why}"
    with session_for(root) as session:
        refusal = may_reveal(session, actor)
    if refusal is not None or not found.admitted:
        _log(root, actor, target, "refused")
        message = refusal.what if refusal is not None else f"{found.subject}不在本账户的范围（{scope.describe()}）内"
        raise Forbidden(message, fix="仅医保经办可查看本范围内人员的身份信息；每次查看记入访问日志")
    if found.person_key is None:
        raise MedaidError(f"{found.subject}没有登记身份证号", fix="该结算的人员未能识别，请核对原始结算数据")
    with workspace.connect(read_only=True) as con:
        clear = reveal(con, ring, {found.person_key}).get(found.person_key)
    if clear is None:
        raise MedaidError(f"{found.subject}的人员不在人员表中", fix="请重新导入该人员所在的名单或结算")
    _log(root, actor, target, "allowed")  # the line is written before anything is shown
    return Revealed(found.subject, clear[0], clear[1])
