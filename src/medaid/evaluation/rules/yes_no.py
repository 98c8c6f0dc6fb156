"""Met-or-not rules (是否达到): "是的得2分，否则不得分"; "完成得基本分，未完成的不得分"; "6次以上计3分，少于6次
不计分"; "未完成计划数的扣3分"; "防疫队伍三人以上得2分" (alone: 0 when not met, if its marks are the weight).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt, to_decimal
from medaid.evaluation.quantity import Comparator, Quantity, is_met, parse_quantity
from medaid.evaluation.rules.answers import answer, is_number, leaning, standard_answer
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.each_units import each_answer
from medaid.evaluation.rules.evidence_clauses import findings
from medaid.evaluation.rules.explained_values import doubtful_value
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.unsaid_words import unsaid_after, unsaid_before


@dataclass(frozen=True)
class YesNo(Rule):
    """达到得分，否则不得分：“完成得基本分，未完成的不得分”；“完成的得1分，反之，不得分”；
    “开放日活动次数1次以上计3分，未开展不计分”；“编外人数小于或等于155名计3分，超过不计分”。

    ``bound`` is the threshold the text states (None: the indicator's target); ``points`` None is the
    full marks (得满分、得基本分). A number is compared with the bound in its unit; 是/完成 and
    否/未完成 answer it directly.
    """

    points: Decimal | None = None
    bound: Quantity | None = None
    fail: Decimal = ZERO
    # "未完成计划数的扣3分": not met scores the full marks less this (never below 0) instead of ``fail``
    deduct: Decimal | None = None
    # "防疫队伍三人以上得2分" alone: the text does not say what not meeting it scores; 0 is read only when
    # its marks are the item's whole weight (otherwise other marks of the item may be unstated)
    rest_implied: bool = False
    # "累计不少于40小时,并计入培训档案": requirements beside the bound, named by the actual's statements
    # (``bound_requirements``)
    also: tuple[str, ...] = ()

    kind = "yes_no"
    label = "达到得分否则不得分"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {
            "points": None if self.points is None else float(self.points),
            "bound": None if self.bound is None else self.bound.describe(),
            "fail": float(self.fail),
        }
        if self.deduct is not None:
            out["deduct"] = float(self.deduct)
        if self.rest_implied:
            out["rest_implied"] = True
        if self.also:
            out["also"] = list(self.also)
        if self.bound is not None and self.bound.comparator is Comparator.EQ:
            out["two_sided"] = True  # "≠100%则不得分": met at one value only; read back from the bound
        return out

    def _unmet(self, got: Decimal) -> tuple[Decimal, str]:
        """What not meeting it scores, and how ("" for ``fail``)."""
        if self.deduct is None:
            return self.fail, ""
        left = max(ZERO, got - self.deduct)
        return left, f"，扣 {fmt(self.deduct)} 分（满分 {fmt(got)} 分，扣完为止）"

    def full_marks(self) -> Decimal | None:
        return self.points if self.points is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        got = self.points if self.points is not None else inputs.weight
        if self.rest_implied and got != inputs.weight:
            return Outcome(
                None,
                f"评分标准只写明达到要求得 {fmt(got)} 分，本项分值 {fmt(inputs.weight)} 分，未写明其余情形的得分，"
                "需人工判断",
                needs_judgement=True,
            )
        fail, how_unmet = self._unmet(got)
        implied = "（评分标准未写明未达到时的得分，按不得分计）" if self.rest_implied else ""
        if self.also and self.bound is not None:
            return self._with_requirements(inputs, got, fail, how_unmet or implied)
        actual = inputs.actual
        bound = self.bound or inputs.target
        where = "评分标准" if self.bound is not None else "指标值"
        note = inputs.note.strip() if inputs.note and inputs.note.strip() else None
        if actual is None and note is None:
            return Outcome(None, "缺少实际完成值，无法判断是否达到")
        source = ""
        if actual is None or not is_number(actual):
            text = actual.text if actual is not None else findings(note or "")  # (s9) "经核查，…"
            met = answer(canon(text))
            if met is None:
                met = leaning(text, strict=actual is not None)
            if met is None and self.text:  # (affirm s8) "设备满足…细则要求" against "不满足，不得分"
                met = standard_answer(text, self.text)
            if met is None and self.text:  # (affirm s9) "其中3个村不足2000元" against "各村…2000元以上得分"
                met = each_answer(text, self.text, bound)
            # (fix round) "拟建立", "草案", a quality or deed of the text left out ("按计划完成" against "已完成")
            why = unsaid_before(text, [self.text or ""]) or (
                unsaid_after(text, self.text or "", True, []) if met else ""
            )
            if met is not None and why:
                return Outcome(None, f"实际完成情况“{text}”未说明是否达到：{why}，需人工判断", needs_judgement=True)
            if met is not None:
                said = f"{'实际完成情况' if actual is not None else '说明'}“{text}”，{'达到' if met else '未达到'}要求"
                score = got if met else fail
                extra = "" if met else how_unmet or implied
                return Outcome(clamp(score, ZERO, inputs.weight), f"{said}{extra}，得 {fmt(score)} 分")
            actual, source = self._number_in(text, bound, inputs.actual is not None)
            if actual is None:
                return Outcome(None, f"实际完成情况“{text}”未说明是否达到，需人工判断", needs_judgement=True)
        if bound is None or bound.value is None:
            return Outcome(None, "缺少指标值（目标值），无法判断是否达到")
        met = is_met(bound, actual)
        if why := _apart(bound, actual, self.bound is None, met):  # (affirm fix round s8) 人 vs 人次, "3天"
            return Outcome(None, why, needs_judgement=True)
        if met is None:
            return Outcome(None, f"实际 {actual.describe()} 与{where} {bound.describe()} 单位不同，无法比较")
        said = f"{source}实际 {actual.describe()} {'达到' if met else '未达到'}{where} {bound.describe()}"
        score = got if met else fail
        extra = "" if met else how_unmet or implied
        return Outcome(clamp(score, ZERO, inputs.weight), f"{said}{extra}，得 {fmt(score)} 分")

    def _with_requirements(self, inputs: Inputs, got: Decimal, fail: Decimal, unmet: str) -> Outcome:
        """A bound beside other requirements: the actual's statements must give the value and name the rest."""
        from medaid.evaluation.rules.bound_requirements import judge_requirements

        assert self.bound is not None
        text = inputs.actual.text if inputs.actual is not None else (inputs.note or "").strip()
        if not text:
            return Outcome(None, "缺少实际完成情况，无法判断是否达到")
        source = "" if inputs.actual is not None else f"实际情况取自说明“{text}”："
        met, how = judge_requirements(text, self.bound, self.also)
        if met is None:
            return Outcome(None, f"{source}{how}", needs_judgement=True)
        score = got if met else fail
        return Outcome(clamp(score, ZERO, inputs.weight), f"{source}{how}{'' if met else unmet}，得 {fmt(score)} 分")

    def _number_in(self, text: str, bound: Quantity | None, given: bool) -> tuple[Quantity | None, str]:
        """The one value in the bound's unit a description states ("公示7天" against ≥7天)."""
        from medaid.evaluation.actual_text import read_actual  # it imports the rules

        if bound is None or bound.value is None or not bound.unit:
            return None, ""
        reading = read_actual(text, bound, self)
        if reading is None or reading.actual is None:
            return None, ""
        if not given and doubtful_value(text, bound):  # (affirm fix round s8) a forecast, a part, a change…
            return None, ""
        if given:  # the actual in words, not an explanation
            return reading.actual, f"实际完成情况“{text}”即 {reading.actual.describe()}；"
        return reading.actual, f"{reading.reason}；"


def _apart(bound: Quantity, actual: Quantity, from_target: bool, met: bool | None) -> str:
    """(affirm fix round s8) Why the actual is not compared with the bound: a count of times against a count of
    persons or things ("100人次" against "≥100人"), or a target in time units with no comparator ("3天": a time limit
    is at most, a duration at least — the target does not say). Persons are never more than their visits, so a
    floor is settled one way: "500人" meets "≥500人次", "80人次" misses "≥100人"; the other way is not known."""
    floor = bound.comparator in (Comparator.GE, Comparator.GT)
    settled = floor and ((bound.unit.endswith("次") and met is True) or (actual.unit.endswith("次") and met is False))
    if counts_apart(bound.unit, actual.unit) and not settled:
        return f"实际 {actual.describe()} 与指标值 {bound.describe()} 计数单位不同（人次不是人数），无法比较"
    if from_target and bound.comparator is None and re.search(r"天|日|小时|分钟|周|月|年", bound.unit):
        why = f"指标值 {bound.describe()} 未写明是不超过还是不少于，无法判断 {actual.describe()} 是否达到"
        return f"{why}；请在指标值前加 ≤ 或 ≥"
    return ""


def counts_apart(one: str, other: str) -> bool:
    """(affirm fix round s8) Two count units of which one counts times and the other not ("人次" and "人")."""
    return bool(one and other and one != other and one.endswith("次") != other.endswith("次"))


def yes_no_from_spec(spec: Mapping[str, object], text: str | None) -> YesNo:
    from medaid.evaluation.rules.structured import RuleSpecError

    bound = parse_quantity(spec.get("bound")) if spec.get("bound") else None
    if bound is not None and bound.value is None:
        raise RuleSpecError(f"bound 应为带比较符号的数值，如 ≥6次，实际为“{spec.get('bound')}”")
    points = to_decimal(spec.get("points")) if spec.get("points") is not None else None
    fail = to_decimal(spec.get("fail", 0))
    deduct = to_decimal(spec.get("deduct")) if spec.get("deduct") is not None else None
    if fail is None or (spec.get("points") is not None and points is None):
        raise RuleSpecError("yes_no 规则的 points、fail 应为数字")
    if spec.get("deduct") is not None and (deduct is None or deduct <= 0):
        raise RuleSpecError("yes_no 规则的 deduct 应为正数（未达到时扣的分数）")
    rest_implied = spec.get("rest_implied", False)
    if not isinstance(rest_implied, bool):
        raise RuleSpecError("yes_no 规则的 rest_implied 应为 true 或 false")
    also = spec.get("also") or []
    if not isinstance(also, list) or not all(isinstance(x, str) and x for x in also) or (also and bound is None):
        raise RuleSpecError("yes_no 规则的 also 应为要求的列表（与 bound 同用），如 [计入培训档案]")
    return YesNo(points=points, bound=bound, fail=fail, deduct=deduct, rest_implied=rest_implied,
                 also=tuple(also), text=text)  # fmt: skip
