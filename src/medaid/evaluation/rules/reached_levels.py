"""A number against a yes/no condition whose bar is the row's target (affirm family, session 6).

The family: a condition names a quantity and a bar it must reach, the bar written in words, not in numbers —
"年内补充的耕地面积达到各类非农建设经依法批准占用的耕地面积(校核后),记10分,达不到的,该项不得分";
"2019年末耕地面积大于或等于规划下达的耕地保有量的,得3.5分,否则不得分"; "同步组建率达标得2分,未达标不得分".
The row's target ("≥1200亩", "≥98%") is that bar stated in numbers. The evaluator gives the quantity as a
number; it is compared with the target, in the target's unit. One level scores; the other (if any) is the
condition not met ("达不到", "未达标", "否", "低于…"). A condition with a number of its own ("达到占用面积的80%")
is not read here: the number, not the target, is the bar.

Comparison words: 大于或等于/不低于/不少于 (≥), 小于或等于/不超过/不高于 (≤) must agree with the target's
comparator when it has one; 达到/达标/完成 take the target's comparator, so a target without one leaves them
unread (达标 of a 差错率 is at most, of a 覆盖率 at least).

Levels relative to an indicator ("无事故得10分平指标得5分超指标不得分", target ≤2起): 平指标 is the target
value itself, 超指标 above it, 未超指标 at most it, 低于指标 below it, 无事故/零事故 none at all. Every level
must be one of these, exactly one must hold, and the scores must rise in the target's direction (a ≤ target:
fewer is better); else the text is not read this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.quantity import Comparator, Quantity, comparable, compares, parse_quantity, units_compatible

_UPPER = (Comparator.LE, Comparator.LT)
_LOWER = (Comparator.GE, Comparator.GT)
# comparison words of a condition, longest first; None: the target's own comparator
_REACH: tuple[tuple[str, Comparator | None], ...] = (
    ("大于或等于", Comparator.GE), ("大于等于", Comparator.GE), ("不低于", Comparator.GE), ("不少于", Comparator.GE),
    ("小于或等于", Comparator.LE), ("小于等于", Comparator.LE), ("不超过", Comparator.LE), ("不高于", Comparator.LE),
    ("达到", None), ("达标", None),
)  # fmt: skip
_NOT_REACHED = re.compile(
    r"^(?:否|否则|其他|其它|反之)$|^(?:达不到|未达到|无达到|没有达到|未达标|无达标|不达标|低于|小于|少于|超过|高于|大于)"
)
_NEGATED = re.compile(r"[未无不没]|达不到|否")
# (affirm fix round s8) a condition naming several subjects, each to reach the bar: one number cannot answer it
_SEVERAL = re.compile(
    r"(?:[两二三四五六七八九十几多]|\d+)(?:项|个|类|家|所|种|名|科|条)|各(?:项|个|类|科|单位)|均|都|全部|所有|分别|、"
)


def _clean(name: str) -> str:
    return re.sub(r"\([^()]*\)|（[^（）]*）|[\s,，。;；:：“”\"]|的$", "", name)


def _reach(name: str) -> tuple[str, Comparator | None] | None:
    """The one comparison word of a condition whose bar is in words ("…面积达到…占用的耕地面积"), or None."""
    word = re.sub(r"\d{4}年(?:度|末|底|初)?", "", _clean(name))  # "2019年末耕地面积": a year is no bar
    if re.search(r"\d", word):
        return None
    found = [(w, c) for w, c in _REACH if w in word]
    found = [(w, c) for w, c in found if not any(w != o and w in o for o, _ in found)]  # 大于或等于, not 等于
    if len(found) != 1 or word.count(found[0][0]) != 1:
        return None
    spelling, comparator = found[0]
    if _NEGATED.search(word.replace(spelling, "")):  # "未达到…", "不…的面积": not a bar to reach
        return None
    head, tail = word.split(spelling)
    if _SEVERAL.search(head):  # (affirm fix round s8) "两项均达到标准", "三个科室均达标": one number is one of them
        return None
    if spelling == "达标" and tail:  # "达标率…": a rate's name, not a condition
        return None
    if len(head) < 2 or (spelling != "达标" and len(tail) < 2):
        return None
    return spelling, comparator


def _checked(actual: Quantity, target: Quantity | None) -> tuple[Decimal | None, str]:
    if target is None or target.value is None:
        return None, "缺少指标值（目标值）"
    value = comparable(target, actual).value
    apart = bool(target.unit and actual.unit and target.unit != actual.unit)
    apart = apart and target.unit.endswith("次") != actual.unit.endswith("次")  # (affirm fix round s8) 人次 vs 人
    if value is None or apart or not units_compatible(target, actual) or bool(target.unit) != bool(actual.unit):
        return None, f"实际 {actual.describe()} 与指标值 {target.describe()} 单位不同，无法比较"
    return value, ""


def reached_level(
    names: Sequence[str], scores: Sequence[Decimal], actual: Quantity, target: Quantity | None
) -> tuple[int | None, str, bool]:
    """(the level a number picks, how it was read, whether it picked none: 0 points) for a yes/no condition
    whose bar is the target; (None, "", False) when the levels are not of this family, (None, reason, False)
    when they are but the number cannot be compared."""
    scoring = [i for i, s in enumerate(scores) if s > ZERO]
    others = [i for i, s in enumerate(scores) if s <= ZERO]
    if len(scoring) != 1 or len(others) > 1:
        return None, "", False
    yes = scoring[0]
    reach = _reach(names[yes])
    if reach is None or (others and not _NOT_REACHED.search(_clean(names[others[0]]))):
        return None, "", False
    comparator = reach[1]
    value, why = _checked(actual, target)
    if value is None or target is None or target.value is None:
        return None, f"“{names[yes]}”以本行指标值为标准，{why}", False
    own = target.comparator
    if comparator is None:
        if own is None or own == Comparator.EQ:
            return None, f"“{names[yes]}”按指标值的方向计，但指标值 {target.describe()} 未写明是不低于还是不超过", False
        comparator = own
    elif own is not None and own != Comparator.EQ and (own in _UPPER) != (comparator in _UPPER):
        return None, f"“{names[yes]}”与指标值 {target.describe()} 的方向不一致", False
    else:
        comparator = own if own is not None and own != Comparator.EQ else comparator
    met = compares(value, comparator, target.value)
    how = (f"评分标准要求“{names[yes]}”，其标准即本行指标值 {target.describe()}：实际 {actual.describe()}"
           f"{'' if met else '未'}达到，")  # fmt: skip
    if met:
        return yes, how, False
    return (others[0], how, False) if others else (None, how, True)


# Levels named against an indicator: (pattern, rank: 0 none, 1 below, 2 at most, 3 equal, 4 above, test)
_RELATIVE: tuple[tuple[re.Pattern[str], int, Callable[[Decimal, Decimal], bool]], ...] = (
    (
        re.compile(r"^(?:无|零|未发生|没有发生|无发生)[\u4e00-\u9fa5]{0,4}?(?:事故|案件|事件|案例|差错|投诉)$"),
        0,
        lambda v, t: v == ZERO,
    ),
    (re.compile(r"^(?:平指标|与指标持平|持平|等于指标)$"), 3, lambda v, t: v == t),
    (re.compile(r"^(?:超指标|超过指标|高于指标|突破指标)$"), 4, lambda v, t: v > t),
    (re.compile(r"^(?:未超指标|无超指标|不超指标|未超过指标|指标以内|指标内|控制在指标内)$"), 2, lambda v, t: v <= t),
    (re.compile(r"^(?:低于指标|指标以下)$"), 1, lambda v, t: v < t),
)


def indicator_level(
    names: Sequence[str], scores: Sequence[Decimal], actual: Quantity, target: Quantity | None
) -> tuple[int | None, str]:
    """The level a number picks among levels named against the indicator ("无事故", "平指标", "超指标"); None
    with "" when the levels are not all of this kind, with a reason when no single one holds."""
    read = []
    for name in names:
        word = _clean(name)
        found = [(rank, test) for pattern, rank, test in _RELATIVE if pattern.match(word)]
        if len(found) != 1:
            return None, ""
        read.append(found[0])
    if len(names) < 2 or not any(rank in (3, 4) for rank, _ in read):
        return None, ""
    value, why = _checked(actual, target)
    if value is None or target is None or target.value is None:
        return None, f"等级按与指标值的比较划分，{why}"
    if target.comparator is None or target.comparator == Comparator.EQ:
        return None, f"等级按与指标值的比较划分，但指标值 {target.describe()} 未写明是不低于还是不超过"
    order = sorted(range(len(names)), key=lambda i: read[i][0])
    ranked = [scores[i] for i in order]
    rising = all(a <= b for a, b in pairwise(ranked))
    falling = all(a >= b for a, b in pairwise(ranked))
    if not (falling if target.comparator in _UPPER else rising) or len({read[i][0] for i in order}) != len(order):
        return None, f"各等级的分值与指标值 {target.describe()} 的方向不一致"
    met = [i for i, (_, test) in enumerate(read) if test(value, target.value)]
    if len(met) != 1:
        return None, f"实际 {actual.describe()} 与指标值 {target.describe()} 比较后不对应唯一等级"
    return met[0], f"实际 {actual.describe()} 与指标值 {target.describe()} 比较，"


# A share with its comparison at the end of a level's name: "不合理分配比例≥5%", "滞留资金占比超过10%"
_SHARE_BAR = re.compile(
    r"(?:≥|≤|>|<|不低于|不少于|不超过|不高于|大于或等于|小于或等于|大于等于|小于等于|高于|低于|超过|大于|小于)"
    r"\d+(?:\.\d+)?(?:%|‰)$|\d+(?:\.\d+)?(?:%|‰)(?:及以上|以上|及以下|以下)$"
)


def share_pair(names: Sequence[str], scores: Sequence[Decimal], actual: Quantity) -> tuple[int | None, str]:
    """Two levels, one a judgement in words and the other a share past a bar ("分配结果合理(2分)、不合理分配比例≥
    5%(0分)"): the bar says where the judgement ends, so a share past it takes that level and any other share the
    judgement. The two must be one yes/no (one scores 0) about one thing (a word in common); the actual must be a
    share in the bar's unit. None with "" when the levels are not of this kind."""
    if len(names) != 2 or scores[0] == scores[1]:
        return None, ""
    words = [_clean(n) for n in names]
    bars = [_SHARE_BAR.search(w) for w in words]
    barred = [i for i, b in enumerate(bars) if b is not None]
    if len(barred) != 1:
        return valued_level(names, scores, actual)  # (affirm s9) "完成率100%计满分;…有1人不达标,不得分"
    at, other = barred[0], 1 - barred[0]
    found = bars[at]
    assert found is not None
    head = words[at][: found.start()]
    bar = parse_quantity(found.group(0))
    if re.search(r"\d", head + words[other]) or bar is None or bar.value is None or bar.comparator is None:
        return None, ""
    # the two are one yes/no (one scores nothing) about one thing (a word in common: "分配")
    if min(scores) > ZERO or not {head[i : i + 2] for i in range(len(head) - 1)} & {
        words[other][i : i + 2] for i in range(len(words[other]) - 1)
    }:
        return None, ""
    if actual.value is None or actual.unit != bar.unit:
        return None, f"“{names[at]}”按比例划分，实际 {actual.describe()} 不是以 {bar.unit} 计的比例"
    past = compares(actual.value, bar.comparator, bar.value)
    how = f"实际 {actual.describe()} {'' if past else '未'}达到“{names[at]}”的界限 {bar.describe()}，"
    return (at if past else other), how


# (affirm s9) A rate at a stated value, no comparison word: "完成率100%计满分;净完成数有1人不达标,该项不得分"
_VALUED = re.compile(r"^(?P<head>[\u4e00-\u9fa5]{1,12}?率)(?:达到|达|为|是)?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|‰)$")
_SHORT = re.compile(r"不达标|未达标|未达到|没有达到|达不到|未完成|没有完成|不足|低于|^(?:否|否则|其他|其它|反之)$")


def shortfall_of(zero: str, head: str) -> bool:
    """(affirm s9, review) The 0 level says the rate itself falls short: bare ("不达标", "否则") or the rate's own
    measure before the short word and nothing after it ("净完成数有1人不达标" for "完成率"); not another fault that
    holds a short word ("资料报送不达标", "整改未完成", "未完成整改", "数据低于上年")."""
    word = _clean(zero)
    found = _SHORT.search(word)
    if found is None or word[found.end() :].strip("的"):
        return False
    subject = word[: found.start()]
    stem = re.sub(r"率$", "", head)[-2:]
    return not subject or (len(stem) == 2 and stem in subject)


def valued_level(names: Sequence[str], scores: Sequence[Decimal], actual: Quantity) -> tuple[int | None, str]:
    """Two levels, one scoring a rate at a value written bare ("完成率100%") and the other (0 points) the value not
    reached ("…不达标", "否则"): an actual equal to that value, in its unit, takes the scoring level whatever the
    bare value means (at least, exactly, at most: each includes the value itself). Any other actual is left unread
    (None, ""): what a bare value bounds is not said."""
    if sorted(s > ZERO for s in scores) != [False, True]:
        return None, ""
    top, zero = (0, 1) if scores[0] > ZERO else (1, 0)
    found = _VALUED.match(_clean(names[top]))
    if found is None or re.search(r"[不未无没非]", found.group("head")) or not shortfall_of(names[zero], found["head"]):
        return None, ""
    if actual.value is None or actual.comparator is not None or actual.unit != found.group("unit"):
        return None, ""
    if actual.value != Decimal(found.group("num")):
        return None, ""
    return top, f"即等级“{names[top]}”所写的数值 {actual.describe()}，"
