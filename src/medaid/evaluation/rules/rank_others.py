"""The ranks a ranking leaves unsettled, scored by whether there is any of what is counted: "按新培育总数排名,前三名
按照6、5、4分打分,有新培育的得3分,没有新培育的0分" (bands family).

The family: places with their points, then "有X的得N分" (any X at all) and "没有X的0分" / "无X的不得分" (none). A
rank past the listed places scores N when the actual or the explanation writes a count of X ("新培育1家") of at
least 1, and 0 when it writes none ("无新培育", "新培育0家"); anything else is left to a judge. N must not exceed the
points of the last listed place (a place below the list scores no more than it).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.counts import CN_NUMBER, cn_int

_ANY = re.compile(r"^有(?P<what>[\u4e00-\u9fa5]{2,12}?)的?,?(?:得|计|记|给)(?P<points>\d+(?:\.\d+)?)分$")
_COUNTER = r"(?:家|个|项|人|户|次|件|名|所|处|例|条)"


def any_or_none(
    others: tuple[str, ...], vetoes: tuple[str, ...], given: str, lowest: Decimal
) -> tuple[Decimal, str] | None:
    """The score of a rank past the listed places and how it was found, or None when it is not settled."""
    if len(others) != 1:
        return None
    found = _ANY.fullmatch(others[0])
    if found is None:
        return None
    what, points = found.group("what"), Decimal(found.group("points"))
    if points > lowest or not any(re.fullmatch(rf"(?:没有|无|未)(?:{what})", v) for v in vetoes):
        return None
    text = simplified(normalize_text(given))  # "新引進企業3家": as the rule text, in simplified characters
    counts = [cn_int(n) for n in re.findall(rf"{what}[^,，;；。\d]{{0,12}}?(\d+|{CN_NUMBER}){_COUNTER}", text)]
    none = re.search(rf"(?:没有|无|未)(?:{what})", text) is not None
    if none and not counts:
        return Decimal(0), f"“{given}”写明没有{what}，按“没有{what}”不得分"
    if len(counts) != 1 or counts[0] is None or none:
        return None
    count = counts[0]
    if count == 0:
        return Decimal(0), f"“{given}”写明{what} 0，按“没有{what}”不得分"
    return points, f"“{given}”写明{what} {fmt(count)}，按“{others[0]}”得 {fmt(points)} 分"
