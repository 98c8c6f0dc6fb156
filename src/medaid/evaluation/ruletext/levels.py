"""Shapes of named levels, yes/no, lists of items or deductions, and met-or-judged.

Read from the scored clauses of a text (``clauses``):
- one condition with its marks, and what else it scores (``single_condition``): "…的得2分，否则不得分",
  "明确分管领导和专门负责人(1分)", "完成得基本分，未完成的不得分", "6次以上计3分，少于6次不计分",
  "未使用访视记录表的扣10分", "…得满分，没有安排或没按标准申报各扣1分";
- several conditions with their marks (``qualitative``): levels of which one applies ("合理:2分;基本合理:1分;
  不合理:0分") or items that add up ("目标明确(1分),目标细化(1.5分)"), told apart by the wording and,
  when the wording does not tell, by the weight (``Checklist.either``);
- numbered items (``checklists.checklist``), and "…得5分，否则按0-5分酌情给分" (``judgement``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Checklist, Level, Qualitative, RateTimesWeight, Rule
from medaid.evaluation.rules.levels import YesNo
from medaid.evaluation.rules.naming import canon, denies
from medaid.evaluation.rules.sanctions import WIDER
from medaid.evaluation.rules.statements import is_count
from medaid.evaluation.rules.wording import DISCRETION
from medaid.evaluation.ruletext.checklists import checklist, numbered
from medaid.evaluation.ruletext.clauses import Clause, complement, read_clauses
from medaid.evaluation.ruletext.common import NUM, STEPWISE, TIMES_WEIGHT
from medaid.evaluation.ruletext.condition_sentences import all_taken, once_of_none, whole_condition
from medaid.evaluation.ruletext.fault_names import spread_negation, unit_step
from medaid.evaluation.ruletext.level_grades import graded as are_grades
from medaid.evaluation.ruletext.thresholds import fault_threshold, threshold

__all__ = ["checklist", "judgement", "qualitative", "single_condition"]

_SCALES: dict[str, tuple[tuple[str, Decimal], ...]] = {
    "优良中低差": (("优", Decimal(1)), ("良", Decimal("0.8")), ("中", Decimal("0.6")),
                ("低", Decimal("0.4")), ("差", ZERO)),
    "优良中差": (("优", Decimal(1)), ("良", Decimal("0.8")), ("中", Decimal("0.6")), ("差", ZERO)),
    "好较好一般差": (("好", Decimal(1)), ("较好", Decimal("0.8")), ("一般", Decimal("0.6")),
                ("差", ZERO)),
}  # fmt: skip
# A text saying any of these says more than its clauses: a cap, a bonus, a range, a way of scoring. "分别扣2分"
# (one mark after 分别) is 各扣2分 and is read; "分别扣1分、2分" (a mark each) is not.
_UNREAD = re.compile(
    r"最多(?:只)?扣|扣完\d|最高|最低得|加\d|加分|加扣|奖励|(?<!不)(?<!不得)倒扣|分别(?!(?:扣除|扣减|减去|扣|减)\d+(?:\.\d+)?分(?![、,，和及]?\d))|\d-\d+(?:\.\d+)?分|酌情|视情况|"
    r"按[^,;。]*?(?:计分|计算|考核|(?<!不)得分|折算)|×"
)
_SPLIT_EACH = re.compile(r"和|与|及|、")
_OR = re.compile(r"或")
# "每发现1例", "每份", "一次扣10分"; not "每年专题研究…" (how often something is to be done)
_PER_CASE = re.compile(
    r"每(?!年|季|月|半年|学期|(?:个|名|户|家|所)[^,;。]*?(?:不少于|不低于|至少|达到|\d+[^\d,;。]{0,3}以上))"
    r"|每.{0,3}$|(?:1|一)(?:次|例|起|件|处|份|个|人|户|笔|条|项)$"
)
_PER_ITEM_NAME = re.compile(r"^(?:(?:符合|满足|完成|做到)(?:以上)?(?:1|一|每)项|每(?:完成|符合|满足|做到)?(?:1|一)项)$")


# "共2分", "本项满分6分", "总分为5分": the full marks said beside the clauses, not a clause
_TOTAL = re.compile(
    r"(?:本项|该项|此项|本指标|该指标)?"
    rf"(?:(?<![得计给为按])满分(?:为)?|(?<!公)共计|(?<!公)共|总分(?:为)?|(?<!符)合计)(?<![\d.]){NUM}分"
)


# "…得10分,按实际情况评分" closing a text of marks: that the evaluator scores what is found, nothing more
_AS_FOUND = re.compile(r"(?<=分)[,;。]?按实际(?:情况|完成情况|检查情况)(?:评分|计分|打分|给分|评定)[;。]?$")


_SCORE_INSIDE = re.compile(r"不(?:记|计|得|给)分|(?:记|计)\d+(?:\.\d+)?分")


def level_clauses(text: str) -> list[Clause] | None:
    """The clauses of a text these shapes read: no steps, no numbered items (``checklist`` reads those or
    nothing does), no deduction per case found ("每发现1例", "一次扣10分": ``cases``). A total said beside
    them ("(共2分,未建立不得分,已建立得2分)") must be the highest marks or their sum."""
    text = _AS_FOUND.sub("", text)
    # (affirm) a sanction beyond the row ("出现一次,本表不得分") is spelled as this row's 0 first (wider_sanctions)
    if WIDER.search(text) or STEPWISE.search(text) or _UNREAD.search(text) or DISCRETION.search(text) or numbered(text):
        return None
    totals = {Decimal(m.group(1)) for m in _TOTAL.finditer(text)}
    clauses = read_clauses(_TOTAL.sub("", text))
    if not clauses:
        return None
    # (affirm s8) a condition holding a score word the clauses did not read ("无专人负责的,不记分,设置专人…") or none
    # at all ("…记录不得分(5分)": the marks are the total, not a level's): not these shapes
    if any((not c.name.strip() and i > 0) or _SCORE_INSIDE.search(c.name) for i, c in enumerate(clauses)):
        return None
    counts = sum(1 for c in clauses if is_count(c.name)) >= 2  # "两条指标均符合计2分;满足一条计1分"
    if any(not c.positive and c.effect == "minus" and unit_step(canon(c.name)) for c in clauses):  # "上升1个百分点"
        return None
    cases = [c for c in clauses if not once_of_none(c, clauses)]  # "无事故得20分,发生一次,不得分": not per case
    if any(
        _PER_CASE.search(c.name) and not _PER_ITEM_NAME.match(canon(c.name)) and not (counts and is_count(c.name))
        for c in cases
    ):
        return None
    marks = [c.value for c in clauses if c.positive and c.effect == "points" and c.value is not None]
    if len(totals) > 1 or (totals and marks and totals.pop() not in (max(marks), sum(marks))):
        return None
    return clauses


def _answers(clause: Clause, positive: Clause) -> bool:
    """A 0 that is the rest of one condition: "否则", "没有", or its denial ("没有批准文件")."""
    return clause.is_zero and (complement(clause.name) or denies(canon(clause.name), canon(positive.name)))


def _level(clause: Clause, top: Decimal | None) -> Level | None:
    if clause.effect == "full":
        return Level(clause.name, fraction=Decimal(1), label=clause.label)
    if clause.effect == "fraction":
        return Level(clause.name, fraction=clause.value, label=clause.label)
    if clause.is_zero:
        return Level(clause.name, points=ZERO, label=clause.label)
    if clause.effect == "minus":
        if top is None or clause.value is None:
            return None
        return Level(clause.name, points=max(ZERO, top - clause.value), label=clause.label)
    return Level(clause.name, points=clause.value, label=clause.label)


# --- one condition ---------------------------------------------------------------------------


def single_condition(text: str) -> Rule | None:
    """One condition and its marks, with the rest (否则/没有/…不得分) or its faults; or faults alone."""
    clauses = level_clauses(text)
    if clauses is None:
        return None
    positive = [c for c in clauses if c.positive]
    rest = [c for c in clauses if not c.positive]
    if not positive:
        return _faults(rest, None)
    if len(positive) > 1:
        return None
    p = positive[0]
    if p.effect == "fraction" or _SCORE_INSIDE.search(whole_condition(p).name):  # (affirm s8) "…的,不记分;设置…"
        return None
    rest = [all_taken(c, p) for c in rest]  # (affirm) "记6分,达不到的扣6分": the 6 taken, 不得分
    found, met = threshold(p, rest)
    if found:
        return met
    points = None if p.effect == "full" else p.value
    if p.each or _PER_ITEM_NAME.match(canon(p.name)):
        return _each(p, rest)
    answers = [c for c in rest if _answers(c, p)]
    faults = [c for c in rest if c not in answers]
    if not faults:
        if _completion(p.name):
            return YesNo(points=points)
        levels = [_level(whole_condition(p), points)] + [_level(c, points) for c in answers[:1]]
        return Qualitative(levels=tuple(lv for lv in levels if lv is not None)) if len(answers) <= 1 else None
    if len(faults) == 1 and not answers and (points is not None or faults[0].is_zero):
        level = _level(faults[0], points)
        return Qualitative(levels=(_level(whole_condition(p), points), level)) if level is not None else None  # type: ignore[arg-type]
    if any(_GENERIC.match(canon(c.name)) for c in answers):
        return None  # "…扣1分，否则不得分": what 否则 covers beside the faults is not said
    # "有完整的项目档案得3分，档案不完整的扣1分，无档案的不得分": deductions from the condition's marks, numbered
    # in printed order (``Inputs.holds`` counts them so: "无办公场所不得分;无标识扣0.5分" has 无办公场所 first)
    return _faults(rest, points)


_GENERIC = re.compile(r"^(?:否则|反之|其他|其它|其余|其他情况)$")
_TASK = (
    r"(?:年度|全年|当年|本年度|下达的?)?(?:[\u4e00-\u9fa5]{1,4}?(?=任务|目标|计划))?"  # "完成年度建设任务"
    r"(?:目标任务|绩效目标|预期目标|既定目标|计划目标|目标|任务|指标|计划|基准点|基准)?(?:值|数)?"
)
_SUBJECT = r"(?:实际)?(?:完成值|完成数|实际值|完成情况|实际完成)?"
_COMPLETION = re.compile(rf"^{_SUBJECT}{_TASK}(?:全部)?(?:完成|达到|达标|实现){_TASK}$")  # s7: not 按时完成 (a level)


def _completion(name: str) -> bool:
    """ "完成", "达到目标值", "完成年度任务": the condition is the indicator's target."""
    return bool(_COMPLETION.match(canon(name)))


def _faults(faults: list[Clause], full: Decimal | None) -> Rule | None:
    """ "未进行宣传的扣5分,有宣传无记录扣1分": deductions from the full marks; "不达标不得分" alone:
    met or not."""
    if not faults or any(c.effect not in ("minus", "zero") for c in faults):
        return None
    if all(complement(c.name) for c in faults):
        one = faults[0]
        if len(faults) == 1 and one.effect == "minus" and one.value is not None and not _GENERIC.match(canon(one.name)):
            # "未落实的,扣1分": the indicator's requirement not met takes N from the full marks (words family)
            return Checklist(items=(one.value,), names=(one.name,), deduct=True, full=full)
        return YesNo(points=full) if all(c.is_zero for c in faults) and len(faults) == 1 else None
    if any(_GENERIC.match(canon(c.name)) for c in faults):
        return None  # "否则" beside faults: what it covers is not said
    if len(faults) == 1 and faults[0].is_zero and (met := fault_threshold(faults[0].name, full)) is not None:
        return met  # "实际到位资金/预算投入资金≠100%则不得分": met when it is 100%
    names: list[str] = []
    items: list[Decimal] = []
    zeroing: list[int] = []
    for c in faults:
        for name in _alternatives(c):
            names.append(name)
            items.append(c.value if c.effect == "minus" and c.value is not None else ZERO)
            if c.is_zero:
                zeroing.append(len(names))
    return Checklist(items=tuple(items), names=tuple(names), deduct=True, full=full, zeroing=tuple(zeroing))


def _alternatives(clause: Clause) -> list[str]:
    """ "没有安排或没按标准申报各扣1分": each condition of a 各 clause on its own (split at 或, else at
    和/与/及/、)."""
    if not clause.each:
        return [clause.name]
    split = _OR if "或" in clause.name else _SPLIT_EACH
    # "无方案、记录及总结各扣2分": the leading negation is every one's (lists family)
    return spread_negation([x for x in (p.strip(" ,、") for p in split.split(clause.name)) if x])


def _each(p: Clause, rest: list[Clause]) -> Rule | None:
    """ "建立和开发的各得2分,反之,不得分"; "是否设定了绩效目标,是否符合…,符合一项得1分"."""
    if any(not _answers(c, p) and not complement(c.name) for c in rest) or p.value is None:
        return None
    names = _alternatives(p) if p.each else [x for x in re.split(r"[,;。]", p.raw) if "是否" in x]
    if len(names) < 2:
        return None
    return Checklist(items=tuple(p.value for _ in names), names=tuple(names))


# --- several conditions ----------------------------------------------------------------------


def qualitative(text: str) -> Rule | None:
    """ "定性，优良中低差"; "相符的得10分，基本相符的得6分，调整较大的扣10分"; "合理:2分;基本合理:1分;不合理:0分";
    "目标明确(1分),目标细化(1.5分)"; "落实的,得1分,建立的,得2分,反之不得分" (items or levels: the weight says)."""
    for key, scale in _SCALES.items():
        if key in text and ("定性" in text or len(text) <= len(key) + 6):
            return Qualitative(levels=tuple(Level(n, fraction=f) for n, f in scale))
    if TIMES_WEIGHT.search(text) and not STEPWISE.search(text):
        # "全部到位的，得3分；部分到位的，按分值乘以资金到位率计算得分；未到位的，不得分" is
        # rate × weight over the whole range; other mixes are not understood.
        if re.search(r"全部[^;。]*?得\d", text) and re.search(r"部分[^;。]*?×", text):
            return RateTimesWeight()
        return None
    clauses = level_clauses(text)
    if clauses is None:
        return None
    positive = [c for c in clauses if c.positive]
    if len(positive) < 2 or any(c.each for c in positive):
        return None
    others = [c for c in clauses if not c.positive]
    answers = [c for c in others if c.is_zero and (complement(c.name) or any(_answers(c, p) for p in positive))]
    faults = [c for c in others if c not in answers]
    values = [c.value for c in positive if c.effect == "points"]
    equal = len(set(values)) < len(values)
    graded = (
        any(c.label for c in clauses)
        or any(c.is_zero and not complement(c.name) for c in others)
        or any(c.effect in ("full", "fraction") for c in positive)
        or are_grades([c.name for c in positive])
    )
    if graded and not equal:
        top = max(v for v in values if v is not None) if len(values) == len(positive) else None
        levels = [_level(c, top) for c in clauses if c in positive or c in faults or c in answers]
        if any(lv is None for lv in levels):
            return None
        return Qualitative(levels=tuple(lv for lv in levels if lv is not None))
    if faults or len(values) != len(positive) or graded:
        return None  # scores added and taken away without levels: not understood
    names = tuple(c.name for c in positive)
    additive = equal or all(c.bracket for c in positive)
    zero = [c.name for c in answers if not _GENERIC.match(canon(c.name))]
    otherwise = zero[0] if len(zero) == 1 and not additive else None
    items = tuple(v for v in values if v is not None)
    return Checklist(items=items, names=names, either=not additive, otherwise=otherwise)


# The grade test of level names lives in ``level_grades`` and the judged shape in ``judgements`` (split in
# session 8 to keep this module under 300 lines); ``judgement`` is imported from here too.
from medaid.evaluation.ruletext.judgements import judgement  # noqa: E402
