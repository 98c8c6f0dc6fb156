"""Per-step deductions: "每低于1个百分点扣1分", "每少10人扣1分", "每滞后一个月扣1分", "与计划每相差3%扣1分",
"低于目标值的，每1个百分点扣0.5分" (per case found: ``cases``). The pieces and their spellings: ``step_parts``; where
the step is written and which way it deducts: ``step_finding``.

Reading conventions (docs/rules.md):
- the step is a number and a unit after a word of direction: 低于/少/下降/下滑 (below), 超过/多/增加/超支
  (above), 延迟/滞后/逾期/晚 (a delay, above, counted from zero when nothing else is given), 相差/偏离
  (either side); words may stand between the direction and the number ("每超平均年龄1岁", "每低于目标值10公斤");
  a bare "每1个百分点" (or "每个百分点") takes its direction from its condition ("低于目标值的,", "超过部分");
- the deduction is 扣/扣除/扣减/减 N 分, after any punctuation, "的/者/时", "则/相应", "该项"; without 每 only
  a step of one ("少一次扣2.5分"), since "少3次扣2分" may as well be a threshold;
- the reference is the text's own number in the step's unit ("不少于5篇", "≦100%", "以100%为标准",
  "为0"), or the target; a text that names two different numbers, a prior period (上年, 同期) or a tolerance
  ("偏差在5%以内") is not understood; a definition of the rate ("结余率=结余/预算×100%") is passed over;
- full marks may be written anywhere, once, and not under a condition on the deducting side;
- any other score, bonus, step, formula or zero condition left in the text makes it not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Direction, Partial, PerPoint, Rule
from medaid.evaluation.ruletext.common import NUM, deduction_caps, residual, unexplained
from medaid.evaluation.ruletext.direction import less_is_better
from medaid.evaluation.ruletext.step_context import (
    EITHER_STEP,
    TASK_DONE,
    UNSTATED,
    around,
    full_conditions,
    reference_first,
    step_vetoes,
    unnumbered,
)
from medaid.evaluation.ruletext.step_finding import condition, find_steps, step_kind  # numbers family (s9 split)
from medaid.evaluation.ruletext.step_parts import (
    DELAY,
    TO_ZERO,
    Spans,
    canonical,
    full_marks,
    references,
    step_unit,
    zero_distance_in_unit,
    zero_in_unit,
)

_DIRECTION = {"below": Direction.BELOW, "above": Direction.ABOVE, "delay": Direction.ABOVE, "both": Direction.BOTH,
              "fault": Direction.ABOVE, "unmet": Direction.BOTH}  # fmt: skip
_FROM_ZERO = frozenset({*DELAY, "缺", "缺少", "短缺"})
_SHORT = frozenset({"少", "差", "欠"})  # counted from zero only for items (每少1项), not quantities (每少10人)
_ITEMS = frozenset({"项", "个", "处", "条", "份", "件", "篇", "次", "场", "期", "例", "册", "套"})
_TARGET_NOUN = re.compile(r"目标|指标|计划|任务|预算|标准")
_PRIOR = re.compile(r"上年|去年|同期|上一年|往年|基期|同比|环比")
_DEFINITION = re.compile(r"[\u4e00-\u9fa5\"]{1,16}(?:率|比例|比重)=[^,;。=分]*?/[^,;。=分]*?(?=[,;。]|$)")
# "没有楼堂馆所项目的部门按满分计算": an indicator without the thing scores full marks
_NONE_FULL = re.compile(r"(?:没有|无)([\u4e00-\u9fa5]{2,12}?)的(?:部门|单位|地区|县区|项目)?(?:按|计|得)满分(?:计算)?")
_CAPS = re.compile(
    rf"(?:最多|最高|至多|累计最多|累计)(?:只)?(?:扣除|扣减|扣)(?:分)?(?:不超过)?{NUM}分"
    rf"|(?:累计)?扣分(?:最多|最高)?(?:不超过|不得超过|不高于|上限为?|以){NUM}分(?:为限)?"
)
# Rates whose natural level is not 100 %: with no number and no target a step on them is not counted from 100 %.
_NOT_HUNDRED = re.compile(
    r"超支|结余|结转|变动|增长|增幅|增速|节约|节支|投诉|差错|事故|发生率|违规|返贫|占比|比重|比例"
)
_LEFT = re.compile(
    r"不得分|得0分|计0分|不计分|酌情|视情|加扣|倒扣|按(?:照)?(?:完成)?比例|比例(?:扣|计|得|给)|=|×|[≤≥<>]-?\d"
)


def per_point(text: str) -> Rule | None:
    """ "100%完成得6分，每低于1个百分点扣1分，扣完为止" and its kin, in any unit (module docstring).

    Limits are understood too: "低于80%不得分", "80%以下不得分", "最多扣3分", "最低得2分", "扣完3分为止",
    "没有楼堂馆所项目的部门按满分计算". Any other score left in the text makes it not understood.
    """
    text = reference_first(unnumbered(canonical(text)))
    found = find_steps(text)
    if len(found) != 1 or "每发现" in text or EITHER_STEP.search(text):
        return None  # "每少1种机构或少1项制度的扣0.5分": two steps, one or the other (the count readings')
    step = found[0]
    spans: Spans = [(step.start, step.end), *(m.span() for m in _DEFINITION.finditer(text))]
    context = around(text, (step.start, step.end))
    if context is None:
        return None
    spans += context.spans
    if _PRIOR.search(residual(text, spans[1:])):
        return None
    read = step_kind(step, text)
    if read is None:
        return None
    kind, word = read
    if kind == "below" and less_is_better(text):
        return None  # "结余率每低于…扣分" reads a less-is-better rate as more-is-better: not understood
    in_unit = step_unit(Decimal(step.number), step.unit)
    if in_unit is None or in_unit[0] <= 0:
        return None
    step_size, unit = in_unit
    noun = step.noun
    if (step.tail or noun.endswith("的")) and unit in (None, "%"):
        return None  # "每低于1个百分点以上", "每低于目标值的10%": a reading this one does not know
    before = text[: step.start]
    if context.each and unit in (None, "%"):
        return None  # "每个…不低于90%": a rate for each of several things, not one rate
    on_completion = (
        context.each  # the target must be given, and agree with the text's bound for each
        or bool(_TARGET_NOUN.search(noun))
        or bool(re.search(r"(?:与|比|较)(?:目标值?|指标值|计划(?:值|数)?|任务|预算|标准值?)$", before))
        or "完成目标任务量" in before
        or (step.word is None and bool(_TARGET_NOUN.search(condition(text, step.start))))
        # "完成年度建设任务数,得2分,未完成任务少1个扣0.5分": a count short of the task, so a bare count ("8个")
        # is the number done, read against the target; without one it is refused, never taken for the shortfall
        or (word in _SHORT and unit in _ITEMS and bool(TASK_DONE.search(before)))
    )
    for m in _CAPS.finditer(text):
        spans.append(m.span())
    max_deduction = min((Decimal(g) for m in _CAPS.finditer(text) for g in m.groups() if g), default=None)
    min_score: Decimal | None = None
    for limit in re.finditer(rf"最低(?:得|计|为)?{NUM}分", text):
        min_score = Decimal(limit.group(1))
        spans.append(limit.span())
    side = {"fault": "above", "unmet": "both"}.get(kind, kind)
    distance, far_readable = zero_distance_in_unit(text, side, unit, spans)
    zero, readable = zero_in_unit(text, side, unit, spans)
    if not (readable and far_readable) or (zero and distance):
        return None
    if re.search(
        r"(?:低于|少于|不足|超过|高于|超出)\d+(?:\.\d+)?百分点(?:的)?,?(?:该项|本项)?(?:不得分|得0分|计0分)", text
    ):
        return None  # "低于10个百分点不得分": a level or a distance?
    units = "%|百分点" if unit in (None, "%") else re.escape(step.unit)
    full = full_marks(text, side if side in ("below", "above") else None, units, spans)
    if full is None or (context.each_full is not None and full not in ("", context.each_full)):
        return None
    if full == 0:
        return None  # "填写不全得0分": a condition that leaves no score, never full marks of 0
    full = context.each_full if context.each_full is not None else full
    full, capped = deduction_caps(text, full if isinstance(full, Decimal) else None, spans)
    if capped is not None:
        max_deduction = capped if max_deduction is None else min(capped, max_deduction)
    # "不足1个百分点按1个百分点计", "(不到0.1平方米按0.1计算)": a part of a step counts as a whole step
    own = rf"|{re.escape(step.unit)}" if step.unit else ""
    ceil = re.search(
        rf"(?:不足|不到|不满)\d*(?:\.\d+)?(?:百分点|%{own})?(?:的)?(?:按照|按|以)\d*(?:\.\d+)?(?:百分点|%{own})?计(?:算)?",
        text,
    )
    if ceil:
        spans.append(ceil.span())
    none = _NONE_FULL.search(text)
    if none:
        spans.append(none.span())
    found_refs = references(text, unit, spans)
    if found_refs is None or len(found_refs[0] - ({zero.value} if zero and not zero.inclusive else set())) > 1:
        return None  # a tolerance, or two numbers the step could count from
    values, found_spans = found_refs
    if zero is not None and not zero.inclusive:
        values.discard(zero.value)  # "90%以上每低1个百分点扣0.5分，低于90%不得分": the range, not a reference
    reference = values.pop() if values else None
    spans += found_spans
    spans += [m.span() for m in TO_ZERO.finditer(text)]
    found_vetoes = step_vetoes(text, spans)
    if found_vetoes is None:
        return None
    rest_text = residual(text, spans)
    if (
        unexplained(rest_text)
        or _LEFT.search(rest_text)
        or re.search(rf"\d(?:{units})", rest_text)
        or UNSTATED.search(text)  # numbers family (s9)
    ):
        return None  # a score, a formula, or a number in the step's unit left unread
    percent = unit in (None, "%")
    hundred = percent and not _NOT_HUNDRED.search(residual(text, [(step.start, step.end)])) and not (
        kind == "above" and less_is_better(text) and "控制率" not in text
    )  # fmt: skip
    return PerPoint(
        direction=_DIRECTION[kind],
        step=step_size,
        points=Decimal(step.points),
        points_share=step.share,
        reference=reference,
        full=full,
        partial=Partial.CEIL if ceil else Partial.LINEAR,
        on_completion=on_completion,
        unit=unit,
        from_zero=not percent
        and (word in _FROM_ZERO or kind in ("delay", "fault") or (word in _SHORT and unit in _ITEMS)),
        word=word + noun,
        zero_beyond=zero.value if zero else None,
        zero_inclusive=any(z.inclusive for z in (zero, distance) if z is not None),
        zero_distance=distance.value if distance else None,
        max_deduction=max_deduction,
        min_score=min_score,
        explicit_reading=bool(ceil),
        full_if_none=none.group(1) if none else None,
        hundred=hundred,
        per=context.per if not percent and reference is not None else None,  # the text's own threshold in 公斤
        uncapped=context.uncapped,
        when_unmet=kind == "unmet",
        vetoes=found_vetoes,
        full_when=full_conditions(text),
    )
