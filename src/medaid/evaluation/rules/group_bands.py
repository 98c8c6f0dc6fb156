"""Bands chosen by a group the unit belongs to (bands family): "人均面积在全省平均水平以上的单位年增幅达到3%以上得2分,
2%-3%得1.5分…;人均面积在全省平均水平以下的单位年增幅达到5%以上得2分,3%-5%得1.5分…" (分类计分).

The explanation (or the actual) must say exactly one group in the text's own words, not negated; the value is the
actual, or the one percentage the explanation writes; that group's bands score it. Anything else is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.band_requirements import _PERCENT, _said
from medaid.evaluation.rules.bands import Banded
from medaid.evaluation.rules.base import Inputs, Outcome, Rule


@dataclass(frozen=True)
class GroupBands(Rule):
    """``groups``: the words naming each group, with the bands that score its units."""

    groups: tuple[tuple[str, Banded], ...]

    kind = "group_bands"
    label = "分类分档计分"

    def params(self) -> dict[str, object]:
        def inner(rule: Banded) -> dict[str, object]:
            return {k: v for k, v in rule.to_dict().items() if k not in ("type", "label", "text", "full_marks")}

        return {"groups": [{"group": words, "bands_rule": inner(rule)} for words, rule in self.groups]}

    def full_marks(self) -> Decimal | None:
        marks = {rule.full_marks() for _, rule in self.groups}
        return marks.pop() if len(marks) == 1 else None

    def apply(self, inputs: Inputs) -> Outcome:
        written = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        said = [(words, rule) for words, rule in self.groups if _said(words, written)]
        names = "”“".join(words for words, _ in self.groups)
        if len(said) != 1:
            return Outcome(None, f"评分标准按类别分档（“{names}”），实际情况与说明未写明属于其中唯一一类，需人工判断",
                           needs_judgement=True)  # fmt: skip
        words, rule = said[0]
        actual = inputs.actual
        if actual is None or actual.value is None:
            found = set(_PERCENT.findall(written))
            if len(found) != 1:
                return Outcome(None, f"属于“{words}”一类，但说明“{written}”未写明唯一的百分比实际值，无法分档")
            actual = parse_quantity(found.pop())
        outcome = rule.apply(dataclasses.replace(inputs, actual=actual))
        return dataclasses.replace(outcome, reason=f"按“{words}”一类的分档计分；{outcome.reason}")


def group_bands_from_mapping(spec: Mapping[str, object], text: str | None) -> GroupBands:
    """{type: group_bands, groups: [{group: 在全省平均水平以上, bands_rule: {bands: […]}}, …]}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    raw = spec.get("groups")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("group_bands 规则需要 groups 列表（至少两类，每类 group 与 bands_rule）")
    groups: list[tuple[str, Banded]] = []
    for item in raw:
        inner = item.get("bands_rule") if isinstance(item, Mapping) else None
        words = item.get("group") if isinstance(item, Mapping) else None
        if not isinstance(inner, Mapping) or not isinstance(words, str) or not words:
            raise RuleSpecError("groups 的每一项应为 {group: 类别, bands_rule: 分档（同 banded）}")
        rule = rule_from_mapping({**inner, "type": "banded"})
        if not isinstance(rule, Banded):
            raise RuleSpecError("group_bands 的 bands_rule 应为分档规则")
        groups.append((words, rule))
    return GroupBands(groups=tuple(groups), text=text)
