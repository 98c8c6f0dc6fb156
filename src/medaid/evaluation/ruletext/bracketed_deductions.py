"""A deduction written in brackets after its fault (affirm family, session 9).

The family: a fault and, in brackets right after it, what it costs — "未上报招商信息和年终工作总结(扣5分)。",
"…,未制定工作方案、成立…领导机构…和落实责任分工(扣5分)。", "台账不全(扣2分);未开展培训(扣1分)". The bracket says
the same as "…,扣5分": the marks of the clause it closes. The clause readers take an open bracket for the start of a
new clause and lose the fault's name (a bracket holding "得2分" or "2分" they read already), so the bracket is written
as that comma and every shape reads the text again; the rule keeps its text as written.

Only a bracket that holds the deduction and nothing else ("扣5分", "扣除5分", "减5分"), that closes a clause (a word
or a closing bracket before it) and ends it (a stop, a comma or the end after it). Not read here: "(每项扣1分)"
(per item), "(最多扣5分)", "(扣完为止)", "(扣5分,扣完为止)", a bracket opening the text "(扣5分)未建立…", and a
bracket after a clause that names no fault ("每月召开例会(扣1分)": deducted when not done, or each time?).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.deduction_doubts import duty_clause  # (affirm s9 fix) "开展违法建设整治": a duty
from medaid.evaluation.ruletext.common import NUM

_BRACKETED = re.compile(
    rf"(?<=[\u4e00-\u9fa5A-Za-z0-9%)])\s*\(\s*((?:扣除|扣减|扣|减)\s*{NUM}\s*分)\s*\)(?=\s*(?:[。;,]|$))"
)


# a fault: a denial, a lack, a delay or an error in the clause the bracket closes ("每月召开例会(扣1分)" is no fault:
# what it costs is not said — when it is not done, or each time). (s9 review) Words, not letters: 未成年人, 无障碍,
# 无人机, 不锈钢, 不断, 不良资产, 差异化, 少先队, 少数民族, 超市, 误餐, 漏水, 错峰, 违章建筑 name no fault.
_FAULT = re.compile(
    r"(?:未|没有|没)(?!成年|来)"
    r"|不(?=全|齐|规范|到位|及时|按|合格|合理|完整|完善|准确|真实|符合|达标|健全|明确|足|当|力|实|严|清|一致|满足|具备"
    r"|落实|执行|报|予|能|够|遵守|认真|主动|积极|健康|安全|正常|统一)"
    r"|无(?=故|正当|法|任何|相关|书面|记录|台账|计划|方案|制度|资料|档案|专人|措施|总结|报告|依据|审批|签字|证明|凭证)"
    r"|缺|漏(?=报|填|登|项|记|缴|检|统|交|录|发)|迟(?=报|交|到|缴|发|办|于)|推迟|延迟|延误|拖延|逾期|滞后|超期|超时|超支"
    r"|超标|超出|超过|超范围|错误|差错|出错|错报|错填|错漏|误报|失误|偏差|违规|违反|违纪|违法|虚报|瞒报|挪用|截留"
    r"|少(?=于|报|缴|计|发|拨)"
)
# (s9 review) a clause that names the remedy of a fault ("超标排放整改", "违章建筑拆除", "对未达标企业进行整改"): the
# duty is the remedy; what it costs (when not done?) is not a fault named
_REMEDY = re.compile(
    r"(?:整改|拆除|处置|维修|清理|纠正|查处|治理|清退|追回|收回|整治|清收|召回|督导|督办|排查|化解|管控|防治|防控|处理|处罚"
    r"|打击)(?:情况|工作)?$"
)
_DOUBLE = re.compile(r"(?:未|没有|没|不|无)(?:不|未|没有|无)")


def bracketed_deduction(text: str) -> Rule | None:
    """The rule the text states with each bracketed deduction written as the clause's own "…,扣N分"."""
    for found in _BRACKETED.finditer(text):
        clause = re.split(r"[,;。:]", text[: found.start()])[-1]
        said = clause.strip()
        if not _FAULT.search(clause) or _REMEDY.search(said) or duty_clause(said):
            return None
        if _DOUBLE.search(said):  # (affirm s9) a double negation ("没有不建立制度"): garbled, not read
            return None
    plain = _BRACKETED.sub(lambda m: "," + re.sub(r"\s", "", m.group(1)), text)
    if plain == text:
        return None
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the text with commas

    return parse_rule_text(plain)
