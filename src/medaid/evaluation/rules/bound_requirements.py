"""A bound beside other requirements: "专职服务人员培训累计不少于40小时,并计入培训档案(5分)".

Met when the actual's statements give one value in the bound's unit that meets it and name every other
requirement ("累计培训40小时，已计入培训档案"); not met as soon as the value falls short (whatever else is said)
or a statement denies a requirement ("…48小时，未计入培训档案"). A requirement left unsaid, a statement that
speaks of none of them, or two values in the bound's unit leave it to the evaluator.
"""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity, is_met, parse_quantity, same_unit
from medaid.evaluation.rules.naming import canon, denies, named, parts

_VALUE = re.compile(r"(\d+(?:\.\d+)?)(%|[\u4e00-\u9fa5]{1,4})")


def _value(statement: str, bound: Quantity) -> Quantity | None:
    """The value in the bound's unit a statement gives ("累计培训40小时" → 40小时)."""
    found: list[Quantity] = []
    for m in _VALUE.finditer(statement):
        number, unit = m.groups()
        for size in range(len(unit), 0, -1):
            head = unit[:size]
            if head == bound.unit or same_unit(head, bound.unit):
                quantity = parse_quantity(f"{number}{head}")
                if quantity is not None and quantity.value is not None:
                    found.append(quantity)
                break
    return found[0] if len(found) == 1 else None


def judge_requirements(text: str, bound: Quantity, also: tuple[str, ...]) -> tuple[bool | None, str]:
    """Whether a description meets the bound and every other requirement (module docstring), and how it was
    read; None with the reason when it does not say."""
    statements = parts(text)
    values = [(st, v) for st in statements if (v := _value(st, bound)) is not None]
    if len(values) != 1:
        what = "未写明" if not values else "写明了多个"
        return None, f"实际情况“{text}”{what}{bound.unit}数，无法与评分标准 {bound.describe()} 比较"
    statement, value = values[0]
    met = is_met(bound, value)
    if met is None:
        return None, f"实际 {value.describe()} 与评分标准 {bound.describe()} 单位不同，无法比较"
    said = f"实际 {value.describe()} {'达到' if met else '未达到'}评分标准 {bound.describe()}"
    if not met:
        return False, said
    others = [st for st in statements if st != statement]
    names = [canon(r) for r in also]
    denied = [r for r, name in zip(also, names, strict=True) if any(denies(st, name) for st in others)]
    if denied:
        return False, f"{said}，但未做到“{'”“'.join(denied)}”"
    unread = [st for st in others if not any(named(st, n) is not False for n in names)]
    if unread:
        return None, f"{said}；“{'、'.join(unread)}”不对应评分标准的其他要求（{'、'.join(also)}），需人工判断"
    unsaid = [r for r, n in zip(also, names, strict=True) if not any(named(st, n) is not False for st in others)]
    if unsaid:
        return None, f"{said}；实际情况未说明是否做到“{'”“'.join(unsaid)}”，需人工判断"
    return True, f"{said}，且做到“{'”“'.join(also)}”"
