"""A requirement once a period against a statement of this period (faults family, session 7).

How tables and evaluators write it: the text asks something once a period and deducts each time it is short —
"每季度召开住户议事会议,每少开展一次活动的扣5分", "每月报送一次工作简报,每少一次扣1分" — and the evaluator,
scoring one period, says whether it was done this period: "本季度已召开议事会议" (none short), "本季度未召开议事
会议" (one short). ``period_shortfall`` reads such a statement as the count of the one kind that counts the
shortfall: the statement names the same period (本季度 for 每季度, 本月 for 每月, 本年/本年度 for 每年), its verb
phrase is the requirement's (at least two thirds of its character pairs), and the requirement asks it once (no
count other than 一/1). A statement with a number, a hedge (基本, 部分…) or a quality the requirement does not
ask is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.clause_match import HEDGES, QUALITIES
from medaid.evaluation.rules.clause_words import share

_PERIODS = {"月": "月", "季度": "季度", "季": "季度", "年": "年", "年度": "年", "周": "周", "半年": "半年"}
_SAID = re.compile(
    r"^本(?P<period>半年|季度|年度|月|季|年|周)(?:内)?(?P<neg>未|没有|没)?(?:均|都)?(?:已|已经)?(?P<what>[\u4e00-\u9fa5]{2,20})$"
)
_ASKED = re.compile(r"每(?P<period>半年|季度|年度|月|季|年|周)(?:至少|应|要|须|必须)?(?P<what>[^,，;；。]{2,30})")
_WEAKER = HEDGES  # faults (s7, fix round): the one vocabulary of hedges
# a negation anywhere after the period (s7, fix round: "本季度议事会议未召开" is not "已召开")
_ANY_NEGATION = re.compile(r"未|没|无|不|缺|少")
_SHORT = re.compile(r"^(?:每)?(?:少|缺|未)")


def _asked_once(what: str) -> bool:
    return not re.search(r"\d|[二两三四五六七八九十]", re.sub(r"[一1](?:次|回)", "", what))


def period_shortfall(segment: str, kinds: tuple[CaseKind, ...]) -> tuple[int, Decimal] | None:
    """The one shortfall kind (0 = the first) a statement of this period speaks of, and its count (0 when done
    this period, 1 when not); None when the statement is not such a statement or speaks of no kind, or several."""
    said = _SAID.match(re.sub(r"[\s“”\"']", "", segment))
    if said is None or _WEAKER.search(segment) or _ANY_NEGATION.search(said.group("what")):
        return None  # a negation after the subject ("本季度议事会议未召开"): not read here
    period, what = _PERIODS[said.group("period")], said.group("what")
    found: list[int] = []
    for i, kind in enumerate(kinds):
        if not _SHORT.match(kind.what) or kind.once:
            continue
        for asked in _ASKED.finditer(kind.words or kind.text):
            verb = asked.group("what")
            if _PERIODS[asked.group("period")] != period or not _asked_once(verb):
                continue
            if set(QUALITIES.findall(what)) - set(QUALITIES.findall(verb)):
                continue  # "本季度已按时召开": a quality the requirement does not ask
            if share(what, verb) >= 2 / 3:
                found.append(i)
                break
    if len(found) != 1:
        return None
    return found[0], Decimal(1 if said.group("neg") else 0)


# faults (s9): a requirement "<thing>每<period>N<counter>" ("宣传内容每季度1期,少1期扣1分") met as written
_EVERY = re.compile(
    r"每(?P<period>半年|季度|年度|月|季|年|周)(?P<n>\d+|[一二两三四五六七八九十])(?P<c>[\u4e00-\u9fa5])"
)
# s9 fix round: the verb only one of doing what the requirement asks (never 计划/应/将/曾/平均/漏发/停更/撤下…);
# "至少"/"不少于" before the number: that many or more
_DONE_VERBS = r"(?:更新|出刊|刊出|出|发布|编发|印发|张贴|开展|召开|举办|组织|出版|报送|上报|编印|发放)"
_MET = re.compile(
    r"^(?P<topic>[\u4e00-\u9fa5]{0,8}?)每(?P<period>半年|季度|年度|月|季|年|周)(?:均|都)?(?:已|已经)?"
    rf"(?P<least>至少|不少于)?(?P<verb>{_DONE_VERBS})?(?:了)?(?P<least2>至少|不少于)?"
    r"(?P<n>\d+|[一二两三四五六七八九十])(?P<c>[\u4e00-\u9fa5])$"
)
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _number(text: str) -> Decimal:
    return Decimal(text) if text.isdigit() else Decimal(_NUMERALS[text])


def period_met(segment: str, kinds: tuple[CaseKind, ...], rule_text: str) -> tuple[int, str] | None:
    """ "每季度更新1期" against "宣传内容每季度1期,少1期扣1分": the one kind that counts a shortfall in the counter
    of the text's one "每<period>N<counter>", when the statement says that period and at least that number (no
    negation, hedge or other counter): that kind is 0, with the note; None otherwise. Fewer than asked ("每季度
    更新1期" against "每月2期") is not read: how many periods fall short is not said."""
    said = _MET.match(each_period(re.sub(r"[\s“”\"']", "", segment)))
    if said is None or _WEAKER.search(segment) or _ANY_NEGATION.search(re.sub(r"至少|不少于", "", segment)):
        return None
    asked = [a for a in _EVERY.finditer(rule_text) if a.group("c") == said.group("c")]
    counting = [i for i, k in enumerate(kinds) if _SHORT.match(k.what) and not k.once and k.unit == said.group("c")]
    if len(asked) != 1 or len(counting) != 1:
        return None
    need = asked[0]
    if _PERIODS[need.group("period")] != _PERIODS[said.group("period")] or _number(said.group("n")) < _number(
        need.group("n")
    ):
        return None
    topic = said.group("topic")
    head = rule_text[max(0, need.start() - 8) : need.start()]
    if topic and share(topic, head) < 2 / 3:
        return None  # "宣传栏每季度更新1期" speaks of 宣传栏; another topic than the requirement's is not read
    asked_as = re.split(r"[,，;；。]", head)[-1] + need.group(0)
    return counting[0], f"“{segment}”达到“{asked_as}”，“{kinds[counting[0]].what}”计 0"


# faults (s9, round 2): every period said another way — "四个季度各出1期", "各月各报送1次" (each), "按季出刊共4期"
# (quarterly, 4 in the year: 1 each) — written "每季度出1期" for ``period_met``; a year's total alone ("全年出了4期":
# two in one quarter?) is not
_EACH = re.compile(
    r"^(?P<topic>[\u4e00-\u9fa5]{0,8}?)(?:全年)?(?:四个季度|4个季度|各季度|每个季度|十二个月|12个月|各月|每个月)各"
    r"(?P<rest>[\u4e00-\u9fa5]{0,4}?(?:\d+|[一二两三四五六七八九十])[\u4e00-\u9fa5])$"
)
_QUARTERLY = re.compile(
    r"^(?P<topic>[\u4e00-\u9fa5]{0,8}?)(?:全年)?按(?P<period>季度|季|月)(?P<verb>[\u4e00-\u9fa5]{0,4}?)共(?:计)?"
    r"(?P<n>\d+|[一二两三四五六七八九十]+)(?P<c>[\u4e00-\u9fa5])$"
)
_IN_A_YEAR = {"季度": 4, "季": 4, "月": 12}


def each_period(segment: str) -> str:
    """The statement as "<topic>每<period><verb><N><counter>" when it says each period did so (see above)."""
    if found := _EACH.match(segment):
        period = "季度" if "季" in segment[len(found.group("topic")) : found.start("rest")] else "月"
        return f"{found.group('topic')}每{period}{found.group('rest')}"
    if (found := _QUARTERLY.match(segment)) and (n := _number_of(found.group("n"))) is not None:
        periods = _IN_A_YEAR[found.group("period")]
        if n % periods == 0 and n > 0:
            period = "季度" if "季" in found.group("period") else "月"
            return f"{found.group('topic')}每{period}{found.group('verb')}{n // periods}{found.group('c')}"
    return segment


def _number_of(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _NUMERALS.get(text)
