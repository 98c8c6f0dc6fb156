"""The count an actual (or a 扣分说明) states for a count rule: where it is read from (counts family)."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.rules.base import Inputs
from medaid.evaluation.rules.count_reading import Count, read_count


def actual_count(
    inputs: Inputs,
    unit: str | None,
    what: str,
    subject: str,
    vetoes: tuple[str, ...],
    clears: tuple[str, ...] = (),
    condition: str = "",
    limits: tuple[str, ...] = (),
    fault: str = "",
    topic: str = "",
    faults: bool = False,
    items: Decimal | None = None,
) -> tuple[Count, str]:
    """The count read from the actual, or from the 扣分说明 when there is no actual; and where from."""

    def read(text: str) -> Count:
        return read_count(
            text,
            unit=unit,
            what=what,
            subject=subject,
            vetoes=vetoes,
            clears=clears,
            condition=condition,
            limits=limits,
            fault=fault,
            topic=topic,
            faults=faults,
            items=items,
        )

    if inputs.actual is not None:
        return read(inputs.actual.text), "实际完成值"
    if inputs.note:
        return read(inputs.note), "扣分说明"
    return Count(None, "未填写实际完成值"), "实际完成值"
