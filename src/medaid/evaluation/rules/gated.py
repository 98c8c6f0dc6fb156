"""A checklist with a prerequisite: "(1)…;(2)编制了实施意见;(3)实施意见经批准;(4)…。满足以上1项得1分,未编制实施意见的
本指标(2)-(4)项不得分" — items (2) to (4) score only when item (2), the prerequisite they name, holds.

The prerequisite is the one item of the range whose words the condition denies ("未编制…实施意见" of "编制了…实施
意见"); the items of the range score nothing without it, whatever else holds. A count of items ("符合3项") does not
say which hold, and is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.checklist import Checklist
from medaid.evaluation.rules.checklist_spec import checklist_from_spec
from medaid.evaluation.rules.statements import items_held


@dataclass(frozen=True)
class GatedChecklist(Rule):
    """分项评分，部分分项以某一分项为前提：“未编制实施意见的本指标(2)-(4)项不得分”。"""

    checklist: Checklist
    gate: int  # the prerequisite item (1 = the first)
    gated: tuple[int, ...]  # the items that score only with it (the gate among them)

    kind = "gated_checklist"
    label = "分项评分（含前提分项）"

    def params(self) -> dict[str, object]:
        inner = {k: v for k, v in self.checklist.to_dict().items() if k not in ("label", "text", "full_marks")}
        return {"checklist": inner, "gate": self.gate, "gated": list(self.gated)}

    def full_marks(self) -> Decimal | None:
        return self.declared_full or self.checklist.full_marks()

    def _rule(self) -> str:
        names = self.checklist.names
        gate = names[self.gate - 1] if len(names) >= self.gate else f"第{self.gate}项"
        shown = "、".join(f"第{i}项" for i in self.gated if i != self.gate)
        return f"{shown}以第{self.gate}项（{gate}）为前提"

    def apply(self, inputs: Inputs) -> Outcome:
        if inputs.holds is not None:
            held = sorted(set(inputs.holds))
        else:
            said = inputs.actual.text if inputs.actual is not None else inputs.note
            if not said or not said.strip():
                outcome = self.checklist.apply(inputs)
                return Outcome(None, f"{self._rule()}；{outcome.reason}", outcome.allowed, needs_judgement=True)
            held, why = items_held(said.strip(), self.checklist.names)
            if why is not None:
                return Outcome(None, f"{self._rule()}；实际情况“{why}”无法对应分项，需列明符合的分项",
                               needs_judgement=True)  # fmt: skip
        dropped = [i for i in held if i in self.gated and self.gate not in held]
        kept = tuple(i for i in held if i not in dropped)
        outcome = self.checklist.apply(Inputs(inputs.weight, inputs.target, None, holds=kept))
        note = f"第{self.gate}项不符合，{'、'.join(f'第{i}项' for i in dropped)}不得分；" if dropped else ""
        return Outcome(outcome.score, f"{self._rule()}；{note}{outcome.reason}", outcome.allowed,
                       needs_judgement=outcome.needs_judgement)  # fmt: skip


def gated_from_mapping(spec: Mapping[str, object], text: str | None) -> GatedChecklist:
    """{type: gated_checklist, checklist: {items: […], names: […]}, gate: 2, gated: [2, 3, 4]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    inner = spec.get("checklist")
    gate, gated = spec.get("gate"), spec.get("gated")
    if not isinstance(inner, Mapping):
        raise RuleSpecError("gated_checklist 规则需要 checklist（分项评分的写法）")
    checklist = checklist_from_spec(inner, None)
    count = len(checklist.items)
    if not isinstance(gated, list) or not all(isinstance(i, int) and 1 <= i <= count for i in gated):
        raise RuleSpecError("gated_checklist 规则的 gated 应为分项序号（从 1 起）的列表")
    if not isinstance(gate, int) or gate not in gated:
        raise RuleSpecError("gated_checklist 规则的 gate 应为 gated 中的一个分项序号")
    return GatedChecklist(checklist=checklist, gate=gate, gated=tuple(gated), text=text)
