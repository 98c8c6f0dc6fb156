"""A condition and its marks, then a numbered list of what scores 0 (affirm family, session 7).

The family, from assessment tables: first the condition met, with its marks; then a sentence that any one of a
list of happenings scores nothing, the list numbered after a colon —
"儿童居住的环境无安全隐患计10分。有以下安全隐患存在计0分:1.存在被性侵的隐患;2.存在被家暴的隐患;…",
"性格开朗,…,遵守学校纪律计5分。发生过以下任何一种不良行为,计0分:1.逃学;2.沉迷网吧玩耍;…",
"资料齐全得3分;存在下列情形之一的不得分:(1)未建立台账;(2)未按时上报". The heading of the list is
有/存在/发生(过)/出现(过) + 以下/下列 + (任何一种/任一) + what is listed (安全隐患, 不良行为, 情形, 问题) +
(之一/存在) + (的/者); its 0 is 计0分/得0分/不得分/不计分. Items are numbered 1. 1、 (1) ①, ended by ; 。 or the
next number.

Read as two levels (``rules.levels.Qualitative``): the condition with its marks, and 0 for the heading said of
itself ("有安全隐患存在", "发生过不良行为") or any item ("存在溺水的安全隐患", "逃学"), joined by 或 so that an
actual naming any one of them picks it. An actual is read as for any two levels: by the condition restated
("无安全隐患") or an item named ("发生过逃学"); anything else is left to the evaluator.
Not read: a condition with a number of its own (a bound: the band readings' matter), a list without its marks,
items with marks of their own (a deduction list: the list readings' matter), fewer than two items.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.levels import Level, Qualitative

_ZERO = r"(?:计0分|得0分|记0分|为0分|不得分|不计分|不记分|(?:该|本|此)项不得分)"
_HEAD = re.compile(
    r"^(?P<verb>有|存在|发生过?|出现过?)(?:以下|下列|如下)(?:任何一种|任一种?|任何)?(?P<what>[\u4e00-\u9fa5]{2,8}?)"
    r"(?:之一|中的?任何一种|中的?任一种?)?(?P<there>存在)?(?:的|者)?,?"
    rf"{_ZERO}[:：]"
)
_CONDITION = re.compile(r"^(?P<cond>[^。;:：\d]{2,80}?)(?:的|者)?,?(?:得|计|记)(?P<n>\d+(?:\.\d+)?)分[。;]")
# "1." "1、" "(1)" "①" (which normalizing spells "1" before the item: "1聚众赌博;2打架斗殴")
_ITEM_NUMBER = re.compile(
    r"(?:^|(?<=[;；。,\u4e00-\u9fa5)]))\s*(?:\(\d{1,2}\)|\d{1,2}[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])"
    r"|(?:^|(?<=[;；。]))\d{1,2}(?=[\u4e00-\u9fa5])"
)


def _items(listed: str) -> list[str] | None:
    """The numbered items of a list ("1.逃学;2.偷盗;4.打架斗殴5.外出流浪"), or None when it is no plain list."""
    if not _ITEM_NUMBER.match(listed):
        return None
    out = [x.strip(" ;；。,") for x in _ITEM_NUMBER.split(listed)]
    out = [x.replace("、", "和") for x in out if x]
    if len(out) < 2 or any(re.search(r"\d|分|或", x) or len(x) < 2 for x in out):
        return None
    return out


def disqualifying_list(text: str) -> Rule | None:
    """ "<condition>计N分。有以下X存在计0分:1.…;2.…" read as the condition's level and a 0 level for any item."""
    found = _CONDITION.match(text)
    if found is None:
        return None
    rest = text[found.end() :].strip()
    head = _HEAD.match(rest)
    if head is None:
        return None
    items = _items(rest[head.end() :].strip())
    if items is None:
        return None
    said = head.group("verb") + head.group("what") + (head.group("there") or "")
    heading = [said] if head.group("what") not in ("情形", "情况", "情形之一", "行为之一") else []
    condition = found.group("cond").strip(" ,")
    points = Decimal(found.group("n"))
    if points <= ZERO:
        return None
    # each alternative is a statement of its own: one without a negation first, so that ``phrasing.either`` lends
    # no negation or subject of the first to the others ("校门口无减速带或周边有网吧" would read 周边有网吧 as 无…)
    alternatives = sorted([*items, *heading], key=lambda x: bool(re.search(r"[无未没不非]", x)))
    zero = "或".join(alternatives)
    return Qualitative(levels=(Level(condition, points=points), Level(zero, points=ZERO)))
