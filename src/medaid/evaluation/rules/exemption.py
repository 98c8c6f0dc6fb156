"""An indicator without the task: "若实施方案没有该项建设任务的,不扣分" beside a formula. When the actual (or, with
no actual, the 扣分说明) says exactly that ("实施方案无该项建设任务", "无该项建设任务"), the indicator scores
its full marks; any other words are left to the formula, which refuses what it cannot read."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.naming import canon

# In the text: "若实施方案没有该项建设任务的,不扣分", "无此项任务的得满分", "对没有相关业务的按满分计算"
EXEMPTION = re.compile(
    r"(?:若|如|对|凡)?(?P<what>[^,;。:]{0,24}?(?:没有|无)(?:该项|此项|相关|本项)?[^,;。:]{0,12}?(?:任务|项目|业务))"
    r"的,?(?:不扣分|得满分|按满分计算?)"
)


def exemption(text: str) -> str | None:
    """The condition of an indicator without the task, as written; None when the text states none or two."""
    lead = re.compile(r"^\s*(?:\d{1,2}\s*[.、]|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])?\s*(?:若|如果|如|对于|对|凡)?")
    found = {lead.sub("", m.group("what")) for m in EXEMPTION.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _names(said: str, exempt: str) -> bool:
    """The actual says the indicator has no such task: the condition's words, or its end from 无 on."""
    said, exempt = canon(said), canon(exempt)
    return bool(said) and (said == exempt or (exempt.endswith(said) and said.startswith("无") and len(said) > 2))


def exempted(exempt: str | None, inputs: Inputs, full: Decimal) -> Outcome | None:
    """Full marks when the actual (or the explanation, with no actual) names the exemption; else None."""
    if exempt is None:
        return None
    actual = inputs.actual
    if actual is not None and actual.value is None and _names(actual.text, exempt):
        return Outcome(full, f"实际情况“{actual.text}”即评分标准所写“{exempt}”，不扣分，得满分 {fmt(full)} 分")
    if actual is None and inputs.note and _names(inputs.note, exempt):
        return Outcome(full, f"扣分说明“{inputs.note}”即评分标准所写“{exempt}”，不扣分，得满分 {fmt(full)} 分")
    return None


# (affirm s8) A unit without the thing the row assesses keeps its marks: "符合标准，得1分（如无协同单位，此处不失分）",
# "…;没有分支机构的,该项不扣分", "(未设分院的,视为符合)". ``ruletext/absent_exemptions`` reads the rest of such a text;
# ``Qualitative`` gives its full marks to an actual that names the exemption ("无协同单位").
_KEPT = r"(?:不失分|不扣分|得满分|按满分计(?:算)?|视为符合(?:要求|标准)?|视同符合)"
ABSENT = re.compile(
    r"[,;。]?(?P<open>\()?(?:如|若|如果|对|凡)?(?P<none>无|没有|未设|未设置|不涉及)(?P<what>[\u4e00-\u9fa5]{2,12}?)"
    rf"(?:的)?,?(?:此处|此项|该项|本项|本指标)?{_KEPT}(?(open)\))[。]?$"
)


def absent_thing(text: str) -> str | None:
    """The exemption a text ends with, as "无X" ("无协同单位"); None when there is none, or the thing holds a number
    or a negation ("无2家以上协同单位")."""
    from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

    found = ABSENT.search(normalize_rule_text(text))
    if found is None or re.search(r"[\d不未无没非]", found.group("what")):
        return None
    return f"无{found.group('what')}"


def exemption_mixed(exempt: str | None, inputs: Inputs, full: Decimal) -> Outcome | None:
    """(affirm fix round s8) A description that denies the exempted thing in other words than ``exempted`` reads
    ("未设分院" for "无分院": full marks), or with more words ("无附属医院，资料不全", "未设分院，科室设置不符合要求",
    "无分院，完成率90%": whether the exemption or the rest is scored is not said — never the rest alone)."""
    if exempt is None:
        return None
    text = inputs.actual.text if inputs.actual is not None and inputs.actual.value is None else inputs.note or ""
    thing = exempt.removeprefix("无")
    said = re.sub(r"[\s。.]", "", text)
    denial = re.search(rf"(?:无|没有|未设置?|未设立|未开设|未有|不涉及|尚无)(?:该|此)?{re.escape(thing)}", said)
    if len(thing) < 2 or denial is None:
        return None
    if denial.group(0) == said:
        return Outcome(full, f"说明“{text}”即评分标准所写“{exempt}”，不扣分，得满分 {fmt(full)} 分")
    why = f"“{text}”写明“{denial.group(0)}”（评分标准：{exempt}的不扣分），又写了其他情形，不能确定是否适用免扣"
    return Outcome(None, f"{why}；请写明是否{exempt}，需人工判断", needs_judgement=True)
