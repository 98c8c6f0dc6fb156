"""How a list of faults names its faults (lists family), for the readings of ``levels``.

- "无方案、记录及总结各扣2分": the leading negation (无/未/没有/缺/不) is every listed thing's (无记录, 无总结), as
  in ``checklists`` ("未建立制度、台账");
- a condition that is one step of a quantity ("上升1个百分点", "超生1个小孩", "每低1%") is a deduction per step or
  per case, which the step and count readings take (``deduction_sum``), never a named fault.
"""

from __future__ import annotations

import re

_UNIT_STEP = re.compile(
    r"(?<![\d.第])(?:1|一)个?(?:百分点|%|‰)"
    r"|(?<![\d.第])(?:1|一)(?:个|名|位|人|例|次(?!性)|起|件|处|份|户|笔|篇|宗)[\u4e00-\u9fa5]{1,4}$"
)
_LEAD_NEGATION = re.compile(r"^(?:没有|无|未|缺少|缺|不)")


def unit_step(name: str) -> bool:
    """The condition is one step of a quantity ("上升1百分点", "超生1个小孩")."""
    return _UNIT_STEP.search(name) is not None


def spread_negation(names: list[str]) -> list[str]:
    """ "无方案", "记录", "总结" → 无方案, 无记录, 无总结: when only the first of a list is negated."""
    lead = _LEAD_NEGATION.match(names[0]) if names else None
    if lead and len(names) > 1 and not any(_LEAD_NEGATION.match(n) for n in names[1:]):
        return names[:1] + [lead.group(0) + n for n in names[1:]]
    return names
