"""The plan and what was done, both written in one actual or explanation ("计划200人，实际服务210人"): the plan is
the target and what was done the actual (numbers family, split from ``actual_text`` in s9).

- Each number is labelled by its clause: a plan word (应, 计划, 下达, 目标, 任务, 预算, 要求) or a done word (实际,
  实到, 完成, 已, 共, 累计). A plan word after a completion verb is the thing completed, not the plan: "超额完成职能
  目标1项", "完成年度任务3项" are done counts, unless said to be due ("应完成任务120人": s9 fix). "实" in the
  noun 实事 ("为民办实事2项") is no done word (s9 fix).
- Exactly one plan and one done number, in one unit, and no third number in that unit; counts in 人 and 人次 never
  pair; a bound or an approximation in the unit gives no ratio.
- A time taken (工期, 完工, 用时, 历时, 办结…: s9 fix) is better the shorter it is: its ratio to the plan is no
  completion rate. When the time taken is within the planned time and the rule scores full marks for finishing
  within the planned time ("在计划时间内完成的,得满分"), the score is full; any other time pair is refused.
"""

from __future__ import annotations

import dataclasses
import re

from medaid.evaluation.named_values import labelled_pair
from medaid.evaluation.note_bounds import counted_alike, note_bound
from medaid.evaluation.numbers import HUNDRED, fmt
from medaid.evaluation.quantity import Comparator, Quantity, parse_quantity, units_compatible
from medaid.evaluation.rules import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.expressions import Expression

UNITS = (
    r"%|‰|[万亿千]?(?:人次|人|户|家|元|公斤|亩|公顷|吨|株|公里)"
    r"|项|天|个月|例|处|次|名|所|个|件|场|期|座|套|台|间|张|份|岁"
)
VALUE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)({UNITS})")
CHANGE_BEFORE = re.compile(
    r"(?:提高|增加|增长|下降|减少|降低|上升|提升|高出|超出|超过|低于|高于|相差|差|增幅|降幅|同比|环比|较上年|比上年|多|少)"
    r"(?:了|约)?$"
)
# s9: a plan word inside a noun is no plan (计划生育, 应急, 供应, 相应)
_PLAN = re.compile(r"(?<![供相响适反对效感呼答回])应(?![急用])|计划(?!生育|单列)|下达|目标|任务|预算|要求")
# s9 fix: "实" of a done count (实到, 实检, 落实, 实施), not the noun 实事 ("为民办实事2项": a thing, not done)
_DONE = re.compile(r"实际|实(?!事)|完成|已|共|累计")
# s9 fix: a plan word right after a completion verb names what was completed ("超额完成职能目标1项")
_SHOULD = re.compile(r"应|要求|需|须|拟|将|计划|力争|确保|争取|下达|目标|任务|预计|预期|保证")
_COMPLETED_PLAN = re.compile(r"(?:完成|实现|达成|落实|兑现)[\u4e00-\u9fa5]{0,8}?(?:目标|任务|计划)")
# s9 fix: a time taken; shorter is better, so done ÷ plan is no completion rate
# s9: the text's percentage is the share of a plan done ("完成分配任务95%以上", "任务完成率", "完成计划的90%")
_PLAN_SHARE = re.compile(
    r"完成[\u4e00-\u9fa5]{0,8}?(?:任务|计划|目标)[\u4e00-\u9fa5]{0,2}?\d+(?:\.\d+)?%|(?:任务|计划|目标)完成率"
)
_OTHER_PERIOD = re.compile(r"上年|去年|前年|往年|上一年|同期|以前年度|历年")
_TIME_UNITS = ("天", "个月", "日", "年", "周", "小时", "个工作日", "工作日")
_TIME_TAKEN = re.compile(r"工期|完工|竣工|用时|耗时|历时|办结|建成|交付|完成时间|周期|时限|期限|提前|延期|逾期|超期")
# "实际2个月完成": a time taken by its verb
_TAKEN_AFTER = re.compile(r"(?:天|个月|日|年|周|小时|工作日)(?:内|之内)?(?:完成|完工|建成|办结|竣工|结束)")
_RULE_ON_TIME = re.compile(r"时间|进度|工期|时限|期限|按期|按时|提前|延期|逾期|超期|如期")  # a rule on time taken
_WITHIN_PLAN = re.compile(r"(?:计划|规定|合同|约定)(?:的)?(?:时间|工期|期限|时限|日期)(?:内|之内|以内)")


def completed_plan(clause: str) -> bool:
    """s9 fix: whether a plan word in the clause names what was completed ("完成计划建设内容的", "超额完成职能目标"),
    not what should be ("应完成任务", "要求完成目标", "力争完成计划")."""
    found = _COMPLETED_PLAN.search(clause)
    return found is not None and not _SHOULD.search(clause[: found.start()])


def _number(match: re.Match[str]) -> Quantity | None:
    number, unit = match.group(1), match.group(2)
    return None if unit == "‰" else parse_quantity(f"{number}{unit}")  # a per-mille value pairs with nothing


def read_pair(text: str) -> tuple[Quantity, Quantity, str] | None:
    """ "计划200人，实际服务210人", "应检测60户次，实检测55户次", "省下达减贫人口1200人，净完成1140人": the plan and
    what was done, each labelled, in one unit, and no other number in that unit; None otherwise."""
    found: list[tuple[Quantity, str, str]] = []
    for match in VALUE.finditer(text):
        quantity = _number(match)
        if quantity is None or quantity.value is None or quantity.unit == "%":
            continue
        before = text[: match.start()]
        clause = re.split(r"[,，;；。:：、]", before)[-1]
        whole = re.split(r"[,，;；。:：]", before)[-1]  # the clause with its list (完成市委、市政府…)
        planned = bool(_PLAN.search(clause)) and not completed_plan(whole)
        label = "plan" if planned else "done" if _DONE.search(clause) or completed_plan(whole) else ""
        if CHANGE_BEFORE.search(before):
            label = "change"
        found.append((quantity, label, clause + match.group(0)))
    plans = [f for f in found if f[1] == "plan"]
    done = [f for f in found if f[1] == "done"]
    if len(plans) != 1 or len(done) != 1:
        return None
    if _OTHER_PERIOD.search(text):
        return None  # round-2 review: "上年度项目计划工期10个月，实际9个月": another year's figures
    plan, actual = plans[0][0], done[0][0]
    if not units_compatible(plan, actual) or not plan.unit or not actual.unit:
        return None
    if any(f[1] not in ("plan", "done") and units_compatible(f[0], plan) for f in found):
        return None  # "应报12次，实报11次，其中迟报2次": a third number in the unit
    return plan, actual, f"{plans[0][2]}，{done[0][2]}"


def paired(rule: Rule, inputs: Inputs, text: str, source: str) -> Outcome | None:
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
    if (timed := _time_taken(rule, inputs, text, plan, actual, f"{source}“{words}”")) is not None:  # s9 fix
        return timed
    target = inputs.target
    if target is not None and target.value is not None:
        if target.is_percent:
            if target.comparator in (Comparator.LE, Comparator.LT):
                return None
            if target.value != 100:  # s9: "完成分配任务95%以上": the share of the plan against the target
                return _share_of_plan(rule, inputs, plan, actual, f"{source}“{words}”")
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


def _share_of_plan(rule: Rule, inputs: Inputs, plan: Quantity, actual: Quantity, said: str) -> Outcome | None:
    """s9: a percentage target the text says is a share of the plan ("早稻完成分配任务95%以上的记12分", "任务完成率
    90%以上"): the done share of the plan is the actual. None when the text's percentage is another rate."""
    if not _PLAN_SHARE.search(simplified(rule.text or "")) or not plan.value or plan.value <= 0:
        return None
    assert actual.value is not None
    share = actual.value / plan.value * HUNDRED
    done = Quantity(text=f"{fmt(share)}%", value=share, unit="%")
    outcome = rule.apply(dataclasses.replace(inputs, actual=done))
    if outcome.score is None:
        return None
    how = (f"实际完成值取自{said}：完成比例 = {actual.describe()} ÷ {plan.describe()} = {fmt(share)}%"
           "（评分标准的百分比是完成计划任务的比例）")  # fmt: skip
    return dataclasses.replace(outcome, reason=f"{how}；{outcome.reason}")


def _time_taken(rule: Rule, inputs: Inputs, text: str, plan: Quantity, actual: Quantity, said: str) -> Outcome | None:
    """s9 fix: a planned and an actual time taken ("计划工期10个月，实际9个月完工"): full marks when within the plan and
    the rule gives full marks for that; otherwise refused (the shorter the better: no completion rate). None when
    the pair is not a time taken."""
    rule_text = simplified(rule.text or "")
    if plan.unit not in _TIME_UNITS or not (
        _TIME_TAKEN.search(text) or _TAKEN_AFTER.search(text) or _RULE_ON_TIME.search(rule_text)
    ):
        return None
    assert plan.value is not None and actual.value is not None
    full_when = [str(c) for c in getattr(rule, "full_when", ()) if _WITHIN_PLAN.search(str(c))]
    full = rule.full_marks() or inputs.weight
    caveat = re.search(r"但|尚未|暂未|未|没有", text)  # "…，但尚未验收": something said not done (round-2 review)
    if actual.value <= plan.value and len(full_when) == 1 and full <= inputs.weight and caveat is None:
        return Outcome(full, f"{said}：实际用时 {actual.describe()} 未超过计划 {plan.describe()}，即评分标准"
                             f"“{full_when[0]}”得满分的情形，得满分 {fmt(full)} 分")  # fmt: skip
    return Outcome(None, f"{said}是计划与实际用时（工期），用时越短越好，不能按“实际 ÷ 计划”的完成比例计分；"
                         "请写明是否在计划时间内完成，或超出计划时间多少")  # fmt: skip


# numbers family (session 7): a pair of counts where one is a bound or an approximation ("计划200人，实际服务190人以上",
# "实际服务约190人", "不足190人") gives no ratio: the words of the first such number in the plan's unit, else None.
def _pair_bound(text: str, plan: Quantity) -> str | None:
    for match in VALUE.finditer(text):
        quantity = _number(match)
        if quantity is None or quantity.value is None or not units_compatible(quantity, plan):
            continue
        if (bound := note_bound(text, match.start(), match.end())) is not None:
            return bound
    return None
