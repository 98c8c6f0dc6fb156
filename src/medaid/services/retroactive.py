"""追溯救助 (retroactive assistance) of a person recognised through a case: what is due, and paying it once.

:func:`retroactive_due` computes, without recording anything, the bills of the window and their
amounts (medaid.cases.retroactive), for the 审批表 or a preview. :func:`settle_retroactive` computes
the same and records it as an entry of the audit trail (action ``追溯救助``: the person's keyed hash,
the category, the dates, each settlement id with its amount in fen and its policy file, the total):
the hash-chained trail is the record that makes it "settled once" — a later call skips the bills
recorded there, by settlement id: the keyed hash in an entry is the one of the day it was written (the
trail is append-only), and a key rotation (``medaid key rotate``) changes it. It works in the caller's
session when given one (the case's 发放, so the payment and the record commit together), else in its own
transaction. A payment of an amount the clerk entered by hand records the bills it covers the same way
(``by_hand``), so that a later payment or ``cases retro --settle`` never pays them again.

The policies: ``policy`` (a policy file, a shipped region, or a folder of dated policy files), else
the workspace's ``policy`` setting, else the national template; every dated file of a region or a
folder is used, each bill under the one in force on its date.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.services.common import actor_name, parse_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from medaid.cases.retroactive import RetroResult
    from medaid.policy.model import Policy
    from medaid.workspace import Workspace

RETRO_ACTION = "追溯救助"  # the audit trail's action


def policies_of(name: str) -> list[Policy]:
    """Every dated file of a folder or a shipped region, oldest first; or the one file ``name`` is."""
    from medaid.errors import Location
    from medaid.policy.params import PolicyError, default_dir, load_policy

    path = Path(name)
    if path.is_file():
        return [load_policy(path)]
    folder = path if path.is_dir() else default_dir() / name
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        fix = "请写政策参数文件、存放各日期政策文件的文件夹，或用 medaid policy list 查看内置地区"
        raise PolicyError("找不到政策参数文件、文件夹或地区", where=Location(file=name), fix=fix)
    return sorted((load_policy(p) for p in files), key=lambda p: p.valid_from)


def _day(value: str | dt.date, option: str) -> dt.date:
    return value if isinstance(value, dt.date) else parse_date(value, option=option)


def _compute(workspace: Workspace, person_key: str, category: str, applied_on: dt.date, recognised_on: dt.date,
             policy: str | None, done: dict[str, str]) -> RetroResult:  # fmt: skip
    from medaid.cases.retroactive import bills_of, settle_bills, window

    policies = policies_of(policy or workspace.settings.policy or "default")
    _, start, end = window(policies, category, applied_on, recognised_on)
    with workspace.connect(read_only=True) as con:  # to the day before recognition: the gap is told, not paid
        bills = bills_of(con, person_key, start, max(end, recognised_on - dt.timedelta(days=1)))
    return settle_bills(bills, policies, person_key=person_key, category=category, applied_on=applied_on,
                        recognised_on=recognised_on, done=done)  # fmt: skip


def recorded(session: Session, workspace_key: str, *, before: int | None = None) -> dict[str, str]:
    """The workspace's settlements already settled retroactively (settlement id → when, by whom, which entry).
    By settlement id, whatever keyed hash the entry names: a settlement is one person's, and a key rotation
    changes the hash while the append-only trail keeps the old one."""
    from sqlalchemy import select

    from medaid.store.audit_trail import AuditEntry

    query = select(AuditEntry).where(AuditEntry.action == RETRO_ACTION, AuditEntry.workspace == workspace_key)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    out: dict[str, str] = {}
    for entry in session.scalars(query.order_by(AuditEntry.id)):
        detail = json.loads(entry.detail)
        for sid in detail.get("bills", {}):
            how = "，随手工填写金额的发放" if detail.get("method") == "by_hand" else ""
            out[str(sid)] = f"{entry.at:%Y-%m-%d} {entry.actor}（审计记录 {entry.id}，{detail.get('category')}{how}）"
    return out


def retroactive_due(
    root: Path, person_key: str, *, category: str, applied_on: str | dt.date, recognised_on: str | dt.date,
    policy: str | None = None,
) -> RetroResult:  # fmt: skip
    """What retroactive assistance is due (nothing recorded): the bills not yet settled, each with its amount."""
    from medaid.store.app import session_for
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    with workspace.connect(read_only=True) as con:
        key = workspace_id(con)
    with session_for(workspace.root) as session:
        done = recorded(session, key)
    return _compute(workspace, person_key, category, _day(applied_on, "--applied"),
                    _day(recognised_on, "--recognised"), policy, done)  # fmt: skip


def settle_retroactive(
    root: Path, person_key: str, *, category: str, applied_on: str | dt.date, recognised_on: str | dt.date,
    actor: str | None = None, case_id: int | None = None, policy: str | None = None, session: Session | None = None,
    by_hand: int | None = None,
) -> RetroResult:  # fmt: skip
    """Settle the retroactive assistance once and record it (audit trail ``追溯救助``, in ``session`` when
    given). Bills recorded earlier are skipped; a second call pays nothing new.

    ``by_hand``: the clerk paid this amount (fen) by hand instead of the engine's: the bills the engine would
    pay are recorded as settled all the same (``method: by_hand``, each bill's ``engine_fen``, the hand
    ``total_fen``), so no later payment pays them again; the result is the engine's figure."""
    from medaid.store.app import session_for
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    with workspace.connect(read_only=True) as con:
        key = workspace_id(con)
    if session is None:
        with session_for(workspace.root) as own:
            return _settle(own, workspace, key, person_key, category, _day(applied_on, "--applied"),
                           _day(recognised_on, "--recognised"), actor_name(actor), case_id, policy,
                           by_hand)  # fmt: skip
    return _settle(session, workspace, key, person_key, category, _day(applied_on, "--applied"),
                   _day(recognised_on, "--recognised"), actor_name(actor), case_id, policy, by_hand)  # fmt: skip


def _settle(session: Session, workspace: Workspace, key: str, person_key: str, category: str, applied_on: dt.date,
            recognised_on: dt.date, actor: str, case_id: int | None, policy: str | None,
            by_hand: int | None = None) -> RetroResult:  # fmt: skip
    from medaid.cases.retroactive import SettledMeanwhile
    from medaid.store.audit_trail import append

    result = _compute(workspace, person_key, category, applied_on, recognised_on, policy,
                      recorded(session, key))  # fmt: skip
    if not result.bills:
        return result
    amount = "amount_fen" if by_hand is None else "engine_fen"  # by hand: the clerk's total was paid, not these
    detail: dict[str, object] = {
        "person_key": person_key, "category": category, "case_id": case_id, "applied_on": applied_on.isoformat(),
        "recognised_on": recognised_on.isoformat(), "window": [result.start.isoformat(), result.end.isoformat()],
        "bills": {b.settlement_id: {amount: b.amount, "date": b.settle_date.isoformat(), "policy": b.policy_file}
                  for b in result.bills},
        "total_fen": result.total if by_hand is None else by_hand,
    }  # fmt: skip
    if by_hand is not None:
        detail.update(method="by_hand", engine_total_fen=result.total)
    entry = append(session, actor=actor, action=RETRO_ACTION, workspace=key, detail=detail)
    session.flush()
    # append holds the end of the chain until commit: one written meanwhile by another clerk is visible now
    twice = set(recorded(session, key, before=entry.id)) & {b.settlement_id for b in result.bills}
    if twice:
        raise SettledMeanwhile(f"结算 {'、'.join(sorted(twice))} 刚由他人追溯救助，本次未记录",
                               fix="请重新计算追溯救助，已追溯的结算会自动跳过")  # fmt: skip
    return result
