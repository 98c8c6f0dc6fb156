"""Several deductions from one full marks in one text (``rules.deduction_sum``): "宣传培训每少一次扣0.5分，每缺一个
行业扣1分，扣完为止"; "工作人员每少一人,扣1分,最多扣3分;院长非专职人员,扣2分"; "紧急问题结案率未达到100%的,每少一个
百分点扣0.5分;按期结案率未达到95%以上(含)的,每少一个百分点扣0.5分".

The text is cut into parts, each ending with its deduction (扣N分): at 。 and ;, and at a comma after a deduction.
A limit that follows ("最多扣3分", "最高扣10分", "扣完为止") stays with its part. Each part must be a per-step
deduction read by ``deductions.per_point`` (its reference, cap and side as that reading gives them) or a fault
with fixed points ("有冲抵或挪作他用的,扣2分"; no number, no 每), or a veto of misconduct ("弄虚作假的,不得分":
no score at all); there must be at least two parts and one step,
and at most one part may state full marks (then those of the whole item: "违法生育多孩率3%(12分)…"). A closing
note in brackets with no number and no score ("(每次宣传培训不能重复统计)") says how to count, not how to score,
and is passed over. Each part is given the words a statement about it will contain: its subject (the words
before the step or its condition: "宣传培训", "按期结案率"), the noun the step counts ("行业" of "每缺一个行业")
or the fault itself.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.rules import PerPoint, Rule
from medaid.evaluation.rules.deduction_sum import DeductedPart, DeductionSum
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.step_context import MISCONDUCT
from medaid.evaluation.ruletext.step_parts import TO_ZERO, canonical, full_in_words

_NOTE = re.compile(r"[。;]?\((?P<note>[^()\d扣得分]*)\)[。;]?$")
_DEDUCTS = re.compile(rf"(?:扣除|扣减|扣|减去?)(?:该项|本项)?{NUM}分")
_LIMIT = re.compile(
    rf"^(?:(?:最多|最高|至多|累计最多|累计)(?:只)?(?:扣除|扣减|扣)(?:分)?{NUM}分|扣分(?:最多|最高)?不超过{NUM}分"
    rf"|扣完{NUM}分为止|扣分不封顶|扣分不设上限|(?:{TO_ZERO.pattern}))$"
)
_FAULT = re.compile(
    rf"^(?P<fault>[^\d每,;。]{{2,40}}?)(?:的|者|时)?,?(?:则)?(?:该项|本项|此项)?(?:扣除|扣减|扣|减)(?P<n>{NUM[1:-1]})分$"
)
_VETO = re.compile(
    r"^(?P<fault>[^\d每,;。]{2,40}?)(?:的|者)?,?(?:则)?(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)$"
)
_VETO_END = re.compile(r"(?:不得分|不计分|得0分|计0分)$")
_UNCAPPED = re.compile(r",?(?:扣分不封顶|扣分不设上限)$")
_STEPPED = re.compile(r"每|(?:^|(?<=[,;。:])|(?<=分\)))(?:下降|降低|减少|上升|增加|提高|少|缺|差|欠|多|超)1")
_SUBJECT = re.compile(
    r"^([\u4e00-\u9fa5()]{2,20}?)(?=每|未达到|未达|未按|达不到|低于|高于|超过|达到|达|不低于|不少于|少于|在|\d|,|的|\()"
)
_COUNTED = re.compile(
    r"\d((?:个|项|次|份|件|人|户|家|所|名|篇|条)(?!月|小时|工作日)([\u4e00-\u9fa5]{1,8}?))的?(?=,?(?:扣|减))"
)
_INCIDENTS = frozenset({"例", "处", "次", "件", "起", "宗", "笔"})
# a step of cases: written without 每 ("缺一次扣2分") or with no word before its counter ("未完成的每件扣1分")
_CASES = re.compile(
    r"(?:^|[^\u4e00-\u9fa5])(?:(?!每)[\u4e00-\u9fa5]){1,4}1(?:例|处|次|件|起|宗|笔)|每个?1?(?:例|处|次|件|起|宗|笔)"
)
_NOT_A_FAULT = re.compile(r"\d|[一二两三四五六七八九十](?:个|次|例|处|件|起|人|名|项)|其中|加$|倒$|另$|再$|累计")
_PLAN = re.compile(r"(?:规定|计划|应|任务|目标|要求)[\u4e00-\u9fa5]{0,6}数")


# counts family (s7): a step written for one, with no 每 ("超生1个小孩扣1分", "缺1名专干扣2分"): one thing more or
# missing, in a counter of things (not of incidents, which the count readers read), the points for each
_ONE_STEP = re.compile(
    r"^(?P<head>[^\d每,;。]{0,12}?)(?P<verb>(?:超|多|少|缺|差)[\u4e00-\u9fa5]{0,3}?)1"
    r"(?P<rest>(?:个|人|名|户|家|项|份|所|条|篇)[^\d,;。]{0,8}?(?:的)?,?(?:扣|减)\d+(?:\.\d+)?分)$"
)


def _one_as_each(piece: str) -> str:
    found = _ONE_STEP.match(piece)
    return piece if found is None else f"{found.group('head')}每{found.group('verb')}1{found.group('rest')}"


def _cut(text: str) -> list[str] | None:
    """The parts, each ending with its deduction (and its limits); None when a clause is left without one."""
    parts: list[str] = []
    # "…扣1分每缺…扣0.5分": a deduction ends its part even with no punctuation after it
    text = re.sub(rf"(?:{_DEDUCTS.pattern})(?=[^,;。])", lambda m: m.group(0) + ",", text)
    for sentence in (s for s in text.split("。") if s):
        current: list[str] = []
        for chunk in re.split(r"[,;]", sentence):
            if not chunk:
                continue
            if _LIMIT.match(chunk) and not current:
                if not parts:
                    return None
                parts[-1] += "," + chunk
                continue
            current.append(chunk)
            if _DEDUCTS.search(chunk) or _VETO_END.search(chunk):
                parts.append(",".join(current))
                current = []
        if current:
            return None
    return parts


def _names(part: str, rule: PerPoint | None, fault: str | None) -> tuple[str, ...]:
    names: list[str] = []
    if fault is not None:
        names.append(re.sub(r"^(?:有|存在|出现|发现)", "", fault))
        names.append(re.sub(r"没有|未|不|无|非", "", names[-1]))  # "督查记录完整" speaks of "督查记录不完整"
    subject = _SUBJECT.match(part)
    if subject and rule is not None:
        names.append(subject.group(1))
    if rule is not None and (counted := _COUNTED.search(canonical(part))):
        names += [counted.group(2), counted.group(1)]  # "行业" and "个行业"; "个村" of "每少一个村"
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


def deduction_sum(text: str) -> Rule | None:
    """ "A每少一次扣0.5分，B每缺一个扣1分，扣完为止" and its kin (module docstring)."""
    text = full_in_words(text)  # "得100%分" is full marks
    note = _NOTE.search(text)
    if note:
        text = text[: note.start()]
    pieces = _cut(text.strip("。;,"))
    if pieces is None or len(pieces) < 2:
        return None
    parts: list[DeductedPart] = []
    fulls: list[Decimal] = []
    for piece in pieces:
        piece = _one_as_each(piece)  # counts family (s7): "超生1个小孩扣1分" is "每超生1个小孩扣1分"
        if _STEPPED.search(canonical(piece)):
            rule = per_point(piece)
            if not isinstance(rule, PerPoint) or (rule.unit in _INCIDENTS and _CASES.search(canonical(piece))):
                return None  # "缺一次扣2分", "未完成的每件扣1分": counts of cases of each kind (``cases``, ``kinds``)
            if rule.full is not None:
                fulls.append(rule.full)
                rule = dataclasses.replace(rule, full=None)
            condition = piece[: piece.find("每")] if "每" in piece else ""
            plan = rule.unit in (None, "%") and bool(_PLAN.search(condition))
            names = _names(piece, rule, None)
            if not names:
                return None
            parts.append(DeductedPart(piece, names, rule=rule, plan=plan))
            continue
        veto = _VETO.match(re.sub(rf",(?:{TO_ZERO.pattern})$", "", piece))
        if veto is not None:
            if not MISCONDUCT.search(veto.group("fault")) or _NOT_A_FAULT.search(canonical(veto.group("fault"))):
                return None  # "未达到80%的不得分": a level of what a step measures, not misconduct
            parts.append(DeductedPart(piece, _names(piece, None, veto.group("fault")), fault=veto.group("fault")))
            continue
        # "…的,扣3分;扣完为止", "…;扣分不封顶": limits of the whole, read below
        fixed = _FAULT.match(_UNCAPPED.sub("", re.sub(rf",(?:{TO_ZERO.pattern})$", "", piece)))
        if fixed is None:
            return None
        fault = fixed.group("fault")
        if _NOT_A_FAULT.search(canonical(fault)):
            return None  # "漏报一次扣1分" (a count), "其中…的加扣2分" (more on a case already deducted)
        parts.append(DeductedPart(piece, _names(piece, None, fault), fault=fault, points=Decimal(fixed.group("n"))))
    if not any(p.rule is not None for p in parts) or len(fulls) > 1:
        return None
    # a step's own word names it when no other part has it: "迟报3天" speaks of "每迟报一天扣0.5分"
    words = [(p.rule.word or "").rstrip("的者") if p.rule is not None else "" for p in parts]
    parts = [
        dataclasses.replace(p, names=(*p.names, w)) if len(w) >= 2 and words.count(w) == 1 and w not in p.names else p
        for p, w in zip(parts, words, strict=True)
    ]
    uncapped = bool(_UNCAPPED.search(text.strip("。;,")))
    return DeductionSum(parts=tuple(parts), full=fulls[0] if fulls else None, uncapped=uncapped)
