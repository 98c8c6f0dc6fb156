"""How a list of faults names its faults (lists family), for the readings of ``levels``.

- "无方案、记录及总结各扣2分": the leading negation (无/未/没有/缺/不) is every listed thing's (无记录, 无总结), as
  in ``checklists`` ("未建立制度、台账");
- a condition that is one step of a quantity ("上升1个百分点", "超生1个小孩", "每低1%") is a deduction per step or
  per case, which the step and count readings take (``deduction_sum``), never a named fault.
"""

from __future__ import annotations

import re

from medaid.evaluation.ruletext.head_denials import spread_head

_UNIT_STEP = re.compile(
    r"(?<![\d.第])(?:1|一)个?(?:百分点|%|‰)"
    r"|(?<![\d.第])(?:1|一)(?:个|名|位|人|例|次(?!性)|起|件|处|份|户|笔|篇|宗)[\u4e00-\u9fa5]{1,4}$"
)
_LEAD_NEGATION = re.compile(r"^(?:没有|无|未|缺少|缺|不)")
# a denial inside a listed name ("台账不规范"): the name is denied on its own (shared with ``checklists``)
OWN_DENIAL = re.compile(r"没有|无(?!论|需|须)|未(?!成年)|不(?!断)")


def unit_step(name: str) -> bool:
    """The condition is one step of a quantity ("上升1百分点", "超生1个小孩")."""
    return _UNIT_STEP.search(name) is not None


def spread_negation(names: list[str]) -> list[str]:
    """ "无方案", "记录", "总结" → 无方案, 无记录, 无总结: when only the first of a list is negated.

    Fix round: spread by ``head_denials.spread_head`` (the head's adverbs and verb: "未按时报送月报、季报" →
    未按时报送季报; never onto a fault of its own: "未建立制度、报表迟报、台账混乱" stay as written; a 不 inside a
    word is none: "不动产台账" → 未建立不动产台账). A list mixing both ("未建立制度、台账、记录缺失") is read with the
    head spread onto the things that need it (未建立台账, 记录缺失); any other doubtful list keeps its names as
    written. ``head_names`` says None for both (the readers that can refuse should use it)."""
    spread = spread_head(names, mixed=True)
    return names if spread is None else spread


def head_names(names: list[str]) -> list[str] | None:
    """The names with the head's denial spread, or None when which of them the head covers is not said."""
    return spread_head(names)
