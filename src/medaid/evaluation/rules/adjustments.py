"""加减分 items: "验收合格，达到省定标准加2分，验收不合格扣2分" — points added or taken beside the weight.

Such an item lies outside the weight altogether: it is scored only when the framework allows scores beyond
the weights (``Inputs.bonus_allowed``), and its score may then be negative, as the text says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import NO_WORDS, YES_WORDS, Quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.formulas import spec_number
from medaid.evaluation.rules.naming import NO, canon, named

_DONE = r"(?:完成|合格|达到|达标|通过)"
# "无改扩建任务", "没有建设任务", "不涉及": an actual saying the item's task is not there (``AddDeduct.task``)
_NO_TASK = re.compile(r"^(?:辖区|本[镇乡县区单位]+)?(?:无|没有|未承担|未安排|不涉及)[^,，;；。]{0,20}?任务$|^不涉及$")
_NOT_DONE = re.compile(rf"完不成|(?:不|未|没有?|未能|没能){_DONE}|不合格|不达标")


@dataclass(frozen=True)
class Adjustment:
    """One condition of a 加减分 item and its signed points (加2分 → 2, 扣2分 → −2)."""

    condition: str
    points: Decimal

    @property
    def met(self) -> bool | None:
        """True for a condition of completing ("完成目标任务", "验收合格"), False for one of failing
        ("完不成任务", "验收不合格"), None for any other."""
        if _NOT_DONE.search(self.condition):
            return False
        return True if re.search(_DONE, self.condition) else None

    def to_dict(self) -> dict[str, object]:
        return {"condition": self.condition, "points": float(self.points)}


@dataclass(frozen=True)
class AddDeduct(Rule):
    """验收合格，达到省定标准加2分，验收不合格扣2分 — a 加减分 item beside the weight.

    The actual names a condition as written ("验收不合格", or with words left out: "省级荣誉" for "获得省级荣誉的"),
    or says 完成/未完成 (是/否), which picks the one condition of completing or of failing. When every condition
    adds ("获得国家级荣誉的加2分，省级荣誉加1分"), an actual of 否/无 adds nothing. Scored only when the
    framework allows scores beyond the weights; the result may then be negative, as the text says.
    """

    adjustments: tuple[Adjustment, ...]
    # "有改扩建敬老院建设任务的乡镇,视其完成情况加减分": the task the item is for; without it nothing is added or taken
    task: str | None = None

    kind = "add_deduct"
    label = "加减分项"

    def params(self) -> dict[str, object]:
        return {"adjustments": [a.to_dict() for a in self.adjustments], **({"task": self.task} if self.task else {})}

    def _match(self, actual: Quantity) -> Adjustment | None:
        said = re.sub(r"[\s,，。;；的]", "", actual.text)
        for adjustment in self.adjustments:
            if said == re.sub(r"[\s,，。;；的]", "", adjustment.condition):
                return adjustment
        word = actual.qualitative
        if word in YES_WORDS and len(self.adjustments) == 1 and self.adjustments[0].points > 0:
            return self.adjustments[0]  # "…被省级以上推广的，加1分": 是
        if word in YES_WORDS or word in NO_WORDS:
            picked = [a for a in self.adjustments if a.met is (word in YES_WORDS)]
            return picked[0] if len(picked) == 1 else None
        if actual.value is None:  # "省级荣誉" names "获得省级荣誉的" with words left out
            named_here = [a for a in self.adjustments if named(canon(actual.text), canon(a.condition)) is not False]
            return named_here[0] if len(named_here) == 1 else None
        return None

    def apply(self, inputs: Inputs) -> Outcome:
        if not inputs.bonus_allowed:
            return Outcome(None, "加减分项在分值之外加分或减分，评价框架未允许加分、减分，不按此项计分")
        if inputs.actual is None:
            return Outcome(None, "缺少实际情况，无法判断是否加分或减分")
        if self.task and _NO_TASK.search(inputs.actual.text) and not self._match(inputs.actual):
            return Outcome(
                ZERO, f"本项只对有{self.task}的单位加减分，实际“{inputs.actual.text}”没有此任务，不加不减，计 0 分"
            )
        adjustment = self._match(inputs.actual)
        adds_only = all(a.points > 0 for a in self.adjustments)
        if (
            adjustment is None
            and adds_only
            and (inputs.actual.qualitative in NO_WORDS or canon(inputs.actual.text) in NO)
        ):
            return Outcome(ZERO, f"实际情况“{inputs.actual.text}”：不符合任何加分条件，不加分，计 0 分")
        if adjustment is None:
            conditions = "、".join(f"“{a.condition}”" for a in self.adjustments)
            return Outcome(
                None, f"实际情况“{inputs.actual.text}”不对应任一加减分条件（{conditions}），需人工判断",
                needs_judgement=True,
            )  # fmt: skip
        verb = "扣" if adjustment.points < 0 else "加"
        return Outcome(
            adjustment.points,
            f"实际情况“{inputs.actual.text}”符合“{adjustment.condition}”，{verb} {fmt(abs(adjustment.points))} 分"
            f"（加减分项，计 {fmt(adjustment.points)} 分）",
        )


# --- the structured rule syntax ------------------------------------------------------------------


def add_deduct_from_mapping(spec: Mapping[str, object], text: str | None) -> AddDeduct:
    """{type: add_deduct, adjustments: [{condition: 验收合格, points: 2}, {condition: 验收不合格, points: -2}]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("adjustments")
    if not isinstance(raw, list) or not raw:
        raise RuleSpecError("add_deduct 规则需要 adjustments 列表（条件与加减分值）")
    adjustments = []
    for item in raw:
        points = spec_number(item, "points") if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not item.get("condition") or points is None:
            raise RuleSpecError("adjustments 的每一项应为 {condition: 条件, points: 加减分值（减分为负）}")
        adjustments.append(Adjustment(str(item["condition"]), points))
    task = spec.get("task")
    return AddDeduct(adjustments=tuple(adjustments), text=text, task=str(task) if task else None)
