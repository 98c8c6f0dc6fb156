"""The actual of a completion rule read from how evaluators write it in the 扣分说明 (formulas family, session 6
round 2), before the general reading of ``actual_text`` (which these rules reach only when they refuse).

How evaluators write a completion, and how each is read:
- a share of the plan: "完成1140人，占计划的95%", "备案完成量为年度任务的87.6%", "完成年度目标的92%", "实际支出占
  预算的85%" — (占/为/是/完成/达到/达) + an optional scope (年度/全年/本年/当年/上级下达的…) + 计划/任务/目标/预算
  (+ 任务/数/值/量) + 的 + N%. It is the completion ratio itself (actual ÷ plan): the actual of a rule on
  completion (按完成比例, 完成率×分值, 实际值/目标值×分值, 预算执行率) when the row's target is a percentage or
  absent; a target in a unit (1200人) is left to the general reading, which compares the count.
- a change against the plan, the target or last year: "比目标低5%", "较计划少3个百分点", "比上年提高2%" — never the
  actual; taken out before the general reading looks for the one value ("实际完成90%，比目标低5%" is 90%).
- a rate written as its two counts: "抽查20户，合格17户" (合格率), "调查100人，知晓92人" (知晓率), "发放问卷200份，满意
  180份" (满意率): the whole labelled by a word of checking or of the total (抽查/检查/调查/核查/抽取/随访/发放/共/
  总/合计), the part by the rate's own word (its name without 率/度, last two characters: 合格, 知晓, 满意); one of
  each, in one unit, the part not above the whole, and no other number in that unit and no percentage in the note.
  Read as part ÷ whole for a rule on that rate (a formula on a rate, rate × weight).
Two shares, or a share and another percentage of a different value, are refused (the reason lists them).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.wording import BOUND_AFTER_NUMBER

_NUM = r"\d+(?:\.\d+)?"
_PLAN = r"(?:计划|任务|目标|预算)(?:任务|数|值|量|总量|总数)?"
_SCOPE = r"(?:年度|全年|本年|当年|今年|(?:省|市|县|区|上级)?下达(?:的)?)?"
_SHARE = re.compile(rf"(?:占|为|是|完成|完成了|达到|达到了|达)(?:了)?{_SCOPE}{_PLAN}的(?P<n>{_NUM})%")
_CHANGE = re.compile(
    rf"[,;]?(?:比|较)(?:{_SCOPE}{_PLAN}|指标值|上年|去年|上一年|同期)(?:同期)?"
    rf"(?:提高|增加|增长|上升|提升|高出|超出|高|多|下降|减少|降低|低|少|差)了?(?:约)?{_NUM}(?:%|个百分点)"
)
_PERCENT = re.compile(rf"(?<![\d.])({_NUM})%")


# A bound or an approximation beside a number ("95%以上", "17户以上", "约95%", "超过17户", "95%左右") says the
# value is somewhere beyond it, not what it is: never taken as the actual (the note must state the value).
_BOUND_BEFORE = re.compile(
    r"(?:约|大约|近|将近|接近|超过|超出|逾|不足|不到|不少于|不低于|不超过|不高于|至少|最多|达到?|高于|低于)$"
)


def _bounded(note: str, start: int, end: int) -> str | None:
    """The bound word around the number at note[start:end] (before "约", after "以上"), or None."""
    after = BOUND_AFTER_NUMBER.match(note[end:])
    if after:
        return after.group(0)
    before = _BOUND_BEFORE.search(note[max(0, start - 3) : start])
    if before and before.group(0) not in ("达", "达到"):
        return before.group(0)
    return None


def _read(note: str) -> tuple[Quantity, str] | str | None:
    """The share of the plan the note states, why it cannot be taken, or None when it states none."""
    shares = list(_SHARE.finditer(note))
    if not shares:
        return None
    for m in shares:
        word = _bounded(note, m.start("n"), m.end())
        if word is not None:
            return (
                f"说明“{note}”中“{m.group(0)}”带“{word}”，是一个界限（或约数），不是完成比例，未从说明读取；"
                "请填写确切的完成比例"
            )
    values = {Decimal(m.group("n")) for m in shares}
    taken = {(m.start("n"), m.end("n")) for m in shares}
    others = {Decimal(m.group(1)) for m in _PERCENT.finditer(note) if (m.start(1), m.end(1)) not in taken}
    if len(values | others) > 1:
        listed = "、".join(f"{fmt(v)}%" for v in sorted(values | others))
        return f"说明“{note}”中有多个百分比（{listed}），无法确定哪一个是完成比例，未从说明读取"
    value = values.pop()
    return Quantity(text=f"{fmt(value)}%", value=value, unit="%"), shares[0].group(0)


_COUNTED = re.compile(rf"(?<![\d.])({_NUM})(人次|户次|人|户|份|家|所|个|件|项|次|例|处|株|名|户数)")
_NOT = "不未非无没"
_WHOLE = re.compile(r"抽查|检查|调查|核查|抽取|随访|发放|回收|走访|共|总|合计")
# A graded word before the rate's own word names another grade of the result ("基本合格", "较满意", "比较满意",
# "部分知晓", "初步合格"): inspection results are written 合格/基本合格/不合格, satisfaction 满意/较满意/基本满意/
# 不满意, so such a count is not a count of the rate's word; the note is refused rather than read.
_GRADED = re.compile(r"(?:基本上?|较为?|比较|大致|大体|初步|部分|大部分?|一般|尚|欠|非常|很|十分|完全)$")


class CountRefusal(Exception):
    """A count in the note that looks like the rate's part but is a bound or another grade (the reason)."""


def counted_rate(note: str, text: str) -> tuple[Quantity, str] | None:
    """The rate the rule names, from its part and whole counted in the note (module docstring); None otherwise."""
    if "%" in note or "‰" in note:
        return None
    names = set(re.findall(r"([\u4e00-\u9fa5]{2,8}?)(?:率|度)", text))
    if len(names) != 1:
        return None  # no rate, or two rates named
    name = names.pop()
    stem = name[-2:]
    negated = name[-3:-2] if len(name) > 2 and name[-3] in _NOT else ""
    found = []
    for match in _COUNTED.finditer(note):
        label = re.split(r"[,;。:]", note[: match.start()])[-1]
        at = label.find(stem)
        if at >= 0 and _GRADED.search(label[:at]):
            raise CountRefusal(
                f"说明“{note}”中“{label + match.group(0)}”是“{label[:at]}{stem}”这一等级的数量，不是“{stem}”的数量"
                f"（{stem}与{label[:at]}{stem}是不同的等级），无法计算{name}率；请填写{stem}的数量或{name}率"
            )
        word = _bounded(note, match.start(1), match.end())
        if word is not None:
            raise CountRefusal(
                f"说明“{note}”中“{label + match.group(0)}”带“{word}”，是一个界限（或约数），不是确切数量，"
                f"无法计算{name}率；请填写确切的数量或{name}率"
            )
        # "不合格3户" is not a count of 合格 (and "合格17户" not one of 不合格)
        own = at >= 0 and (label[at - 1 : at] if at > 0 and label[at - 1] in _NOT else "") == negated
        total = bool(_WHOLE.search(label))
        found.append(
            (
                Decimal(match.group(1)),
                match.group(2),
                "part" if own and not total else "whole" if total and not own else "",
                label + match.group(0),
            )
        )
    parts = [f for f in found if f[2] == "part"]
    wholes = [f for f in found if f[2] == "whole"]
    if len(parts) != 1 or len(wholes) != 1 or len(found) != 2 or parts[0][1] != wholes[0][1]:
        return None
    part, whole = parts[0][0], wholes[0][0]
    if whole <= 0 or part > whole:
        return None
    value = (part / whole * 100).quantize(Decimal("0.0001")).normalize()
    words = f"{wholes[0][3]}，{parts[0][3]}"
    return Quantity(text=f"{fmt(value)}%", value=value, unit="%"), words


def note_actual(
    rule: Rule, inputs: Inputs, *, completion: bool, divides: bool = False, rate: bool = False
) -> Outcome | None:
    """The rule's outcome with the actual read from the note as evaluators write it (module docstring); None when
    the inputs have an actual or no note, or the note says none of these things. ``completion``: the rule looks at
    the completion ratio; ``divides``: it computes that ratio itself as actual ÷ target, so that a share is taken
    against a target of 100 % (none, or 100 %, in the row; any other target is left to the general reading);
    ``rate``: it looks at a named rate, which the note may give as its two counts."""
    if inputs.actual is not None or not inputs.note or not inputs.note.strip():
        return None
    from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

    note = normalize_rule_text(inputs.note)
    target = inputs.target
    counted = target is not None and target.value is not None and bool(target.unit) and not target.is_percent
    cleaned = _CHANGE.sub("", note)
    whole = target is None or target.value is None or (target.is_percent and target.value == 100)
    share = _read(cleaned) if completion and not counted and (whole or not divides) else None
    if isinstance(share, str):
        return Outcome(None, share, needs_judgement=True)  # not read again by the general reading
    if share is None and completion and not counted and (whole or not divides):
        # numbers family (s8): "年初预算数310.2万元，全年执行数154.74万元"
        share = budget_pair(cleaned, rule.text or "")
    if share is not None:
        actual, words = share
        plan = Quantity(text="100%", value=Decimal(100), unit="%") if divides else target
        outcome = rule.apply(dataclasses.replace(inputs, actual=actual, target=plan))
        how = f"实际完成值取自说明“{words}”：完成比例 {actual.describe()}（实际占计划的比例）"
        return dataclasses.replace(outcome, reason=f"{how}；{outcome.reason}")
    if rate and not completion:
        try:
            from_counts = counted_rate(cleaned, rule.text or "")
        except CountRefusal as refusal:
            return Outcome(None, str(refusal), needs_judgement=True)
    else:
        from_counts = None
    if from_counts is not None:
        actual, words = from_counts
        outcome = rule.apply(dataclasses.replace(inputs, actual=actual))
        how = f"实际完成值取自说明“{words}”：{words.split('，')[1]} ÷ {words.split('，')[0]} = {actual.describe()}"
        return dataclasses.replace(outcome, reason=f"{how}；{outcome.reason}")
    if cleaned == note:
        return None
    from medaid.evaluation.actual_text import read_actual  # actual_text imports rules

    reading = read_actual(cleaned, target, rule)
    if reading is None or reading.actual is None:
        return None
    outcome = rule.apply(dataclasses.replace(inputs, actual=reading.actual))
    said = "、".join(m.group(0).lstrip(",;") for m in _CHANGE.finditer(note))
    return dataclasses.replace(outcome, reason=f"{reading.reason}（“{said}”是变化，不是实际值）；{outcome.reason}")


# numbers family (s8): the 执行率 of the self-evaluation form written as its two amounts, as evaluators copy them
# from the form's columns ("年初预算数310.2万元，全年执行数154.74万元", "全年预算数50万元，实际支出45万元"): one amount
# labelled by 预算 (the plan), one by 执行/支出 without 预算 (what was spent), both in money, and no other amount.
_MONEY = re.compile(rf"(?<![\d.])({_NUM})(万元|亿元|元)")
# s8 fix round: the labels as the form's columns and evaluators write them, whole: a scope of this year, then 预算
# (plan) or 执行/支出 (spent), then 数/资金/金额…, then 为/是; any other word (未, 尚未, 结余, 上年, 计划, 预计, 应,
# 无) makes the amount something else, and the note is not read
_THIS_YEAR = r"(?:项目|该项目|本项目)?(?:年初|全年|年度|本年度?|当年|今年|调整后|本期)?"
_AMOUNT_WORD = r"(?:数|资金|金额|额|总额|总数)?(?:为|是|了)?"
_PLAN_LABEL = re.compile(rf"{_THIS_YEAR}(?:预算|批复预算|下达预算)(?:安排)?{_AMOUNT_WORD}")
_DONE_LABEL = re.compile(rf"{_THIS_YEAR}(?:实际|累计)?(?:执行|支出|已支出|已执行){_AMOUNT_WORD}")


def budget_pair(note: str, text: str) -> tuple[Quantity, str] | None:
    """执行率 = 执行数 ÷ 预算数 from the note, for a rule naming 执行率; None otherwise."""
    if "执行率" not in text or "%" in note:
        return None
    from medaid.evaluation.quantity import parse_quantity

    found: list[tuple[Quantity, str, str]] = []
    rest = note
    for match in _MONEY.finditer(note):
        label = re.split(r"[,;。:、]", note[: match.start()])[-1]
        amount = parse_quantity(match.group(0))
        if amount is None or amount.value is None or _bounded(note, match.start(1), match.end()) is not None:
            return None
        # s8 fix round: the label is a whole column name, nothing else ("未支出", "执行结余", "上年执行数",
        # "计划执行数", "预计执行数", "应执行数" are not what was spent this year)
        kind = "plan" if _PLAN_LABEL.fullmatch(label) else "done" if _DONE_LABEL.fullmatch(label) else ""
        found.append((amount, kind, label + match.group(0)))
        rest = rest.replace(label + match.group(0), "", 1)
    if re.sub(r"[,;。:、\s]", "", rest):
        return None  # s8 fix round: other words beside the two amounts ("（含上年结转）", "均为预计")
    plans = [f for f in found if f[1] == "plan"]
    done = [f for f in found if f[1] == "done"]
    if len(found) != 2 or len(plans) != 1 or len(done) != 1:
        return None
    plan, spent = plans[0][0], done[0][0]
    if plan.value is None or spent.value is None or plan.value <= 0:
        return None
    value = (spent.value / plan.value * 100).quantize(Decimal("0.0001")).normalize()
    words = f"{done[0][2]} ÷ {plans[0][2]} = {fmt(value)}%"
    return Quantity(text=f"{fmt(value)}%", value=value, unit="%"), words
