"""The workflow of a case (依申请救助), on its own: the whole matrix of states × actions × roles.

Every action allowed from a state leads where the workflow says; every other pair is refused with the
case's state and the action in Chinese, and a fix naming what can be done now. A role that may not take
an action is refused whatever the state. Refusals need a reason; objections must be settled and the
publication period must be over before the money is paid.
"""

from __future__ import annotations

import datetime as dt

import pytest

from medaid.cases.workflow import (
    CLOSED,
    LIMITED_ACTIONS,
    MOVES,
    OPEN_STATES,
    REJECTIONS,
    Situation,
    WorkflowError,
    check,
    next_step,
    possible,
)
from medaid.errors import Forbidden
from medaid.roles import ROLES
from medaid.vocab import CASE_ACTIONS, CASE_STATES, CASE_STEPS

TODAY = dt.date(2026, 3, 10)
READY = Situation(open_objections=1, publicity_until=dt.date(2026, 3, 9))  # settling: one objection open
PAYABLE = Situation(open_objections=0, publicity_until=dt.date(2026, 3, 9))

# the workflow as the issue states it, written out by hand: (state, action) → the state it leads to
EXPECTED: dict[tuple[str, str], str] = {
    ("applied", "accept"): "accepted",
    ("applied", "refuse"): "rejected",
    ("accepted", "review"): "reviewed",
    ("accepted", "fail_review"): "rejected",
    ("reviewed", "approve"): "approved",
    ("reviewed", "deny"): "rejected",
    ("approved", "publish"): "publicised",
    ("publicised", "object"): "publicised",
    ("publicised", "dismiss_objection"): "publicised",
    ("publicised", "reopen"): "accepted",
    ("publicised", "overturn"): "rejected",
    ("publicised", "pay"): "paid",
    ("paid", "archive"): "archived",
    **{(state, "withdraw"): "withdrawn" for state in ("applied", "accepted", "reviewed", "approved", "publicised")},
}
ALL_PAIRS = [(state, action) for state in CASE_STATES for action in MOVES]


def test_the_vocabulary_has_the_seven_steps_in_order_and_every_action_a_label():
    assert list(CASE_STEPS.values()) == ["申请", "受理", "审核", "审批", "公示", "发放", "归档"]
    assert set(MOVES) | {"open"} == set(CASE_ACTIONS)
    assert {m.step for m in MOVES.values()} - {None} == set(CASE_STEPS) - {"apply"}  # each step is done by an action
    assert set(REJECTIONS) == {"refuse", "fail_review", "deny", "overturn"}
    assert set(CLOSED) == {"archived", "rejected", "withdrawn"}
    assert set(OPEN_STATES) == {s for s, a in EXPECTED if a == "withdraw"}


@pytest.mark.parametrize(("state", "action"), sorted(EXPECTED))
def test_every_legal_transition_leads_where_the_workflow_says(state: str, action: str):
    situation = PAYABLE if action == "pay" else READY
    assert check(7, state, action, "clerk", "理由：见附件", situation, TODAY) == EXPECTED[(state, action)]


@pytest.mark.parametrize(("state", "action"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_every_illegal_transition_is_refused_with_its_reason(state: str, action: str):
    with pytest.raises(WorkflowError) as refused:
        check(7, state, action, "clerk", "理由：见附件", READY, TODAY)
    err = refused.value
    assert err.what == f"案件 7 当前为“{CASE_STATES[state]}”，不能{CASE_ACTIONS[action]}"
    assert err.where.key == "案件编号"
    if state in CLOSED:
        assert err.fix.startswith(f"案件状态为“{CASE_STATES[state]}”，已办结，不能再办理")
    else:
        assert err.fix == "当前可做：" + "、".join(CASE_ACTIONS[a] for a in possible(state, "clerk"))


def test_the_matrix_is_complete():
    legal = [p for p in ALL_PAIRS if p in EXPECTED]
    assert len(legal) == len(EXPECTED) == 18 and len(ALL_PAIRS) == len(CASE_STATES) * len(MOVES) == 9 * 14
    assert all(not possible(state) for state in CLOSED)


@pytest.mark.parametrize("action", sorted(REJECTIONS | {"object", "dismiss_objection", "reopen", "withdraw"}))
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_refusal_an_objection_or_a_withdrawal_without_a_reason_is_refused(action: str, reason: str | None):
    state = next(s for s, a in EXPECTED if a == action)
    with pytest.raises(WorkflowError, match=f"“{CASE_ACTIONS[action]}”须写明理由"):
        check(7, state, action, "clerk", reason, READY, TODAY)


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("action", sorted(MOVES))
def test_who_may_take_which_action(role: str, action: str):
    state = next(s for s, a in EXPECTED if a == action)
    situation = PAYABLE if action == "pay" else READY
    allowed = role == "clerk" or (role == "department" and action in {"accept", "refuse"})
    if allowed:
        assert check(7, state, action, role, "理由", situation, TODAY) == EXPECTED[(state, action)]
        return
    with pytest.raises(Forbidden) as refused:
        check(7, state, action, role, "理由", situation, TODAY)
    assert refused.value.what == f"{ROLES[role]}账户不能{CASE_ACTIONS[action]}"


def test_an_area_or_department_account_sees_that_it_only_receives_applications():
    with pytest.raises(WorkflowError) as refused:
        check(7, "accepted", "accept", "department", None, PAYABLE, TODAY)
    assert refused.value.fix == "当前等待“审核”，由医保经办办理"


@pytest.mark.parametrize("action", ["dismiss_objection", "reopen", "overturn"])
def test_an_objection_is_settled_only_when_one_is_open(action: str):
    with pytest.raises(WorkflowError, match="没有待处理的异议"):
        check(7, "publicised", action, "clerk", "核实无误", PAYABLE, TODAY)


def test_payment_waits_for_the_end_of_the_publication_and_for_every_objection():
    running = Situation(0, publicity_until=TODAY)  # the last day of the publication is still in it
    with pytest.raises(WorkflowError) as refused:
        check(7, "publicised", "pay", "clerk", None, running, TODAY)
    assert refused.value.what == "公示期至 2026-03-10 止，尚未期满，不能发放"
    assert refused.value.fix == "请在 2026-03-11 及以后发放"
    with pytest.raises(WorkflowError, match="有 2 条异议尚未处理，不能发放"):
        check(7, "publicised", "pay", "clerk", None, Situation(2, dt.date(2026, 3, 1)), TODAY)
    assert check(7, "publicised", "pay", "clerk", None, Situation(0, TODAY - dt.timedelta(days=1)), TODAY) == "paid"


def test_an_unknown_action_names_the_ones_there_are():
    with pytest.raises(WorkflowError, match="未知的办理操作“approve_all”") as refused:
        check(7, "reviewed", "approve_all", "clerk", None, PAYABLE, TODAY)
    assert "approve（审批通过）" in refused.value.fix


def test_each_open_state_waits_for_the_next_step():
    waits = {s: next_step(s) for s in CASE_STATES}
    assert waits == {"applied": "accept", "accepted": "review", "reviewed": "approve", "approved": "publicise",
                     "publicised": "pay", "paid": "archive", "archived": None, "rejected": None,
                     "withdrawn": None}  # fmt: skip


@pytest.mark.parametrize("action", sorted(MOVES))
def test_an_account_limited_to_an_area_or_a_department_only_receives_applications(action: str):
    """A township's clerk or a department: 受理 or 不予受理 in its scope; 审核 to 归档 are the county's."""
    state = next(s for s, a in EXPECTED if a == action)
    situation = PAYABLE if action == "pay" else READY
    if action in LIMITED_ACTIONS:
        assert check(7, state, action, "clerk", "理由", situation, TODAY, limited=True) == EXPECTED[(state, action)]
        return
    with pytest.raises(Forbidden) as refused:
        check(7, state, action, "clerk", "理由", situation, TODAY, limited=True)
    assert refused.value.what == f"限于本区划或本部门的账户不能{CASE_ACTIONS[action]}"
    assert refused.value.fix == "乡镇、部门账户只办理登记申请和受理；其余环节由县级医保经办办理"
