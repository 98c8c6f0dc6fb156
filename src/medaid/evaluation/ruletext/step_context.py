"""Phrases around a per-step deduction that change how it is read, or that say nothing the score depends on
(``deductions``):

- "每项指标为5分,…": the text is written once for several indicators, each of these full marks;
- "春季集中防疫以每年的4月15日为截点": a date a delay counts from, not a number the score depends on; so is
  "以每次单项工作抽查情况为准" (what the evaluator looks at);
- "亩均/每亩/年亩增施…1000公斤", "人均…": the quantity the text measures is per 亩 (per 人, 户, 床), so a
  target in 公斤/亩 is in the step's unit 公斤 — the compound unit is compared, never dropped;
- "每个社区服务项目不少于15个(1分),每少1个扣0.2分": a bound for each of several things, read only against a
  target that agrees with it (the actual is then in the target's terms);
- "扣分不封顶": a deduction may run past the item's full marks (refused when it does: the rest is not this
  item's to settle);
- "未达到年度目标值的,按…差距绝对值…每差1微克/立方米扣0.5分" (``unmet_only``): a gap counted only when the
  target is not met, on whichever side the target's comparator makes the failing one;
- "1.…得3分。2.…每延迟拨付1天扣1分。3.没有按国库管理制度规定拨付的,不得分" (``unnumbered``, ``step_vetoes``):
  numbered clauses, and vetoes of misconduct that name no side of the step (one that does, "未按时拨付的不得分"
  beside "每延迟1天", would contradict it and is not read);
- "在计划时间内完成的,得满分" (``full_conditions``): an actual written as text that names the condition of full
  marks ("在计划时间内完成") scores them;
- "每低于85%一个百分点扣0.2分" (``reference_first``): a reference written inside the step;
- "…的,每5亩扣1分" (``FAULT``): a step with no word of direction under a condition that names a fault counts
  the amount of the fault from zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.count_spelling import without_item_numbers
from medaid.evaluation.ruletext.counts import vetoes
from medaid.evaluation.ruletext.step_parts import DATE, Spans, condition_kinds

_EACH_FULL = re.compile(rf"^(?:每项|各项|每个|每一项)(?:指标|考核指标|评价指标)?(?:为|计|占|得)?{NUM}分(?=[,;。:])")
_CUTOFF = re.compile(
    rf"[^,;。]{{0,12}}?以(?:每年的?|当年的?|本年度?的?|次年的?)?(?:{DATE.pattern})"
    r"为(?:截点|截止点|截止(?:时间|日期|日)?|节点|准|限)"
)
# "以每次单项工作抽查情况为准", "以检查档案资料为准": what the evaluator looks at, no number the score depends on
_BASIS = re.compile(r"以[^,;。\d]{2,24}?为(?:准|依据)")
_PER_THING = re.compile(r"(亩|人|户|床)均|每(亩|人|户|床)(?=[\u4e00-\u9fa5])|(?<=年)(亩)(?=[\u4e00-\u9fa5])")
_UNCAPPED = re.compile(r"扣分不封顶|扣分不设上限|不设扣分上限")
FAULT = re.compile(r"^[^\d每,;。]{2,40}(?:的|者)$")
# The units a fault is measured in (an area, a weight, money, a length, a time); a count of people or items
# under such a condition ("漏保、错保的每人次扣0.5分") is a count of cases (``cases``, ``kinds``).
_FAULT_UNITS = "亩 公顷 平方米 公斤 千克 斤 吨 元 米 公里 千米 立方米 升 天 日 工作日 个工作日 月 个月 年 小时"
FAULT_UNITS = frozenset(_FAULT_UNITS.split(" "))


# "每个社区服务项目不少于15个": a bound for each of several things; the actual is read against the target only
_DISTRIBUTIVE = re.compile(
    r"(?:^|(?<=[,;。:]))每(?:一个|个|项|所|家|户)?(?:[\u4e00-\u9fa5]{2,12}?)(?=不少于|不低于|不得少于|达到|应|须|需|要)"
)


@dataclass(frozen=True)
class Context:
    """What the phrases around the step say: the spans read, the thing the quantity is per, whether the
    deduction may run past the full marks, and whether the text's bound is one for each of several things
    (``each``: then the target must be given and agree with it)."""

    spans: Spans
    per: str | None
    uncapped: bool
    each: bool = False
    each_full: Decimal | None = None  # "每项指标为5分": the full marks of each indicator the text is written for


def around(text: str, step: tuple[int, int]) -> Context | None:
    """The phrases around the step at ``step``; None when they say two different things (per 亩 and per 人)."""
    spans: Spans = []
    marks = _EACH_FULL.match(text)
    for pattern in (_EACH_FULL, _CUTOFF, _UNCAPPED, _BASIS):
        spans += [m.span() for m in pattern.finditer(text)]
    pers: set[str] = set()
    for m in _PER_THING.finditer(text):
        if step[0] <= m.start() < step[1]:
            continue  # "每人扣1分" is the step itself
        pers.add(next(g for g in m.groups() if g))
        spans.append(m.span())
    if len(pers) > 1:
        return None
    each = [m.span() for m in _DISTRIBUTIVE.finditer(text) if not step[0] <= m.start() < step[1]]
    spans += each
    each_full = Decimal(marks.group(1)) if marks else None
    return Context(spans, pers.pop() if pers else None, bool(_UNCAPPED.search(text)), bool(each), each_full)


_UNMET = re.compile(r"未达到|未达|达不到|没有达到|没达到|未完成|没有完成|不达标|未达标")


def unmet_only(condition: str) -> bool:
    """Whether a gap's condition says only that the target is not met ("未达到年度目标值的"), no side."""
    return bool(_UNMET.search(condition)) and not condition_kinds(_UNMET.sub("", condition)) & {"below", "above"}


def unnumbered(text: str) -> str:
    """The text without the numbering of its clauses ("1.…。2.…" → "…;…"): the counts family's
    ``without_item_numbers``, which gives the same readings on the corpus and the steps tests (kept as a name
    for the step readers)."""
    return without_item_numbers(text)


# What a veto beside a step names: misconduct, not a level of what the step measures ("未建立健康档案不得分"
# beside "建档率每下降1个百分点" may be the rate's own bottom, and is not read).
_MISCONDUCT = re.compile(
    r"弄虚作假|造假|虚报|瞒报|冒领|挤占|挪用|截留|套取|骗取|违规|违纪|违法|违反|通报批评|问责"
    r"|(?:重大|较大|严重)[^,;。]{0,8}(?:事故|事件)|(?:安全|责任|质量)事故"
    r"|(?:没有|未|不)按[^,;。]{0,12}(?:规定|制度|要求)"
)


MISCONDUCT = _MISCONDUCT  # steps family: read by ``deduction_sums`` too


def step_vetoes(text: str, spans: Spans) -> tuple[str, ...] | None:
    """Conditions of misconduct that zero the score ("挤占挪用资金的不得分"); None when one holds a number,
    names a side a step could deduct on ("未按时拨付的不得分", "未达到…的不得分") or names no misconduct."""
    found = vetoes(text, spans)
    if found is None or any(condition_kinds(v) or not _MISCONDUCT.search(v) for v in found):
        return None
    return found


# "在计划时间内完成的,得满分": the condition of full marks, which an actual written as text may name
_FULL_WHEN = re.compile(
    r"(?:^|(?<=[,;。:]))(?:或|且|凡)?(?P<cond>[^,;。:\d每]{2,30}?)(?:的|者|时)?,?(?:该项|本项)?"
    r"(?:得|计|给|为)(?:满分|基本分|全分|总分值|\d+(?:\.\d+)?分)"
)


def full_conditions(text: str) -> tuple[str, ...]:
    """The conditions the text gives full marks under, written without a number ("按时完成得满分" → 按时完成)."""
    return tuple(m.group("cond") for m in _FULL_WHEN.finditer(text) if not condition_kinds(m.group("cond")))


_REFERENCE_IN_STEP = re.compile(r"每(低于|少于|不足|高于|超过|超出)(\d+(?:\.\d+)?)%(?=(?:\d+(?:\.\d+)?)?百分点)")


def reference_first(text: str) -> str:
    """ "病床使用率每低于85%一个百分点扣0.2分" written as "以85%为标准,每低于1个百分点扣0.2分": the reference the
    step names inside itself, put where the other readings look for it."""
    return _REFERENCE_IN_STEP.sub(r"以\2%为标准,每\1", text)


# --- steps family, round 2: what per_point leaves to others, and when a bare count is the number done ---

# "每少1种机构或少1项制度的扣0.5分", "每连片抛荒5亩或零星抛荒30亩的,扣2分": a step, 或, another count before the
# deduction: two alternative steps, which one step does not read
EITHER_STEP = re.compile(
    r"每[^,;。]{0,16}?或[^,;。]{0,10}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])(?:个)?[\u4e00-\u9fa5][^,;。]{0,12}?(?:扣|减)"
)
# "完成年度建设任务数,得2分,未完成任务少1个扣0.5分": full marks for completing a task or plan
TASK_DONE = re.compile(r"完成[^,;。]{0,16}?(?:任务|计划)")


# numbers family (s9): "(不参加国培扣分)", a deduction of its own with no number (not "没有完成的扣分,每低于…", the
# step's lead-in): a step reading that left it would ignore what it says (``prerequisites`` reads it)
UNSTATED = re.compile(r"(?:不|未|没有)[^,;。\d]{1,12}?扣分(?![,;:]?每)(?!\d)")
