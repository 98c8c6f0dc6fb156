"""Bands with a requirement beside the value (bands family): "项目超过80%、70%和60%,且运行管护效果良好,分别得6分、
4分和2分。…不足60%,或运行管护效果较差,不得分".

The value is scored by its bands only when the explanation (or the actual) says the requirement holds, in the
text's own words ("运行管护效果良好"); when it says the failing words the clause with 或 names ("运行管护效果较差"),
the score is 0. Neither, both, or the words negated ("不良好", "未…") leave the score to the evaluator.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.bands import Banded
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%")
_NEGATED = re.compile(r"(?:不|未|没有?|非|无)$")


def _said(words: str, written: str) -> bool:
    """The words stand in what was written, not negated just before them."""
    squeezed = re.sub(r"[\s的]", "", written)
    target = re.sub(r"[\s的]", "", words)
    at = squeezed.find(target)
    return at >= 0 and not _NEGATED.search(squeezed[:at])


@dataclass(frozen=True)
class RequiredBands(Rule):
    """The bands of ``banded`` when ``requirement`` holds; 0 when ``failing`` (the 或-clause's words) is said."""

    banded: Banded
    requirement: str
    failing: str | None = None

    kind = "required_bands"
    label = "分档计分（另有条件）"

    def params(self) -> dict[str, object]:
        inner = {k: v for k, v in self.banded.to_dict().items() if k not in ("type", "label", "text", "full_marks")}
        return {"bands_rule": inner, "requirement": self.requirement, "failing": self.failing}

    def full_marks(self) -> Decimal | None:
        return self.banded.full_marks()

    def apply(self, inputs: Inputs) -> Outcome:
        written = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        holds = _said(self.requirement, written)
        fails = self.failing is not None and _said(self.failing, written)
        if holds == fails:
            said = f"或“{self.failing}”" if self.failing else ""
            return Outcome(None, f"评分标准另要求“{self.requirement}”，实际情况与说明未写明“{self.requirement}”{said}"
                                 "（或两者都写了），需人工判断", needs_judgement=True)  # fmt: skip
        if fails:
            return Outcome(ZERO, f"说明写明“{self.failing}”，按评分标准不得分")
        actual = inputs.actual
        if actual is None or actual.value is None:
            found = set(_PERCENT.findall(written))
            if len(found) != 1:
                return Outcome(None, f"符合“{self.requirement}”，但说明“{written}”未写明唯一的百分比实际值，无法分档")
            actual = parse_quantity(found.pop())
        outcome = self.banded.apply(dataclasses.replace(inputs, actual=actual))
        return dataclasses.replace(outcome, reason=f"符合“{self.requirement}”；{outcome.reason}")


def required_bands_from_mapping(spec: Mapping[str, object], text: str | None) -> RequiredBands:
    """{type: required_bands, requirement: 运行管护效果良好, failing: 运行管护效果较差, bands_rule: {bands: […]}}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner, requirement = spec.get("bands_rule"), spec.get("requirement")
    if not isinstance(inner, Mapping) or not isinstance(requirement, str) or not requirement:
        raise RuleSpecError("required_bands 规则需要 requirement（另需满足的条件）和 bands_rule（分档，同 banded）")
    banded = rule_from_mapping({**inner, "type": "banded"})
    if not isinstance(banded, Banded):
        raise RuleSpecError("required_bands 的 bands_rule 应为分档规则")
    failing = spec.get("failing")
    return RequiredBands(banded=banded, requirement=requirement, failing=str(failing) if failing else None, text=text)
