"""Whether the words beside a count state a fault that was found: the one vocabulary of hedges, denials and words
that are no fault at all, shared by the count readings of the counts family (s7 fix round).

How evaluators write a count that is NOT a count of faults found, whatever words of a fault it holds:
- a hedge: the fault is suspected, possible, hypothetical, graded or approximate ("疑似不符合要求3处", "可能存在问题",
  "如不符合规定", "操作不太规范", "台账填写不够规范", "约4处", "若干处"); the hedges of the count family
  (``count_words._HEDGED``: "基本", "部分", "个别"…) and of statements (``clause_match.HEDGES``: "总体", "有的"…) are
  part of it;
- a denial anywhere in the words, not only at their start: "无"/"没有"/"未发现"/"不存在" ("检查5基无故障", "路灯完好
  无损坏"), a negation before a word of a defect ("井盖未丢失", "没有问题", "均不破损", "不超标"), a negation of
  time or need ("不再松动", "不曾损坏", "不需要更换"), 非 ("非故障停灯", "非本单位");
- work done about a fault, not a fault present: "更换不锈钢护栏", "已修复损坏路灯", "回复问题", "宣传消防隐患",
  "排除故障", "处理群众反映问题";
- another period or another owner: "上年存在问题", "以往…", "另有单位…", "邻近街道…";
- a change, not a count: "破损减少3处", "比上年减少3处";
- a bound or a range around the number: "未超过4处", "少于4处", "不足4处", "4处以上", "3至4处".
A negation character inside an ordinary word is no negation: 不锈钢, 未成年人, 错峰, 不错, 不断, 无障碍.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.clause_match import HEDGES as STATEMENT_HEDGES
from medaid.evaluation.rules.count_words import _HEDGED
from medaid.evaluation.rules.wording import BOUND_AFTER_NUMBER

# Words a negation character is part of, which negate nothing: "不锈钢", "未成年人", "错峰", "不错", "无障碍".
_NOT_NEGATION = re.compile(
    r"不锈钢|不错|不断|不仅|不但|不论|无论|不管|不久|不少|不止|不定期|不动产|未成年|未来|错峰|错时|错开|非常|非遗|非税"
    r"|无障碍|无人机|无线|无害化|无偿|无公害|缺一不可"
)
# A fault suspected, possible, hypothetical, graded or approximate. 约 inside a word ("村规民约", "签约") is no
# "about" (counts family, s9).
HEDGES = re.compile(
    rf"{_HEDGED.pattern}|{STATEMENT_HEDGES.pattern}|疑似|疑为|涉嫌|可能|或许|也许|似乎|估计|大概|大约|(?<![民公合预签节制条契违践租婚])约(?![定束谈请见])|若干|^(?:如|若)|假如|如果|倘若"
    r"|不太|不够|不大|不甚|不很|不十分|明显|拟|应(?=[不未没当该])|或(?=[不未没存有])"
    # a plan (s9 fix): "计划举办", "准备开展", "预计完成"
    r"|预计|打算|(?<![按照依原年月])计划(?=[举开组完实建提召发进办落新修申争引])|准备(?=[举开组完实建召发进办])"
)
# Words of a defect: a negation before one denies it ("未丢失", "没有问题", "均不破损", "不超标").
_DEFECTS = r"问题|隐患|缺陷|损坏|破损|故障|丢失|缺失|松动|超标|违规|违章|违法|事故|投诉|差错|错误|异常"
_DENIALS = re.compile(
    rf"无|没有(?:发现|查[出到])?|没发现|未(?:发现|见|查[出到]|检出)|不存在|不再|不曾|从未|从不|[均都全皆][不未没无]"
    rf"|不需|不须|不用|不必|杜绝|非|[不未没](?:有)?(?:发生|出现|存在)?(?:{_DEFECTS})"
)
# Work done about a fault, not a fault present.
_DEEDS = re.compile(
    r"(?<![不未没])(?:更换|修复|维修|整改|排除|消除|处理|补齐|补装|补办|补充|预防|防止|宣传|培训|解决|解答|回复|答复|咨询|反映|新增|新装"
    r"|新建|安装|改造|制止|查处|退还|清理|治理|落实|完成)"
)
# Another period, another owner.
_ELSEWHERE = re.compile(
    r"上年|去年|往年|以往|前年|上一年|上月|上季度|上期|历年|曾经|过去|此前|外单位|其他单位|其它单位|他单位|另有|邻近|相邻"
    r"|周边|他人"
)
# Words that narrow what is counted, which a head or a middle left out may never be (s7 fix): a level ("省级",
# "越级"), a time ("夜间", "节假日", "汛期"), a manner ("集体", "重复", "恶意"), or the act of a fault itself
# ("破坏森林资源" is no "森林资源", "违规处置" no "处置").
NARROWING = re.compile(
    r"级|夜|凌晨|节假日|假期|周末|汛期|雨季|冬季|夏季|白天|日间|集体|群体|重复|多次|恶意|实名|书面|破坏|损坏|违规|违法|违章"
    r"|乱|私自|擅自|虚报|作假|侵占|污染|食堂|食品|安全"
)
# A change, not a count.
_CHANGE = re.compile(r"减少|增加|增长|下降|上升|降低|提高|同比|环比|[比较]上年|[比较]去年|[比较]上月")
# A bound or a range before the number ("未超过4处", "3至4处") and after its counter ("4处以上").
_BOUND_BEFORE = re.compile(
    r"(?:未超过|不超过|未超|不超|少于|不足|不到|低于|多于|超过|高于|大于|小于|至少|最多|最少|近|约|\d\s*[至到~\-—－])$"
)


def negations(words: str) -> int:
    """How many negation characters (不未没缺漏错) stand as negations in the words, not inside an ordinary word."""
    return len(re.findall(r"[不未没缺漏错]", _NOT_NEGATION.sub("", words)))


def unsure(words: str) -> str | None:
    """Why the words beside a count do not state a fault found (a hedge, a denial, work done, another period or
    owner, a change), or None."""
    said = _NOT_NEGATION.sub("", words)
    for pattern, why in (
        (HEDGES, "有推测、假设或程度限定的词"),
        (_DENIALS, "有否定（未发现、无、不存在、未+问题）的词"),
        (_DEEDS, "写的是已做的工作（整改、修复、处理等），不是发现的问题"),
        (_ELSEWHERE, "写的是其他时期或其他单位"),
        (_CHANGE, "写的是增减变化，不是发现的数"),
    ):
        if (hit := pattern.search(said)) is not None:
            return f"{why}“{hit.group(0)}”"
    return None


def hedged_beyond(words: str, own: str) -> str | None:
    """Why the words are hedged or planned ("计划举办培训班") by a word the rule's own words ``own`` do not hold — even
    when those hold another word ``unsure`` names ("举办培训班": 培训 is work done) (s9 fix)."""
    said = _NOT_NEGATION.sub("", words)
    hit = next((m.group(0) for m in HEDGES.finditer(said) if m.group(0) not in own), None)
    return None if hit is None else f"有推测、计划、假设或程度限定的词“{hit}”"


def bounded(before: str, after: str) -> bool:
    """The number between ``before`` and ``after`` (the words after its counter) is a bound, an approximation or
    one end of a range ("未超过4处", "约4处", "4处以上", "3至4处")."""
    after_bound = BOUND_AFTER_NUMBER.match(after)
    # one character of a bound ("余", "多", "内") only when it ends the words: "内容" is no "内"
    whole = after_bound is not None and (
        len(after_bound.group(0)) > 1 or not re.match(r"[\u4e00-\u9fff]", after[after_bound.end() :])
    )
    return _BOUND_BEFORE.search(before) is not None or whole


def veto_measured(segment: str, vetoes: tuple[str, ...]) -> str | None:
    """The veto ("当月分类率未达到区要求") whose quantity the statement gives as a number ("当月分类率达到区要求的90%",
    "当月分类率95%", "当月处理量为规定要求的95%"): whether the veto holds is a comparison not read, so the statement is
    neither a veto stated nor one denied. Only a veto that compares (未达到, 低于…) and a statement with a rate."""
    if not re.search(r"\d%", segment):
        return None
    for veto in vetoes:
        parts = re.split(r"未|不|没|低于|少于|高于|超过|超出", veto)
        if len(parts) > 1 and len(parts[0]) >= 3 and parts[0] in segment:
            return veto
    return None
