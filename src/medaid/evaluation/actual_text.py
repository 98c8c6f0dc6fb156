"""Actuals read from the written explanation (扣分说明, 评分说明, 偏差原因) when a table has no actual.

"实际救助参保人数12987人，救助率96.2%" gives 96.2% to a rule on a percentage and 12987人 to a target in 人.
A value is read only when the explanation states exactly one value of the kind the rule needs:

- the kind is the target's unit (万元 and 元 convert; 人, 人次 and 名 count alike), or a percentage (or ‰)
  when the target has no unit and the rule looks at a percentage (rate × weight, bands, a formula on a
  rate, or a text written in percentages);
- a value written as a change ("提高2%", "低于目标5%") or as a target ("目标95%", "计划完成1200人", "下达任务
  1200人") is not a candidate;
- a labelled rate ("救助率96.2%") must be the rate the rule names, when the rule names one ("知晓率" is not
  "到位率");
- several distinct candidates, or none, read nothing: the rule then says what is missing.

The reason of the score says that the actual was read from the explanation, and from which words.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.bounded_actuals import bounded_actual  # numbers family (session 7)
from medaid.evaluation.named_values import labelled_pair
from medaid.evaluation.note_bounds import (  # numbers family (session 7; s8 fix: included_reference, note_denial)
    counted_alike,
    included_reference,
    note_bound,
    note_denial,
    note_reference,
)
from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, parse_quantity, units_compatible
from medaid.evaluation.rules import Banded, Formula, FormulaValue, Inputs, Outcome, RateTimesWeight, Rule
from medaid.evaluation.rules.bonus import Reference, StepBonus, signed_change
from medaid.evaluation.rules.expressions import Expression

_UNITS = (
    r"%|‰|[万亿千]?(?:人次|人|户|家|元|公斤|亩|公顷|吨|株|公里)"
    r"|项|天|个月|例|处|次|名|所|个|件|场|期|座|套|台|间|张|份|岁"
)
_VALUE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)({_UNITS})")
_CHANGE_BEFORE = re.compile(
    r"(?:提高|增加|增长|下降|减少|降低|上升|提升|高出|超出|超过|低于|高于|相差|差|增幅|降幅|同比|环比|较上年|比上年|多|少)"
    r"(?:了|约)?$"
)
_TARGET_WORDS = re.compile(r"目标|指标值|计划|下达|要求|标准|任务数|预期")
_RATE = re.compile(r"([\u4e00-\u9fa5]{0,8}?(?:率|度))(?:为|是|达|达到|约)?$")


@dataclass(frozen=True)
class NoteReading:
    """What was read from an explanation: the actual (None when none could be read) and why."""

    actual: Quantity | None
    reason: str


def _wanted(target: Quantity | None, rule: Rule) -> str | None:
    """The unit the actual must be in: the target's, else the rule's percentage; None when unknown."""
    if target is not None and target.value is not None and target.unit:
        return target.unit
    if isinstance(rule, Formula) and rule.value is FormulaValue.RATE:
        return rule.unit
    if isinstance(rule, RateTimesWeight | Banded):  # weight × a percentage; bands in percentage points
        return "%"
    if isinstance(rule, Expression) and rule.value_kind in ("rate", "completion"):  # formulas family
        return "%"  # "得分=70×实际达标率-63": a named rate
    text = rule.text or ""
    if "‰" in text:
        return "‰"
    if "%" in text or (target is not None and target.text.strip().endswith("%")):
        return "%"
    return None


def _quantity(number: str, unit: str) -> Quantity | None:
    if unit == "‰":
        return Quantity(text=f"{number}‰", value=Decimal(number), unit="‰")
    return parse_quantity(f"{number}{unit}")


def _fits(quantity: Quantity, wanted: str) -> bool:
    if not quantity.unit:
        return False
    if wanted in ("%", "‰") or quantity.unit in ("%", "‰"):
        return quantity.unit == wanted
    return units_compatible(Quantity(text="", value=Decimal(1), unit=wanted), quantity)


def _same_rate(label: str, named: list[str]) -> bool:
    """ "预算完成率" is the rule's "完成率"; "到位率" is not its "知晓率"."""
    return not named or any(label[-2:] == name[-2:] for name in named)


def read_actual(note: str | None, target: Quantity | None, rule: Rule) -> NoteReading | None:
    """The one value of the needed kind the explanation states; None when there is no explanation."""
    if not note or not note.strip():
        return None
    shown = note.strip()
    if isinstance(rule, StepBonus) and rule.reference is Reference.CHANGE and signed_change(Quantity(text=shown)):
        return NoteReading(Quantity(text=shown), f"实际变化取自说明“{shown}”")
    wanted = _wanted(target, rule)
    if wanted is None:
        return NoteReading(None, f"说明“{shown}”中的数值无法确定对应哪一项（指标值未写单位），未从说明读取实际值")
    named = re.findall(r"[\u4e00-\u9fa5]{1,8}?(?:率|度)", rule.text or "") if wanted in ("%", "‰") else []
    candidates: dict[tuple[Decimal, str], str] = {}
    bounds: list[str] = []  # numbers family (session 7): bounds and approximations, never the actual
    references: list[str] = []  # numbers family (session 7): another year's, a wider area's, a part's value
    denials: list[str] = []  # numbers family (s8 fix): a number denied done or a shortfall, never the actual
    mixed: list[str] = []  # numbers family (s8 fix): another year's part inside the value ("含上年结转1个")
    for match in _VALUE.finditer(shown):
        quantity = _quantity(match.group(1), match.group(2))
        if quantity is None or quantity.value is None or not _fits(quantity, wanted):
            continue
        before = shown[: match.start()]
        clause = re.split(r"[,，;；。:：、]", before)[-1]
        if _CHANGE_BEFORE.search(before):
            continue
        if (bound := note_bound(shown, match.start(), match.end())) is not None:  # numbers family (session 7)
            bounds.append(bound)
            continue
        if (carried := included_reference(clause)) is not None:  # numbers family (s8 fix): "（含上年结转1个）"
            mixed.append(carried.lstrip("(（") + match.group(0))
        if note_reference(clause) is not None:  # numbers family (session 7): "上年真实率90%"
            references.append(clause + match.group(0))
            continue
        if (denied := note_denial(shown, match.start(), match.end())) is not None:  # numbers family (s8 fix)
            denials.append(denied)  # "未完成40人", "未达到规定数的92%": not what was done
            continue
        if not _same_count(quantity.unit, wanted):  # numbers family (session 7): 人次 is not 人
            continue
        if _TARGET_WORDS.search(clause):
            if target is not None and target.value is not None and target.unit and quantity.value != target.value:
                return NoteReading(None, f"说明中的“{clause}{match.group(0)}”与指标值 {target.describe()} 不同，"
                                         "未从说明读取实际值")  # fmt: skip
            continue
        label = _RATE.search(clause)
        if label and wanted in ("%", "‰") and not _same_rate(label.group(1), named):
            continue
        if label and wanted in ("%", "‰") and not _named_rate(label.group(1), named):  # numbers family (session 7)
            continue
        candidates.setdefault((quantity.value, quantity.unit), clause + match.group(0))
    if mixed:  # numbers family (s8 fix): the value mixes this year's with an earlier year's
        return NoteReading(None, f"说明“{shown}”中的数值含有“{'”“'.join(mixed)}”（上年或以前的部分），"
                                 "不是本期的实际完成值，未从说明读取；请写明本期确切的实际完成值")  # fmt: skip
    kind = "百分比" if wanted == "%" else f"以“{wanted}”计的数值"
    if len(candidates) == 1:
        ((value, unit), words), *_ = candidates.items()
        actual = Quantity(text=f"{value}{unit}", value=value, unit=unit)
        return NoteReading(actual, f"实际完成值取自说明“{words}”：{actual.describe()}")
    if not candidates and references and not bounds:  # numbers family (session 7): only references
        return NoteReading(None, f"说明“{shown}”中的“{'”“'.join(references)}”是上年、同期、上级平均或其中一部分的数值，"
                                 "不是本期的实际完成值，未从说明读取；请写明本期确切的实际完成值")  # fmt: skip
    if not candidates and bounds:  # numbers family (session 7): only a bound or an approximation
        return NoteReading(None, f"说明“{shown}”中的“{'”“'.join(bounds)}”是界限或约数，不是实际完成值，未从说明读取；"
                                 "请写明确切的实际完成值")  # fmt: skip
    if not candidates and denials:  # numbers family (s8 fix): only numbers denied done or shortfalls
        return NoteReading(None, f"说明“{shown}”中的“{'”“'.join(denials)}”是未完成（未达到）或欠缺的数量，"
                                 "不是实际完成值，未从说明读取；请写明确切的实际完成值")  # fmt: skip
    if not candidates:
        return NoteReading(None, f"说明“{shown}”中没有{kind}形式的实际完成值，未从说明读取")
    listed = "、".join(w for w in candidates.values())
    return NoteReading(None, f"说明“{shown}”中有多个{kind}（{listed}），无法确定哪一个是实际完成值，未从说明读取")


# A number the text labels as the plan, or as what was done ("计划200人，实际服务210人").
_PLAN = re.compile(r"应|计划|下达|目标|任务|预算|要求")
_DONE = re.compile(r"实际|实|完成|已|共|累计")


def read_pair(text: str) -> tuple[Quantity, Quantity, str] | None:
    """ "计划200人，实际服务210人", "应检测60户次，实检测55户次", "省下达减贫人口1200人，净完成1140人": the plan and
    what was done, each labelled, in one unit, and no other number in that unit; None otherwise."""
    found: list[tuple[Quantity, str, str]] = []
    for match in _VALUE.finditer(text):
        quantity = _quantity(match.group(1), match.group(2))
        if quantity is None or quantity.value is None or quantity.unit in ("%", "‰"):
            continue
        before = text[: match.start()]
        clause = re.split(r"[,，;；。:：、]", before)[-1]
        label = "plan" if _PLAN.search(clause) else "done" if _DONE.search(clause) else ""
        if _CHANGE_BEFORE.search(before):
            label = "change"
        found.append((quantity, label, clause + match.group(0)))
    plans = [f for f in found if f[1] == "plan"]
    done = [f for f in found if f[1] == "done"]
    if len(plans) != 1 or len(done) != 1:
        return None
    plan, actual = plans[0][0], done[0][0]
    if not units_compatible(plan, actual) or not plan.unit or not actual.unit:
        return None
    if any(f[1] not in ("plan", "done") and units_compatible(f[0], plan) for f in found):
        return None  # "应报12次，实报11次，其中迟报2次": a third number in the unit
    return plan, actual, f"{plans[0][2]}，{done[0][2]}"


def _paired(rule: Rule, inputs: Inputs, text: str, source: str) -> Outcome | None:
    """The outcome with the plan as the target and what was done as the actual, when the text states both and
    the plan agrees with the target (or there is none, or the target is 100 %: completing the plan)."""
    pair = read_pair(text)
    named = None
    if isinstance(rule, Expression) and rule.plan_named:  # formulas family: the formula's own names label them
        named = labelled_pair(text, rule.actual_named, rule.plan_named)
        pair = named or pair
    if pair is None:
        return None
    plan, actual, words = pair
    unit = re.escape(plan.unit)  # "计划200户，实际服务190户次": one count in 户, one in 户次
    mixed = bool(re.search(rf"\d{unit}次", text)) and bool(re.search(rf"\d{unit}(?!次)", text))
    if mixed or not counted_alike(plan.unit, actual.unit):  # numbers family (session 7): "计划200人，实际服务190人次"
        return Outcome(None, f"{source}“{text.strip()}”中计划数 {plan.describe()} 与实际数 {actual.describe()} "
                             "的单位不同（人次不是人数），未从中读取实际值；请按同一单位写明两数")  # fmt: skip
    if (bounded := _pair_bound(text, plan)) is not None:  # numbers family (session 7): "实际服务约190人"
        return Outcome(None, f"{source}“{text.strip()}”中的“{bounded}”是界限或约数，不是确切的数量，未从中读取实际值；"
                             "请写明确切的计划数和实际数")  # fmt: skip
    target = inputs.target
    if target is not None and target.value is not None:
        if target.is_percent:
            if target.value != 100 or target.comparator in (Comparator.LE, Comparator.LT):
                return None
        elif not units_compatible(target, plan) or target.value != plan.value:
            return Outcome(None, f"{source}“{words}”中的计划数 {plan.describe()} 与指标值 {target.describe()} 不同，"
                                 "未从中读取实际值")  # fmt: skip
    outcome = rule.apply(dataclasses.replace(inputs, target=plan, actual=actual))
    how = f"实际完成值取自{source}“{words}”：计划 {plan.describe()}（作指标值），实际 {actual.describe()}"
    if outcome.score is None and named is not None:  # the formula's own names read both: its refusal says why
        return dataclasses.replace(outcome, reason=f"{how}；{outcome.reason}")
    if outcome.score is None:
        return None
    return dataclasses.replace(outcome, reason=f"{how}；{outcome.reason}")


def apply_rule(rule: Rule, inputs: Inputs) -> Outcome:
    """The rule's outcome; when the actual is missing and the rule cannot score without it, it is read from
    the explanation, and the reason says so (or says why nothing could be read). An actual or explanation that
    states the plan and what was done ("计划200人，实际服务210人") gives both, when the plan agrees with the
    target."""
    start = rule.full_marks()
    if rule.deducts_from_start and start is not None and start > inputs.weight and not inputs.bonus_allowed:
        return Outcome(None, f"评分标准写明从 {fmt(start)} 分起扣，超过本行分值 {fmt(inputs.weight)} 分，"
                             "无法确定从哪个分数起扣；请核对分值或评分标准后重新计分")  # fmt: skip
    if (bounded := bounded_actual(rule, inputs)) is not None:  # numbers family (session 7): "95%以上", "约88%"
        return outside_weight(bounded, inputs) or bounded
    outcome = rule.apply(inputs)
    if outcome.score is not None:
        return outside_weight(outcome, inputs) or outcome
    if inputs.actual is not None and inputs.actual.value is None:  # the plan and what was done as the actual
        return _paired(rule, inputs, inputs.actual.text, "实际完成情况") or outcome
    if inputs.actual is not None or outcome.needs_judgement:
        return outcome  # the rule has what it needs, or leaves the score to a person (checklists)
    reading = read_actual(inputs.note, inputs.target, rule)
    if reading is None:
        return outcome
    if reading.actual is not None:
        outcome = rule.apply(dataclasses.replace(inputs, actual=reading.actual))
        outcome = outside_weight(outcome, inputs) or outcome
    elif inputs.note and (paired := _paired(rule, inputs, inputs.note, "说明")) is not None:
        return paired
    return dataclasses.replace(outcome, reason=f"{reading.reason}；{outcome.reason}")


def outside_weight(outcome: Outcome, inputs: Inputs) -> Outcome | None:
    """A refusal in place of a score below 0 or above the weight where the framework allows no scores beyond
    the weights: a reading that gives one has misread its text (a score is never clamped into range silently)."""
    score = outcome.score
    if score is None or inputs.bonus_allowed or ZERO <= score <= inputs.weight:
        return None
    if outcome.below_zero and score < ZERO:  # counts family (session 6): the text allows it ("扣完得负分")
        return None
    where = "低于 0 分" if score < ZERO else f"超过本行分值 {fmt(inputs.weight)} 分"
    return Outcome(None, f"按此读法得分为 {fmt(score)} 分，{where}，而本评价不允许得分超出分值范围：读法有误，"
                         f"未计分；请由评价人员按评分标准计分（读法：{outcome.reason}）")  # fmt: skip


# numbers family (session 7): a pair of counts where one is a bound or an approximation ("计划200人，实际服务190人以上",
# "实际服务约190人", "不足190人") gives no ratio: the words of the first such number in the plan's unit, else None.
def _pair_bound(text: str, plan: Quantity) -> str | None:
    for match in _VALUE.finditer(text):
        quantity = _quantity(match.group(1), match.group(2))
        if quantity is None or quantity.value is None or not units_compatible(quantity, plan):
            continue
        if (bound := note_bound(text, match.start(), match.end())) is not None:
            return bound
    return None


# numbers family (session 7): a count in 人次 is not one in 人 (nor 户次 one in 户), though units_compatible lets them
# convert; a percentage or an unknown unit is left to _fits.
def _same_count(unit: str, wanted: str) -> bool:
    return unit in ("%", "‰") or wanted in ("%", "‰") or counted_alike(unit, wanted)


# numbers family (session 7): a labelled rate is the rule's rate only when its name ends with that rate's name (or
# the rule's name ends with the label), not negated: "核实率" is not "真实率" (same last two characters), "不合格率"
# is not "合格率"; "预算完成率" is the rule's "完成率".
def _named_rate(label: str, named: list[str]) -> bool:
    if not named:
        return True
    for name in named:
        longer, shorter = (name, label) if len(name) >= len(label) else (label, name)
        if longer.endswith(shorter) and not longer[: len(longer) - len(shorter)].endswith(("不", "非", "未", "无")):
            return True
    return False
