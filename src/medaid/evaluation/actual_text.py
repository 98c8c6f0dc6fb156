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

from medaid.evaluation.bounded_actuals import bounded_actual, labelled_actual  # numbers family (session 7; s9)
from medaid.evaluation.labelled_targets import each_measure  # numbers family (s9)
from medaid.evaluation.note_bounds import (  # numbers family (session 7; s8 fix: included_reference, note_denial)
    counted_alike,
    included_reference,
    note_bound,
    note_denial,
    note_reference,
)
from medaid.evaluation.note_lists import each_met  # numbers family (s9)
from medaid.evaluation.note_numerals import in_digits  # numbers family (s9)
from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.plan_pairs import CHANGE_BEFORE, VALUE, completed_plan, paired  # numbers family (s9 split)
from medaid.evaluation.quantity import Quantity, parse_quantity, units_compatible
from medaid.evaluation.rules import Banded, Formula, FormulaValue, Inputs, Outcome, PerPoint, RateTimesWeight, Rule
from medaid.evaluation.rules.bonus import Reference, StepBonus, signed_change
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.expressions import Expression
from medaid.evaluation.rules.stated_gaps import stated_gap  # numbers family (s9)

# s9: 指标 right before the number too ("控制指标20人"), not inside a rate's name ("指标完成率96%")
_TARGET_WORDS = re.compile(r"目标|指标值|指标(?:数)?(?:为|是)?$|计划|下达|要求|标准|任务数|预期")
# numbers family (s9): a rate written as zero with no unit ("预算控制率为0", "差错率为零") is 0 in any unit
_ZERO_RATE = re.compile(r"([\u4e00-\u9fa5]{0,8}?(?:率|度))(?:为|是|达|仅为)?(?:0|零)(?![\d.%‰])")
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
    shown = in_digits(note.strip())  # numbers family (s9): "死亡人数为二十人" → "20人"
    if isinstance(rule, StepBonus) and rule.reference is Reference.CHANGE and signed_change(Quantity(text=shown)):
        return NoteReading(Quantity(text=shown), f"实际变化取自说明“{shown}”")
    wanted = _wanted(target, rule)
    if wanted is None and (bare := bare_measure(shown, target, rule)) is not None:  # numbers family (s9)
        return bare  # "性别比为108" against a target "≤110" with no unit
    if wanted is None:
        return NoteReading(None, f"说明“{shown}”中的数值无法确定对应哪一项（指标值未写单位），未从说明读取实际值")
    rule_text = simplified(rule.text or "")  # numbers family (s9): "入戶率" in the text is the note's "入户率"
    named = re.findall(r"[\u4e00-\u9fa5]{1,8}?(?:率|度)", rule_text) if wanted in ("%", "‰") else []
    candidates: dict[tuple[Decimal, str], str] = {}
    bounds: list[str] = []  # numbers family (session 7): bounds and approximations, never the actual
    references: list[str] = []  # numbers family (session 7): another year's, a wider area's, a part's value
    denials: list[str] = []  # numbers family (s8 fix): a number denied done or a shortfall, never the actual
    mixed: list[str] = []  # numbers family (s8 fix): another year's part inside the value ("含上年结转1个")
    for match in VALUE.finditer(shown):
        quantity = _quantity(match.group(1), match.group(2))
        if quantity is None or quantity.value is None or not _fits(quantity, wanted):
            continue
        before = shown[: match.start()]
        clause = re.split(r"[,，;；。:：、]", before)[-1]
        if re.search(r"\d(?:%|‰)?[、和及与]$", before):  # round-2 review: a list's later value has the list's words
            clause = re.split(r"[,，;；。:：]", before)[-1]  # "上年合格率分别为96%、97%": 97% is last year's too
        if CHANGE_BEFORE.search(before):
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
        if _TARGET_WORDS.search(clause) and not completed_plan(clause):  # s9: "完成计划建设内容的94%"
            if target is not None and target.value is not None and target.unit and quantity.value != target.value:
                return NoteReading(None, f"说明中的“{clause}{match.group(0)}”与指标值 {target.describe()} 不同，"
                                         "未从说明读取实际值")  # fmt: skip
            continue
        label = _RATE.search(clause)
        if label and wanted in ("%", "‰") and not _same_rate(label.group(1), named):
            continue
        if label and wanted in ("%", "‰") and not _named_rate(label.group(1), named):  # numbers family (session 7)
            continue
        if label and wanted in ("%", "‰") and not named and not _own_subject(label.group(1), rule_text):  # round 2
            continue  # "晚稻任务完成率92%" for "早稻完成分配任务95%以上": another subject's rate
        candidates.setdefault((quantity.value, quantity.unit), clause + match.group(0))
    for zero in _ZERO_RATE.finditer(shown) if wanted in ("%", "‰") else ():  # numbers family (s9)
        if _same_rate(zero.group(1), named) and _named_rate(zero.group(1), named) and not note_reference(zero.group(1)):
            candidates.setdefault((Decimal(0), wanted), zero.group(0))
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
    if (labelled := labelled_actual(rule, inputs, apply_rule) or each_measure(rule, inputs)) is not None:  # s9
        return outside_weight(labelled, inputs) or labelled  # numbers family (s9): "达标率70%", "小学100%;初中≥98%"
    if inputs.actual is not None and inputs.actual.value is None:  # the plan and what was done as the actual
        return paired(rule, inputs, inputs.actual.text, "实际完成情况") or outcome
    if inputs.actual is not None or outcome.needs_judgement or getattr(rule, "reads_note", False):  # s9: own note
        return outcome  # the rule has what it needs, or leaves the score to a person (checklists)
    reading = read_actual(inputs.note, inputs.target, rule)
    if reading is None:
        return outcome
    if reading.actual is not None:
        outcome = rule.apply(dataclasses.replace(inputs, actual=reading.actual))
        outcome = outside_weight(outcome, inputs) or outcome
    elif inputs.note and (pair := paired(rule, inputs, inputs.note, "说明")) is not None:
        return pair
    elif (met := each_met(rule, inputs)) is not None:  # numbers family (s9): "利用率分别为80%、82%", all met
        return met
    elif isinstance(rule, PerPoint) and inputs.note and (gap := stated_gap(inputs.note)) is not None:  # s9
        gapped = rule.apply(dataclasses.replace(inputs, actual=Quantity(text=inputs.note.strip())))  # "低于标准20%"
        gapped = dataclasses.replace(gapped, reason=f"实际情况取自说明“{gap.words}”（与标准的差距）；{gapped.reason}")
        return outside_weight(gapped, inputs) or gapped if gapped.score is not None else outcome
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


# numbers family (s9): a number with no unit in an explanation ("当年出生婴儿性别比为108") is the actual of a target
# with no unit ("≤110") only when it is labelled with a measure the rule text names (性别比), is the one such number,
# and is no target, change, bound or other year's value.
_BARE = re.compile(r"([\u4e00-\u9fa5]{2,16})(?:为|是|达|达到|仅为)?(\d+(?:\.\d+)?)(?![\d.%‰\u4e00-\u9fa5])")


def bare_measure(shown: str, target: Quantity | None, rule: Rule) -> NoteReading | None:
    if target is None or target.value is None or target.unit:
        return None
    text = simplified(rule.text or "")
    found: dict[Decimal, str] = {}
    for match in _BARE.finditer(shown):
        label, start = re.sub(r"(?:为|是|达到|达|仅为)$", "", match.group(1)), match.start(2)
        if _TARGET_WORDS.search(label):
            if Decimal(match.group(2)) != target.value:
                return None  # "控制目标112" against a target 110: which is the standard is not clear
            continue
        named = next((label[i:] for i in range(len(label) - 1) if label[i:] in text), None)
        if named is None or not re.search(r"[比率数值度]$", named):
            continue
        if CHANGE_BEFORE.search(shown[:start]) or note_reference(label) is not None:
            return None  # "比上年下降2", "上年108": not the one value
        if note_bound(shown, start, match.end()) is not None:
            return None
        found.setdefault(Decimal(match.group(2)), f"{label}{match.group(2)}")
    if len(found) != 1:
        return None
    ((value, words),) = found.items()
    actual = Quantity(text=fmt(value), value=value)
    return NoteReading(actual, f"实际完成值取自说明“{words}”（与指标值同为不带单位的数）：{fmt(value)}")


# numbers family (round-2 review, N9): with no rate named in the rule text, a labelled rate whose subject (what stands
# before a rate word such as 完成率) is a kind the text names with another qualifier is another thing's rate:
# "晚稻任务完成率" for "早稻…", "高中入学率" for "初中…" (the second character is the text's, the first is not).
def _own_subject(label: str, text: str) -> bool:
    stem = re.sub(r"(?:任务|计划|目标)?[\u4e00-\u9fa5]{0,2}率$", "", label)
    return len(stem) < 2 or stem[:2] in text or stem[1] not in text
