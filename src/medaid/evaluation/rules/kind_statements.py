"""Words of the statements an actual makes about a rule's kinds of case (rules/kind_actuals.py): denials, the
rest cleared, generic words, the words of a statement about all of several objects, and what was checked."""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER

# "无X", "未发现X" (after a topic); "准确无误" is a positive predicate, no denial of a "误" (faults, s9 round 2)
NONE = re.compile(
    r"^(?P<topic>[^\d无没未不]{0,12}?)(?:无(?!误)|未发现|没有|未出现|未查实|未查出|不存在|未发生|未造成|未导致|未引发)(?P<rest>.*)$"
)
# "其余均已落实", "其他方面均符合要求": what is not named was not found.
REST = re.compile(
    r"(?:其余|其他|其它)(?:各项|项目|方面|内容)?(?:均|都|全部)?(?:已|能)?(?:落实|完成|符合要求|符合|到位|正常|达标)"
)
GENERIC = {"", "问题", "情况", "此类问题", "以上问题", "以上情况", "上述问题", "上述情况", "此类情况", "违规情况",
            "上述情形", "以上情形", "此类情形", "任何问题", "任何情况", "类似问题", "类似情况"}  # fmt: skip
# "协助查处、回访均到位": objects under one 均 keep their 、, each said done (faults family, s6)
ALL_OF = re.compile(r"均|都|全部|一律")

# faults (s9, round 2): what an evaluator checked, before what was found: "抽查本年度政府采购公告12条", "经核查",
# "核对门诊日志", "登录平台抽取10份健康档案". The check itself, what it looked at and how many: no finding.
_CHECK = r"(?:抽查|抽取|抽检|抽阅|抽样|检查|核查|核对|核实|查阅|查看|调阅|复核|审核|审查|查验|走访|(?<=经)查)"
_RECORDS = (
    r"(?:档案|案卷|卷宗|公告|记录|日志|台账|台帐|资料|报表|报告卡|卡片|凭证|账目|账簿|文书|文件|花名册|登记本|名册|平台|"
    r"系统|项目|合同|协议|单位|学校|村|社区|户|家庭|人员|对象|牌|标牌|公示牌|路段|路线|场所|现场|点位|样本)"
)
_SCOPE = re.compile(
    rf"^(?:经|通过|现场|实地|随机|入户|逐户|登录平台|登录系统|本年度|全年|年度|年内|在)*{_CHECK}了?(?:(?P<what>[^\d,]{{0,16}}?{_RECORDS})?"
    rf"|(?P<what2>[^\d,]{{0,16}}?)(?:{NUMBER})(?:{COUNTER}|块|卷|间)(?P<after>(?:[^\d,]{{0,12}}?{_RECORDS})?))$"
)
# words that make a statement a finding, not the check: negations, faults, events, hedges and parts
_FINDING = re.compile(
    r"[不未没无非缺漏迟错误违超假瞒拖欠差乱空脏损坏失逾延滞]|发现|发生|出现|存在|问题|中有|其中|仅|只|部分|个别|"
    r"重复|均|都|全部|合格|符合|达标|按时|及时|规范|完整|齐全|准确"
)


def checked_scope(segment: str) -> bool:
    """The statement says only what was checked ("抽查采购项目15个", "经查", "核对门诊日志"), nothing found: it
    is passed over. Never a statement with a negation, a fault or event word, a part, or a quality."""
    return bool(_SCOPE.fullmatch(segment)) and not _FINDING.search(segment)


# faults (s9, round 2): a date in a statement ("3月发生一般森林火灾一起", "2012年5月完成整改"): when, not how many
_DATE = re.compile(
    r"(?<![\d.个])(?:\d{4}年)?(?:1[0-2]|0?[1-9])月(?:份)?(?:\d{1,2}日)?(?:底|初|末|中旬|上旬|下旬)?(?:前|后|以来|起)?"
    r"(?=[\u4e00-\u9fa5])"
)


def undated(segment: str, units: list[str]) -> str:
    """The statement without its dates, unless a kind counts months (then "缺报3月" may be a count)."""
    if any("月" in u for u in units):
        return segment
    return _DATE.sub("", segment)


# faults (s9, round 2): an event is counted in 次 or 起 alike ("发生一般森林火灾一次扣5分" / "发生火灾一起")
_EVENT = re.compile(r"发生|出现|事故|火灾|事件|案件")


# a report made, late or missed, one for each case ("漏报每次扣0.5分" / "漏报传染病4例")
_REPORT = re.compile(r"(?:漏|迟|填|上|瞒|报告|及时)报|报告卡|报告")


def same_event_counter(counter: str, unit: str, kind_text: str, written: str = "") -> bool:
    """次 and 起 count the same occurrences when the kind is an event the text says happened; 例 counts the
    reports of a kind about reporting cases (each case one report: "漏报4例" is four 漏报); a counter the text
    writes in brackets right after the kind's own ("…弄虚作假的,每次(件)扣1分": 件 as 次; ``written``: the text)."""
    if written and re.search(re.escape(kind_text) + rf"[(（]{re.escape(counter)}[)）]", written):
        return True
    if {counter, unit} == {"例", "次"}:  # not of events reported once for many cases ("突发事件未及时报告")
        return bool(_REPORT.search(kind_text)) and not re.search(r"事件|疫情|暴发|聚集|事故", kind_text)
    return {counter, unit} <= {"次", "起"} and bool(_EVENT.search(kind_text))


def after_scope(segment: str) -> str:
    """ "抽查10份档案:3份存在空项": what was found, after the check that heads it and a colon."""
    head, colon, rest = segment.partition(":")
    return rest if colon and rest and checked_scope(head) else segment


# s9 fix round: a plan, forecast or aim ("工程预计达到进度要求", "将按期完成", "力争…"): not what happened
PLANNED = re.compile(
    r"预计|有望|可望|计划(?=[于在将要按如达完])|拟|力争|争取|预期|打算|准备|将(?=按|如|于|会|要|在|可|能|达|完)"
    r"|可(?=按期|如期|按时|达到|完成)|能够?(?=按期|如期)"
)

# s9 fix round: a count open at one end ("质量缺陷2处以上", "资料至少缺2项", "10余处"): how many is not known
_N = r"(?:\d+|[一二两三四五六七八九十]+)"
OPEN_COUNT = re.compile(
    rf"(?:至少|不少于|最少|起码|超过|多于|不止)[^\d,]{{0,4}}?{_N}|{_N}(?:{COUNTER}|块|卷)?(?:及)?(?:以上|余|多)(?!分)"
    rf"|{_N}{COUNTER}[\u4e00-\u9fa5]{{1,4}}?(?:及)?以上(?=$|[,，;；。、)）])"  # faults fixer (s9): "少2个村以上"
)
# s9 fix round: a count per period ("每月少2期"): in how many periods is not said
PER_PERIOD = re.compile(rf"每(?:半年|季度|年度|月|季|年|周|天|日)[^,\d]{{0,6}}?{_N}")
# s9 fix round: a rate short of 100 % ("建档率90%"): some were not done, how many is not said
_SHORT_RATE = re.compile(r"(?<![\d.])(?:\d{1,2}(?:\.\d+)?|\d{1,2})%")


def short_rate(segment: str) -> bool:
    """The statement gives a percentage below 100 %."""
    return bool(_SHORT_RATE.search(segment))


# faults fixer (s9): a hedge or suspicion before the fault ("可能迟发1次", "疑似漏报2例"): not a fault found
SUSPECTED = re.compile(
    r"可能|疑似|涉嫌|或许|也许|大概|似乎|估计|怀疑|据反映|据说|待核实|未经核实|尚未核实|待查|待确认|不排除"
)
# faults fixer (s9): an event of another unit or party ("邻近责任区发生…", "外地户籍人员…", "代理机构迟发"),
# unless the text itself speaks of it
ELSEWHERE = re.compile(
    r"邻近|相邻|临近|毗邻|外地|外省|外市|外县|外乡|外镇|外村|异地|他乡|外籍|代理机构|第三方|其他单位|其它单位|兄弟单位"
    r"|(?:责任区|辖区|本[乡镇村县市区])(?:以)?外"
)
# faults fixer (s9): a hazard or risk of an event ("无火灾隐患") is not the event ("无火灾")
HAZARD = re.compile(r"隐患|风险|苗头|险情|征兆|隐情")


def outside_words(segment: str, rule_text: str) -> str | None:
    """The words of a statement that make it a suspicion, another unit's event or a hazard, the text not
    speaking of them itself; None when there are none."""
    for pattern in (SUSPECTED, ELSEWHERE, HAZARD):
        if (found := pattern.search(segment)) and found.group(0) not in rule_text:
            return found.group(0)
    return None


def qualifier_left_out(segment: str, what: str, others: list[str]) -> str | None:
    """faults fixer (s9): the statement names the kind's words around a qualifier that another kind shares
    too — what the table counts — but not the qualifier itself ("一般火灾" for "一般森林火灾" beside "较大
    以上森林火灾": the table counts forest fires; "民房失火" is not one): the qualifier left out, or None. Both
    sides two to four characters, the qualifier two or more (without 的). A qualifier of one kind alone ("较大火灾" for
    "较大以上森林火灾"'s 以上) is left to the kind's reading."""
    if not others:
        return None
    for start in range(2, len(what) - 3):
        for end in range(start + 2, len(what) - 1):
            middle = what[start:end]
            if not any(middle in o for o in others) or "的" in middle or start > 4 or len(what) - end > 4:
                continue  # a short compound only: grade, qualifier, head noun ("一般" "森林" "火灾")
            if what[:start] + what[end:] in segment and middle not in segment:
                return middle
    return None
