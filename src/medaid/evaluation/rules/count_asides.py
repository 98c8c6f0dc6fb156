"""A bonus rule with a second bonus beside it in another currency (counts family, s9): "引进“三资”5万元以上…加记1分,在此
基础上每增5万元加记1分,利用外资5万美元以上投入林业加5分,加分最高不超过10分".

``inner`` reads the amount in the rule's own unit; ``aside`` is the other bonus as written and ``currency`` its unit
(美元, 欧元…). An actual in the inner rule's unit that names neither the other currency nor the aside's own words is
scored by ``inner``: the aside is a bonus the actual does not claim (the reason says so). One that names them is
refused: whether both bonuses add, and how the currencies compare, is for a person.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.wrappers import Wrapper


@dataclass(frozen=True)
class CurrencyAside(Wrapper):
    """加分规则，另有一项以外币计的加分（模块说明）。"""

    inner: Rule
    aside: str  # "利用外资5万美元以上投入林业加5分"
    currency: str  # "美元"
    words: str  # what the aside names: "外资"

    kind = "currency_aside"
    label = "加分（另有外币加分项）"

    def params(self) -> dict[str, object]:
        return {"inner": self.inner.to_dict(), "aside": self.aside, "currency": self.currency, "words": self.words}

    def apply(self, inputs: Inputs) -> Outcome:
        written = " ".join(t for t in (inputs.actual.text if inputs.actual else None, inputs.note) if t)
        if re.search(rf"{re.escape(self.currency)}|{re.escape(self.words)}", written):
            return Outcome(None, f"实际情况写到“{self.words}”或{self.currency}：评分标准另有“{self.aside}”，"
                                 "两项加分如何合计未写明，需人工判断")  # fmt: skip
        out = self.inner.apply(inputs)
        lead = f"（评分标准另有“{self.aside}”，实际情况未写{self.words}，不加此项）"
        return dataclasses.replace(out, reason=lead + out.reason)


def currency_aside_from_mapping(spec: Mapping[str, object], text: str | None) -> CurrencyAside:
    """``{type: currency_aside, inner: {…}, aside: 利用外资5万美元以上…加5分, currency: 美元, words: 外资}``."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner = spec.get("inner")
    aside, currency, words = (str(spec.get(k) or "") for k in ("aside", "currency", "words"))
    if not isinstance(inner, Mapping) or not aside or not currency or not words:
        raise RuleSpecError(
            "currency_aside 规则需要 inner、aside（另一项加分）、currency（外币）和 words（所计的名称）"
        )
    return CurrencyAside(inner=rule_from_mapping(inner), aside=aside, currency=currency, words=words, text=text)
