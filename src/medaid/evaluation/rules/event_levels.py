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
alone (none, or the condition met?); a statement with a number that says neither; a count denied or bounded
("未发生一次以上事故", "发生2次以下").

The same holds when only the scoring level is a denial and the 0 level is "否则" (round 4, ``denial_reading``):
"未发生安全事故得5分,否则不得分" is met by "全年未发生任何安全事故" (无/未发生/未发现/杜绝 alike, stress words such as
任何/一切 aside) and failed by "发生安全事故1起", "发生重大安全事故"; a narrower, hedged or partial denial ("未发生
重大安全事故", "未发现明显违规违纪行为", "未发现违纪行为" against "…违规违纪行为") and "无X问题"/"X无问题" (X is in
order, not missing) are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.wording import BOUND_AFTER_NUMBER

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
# Words that only stress a denial ("未发生任何…", "杜绝一切…"): a denial with or without them denies the same thing
_STRESS = re.compile(r"任何|一切|各类|各种|各项|所有|全部|均|都")


def denial_mismatch(text: str, names: list[str], scores: list[Decimal]) -> str:
    """Why an actual's denial meets no level ("" when it names one's thing, or no scoring level is a denial, or
    it is no denial): ``narrowed_denial`` against each scoring level written as a denial."""
    whys = [narrowed_denial(text, n) for n, s in zip(names, scores, strict=True) if s > 0]
    if not any(whys) or any(_said_thing(text) == _level_thing(n) for n in names):
        return ""
    return next(w for w in whys if w)


def denial_reading(text: str, names: list[str], scores: list[Decimal]) -> tuple[int | None, str]:
    """An actual in words against levels where a scoring one is written as a denial (round 4 of session 6): the
    level it picks (``denied_level``, ``happened_level``) or why it is refused (``denial_mismatch``,
    ``problem_free``); (None, "") when it says nothing of the kind."""
    why = denial_mismatch(text, names, scores) or problem_free(text, names)
    if why:
        return None, why
    at = denied_level(text, names, scores)
    return (at, "") if at is not None else (happened_level(text, names, scores), "")


def happened_level(text: str, names: list[str], scores: list[Decimal]) -> int | None:
    """The one level scoring 0 when an actual says the thing a scoring denial level denies happened ("发现违规违纪
    行为1起", "发生安全事故" against "杜绝一切违规违纪行为,得3分;否则不得分"), a kind of it too ("发生重大安全事故")."""
    word = canon(text)
    things = [t for n, s in zip(names, scores, strict=True) if s > 0 and (t := _level_thing(n))]
    zero = [i for i, s in enumerate(scores) if s == 0]
    if len(things) != 1 or len(zero) != 1 or "|" in word or re.search(r"[无不非没未]", word):
        return None
    counted = _COUNTED.match(word)
    if counted is not None and (n := _count(counted.group("n"))) is not None:
        if (
            n == 0
            or (counted.group("unit") or "") not in _EVENT_UNITS
            or BOUND_AFTER_NUMBER.match(counted.group("post"))
        ):
            return None
        said = re.sub(rf"^{_TIME}", "", _VERB.sub("", counted.group("pre")) + counted.group("post"))
        verb = _VERB.match(counted.group("pre"))
        return zero[0] if said.endswith(things[0]) and verb is not None and verb.group(0) else None
    some = _SOME.match(word)
    return zero[0] if some is not None and some.group("thing").endswith(things[0]) else None


def denied_level(text: str, names: list[str], scores: list[Decimal]) -> int | None:
    """The one scoring level written as a denial ("杜绝一切违规违纪行为", "未发生安全事故") whose thing an actual's
    denial denies ("未发现违规违纪行为", "全年未发生任何安全事故"): 无/未发生/未发现/杜绝 alike, stress words aside."""
    said = _said_thing(text)
    if not said or "|" in canon(text):
        return None
    found = [i for i, (n, s) in enumerate(zip(names, scores, strict=True)) if s > 0 and _level_thing(n) == said]
    return found[0] if len(found) == 1 else None


def _level_thing(name: str) -> str | None:
    level = _NONE.match(canon(name))
    return None if level is None or not level.group("thing") else _STRESS.sub("", level.group("thing"))


def _said_thing(text: str) -> str | None:
    said = _NONE.match(canon(text))
    return None if said is None else re.sub(r"(?:发生|出现)$", "", _STRESS.sub("", said.group("thing")))


def problem_free(text: str, names: list[str]) -> str:
    """Why "无工作台账问题" / "工作台账无问题" is not a denial of the thing ("" when the actual says no such thing or a
    level itself speaks of problems): a statement that a thing has no problem says the thing exists and is in order."""
    if any(re.search(_PROBLEMS, canon(n)) for n in names):
        return ""
    for part in re.split(r"[|]", canon(text)):
        found = re.match(rf"^无(?P<x>.+?)(?:方面|上|中)?(?:{_PROBLEMS})$|^(?P<y>.+?)无(?:任何)?(?:{_PROBLEMS})$", part)
        if found is not None:
            thing = found.group("x") or found.group("y")
            return (
                f"“{text}”说的是“{thing}”没有问题（即其存在且无异常），不是没有“{thing}”；"
                "请写明是否做到评分标准所列条件"
            )
    return ""


_PROBLEMS = r"问题|异常|差错|偏差|瑕疵|疑点"


def narrowed_denial(text: str, name: str) -> str:
    """Why a denial in an actual does not say a scoring "无X" condition holds ("" when it does or is no denial).

    A condition written as a denial ("未发生安全事故", "未发现任何违规违纪行为") is met only by a denial of the same
    thing: "未发生重大安全事故" denies a narrower thing (ordinary accidents may have happened), "未发现明显…" is a
    hedge, "未发现违规行为" leaves "违纪" undenied. Words that only stress ("任何", "一切") and time words aside, the
    denied thing must be the condition's own; the evaluator is asked to write it so."""
    level = _NONE.match(canon(name))
    word = canon(text)
    if level is None or not level.group("thing") or "|" in canon(name):
        return ""
    said = _NONE.match(word)
    if said is None or word in {"无"}:
        return ""
    thing = _STRESS.sub("", level.group("thing"))
    denied = re.sub(r"(?:发生|出现)$", "", _STRESS.sub("", said.group("thing")))
    if denied in {"", thing}:
        return ""
    return (
        f"“{text}”否定的是“{denied}”，条件要求的是“未发生/未发现{thing}”，两者范围不同（更窄、有限定或只说了其中一部分），"
        f"不能据此认定条件成立；请写明是否“{name}”"
    )


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
        # "未发生一次以上事故", "发生2次以下": a count denied or bounded is not the count of what happened
        if re.search(r"[无不非]", counted.group("pre")) or BOUND_AFTER_NUMBER.match(counted.group("post")):
            return None, f"“{text}”是对次数的否定或界限，不是实际发生的次数，请写明“未发生{thing}”或“发生{thing}N次”"
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
