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
