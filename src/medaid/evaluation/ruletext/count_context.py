"""What stands around a count clause without scoring: how the check is made ("每村环绕一圈", "一个乡镇摸排两个村,
每个村5户", "抽取10份档案") and what makes a thing a case ("面积超过10平方米的每处扣1分").

Reading conventions (docs/rules.md, "Counts and ranks"):
- a part of a sentence that says how the check is made (抽查, 抽取, 摸排, 环绕, 走访, 回访, 入户, 查看, 暗访, 随机,
  考核方式…), with no score, no deduction, no negation and no comparison, says nothing the score depends on: the
  actual counts the cases found in that check. A part right after it that only sizes the sample ("每个村5户")
  goes with it;
- a plan of how often ("每月至少开展1次巡查", "每季度召开1次例会") beside "每少一次…扣", "缺一次扣…" in the same
  counter makes the count one of times missed (``shortfall_norm``): the actual must say them missed ("少2次",
  "应巡查12次,实巡查10次"); a bare count ("2次") may be the times done, and is refused;
- a requirement that each of a kind of thing has something ("每个班配有钢琴", "每所学校均建有图书室"), with no number,
  score or negation, beside a count of those things in the same counter ("少1个班扣0.5分", "1所学校未建扣1分") is
  the full-marks condition of that count (``each_requirement``): the actual counts the things without it;
- a comparison just before "的" and the count ("面积超过10平方米的每处扣1分", "逾期30天以上的每件扣1分") says which
  things are cases, not a step against a target, when its number is in a unit other than the count's: the
  actual counts the things that meet it.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, NEGATION, NUMBER, plain

# "可倒扣", "扣完可倒扣", "实行倒扣" as a clause of its own: the permission to score below zero, which parse_rule_text
# gives the rule (``negative``); "倒扣10分" of a case is a deduction and stays (``counts.leftover``).
PERMITS_BELOW_ZERO = re.compile(
    r"(?:^|(?<=[,;。]))(?:扣完(?:后)?(?:可以|可|允许)?|可以|可|允许|实行|予以)倒扣(?=[,;。]|$)"
)
# A limit of the score below zero ("最多倒扣1分", "倒扣不超过2分"): the permission is not unlimited, and no rule keeps
# a floor below zero, so the text stays unread (counts s9 fix round).
BOUNDED_REVERSAL = re.compile(
    r"(?:最多|最高|至多)(?:可以|可)?倒扣|倒扣(?:最多|最高|至多|不超过|不得超过|上限|以)|负分(?:最多|最低|不超过|不低于)"
)

_CHECK = r"抽查|抽取|抽检|抽样|摸排|环绕|走访|回访|暗访|入户|查看|查阅|随机|实地|考核方式|检查方式|核查方式|采取|采用"
# a part that says how the check is made: an inspection word, and no score, sanction, negation or comparison
_PROCEDURE = re.compile(
    rf"^(?=[^,;。]*(?:{_CHECK}))(?![^,;。]*(?:分|扣|得|加|奖|[不未没无缺漏错非]|以上|以下|低于|高于|超过|少于|不足|达到|%))"
    r"[^,;。]+$"
)
# the size of the sample, right after the part that takes it: "每个村5户", "每乡镇2个村"
_SAMPLE_SIZE = re.compile(rf"^每[^\d,;。分扣得不未没无]{{0,6}}?{NUMBER}{COUNTER}$")


def procedure_parts(rest: str) -> str:
    """The text with the parts that only say how the check is made (and the sample's size after them) taken out."""
    pieces = re.split(r"(?<=[,;。])", rest)
    out: list[str] = []
    after_check = False
    for piece in pieces:
        body = piece.rstrip(",;。")
        if body and _PROCEDURE.match(body):
            after_check = True
            continue
        if body and after_check and _SAMPLE_SIZE.match(body):
            continue
        after_check = False
        out.append(piece)
    return "".join(out)


_COMPARE = r"超过|高于|大于|多于|低于|少于|小于|不足|逾期|超期|延误|迟报"
# "面积超过10平方米的", "逾期30天以上的": what makes a thing a case, ending in 的 just before the count
QUALIFIER = re.compile(
    rf"(?:{_COMPARE})(?P<n>\d+(?:\.\d+)?)(?P<unit>%|[^\d,;。的以]{{1,4}}?)(?:\(含\))?(?:及)?(?:以上|以下)?的$"
)


# counts family (s7): a comparison against a norm named without a number ("当日分类率低于区要求", "办结时间超过规定
# 时限") before a count of cases ("每宗次", "每件") says which occurrences are cases, not a step against a number
NAMED_NORM = re.compile(
    r"(?:低于|高于|超过|超出|少于|不足|达不到|未达到|未达)[^\d,;。每]{0,6}?(?:要求|标准|规定|时限|限值|限额)(?:的)?$"
)
_CASES = {"次", "宗", "宗次", "起", "例", "处", "件", "批次", "人次", "例次", "户次", "家次", "批"}


def named_norm_qualifier(pre: str, unit: str) -> bool:
    """ "当日分类率低于区要求" before "每宗次": the comparison names which occurrences are counted (no number in it)."""
    return unit in _CASES and not re.search(r"\d", pre) and NAMED_NORM.search(pre) is not None


def case_qualifier(pre: str, unit: str) -> bool:
    """The comparison before a count ("面积超过10平方米的" before "每处") says which things are cases: its number is
    in a unit that is not the count's own."""
    found = QUALIFIER.search(pre)
    if found is None:
        return False
    own = found.group("unit")
    return own != unit and not re.fullmatch(COUNTER, own) and not own.startswith(unit)


_PLAN = re.compile(
    rf"每(?:月|季度|季|年|半年|周|旬)(?:至少|不少于|应)?[^,;。\d不未没无缺]{{0,8}}?(?P<n>{NUMBER})(?P<unit>{COUNTER}|期)"
)


# counts family (s7): "每季度召开住户议事会议" with no number: once each period, counted in 次
_PLAN_ONCE = re.compile(
    r"每(?:月|季度|季|年|半年|周|旬)(?:至少|应|要|须|必须|定期|均)?"
    r"(?:召开|开展|组织|举办|举行|进行|参加|上报|报送|检查|研究|主持召开)[^,;。\d不未没无缺每]{1,20}(?=[,;。]|$)"
)


def shortfall_norm(text: str, unit: str) -> str:
    """The plan of how often a thing is due ("每月至少开展1次巡查"; "每季度召开议事会议", once a period, in 次), in the
    counter of a count of times missed; "" when the text states none, or more than one."""
    found = [m for m in _PLAN.finditer(text) if m.group("unit") == unit]
    if not found and unit == "次":
        found = list(_PLAN_ONCE.finditer(text))
    if len(found) != 1:
        return ""
    end = min((i for i in (text.find(c, found[0].end()) for c in ",;。") if i >= 0), default=len(text))
    return text[found[0].start() : end]


# counts family: "每个班配有钢琴", "每所学校均建有图书室": each thing of a kind is to have something
_EACH_REQUIREMENT = re.compile(
    r"(?:^|(?<=[,;。(]))每(?P<cls>个|所|家|户|名|位|间|座|台|栋|幢|辆|盏|张)(?P<noun>[^\d,;。()每]{1,4}?)(?:都|均|必须|要|应|须)?"
    r"(?P<has>(?:配有|配备|配置|设有|建有|建立|安装|设置|有)[^\d,;。()分每扣得加不未没无缺]{1,20})(?=[,;。()]|$)"
)


def each_requirement(rest: str, text: str) -> str:
    """``rest`` without a requirement that each thing of a kind has something ("每个班配有钢琴") when ``text`` counts
    those things in the same counter ("少1个班扣0.5分"): the requirement says what a case lacks, not a step."""

    def drop(m: re.Match[str]) -> str:
        counted_again = rf"(?:\d+|[一二两三四五六七八九十])(?:{m.group('cls')}){re.escape(m.group('noun'))}"
        return "" if re.search(counted_again, text) else m.group(0)

    return _EACH_REQUIREMENT.sub(drop, rest)


def each_requirements(text: str) -> tuple[str, ...]:
    """The requirements ``each_requirement`` sets aside, as an actual restates them ("教室安装监控设备" of "每间教室应
    安装监控设备"): "各教室均已安装监控设备" says no thing lacks it."""
    found: list[str] = []
    for m in _EACH_REQUIREMENT.finditer(text):
        counted_again = rf"(?:\d+|[一二两三四五六七八九十])(?:{m.group('cls')}){re.escape(m.group('noun'))}"
        if re.search(counted_again, text):
            found.append(m.group("noun") + m.group("has"))
    return tuple(found)


_FAULT_WORDS = re.compile(rf"[{NEGATION}超少]|缺失|滞后|逾期|错误|差错")


def case_fault(pre: str, before: str, noun: str) -> str:
    """ "不完整的每个项目", "审核程序缺失,每个项目": the words that say which of the things counted ("项目") are cases —
    the words before 每 in its part, or the part before it when that holds no number or score; "" when they hold
    no fault word (a negation, 缺失, 滞后…) or the count names no thing (counts family)."""
    words = plain(pre) or ("" if re.search(r"\d|分", before) else plain(before))
    return words if noun and words != noun and _FAULT_WORDS.search(words) else ""


def condition_before(text: str, start: int) -> str:
    """The condition a count clause stands under, in the part just before it ("在市辖各区县有设置分支机构的,
    每个区县加1分"); "" when that part holds a number, a score or a negation."""
    head = text[:start].rstrip(",")
    part = head[max(head.rfind(c) for c in ",;。:(") + 1 :] if head != text[:start] else ""
    part = re.sub(r"(?:的|者|时)+$", "", part)
    return "" if re.search(rf"\d|每|[{NEGATION}]", part) else part


# counts family (s7): "责任区内全年无A、B等破坏森林资源现象的计20分,发现一项的扣5分": a count that names nothing counts
# what the full marks' condition denies (the class a list "A、B等C" names, C)
_DENIED_FULL = re.compile(
    r"(?:无|未发生|没有|未出现|未发现)(?P<thing>[^,;。\d]{2,60}?)(?:的)?,?(?:计|得|记)\d+(?:\.\d+)?分"
)


def denied_thing(body: str, before: int) -> str:
    """What the one full-marks condition before ``before`` denies ("破坏森林资源" of "全年无…等破坏森林资源现象的
    计20分"); "" when there is none, or more than one."""
    found = list(_DENIED_FULL.finditer(body[:before]))
    if len(found) != 1:
        return ""
    thing = found[0].group("thing")
    thing = thing.rsplit("等", 1)[1] if "等" in thing else thing
    thing = plain(thing)
    return thing if len(thing) >= 2 and not re.search(r"[不未没无非]|、|或|和", thing) else ""


def case_words(pre: str, unit: str) -> str:
    """The words before a count without a comparison that only says which things are cases ("面积超过10平方米的",
    counts family s7: "低于区要求")."""
    if named_norm_qualifier(pre, unit):
        return NAMED_NORM.sub("", pre)
    return QUALIFIER.sub("", pre) if case_qualifier(pre, unit) else pre


# counts family (s8): the condition of a full-marks score written "得满分" (no number: ``counts.requirements`` reads
# only "得N分"), when it is a requirement met ("均符合标准,得满分", "资料齐全的得满分"): an actual that restates it
# says no case was found. Not one with a number, a negation, a score or 每 ("未发生事故的得满分" is no requirement).
_FULL_WORDED = re.compile(r"(?:^|(?<=[,;。:]))(?P<cond>[^,;。:]{2,30}?)(?:的|者|时)?,?(?:可)?得满分")


def full_requirement(text: str) -> tuple[str, ...]:
    """The requirement before "得满分", as ``_FULL_WORDED`` says, or ()."""
    found = _FULL_WORDED.search(text)
    if found is None or re.search(rf"\d|[{NEGATION}]|分|每|扣|否则|其余|其他", found.group("cond")):
        return ()
    return (found.group("cond"),)
