"""What one statement of an actual says beside its count (rules/counts.py reads the count): a veto named, denied
("未造成严重后果") or counted ("发生通报1次"); none of what is counted in other words ("全年无脱岗", "未发生安全事故"
for "重大安全事故"); words that open with the negation of what is counted ("无故缺席3次" is a count, not "无");
words that may name a veto as well as the count ("保险缺失" beside "强制险缺失") (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs
from medaid.evaluation.rules.count_vocab import COUNTER, NEGATION, NUMBER, cn_int, plain, same_counter
from medaid.evaluation.rules.count_words import alternatives, names_it

if TYPE_CHECKING:
    from medaid.evaluation.rules.counts import Count

# the time a statement of none speaks of, before it: "全年无脱岗", "考核期内未发生事故"
_PERIOD = r"(?:全年|本年度|年度内|年内|当年|本年|考核期内|考核期间|检查期间|检查中|本期|本季度|本月)"
PERIOD = re.compile(rf"^{_PERIOD}(?=[^\d,;。])")
NONE = re.compile(
    rf"^{_PERIOD}?(?:无|未发现|没有|未出现|未查实|未查出|不存在|未发生|未查到|没有发现|没发现|未检出|未见)(.*)$"
)
# "未脱岗" for "值班脱岗", "未举办培训" for "每举办一次培训": read only when the words after 未 are what is counted
# (``none_of``), never for a count that is itself negated ("未签字" of "档案未签字" is a case found)
_NOT_DONE = re.compile(rf"^{_PERIOD}?(?:未|没)(?!有)(.+)$")


# what a statement of none may deny in general words ("无此类情况"), moved here from count_reading (s8 fix round)
_GENERIC = {"", "问题", "情况", "此类问题", "此类情况", "该情况", "问题情况", "不符合情况", "此情况", "该类情况",
            "该类问题", "上述情况", "上述问题", "以上情况", "以上问题", "类似情况", "类似问题", "此种情况"}  # fmt: skip
PLAIN_GENERIC = {p for g in _GENERIC for p in (g, plain(g))}  # "无此类情况": plain() drops the tail "情况"


def not_done(segment: str, what: str) -> bool:
    """ "(全年)未脱岗": none of what is counted, in the words of what is counted."""
    found = _NOT_DONE.match(segment)
    return found is not None and (plain(found.group(1)) == plain(what) or none_of(found.group(1), what))


def veto_denied(segment: str, vetoes: tuple[str, ...]) -> str | None:
    """ "未造成严重后果" for the veto "造成严重后果": the veto's own words, negated."""
    found = re.fullmatch(r"(?:未|没有|没|无|不存在)(.+)", plain(segment))
    return None if found is None else veto_in(found.group(1), vetoes)


def veto_in(segment: str, vetoes: tuple[str, ...]) -> str | None:
    """The veto the words state: its own words, or one of its alternatives ("强制险不足额" of "强制险缺失或不足额")."""
    bare = plain(segment)
    return next((v for v in vetoes if bare and bare in {plain(a) for a in alternatives(plain(v))}), None)


def none_of(words: str, what: str) -> bool:
    """ "脱岗" in "全年无脱岗" for "值班脱岗", "安全事故" in "未发生安全事故" for "重大安全事故": none of a wider class
    is none of what is counted, when the words are its ending and what they leave out holds no negation ("无签字"
    is not "无未签字"); never its opening ("无值班" is no "无值班脱岗"); either alternative of "缺失或不足额"."""
    said = plain(words)
    if len(said) < 2:
        return False
    # s7 fix: a denial of one alternative ("无缺失内容" of "缺失内容或重复部分") says nothing of the other: only the
    # whole is denied
    for one in alternatives(plain(what))[:1]:
        wanted = plain(one)
        head = wanted[: len(wanted) - len(said)]
        # s8 fix round: the words left out end a word before the words said start ("较" of "较大事故": "无大事故" may
        # be "重大事故" only): not when what is said opens with a word of degree or size
        cut_inside = bool(head) and said[0] in _DEGREE
        if wanted.endswith(said) and not any(c in NEGATION for c in head) and not cut_inside:
            return True
        if sorted(said) == sorted(wanted) and _negated(said) == _negated(wanted):
            return True  # "未签字档案" of "档案未签字": the same words, each negation before the same verb
    return False


# characters that open a word of degree or size ("大事故" of "较大事故", "重大事故"): a cut before one may fall inside
# the word ("较大", "重大", "特大")
_DEGREE = "大小重轻特高低多少长短深浅严较超次一"


def _negated(words: str) -> list[str]:
    """The words each negation stands before ("未签" of "档案未签字")."""
    return sorted(words[i : i + 2] for i, c in enumerate(words) if c in NEGATION)


def veto_counted(segment: str, vetoes: tuple[str, ...]) -> tuple[str, bool] | None:
    """ "发生通报1次" for the veto "发生通报,不得分": the veto and whether it happened (a count of 0: it did not)."""
    found = re.fullmatch(rf"(\D+?)({NUMBER})({COUNTER})", segment)
    if found is None or (hit := veto_in(found.group(1), vetoes)) is None:
        return None
    number = cn_int(found.group(2))
    return None if number is None else (hit, number > 0)


def also_a_veto(words: str, what: str, vetoes: tuple[str, ...]) -> str | None:
    """The veto words beside a count may name too: words that name it, or a short form of what is counted that ends
    as a veto ends ("保险缺失" of "其他保险缺失" beside the veto "强制险缺失或不足额")."""
    said = plain(words)
    if not said:
        return None
    exact = said in {plain(a) for a in alternatives(plain(what))}
    for veto in vetoes:
        ends = {plain(a)[-2:] for a in alternatives(plain(veto))}
        if names_it(words, veto) or (not exact and said[-2:] in ends):
            return veto
    return None


def names_a_count(segment: str, what: str, subject: str) -> bool:
    """ "无故缺席3次" for "无故缺席安全工作会议的,每次扣1分", "无证经营2户" for "无证经营的每户…": a count whose
    words open with 无/未 because what is counted does, not a statement that none was found."""
    found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", segment)
    return found is not None and bool(plain(what)) and names_it(found.group(1) + found.group(4), what, subject)


def bare_count_is_unclear(inputs: Inputs, count: Count, unit: str | None) -> bool:
    """A bare count ("2项") beside a target in the same counter ("4项") may be the number done rather
    than the number found wanting."""
    target, actual = inputs.target, inputs.actual
    if target is None or not target.value or actual is None or count.value is None:
        return False
    if target.comparator is not None and target.comparator.value in ("≤", "<"):
        return False  # "≤2例": a tolerance of cases found, not a number to be done
    counter = re.match(COUNTER, target.unit)
    bare = re.fullmatch(rf"\d+{COUNTER}?", normalize_text(actual.text)) is not None
    return bare and counter is not None and (unit is None or same_counter(counter.group(0), unit))
