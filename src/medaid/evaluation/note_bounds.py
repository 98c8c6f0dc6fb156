"""Numbers in an explanation that are bounds or approximations, never the actual (numbers family, session 7).

How evaluators write them: a bound after the number ("95%以上", "均在95%及以上", "90%以下", "3天以内"), a bound
before it ("不足85%", "不到85%", "未达到85%", "达不到", "最低85%", "最高", "至少", "至多", "不少于", "不超过",
"≥95%"), or an approximation ("约95%", "大约", "近95%", "接近", "将近", "95%左右", "95%上下", "95%多", "逾"),
in simplified or traditional characters.
Such a number says where the actual lies, not what it is: "满意度不足85%" with a step per point below 90% would be
scored as 85% though the actual is lower. The explanation reader (``actual_text``) takes none of them as a
candidate; when only such numbers are stated it refuses, saying which and asking for the exact value.
"""

from __future__ import annotations

import re

_BOUND_BEFORE = re.compile(
    r"(?:不足|不到|不[够夠]|不[满滿]|未[满滿]|未[达達]到|未[达達]|未到|[达達]不到|[没沒]有[达達]到|[没沒][达達]到|最低|最高|最少|最多"
    r"|至少|至多|起[码碼]|不少[于於]|不低[于於]|不高[于於]|不超[过過]|不大[于於]|不小[于於]|大[于於]|小[于於]|≥|≤|>|<|＞|＜"
    r"|不下[于於]|不及|不止|多[于於]|少[于於]|[约約]合|[约約]莫|估[计計]|[预預][计計]"
    r"|[约約]|大[约約]|大概|近|接近|[将將]近|[几幾]近|逾|超|[几幾]乎)(?:[为為]|是|[达達]|在)?$"
)
_BOUND_AFTER = re.compile(
    r"^(?:及|或|和)?(?:以上|以下|以[内內]|以外|之[内內]|之上|之下|左右|上下|出[头頭]|不等|开外|開外|有[余餘]|挂零|掛零)"
    r"|^多(?![个個项項数數样樣种種次人])|^[强強弱](?![化制调調])|^[余餘](?![额額量下])|^\+"
)
# a range written with its other end ("85~88%", "190-195人", "85%至88%"): the value lies between, not at an end
_RANGE_BEFORE = re.compile(r"\d(?:%|‰|[\u4e00-\u9fa5]{1,2})?\s*(?:~|～|-|—|－|–|至|到)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:~|～|-|—|－|–|至|到)\s*\d")
# a value of another year or of a wider area ("上年真实率90%", "去年同期85%", "全省平均满意度85%"): a reference,
# never this unit's actual this year
_REFERENCE = re.compile(
    r"上年|上一年|上[个個]?年度|去年|前年|往年|历年|歷年|同期|基期|基[线線]"
    r"|全[省市县縣区區国國州盟][^,，;；。]{0,8}平均|[省市县縣区區国國州]平均|[省市县縣区區]均"
)
# the part of a whole ("其中A村96%", "其中男性…"): not the actual of the whole
_PART = re.compile(r"其中|内含|內含")


def note_bound(text: str, start: int, end: int) -> str | None:
    """The words of a bound or an approximation around the number at text[start:end]; None when it is neither."""
    before = text[max(0, start - 6) : start]
    after = text[end : end + 6]
    lead = _BOUND_BEFORE.search(before) or _RANGE_BEFORE.search(before)
    tail = _BOUND_AFTER.match(after) or _RANGE_AFTER.match(after)
    if lead is None and tail is None:
        return None
    return (lead.group(0) if lead else "") + text[start:end] + (tail.group(0) if tail else "")


def note_reference(clause: str) -> str | None:
    """The words making a number of the clause a reference (another year, a wider area: "上年", "全省平均") or a
    part ("其中"), not the actual; None when there are none."""
    found = _REFERENCE.search(clause) or _PART.search(clause)
    return found.group(0) if found else None


def counted_alike(first: str, second: str) -> bool:
    """Whether two count units count the same thing: 人 and 人次 do not (one person served twice is 2 人次)."""
    return first.endswith("次") == second.endswith("次")


# numbers family (s8 fix round): a number the explanation denies was done ("未完成40人", "尚未执行72万元",
# "未达到规定数的92%", "40人未完成") or names as a shortfall ("缺10人", "还差5个"): what is left undone, or a bound
# the value lies below, never the value done. Refused, not read.
_DENIED_VERBS = (
    r"(?:完成|[达達]到?|[实實][现現]|[执執]行|支出|到位|落[实實]|[开開]展|[办辦][结結]|覆[盖蓋]|使用|[拨撥]付|支付"
    r"|[兑兌][现現]|[发發]放|建成|引[进進]|新增|参[加与與]|參[加与與]|接受|享受|救助|服[务務]|培[训訓]|入[户戶]|走[访訪])"
)
_DENIED_BEFORE = re.compile(rf"(?:未|[没沒]有?|尚未|[还還]未|未能|不能|无法|無法|未予){_DENIED_VERBS}")
_DENIED_AFTER = re.compile(
    rf"^[^,，;；。、(（]{{0,4}}?(?:未|[没沒]有?|尚未|[还還]未|未能|不能|无法|無法){_DENIED_VERBS}"
)
_SHORT_BEFORE = re.compile(r"(?:缺|缺少|欠|短缺|尚差|[还還]差|相差|差距)$")


def note_denial(text: str, start: int, end: int) -> str | None:
    """The words denying that the number at text[start:end] was done, or naming it a shortfall; None otherwise."""
    clause = re.split(r"[,，;；。:：、]", text[:start])[-1]
    denied = _DENIED_BEFORE.search(clause) or _SHORT_BEFORE.search(clause)
    if denied is not None and re.search(r"[率度]", clause[denied.start() :]):
        denied = None  # a rate named by the denial ("未达标率3%", "未完成率"): its value, read as such
    if denied is not None:
        return clause[denied.start() :] + text[start:end]
    after = _DENIED_AFTER.match(text[end:])
    return text[start:end] + after.group(0) if after else None


# numbers family (s8 fix round): a part of another year inside the value ("引进项目4个（含上年结转1个）", "其中上年
# 结转2个"): the value mixes this year's with earlier ones, so it is not this year's actual either
_INCLUDED = re.compile(r"含|包括|包含|其中")
_CARRIED = re.compile(r"结转|結轉|往年|以前年度|前期|历年|歷年")


def included_reference(clause: str) -> str | None:
    """The words saying the value includes another year's part, or None."""
    included = _INCLUDED.search(clause)
    if included is None or not (_REFERENCE.search(clause) or _CARRIED.search(clause)):
        return None
    return clause[included.start() :]
