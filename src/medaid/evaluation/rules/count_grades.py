"""Deductions by the grade of what happened (counts family, s9): "一级减50分,二级减30分,三级20,四级减10。扣完得负分。"

Each grade (一级, 二级…) takes its points when something of that grade happened. The actual (or, without one, the
explanation) names the grade of each occurrence ("发生四级医疗事故1起"), or says none happened ("未发生医疗事故", "无").
The deductions are taken from the weight; below zero only when the text allows it (``negative``), else the score
stops at 0. Refused: more than one occurrence of a grade ("2起": per occurrence, or once for the grade? not said), a
grade the text does not list, two grades in one statement, a statement that names no grade and denies nothing, a
hedge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.count_hedges import HEDGES
from medaid.evaluation.rules.count_vocab import cn_int, simplified

_GRADE = re.compile(r"([一二三四五六七八九十]|\d+)级")
_NONE = re.compile(r"^(?:全年)?(?:未发生|没有发生|未出现|没有出现|无|没有)[^\d级]*$|^无$")
_COUNT = re.compile(r"(\d+|[一二两三四五六七八九十]+)(?:起|次|例|件|宗)")
# A grade of an accident that happened, in this period: "发生四级医疗事故1起", "四级医疗事故1起", "出现了三级安全事故".
# The noun after the grade must be an accident's (…事故): "二级医院", "三级安全标准化", "一级安全事故苗头",
# "四级医疗差错" are another thing's grade (refused, not a deduction); "三级以下" is a range (which grade?).
_HAPPENED = re.compile(
    r"(?:(?:全年|本年度?|年内|当年|本期|考核期内?)?(?:共)?(?:发生|出现)(?:了|过)?)?(?:[一二三四五六七八九十]|\d+)级(?![及以至到或、和与])"
    r"(?P<noun>[\u4e00-\u9fff]{0,8}?事故)(?:(?:\d+|[一二两三四五六七八九十]+)(?:起|次|例|件|宗))?"
)
# A grade of accident denied: "未发生四级医疗事故", "四级医疗事故未发生".
_DENIED = re.compile(
    r"(?:(?:全年|本年度?|年内|当年|本期)?(?:未|没有|无|不曾|未曾|从未)(?:发生|出现)?(?:过)?)"
    r"(?:[一二三四五六七八九十]|\d+)级(?P<above>及以上|以上)?(?![及以至到或、和与])[\u4e00-\u9fff]{0,8}?事故"
    r"|(?:[一二三四五六七八九十]|\d+)级(?![及以至到或、和与])[\u4e00-\u9fff]{0,8}?事故(?:均|都)?(?:未发生|没有发生|未出现|没有出现|无)"
)


@dataclass(frozen=True)
class GradeDeductions(Rule):
    """按发生情形的等级扣分（模块说明）。"""

    grades: tuple[int, ...]
    points: tuple[Decimal, ...]
    negative: bool = False

    kind = "grade_deductions"
    label = "按等级扣分"
    deducts_from_start = True

    def params(self) -> dict[str, object]:
        return {"grades": list(self.grades), "points": [float(p) for p in self.points], "negative": self.negative}

    def _reading(self) -> str:
        grades = "、".join(f"{g}级扣 {fmt(p)} 分" for g, p in zip(self.grades, self.points, strict=True))
        below = "，扣完可得负分" if self.negative else "，扣完为止"
        return f"读作：发生{grades}（每级按发生1起计）{below}"

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else inputs.note
        if not written:
            return Outcome(None, f"未填写发生情形的等级（{self._reading()}）")
        text = simplified(written).replace(" ", "")
        if HEDGES.search(text):
            return Outcome(None, f"“{written}”写法含糊，需人工判断（{self._reading()}）")
        found: dict[int, Decimal] = {}
        denied, none = False, False
        for statement in (s for s in re.split(r"[,;。，；]", text) if s):
            grades = _GRADE.findall(statement)
            if not grades:
                if _NONE.match(statement):
                    none = True
                    continue
                return Outcome(None, f"“{statement}”未写明等级（{self._reading()}）")
            grade = cn_int(grades[0])
            if len(grades) > 1 or grade is None or int(grade) not in self.grades:
                return Outcome(None, f"“{statement}”的等级不是评分标准所列的一级（{self._reading()}）")
            refused = _DENIED.fullmatch(statement)
            if refused:
                if refused.group("above") and int(grade) == max(self.grades):
                    none = True  # "未发生四级以上医疗事故" of grades 一至四级: none of them
                else:
                    denied = True  # "未发生一级事故": that grade denied, the others not said
                continue
            if not _HAPPENED.fullmatch(statement):
                return Outcome(None, f"“{statement}”未写明在考核期内发生了该等级的事故（等级可能是别的事物的，或含"
                                     f"未发生、险些、预计、往年等说法），需人工判断（{self._reading()}）")  # fmt: skip
            count = _COUNT.search(statement)
            many = cn_int(count.group(1)) if count else Decimal(1)
            if many != 1 or int(grade) in found:
                return Outcome(None, f"“{statement}”：同一等级发生多起时按起还是按级扣分，评分标准未写明"
                                     f"（{self._reading()}）")  # fmt: skip
            found[int(grade)] = self.points[self.grades.index(int(grade))]
        if denied and not found and not none:
            return Outcome(None, f"“{written}”只说明某一等级未发生，其余等级未写明（{self._reading()}）")
        taken = sum(found.values(), ZERO)
        raw = inputs.weight - taken
        score, note = floored(raw, inputs.weight, self.negative)
        named = "、".join(f"{g}级扣 {fmt(p)} 分" for g, p in sorted(found.items())) or "未发生，不扣分"
        return Outcome(score, f"{self._reading()}；“{written}”：{named}；得分 = {fmt(inputs.weight)} − {fmt(taken)} = "
                              f"{fmt(raw)}{note}", below_zero=score < 0)  # fmt: skip


def grade_deductions_from_mapping(spec: Mapping[str, object], text: str | None) -> GradeDeductions:
    """``{type: grade_deductions, grades: [1, 2, 3, 4], points: [50, 30, 20, 10], negative: true}``."""
    from medaid.evaluation.rules.structured import RuleSpecError

    grades, points = spec.get("grades"), spec.get("points")
    if not isinstance(grades, list) or not isinstance(points, list) or len(grades) != len(points) or not grades:
        raise RuleSpecError("grade_deductions 规则需要等长的 grades（等级）和 points（扣分）")
    return GradeDeductions(grades=tuple(int(g) for g in grades), points=tuple(Decimal(str(p)) for p in points),
                           negative=spec.get("negative") is True, text=text)  # fmt: skip
