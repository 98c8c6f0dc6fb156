"""Points per unit of the task: "根据任务数,算出每人的平均分数,缺1例,扣减1人平均分"; "按任务数计算每户平均分值,
每少完成1户扣1户的平均分".

Reading conventions:
- The average is the weight divided by the task (the target, which must be a count in the actual's unit);
  each unit missing takes one average off: 得分 = 分值 − (目标值 − 实际值) × 分值 ÷ 目标值, which is the
  completion ratio times the weight; above the task nothing is added (the text deducts only).
- The counter may differ between the two clauses (缺1例, 扣1人平均分: one case is one person); a step of
  more than one ("缺2例扣1人平均分"), another score or a limit makes the text not understood.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.expressions import Expression

_COUNTER = r"(?:人|例|户|个|名|家|所|项|件|次|份|人次|户次)"
_ONE = r"(?:1|一)"
_AVERAGE = re.compile(
    rf"^(?:根据|按照|按|依据)(?:年度)?(?:任务数|目标任务数|任务量|计划数|目标数),?(?:算出|计算出?|求出|核算)?每{_COUNTER}(?:的)?平均(?:分数|分值|分)"
    rf"[,;]?(?:每)?(?:缺|少|缺少|少完成|未完成){_ONE}{_COUNTER}[,;]?(?:扣减|扣除|扣|减)(?:去)?{_ONE}{_COUNTER}(?:的)?平均(?:分数|分值|分)"
    r"[。;]?$"
)


def per_unit_average(text: str) -> Rule | None:
    """Each unit of the task worth the weight ÷ the task, one taken off for each missing (module docstring)."""
    core = re.sub(r"[,;。]?(?:扣完为止|直至扣完)[。]?$", "", text.replace(" ", ""))
    if _AVERAGE.fullmatch(core.rstrip("。;,").replace("。", ",")) is None:
        return None
    return Expression(
        expression="分值-(目标值-实际值)×分值/目标值", name="完成数", value_kind="count", capped=True,
        read_as="每单位平均分 = 分值 ÷ 任务数（指标值），每缺 1 个扣 1 个平均分，超过任务数不加分",
    )  # fmt: skip
