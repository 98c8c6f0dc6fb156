"""The deadline of each step of a case, from the region's policy file (``deadlines``) and the
working-day calendar.

A step's limit counts from the day the case entered it, that is the day the previous step was
done (受理 from the application's date, 审核 from 受理 …; :func:`entered_days` is that rule, for the case
page, the overdue list and the metrics alike): ``due`` is the last day the step may be
done on, ``working`` limits skipping weekends, holidays and counting 调休 Saturdays and Sundays
(medaid.cases.calendar), ``calendar`` limits counting every day. A step the policy file names no
limit for has no deadline (None), and is never overdue. Steps are named by their Chinese name
(受理) or their code in ``vocab.CASE_STEPS`` (accept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from medaid.cases.calendar import WorkCalendar, default_calendar
from medaid.errors import MedaidError
from medaid.policy.model import Deadlines, StepLimit
from medaid.vocab import CASE_STEPS

__all__ = ["Deadline", "DeadlineError", "deadline", "due", "entered_days", "entered_on", "limit", "overdue",
           "step_name"]  # fmt: skip


class DeadlineError(MedaidError):
    """A step the workflow does not have."""


def step_name(step: str) -> str:
    """The Chinese name of a step given by name or code."""
    if step in CASE_STEPS.values():
        return step
    if step in CASE_STEPS:
        return CASE_STEPS[step]
    raise DeadlineError(f"“{step}”不是办理环节", fix="环节为 " + "、".join(CASE_STEPS.values()))


def entered_days(applied_on: dt.date, moves: Iterable[tuple[str | None, str | None, dt.date]]) -> list[dt.date]:
    """The day a case entered the state it was in before each of its events ``(from, to, day)``, in the order
    of its history, and last the day it entered the state it is in now.

    The opening state (已申请，待受理) counts from the application's date ``applied_on``, not from the day the
    application was typed in (the opening event, without a ``from`` state, changes nothing); every later
    state from the day of the event that moved the case into it, the day the event claims (a back-dated
    step's ``at``). An event that leaves the state as it was (an objection recorded or dismissed) changes
    nothing."""
    days = [applied_on]
    for source, target, day in moves:
        days.append(day if source is not None and source != target else days[-1])
    return days


def entered_on(applied_on: dt.date, moves: Iterable[tuple[str | None, str | None, dt.date]]) -> dt.date:
    """The day a case entered the state it is in now (:func:`entered_days`)."""
    return entered_days(applied_on, moves)[-1]


def limit(step: str, rules: Deadlines | None) -> StepLimit | None:
    """The limit the policy file gives a step (None: no limit)."""
    name = step_name(step)
    return None if rules is None else rules.steps.get(name)


def due(
    step: str, entered_on: dt.date, rules: Deadlines | None, calendar: WorkCalendar | None = None
) -> dt.date | None:
    """The last day ``step`` may be done on, for a case that entered it on ``entered_on``."""
    found = limit(step, rules)
    if found is None:
        return None
    if found.unit == "calendar":
        return entered_on + dt.timedelta(days=found.days)
    return (calendar or default_calendar()).add_working_days(entered_on, found.days)


def overdue(
    step: str,
    entered_on: dt.date,
    rules: Deadlines | None,
    calendar: WorkCalendar | None = None,
    *,
    today: dt.date,
    done_on: dt.date | None = None,
) -> bool:
    """Whether the step is late: done after its due day, or not done and its due day is past."""
    return deadline(step, entered_on, rules, calendar, today=today, done_on=done_on).overdue


@dataclass(frozen=True)
class Deadline:
    """A step's deadline as pages and lists show it."""

    step: str
    entered_on: dt.date
    due: dt.date | None
    done_on: dt.date | None
    overdue: bool
    days_late: int  # working (or calendar) days after the due day; 0 when not late
    rule: str  # the limit in words with its source, or 未规定时限

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "entered_on": self.entered_on.isoformat(),
                "due": self.due.isoformat() if self.due else None,
                "done_on": self.done_on.isoformat() if self.done_on else None, "overdue": self.overdue,
                "days_late": self.days_late, "rule": self.rule}  # fmt: skip


def deadline(
    step: str,
    entered_on: dt.date,
    rules: Deadlines | None,
    calendar: WorkCalendar | None = None,
    *,
    today: dt.date,
    done_on: dt.date | None = None,
) -> Deadline:
    """The deadline of one step of one case, with how late it is and the rule in words."""
    cal = calendar or default_calendar()
    name = step_name(step)
    found = limit(name, rules)
    last = due(name, entered_on, rules, cal)
    late = last is not None and (done_on or today) > last
    days_late = 0
    if late and last is not None and found is not None:
        end = done_on or today
        days_late = (end - last).days if found.unit == "calendar" else max(1, cal.working_days_between(last, end))
    if found is None or rules is None:
        rule = "未规定时限"
    else:
        unit = "个工作日" if found.unit == "working" else "天（自然日）"
        rule = f"{name}应在上一环节完成后 {found.days} {unit}内完成（依据：{rules.source.describe()}）"
    return Deadline(name, entered_on, last, done_on, late, days_late, rule)
