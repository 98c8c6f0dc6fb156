"""Counts: the rule that scores each one counted (how many an actual states is read in rules/count_reading.py)
("每实现一个乡镇…得0.5分，最高得2分"; "1个部门0.5分，满分2分"; "每完成一人得1分").

An actual is a count in the rule's counter ("3个", "2个部门", "缺2项", "2项未完成"), a bare whole
number ("3"), or a statement that none was found ("无", "未发现", "无超标准执行", "4项全部完成" when
the rule counts 未完成). Words beside the count must be the rule's own words for what it counts; a
count in another counter ("3所" for "一个学校"), a fraction of a case or any other text is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_actuals import actual_count
from medaid.evaluation.rules.count_amounts import measured_score
from medaid.evaluation.rules.count_reading import Count, read_count
from medaid.evaluation.rules.count_specs import spec_decimal, spec_words
from medaid.evaluation.rules.count_vocab import CN_NUMBER, COUNTERS, cn_int, counts_faults, plain

# CN_NUMBER, cn_int and plain are re-exported for the rank readers.
__all__ = [
    "CN_NUMBER", "Count", "CountScore", "actual_count", "cn_int", "count_score_from_mapping",
    "plain", "read_count", "spec_decimal", "spec_words",
]  # fmt: skip


@dataclass(frozen=True)
class CountScore(Rule):
    """每完成（实现、开展）一个（项、人）得 X 分，最高得 Y 分；“1个部门0.5分，满分2分”。

    The actual is the number done in ``unit`` ("3个"); the score is count ÷ ``per`` × ``points``, at most
    ``cap`` (the text's 最高/满分/不超过) and the weight — above the weight only when the text writes a cap
    above it and the framework allows a bonus (with no cap written, the weight is the cap). ``base``: the
    基本分 it starts from.
    """

    points: Decimal
    per: Decimal = Decimal(1)
    cap: Decimal | None = None
    unit: str | None = None
    what: str = ""
    subject: str = ""
    base: Decimal = ZERO  # "公司本部得基本分3分,…每个区县加1分": the score before any is counted
    condition: str = ""  # what each one counted must be ("在市辖各区县有设置分支机构的"), which an actual may restate

    kind = "count_score"
    label = "按完成数计分"

    def params(self) -> dict[str, object]:
        return {"points": float(self.points), "per": float(self.per),
                "cap": None if self.cap is None else float(self.cap), "unit": self.unit, "what": self.what,
                "subject": self.subject, "base": float(self.base), "condition": self.condition}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.cap if self.cap is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        condition = self.condition or self.what  # the words of what is counted, in any order
        if counts_faults(self.what):  # counts family (s8e): points are earned for things done, never for faults
            return Outcome(
                None,
                f"评分标准按“{self.what}”的个数计得分：缺少或未做到的越多得分越高不合常理，"
                "应是写明缺若干项时的得分（如“缺1项，得0.5分”），其余情形未写明，请按评分标准人工评分",
            )
        if self.unit is not None and self.unit not in COUNTERS:
            return measured_score(
                self.points, self.per, self.cap, self.base, self.unit, (self.what, self.condition), inputs
            )  # counts family: "每完成1000亩,加0.1分"
        count, source = actual_count(inputs, self.unit, self.what, self.subject, (), condition=condition)
        unit = self.unit or "个"
        if count.value is None:
            return Outcome(None, f"{source}无法读出完成数：{count.how}")
        steps = count.value / self.per
        if steps != steps.to_integral_value():
            return Outcome(None, f"完成 {count.how}，不足每 {fmt(self.per)}{unit} 的部分如何计分规则未写明")
        raw = self.base + steps * self.points
        each = f"每 {fmt(self.per)}{unit}得 {fmt(self.points)} 分"
        base = f"基本分 {fmt(self.base)} + " if self.base else ""
        reason = f"{source} {count.how}，{each}，{base}{fmt(steps)} × {fmt(self.points)} = {fmt(raw)}"
        score = raw
        if self.cap is not None and score > self.cap:
            score, reason = self.cap, reason + f"，最高 {fmt(self.cap)} 分"
        if score > inputs.weight and self.cap is not None and self.cap > inputs.weight and not inputs.bonus_allowed:
            # counts family (s9 fix): no clamp without a word
            return Outcome(None, f"{reason}；评分标准写明最高 {fmt(self.cap)} 分，超过本项分值 "
                                 f"{fmt(inputs.weight)} 分，而本表不允许加分：评分标准与分值不一致，"
                                 "需人工判断")  # fmt: skip
        if score > inputs.weight and not (inputs.bonus_allowed and self.cap is not None):
            score, reason = inputs.weight, reason + f"，超过分值按 {fmt(inputs.weight)} 分计"
        return Outcome(score, f"{reason}；得分 {fmt(score)}")


def count_score_from_mapping(spec: Mapping[str, object], text: str | None) -> CountScore:
    """{type: count_score, points: 0.5, per: 1, cap: 2, unit: 个, what: 乡镇}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    points = spec_decimal(spec, "points", positive=True)
    if points is None:
        raise RuleSpecError("count_score 规则缺少参数 points（每个得分）")
    unit = spec.get("unit")
    return CountScore(points=points, per=spec_decimal(spec, "per", positive=True) or Decimal(1),
                      cap=spec_decimal(spec, "cap"), unit=str(unit) if unit else None,
                      what=str(spec.get("what") or ""), subject=str(spec.get("subject") or ""),
                      base=spec_decimal(spec, "base") or ZERO, condition=str(spec.get("condition") or ""),
                      text=text)  # fmt: skip
