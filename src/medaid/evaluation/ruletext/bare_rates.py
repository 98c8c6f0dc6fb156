"""A text that is only a rate, points per unit: "2分/基", "0.5分/处", "0.3分/火", "1分/处,扣完为止" (counts family,
s7). Whether the points are taken off or earned is left to the actual (rules/bare_rates.py); a rate with any other
word ("2分/个,6分封顶", "每处扣2分") is another shape's."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.bare_rates import BareRate
from medaid.evaluation.ruletext.common import negative_allowed

_RATE = re.compile(
    r"(\d+(?:\.\d+)?)分/([\u4e00-\u9fff])(?:[,;，；]?(?:扣完为止|扣完为止不倒扣|可倒扣|扣完可倒扣))?[。;；]?"
)


def bare_rate(text: str) -> Rule | None:
    """ "2分/基": the whole text a rate of points per unit (an 扣完为止 or 可倒扣 after it at most)."""
    found = _RATE.fullmatch(re.sub(r"\s", "", text))
    if found is None or Decimal(found.group(1)) <= 0:
        return None
    return BareRate(points=Decimal(found.group(1)), unit=found.group(2), negative=negative_allowed(text), text=text)
