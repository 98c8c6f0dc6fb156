"""A comparison of two quantities named in words, answered with both values (affirm family, session 9 round 2).

The family: the condition compares a quantity with a bar named in words ("2019年末耕地面积大于或等于规划下达的耕地
保有量"; "年内补充的耕地面积达到各类非农建设经依法批准占用的耕地面积"); the evaluator gives both values, each in a
statement naming its side: "2019年末全区耕地面积120.6万亩，规划下达耕地保有量120万亩" (120.6 ≥ 120: met);
"年内补充耕地1236亩，经依法批准占用耕地1200亩" (met). Or one value and the comparison said of the bar with the
subject left out: "2019年末耕地面积为119.5万亩，低于规划下达的耕地保有量" (< : not met).

A statement speaks of a side when it holds words (two characters running) of that side that the other side does not
have ("补充" against "占用"), and none of the other's. 达到 is read as "at least" only between two quantities of one
measure (both sides end in the same noun: "…耕地面积达到…耕地面积"): "差错率达到控制标准" is not read.
Not read: a value in another unit, two values for one side, a side without a value, a statement besides these that
holds a number or a negation (a shortfall, a part), a hedge or plan (约, 预计, 拟…).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.compared_restatements import COMPARISON, orders_of

_VALUE = re.compile(
    r"(\d+(?:\.\d+)?)\s*((?:万|亿|千)?(?:亩|公顷|平方米|人次|户次|人|元|个|户|家|座|张|次|项|所|km|公里|吨|台|件))"
)
_HEDGE = re.compile(r"约|近|略|大约|大概|预计|估计|拟|将|力争|争取|计划|左右|以上|以下|以内|余|多")
_NEGATION = re.compile(r"[不未无没缺]|尚有|差")


def _plain(text: str) -> str:
    return re.sub(r"[\s的]|\([^()]*\)|（[^（）]*）", "", text)


def _sides(condition: str) -> tuple[str, frozenset[str], str] | None:
    """(the quantity, the orders allowed, the bar) of a condition comparing two quantities in words."""
    plain = _plain(condition)
    found = list(COMPARISON.finditer(plain)) or list(re.finditer("达到", plain))
    if len(found) != 1:
        return None
    word = found[0]
    left, right = plain[: word.start()], plain[word.end() :]
    if len(left) < 2 or len(right) < 2 or re.search(r"[,，;；。、]|[不未无没]", left + right):
        return None
    if word.group(0) == "达到":
        if re.sub(r"^.*?([\u4e00-\u9fa5]{2})$", r"\1", left) != right[-2:]:
            return None  # 达到 between two quantities of one measure only
        return left, frozenset({"=", ">"}), right
    return left, orders_of(word.group(0)), right


def _noun(side: str) -> str:
    """The thing a side measures, its last two characters before the measure word ("年内补充耕地面积" → 耕地)."""
    return re.sub(r"(?:面积|数量|总量|人数|数|量)$", "", side)[-2:]


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if not re.search(r"\d", text[i : i + 2])}


def compared_values(text: str, condition: str) -> tuple[bool | None, str]:
    """(met or not, how) when a description gives the values of both sides, or one and the comparison said of the
    bar; (None, "") when it is not read."""
    sides = _sides(condition)
    if sides is None:
        return None, ""
    left, allowed, right = sides
    own, other = _pairs(left) - _pairs(right), _pairs(right) - _pairs(left)
    values: dict[str, list[tuple[Decimal, str]]] = {"left": [], "right": []}
    said: frozenset[str] | None = None
    years = set(re.findall(r"\d{4}年", condition))
    for statement in (s for s in re.split(r"[,，;；。]", _plain(text)) if s):
        if _HEDGE.search(statement) or not set(re.findall(r"\d{4}年", statement)) <= years:
            return None, ""  # a hedge, or another year ("2018年末…" against "2019年末…")
        word = COMPARISON.match(statement)
        if word is not None:  # "低于规划下达的耕地保有量": the subject left out
            bar = statement[word.end() :]
            if said is not None or len(bar) < 4 or not right.endswith(bar):
                return None, ""
            said = orders_of(word.group(0))
            continue
        numbers = _VALUE.findall(statement)
        mine, theirs = _pairs(statement) & own, _pairs(statement) & other
        side = left if mine else right  # (review 2) its own noun said: "基本农田面积" is not "耕地面积"
        if len(numbers) == 1 and bool(mine) != bool(theirs) and not _NEGATION.search(statement):
            if _noun(side) not in statement:
                return None, ""
            values["left" if mine else "right"].append((Decimal(numbers[0][0]), numbers[0][1]))
        elif numbers or _NEGATION.search(statement):
            return None, ""
    if len(values["left"]) != 1 or len(values["right"]) > 1 or (not values["right"] and said is None):
        return None, ""
    value, unit = values["left"][0]
    if values["right"]:
        bar, bar_unit = values["right"][0]
        if bar_unit != unit:
            return None, ""
        order = {">"} if value > bar else {"<"} if value < bar else {"="}
        if said is not None and not order <= said:
            return None, ""
        met = order <= allowed
        how = f"实际{left} {value}{unit}，{right} {bar}{unit}，{'' if met else '未'}达到评分条件的比较要求，"
        return met, how
    assert said is not None
    if said <= allowed:
        return True, f"说明写明{left}（{value}{unit}）满足与{right}的比较要求，"
    if not said & allowed:
        return False, f"说明写明{left}（{value}{unit}）未满足与{right}的比较要求，"
    return None, ""


# (affirm s9) "体检数量与体检结果登记是否相符,相符得3分,不符得0分": two counts that must agree, given as numbers
_AGREE = re.compile(r"([\u4e00-\u9fa5]{2,16}?)(?:与|和|同)([\u4e00-\u9fa5]{2,16}?)(?:是否)?(?:相符|一致|吻合)")
_AGREED = re.compile(r"(?:完全)?(?:相符|一致|吻合)")
_DISAGREED = re.compile(r"(?:不|未|无)(?:相符|符|一致|吻合)")


def tallied_level(text: str, names: list[str], scores: list[Decimal], rule_text: str) -> tuple[int | None, str]:
    """(the level, how) when a text asks whether two counts agree ("A与B是否相符": 相符 / 不符) and the description
    gives both, each in a statement: the one holding B's own words is B's, the other A's; equal → the agreeing
    level, unequal → the other. Not read: a hedge or a part ("其中", "约"), other units, more or fewer numbers."""
    found = _AGREE.search(re.sub(r"[\s的]", "", rule_text))
    if found is None or len(names) != 2:
        return None, ""
    agree = [i for i, n in enumerate(names) if _AGREED.fullmatch(_plain(n))]
    disagree = [i for i, n in enumerate(names) if _DISAGREED.fullmatch(_plain(n))]
    if len(agree) != 1 or len(disagree) != 1 or scores[agree[0]] <= scores[disagree[0]]:
        return None, ""
    first, second = found.group(1), found.group(2)
    theirs = _pairs(second) - _pairs(first)
    values: dict[bool, list[tuple[Decimal, str]]] = {True: [], False: []}
    for statement in (s for s in re.split(r"[,，;；。]", _plain(text)) if s):
        numbers = _VALUE.findall(statement)
        if _HEDGE.search(statement) or re.search(r"其中|部分|抽查", statement) or len(numbers) > 1:
            return None, ""
        if numbers:
            values[bool(_pairs(statement) & theirs)].append((Decimal(numbers[0][0]), numbers[0][1]))
    if len(values[True]) != 1 or len(values[False]) != 1 or values[True][0][1] != values[False][0][1]:
        return None, ""
    (a, unit), (b, _) = values[False][0], values[True][0]
    at = agree[0] if a == b else disagree[0]
    return at, f"（{first} {a}{unit}，{second} {b}{unit}，{'相等' if a == b else '不相等'}）"
