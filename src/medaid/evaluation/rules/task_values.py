"""A task and what was done of it, as two numbers or a rate (affirm family, session 9 round 2).

The family: a condition of completing a task ("完成年度下达补充耕地任务的,得1分,否则不得分"; "完成率100%计满分;
净完成数有1人不达标,该项不得分"), answered with the task and what was done: "年度下达补充耕地任务800亩，实际完成
补充耕地820亩" (done ≥ task: completed); "目标净增就业500人，实际净完成499人" (short of it: not completed); or with
the rate: "补充耕地任务完成率95%" (below 100%: not completed).

The task is the one statement with a number and 任务/目标/计划/下达 (no 完成); what was done the one statement with a
number and 完成 (no 任务/目标/计划), in the same unit; a rate one statement "…完成率N%". Any other statement holding
a number or a negation, a hedge or plan (约, 预计, 拟…), or a part ("其中", "部分") leaves it unread. The condition
must be completing a task (完成 + 任务/目标/计划) or "完成率100%" beside a 0 level of falling short (不达标, 未完成,
低于…).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.reached_levels import shortfall_of

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*((?:万|亿|千)?(?:亩|公顷|人|元|个|户|家|座|张|次|项|所|公里|吨|台|件|套|名))")
_TASK = re.compile(r"任务|目标|计划|下达")
_DOUBT = re.compile(r"[不未无没缺]|约|近|预计|估计|拟|将|力争|争取|左右|以上|以下|其中|部分|个别|累计")
_RATE = re.compile(r"^[^,，;；。]*?完成率(?:为|达|达到)?(\d+(?:\.\d+)?)%$")
_TASK_CONDITION = re.compile(r"完成[^,，;；。]{0,16}?(?:任务|目标|计划)(?:数)?$")
_FULL_RATE = re.compile(r"^(?:[\u4e00-\u9fa5]{0,8})完成率(?:达到|为)?100%$")


def _ratio(text: str) -> tuple[Decimal, str] | None:
    """(done ÷ task, how) from a description, or None."""
    statements = [s for s in re.split(r"[,，;；。]", re.sub(r"\s", "", text)) if s]
    if len(statements) == 1 and (rate := _RATE.match(statements[0])) is not None and not _DOUBT.search(statements[0]):
        return Decimal(rate.group(1)) / 100, f"完成率 {rate.group(1)}%"
    task: list[tuple[Decimal, str]] = []
    done: list[tuple[Decimal, str]] = []
    for statement in statements:
        numbers = _NUMBER.findall(statement)
        if _DOUBT.search(statement) and (numbers or re.search(r"[不未无没缺]", statement)):
            return None
        if not numbers:
            continue
        if len(numbers) != 1:
            return None
        value = (Decimal(numbers[0][0]), numbers[0][1])
        if _TASK.search(statement) and "完成" not in statement:
            task.append(value)
        elif "完成" in statement and not _TASK.search(statement):
            done.append(value)
        else:
            return None
    if len(task) != 1 or len(done) != 1 or task[0][1] != done[0][1] or task[0][0] <= 0:
        return None
    (goal, unit), (got, _) = task[0], done[0]
    return got / goal, f"任务 {goal.normalize():f}{unit}，完成 {got.normalize():f}{unit}"


def task_met(text: str, condition: str, failure: str | None) -> tuple[bool | None, str]:
    """(whether the task was completed, how) for a completion condition; (None, "") when not read."""
    plain = re.sub(r"[\s的,，。;；]", "", condition)
    full_rate = _FULL_RATE.match(plain) is not None and failure is not None and shortfall_of(failure, "完成率")
    if not full_rate and _TASK_CONDITION.search(plain) is None:
        return None, ""
    found = _ratio(text)
    if found is None:
        return None, ""
    named = re.search(r"([\u4e00-\u9fa5]{2,8}?)(?:任务|目标|计划)(?:数)?$", plain)  # "补充耕地": the task's noun
    noun = re.sub(r"^.*(?:完成|下达|年度|全年|当年|本年|上级)", "", named.group(1)) if named else ""
    if not full_rate and len(noun) >= 2 and noun not in text:
        return None, ""  # (review 2) "耕地保护任务" is not "补充耕地任务"
    core = re.sub(r"完成|任务|目标|计划|下达|年度|全年|当年|本年|上级|数", "|", plain)
    words = {core[i : i + 2] for i in range(len(core) - 1) if "|" not in core[i : i + 2]}
    if not full_rate and words and not any(w in text for w in words):
        return None, ""  # "造林任务800亩" is not the task "补充耕地任务" of the condition
    ratio, how = found
    met = ratio >= 1
    return met, f"（{how}，{'已' if met else '未'}完成任务）"
