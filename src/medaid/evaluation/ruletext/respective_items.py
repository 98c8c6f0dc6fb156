"""A list of things, then the marks or deductions each takes, in the same order ("respective" lists).

How tables write them (lists family, session 7):
- the things, cut by 、 or by commas, then 分别/依次/逐项 and the verb, then the numbers in order:
  "如发现大坝未除杂草,库内有漂浮物及垃圾未清理,溢洪道堵塞,…将依次扣除4分、2分、2分、2分、2分",
  "未建立台账、台账不全、未按时报送的,分别扣2、1、2分", "制度健全、台账规范、记录完整分别计2分、1分、1分";
  a last thing of a 、-list joined by 和/及/与 ("台账和记录") leaves the count of things unsaid, and is refused;
  the numbers may each carry 分 or share one ("2、1、2分"), be cut by 、 , 和 及, and sit in brackets;
- deductions (扣/扣除/扣减/减) are faults found: each thing is then a fault, which the text says either by an
  opening word ("如发现", "凡出现", "存在", "若有") or by each thing's own denial (未/无/没有/不/缺/少…);
  a denial written once at the head is every thing's ("未建立制度、台账、记录" is 未建立 each; ``head_denials``),
  a verb alone is not ("组织机构健全、工作经费落实"); a 不/差 inside a word is no denial ("不动产", "差旅费");
  a thing counted per case ("漏报一次", "第一起", "每处") is the count readings';
- marks (得/计/记/给/赋/占: "分值分别占3分、2分") are requirements met, each its own item of a checklist; a denied
  thing among them ("有方案、无违规,分别得2、1分") is not a plain requirement, and the text is not read;
- before the list the text may name the task ("做好…养护管理工作;保持大坝内外面光洁,"), which scores nothing:
  a sentence there with any number, 扣, 得, 分 or 不得分 makes the text not understood; after the numbers only
  "扣完为止" (or the like) may follow.

Thresholds of one quantity ("占…的30%以上、20%以上和10%以上,分别得6分、4分和2分") are spelled out as bands and
read by the band readings (``_thresholds``).

Read as a ``Checklist``: marks → items each worth its number (they must add up to the full marks, which
``rules.checklist`` checks); deductions → a deduction list from the full marks, an item per fault. The count of
things must be the count of numbers; anything else (a distributed failure "A、B、C未达到要求的,分别扣…",
where a thing is not a fault on its own) is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.rules.naming import GRADES, aliases
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.head_denials import masked, own_fault, spread_head
from medaid.evaluation.ruletext.sub_items import degrees

_ONE = r"\d+(?:\.\d+)?"
_TAIL = re.compile(
    rf"(?P<lead>将|则|即|的|者|时)?,?(?:分值|分数)?\(?(?P<order>分别|依次|逐项|依序)(?:予以)?(?:为)?(?P<verb>扣除|扣减|扣|减去|减|得|计|记|给予|给|赋|占)"
    rf"(?P<values>{_ONE}分?(?:(?:、|,|和|及)\s*{_ONE}分?)+)分?\)?"
    r"(?:[,;。]?(?:扣完为止|扣完即止|直至扣完|扣至0分为止|扣至零分为止|最低为0分|最低为零分))?[。;]?$"
)
# "如发现", "凡出现", "若存在", "发现": the things after it are faults found
_FOUND = re.compile(
    r"(?:^|(?<=[,;。:]))(?:检查中|检查时|经查|抽查中)?(?:如果|如|若|凡是|凡|一旦)?(?:发现|出现|存在|发生)(?=[^,;。]{2})"
)
_FOUND_HAS = re.compile(r"(?:^|(?<=[,;。:]))(?:如果|如|若|凡是|凡)有(?=[^,;。]{2})")
# a thing counted per case ("漏报一次", "第一起", "每处"): a deduction per occurrence, the count readings'
_PER_CASE = re.compile(r"每|第[一二三四五六七八九十\d]|[一二两三\d]\s*(?:次|例|处|起|件|人|户|个|宗|篇)")
_SCORE_WORDS = re.compile(r"\d|扣|得分|不得|分值|满分|计分|加分|减分")


def _values(text: str) -> list[Decimal]:
    return [Decimal(x) for x in re.findall(NUM, text)]


def _things(run: str, count: int) -> list[str] | None:
    """The things of a run, cut at 、 and commas, or at one of them, so that they number ``count``."""
    for cut in (r"[、,]", r",", r"、"):
        pieces = [p.strip(" ,、") for p in re.split(cut, run)]
        if len(pieces) == count and all(pieces):
            return [re.sub(r"(?:的|者)$", "", p) for p in pieces]
    return None


def respective_items(text: str) -> Rule | None:
    """Things listed, then 分别/依次 the marks or deductions of each in order (module docstring)."""
    body = text.strip(" ,;。")
    tail = _TAIL.search(body)
    if tail is None:
        return None
    values = _values(tail.group("values"))
    head = body[: tail.start()].rstrip(" ,")
    if len(values) < 2 or any(v <= 0 for v in values):
        return None
    deduct = tail.group("verb") in ("扣除", "扣减", "扣", "减去", "减")
    opener = None
    if deduct:
        opener = _FOUND.search(head) or _FOUND_HAS.search(head)
    cut = opener.end() if opener is not None else max(head.rfind(";"), head.rfind("。"), head.rfind(":")) + 1
    preamble, run = head[: opener.start() if opener is not None else cut], head[cut:]
    if _SCORE_WORDS.search(preamble):
        return None
    if _SCORE_WORDS.search(run):
        return None if deduct else _thresholds(preamble, run, values, tail.group("verb"))
    if _PER_CASE.search(run):
        return None
    things = _things(run, len(values))
    if things is None or any(len(t) < 2 for t in things):
        return None
    if "、" in run and re.search(r"和|及|与", things[-1]):
        return None  # "未建立制度、台账和记录的,分别扣2分、1分": three things or two? not said
    # fix round: the head's denial is spread by ``head_denials`` (its adverbs and verb, onto objects and verbs,
    # never onto faults of their own); a list mixing both is doubtful, and refused
    spread = spread_head(things)
    if spread is None or any(masked(t) != t for t in things):
        # "不动产登记证": the actual's matcher takes the 不 of 不动产 in "已办理不动产登记证" for a denial (a fault
        # found): until it knows such words, a list naming them is not read
        return None
    things = spread
    if sum(1 for t in things if any(a in GRADES for a in aliases(t))) >= 1 or degrees(things):
        return None  # "优秀、良好、合格分别得10、8、6分", "全部完成、基本完成…": levels of one thing, not items
    if deduct and opener is None and not all(own_fault(t) for t in things):
        return None  # "A、B、C未达到要求的,分别扣…": the failure is the list's, not each thing's own
    if not deduct and any(re.match(r"^(?:未|无|没有|不)", t) for t in things):
        return None
    if deduct:
        return Checklist(items=tuple(values), names=tuple(things), deduct=True)
    return Checklist(items=tuple(values), names=tuple(things))


# a threshold: "30%以上", "20%(含)以上", "达到10万元以上", "不低于95%"; what follows its number says its side
_PREFIX_SIDE = r"达到|达|不超过|不高于|不大于|超过|高于|大于|不低于|不少于|不小于|低于|不足|少于|小于"
_SUFFIX_SIDE = r"(?:\(含\))?(?:及以上|以上|及以下|以下)"
_THRESHOLD = (
    rf"(?:{_PREFIX_SIDE})?\d+(?:\.\d+)?(?:%|‰|个百分点|万元|元|人次|人|户|家|个|次|项|天|亩|件|篇|份|例|座|所|公里|吨|小时)?"
    rf"(?:\(含\))?{_SUFFIX_SIDE}?"
)
_SIDES = re.compile(rf"^(?P<pre>{_PREFIX_SIDE})?(?P<core>\d+(?:\.\d+)?[^\d(以及]*)(?P<post>{_SUFFIX_SIDE})?$")
_LAST_THRESHOLD = re.compile(rf"(?:、|,|和|及|与)(?P<t>{_THRESHOLD})$")
_FIRST_THRESHOLD = re.compile(rf"^(?P<subject>[^\d,;。、]{{2,40}}?)(?P<t>{_THRESHOLD})$")


def _monotone(numbers: list[Decimal]) -> bool:
    return all(a > b for a, b in pairwise(numbers)) or all(a < b for a, b in pairwise(numbers))


def _sided(bounds: list[str]) -> list[str] | None:
    """Each threshold with its side (fix round). A side word written once is every threshold's only where the
    text puts it: before the first ("超过30%、20%、10%", "低于1%、3%、5%", "达到95%、90%、85%": 超过/低于/达到 each)
    or after the last ("30%、20%、10%以上": 以上 each); a threshold left without a side otherwise ("1%以下、3%、
    5%": 3% exactly, or 3%以下?) is not read."""
    parts = [_SIDES.match(b) for b in bounds]
    if any(p is None for p in parts):
        return None
    pre = [p.group("pre") or "" for p in parts if p is not None]
    post = [p.group("post") or "" for p in parts if p is not None]
    bare = [not a and not b for a, b in zip(pre, post, strict=True)]
    if not any(bare):
        return bounds
    if pre[0] and not post[0] and all(bare[1:]):
        return [pre[0] + b if i else b for i, b in enumerate(bounds)]
    if post[-1] and not pre[-1] and all(bare[:-1]):
        return [b + post[-1] if i < len(bounds) - 1 else b for i, b in enumerate(bounds)]
    return None


def _thresholds(preamble: str, run: str, values: list[Decimal], verb: str) -> Rule | None:
    """ "占年度总投资的30%以上、20%以上和10%以上,分别得6分、4分和2分": thresholds of one quantity, each with its
    marks in order, are the bands "…30%以上,得6分;…20%以上,得4分;…10%以上,得2分", read as such by the band
    readings; only when the reading gives the highest marks as the full marks (one band applies, never a sum)."""
    from medaid.evaluation.ruletext.composite import composite
    from medaid.evaluation.ruletext.shapes import SHAPES

    rest = run
    found: list[str] = []
    while (last := _LAST_THRESHOLD.search(rest)) is not None and len(found) < len(values) - 1:
        found.insert(0, last.group("t"))
        rest = rest[: last.start()]
    first = _FIRST_THRESHOLD.match(rest)
    if first is None or len(found) != len(values) - 1 or not re.search(r"\d", "".join(found)):
        return None
    subject, bounds = first.group("subject"), [first.group("t"), *found]
    sided = _sided(bounds)
    if sided is None:
        return None
    bounds = sided
    numbers = [Decimal(re.findall(NUM, b)[0]) for b in bounds if re.search(r"\d", b)]
    if len(numbers) != len(bounds) or not _monotone(numbers) or not all(a > b for a, b in pairwise(values)):
        return None  # marks that do not fall from the first threshold to the last: which applies is not said
    below = [bool(re.search(r"低于|不足|少于|小于|不超过|不高于|不大于|以下", b)) for b in bounds]
    if any(below) != all(below) or all(a < b for a, b in pairwise(numbers)) != all(below):
        # fix round: an upper bound ("低于1%、3%、5%") must rise as the marks fall, a lower bound ("30%以上、20%以上")
        # fall; "不足95%、90%、85%,分别得5、3、1分" (more marks for more shortfall room) is not read
        return None
    lead = f"{preamble}," if preamble.strip(" ,;。") else ""
    spelled = lead + ";".join(f"{subject}{b},{verb}{v}分" for b, v in zip(bounds, values, strict=True))
    for shape in SHAPES:
        if shape is respective_items or shape is composite:
            continue
        rule = shape(spelled)
        if rule is not None:
            return rule if rule.full_marks() == max(values) else None
    return None
