"""Why a description is not read against a list of faults at all (affirm family, session 9, review fixes).

A deduction list ("未报送工作计划和年度总结,扣5分"; "未通过验收(扣5分)"; "未每月开展巡查(扣2分)") is read by the faults
the description names, the others taken as not found. Four kinds of statement say nothing either way, and were read
as "no fault found" (full marks) or as the fault:

- a plan or a forecast: "将于下月报送…", "计划下月报送…" (not yet done: the fault still holds, or not — not said),
  "支出将超过年初预算" (a forecast is no finding);
- a check without its verdict against a fault that is the verdict: "已验收" against "未通过验收";
- the deed without the frequency or time the fault names: "已开展巡查" against "未每月开展巡查";
- another year than the text's: "2021年未建立制度" against "2020年未建立制度".
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.unsaid_words import unsaid_quality

_PLAN = re.compile(
    r"(?:将|拟|计划|准备|打算|争取|力争)(?=于|要|在|下[月周季年半]|明年|年底|近期|[^,，;；。]{0,6}?"
    r"(?:报送|上报|提交|完成|建立|制定|开展|召开|超过|超出|低于|高于|达到|整改|落实|配备))"
    r"|预计|预期|估计|可能|有望"
    r"|或将|或许|也许|恐怕|或(?=超过|超出|低于|高于|达到)"  # (affirm s9 fix) "支出或超过预算": 或 as "may"
)
_FAILED_VERDICT = re.compile(r"(?:未|没有|不)(通过|合格)")
_CHECK = re.compile(r"验收|检查|考核|审核|评审|评估|抽检|年检")
_YEAR = re.compile(r"\d{4}年")
_QUALITY = re.compile(
    r"按时|按期|如期|准时|及时|限期|每月|按月|逐月|每季度|按季度|每季|每半年|每年|按年度|每周|按周|定期|足额|全额|年内|当年"
)
_ANY_FAULT = re.compile(r"[无不没缺错误迟漏超差]|延|逾期|滞后")


# (affirm s9 fix) a clause that opens with a duty ("开展违法建设整治", "配备无障碍设施", "开展无烟单位创建") names a
# fault only when the fault closes it ("建立台账不规范", "开展培训不到位"): a fault word inside its object is a noun,
# and whether the marks go when the duty is done or when it is not is not said
_DUTY = re.compile(
    r"^(?:开展|组织|做好|落实|加强|推进|实施|建立|健全|制定|完成|配备|使用|设立|成立|编制|举办|召开|推行|实行)"
)
_CLOSING_FAULT = re.compile(
    r"(?:(?:未|不|没有?|无|缺)[\u4e00-\u9fa5]{0,3}|逾期|滞后|超期|超标|错误|有误|偏差|失误|违规|违法)$"
)

_NEGATION = re.compile(r"未(?!成年)|没有|不(?!锈|断|良|动产)")


def duty_clause(clause: str) -> bool:
    """A deduction clause that states a duty, not a fault (see ``_DUTY``)."""
    said = re.sub(r"\s|\([^()]*\)|（[^（）]*）", "", clause).strip("。;；,，")
    negated = _NEGATION.search(said)  # "设立宣传栏、但内容不符合要求或未定期更新": a fault stated in it
    if _FAULTY_THING.match(said):  # (affirm s9) "使用过期药品": using a faulty thing is the fault itself
        return False
    return _DUTY.match(said) is not None and negated is None and _CLOSING_FAULT.search(said) is None


_FAULTY_THING = re.compile(
    r"^(?:使用|销售|采购|购买|配备|发放|存放|经营)(?:过期|失效|变质|违禁|假冒|伪劣|劣质|不合格|淘汰|报废|非法|无证|三无|禁用)"
)


def deduction_doubt(text: str, names: list[str], rule_text: str) -> str | None:
    """Why ``text`` is not read against the faults ``names`` (see above); None when it may be."""
    said = re.sub(r"\s", "", text)
    if duty := next((name for name in names if duty_clause(name)), None):
        return f"扣分情形“{duty}”写的是应做的事而非过错，未写明做到还是未做到时扣分"
    plan = _PLAN.search(said)
    context = said[plan.start() : plan.end() + 2] if plan is not None else ""  # "计划下月" is no "工作计划"
    if plan is not None and not any(context in name for name in names):
        return f"实际情况“{text}”中的“{plan.group(0)}”表示计划或预计，不能确定扣分情形是否发生"
    for name in names:
        verdict = _FAILED_VERDICT.search(name)
        check = _CHECK.search(said)
        if verdict is not None and _CHECK.search(name) and verdict.group(1) not in said and check is not None:
            return f"实际情况“{text}”只说到已{check.group(0)}，未写明结果是否“{verdict.group(1)}”"
        plain = re.sub(r"\([^()]*\)|（[^（）]*）", "", name)  # a bracket: a note
        positive = re.sub(r"^(?:未|没有|不)", "", plain)
        deed = canon(_QUALITY.sub("", positive))  # "每月开展巡查" → 开展巡查: the statement must restate this deed
        simple = canon(said)
        if positive == plain or len(deed) < 2 or deed not in simple or _ANY_FAULT.search(simple):
            continue
        if why := unsaid_quality(simple, positive):
            return f"实际情况“{text}”：{why}"
    years = set(_YEAR.findall(rule_text))
    if years and (other := set(_YEAR.findall(said)) - years):
        return f"实际情况说的是{'、'.join(sorted(other))}，评分标准说的是{'、'.join(sorted(years))}"
    return None
