"""What keeps a statement of "all is well" from saying none was found (counts family, session 8 fix round).

How evaluators qualify a statement that restates the full marks' condition or a summary of none — the general
pattern, each refused, since the statement no longer says every thing counted is right:

- **an exception** in brackets or in a following clause: "科室设置齐全（康复科除外）", "病区设置均符合规范（除骨科外）",
  "必选科室齐全（缺康复科）", "病区设置均符合规范（骨科病区正在建设）", "病区齐全，骨科病区在建". A bracket that only
  says what a name includes ("预防保健科（含精神病防治）") is part of the name; any other bracket may except a thing;
- **a qualifier inside or after the requirement's own words**: "均符合旧标准" for "均符合标准" (which standard?),
  "均符合规范（…）"; words before them name the subject ("医院科室设置均符合标准") and are kept;
- **a description beside a summary of none** that is not plainly a success: what was seen is told in any words
  ("周边环境嘈杂", "通道狭窄", "出入受限", "设有路障", "常有车辆停放"), so no list of defect words can be complete.
  A description stands beside "2项均符合" only when it says a thing is met in a word of meeting (可/能 + a verb,
  远离, 符合, 达到, 齐全, 畅通, 完好, 正常…) and holds no negation, presence (有: "有噪声", "有杂物"), passive (被),
  excess (过), contrast (但, 却, 仅), location (位于, 靠近) or word of a defect.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_hedges import _DEFECTS, HEDGES, negations
from medaid.evaluation.rules.count_vocab import plain
from medaid.evaluation.rules.count_words import content_chars, restates

# a bracket saying what a name includes: part of the name
_ASIDE = re.compile(r"[(（](?:含|包含|包括|其中含)[^()（）]*[)）]")
# words that except a thing from a statement of all, or say it is not there yet
_EXCEPTION = re.compile(r"(?<![消排清删解免切拆剔])除|例外|以外|之外|另外|在建|正在|建设中|筹建|待建|未建|拟建")
# and, in a statement that restates a requirement, any negation or word of not yet the requirement does not hold
_NOT_YET = re.compile(r"尚|暂|还|仍|缺|少|无|未|没|不|非")


def excepted(statement: str) -> bool:
    """The statement holds a word of exception ("(康复科除外)", "骨科病区在建"), or a bracket other than an inclusion
    or a part of a name ("村(居)", "县(市、区)"): one that may except a thing ("(缺康复科)", "(骨科)")."""
    rest = _ASIDE.sub("", statement)
    brackets = re.findall(r"[(（]([^()（）]*)[)）]", rest)
    named = all(re.fullmatch(r"[\u4e00-\u9fff]{1,2}(?:、[\u4e00-\u9fff]{1,2})*", b) for b in brackets)
    unpaired = re.search(r"[()（）]", re.sub(r"[(（][^()（）]*[)）]", "", rest)) is not None
    return (
        not named or unpaired or _EXCEPTION.search(rest) is not None or _NOT_YET.search("".join(brackets)) is not None
    )


def excepts(statement: str, requirement: str = "") -> bool:
    """``excepted``, or a negation or word of not yet its requirement does not hold."""
    rest = _ASIDE.sub("", statement)
    return excepted(statement) or any(found.group(0) not in requirement for found in _NOT_YET.finditer(rest))


def restates_plainly(words: str, requirement: str) -> bool:
    """``count_words.restates``, and the words hold no exception and no word of their own inside or after the
    requirement's words ("均符合旧标准" is not "均符合标准"; "医院科室设置均符合标准" is)."""
    if not restates(words, requirement) or excepts(words, requirement):
        return False
    bare = re.sub(r"[(（][^()（）]*[)）]", "", words)  # an inclusion or a part of a name ("(含康复科)", "村(居)")
    need, said = content_chars(requirement), re.sub(r"(?:的)?(?:要求|规定|条件)$", "", plain(bare))  # "符合规范要求"
    at = next((i for i, c in enumerate(said) if c in need), None)
    return at is None or not content_chars(said[at:]) - need


# a word of meeting: the description says a thing is as required
_MET = re.compile(
    r"(?:可|能|能够|可以)[\u4e00-\u9fff]|远离|符合|达到|达标|齐全|齐备|完整|完好|完善|畅通|通畅|正常|良好|规范|合格|到位"
    r"|满足|健全|整洁|清洁|干净|安全|充足|落实|完成|宽敞|清楚|清晰|醒目"
    r"|平整|适度|适宜|舒适|准确|及时|按时"  # counts family (s9): "路面平整", "路拱适度"
    r"|已(?:建立|纳入|实行|实施|制定|设立|设置|开展|配备|签订|成立|公开|公示|执行)"  # s9: "制度已纳入村规民约"
)
# what makes a description more than a success: presence, passive, excess, contrast, location, difficulty, a defect
_NOT_MET = re.compile(
    rf"有|被|过|太|但|却|然而|仅|只|虽|除|位于|靠近|邻近|临近|紧邻|挨着|限|难|阻|障|堵|挤|窄|陡|杂|吵|闹|噪|污|脏|乱"
    rf"|损|坏|破|漏|锁|停放|占|超|差|偏|欠|{_DEFECTS}"
)


def plainly_met(description: str) -> bool:
    """A description beside a summary of none that says only that a thing is met (module docstring). What follows
    远离 (避开) is what is kept away from ("远离噪声、污染源等区域"), not a defect."""
    said = _ASIDE.sub("", description)
    if re.search(r"\d|[()（）]", said) or negations(said) or re.search(r"[无非]", said) or HEDGES.search(said):
        return False
    rest = re.sub(r"(?:远离|避开|远避)[^,，;；。但却有被]*", "·", said)
    if rest == said and _MET.search(said) is None:
        return False
    return _NOT_MET.search(_MET.sub("·", rest)) is None
