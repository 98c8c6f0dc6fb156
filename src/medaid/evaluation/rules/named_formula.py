"""A formula on named quantities that cannot be scored from the actual and the target: "得分=(实际完成户数-
不合格户数)/任务户数×分值" (a third quantity, whose value would be needed) or "得分=受益人数/项目个数×分值" (names
that are neither the actual nor the plan). The rule only refuses, saying which name and why (formulas
family, issue 13); structured syntax: {type: formula, unplaced: [不合格户数], actual_named: …, plan_named: …}.
"""

from __future__ import annotations

from dataclasses import dataclass

from medaid.evaluation.rules.base import Inputs, Outcome, Rule


@dataclass(frozen=True)
class UnplacedFormula(Rule):
    """按公式计分，但公式中有既非实际值、也非计划值的量：需提供其数值或人工判断。"""

    unplaced: tuple[str, ...] = ()
    actual_named: str = ""
    plan_named: str = ""

    kind = "formula"
    label = "按公式计分"

    def params(self) -> dict[str, object]:
        return {"unplaced": list(self.unplaced), "actual_named": self.actual_named, "plan_named": self.plan_named}

    def apply(self, inputs: Inputs) -> Outcome:
        names = "、".join(f"“{n}”" for n in self.unplaced)
        if self.actual_named and self.plan_named:
            return Outcome(
                None,
                f"公式中除实际值“{self.actual_named}”、计划值“{self.plan_named}”外还有{names}，"
                "其数值无从取得（实际完成值、指标值只给出前两者），需提供其数值或人工判断",
            )
        return Outcome(
            None,
            f"公式中的{names}无法确定是实际值还是计划值（实际、已、完成、到位等为实际，计划、应、任务、目标、预算、"
            "下达、总数等为计划），需人工判断",
        )
