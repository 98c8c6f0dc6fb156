"""What an evaluator's statement in words leaves unsaid or says is not done, against a level it would be read as
(affirm family, session 7, fix round).

A reading of a statement against a level's name may leave words out (``naming.named``, ``affirmations``,
``deed_spellings``, the answers 是/完成). Some words must never be left out, whichever reading picked the level:
- **not done yet** in the statement: an intention, a future, an obligation or a work in progress before the deed
  ("工作台账将建立", "拟组建工作专班", "实施方案待下发", "亟需建立", "年度工作计划制定中", "已筹建服务站") or a draft of
  the thing ("方案初稿", "计划草案", "征求意见稿", "工作专班筹备组"). A deed not yet done is neither the deed nor,
  without more, its denial: refused unless the level itself says it;
- **a quality of time, pace, frequency or scope** in the scoring level's name, which a statement that affirms must
  restate ("按时完成年度任务" against "已完成", "每月定期召开" against "已定期召开", "6月底前完成整改" against "已完成
  整改", "超额完成", "保质保量完成", "及时上报所有…"). A statement that denies the deed ("未完成") needs none;
- **a hedged denial** ("不够规范", "不太及时", "欠规范"): between the level and its denial, never the bare denial;
- **the other half of a level joined by 并且/且**: "资料不齐全并且不规范" is not named by "资料不齐全,规范".
Each check returns the reason the statement is refused, or "" when it may be read.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.compared_restatements import COMPARISON, compared_restatement, compares
from medaid.evaluation.rules.naming import canon, denies
from medaid.evaluation.rules.wording import unify

# An intention, a future, an obligation or a work in progress, directly before a deed's verb: "将建立", "拟印发",
# "待下发", "亟需建立", "正在制定", "计划组建", "准备出台"; the verb is any of the making/doing verbs tables use.
_DEED = (
    r"建立|建设|建成|制定|制订|编制|起草|设立|成立|组建|筹建|印发|出台|下发|发布|签订|签署|开展|召开|完成|落实"
    r"|上报|报送|配备|明确|实施|整改|修订|出具|公示|拨付"
)
_PENDING = re.compile(
    rf"(?:将要?|即将|拟|待|有待|尚待|亟需|亟待|急需|尚需|仍需|还需|需要?|应当?|须|必须|正在?|(?<![按照依年度作训划])计划(?!完成率)|准备|打算|争取)"
    rf"(?:于[^,，;；。]{{1,8}})?(?:{_DEED})"
    r"|(?:制定|建立|编制|建设|组建|起草|修订|完善|推进|实施)中(?:$|[,，;；。])"
    r"|筹建|筹备|筹划|草案|初稿|草稿|征求意见稿|送审稿|讨论稿|起草"
)

# Qualities of time, pace, frequency and scope a scoring level may put on its deed; each group one meaning.
_QUALITY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("按时", "按期", "如期", "准时", "及时", "限期", "规定时间内", "规定时限内", "规定期限内"),
    ("提前",),
    ("超额",),
    ("年内", "当年", "本年度内"),
    ("按进度",),
    ("按计划",),
    ("高质量",),
    ("保质保量",),
    ("足额", "全额"),
    ("所有", "全部", "均", "一律"),
    ("每月", "按月", "逐月"),
    ("每季度", "按季度", "每季", "逐季"),
    ("每半年",),
    ("每年", "按年度", "逐年"),
    ("每周", "按周"),
    ("定期", "每月", "按月", "每季度", "按季度", "每季", "每半年", "每年", "每周", "按周"),
)
# a deadline written out: "6月底前", "年底前", "一季度内", "3月31日前"
_DEADLINE = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}日)?(?:底|末|份)?(?:前|以前|之前|内)"
    r"|(?:年底|年末|年前|上半年|下半年)(?:前|以前|之前|内)?(?=完成|建立|制定|建成|印发|出台|召开|开展)"
    r"|[一二三四1-4]季度(?:内|末|底|前)"
)
_NEGATED = re.compile(r"[未无不没非]|缺")
_HEDGED_DENIAL = re.compile(
    r"不够|不太|不很|不甚|不大(?!于)|不十分|不尽|不完全|欠(?=规范|完善|齐全|及时|合理|到位|完整|准确|充分|健全|全面|明确|妥)"
)


def pending(text: str, names: list[str]) -> str:
    """The statement says the deed is intended, pending, in progress or in draft, and no level says so."""
    found = _PENDING.search(re.sub(r"\s", "", text))
    if found is None or any(found.group(0) in name for name in names):
        return ""
    return f"“{found.group(0)}”表示尚未做到（计划、待办、进行中或草案），既不是做到也不是未做到"


def unsaid_quality(text: str, name: str) -> str:
    """The scoring level's quality of time, pace, frequency or scope the affirming statement leaves out."""
    said = re.sub(r"\s", "", text)
    # a statement that denies the level's deed ("未完成", "未按时召开") needs no quality; another negative statement
    # beside it ("无其他问题") does not excuse the affirming one
    verbs = re.findall(_DEED, name)
    for statement in re.split(r"[,，;；。]|但|而", canon(said)):
        if _NEGATED.search(statement) and (not verbs or any(v in statement for v in verbs)):
            return ""
    for group in _QUALITY_GROUPS:
        if any(w in name for w in group) and not any(w in said for w in group):
            return f"评分条件“{name}”要求“{next(w for w in group if w in name)}”，实际完成情况未说明"
    deadline = _DEADLINE.search(name)
    if deadline is not None and deadline.group(0) not in said:
        return f"评分条件“{name}”有时限“{deadline.group(0)}”，实际完成情况未说明是否在时限内"
    return ""


def hedged(text: str, names: list[str]) -> str:
    """A hedged denial ("不够规范") that no level's name says: it lies between a level and its denial."""
    found = _HEDGED_DENIAL.search(text)
    if found is None or any(found.group(0) in name for name in names):
        return ""
    return f"“{found.group(0)}”是程度较轻的否定，介于两级之间"


def half_denied(text: str, name: str) -> str:
    """A level joined by 并且/且/并/同时 whose one half the statement denies ("资料不齐全,规范" against "资料不齐全并且
    不规范"): the statement names neither that level nor another."""
    halves = [h for h in re.split(r"并且|而且|同时|且|并(?=[不未无没])", canon(name)) if len(h) >= 2]
    if len(halves) < 2:
        return ""
    for statement in re.split(r"[,，;；。、|]|但|而", text):
        said = canon(statement)
        if len(said) >= 2 and any(denies(said, h) for h in halves):
            return f"“{statement}”与等级“{name}”的一部分相反"
    return ""


# Verbs that make, issue or sign a thing: a statement with one of them says that deed, not another
_MAKING = "制定|制订|编制|起草|拟定|印发|出台|下发|发布|签订|签署|建立|建成|设立|成立|组建|筹建"
_ISSUING = re.compile(r"无(?:印发|出台|下发|发布|签署|公布)")


def other_deed(text: str, name: str) -> str:
    """The statement says another making deed than the level's ("目标责任书已下发" against "签订目标责任书": distributed
    is not signed), one that does not imply it (``deed_spellings.implies``); or denies issuing a thing against a level
    that asks only to have it ("应急预案未印发" against "有应急预案": drawn up, maybe, not issued)."""
    from medaid.evaluation.rules.deed_spellings import implies, same_deed

    name, text = unify(canon(name)), unify(canon(text))
    asked = set(re.findall(_MAKING, name))
    said = set(re.findall(_MAKING, text))
    if not asked and _ISSUING.search(text) and re.search(r"有", name):
        return f"“{text}”说的是未印发/未下发，不等于没有（可能已制定未印发）"
    if not asked or not said or asked & said:
        return ""
    if any(same_deed(s, a) for s in said for a in asked):
        return ""
    # a verb that implies the table's, affirmed; denied ("未印发" against "制定") it says nothing of the table's
    if not _NEGATED.search(text) and any(implies(s, a) for s in said for a in asked):
        return ""
    return f"实际完成情况说的是“{'、'.join(sorted(said))}”，评分条件要求的是“{'、'.join(sorted(asked))}”"


# Words that say a fault is kept off, feared or over, not that it happened: "防止逃学", "有逃学倾向", "被…波及",
# "网吧已关停"; a statement with one of them is never the fault (nor, alone, its denial)
# (affirm s8) 预防 inside the name of a field or a department ("预防医学专业", "预防保健科", "疾病预防控制中心") is no
# fault kept off
_NOT_THE_FAULT = re.compile(
    r"防止|(?<!疾病)预防(?!医学|保健|接种|控制|科|门诊|中心|站|所)|防范|避免|倾向|苗头|波及|受害"
    r"|已关停|已取缔|已拆除|已消除|已关闭|原有"
)


def unsaid_before(text: str, names: list[str]) -> str:
    """Why a statement in words is not read against these levels at all ("" when it may be)."""
    other = _NOT_THE_FAULT.search(text)
    if other is not None and not any(other.group(0) in name for name in names):
        return f"“{other.group(0)}”说的是防范、倾向或已消除，不是发生了该情形，也不是没有该情形"
    # (affirm s8) a part-time post is no 专人; (s9) unless the condition admits one: "专(兼)职", "专兼职"
    if "兼职" in text and not any(re.search(r"兼[)）]?职", name) for name in names):
        return "“兼职”人员不是评分条件所说的专人或专职人员"
    return pending(text, names) or hedged(text, names) or not_now(text, names)


# (affirm fix round s8) Time, intent and degree words a level never says, wherever they stand before the deed (not
# only directly before a making verb as ``_PENDING``): a plan or an obligation ("拟定期开展…", "计划按季度开展…",
# "拟有专人管理", "要求定期开展…", "准备…"), the past ("曾有专职人员管理", "以前有专人管理", "原配备专职人员"),
# a part of
# the period ("上半年定期开展…"), a degree ("很少定期开展…", "难以满足要求", "勉强满足"), a standard other than the
# row's ("符合规定以外的要求"), a role beside the deed ("专职人员协助/参与/指导管理"), what only exists on paper
# ("有专人管理的计划/要求", "名义上有专人管理", "（临时）", "长期不在岗").
_NOT_NOW = re.compile(
    r"(?:^|[,，;；。])(?:将要?|即将|拟|准备|打算|计划|要求|规划|预计|曾经?|以前|过去|原来|原先|先前|此前|原|上半年|下半年"
    r"|[一二三四1-4]季度|今后|下一步|明年)"
    r"|(?<![模])拟(?=[^,，;；。]{0,8}(?:有|设|配|开展|进行|建立|负责))|(?:将|准备|打算)(?=[^,，;；。]{0,6}(?:有|设置|开展|进行))"
    r"|曾经?(?=[^,，;；。]{0,4}(?:有|配备|设置|开展|进行|建立))|(?:以前|过去|原来|原先|此前)(?=有|配备|设置|开展|进行)"
    r"|(?<=[\u4e00-\u9fa5])原(?=配备|设置|设立|有|安排)"
    r"|很少|极少|较少|鲜有|难以|很难|较难|勉强|以外|之外|协助|参与|指导|配合|名义上|挂名|临时|不在岗|代管"
    r"|预计|预期|估计|有望|可能"  # (affirm s9, review) a forecast anywhere: "完成率预计100%"
    # (affirm s9, review 2) another period opening a statement ("上年度单位未建立…"), a promise ("将严格按程序办理")
    r"|(?:^|[,，;；。])(?:上年度?|去年|前年|上一年度?|往年|上期)"
    r"|将(?=严格|按时|按期|按要求|按规定|按程序|会|要|于|进一步|逐步|继续|全面)"
    r"|(?:的|之)(?:计划|要求|打算|方案)$|管理要求$|(?<=管理)(?:制度|台账|办法|规定|方案|计划|要求)(?=$|[,，;；。])"
)


def not_now(text: str, names: list[str]) -> str:
    """A time, intent, degree or role word (``_NOT_NOW``) that no level's name holds."""
    for found in _NOT_NOW.finditer(re.sub(r"\s", "", text)):
        word = found.group(0).strip(",，;；。")
        if word and not any(word in name for name in names):
            return f"“{word}”表示计划、过去、部分时段、程度或其他角色，不能确定现在是否做到"
    return ""


_ANY_OF = re.compile(r"任何一?|任一|一切")
# "未发现违规行为", "未发生事故", "不存在隐患": the finding verb after a negation says no more than the negation
_SEEN = re.compile(r"(?<=[无不非])(?:发现|发生|出现|存在|有)")


def narrower_denial(text: str, name: str) -> str:
    """A scoring level that denies a thing ("环境无安全隐患") named by a statement that denies a narrower thing
    ("无溺水的安全隐患"): one kind denied says nothing of the others."""
    whole = _SEEN.sub("", _ANY_OF.sub("", canon(name)))
    negation = re.search(r"无|不|非", whole)
    if negation is None:
        return ""
    tail = whole[negation.start() :]
    for statement in re.split(r"[,，;；。]", text):
        said = _SEEN.sub("", _ANY_OF.sub("", canon(statement)))
        at = said.find(tail[0])
        rest = said[at:] if at >= 0 else ""
        if rest and rest != tail and len(rest) > len(tail) and rest.endswith(tail[-2:]):
            return f"“{statement}”否定的范围比“{name}”窄"
    return ""


# A record or evidence said to be missing ("签到表缺失", "会议纪要未存档", "无法提供台账"): beside a deed restated it
# may undo it (tables count undocumented work as not done), so a scoring level read past it is not sure
_MISSING = re.compile(r"缺失|缺少|丢失|遗失|无法提供|不能提供|未提供|未存档|未留存|未归档|未备案|无记录|没有记录")


def missing_evidence(text: str, name: str) -> str:
    """A scoring level read from a statement that also says a record is missing, the level saying nothing of it."""
    found = _MISSING.search(text)
    if found is None or found.group(0) in name:
        return ""
    return f"实际完成情况另说“{found.group(0)}”，佐证缺失可能视为未做到"


# A bare answer to the whole condition ("是", "符合要求"): it says every word of it, qualities included; a bare
# "完成" does not (it names the deed, not how it was done)
_ANSWER = re.compile(r"^(?:是|是的|对|符合|符合要求|达到|达到要求|达标|做到|满足|满足要求|合格)$")


def unsaid_after(text: str, name: str, scores: bool, scoring: list[str], top: bool = True) -> str:
    """Why the level ``name`` a statement in words was read as is not sure ("" when it is): a scoring level's
    quality or deed left out, a 0 level's half denied, another deed than the scoring condition's."""
    if _ANSWER.match(canon(text)):
        return ""
    if scores:
        return (
            loose_comparison(text, name)
            or unsaid_verdict(text, name)
            or unsaid_quality(text, name)
            or other_deed(text, name)
            or narrower_denial(text, name)
            or (missing_evidence(text, name) if top else "")
        )
    return half_denied(text, name) or next((w for w in (other_deed(text, s) for s in scoring) if w), "")


def loose_comparison(text: str, name: str) -> str:
    """(affirm s9) A scoring level that compares two quantities in words ("…面积大于或等于…保有量") met by a statement
    holding a comparison word that does not restate it plainly ("…面积拟大于…", "预计…大于…", "…略高于…"): the
    comparison must be read as one (``compared_restatements``), never by its words."""
    statements = [s for s in re.split(r"[,，;；。\s]+", text) if s]
    pieces = [re.sub(r"^(?:并且|而且|并|且|同时)", "", p) for p in re.split(r"[,，;；]", name)]
    for piece in (p for p in pieces if compares(p)):  # each comparison of the level, also beside other requirements
        if any(compared_restatement(canon(s), canon(piece)) for s in statements):
            continue
        loose = next((s for s in statements if COMPARISON.search(s)), None)
        if loose:
            return f"“{loose}”未按评分条件“{piece}”写明比较结果（计划、预计或程度词不算）"
    return ""


_VERDICT = re.compile(r"(?:合格|达标|通过|优秀|良好|及格)$")


def unsaid_verdict(text: str, name: str) -> str:
    """(affirm s9) A scoring level that ends in a check's verdict ("…检查结果为合格") read from a statement that does
    not give it ("已检查", "已验收"): the check was made, its result is not said."""
    found = _VERDICT.search(re.sub(r"[\s,，。;；的]", "", name))
    if found is None or found.group(0) in canon(text):
        return ""
    return f"未写明结果是否“{found.group(0)}”"
