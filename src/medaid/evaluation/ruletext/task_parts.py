"""Several tasks, each with its own marks, and one ratio for any not completed: "完成县政府下达的全年财政收入任务的
得2分,完成全县一般预算收入任务的得13分,没有完成任务按比例得分".

Reading conventions:
- Each task is a clause "完成…任务的(,)得N分"; the ratio clause "没有完成(任务)的按(实际)(完成)比例得分/计分" (未完成,
  完不成) is said of every task. Nothing else may stand in the text.
- Each task scores its marks × its completion (its value against 100 % of the task, capped at the marks); the
  parts are added up (``rules.parts.StepSum``): the row's weight must be their sum, and each task's value is
  read by its label from the actual or the explanation ("全年财政收入任务完成95%，一般预算收入任务完成80%").
- A task is named by the words after its last 的, without a leading scope (全县, 全市, 本级…) that an actual
  leaves out; names one inside another, or the same twice, make the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Proportional, Rule
from medaid.evaluation.rules.items import item_core
from medaid.evaluation.rules.parts import Part, StepSum

_TASK = re.compile(
    r"^(?:全面)?完成(?P<task>[\u4e00-\u9fa5()]{2,30}?任务)(?:的|者)?,?(?:得|计)(?P<points>\d+(?:\.\d+)?)分$"
)
_RATIO = re.compile(
    r"^(?:没有|未|未能|完不成|不能)(?:完成)?(?:任务|目标任务|年度任务)?(?:的|者)?,?按(?:照)?(?:实际)?(?:完成)?比例(?:得分|计分|计算得分)$"
)
_SCOPE = re.compile(r"^(?:全县|全市|全省|全区|全镇|全乡|本级|本县|本市|县级|市级)")


def task_parts(text: str) -> Rule | None:
    """ "完成A任务的得2分,完成B任务的得13分,没有完成任务按比例得分" (module docstring)."""
    clauses = [c for c in re.split(r"[,;。]", text) if c]
    if len(clauses) < 3 or _RATIO.match(clauses[-1]) is None:
        return None
    parts: list[Part] = []
    for clause in clauses[:-1]:
        m = _TASK.match(clause)
        if m is None:
            return None
        name = _SCOPE.sub("", m.group("task").split("的")[-1])
        parts.append(Part(name, Decimal(m.group("points")), Proportional(reference="100%")))
    cores = [item_core(p.name) for p in parts]
    if len(set(cores)) != len(cores) or any(a in b for i, a in enumerate(cores) for j, b in enumerate(cores) if i != j):
        return None
    return StepSum(parts=tuple(parts))
