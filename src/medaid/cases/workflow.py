"""The workflow of a case: 申请 → 受理 → 审核 → 审批 → 公示 → 发放 → 归档, defined once.

A case's state says which steps are done (``vocab.CASE_STATES``); an action (``vocab.CASE_ACTIONS``)
moves it on, refuses it (不予受理, 审核不通过, 审批不通过: a reason is required), or records and settles
an objection during 公示. An upheld objection either sends the case back to 审核 (``reopen``: the facts
are to be checked again) or rejects it (``overturn``); a dismissed one leaves the publication running.
Payment waits for the end of the publication period and for every objection to be settled. The
applicant may withdraw (with a reason) until the payment. Rejected and withdrawn cases are closed.
Pure: no database; :func:`check` says whether a move is allowed and why not, in Chinese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from medaid.errors import Forbidden, Location, MedaidError
from medaid.roles import role_label
from medaid.vocab import CASE_ACTIONS, CASE_STATES, CASE_STEPS

CLERKS = frozenset({"clerk"})  # 医保经办 (a township clerk is a clerk with an area scope)
INTAKE = frozenset({"clerk", "department"})  # 部门、乡镇 receive applications and decide 受理 in their scope
READERS = frozenset({"clerk", "department", "finance", "evaluator"})  # who may see cases (in their scope)
CLOSED: frozenset[str] = frozenset({"archived", "rejected", "withdrawn"})
OPEN_STATES: tuple[str, ...] = ("applied", "accepted", "reviewed", "approved", "publicised")  # may be withdrawn


@dataclass(frozen=True)
class Move:
    """One action: the states it may start from, the state it leads to (None: stays), the step it does
    (None: withdrawal), whether it needs a reason, and the roles that may take it."""

    action: str
    sources: tuple[str, ...]
    target: str | None
    step: str | None
    needs_reason: bool
    roles: frozenset[str]

    @property
    def label(self) -> str:
        return CASE_ACTIONS[self.action]


MOVES: dict[str, Move] = {
    m.action: m
    for m in (
        Move("accept", ("applied",), "accepted", "accept", False, INTAKE),
        Move("refuse", ("applied",), "rejected", "accept", True, INTAKE),
        Move("review", ("accepted",), "reviewed", "review", False, CLERKS),
        Move("fail_review", ("accepted",), "rejected", "review", True, CLERKS),
        Move("approve", ("reviewed",), "approved", "approve", False, CLERKS),
        Move("deny", ("reviewed",), "rejected", "approve", True, CLERKS),
        Move("publish", ("approved",), "publicised", "publicise", False, CLERKS),
        Move("object", ("publicised",), None, "publicise", True, CLERKS),
        Move("dismiss_objection", ("publicised",), None, "publicise", True, CLERKS),
        Move("reopen", ("publicised",), "accepted", "publicise", True, CLERKS),
        Move("overturn", ("publicised",), "rejected", "publicise", True, CLERKS),
        Move("pay", ("publicised",), "paid", "pay", False, CLERKS),
        Move("archive", ("paid",), "archived", "archive", False, CLERKS),
        Move("withdraw", OPEN_STATES, "withdrawn", None, True, CLERKS),
    )
}
OPENERS = INTAKE  # who may record an application (登记申请)
# what an account limited to an area or a department (a township, a department) may take: 受理 or not; the rest
# of the workflow is for the clerks of the whole workspace (the county's 医保经办)
LIMITED_ACTIONS = frozenset({"accept", "refuse"})
SETTLING = frozenset({"dismiss_objection", "reopen", "overturn"})  # actions that settle an open objection
REJECTIONS = frozenset(a for a, m in MOVES.items() if m.target == "rejected")
# the action that completes each step after 申请
STEP_ACTIONS = {"accept": "accept", "review": "review", "approve": "approve", "publicise": "publish", "pay": "pay",
                "archive": "archive"}  # fmt: skip
PUBLICITY_DAYS = 7  # 公示期 when the region's settings name none: 7 days, the usual minimum


class WorkflowError(MedaidError):
    """A move the workflow does not allow from the case's state, or without what it needs."""


@dataclass(frozen=True)
class Situation:
    """What a move depends on besides the state: open objections and the publication period's last day."""

    open_objections: int = 0
    publicity_until: dt.date | None = None


def possible(state: str, role: str | None = None) -> list[str]:
    """The actions allowed from ``state`` (for ``role`` when given), in the order of the workflow."""
    return [a for a, m in MOVES.items() if state in m.sources and (role is None or role in m.roles)]


def next_step(state: str) -> str | None:
    """The step a case in ``state`` waits for (a CASE_STEPS code), None when it is closed or in 公示 to come."""
    waiting = {"applied": "accept", "accepted": "review", "reviewed": "approve", "approved": "publicise",
               "publicised": "pay", "paid": "archive"}  # fmt: skip
    return waiting.get(state)


def _labels(actions: list[str]) -> str:
    return "、".join(CASE_ACTIONS[a] for a in actions)


def check(case_id: int, state: str, action: str, role: str, reason: str | None, situation: Situation,
          today: dt.date, *, limited: bool = False) -> str:  # fmt: skip
    """The state ``action`` leads to from ``state``; WorkflowError (Forbidden for a role, or for an account
    ``limited`` to an area or a department taking more than 受理) saying why not."""
    where = Location(key="案件编号")
    move = MOVES.get(action)
    if move is None:
        raise WorkflowError(
            f"未知的办理操作“{action}”",
            where=where,
            fix=f"可用：{'、'.join(f'{a}（{lbl}）' for a, lbl in CASE_ACTIONS.items() if a != 'open')}",
        )
    if role not in move.roles:
        allowed = "、".join(role_label(r) for r in sorted(move.roles))
        raise Forbidden(f"{role_label(role)}账户不能{move.label}", where=where,
                        fix=f"“{move.label}”由{allowed}办理")  # fmt: skip
    if limited and action not in LIMITED_ACTIONS:
        raise Forbidden(f"限于本区划或本部门的账户不能{move.label}", where=where,
                        fix="乡镇、部门账户只办理登记申请和受理；其余环节由县级医保经办办理")  # fmt: skip
    if state not in move.sources:
        raise WorkflowError(f"案件 {case_id} 当前为“{CASE_STATES[state]}”，不能{move.label}", where=where,
                            fix=_fix_for(state, role))  # fmt: skip
    if move.needs_reason and not (reason or "").strip():
        raise WorkflowError(f"“{move.label}”须写明理由", where=Location(key="理由"),
                            fix=_reason_fix(action))  # fmt: skip
    if action in SETTLING and situation.open_objections == 0:
        raise WorkflowError(f"案件 {case_id} 没有待处理的异议，不能“{move.label}”", where=where,
                            fix="先用“登记异议”记下公示期间收到的异议，再作处理")  # fmt: skip
    if action == "pay":
        _check_payment(situation, today, where)
    return move.target or state


def _check_payment(situation: Situation, today: dt.date, where: Location) -> None:
    if situation.open_objections:
        raise WorkflowError(f"公示期间有 {situation.open_objections} 条异议尚未处理，不能发放", where=where,
                            fix="请先处理异议：异议不成立、异议成立退回重新审核，或异议成立不予救助")  # fmt: skip
    until = situation.publicity_until
    if until is not None and today <= until:
        raise WorkflowError(
            f"公示期至 {until.isoformat()} 止，尚未期满，不能发放",
            where=where,
            fix=f"请在 {(until + dt.timedelta(days=1)).isoformat()} 及以后发放",
        )


def _fix_for(state: str, role: str) -> str:
    if state in CLOSED:
        return f"案件状态为“{CASE_STATES[state]}”，已办结，不能再办理；如需重新申请，请登记一份新的申请"
    mine = possible(state, role)
    if mine:
        return f"当前可做：{_labels(mine)}"
    waiting = next_step(state)
    if waiting is None:
        return "案件当前无需办理"
    doer = "、".join(role_label(r) for r in sorted(MOVES[STEP_ACTIONS[waiting]].roles))
    return f"当前等待“{CASE_STEPS[waiting]}”，由{doer}办理"


def _reason_fix(action: str) -> str:
    if action == "object":
        return "请记下异议的内容、提出人（可匿名）和收到的日期"
    if action in SETTLING:
        return "请写明核实的经过和结论"
    if action == "withdraw":
        return "请写明申请人撤回的原因，并上传其书面撤回申请"
    return "请写明不予救助的理由和依据（如：家庭人均收入超过低保标准的 2 倍，见收入证明），理由将告知申请人"
