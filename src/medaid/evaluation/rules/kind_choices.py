"""Marks written for each kind of unit side by side, the actual saying which kind the unit is (numbers family, s9).

"全部完成项目建设任务的，产区得1.5分、非产区得1分；年度工作任务完成率每减少10个百分点，产区扣0.15分、非产区扣0.1分，
扣完为止": the same rule for each kind (产区, 非产区) with its own numbers. The text is read once per kind
(``ruletext.kind_choices``); the actual (or the 扣分说明) names the kind first ("产区，年度工作任务完成率80%") and the
rest is scored by that kind's rule. A value labelled with a measure the text names ("年度工作任务完成率80%") is that
value.

Refused, saying what to write: no kind named at the start, more than one kind named, nothing after the kind, and a
kind whose full marks are not the row's weight (the row is then not that kind's: the table and the actual disagree).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_SEPARATOR = r"[,，;；:：、\s]"
# "产区，…", "属于产区，…", "本县为非产区，…"
_LEAD = r"^(?:本(?:县|市|区|镇|乡|村|单位|地区)?)?(?:为|属于|是|系)?"
_LABELLED = re.compile(r"^(?P<label>[\u4e00-\u9fa5()（）]{2,24}?)(?:为|是|达到|达)?(?P<value>\d+(?:\.\d+)?%)$")


def _mentions(said: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """Where each kind is named, an occurrence inside a longer name ("产区" in "非产区") not counted."""
    spans = [(m.start(), m.end(), name) for name in names for m in re.finditer(re.escape(name), said)]
    return sorted(
        (start, name)
        for start, end, name in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
    )


def _value(rest: str, text: str) -> Quantity:
    """The rest of the actual as a quantity: a percentage labelled with a measure the text names is that value."""
    quantity = parse_quantity(rest)
    if quantity is not None and quantity.value is not None:
        return quantity
    match = _LABELLED.match(rest)
    if match and match.group("label") in text:
        labelled = parse_quantity(match.group("value"))
        if labelled is not None:
            return labelled
    return quantity if quantity is not None else Quantity(text=rest)


@dataclass(frozen=True)
class KindChoice(Rule):
    """产区得1.5分、非产区得1分 … (module docstring): one rule for each kind, chosen by the kind the actual names."""

    names: tuple[str, ...] = ()
    choices: tuple[Rule, ...] = ()

    kind = "kind_choice"
    label = "分类别计分"
    reads_note: ClassVar[bool] = True  # the 扣分说明 is read here, after the kind (``actual_text.apply_rule``)

    def params(self) -> dict[str, object]:
        return {
            "kinds": [
                {"name": name, "rule": {k: v for k, v in rule.to_dict().items() if k not in ("label", "full_marks")}}
                for name, rule in zip(self.names, self.choices, strict=True)
            ]
        }

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.actual_text import apply_rule  # actual_text imports rules

        listed = "、".join(self.names)
        from_note = inputs.actual is None
        said = (inputs.note or "") if from_note else (inputs.actual.text if inputs.actual else "")
        said = said.strip()
        source = "说明" if from_note else "实际完成情况"
        if not said:
            return Outcome(
                None,
                f"评分标准按类别（{listed}）分别计分，缺少实际完成情况；请写明类别和实际完成值，如“{self.names[0]}，…”",
            )
        found = _mentions(said, self.names)
        lead = re.match(_LEAD, said)
        start = lead.end() if lead else 0
        first = next((name for at, name in found if at == start), None)
        if first is None or not re.match(_SEPARATOR, said[start + len(first) :] or " "):
            return Outcome(None, f"评分标准按类别（{listed}）分别计分，{source}“{said}”开头未写明属于哪一类；"
                                 f"请先写明类别，如“{self.names[0]}，…”")  # fmt: skip
        if len({name for _, name in found}) > 1:
            return Outcome(
                None, f"评分标准按类别（{listed}）分别计分，{source}“{said}”写了多个类别，无法确定按哪一类计分"
            )
        rest = re.sub(rf"^{_SEPARATOR}+", "", said[start + len(first) :])
        if not rest:
            return Outcome(None, f"{source}“{said}”只写明类别“{first}”，缺少实际完成值")
        rule = self.choices[self.names.index(first)]
        full = rule.full_marks()
        if full is not None and full != inputs.weight:
            row = fmt(inputs.weight)
            return Outcome(None, f"评分标准中“{first}”的满分为 {fmt(full)} 分，与本行分值 {row} 分不一致，"
                                 "本行可能不是该类别的分值，无法确定；请核对类别或分值")  # fmt: skip
        inner = (dataclasses.replace(inputs, note=rest) if from_note
                 else dataclasses.replace(inputs, actual=_value(rest, rule.text or "")))  # fmt: skip
        outcome = apply_rule(rule, inner)
        head = f"评分标准按类别（{listed}）分别计分，{source}写明为“{first}”，按“{first}”的分值计：“{rule.text}”"
        return dataclasses.replace(outcome, reason=f"{head}；{outcome.reason}")


def kind_choice_from_mapping(spec: Mapping[str, object], text: str | None) -> KindChoice:
    """{type: kind_choice, kinds: [{name: 产区, rule: {…}}, {name: 非产区, rule: {…}}]}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    raw = spec.get("kinds")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError(
            "kind_choice 需要至少两个类别 kinds，如 [{name: 产区, rule: {…}}, {name: 非产区, rule: {…}}]"
        )
    names: list[str] = []
    rules: list[Rule] = []
    for item in raw:
        if not isinstance(item, Mapping) or not item.get("name") or not isinstance(item.get("rule"), Mapping):
            raise RuleSpecError("kinds 的每一项需要 name（类别）和 rule（该类别的计分规则）")
        inner = item["rule"]
        assert isinstance(inner, Mapping)
        names.append(str(item["name"]))
        rules.append(rule_from_mapping(inner))
    if len(set(names)) != len(names):
        raise RuleSpecError("kinds 的类别名称不能重复")
    return KindChoice(names=tuple(names), choices=tuple(rules), text=text)
