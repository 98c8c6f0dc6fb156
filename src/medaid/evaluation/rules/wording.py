"""The vocabulary a description in words uses of requirements and faults: negation, completion, partial,
quantifiers, events, causes and dates.

Texts here are in ``naming.canon`` spelling (未/没有 → 无, no 已/了). The readings:

- **Negation is one word.** 不, 未, 无, 没有 negate alike when words are compared (``unify``: "未及时上报"
  names "不及时上报"); 按时, 按期, 如期, 准时 are one word with 及时.
- **Partial is never all.** 部分, 个别, 有的, 少数, 一些, 其中, 一个/N个… before a negation say that part of the
  subject fails: that denies a requirement that must hold throughout ("部分村防疫时未带冷藏箱" denies
  "防疫时带冷藏箱和冰块"), never a fault ("部分村未发现截留" does not clear 截留).
- **Any one ↔ every one.** A fault said of any one of its subjects ("市或任何一个县区未成立机构",
  "任一项经费未列入预算") is denied by a statement said of every one ("市和各县区均已成立机构",
  "两项经费均列入预算"): both lose their quantifiers (``unquantified``) and are compared.
- **Events.** "未发现截留", "未发生乱发", "无截留" speak alike of the event (``uneventful``); "发现1起违规行为"
  names "发现违规行为" and "发现0起" denies it (``counted_event``).
- **Causes.** A fault "X(而)造成Y" ("由于程序不当或对象不准而造成残疾人上访") is named by any of its causes with
  the effect ("因对象不准造成残疾人上访") and denied by a negated effect ("未因程序问题造成残疾人上访",
  "未造成残疾人上访"), or a negated cause ("未发生乱发" against "乱发造成不稳定").
- **Dates** a statement adds ("6月底未开始整改") are passed over when the fault's text holds the same date.
"""

from __future__ import annotations

import re

# One spelling for words of the same meaning when names are compared.
_SAME = (
    ("按时", "及时"), ("按期", "及时"), ("如期", "及时"), ("准时", "及时"), ("不", "无"),
    # spellings of one word: 台帐/台账, 制订/制定, 签定/签订, 拔付 (a slip for 拨付)
    ("帐", "账"), ("制订", "制定"), ("签定", "签订"), ("拔付", "拨付"), ("记要", "纪要"),
)  # fmt: skip


def unify(text: str) -> str:
    """ "不及时上报" and "未按时上报" in one spelling: 不 → 无, 按时/按期/如期/准时 → 及时; 缺/缺少 at the start
    ("缺工作记录") → 无; 台帐 → 台账, 制订 → 制定."""
    for word, same in _SAME:
        text = text.replace(word, same)
    return re.sub(r"^缺少?(?!失)", "无", text)


_SOME = r"部分|个别|有的|有些|少数|一些|其中"
PARTIAL = re.compile(rf"{_SOME}|(?:\d+|[一二两三四五六七八九十])(?:个|家|户|所|项|处|村|县)")
UNIVERSAL = re.compile(r"全部|所有|均|都|一律|各")
# Words after a number that make it a bound or an approximation, not a value: "17户以上", "95%左右", "1次及以上",
# "3万余元" (``note_shares``: never the actual; ``event_levels``: never a count of what happened)
BOUND_AFTER_NUMBER = re.compile(r"^(?:及|或)?(?:以上|以下|以内|之内|左右|上下|有余|余|多|强|弱|内)")
# "任何一个", "任一项", "其中任一": a fault said of any one of its subjects, and the joiner before it
_ANY = re.compile(r"[|或]?(?:其中)?(?:任何一(?:个|项|家|所)|任一(?:个|项|家|所)?|任何)")
_COUNT_OF = re.compile(r"^(?:\d+|[一二两三四五六七八九十])(?:项|个|类|方面)")


def any_one(fault: str) -> bool:
    """ "市或任何一个县区无成立机构": a fault said of any one of its subjects."""
    return bool(_ANY.search(fault))


def unquantified(text: str) -> str:
    """The words without their quantifiers: "市或任何一个县区无成立机构" → 市县区无成立机构;
    "两项经费均列入预算" → 经费列入预算; "市和各县区均成立机构" → 市和县区成立机构."""
    text = _ANY.sub("", text)
    text = _COUNT_OF.sub("", text)
    return UNIVERSAL.sub("", text)


def universal(statement: str) -> bool:
    """The statement speaks of every one: 均, 都, 全部, 所有, 各 (and no partial word)."""
    return bool(UNIVERSAL.search(statement)) and not re.search(_SOME, statement)


_EVENT = r"(?:发现|发生|出现|存在)"
_COUNTER = r"(?:起|例|次|处|个|件|项|户|人|名|份|宗)"
_NUMBER = r"(\d+|[一二两三四五六七八九十])"


def counted_event(statement: str) -> str:
    """ "发现1起违规行为" → 发现违规行为; "发现0起违规行为" → 无发现违规行为 (the count of an event said as
    whether it happened)."""

    def said(found: re.Match[str]) -> str:
        zero = found.group(2) == "0"
        return ("无" if zero else "") + found.group(1)

    statement = re.sub(rf"({_EVENT}){_NUMBER}{_COUNTER}", said, statement)
    # "发现挪用资金1起": the count at the end
    found = re.fullmatch(rf"({_EVENT}.+?){_NUMBER}{_COUNTER}", statement)
    return statement if found is None else ("无" if found.group(2) == "0" else "") + found.group(1)


def uneventful(statement: str) -> str:
    """ "无发生乱发" → 无乱发: the event word after a negation says nothing more."""
    return re.sub(rf"无{_EVENT}", "无", statement)


_DATE = re.compile(r"\d{4}年|\d{1,2}月(?:底|末|初|中旬|上旬|下旬)?(?:前|以前|之前)?|\d{1,2}日(?:前|以前|之前)?")


def undated(statement: str, context: str) -> str:
    """The statement without the dates the fault's text holds too ("6月底无开始整改" → 无开始整改 against
    "2012年6月底整改结束,未开始整改"); the statement itself when it holds another date."""
    dates = _DATE.findall(statement)
    if not dates or any(d not in context for d in dates):
        return statement
    return _DATE.sub("", statement)


# Words that are one another's opposite as a negation is: "资料整齐" denies "资料零乱".
OPPOSITES = (
    (("零乱", "混乱", "杂乱"), ("整齐", "有序")), (("不全", "缺失", "残缺"), ("齐全", "完整")),
    (("滞后", "延迟", "拖延", "逾期"), ("及时", "按时", "按期")), (("违规",), ("合规",)),
    (("虚报", "虚假", "不实"), ("真实",)), (("错误", "差错"), ("准确", "无误")),
)  # fmt: skip


# How a requirement is checked, said before it: "调查反映防疫时带冷藏箱", "查看台账…", "经查,…".
_CHECKED = re.compile(r"^(?:经)?(?:调查反映|调查|查看|抽查|检查|核查|核实|查)(?=[\u4e00-\u9fa5]{4})")
CHECKING = re.compile(
    r"^(?:经)?(?:现场|实地)?(?:调查|查看|抽查|检查|核查|核实|查|审核|复核)(?:发现|了解)?$"
    r"|^经(?:现场|实地|调查|查看|抽查|检查|核查|核实|查|审核|复核)+$"
)
# What says that no listed fault happened: "未发现问题", "无扣分情形", "各项均符合要求", "均未发现".
_CLEAR = re.compile(
    r"^(?:无发现|均无发现|无|均无|未见)(?:任何)?(?:上述|以上|相关|所列|评分标准所列)?"
    r"(?:问题|扣分情形|扣分项|扣分情况|扣分事项|情形|违规情况|不符合情形|不符合项|问题情形)?$"
    r"|^(?:各项|全部|均|各项均|全部均|所有要求均)?符合(?:要求|规定|标准)?$|^(?:无|不|不予|无需)扣分$"
)


# "台账不全,扣1分", "台账不全(扣1分)": the deduction an explanation states beside what it names
STATED = re.compile(r"(?:共|合计|累计)?扣(?:除|减)?(\d+(?:\.\d+)?)分$")
# "其余符合要求", "其他均无问题": the faults not named did not happen (as they are read anyway)
REST_FINE = re.compile(
    r"^(?:其余|其他|其它|其余各项|其他各项|其余项|其他方面)(?:均|都|全部)?(?:符合要求|符合|无问题|正常|到位|达标|合格|规范)$"
)


def clears_all(text: str, note: bool) -> bool:
    """A description that says no listed fault happened as a whole: "未发现问题", "无扣分情形", "均符合要求";
    a bare "无" only in an explanation (扣分说明 "无": nothing to deduct), never as the actual."""
    said = [x for x in text.split("|") if x and not CHECKING.match(x)]
    return len(said) == 1 and bool(_CLEAR.match(said[0])) and (note or said[0] not in ("无", "均无"))


# A deduction left to the evaluator ("视情扣14分", "酌情扣分", "视轻重扣1-3分"): a text holding one is never read
# as fixed deductions, nor may a description that leaves it unsaid be taken as saying it did not happen.
DISCRETION = re.compile(
    r"酌情|视情|视具体情况|视其情况|根据情况|视轻重|视程度|视情节|适当扣分|适当减分|由评审人员确定|由考核组确定"
)


# A requirement that is only a word of achieving ("实现", "做到"): it says what follows it.
ACHIEVING = frozenset({"实现", "做到", "达到", "确保", "保证", "完成", "落实"})


def unchecked(requirement: str) -> str:
    """The requirement without how it is checked: "调查反映防疫时带冷藏箱和冰块" → 防疫时带冷藏箱和冰块."""
    return _CHECKED.sub("", requirement)


_DEGREE = re.compile(r"基本|部分|较|大体|初步|尚|正在|或")
# 不/无 that negate nothing: "无需整改", "不断完善", "不仅…", "无论…", "不得少于"
_NOT_NEGATION = re.compile(r"[无不](?:需|须|用|必|断|仅|但|论|得|再|少于|低于|超过|高于|多于)")


def _within(short: str, long: str) -> bool:
    """``short`` is ``long`` with characters left out."""
    it = iter(long)
    return all(ch in it for ch in short)


def denies_part(statement: str, requirement: str, partial: bool = True) -> bool:
    """A statement with one negation denies a positive requirement of which it negates a part: "防疫时无带冷藏箱"
    denies "防疫时带冷藏箱和冰块" (what is not done in part is not done); with ``partial`` the subject may be a
    part ("部分村防疫时无带冷藏箱", "1个县无达到" against "各县全部达到省定扶贫标准"). Not for a requirement
    that is itself negated, graded or an alternative (或)."""
    said, need = unify(statement).replace("|", ""), unify(unchecked(requirement)).replace("|", "")
    if _NOT_NEGATION.search(statement + requirement) or said.count("无") != 1:
        return False
    if "无" in need or "非" in need or _DEGREE.search(need):
        return False
    at = said.index("无")
    positive = said[:at] + said[at + 1 :]
    if len(positive) - at < 2:
        return False
    pieces = [p for p in re.split(r"并且|而且|同时|[且并和及与]", UNIVERSAL.sub("", need)) if p]
    for start in range(at + 1):
        core = positive[start:]
        if len(core) >= 2 and any(core in p or (len(core) >= 3 and _within(core, p)) for p in pieces):
            subject = positive[:start]
            if not partial and (
                PARTIAL.search(subject) or re.search(r"\d", subject) or core != re.sub(_EVENT, "", need)
            ):
                return False  # a fault is denied whole ("无截留" for "发现截留"), not in part ("无发放": "重复发放")
            if "非" in subject:
                return False  # "部分非重点村未建立档案" speaks of what is not required
            return not _DEGREE.search(subject) or bool(partial and PARTIAL.search(subject))
    return False


_ONE_EACH = re.compile(r"(?:一|每|1)(?:起|次|例|件|宗|人次)")
_COUNTED = re.compile(r"(\d+|[两二三四五六七八九十])(?:起|次|例|件|宗|人次)")


def repeated_event(statement: str, faults: tuple[str, ...]) -> bool:
    """A statement of an event more than once ("发生土葬事件2起") when a fault is counted by the event ("发生一起
    土葬事件"): a list deducts each fault once, so whether it is deducted twice is not read."""
    found = _COUNTED.search(statement)
    return found is not None and found.group(1) not in ("1", "0") and any(_ONE_EACH.search(f) for f in faults)
