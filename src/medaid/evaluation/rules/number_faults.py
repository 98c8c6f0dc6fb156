"""A fault stated as a number against a bound ("老旧管网改造率≤80%的,扣1分"; "专题会议全年少于2次的,扣3分";
"覆盖率低于90%的不得分") and a number the evaluator gives: whether the number shows the fault.

The bound is the fault's last number, after a comparison word or sign: ≤/以下/不超过/不高于 (at most, the bound
included), </低于/少于/小于/不足/不到/未达到/达不到 (below), ≥/以上/不低于/不少于 (at least), >/超过/高于/多于/
大于 (above). The number must be in the bound's unit (a bound in 次 is never applied to 85%, nor one in % to a
bare 85); a fault with no such bound, or with more than one number, is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import Quantity, comparable, parse_quantity, same_unit, units_compatible
from medaid.evaluation.rules.naming import canon, names

# (words before the number, words after it) → whether the fault is the value above the bound, and bound included
_BEFORE: tuple[tuple[str, bool, bool], ...] = (
    ("不超过", False, True), ("不高于", False, True), ("不低于", True, True), ("不少于", True, True),
    ("未达到", False, False), ("达不到", False, False), ("未达", False, False), ("≤", False, True),
    ("≥", True, True), ("<", False, False), (">", True, False), ("低于", False, False), ("少于", False, False),
    ("小于", False, False), ("不足", False, False), ("不到", False, False), ("超过", True, False),
    ("高于", True, False), ("多于", True, False), ("大于", True, False),
)  # fmt: skip
_AFTER: tuple[tuple[str, bool, bool], ...] = (("以下", False, True), ("以上", True, True), ("以内", False, True))
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fa5/·]{1,4}?)?(以下|以上|以内)?(?:的|者)?$")


def number_fault(fault: str, actual: Quantity) -> bool | None:
    """True when ``actual`` shows the fault, False when it does not; None when the fault states no bound this
    reads or the units differ."""
    text = re.sub(r"[\s,，;；。]+$", "", fault)
    found = _NUMBER.search(text)
    if found is None or len(re.findall(r"\d+(?:\.\d+)?", text)) != 1 or actual.value is None:
        return None
    head = text[: found.start()]
    ways = [(above, equal) for word, above, equal in _BEFORE if head.endswith(word)]
    if found.group(3):
        ways = [(above, equal) for word, above, equal in _AFTER if word == found.group(3)] if not ways else []
    if len(ways) != 1:
        return None
    bound = parse_quantity(found.group(1) + (found.group(2) or ""))
    if bound is None or bound.value is None:
        return None
    value = comparable(bound, actual)
    if value.value is None or not (bound.unit == value.unit or same_unit(bound.unit, value.unit)):
        return None
    above, equal = ways[0]
    limit: Decimal = bound.value
    if above:
        return value.value >= limit if equal else value.value > limit
    return value.value <= limit if equal else value.value < limit


# A fault on a number in a description ("分散供养标准1100元/人·年" against "分散供养标准未达1200元/人·年").
_BELOW = ("未达到", "未达", "达不到", "不足", "低于", "少于", "小于", "不到", "不满")
_ABOVE = ("超过", "高于", "多于", "大于", "超出")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fa5][\u4e00-\u9fa5/·]*)?")


@dataclass(frozen=True)
class Bound:
    """A fault on a number: its subject, whether it is below (else above) the bound, and the bound."""

    subject: str
    below: bool
    bound: Quantity


def fault_bound(fault: str) -> Bound | None:
    """ "分散供养标准未达1200元/人·年" → (分散供养标准, below, 1200元/人·年)."""
    words = "|".join(_BELOW + _ABOVE)
    found = re.search(rf"({words})(\d+(?:\.\d+)?[^\d,;。、]*)$", fault)
    if not found or re.search(r"\d", fault[: found.start()]):
        return None
    bound = parse_quantity(found.group(2))
    if bound is None or bound.value is None or not bound.unit:
        return None
    return Bound(canon(fault[: found.start()]), found.group(1) in _BELOW, bound)


def measured_fault(statement: str, bound: Bound) -> bool | None:
    """Whether a statement with a number shows the fault (None: it does not speak of it)."""
    found = list(_AMOUNT.finditer(statement))
    if len(found) != 1:
        return None
    value = parse_quantity(found[0].group(0))
    subject = canon(statement[: found[0].start()])
    if value is None or value.value is None or bound.bound.value is None or not units_compatible(bound.bound, value):
        return None
    if value.unit != bound.bound.unit or not subject or not (subject == bound.subject or names(subject, bound.subject)):
        return None
    return value.value < bound.bound.value if bound.below else value.value > bound.bound.value
