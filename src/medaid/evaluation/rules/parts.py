"""Several per-step rules in one text, each for its own subject and with its own marks: "新植树木成活率在90%以上
得15分,每下降1个百分点扣0.5分;新植树木保存率在90%以上得15分,每下降1个百分点扣0.5分".

The row's weight must be the parts' marks added up, and the actual (or, without one, the explanation) must
state each subject's value, labelled with its name ("成活率86%，保存率80%"); the score is the sum of the parts'
scores. Otherwise the row is refused with the reason: which value belongs to which part is never guessed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.items import added_up, labelled_values


@dataclass(frozen=True)
class Part:
    """One subject ("新植树木成活率"), its marks and the rule that scores it out of them."""

    name: str
    full: Decimal
    rule: Rule

    def to_dict(self) -> dict[str, object]:
        inner = {k: v for k, v in self.rule.to_dict().items() if k not in ("label", "text", "full_marks")}
        return {"name": self.name, "full": float(self.full), "rule": inner}


@dataclass(frozen=True)
class StepSum(Rule):
    """A率…得15分,每下降1个百分点扣0.5分;B率…得15分,每下降… — each part scored from its own value, added up."""

    parts: tuple[Part, ...]

    kind = "step_sum"
    label = "分项扣分合计"

    def params(self) -> dict[str, object]:
        return {"parts": [p.to_dict() for p in self.parts]}

    def full_marks(self) -> Decimal | None:
        return sum((p.full for p in self.parts), ZERO)

    def apply(self, inputs: Inputs) -> Outcome:
        names = tuple(p.name for p in self.parts)
        total = sum((p.full for p in self.parts), ZERO)
        head = "评分标准分" + "、".join(f"{p.name}（{fmt(p.full)}分）" for p in self.parts) + "各自计分后相加"
        if inputs.weight != total:
            return Outcome(
                None, f"{head}；本行分值 {fmt(inputs.weight)} 分不是各部分合计 {fmt(total)} 分，无法确定按哪几部分计分"
            )
        written, source = (inputs.actual.text, "实际") if inputs.actual is not None else (inputs.note, "说明")
        if not written:
            return Outcome(None, f"{head}；缺少各部分的实际完成值")
        values = labelled_values(written, names)
        if isinstance(values, str):
            return Outcome(None, f"{head}；{source}“{written}”：{values}，需写明每部分的实际值")
        scored = (
            (
                p.name,
                values[p.name],
                p.rule.apply(dataclasses.replace(inputs, weight=p.full, actual=values[p.name], stated=None)),
            )
            for p in self.parts
        )
        return added_up(scored, f"{head}；各部分实际值取自{source}“{written}”。", head, inputs.weight)


def step_sum_from_mapping(spec: Mapping[str, object], text: str | None) -> StepSum:
    """{type: step_sum, parts: [{name: 成活率, full: 15, rule: {type: per_point, …}}, …]}."""
    from medaid.evaluation.rules.formulas import spec_number
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    raw = spec.get("parts")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("step_sum 需要至少两部分 parts，如 [{name: 成活率, full: 15, rule: {…}}, …]")
    parts: list[Part] = []
    for item in raw:
        if not isinstance(item, Mapping) or not isinstance(item.get("rule"), Mapping) or not item.get("name"):
            raise RuleSpecError("parts 的每一部分需要 name（名称）、full（分值）和 rule（计分规则）")
        full = spec_number(item, "full")
        if full is None or full <= 0:
            raise RuleSpecError("parts 的每一部分需要正数 full（分值）")
        inner = item["rule"]
        assert isinstance(inner, Mapping)
        parts.append(Part(str(item["name"]), full, rule_from_mapping(inner)))
    return StepSum(parts=tuple(parts), text=text)
