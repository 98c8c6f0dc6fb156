"""How a per-step deduction finds how far the actual is from where deduction starts, in the step's unit.

- A step in percentage points (unit None, "每低于1个百分点") or in % ("每低于5%") looks at a percentage actual as
  it is (or a gap written as such, ``gap_steps``); a count actual only as its share of a count target, and for a "%"
  step only when the text says the step is of the target ("每低于目标值2%").
- A step in another unit ("每少10人", "每低于目标值10公斤", "每少50万元") looks at an actual in that unit (人 and
  人次, 天 and 日 are one; 万元 is 10000 元), never at one in another unit.
- Delays and gaps with nothing to count from ("每滞后一个月", "每缺一项") count from zero: the actual is the delay
  or the number missing. An actual that repeats the step's word ("滞后2年", "缺少1项") states the distance itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Quantity, as_percent_points, comparable, same_unit
from medaid.evaluation.rules.base import Inputs
from medaid.evaluation.rules.count_phrasings import listed_against, named_items
from medaid.evaluation.rules.listed_elements import all_missing, listed, missing_named


class Direction(StrEnum):
    BELOW = "below"  # 每低于 / 每减少 / 每少于 / 每缺
    ABOVE = "above"  # 每高于 / 每超过 / 每超出 / 每延迟
    BOTH = "both"  # 与目标每相差: either side of the reference


class Partial(StrEnum):
    """How a part of a step counts. The text rarely says; the choice must be explicit.
    linear: proportionally (96.2% against 100% with 1 point per point deducts 3.8) — default;
    floor: only whole steps deduct (88% with 2 per 5% deducts 2 × 2 = 4);
    ceil: any part of a step deducts a whole step.
    """

    LINEAR = "linear"
    FLOOR = "floor"
    CEIL = "ceil"


DIRECTION_WORDS = {Direction.BELOW: "低于", Direction.ABOVE: "超过", Direction.BOTH: "相差"}
PARTIAL_WORDS = {Partial.LINEAR: "按比例", Partial.FLOOR: "按整档", Partial.CEIL: "不足一档按一档"}
# Words that state a change from an earlier level: with no number and no target there is nothing to count from.
CHANGE_WORDS = frozenset({"下降", "降低", "减少", "增加", "上升", "提高"})
# Words whose actual may state the distance itself ("滞后2年", "缺少1项", "少2次"), by kind.
_DELAYS = "延迟 推迟 滞后 迟拨 迟报 迟交 迟到 晚报 晚交 延期 延误 逾期 拖延 超期 超时 延后 推后 滞留 迟 晚"
_WORD_KINDS = (
    frozenset(_DELAYS.split()),
    frozenset({"缺", "缺少", "短缺", "少", "差", "差欠", "欠", "减少"}),
    frozenset({"超", "超过", "超出", "多", "增加"}),
)


def step_unit_label(unit: str | None) -> str:
    return "个百分点" if unit is None else unit


def show(amount: Decimal, unit: str) -> str:
    """An amount as tables write it: 1000000 元 as 100万元."""
    if unit == "元" and abs(amount) >= 10000:
        return f"{fmt(amount / 10000)}万元"
    return f"{fmt(amount)}{unit}"


def in_step_unit(value_unit: str, unit: str, other_unit: str | None, per: str | None = None) -> bool:
    """Whether a value's unit is the step's: one unit ("人" and "人次"), or a rate per something ("元/人") in the
    step's unit when the other value is a rate per the same thing ("每少10元" on 480元/人 against ≥500元/人), or
    when the text says the quantity is per that thing (``per``: "亩均…每少于100公斤" on ≥1000公斤/亩)."""
    if same_unit(value_unit, unit):
        return True
    head, _, over = value_unit.partition("/")
    if not over or not same_unit(head, unit):
        return False
    return other_unit == value_unit or (per is not None and (over == per or same_unit(over, per)))


def word_kind(word: str | None) -> frozenset[str] | None:
    """The kind of a step's word as written ("超平均年龄" is of 超): delays, gaps or excesses."""
    if not word:
        return None
    return next((k for k in _WORD_KINDS if any(word.startswith(w) for w in k)), None)


@dataclass(frozen=True)
class Distance:
    """How far the actual is, in the step's unit; ``value``: the actual in that unit (None: only the distance is
    stated); ``how``: in Chinese, where the numbers came from."""

    distance: Decimal
    value: Decimal | None
    unit: str
    how: str


@dataclass(frozen=True, kw_only=True)
class StepBase:
    direction: Direction
    step: Decimal
    reference: Decimal | None = None
    on_completion: bool = False  # "每低于目标值…": the step is against the target
    unit: str | None = None  # None: percentage points; "%": a percent step; else the unit of the step (天, 人)
    from_zero: bool = False  # "每滞后一个月", "每缺一项": the actual is the delay or the number missing
    word: str | None = None  # the step's word as written (低于, 滞后, 缺少)
    zero_beyond: Decimal | None = None  # "低于80%不得分": no score past this value, in the value's unit
    zero_inclusive: bool = False  # "80%以下不得分": no score at the value itself either
    hundred: bool = True  # a percentage step with no number and no percentage target counts from 100 %
    full_if_none: str | None = None  # "没有楼堂馆所项目的部门按满分计算": an actual "无楼堂馆所项目" scores full
    per: str | None = None  # "亩均/每亩/年亩…100公斤": the text's quantity is per 亩, so 公斤/亩 is the step's unit

    def states_none(self, text: str) -> bool:
        """Whether an actual says there is none of what the text exempts ("无楼堂馆所项目")."""
        noun = self.full_if_none
        return bool(noun) and bool(re.match(rf"^(?:无|没有|未有|不涉及){re.escape(str(noun))}", text))

    def _gap(self, value: Decimal, reference: Decimal) -> Decimal:
        if self.direction is Direction.BELOW:
            return reference - value
        if self.direction is Direction.ABOVE:
            return value - reference
        return abs(value - reference)

    def _relation(self, value: Decimal, reference: Decimal, unit: str) -> str:
        gap = value - reference
        if gap == 0:
            return f"等于标准值 {show(reference, unit)}"
        side = "少" if gap < 0 else "多"
        apart = f"{fmt(abs(gap))}个百分点" if unit == "%" else show(abs(gap), unit)
        return f"比标准值 {show(reference, unit)} {side} {apart}"

    def distance(self, inputs: Inputs) -> Distance | str:
        """The distance, or why there is none (a Chinese reason)."""
        if self.unit is None or self.unit == "%":
            return self._percent(inputs)
        return self._in_unit(inputs)

    # --- percentage steps ------------------------------------------------------------------

    def _text_or_target(self, target_value: Decimal | None, target_text: str) -> Decimal | str:
        """The reference: the text's own number or the target; both when they agree."""
        reference = self.reference
        if self.on_completion and target_value is None:
            return "评分标准以目标值为标准，但指标值未填写（或与实际完成值不可比），无法计算扣分"
        if reference is not None and target_value is not None and reference != target_value:
            return (f"评分标准写明的标准值 {fmt(reference)} 与指标值 {target_text} 不一致，"
                    "无法确定从哪个值起扣")  # fmt: skip
        if reference is not None:
            return reference
        if target_value is not None:
            return target_value
        return "规则未写明起扣的标准值，指标值也未填写，无法计算扣分"

    def _not_from_hundred(self, points: Decimal) -> str | None:
        """Why a percentage step with no number and no target does not count from 100 %, if it does not."""
        word = f"“每{self.word or DIRECTION_WORDS[self.direction]}”"
        if self.word and any(self.word.startswith(w) for w in CHANGE_WORDS):
            return f"{word}未写明从哪个值算起，指标值也未填写百分比，无法计算扣分"
        if not self.hundred:
            return f"{word}未写明从哪个值算起（该比率不以100%为满），指标值也未填写百分比，无法计算扣分"
        if self.direction is Direction.ABOVE and points <= HUNDRED:
            return (f"{word}未写明从哪个值算起，指标值也未填写；实际完成值 {fmt(points)}% 未超过100%，可能是超出部分"
                    "本身（如超支3%），也可能是以100%为满的比率，无法确定如何扣分")  # fmt: skip
        return None

    def _percent(self, inputs: Inputs) -> Distance | str:
        from medaid.evaluation.rules.gap_steps import gap_reading  # numbers family (s9): "低于规定标准20%"

        actual, target = inputs.actual, inputs.target
        assert actual is not None
        if actual.value is None and (gap := gap_reading(self, actual.text)) is not None:  # gap_steps imports steps
            return gap
        if target is not None:
            actual = comparable(target, actual)
        points = as_percent_points(actual)
        if points is not None:
            target_points = target.value if target is not None and target.is_percent else None
            if self.reference is None and target_points is None and not self.on_completion:
                refused = self._not_from_hundred(points)
                if refused:
                    return refused
                reference: Decimal | str = HUNDRED
                source = "（规则未写标准值，指标值也不是百分比，按100%计）"
            else:
                reference = self._text_or_target(target_points, target.describe() if target else "")
                source = ""
            if isinstance(reference, str):
                return reference
            how = f"实际完成值 {fmt(points)}%，{self._relation(points, reference, '%')}{source}"
            return Distance(self._gap(points, reference), points, "个百分点", how)
        return self._share_of_target(inputs, actual)

    def _share_of_target(self, inputs: Inputs, actual: Quantity) -> Distance | str:
        target = inputs.target
        if actual.value is None:
            return f"实际完成值“{actual.text}”不是数值，无法按规则扣分"
        if target is None or target.value is None:
            if not actual.unit and self.reference is not None:  # bare numbers, compared as they are
                how = f"实际完成值 {fmt(actual.value)}，{self._relation(actual.value, self.reference, '')}"
                return Distance(self._gap(actual.value, self.reference), actual.value, "个百分点", how)
            return f"实际完成值 {actual.describe()} 不是百分比，指标值也未填写，无法按百分点扣分"
        if not actual.unit and not target.unit:  # "95" against "93": numbers in one unit
            reference = self._text_or_target(target.value, target.describe())
            if isinstance(reference, str):
                return reference
            how = f"实际完成值 {fmt(actual.value)}，{self._relation(actual.value, reference, '')}"
            return Distance(self._gap(actual.value, reference), actual.value, "个百分点", how)
        if not same_unit(actual.unit, target.unit) or target.value <= 0:
            return f"实际完成值 {actual.describe()} 与指标值 {target.describe()} 单位不同或不可比，无法按百分点扣分"
        if self.unit == "%" and not self.on_completion:
            return (f"“每…{fmt(self.step)}%”未说明是目标值的{fmt(self.step)}%，而实际完成值 {actual.describe()} "
                    "是数量而非百分比，无法确定如何扣分")  # fmt: skip
        if self.reference is not None and self.reference != HUNDRED:
            return (f"评分标准的标准值 {fmt(self.reference)}% 是比率，而实际完成值 {actual.describe()} 是数量，"
                    "无法确定如何扣分")  # fmt: skip
        share = actual.value / target.value * HUNDRED
        how = (f"完成比例 = {show(actual.value, actual.unit)} ÷ {show(target.value, target.unit)} = {fmt(share)}%，"
               f"{self._relation(share, HUNDRED, '%')}")  # fmt: skip
        return Distance(self._gap(share, HUNDRED), share, "个百分点", how)

    # --- steps in another unit ---------------------------------------------------------------

    def _stated(self, actual: Quantity) -> tuple[Decimal, str] | None:
        """An actual that repeats the step's word states the distance: "滞后2年", "缺少1项"."""
        if actual.value is not None or not self.word:
            return None
        rule_text = str(getattr(self, "text", None) or "")
        if found := missing_named(actual.text, rule_text) or all_missing(actual.text, rule_text):
            return found  # counts family (s8): "封面缺少评价类型、评价日期2项", "封面五项要素全部缺少"
        kind = word_kind(self.word) or frozenset({self.word})
        words = "|".join(sorted(kind, key=len, reverse=True))
        # s8 fix round: with the elements listed in the text, only "缺少2项" itself; names are checked above
        between = "" if listed(rule_text) else r"[^\d,;。，；]{0,6}?"
        match = re.match(rf"^(?:{words}){between}(\d+(?:\.\d+)?)([^\d,;。，；]*)$", actual.text.strip())
        if match is None and listed(rule_text):
            return None
        if match is None:  # counts family: "缺卫生许可证、组织机构代码证2项", the things missing named, as many as said
            match = re.match(rf"^((?:{words})[^\d,;。，；]+?)(\d+)([^\d,;。，；]*)$", actual.text.strip())
            if match is None or listed_against(match.group(1), int(match.group(2))) is not None:
                return None
            if named_items(match.group(1)) is None and named_items(match.group(1), joined_too=False) is None:
                return None
            return Decimal(match.group(2)), match.group(3)
        return Decimal(match.group(1)), match.group(2)

    def _in_unit(self, inputs: Inputs) -> Distance | str:
        actual = inputs.actual
        assert actual is not None and self.unit is not None
        unit = self.unit
        stated = self._stated(actual)
        if stated is not None:
            return self._from_stated(inputs, *stated)
        if actual.value is None:
            return f"实际完成值“{actual.text}”不是数量，无法按“每{fmt(self.step)}{unit}”扣分"
        target_unit = inputs.target.unit if inputs.target is not None else None
        if actual.unit and not in_step_unit(actual.unit, unit, target_unit, self.per):
            return f"扣分步长以“{unit}”计，而实际完成值 {actual.describe()} 以“{actual.unit}”计，不能换算"
        value = actual.value
        shown = f"实际 {show(value, unit)}"
        if self.per is not None:
            shown += f"（评分标准写明按每{self.per}计，{unit}/{self.per} 即步长的单位“{unit}”）"
        reference = self._unit_reference(inputs.target, unit, actual.unit)
        if isinstance(reference, str):
            return reference
        if reference is None or (self.from_zero and reference <= 0):
            how = f"{shown}，即{self.word or ''} {show(value, unit)}（从零计）"
            return Distance(max(value, ZERO), value, unit, how)
        if self.direction is Direction.BELOW and reference <= 0:
            return f"标准值为 {fmt(reference)}{unit}，“每{self.word or '低于'}”无从扣起，无法计算扣分"
        return Distance(self._gap(value, reference), value, unit, f"{shown}，{self._relation(value, reference, unit)}")

    def _unit_reference(self, target: Quantity | None, unit: str, actual_unit: str) -> Decimal | str | None:
        """The text's number or the target in the step's unit; None when neither is given and the step
        counts from zero; a Chinese reason when they disagree or neither is given."""
        target_value: Decimal | None = None
        if target is not None and target.value is not None:
            if target.unit and not in_step_unit(target.unit, unit, actual_unit, self.per):
                return f"指标值 {target.describe()} 与扣分步长的单位“{unit}”不同，无法确定从哪个值起扣"
            target_value = target.value
        if self.from_zero and self.reference is None and target_value is None and not self.on_completion:
            return None
        return self._text_or_target(target_value, target.describe() if target else "")

    def _from_stated(self, inputs: Inputs, number: Decimal, written: str) -> Distance | str:
        """ "滞后2年" for "每滞后一年": the distance is written; the value only where a reference gives it."""
        actual, unit = inputs.actual, self.unit or ""
        assert actual is not None
        if written and not same_unit(written, unit):
            return f"实际“{actual.text}”以“{written}”计，而扣分步长以“{unit}”计，无法换算"
        how = f"实际“{actual.text}”，即{self.word} {show(number, unit)}"
        reference = self._unit_reference(inputs.target, unit, written or unit)
        if reference is None or (self.from_zero and not isinstance(reference, str) and reference <= 0):
            return Distance(number, number, unit, how)
        if isinstance(reference, str) or self.direction is Direction.BOTH:
            if self.zero_beyond is not None:
                return f"实际“{actual.text}”只写了相差多少，无法判断是否达到不得分的界限"
            return Distance(number, None, unit, how)
        value = reference - number if self.direction is Direction.BELOW else reference + number
        return Distance(number, value, unit, how)
