"""Counts in rule texts: the clause that scores each one counted ("每发现1例…扣0.5分", "缺席一次扣0.5分",
"每实现一个乡镇…得0.5分"), the item's full marks and its vetoes ("弄虚作假的该项不计分"); cases.py,
count_scores.py and kinds.py read the shapes built of them.

Reading conventions (docs/rules.md):
- A count clause is "每" + (verb) + (number) + counter, or a number + counter; without 每 the number must
  be one ("缺席一次扣0.5分", "一个区作假扣1分"): "发现3例扣2分" is a threshold, not a count, and is refused.
- What stands around the count ("超标准执行", "未完成") is what the rule counts; an actual's words must
  name it (rules/counts.py).
- Full marks are the one score the text gives before the count clause ("得5分", "(2分)", "…情况1分", ":3分",
  "按100分计"), "满分N分" anywhere, or after it a score with no condition or the item done right ("(5分)",
  "符合要求得5分"; not "整改到位的得1分"); two of them ("健全1分,有办公场地1分": a checklist) make the text not
  understood.
- A parenthesis that qualifies what is counted ("(50亩以上)", "(兼)") says nothing about the score and is
  set aside; one with 分 or 含 is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.rules.count_vocab import COUNTER, NEGATION, NUMBER, PART, POSITIVE, cn_int, plain
from medaid.evaluation.ruletext.common import NUM, residual, unexplained
from medaid.evaluation.ruletext.count_context import (
    BOUNDED_REVERSAL,
    PERMITS_BELOW_ZERO,
    case_fault,
    case_words,
    each_requirement,
    procedure_parts,
    shortfall_norm,
)
from medaid.evaluation.ruletext.score_spellings import bare_points

_EACH = re.compile(rf"每(?P<verb>[^\d每,;。]{{0,8}}?)(?P<n>{NUMBER})?(?P<unit>{COUNTER})")
# "每发现值班人员脱岗一次": a counter right after words with no number is a noun's ("人" of "人员"), not the count's
_EACH_NUMBERED = re.compile(rf"每(?P<verb>[^\d每,;。]{{1,8}}?)(?P<n>{NUMBER})(?P<unit>{COUNTER})")


def _each(part: str) -> re.Match[str] | None:
    """The "每…N个" of a part: "每处", "每发现1例", and "每发现值班人员脱岗一次" counted in 次, not in 人."""
    hit = _EACH.search(part)
    if hit is not None and hit.group("verb") and not hit.group("n"):
        numbered = _EACH_NUMBERED.search(part)
        if numbered is not None and numbered.start() == hit.start():
            return numbered
    return hit


_ONE = re.compile(rf"(?P<n>{NUMBER})(?P<unit>{COUNTER})(?!性)")
# Words that make a step against a target, not a count of cases (steps read them: "每少10人扣1分").
_AGAINST = re.compile(
    r"低于|少于|减少|下降|降低|不足|高于|超过|超出|增加|上升|多于|提高|延迟|推迟|(?<!对)比(?!例|重|对)"
    r"|较(?:上年|去年|同期|年初|目标|计划|基数)|目标"
)
_STEP_VERBS = ("少", "差", "多", "超")
RANKING = re.compile(
    r"排名|名次|排位|位次|倒数第|[前第](?:\d+|[一二三四五六七八九十]+)名|每(?:后移|后退|退后|下移|落后|前进)"
)
# Phrases that say nothing a score depends on, beside common.BENIGN.
BENIGN = re.compile(
    r"直至扣(?:为|至)?(?:零|0)分(?:为止)?|扣至(?:零|0)分为止|最低(?:为)?(?:零|0)分|扣完即止"
    # where the evidence is taken: "以每次单项工作抽查情况为准", "以检查档案资料为准", "以台账和报表为依据"
    r"|(?:^|(?<=[,;。]))以[^,;。\d分]{2,24}?为(?:准|依据)(?=[,;。]|$)"
)


# How often a requirement is to be met, in a part with no score, count or negation left: "每月及时参加专干例会
# (得12分)" is the requirement of the full marks, not a step (faults family).
_HOW_OFTEN = re.compile(
    r"(?:^|(?<=[,;。]))每(?:月|季度|季|年|半年|周|旬)(?=(?:及时|按时|按期|按要求|定期|均|都)?"
    r"(?:参加|召开|开展|报送|上报|组织|举行|出席|更新|检查|研究)[^\d,;。不未没无缺]*(?:[,;。]|$))"
)


# "宣传内容每季度1期,少1期扣1分": how many are due, the plan a shortfall count ("少1期") is counted against.
_NORM = re.compile(
    rf"^[^,;。\d]{{0,12}}?每(?:月|季度|季|年|半年|周|旬)(?:至少|不少于)?{NUMBER}(?P<unit>{COUNTER}|期)[,;。]?$"
    # counts family: "每月至少开展1次巡查", "每季度召开1次例会": the plan with its verb and object
    rf"|^[^,;。\d]{{0,12}}?每(?:月|季度|季|年|半年|周|旬)(?:至少|不少于|应)?[^,;。\d不未没无缺]{{1,8}}?{NUMBER}"
    rf"(?P<unit2>{COUNTER}|期)[^,;。\d不未没无缺扣得分]{{0,8}}[,;。]?$"
)


def _norm_of_count(piece: str, text: str) -> str:
    """The piece, or "" when it is the plan of a shortfall count the text reads in the same counter."""
    found = _NORM.match(piece)
    unit = (found.group("unit") or found.group("unit2")) if found else ""
    if found and re.search(rf"(?:少|缺)(?:\d+|一|1){re.escape(unit)}[^,;。]{{0,6}}扣", text):
        return ""
    return piece


def unbracket(text: str) -> str:
    """Set aside a parenthesis that only qualifies what is counted: "(50亩以上)", "(兼)"."""
    text = text.translate(str.maketrans("〔【〕】", "(())"))  # "1篇〔项〕"
    text = bare_points(text)  # counts family: "(少1个班扣0.5)" deducts points, and is read
    return re.sub(r"\((?!不?含)[^()分]*\)", "", text)


@dataclass(frozen=True)
class Counted:
    """One count clause and the score it gives or takes. ``words``: its part without the count ("主办处室按件"
    of "…,主办处室按件加0.2分"), or the part before a bare count ("导致不能按时纳保的" of "…,每出现一例扣0.5分")."""

    span: tuple[int, int]
    per: Decimal
    unit: str
    what: str
    subject: str
    points: Decimal
    each: bool
    verb: str
    context: str = ""  # the condition in the part before a bare count ("出现越级上访" of "出现越级上访,一次扣2.5分")
    words: str = ""
    fault: str = ""  # counts family: which things counted are cases ("不完整" of "不完整的每个项目") (``_fault``)


ITEMS = ("项", "个", "份", "件", "条", "处", "篇", "本", "套", "种", "张")
TOTAL = re.compile(rf"{NUM}分×(\d+)({'|'.join(ITEMS)})")  # "(2分×4项,即…)": each item's marks, and how many


def missing_items(verb: str, unit: str, text: str) -> bool:
    """ "每少记录一项": items missing, counted from none, when nothing in the text gives a number of them to
    count from (a total "2分×4项" aside); "每少10人", "不少于5篇,每少1篇" are steps against a number."""
    others = re.findall(rf"\d+(?:\.\d+)?{unit}", TOTAL.sub("", text))
    return verb.startswith(("少", "缺少")) and unit in ITEMS and len(others) <= 1


# the cause before what is counted: "因识别不精准导致(有)投诉举报的" counts the complaints
_CAUSE = re.compile(r"^因[^,;。]{1,15}?(?:导致|造成|致使|引起|引发)(?:有)?")


def counted(text: str, outcome: re.Pattern[str]) -> list[Counted | None]:
    """Every outcome (扣N分, 得N分) with the count clause before it; None for a clause whose count cannot
    be a count of cases ("发现3例扣2分", "每少10人扣1分"). Outcomes with no count before them are left out.
    A part between the count and its points may only add an alternative ("…,或上报内容不符合要求的,扣0.5分")."""
    found: list[Counted | None] = []
    previous = 0
    for m in outcome.finditer(text):
        begin = max(max(text.rfind(c, 0, m.start()) for c in ";。:()") + 1, previous)
        previous = m.end()
        parts = text[begin : m.start()].split(",")
        for i in range(len(parts) - 1, -1, -1):
            hit = _each(parts[i]) or _ONE.search(parts[i])
            if hit:
                break
        else:
            continue
        if any(plain(p) and not p.startswith("或") for p in parts[i + 1 :]):
            found.append(None)  # a condition between the count and its points
            continue
        start = begin + sum(len(p) + 1 for p in parts[:i])
        each = hit.re is _EACH
        verb = hit.group("verb") if each else ""
        number = cn_int(hit.group("n")) if hit.group("n") else Decimal(1)
        pre = parts[i][: hit.start()]
        desc = parts[i][hit.end() :] + "".join(parts[i + 1 :])
        if (
            number is None
            or number <= 0
            or (not each and number != 1)
            or _AGAINST.search(verb + case_words(pre, hit.group("unit")))
            or (
                verb.startswith(_STEP_VERBS)
                and not missing_items(verb, hit.group("unit"), text)
                and not (number == 1 and verb.startswith(("少", "缺")) and shortfall_norm(text, hit.group("unit")))
            )
            or re.match(r"(?:及)?以[上下内]|\(含", desc)  # "1人以上1分": a threshold, not a count
        ):
            found.append(None)
            continue
        what = plain(verb + desc) if each else plain(plain(pre) + desc)
        if each and not what:
            what = plain(pre)
        if not what and "问题" in pre + desc:  # "发现问题每处扣1分": the filler words leave only what is counted
            what = "问题"
        points = Decimal(m.group(1))
        context = plain(_CAUSE.sub("", parts[i - 1])) if i and not what and "分" not in parts[i - 1] else ""
        words = pre + (verb if each else "") + desc
        words = words if plain(words) else (parts[i - 1] if i else "")
        if i and re.fullmatch(r"[缺少漏错]+", what) and not re.search(r"\d|分", parts[i - 1]):
            words = f"{parts[i - 1]},{words}"  # "资料完整,缺1个": what is missing is the requirement's
        fault = case_fault(pre, parts[i - 1] if i else "", plain(desc)) if each else ""
        found.append(Counted((start, m.end()), number, hit.group("unit"), what, plain(desc), points, each, verb,
                             context, words, fault))  # fmt: skip
    return found


_MARKS = re.compile(
    rf"满分(?:为)?{NUM}分"
    rf"|(?<!最高)(?<!最低)(?<!最多)(?<!超过)(?:得|计|按){NUM}分(?:计)?"
    rf"|(?:^|(?<=[,;。:(]))[^,;。:()扣加每得计最]*?{NUM}分(?=[,;。)]|$)"
)
_SAYS_NOTHING = re.compile(r"本项|该项|此项|本指标|该指标|满分|分值|总分|基本分|基础分|合计|权重|共|计|为|得")


def _whole(condition: str) -> bool:
    """A score after the count clause is the item's full marks only when it is unconditioned ("(5分)",
    "本项满分5分") or its condition is the item done right ("符合要求得5分"), not an add-back ("整改到位的得1分")."""
    rest = _SAYS_NOTHING.sub("", plain(condition))
    if not rest:
        return True
    mends = re.search(r"整改|改正|纠正|补|追回", rest)
    return not any(c in NEGATION for c in rest) and bool(POSITIVE.search(rest)) and not mends


_HEADER = re.compile(rf"\({NUM}分\)")


def full_marks(text: str, before: int, spans: list[tuple[int, int]]) -> tuple[Decimal | None, bool]:
    """The item's full marks: the one score written before ``before``, 满分N分 anywhere, or after it a score
    of the item done right (``_whole``); and whether they agree. The spans read are added to ``spans``."""
    values: set[Decimal] = set()
    items = 0
    for m in _MARKS.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        head = max(text.rfind(c, 0, m.start()) for c in ",;。:(") + 1
        if m.start() >= before and not m.group(0).startswith("满分") and not _whole(text[head : m.start()]):
            continue
        values.add(Decimal(next(g for g in m.groups() if g is not None)))
        items += not m.group(0).startswith("满分") and not _HEADER.match(text, m.start() - 1)  # "(8分)" heads
        spans.append(m.span())
    if len(values) > 1 or items > 1:  # "健全1分,有办公场地1分": items of a checklist, not full marks
        return None, False
    return (values.pop() if values else None), True


_VETO = re.compile(
    r"(?:^|(?<=[,;。:]))(?P<cond>[^,;。:]{2,40}?)(?:的)?,?(?:则)?(?:该项|此项|本项|该指标|本指标)?"
    r"(?:不得分|得0分|计0分|不计分|为0分|0分)(?=[,;。)]|$)"
)


VETO = _VETO  # count_limits reads the vetoes with a limit of their own


def vetoes(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...] | None:
    """Conditions that zero the score ("有弄虚作假现象的该项不计分", "填写不全不得分"); None when one
    holds a number, a count or a score this reading would ignore."""
    found: list[str] = []
    for m in _VETO.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        cond = m.group("cond")
        # "较大以上事故", "县级以上通报" are grades and levels, not thresholds (counts family)
        graded = re.sub(r"(?:较大|重大|特大|一般|级)(?:及)?以上", "", cond)
        if re.search(rf"[1-9]|{NUMBER}{COUNTER}|扣|得|加|每|以上|以下|^(?:否则|其他|其余|反之|未达到|达不到)", graded):
            return None  # a count or a threshold, or "否则不得分": the other side of a condition
        found.append(plain(cond))
        spans.append(m.span())
    return tuple(found)


def leftover(text: str, spans: list[tuple[int, int]]) -> bool:
    """Something the reading would ignore is left: a score, a step, a bonus, another deduction or veto, or a
    sanction the rule does not score ("一票否决", "取消评优资格", "降一档", "加倍扣分")."""
    if BOUNDED_REVERSAL.search(text):  # "(可倒扣,)最多倒扣1分": a floor below zero no rule keeps; stays unread
        return True
    rest = PERMITS_BELOW_ZERO.sub("", residual(text, spans))  # counts family (s9): ruletext._below_zero reads it
    rest = each_requirement(procedure_parts(_HOW_OFTEN.sub("", BENIGN.sub("", rest))), text)
    rest = "".join(_norm_of_count(piece, text) for piece in re.split(r"(?<=[,;。])", rest))
    return unexplained(rest) or bool(
        re.search(
            r"扣(?:除|减)?\d|扣分(?!项|标准|说明|情况|依据|细则|办法)|不得分|不计分|得0分|倒扣|加[扣记计]"
            r"|否决|取消|降(?:\d|一|两|二)?(?:档|级|等)|加倍|翻倍|双倍|酌情|视情",
            rest,
        )
    )


def requirements(text: str, marks: list[tuple[int, int]]) -> tuple[str, ...]:
    """The conditions of the full-marks scores read at ``marks`` when they are requirements met ("III类水质比例
    达到年度任务书要求的,得40分"; not "未发生事故的得5分", nor one with a number): an actual that restates one
    says no case was found."""
    found: list[str] = []
    for start, _ in marks:
        head = max(text.rfind(c, 0, start) for c in ";。:(") + 1
        condition = re.sub(r"(?:的|者|时|,)+$", "", text[head:start])
        condition = re.sub(r"^(?:\d{1,2}|[一二三四五六七八九])[.、](?!\d)", "", condition)  # counts family (s8): "2.…"
        if condition and not re.search(rf"\d|[{NEGATION}]|分|每", condition):
            found.append(condition)
        elif re.search(r"[,、]且|,并且|,同时", condition):
            # "评定等级合格及以上,且未发生投诉和通报的,得2分": each requirement met on its own; the negated ones are
            # the cases counted or vetoed, the others an actual may restate ("评定合格")
            for part in re.split(r"[,、](?:且|并且|同时)?", condition):
                part = re.sub(r"(?:及|或)以上$", "", part)
                if part and not re.search(rf"\d|[{NEGATION}]|分|每", part):
                    found.append(part + PART)
    return tuple(found)
