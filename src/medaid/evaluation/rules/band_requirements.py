"""Bands with a requirement beside the value (bands family): "项目超过80%、70%和60%,且运行管护效果良好,分别得6分、
4分和2分。…不足60%,或运行管护效果较差,不得分".

The value is scored by its bands only when the explanation (or the actual) says the requirement holds, in the
text's own words ("运行管护效果良好"); when it says the failing words the clause with 或 names ("运行管护效果较差"),
the score is 0. Neither, both, or the words negated ("不良好", "未…") leave the score to the evaluator.

With no requirement (a leading disqualifier, ``ruletext.band_requirements.disqualified_bands``), the failing
words said score 0; an actual that is only a number, with no explanation, is scored by the bands, the
disqualifier read as not happened (as every veto) and said so; any other wording is left to the evaluator.
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
    requirement: str | None
    failing: str | None = None

    kind = "required_bands"
    label = "分档计分（另有条件）"

    def params(self) -> dict[str, object]:
        inner = {k: v for k, v in self.banded.to_dict().items() if k not in ("type", "label", "text", "full_marks")}
        return {"bands_rule": inner, "requirement": self.requirement, "failing": self.failing}

    def full_marks(self) -> Decimal | None:
        return self.banded.full_marks()

    def apply(self, inputs: Inputs) -> Outcome:
        if self.requirement is None:
            return self._disqualified(inputs)
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

    def _disqualified(self, inputs: Inputs) -> Outcome:
        """Bands beside a leading disqualifier (bands family)."""
        failing = self.failing or ""
        written = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        if _said(failing, written):
            return Outcome(ZERO, f"说明写明“{failing}”，按评分标准不得分")
        actual = inputs.actual
        bare = actual is not None and actual.value is not None and _BARE.fullmatch(actual.text.strip()) is not None
        if not bare or (inputs.note or "").strip():
            why = f"评分标准写明“{failing}”的不得分，实际情况与说明未写成单一数值，无法确定该情形是否发生，"
            return Outcome(None, why + "需人工判断（请只填写数值，或写明该情形）", needs_judgement=True)
        outcome = self.banded.apply(inputs)
        if outcome.score is None:
            return outcome
        note = f"实际只填写数值、未写明“{failing}”，按该否决情形未发生计；"
        return dataclasses.replace(outcome, reason=note + outcome.reason)


_BARE = re.compile(r"[≥≤><=约]?\s*\d+(?:\.\d+)?\s*(?:%|‰|[^\d\s,，;；。、]{1,3})?")


def required_bands_from_mapping(spec: Mapping[str, object], text: str | None) -> RequiredBands:
    """{type: required_bands, requirement: 运行管护效果良好, failing: 运行管护效果较差, bands_rule: {bands: […]}}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner, requirement, failing = spec.get("bands_rule"), spec.get("requirement"), spec.get("failing")
    # bands family: no requirement beside a leading disqualifier ("未公布…或…低于10%的均不得分")
    disqualifier = requirement is None and isinstance(failing, str) and bool(failing)
    if not isinstance(inner, Mapping) or not (disqualifier or (isinstance(requirement, str) and requirement)):
        raise RuleSpecError(
            "required_bands 规则需要 requirement（另需满足的条件）或 failing（否决情形），"
            "以及 bands_rule（分档，同 banded）"
        )
    banded = rule_from_mapping({**inner, "type": "banded"})
    if not isinstance(banded, Banded):
        raise RuleSpecError("required_bands 的 bands_rule 应为分档规则")
    kept = requirement if isinstance(requirement, str) else None
    return RequiredBands(banded=banded, requirement=kept, failing=str(failing) if failing else None, text=text)
