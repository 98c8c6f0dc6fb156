"""Written formulas as arithmetic: "得分=70×实际达标率-63", "得分=实际完成率/目标值×分值",
"(1-(实际值-目标值)/目标值)×分值", "0.57×实达标数", "完成率×分值×0.8".

The expression is kept in a canonical spelling of three variables — 实际值 (the actual), 目标值 (the
target), 分值 (the weight) — numbers ("96%" is 0.96, "10分" is 10) and × ÷ + − ( ). It is evaluated
exactly with Decimal and units checked: a percentage is a fraction, a count keeps its unit, and a sum
or a score in a unit (人 + 0.5, 人 × 分值) is refused, except a written constant times a counted actual
("0.57×实达标数": points per unit).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, as_percent_points, comparable, is_met, same_unit
from medaid.evaluation.rules.arithmetic import (
    ACTUAL,
    ONE,
    TARGET,
    WEIGHT,
    Dim,
    ExpressionError,
    Node,
    evaluate,
    parse,
    spelled,
    variables,
)
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.exemption import exempted
from medaid.evaluation.rules.expression_branch import chosen_formula
from medaid.evaluation.rules.expression_checks import per_point, reference_point, short_of_weight
from medaid.evaluation.rules.expression_vetoes import vetoed
from medaid.evaluation.rules.formulas import permille
from medaid.evaluation.rules.stated_marks import marks_differ
from medaid.evaluation.rules.unsigned_targets import unsigned_time

_LESS = (Comparator.LE, Comparator.LT)


# What the actual variable is: "value" (实际值: in the actual's own unit), "count" (实际完成数: a number
# in a unit, never a percentage), "rate" (a named rate: a percentage actual) or "completion" (a completion
# rate: a percentage actual, or a count over a target in its unit).
KINDS = ("value", "count", "rate", "completion")


@dataclass(frozen=True)
class Expression(Rule):
    """得分 = 所写公式（按实际值、目标值、分值计算），不低于 0、不超过分值。

    ``name``: the actual as the text names it ("实际达标率"); ``value_kind``: see KINDS.
    ``cap_value``: "超过100%按100%计" (a rate above 100 %, or an actual above the target, counts as it);
    ``full_from``/``full_inclusive``: "达到95%得满分"; ``full_when_met``: "达到目标值得满分";
    ``zero_below``/``zero_inclusive``: "低于60%不得分". Jumps compare the actual as a percentage.
    """

    expression: str = ACTUAL
    name: str = ACTUAL
    value_kind: str = "value"
    cap_value: bool = False
    capped: bool = False  # "最高不超过分值": the text caps the score itself
    most: Decimal | None = None  # "最高分为7分"
    full_from: Decimal | None = None
    full_inclusive: bool = True
    full_when_met: bool = False
    zero_below: Decimal | None = None
    zero_inclusive: bool = False
    # "达到年度任务要求的,按比例×50计分;未达到的,按比例×50×0.8计分": the formula while the target is not met
    otherwise: str | None = None
    read_as: str = ""  # how the text was read, said first in the reason ("达70%得基础分…")
    exempt: str | None = None  # "若实施方案没有该项建设任务的,不扣分" (``exemption``)
    lower_better: bool = False  # the value is a rate better the lower it is (偏差率, 投诉率): the text names it
    # named quantities ("实际救助人次/计划救助人次×分值"): the names taken as the actual and as the plan, which an
    # explanation may label ("计划1500人次，实际救助1350人次")
    actual_named: str = ""
    plan_named: str = ""
    # "…存在安全隐患的,此项不得分" beside the formula: conditions that zero it (``expression_vetoes``)
    vetoes: tuple[str, ...] = ()
    stated_full: Decimal | None = None  # "本项满分30分。得分=…": the marks the text states (``stated_marks``)

    kind = "formula"
    label = "按公式计分"

    def params(self) -> dict[str, object]:
        return {
            **({"two_sided": True} if "|" in self.expression else {}),  # best at the target, less either side
            "expression": self.expression, "name": self.name, "value_kind": self.value_kind,
            "cap_value": self.cap_value, "capped": self.capped,
            "most": None if self.most is None else float(self.most),
            "full_from": None if self.full_from is None else float(self.full_from),
            "full_inclusive": self.full_inclusive, "full_when_met": self.full_when_met,
            "zero_below": None if self.zero_below is None else float(self.zero_below),
            "zero_inclusive": self.zero_inclusive,
            **({"otherwise": self.otherwise} if self.otherwise is not None else {}),
            **({"read_as": self.read_as} if self.read_as else {}),
            **({"exempt": self.exempt} if self.exempt is not None else {}),
            **({"lower_better": True} if self.lower_better else {}),
            **({"actual_named": self.actual_named, "plan_named": self.plan_named} if self.plan_named else {}),
            **({"vetoes": list(self.vetoes)} if self.vetoes else {}),
            **({"stated_full": float(self.stated_full)} if self.stated_full is not None else {}),
        }  # fmt: skip

    def _actual(self, inputs: Inputs, tree: Node) -> tuple[Dim, Dim | None, str, Decimal | None] | str:
        """The actual and target as values, how, and the actual in percentage points (for jumps)."""
        actual, target = inputs.actual, inputs.target
        uses_target = TARGET in variables(tree)
        if actual is not None and actual.value is None and (mille := permille(actual)) is not None:
            actual = Quantity(text=actual.text, value=mille, unit="‰", comparator=actual.comparator)
        if actual is None or actual.value is None:
            return f"缺少数值形式的{self.name}，无法按公式计分"
        value = actual.value
        if target is not None and target.value is not None:
            actual = comparable(target, actual)
        points = as_percent_points(actual)
        if (mille := permille(actual)) is not None:
            points = mille / 10
        tgt: Dim | None = None
        if uses_target:
            if target is None or target.value is None:
                return "公式用到目标值，缺少数值形式的指标值"
            mille = permille(target)
            t_points = as_percent_points(target) if mille is None else mille / 10
            if points is not None and t_points is not None:
                tgt = (t_points / HUNDRED, 0)
            elif (
                points is None
                and t_points is None
                and (same_unit(actual.unit, target.unit) or not (actual.unit or target.unit))
            ):
                tgt = (target.value, 1)
            else:
                return f"{self.name}“{actual.text}”与指标值“{target.text}”单位不同，无法按公式计分"
        if self.value_kind in ("rate", "completion") and points is None:
            if self.value_kind == "rate" or uses_target or target is None or target.value is None:
                return f"公式中的“{self.name}”是比率，实际完成值应为百分比"
            if not same_unit(actual.unit, target.unit) and (actual.unit or target.unit):
                return f"实际“{actual.text}”与指标值“{target.text}”单位不同，无法算出{self.name}"
            if target.value <= 0 or target.comparator in _LESS:
                return f"指标值“{target.describe()}”无法用来计算{self.name}"
            if (unsigned := unsigned_time(target)) is not None:  # numbers family (s8 fix): "3天" is no "≥3天"
                return unsigned
            ratio = value / target.value
            shown = f"{fmt(actual.value)}{actual.unit} ÷ {fmt(target.value)}{target.unit}"
            how = f"{self.name} = {shown} = {fmt(ratio * HUNDRED)}%"
            return (ratio, 0), tgt, how, ratio * HUNDRED
        if points is not None:
            if self.value_kind == "count":
                per_point = self._per_point(inputs, tree)
                if per_point is None:
                    return f"公式中的“{self.name}”是数量，实际完成值不应为百分比（指标值也是百分比时按百分点数计）"
                how = f"{self.name} {fmt(points)}（指标值为百分比，按百分点数计）"
                return (points, 1), None, how, points
            return (points / HUNDRED, 0), tgt, f"{self.name} {fmt(points)}%", points
        if self.value_kind not in ("value", "count"):
            return f"公式中的“{self.name}”是比率，实际完成值应为百分比"
        if tgt is None and self.value_kind == "value":
            return f"公式中的“{self.name}”没有可比较的指标值，需人工判断"
        return (value, 1), tgt, f"{self.name} {fmt(value)}{actual.unit}", None

    def _per_point(self, inputs: Inputs, tree: Node) -> Decimal | None:
        return per_point(self.value_kind, tree, inputs)

    def _reference(self, inputs: Inputs, dim: int) -> Dim | None:
        return reference_point(self.value_kind, parse(self.expression), inputs, dim)

    def apply(self, inputs: Inputs) -> Outcome:
        if (differ := marks_differ(self.stated_full, self.declared_full, inputs)) is not None:
            return differ
        weight = inputs.weight if self.most is None else min(inputs.weight, self.most)
        if (free := exempted(self.exempt, inputs, weight)) is not None:
            return free
        outcome = vetoed(self.vetoes, inputs, self._apply(inputs))
        if self.read_as and outcome.reason:
            return dataclasses.replace(outcome, reason=f"读作：{self.read_as}；{outcome.reason}")
        return outcome

    def _apply(self, inputs: Inputs) -> Outcome:
        branch = chosen_formula(self, inputs)
        if isinstance(branch, str):
            return Outcome(None, branch)
        chosen, said = branch
        if chosen == "0":  # "未达到的,不得分"
            return Outcome(ZERO, f"{said}按规则不得分")
        tree = parse(chosen)
        found = self._actual(inputs, tree)
        if isinstance(found, str):
            return Outcome(None, found)
        actual, target, how, points = found
        weight = inputs.weight if self.most is None else min(inputs.weight, self.most)
        if weight < inputs.weight and WEIGHT in variables(tree):
            return Outcome(
                None,
                f"评分标准写明最高 {fmt(weight)} 分，与分值 {fmt(inputs.weight)} 分不一致，"
                "公式中的“分值”取哪一个未写明，需人工判断",
            )
        values: dict[str, Dim] = {ACTUAL: actual, WEIGHT: (weight, 0)}
        if target is not None:
            values[TARGET] = target
        # the point where the value is "100%": the target, or a rate of 100 %
        reference = target if target is not None else self._reference(inputs, actual[1])

        def at(x: Decimal) -> Decimal:
            return evaluate(tree, {**values, ACTUAL: (x, actual[1])})[0]

        try:
            dim = evaluate(tree, values)[1]
            if dim != 0 and not (dim == 1 and TARGET not in variables(tree) and self.value_kind == "count"):
                return Outcome(None, "公式的结果不是分数（单位不相消），无法按公式计分")
            if dim == 1 and WEIGHT in variables(tree):
                return Outcome(None, "公式把数量与分值相乘，结果不是分数，需人工判断")
            base = reference[0] if reference is not None and reference[0] != 0 else actual[0] or ONE
            rising = at(base) - at(base / 2)
        except ExpressionError as error:
            return Outcome(None, str(error))
        if rising == 0:
            return Outcome(None, "公式得分不随实际值变化，需人工判断")
        less = inputs.target is not None and inputs.target.comparator in _LESS
        if rising < 0 and self.lower_better and not _more(inputs):
            less = True  # "(1-偏差率)×分值": a rate that is better the lower it is, against a target of 0 % or none
        if (rising > 0) == less and "|" not in chosen:  # a distance either side ("|实际值-目标值|") has no side
            return Outcome(None, "公式得分随实际值变化的方向与指标值的方向相反，需人工判断")
        if actual[1] == 1 and points is not None and reference is not None:
            # a percentage counted in points: the coefficient must size the target at (about) the weight
            sized = at(reference[0])
            if not weight * Decimal("0.9") <= sized <= weight:
                return Outcome(
                    None,
                    f"公式在指标值 {fmt(reference[0])} 处得 {fmt(sized)} 分，与分值 {fmt(weight)} 分不相当，"
                    f"无法判断“{self.name}”按百分点数还是按比例计，需人工判断",
                )
            how += f"（系数 × 指标值 = {fmt(sized)} 分，约为分值）"
        check = reference
        if self.full_from is not None and actual[1] == 0:
            check = (self.full_from / HUNDRED, 0)  # "达到95%得满分": the formula stops there
        uncapped = not self.capped and not self.cap_value and self.most is None
        if check is not None and uncapped and at(check[0]) > weight:
            return Outcome(
                None,
                f"按公式在目标值（或满分点）处得分 {fmt(at(check[0]))} 分，高于本项分值 {fmt(weight)} 分，"
                "文本未写明封顶，需人工判断",
            )
        if (short := short_of_weight(tree, check, at, weight, actual[1])) is not None:
            return Outcome(None, short)
        if self.zero_below is not None:
            if points is None:
                return Outcome(None, f"{how}；“低于{fmt(self.zero_below)}%不得分”需要百分比形式的实际值")
            if points < self.zero_below or (self.zero_inclusive and points == self.zero_below):
                return Outcome(
                    ZERO, f"{how}，{'不高于' if self.zero_inclusive else '低于'} {fmt(self.zero_below)}%，按规则不得分"
                )
        if self.full_from is not None:
            if points is None:
                return Outcome(None, f"{how}；“达到{fmt(self.full_from)}%得满分”需要百分比形式的实际值")
            if points > self.full_from or (self.full_inclusive and points == self.full_from):
                word = "达到" if self.full_inclusive else "超过"
                return Outcome(weight, f"{how}，{word} {fmt(self.full_from)}%，得满分 {fmt(weight)} 分")
        if self.full_when_met and (unsigned := unsigned_time(inputs.target)) is not None:  # numbers family (s8 fix)
            return Outcome(None, unsigned, needs_judgement=True)
        if self.full_when_met:
            met = is_met(inputs.target, inputs.actual) if inputs.target and inputs.actual else None
            if met is None:
                return Outcome(None, f"{how}；规则按是否达到指标值给满分，缺少可比较的指标值")
            if met:
                return Outcome(weight, f"{how}，达到指标值，得满分 {fmt(weight)} 分")
        used = dict(values)
        note = ""
        if self.cap_value:
            if reference is None:
                return Outcome(None, f"{how}；“超过100%按100%计”无从比较，需人工判断")
            if actual[0] > reference[0]:
                used[ACTUAL] = (reference[0], actual[1])
                note = "，超过100%按100%计"
        value = evaluate(tree, used)[0]
        per = ("‰", 1000) if inputs.actual is not None and "‰" in inputs.actual.text else ("%", HUNDRED)
        shown = {
            k: f"{fmt(v[0] * per[1])}{per[0]}" if v[1] == 0 and k != WEIGHT else fmt(v[0]) for k, v in used.items()
        }
        names = {ACTUAL: self.name}
        text = f"得分 = {spelled(tree, names)} = {spelled(tree, shown)} = {fmt(value)}"
        score = min(max(value, ZERO), weight)
        if value > weight:
            word = "最高分" if self.most is not None and self.most < inputs.weight else "分值"
            text += f"，超过{word}按 {fmt(weight)} 分计"
        elif value < ZERO:
            text += "，不低于 0 分"
        formula = self.text or self.expression
        if self.otherwise is not None or self.read_as:
            formula = chosen
        return Outcome(score, f"{said}{how}{note}；按公式“{formula}”：{text}")


def _more(inputs: Inputs) -> bool:
    return inputs.target is not None and inputs.target.comparator in (Comparator.GE, Comparator.GT)
