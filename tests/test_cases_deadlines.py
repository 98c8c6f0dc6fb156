"""Deadlines of a case's steps from the policy file's ``deadlines`` and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.cases.calendar import default_calendar
from medaid.cases.deadlines import DeadlineError, deadline, due, entered_days, entered_on, overdue, step_name
from medaid.policy.load import PolicyError, load_policy
from medaid.policy.params import default_policy

D = dt.date
HEAD = "region: 示例县\nvalid_from: 2023-01-01\nsource: 测试\n"


def rules_of(tmp_path: Path, body: str):
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return load_policy(path).deadlines


def test_the_default_template_gives_review_ten_working_days_with_its_source():
    rules = default_policy(D(2023, 6, 1)).deadlines
    assert rules is not None and rules.source.date == D(2023, 6, 1) and "济南" in rules.source.text
    # accepted Friday 2025-09-26: 28 Sep (调休 Sunday), 29, 30, then 9, 10, 11 (调休 Saturday), 13, 14, 15, 16 Oct
    assert due("审核", D(2025, 9, 26), rules) == D(2025, 10, 16)
    assert due("review", D(2025, 9, 26), rules) == D(2025, 10, 16)
    assert due("受理", D(2025, 9, 26), rules) is None  # the template names no limit for 受理


def test_working_and_calendar_limits(tmp_path):
    rules = rules_of(
        tmp_path, "deadlines:\n  source: 测试办法（文号）\n  steps: {受理: 5, 公示: {days: 7, unit: calendar}}\n"
    )
    assert rules is not None
    assert due("受理", D(2025, 9, 26), rules, default_calendar()) == D(2025, 10, 10)
    assert due("公示", D(2025, 9, 26), rules) == D(2025, 10, 3)  # 7 natural days, holidays included


def test_overdue_and_how_late(tmp_path):
    rules = rules_of(tmp_path, "deadlines:\n  source: 测试办法（文号）\n  steps: {受理: 5}\n")
    assert not overdue("受理", D(2025, 9, 26), rules, today=D(2025, 10, 10))
    assert overdue("受理", D(2025, 9, 26), rules, today=D(2025, 10, 11))  # the 调休 Saturday is a working day
    assert not overdue("受理", D(2025, 9, 26), rules, today=D(2025, 12, 1), done_on=D(2025, 10, 9))
    late = deadline("accept", D(2025, 9, 26), rules, today=D(2025, 10, 14))
    # late by the 11th (调休 Saturday), the 13th and the 14th
    assert (late.step, late.due, late.overdue, late.days_late) == ("受理", D(2025, 10, 10), True, 3)
    assert "5 个工作日" in late.rule and "测试办法（文号）" in late.rule
    assert late.to_dict()["due"] == "2025-10-10"
    free = deadline("审批", D(2025, 9, 26), rules, today=D(2026, 9, 1))
    assert (free.due, free.overdue, free.rule) == (None, False, "未规定时限")


def test_bad_deadline_keys_are_refused_with_the_line(tmp_path):
    with pytest.raises(PolicyError, match="不是办理环节") as err:
        rules_of(tmp_path, "deadlines:\n  source: x\n  steps:\n    受理: 5\n    复核: 3\n")
    assert err.value.where.line == 8  # 3 lines of head, then deadlines, source, steps, 受理, 复核
    with pytest.raises(PolicyError, match=r"申请.*没有时限"):
        rules_of(tmp_path, "deadlines:\n  source: x\n  steps: {申请: 1}\n")
    with pytest.raises(PolicyError, match="source"):
        rules_of(tmp_path, "deadlines:\n  steps: {受理: 5}\n")
    with pytest.raises(DeadlineError, match="不是办理环节"):
        step_name("复核")


def test_a_step_is_entered_on_the_application_day_then_on_the_day_of_the_move_into_it():
    """The opening counts from the application's date, not the day it was typed in; an objection recorded (the
    state stays) changes nothing; a reopening moves the case back to 已受理 on its day."""
    history = [(None, "applied", D(2026, 3, 20)), ("applied", "accepted", D(2026, 3, 23)),
               ("accepted", "reviewed", D(2026, 3, 24)), ("reviewed", "approved", D(2026, 3, 25)),
               ("approved", "publicised", D(2026, 3, 26)), ("publicised", "publicised", D(2026, 3, 30)),
               ("publicised", "accepted", D(2026, 4, 2))]  # fmt: skip
    assert entered_on(D(2026, 3, 2), history[:1]) == D(2026, 3, 2)
    assert entered_on(D(2026, 3, 2), []) == D(2026, 3, 2)
    assert entered_days(D(2026, 3, 2), history) == [D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 23), D(2026, 3, 24),
                                                    D(2026, 3, 25), D(2026, 3, 26), D(2026, 3, 26),
                                                    D(2026, 4, 2)]  # fmt: skip
