"""One bound that each of several listed things must reach: "早、晚稻达到500公斤单产指标的记6分,达不到单产要求的扣6分"
(lists family, session 9; read by ``ruletext.listed_subjects``).

The marks are given only when every thing reaches the bound (达到/不低于 include it); one short of it scores 0.
Each thing's value is read from the statement of the actual (or the explanation) that names it ("早稻单产520公斤,
晚稻单产505公斤"): one number in the bound's unit, with the measure's word when the text names one (单产). A thing
not named, named twice, a number hedged (约/近/余/左右) or a statement with a denial ("早稻未达到500公斤": the number
is the bound, not the value) is refused, saying which thing lacks its value. (s9 fix) A change (同比增长, 比上年
减少), another year or a unit inside a longer one (人次, 个月) is refused too; with ``floor`` ("达到90%的得5分,低于
80%的不得分") a value between floor and bound is not scored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.naming import canon

_HEDGE = re.compile(
    r"约|近|余|左右|多|以上|以下|预计|计划|拟|将|力争|未|不|没|无|低于|不足|差"
    r"|同比|环比|较|比上年|比去年|增|减|降|上升|提高|\d{4}年|上年|去年"  # a change or another year's (s9 fix)
)
# a unit inside a longer one: 人 of 人次, 个 of 个月/个百分点 (s9 fix)
_UNIT_END = r"(?!次|月|百分|工作日|小时|天|日|周|星期|年|季|倍|半)"


@dataclass(frozen=True)
class SubjectsBound(Rule):
    """Marks when each listed thing reaches one bound (module docstring)."""

    subjects: tuple[str, ...]
    bound: Decimal
    unit: str
    measure: str  # the word the value is said with ("单产"), or ""
    points: Decimal
    floor: Decimal | None = None  # "低于70%的不得分" under a bound of 80%: the values between are not scored (s9 fix)

    kind = "subjects_bound"
    label = "各项均达到标准计分"

    def params(self) -> dict[str, object]:
        return {"subjects": list(self.subjects), "bound": float(self.bound), "unit": self.unit,
                "measure": self.measure, "points": float(self.points),
                **({"floor": float(self.floor)} if self.floor is not None else {})}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.points

    def _head(self) -> str:
        measure = f"（{self.measure}）" if self.measure else ""
        listed = "、".join(self.subjects)
        bound = f"{fmt(self.bound)}{self.unit}{measure}"
        if self.floor is not None:
            floor = f"{fmt(self.floor)}{self.unit}"
            return f"评分标准：{listed}均达到 {bound}得 {fmt(self.points)} 分，任一项低于 {floor}不得分"
        return f"评分标准：{listed}均达到 {bound}得 {fmt(self.points)} 分，任一项达不到不得分"

    def _value(self, subject: str, written: str) -> tuple[Decimal | None, str]:
        said = [s for s in re.split(r"[,;。，；]", written) if canon(subject) in canon(s)]
        if len(said) != 1:
            return None, f"未写明（或重复写明）“{subject}”的{self.measure or '数值'}"
        statement = said[0]
        bare = canon(statement).replace(canon(subject), "□")  # the thing's own words are no hedge: "新增就业" (s9)
        if _HEDGE.search(bare.replace(canon(self.measure), "□") if self.measure else bare):
            return None, f"“{statement}”不是确定的{self.measure or '数值'}（含约数、否定或计划）"
        if self.measure and self.measure not in statement:
            return None, f"“{statement}”未写明{self.measure}"
        found = re.findall(rf"(?<![\d.])(\d+(?:\.\d+)?){re.escape(self.unit)}{_UNIT_END}", statement)
        if len(found) != 1 or len(re.findall(r"\d+(?:\.\d+)?", statement)) != 1:
            return None, f"“{statement}”中没有唯一的以{self.unit}为单位的数值"
        return Decimal(found[0]), statement

    def apply(self, inputs: Inputs) -> Outcome:
        if inputs.weight != self.points:
            return Outcome(None, f"{self._head()}；本行分值 {fmt(inputs.weight)} 分与评分标准的 {fmt(self.points)} 分"
                                 "不一致，无法确定按哪个计分")  # fmt: skip
        written = inputs.actual.text if inputs.actual is not None else (inputs.note or "")
        if not written.strip():
            return Outcome(None, f"{self._head()}；缺少各项的实际数值")
        shown: list[str] = []
        short: list[str] = []
        lows: list[Decimal] = []
        for subject in self.subjects:
            value, said = self._value(subject, written)
            if value is None:
                return Outcome(None, f"{self._head()}；{said}，需逐项写明实际数值")
            met = value >= self.bound
            shown.append(f"{subject} {fmt(value)}{self.unit}{'达到' if met else '未达到'} {fmt(self.bound)}{self.unit}")
            if not met:
                short.append(subject)
                lows.append(value)
        if self.floor is not None and short and not any(v < self.floor for v in lows):
            gap = f"{fmt(self.floor)}{self.unit}至 {fmt(self.bound)}{self.unit}"
            return Outcome(None, f"{self._head()}：" + "；".join(shown) + f"；{'、'.join(short)}介于 {gap}之间，"
                                 f"评分标准只规定低于 {fmt(self.floor)}{self.unit}不得分，无法确定得分")  # fmt: skip
        score = ZERO if short else self.points
        verdict = f"{'、'.join(short)}未达到，不得分" if short else f"均达到，得 {fmt(self.points)} 分"
        return Outcome(score, f"{self._head()}（“达到”含本数）：" + "；".join(shown) + f"；{verdict}")


def subjects_bound_from_mapping(spec: Mapping[str, object], text: str | None) -> SubjectsBound:
    """``{type: subjects_bound, subjects: [早稻, 晚稻], bound: 500, unit: 公斤, measure: 单产, points: 6}``."""
    from medaid.evaluation.rules.structured import RuleSpecError
    from medaid.evaluation.rules.structured_fields import number

    subjects = spec.get("subjects")
    bound, points = number(spec, "bound"), number(spec, "points")
    if not isinstance(subjects, list) or len(subjects) < 2 or bound is None or points is None or not spec.get("unit"):
        raise RuleSpecError("subjects_bound 规则需要 subjects（两项以上）、bound、unit 和 points")
    floor = number(spec, "floor")
    return SubjectsBound(subjects=tuple(str(s) for s in subjects), bound=bound, unit=str(spec["unit"]),
                         measure=str(spec.get("measure") or ""), points=points, floor=floor, text=text)  # fmt: skip
