"""None or some: an event counted against a "无X" level and a "发生X" level (affirm family, session 6).

(Formerly ``rules/occurrences.py``; that name is now the faults family's module, so this reading lives here.)

How tables write it: "无事故得20分,发生一次,…不得分"; "未发生安全事故得5分,发生安全事故不得分"; "零投诉计3分,出现
一次…"; "全年无重大案件得8分,发生一起…". The none level: (全年/年内…) 无/零/未发生/不发生/未出现/未发现/杜绝 + the
thing; the some level: 发生/出现/有/发现 (+ 一次/1起/任何) (+ the thing; "发生一次" alone takes the none level's
thing). Two levels, the none level above.

How evaluators answer: "0次", "1起", "2"; "无事故", "全年零事故", "未发生事故", "未发生"; "发生1次事故", "发生不超标
事故1起", "死亡事故1次", "出现投诉2次", "有违规违纪问题", "发生". Reading: 0 or a statement of none → the none level;
1 or more, or the event (or a kind of it: a "不超标事故" is an 事故) said to have happened → the other.
Refused: a count in another unit ("1人", "3%"); a narrower thing denied ("未发生重大事故" against "无事故"); a wider or
other thing said to have happened ("发生1次事故" against "未发生安全事故", "发生1次火灾" against "无事故"); "有"/"无"
alone (none, or the condition met?); a statement with a number that says neither.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.naming import canon

_TIME = r"(?:全年|年内|年度内|当年|本年度|本年|年度)?"
_NONE = re.compile(
    rf"^{_TIME}(?:无发生|无出现|无发现|未发生|不发生|未出现|未发现|无|零|杜绝)(?:任何|一起|一次)?(?P<thing>.*?)(?:的|者)?$"
)
_SOME = re.compile(
    rf"^{_TIME}(?:发生|出现|有|发现)(?:一次|1次|一起|1起|任何|[一1]例|[一1]件)?(?P<thing>.*?)(?:的|者)?$"
)
_COUNTED = re.compile(
    r"^(?P<pre>.*?)(?P<n>\d+|零|[一二两三四五六七八九十]+)(?P<unit>次|起|件|宗|例|个|项|人|%|‰)?(?P<post>.*)$"
)
_EVENT_UNITS = frozenset({"", "次", "起", "件", "宗", "例", "个", "项"})
_CHINESE = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_VERB = re.compile(rf"^{_TIME}(?:发生了?|出现了?|有|发现)?")


def occurrences(names: list[str], scores: list[Decimal]) -> tuple[int, int, str] | None:
    """(the none level, the some level, the thing) when the levels are exactly a "无X" and a "发生X" below it."""
    if len(names) != 2:
        return None
    for none_at, some_at in ((0, 1), (1, 0)):
        none, some = _NONE.match(canon(names[none_at])), _SOME.match(canon(names[some_at]))
        if none is None or some is None or scores[none_at] <= scores[some_at] or not none.group("thing"):
            continue
        thing = none.group("thing")
        if some.group("thing") and some.group("thing") != thing:
            continue
        return none_at, some_at, thing
    return None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _CHINESE.get(word)


def occurrence_level(
    names: list[str], scores: list[Decimal], actual: Quantity | None, text: str
) -> tuple[int | None, str]:
    """The level an event count or statement names, and why not when it names none ("" when it says nothing of
    the event)."""
    pair = occurrences(names, scores)
    if pair is None:
        return None, ""
    none_at, some_at, thing = pair
    if actual is not None:
        unit = (actual.unit or "").strip()
        if unit not in _EVENT_UNITS:
            return None, f"实际值“{actual.text}”的单位不是事件的次数（次、起、件），不能据此判断是否发生“{thing}”"
        return (none_at if actual.value == 0 else some_at), ""
    word = canon(text)
    if word in {"有", "无"}:
        return None, f"“{text}”可指有无“{thing}”，也可指是否做到，请写明“未发生{thing}”或“发生{thing}N次”"
    counted = _COUNTED.match(word)
    if counted is not None and (n := _count(counted.group("n"))) is not None:
        if (counted.group("unit") or "") not in _EVENT_UNITS:
            return None, f"“{text}”的单位不是事件的次数（次、起、件），不能据此判断是否发生“{thing}”"
        said = _VERB.sub("", counted.group("pre")) + counted.group("post")
        said = re.sub(rf"^{_TIME}", "", said)
        if n == 0:
            return (none_at, "") if said in {"", thing} else (None, f"“{text}”说的不是“{thing}”本身")
        return (some_at, "") if said == "" or said.endswith(thing) else (None, f"“{text}”说的不是“{thing}”")
    if (none := _NONE.match(word)) is not None and word not in {"无"}:
        said = none.group("thing")
        return (none_at, "") if said in {"", thing} else (None, f"“{text}”说的不是“{thing}”本身")
    if (some := _SOME.match(word)) is not None:
        said = some.group("thing")
        return (some_at, "") if said == "" or said.endswith(thing) else (None, f"“{text}”说的不是“{thing}”")
    return None, ""
