"""The change an actual states from last year (bands family, out of ``bonus``): "比上年增加4名" → +4名."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.quantity import Quantity, parse_quantity

_CHANGE = re.compile(r"(增加|增长|提高|上升|增产|多|减少|下降|降低|减产|少)(\d+(?:\.\d+)?)([^\d,;。]*)")
_UP_WORDS = {"增加", "增长", "提高", "上升", "增产", "多"}


def signed_change(actual: Quantity) -> Quantity | None:
    """ "比上年增加4名" → +4名, "减少5名" → −5名, "持平" → 0; None when the text states no one change."""
    text = re.sub(r"\s+", "", actual.text)
    if re.fullmatch(r"(?:与上年|比上年|较上年|同比)?(?:持平|不变|稳定|无变化)", text):
        return Quantity(text=text, value=ZERO)
    found = _CHANGE.findall(text)
    if len(found) != 1:
        return None
    word, number, unit = found[0]
    unit = "%" if unit in ("个百分点", "百分点") else unit  # "比上年增长2个百分点"
    amount = parse_quantity(f"{number}{unit}") or Quantity(text=number, value=Decimal(number))
    if amount.value is None:
        return None
    sign = Decimal(1) if word in _UP_WORDS else Decimal(-1)
    return Quantity(text=text, value=sign * amount.value, unit=amount.unit)
