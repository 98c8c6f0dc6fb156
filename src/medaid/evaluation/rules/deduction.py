"""Per-step deductions: per percentage point, or per step of another unit (人, 天, 公斤, 万元), away from
a reference, or counted from zero (每滞后一个月, 每缺一项).

Per-case deductions ("每发现1例扣0.5分") are in ``cases``; how a step finds its value is in ``steps``."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import Comparator, Quantity, is_met
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.count_doubts import doubtful_statement
from medaid.evaluation.rules.deduction_words import words_met
from medaid.evaluation.rules.naming import canon, named
from medaid.evaluation.rules.steps import (
    DIRECTION_WORDS,
    PARTIAL_WORDS,
    Direction,
    Distance,
    Partial,
    StepBase,
    show,
    step_unit_label,
)

__all__ = ["PARTIAL_WORDS", "Direction", "Partial", "PerPoint"]


def _steps(distance: Decimal, step: Decimal, partial: Partial) -> Decimal:
    exact = distance / step
    if partial is Partial.FLOOR:
        return Decimal(math.floor(exact))
    if partial is Partial.CEIL:
        return Decimal(math.ceil(exact))
    return exact


@dataclass(frozen=True, kw_only=True)
class PerPoint(StepBase, Rule):
    """每低于/每高于/每超过 N 个百分点扣 X 分，扣完为止; 每少10人扣1分; 每滞后一个月扣1分; 与目标每相差2%扣1分。

    Examples: "100%完成得6分，每低于1个百分点，扣1分，扣完为止" (96.2% → 2.2);
    "≤15%得2分，每高于1个百分点，扣0.5分"; "100%计满分，每低于5%扣2分" (step 5);
    "≤15天得5分，每超过1天扣1分" (a step in days: ``unit`` = "天");
    "每低于目标值10公斤扣1分" (470公斤 against 500公斤: 3 steps); "每滞后一年扣2分" (``from_zero``);
    "实际完成情况与计划每相差3%，扣1分" (``direction`` both: either side of the reference).
    ``reference`` is the value at which deduction starts, in the unit of the step (percentage points
    for percentages). None: the target, or 100% for a percentage rule with neither.
    ``full`` is the rule's own full marks; None means the indicator's weight.
    Limits the text may add: ``zero_beyond`` (低于80%不得分 — no score past this value),
    ``max_deduction`` (最多扣3分), ``min_score`` (最低得2分).
    """

    points: Decimal
    full: Decimal | None = None
    partial: Partial = Partial.LINEAR
    max_deduction: Decimal | None = None
    min_score: Decimal | None = None
    explicit_reading: bool = False  # the text (or the file) says how part of a step counts
    zero_distance: Decimal | None = None  # "低于目标值35天为0分": no score from this far from the reference on
    points_share: bool = False  # "扣该项分值的10%": ``points`` is a percentage of the full marks
    uncapped: bool = False  # "扣分不封顶": a deduction beyond the full marks is not settled by this item alone
    when_unmet: bool = False  # "未达到目标值的,按差距绝对值…": the gap counts only when the target is not met
    vetoes: tuple[str, ...] = ()  # "没有按国库管理制度规定拨付核算专项资金的,不得分": conditions that zero the score
    full_when: tuple[str, ...] = ()  # "在计划时间内完成的,得满分": an actual naming it scores full marks
    negative: bool = False  # counts family: the text allows a score below 0 ("扣完得负分", "可倒扣")

    kind = "per_point"
    deducts_from_start = True
    label = "按百分点扣分"
    reading_option = "partial: floor"

    def reading(self) -> str:
        return f"{PARTIAL_WORDS[self.partial]}扣分"

    def reading_name(self, key: str) -> str:
        return f"{PARTIAL_WORDS[Partial(key)]}扣分"

    def params(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        out: dict[str, object] = {
            "direction": self.direction.value,
            "two_sided": self.direction is Direction.BOTH,
            "step": float(self.step),
            "points": float(self.points),
            "points_share": self.points_share,
            "reference": num(self.reference),
            "full": num(self.full),
            "on_completion": self.on_completion,
            "unit": self.unit,
            "from_zero": self.from_zero,
            "word": self.word,
            "zero_beyond": num(self.zero_beyond),
            "zero_inclusive": self.zero_inclusive,
            "zero_distance": num(self.zero_distance),
            "hundred": self.hundred,
            "max_deduction": num(self.max_deduction),
            "min_score": num(self.min_score),
            "full_if_none": self.full_if_none,
            "per": self.per,
            "uncapped": self.uncapped,
            "when_unmet": self.when_unmet,
            "vetoes": list(self.vetoes),
            "full_when": list(self.full_when),
            **({"negative": True} if self.negative else {}),
        }
        if self.explicit_reading:  # written only when the text or the file states it
            out["partial"] = self.partial.value
        return out

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def wording(self) -> str:
        """The step as a sentence: 每低于目标值10公斤扣1分."""
        word = self.word or DIRECTION_WORDS[self.direction] + ("目标值" if self.on_completion else "")
        points = f"分值的{fmt(self.points)}%" if self.points_share else f"{fmt(self.points)}分"
        if word.endswith(("的", "者")):  # "适宜种植双季稻但种植单季稻的，每5亩扣1分": the amount of a fault
            return f"{word}，每{show(self.step, step_unit_label(self.unit))}扣{points}"
        return f"每{word}{show(self.step, step_unit_label(self.unit))}扣{points}"

    def _points(self, full: Decimal) -> Decimal:
        """The points a step takes: "扣该项分值的10%" of 6 points is 0.6."""
        return self.points * full / 100 if self.points_share else self.points

    def _conflict(self, inputs: Inputs) -> str | None:
        """A target whose comparator says the opposite of the step's direction."""
        target = inputs.target
        if target is None or self.from_zero or target.comparator is None:
            return None
        if self.direction is Direction.BELOW and target.comparator in (Comparator.LE, Comparator.LT):
            way = "越高越好（低于才扣分）"
        elif self.direction is Direction.ABOVE and target.comparator in (Comparator.GE, Comparator.GT):
            way = "越低越好（超过才扣分）"
        else:
            return None
        return f"评分标准“{self.wording()}”表示{way}，与指标值 {target.describe()} 的方向相反，无法确定如何扣分"

    def _unmet(self, inputs: Inputs, full: Decimal) -> Outcome | None:
        """ "未达到目标值的，按差距绝对值扣分": full marks when the target is met; a reason when that cannot be told."""
        if not self.when_unmet:
            return None
        target, actual = inputs.target, inputs.actual
        assert actual is not None
        met = is_met(target, actual) if target is not None and target.comparator is not None else None
        if met is None:
            return Outcome(None, "评分标准只在未达到目标值时按差距扣分，但指标值未写明方向（≥、≤）"
                                 "或与实际完成值不可比，无法判断是否达到")  # fmt: skip
        if met:
            assert target is not None
            said = f"实际 {actual.describe()} 达到指标值 {target.describe()}，不扣分，得满分 {fmt(full)} 分"
            return Outcome(clamp(full, ZERO, inputs.weight), said)
        return None

    def apply(self, inputs: Inputs) -> Outcome:
        actual = inputs.actual
        if actual is None:
            missing = Outcome(None, "缺少实际完成值，无法按规则扣分")
            noted = self._from_note(inputs) if inputs.note else None
            return noted if noted is not None and noted.score is not None else missing
        if (doubt := doubtful_statement(actual.text, periods=False)) is not None:
            return Outcome(None, f"实际{doubt}，需人工判断")  # counts family (s9): "少报约3个月"
        full = self.full if self.full is not None else inputs.weight
        if self.full_if_none and actual.value is None and self.states_none(actual.text):
            return Outcome(
                clamp(full, ZERO, inputs.weight),
                f"实际“{actual.text}”，按“没有{self.full_if_none}的按满分计算”，得满分 {fmt(full)} 分",
            )
        fault = self._fault_target(inputs)
        if fault is not None:
            return Outcome(None, fault)
        veto = self._veto(inputs)
        if isinstance(veto, Outcome):
            return veto
        named_full = self._named_full(actual)
        if named_full is not None:
            said = f"实际“{actual.text}”即评分标准“{named_full}”得满分的情形，得满分 {fmt(full)} 分"
            return Outcome(clamp(full, ZERO, inputs.weight), f"{said}；{veto}" if veto else said)
        if actual.value is None and (met := words_met(actual.text, self)) is not None:  # counts family
            said = f"{met}，得满分 {fmt(full)} 分"
            return Outcome(clamp(full, ZERO, inputs.weight), f"{said}；{veto}" if veto else said)
        conflict = self._conflict(inputs)
        if conflict is not None:
            return Outcome(None, conflict)
        unmet = self._unmet(inputs, full)
        if unmet is not None:
            return unmet
        found = self.distance(inputs)
        if isinstance(found, str):
            return Outcome(None, found)
        outcome = self._scored(found, full, inputs.weight)
        if veto and outcome.score is not None and outcome.score > 0:
            return dataclasses.replace(outcome, reason=f"{outcome.reason}；{veto}")
        return outcome

    def _from_note(self, inputs: Inputs) -> Outcome | None:
        """An explanation in words with no actual: "按规定时间拨付资金" says the step is met (full marks); "滞留资金
        1个半月" states a delay counted from zero with the step's word. Anything else is left to the reading of
        actuals from explanations (``actual_text``)."""
        from medaid.evaluation.rules.deduction_statements import from_note

        return from_note(self, inputs)

    def _named_full(self, actual: Quantity) -> str | None:
        """The condition of full marks an actual written as text names ("在计划时间内完成"), if any."""
        if actual.value is not None:
            return None
        return next((c for c in self.full_when if named(canon(actual.text), canon(c)) is True), None)

    def _fault_target(self, inputs: Inputs) -> str | None:
        """ "耕地撂荒的，每3亩扣1分" counts the fault from zero: a target other than 0 is not the fault's, and
        which the actual is — the fault or the task — is not said."""
        word, target = self.word or "", inputs.target
        if not (self.from_zero and word.endswith(("的", "者"))) or target is None or not target.value:
            return None
        return (f"评分标准按“{word}”的数量从零扣分，而指标值 {target.describe()} 不是该数量的标准，"
                "无法确定实际完成值指的是什么")  # fmt: skip

    def _veto(self, inputs: Inputs) -> Outcome | str:
        """0 when the actual or the explanation says a veto happened; a refusal when it speaks of one in other
        words; else what the reason says of the vetoes not mentioned ("按未出现计", as ``per_case`` does)."""
        if not self.vetoes:
            return ""
        said = [canon(c) for t in (inputs.actual.text if inputs.actual else None, inputs.note) if t
                for c in re.split(r"[,，;；。、]", t) if c]  # fmt: skip
        for veto in self.vetoes:
            readings = {named(c, canon(veto)) for c in said}
            if True in readings:
                return Outcome(ZERO, f"实际写明“{veto}”，按评分标准该项不得分，得 0 分")
            if None in readings:
                return Outcome(None, f"实际或说明提到与“{veto}”相近的情况，是否属于该项不得分的情形需人工判断")
        return "另有“" + "”“".join(self.vetoes) + "”的该项不得分，实际未写明，按未出现计"

    def _scored(self, found: Distance, full: Decimal, weight: Decimal) -> Outcome:
        head = f"按“{self.wording()}”：{found.how}"
        if found.distance <= 0:
            return Outcome(clamp(full, ZERO, weight), f"{head}，不扣分，得满分 {fmt(full)} 分")
        if self.zero_beyond is not None and found.value is not None:
            below = self.direction is Direction.BELOW
            past = found.value < self.zero_beyond if below else found.value > self.zero_beyond
            if past or (self.zero_inclusive and found.value == self.zero_beyond):
                word = ("不高于" if below else "不低于") if not past else ("低于" if below else "超过")
                limit = f"{fmt(self.zero_beyond)}%" if found.unit == "个百分点" else show(self.zero_beyond, found.unit)
                return Outcome(ZERO, f"{head}，{word} {limit}，按规则不得分")
        if self.zero_distance is not None and (
            found.distance > self.zero_distance or (self.zero_inclusive and found.distance == self.zero_distance)
        ):
            apart = show(self.zero_distance, found.unit)
            return Outcome(ZERO, f"{head}，相差达到 {apart}，按规则不得分")
        scores = {p.value: self._score(full, found.distance, p, weight)[0] for p in Partial}
        score, deduction, capped = self._score(full, found.distance, self.partial, weight)
        steps = _steps(found.distance, self.step, self.partial)
        arithmetic = (
            f"{head}；{show(found.distance, found.unit)} ÷ {show(self.step, found.unit)} = "
            f"{fmt(found.distance / self.step)} 档（{PARTIAL_WORDS[self.partial]}计 {fmt(steps)} 档），"
            f"扣 {fmt(steps)} × {fmt(self._points(full))} = {fmt(deduction)} 分{capped}；"
            f"得分 = {fmt(full)} − {fmt(deduction)} = {fmt(full - deduction)}"
        )
        if full - deduction < 0 and self.uncapped:
            return Outcome(None, f"{arithmetic}；评分标准写明“扣分不封顶”，应扣分数超过本项 {fmt(full)} 分，"
                                 "超出部分是否从总分中扣除需人工判断")  # fmt: skip
        if full - deduction < 0:
            arithmetic += floored(full - deduction, weight, self.negative)[1]
        alternatives = {}
        if not self.explicit_reading:
            alternatives = {k: v for k, v in scores.items() if k != self.partial.value and v != score}
        return Outcome(score, arithmetic, alternatives=alternatives, below_zero=score < 0)

    def _score(
        self, full: Decimal, distance: Decimal, partial: Partial, weight: Decimal
    ) -> tuple[Decimal, Decimal, str]:
        deduction = _steps(distance, self.step, partial) * self._points(full)
        capped = ""
        if self.max_deduction is not None and deduction > self.max_deduction:
            deduction, capped = self.max_deduction, f"（最多扣 {fmt(self.max_deduction)} 分）"
        score = full - deduction
        if self.min_score is not None and score < self.min_score:
            score, capped = self.min_score, f"（最低得 {fmt(self.min_score)} 分）"
            deduction = full - score
        return floored(score, weight, self.negative)[0], deduction, capped
