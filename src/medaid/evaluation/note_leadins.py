"""A statement of an explanation that only says how the facts were found ("经查", "经核查", "经实地检查"), and
states nothing itself (numbers family, s9): a reader of statements passes over it; the facts follow.

Only such a statement standing alone is one: "经查，有3户未调整" has the lead-in as its own clause, "经查有3户未
调整" keeps it as part of the fact. "抽查20户" is no lead-in (it counts what was checked).
"""

from __future__ import annotations

import re

_LEAD_IN = re.compile(
    r"(?:经|通过|据)?(?:实地|现场|逐一|逐户|认真|全面)?"
    r"(?:查|核查|检查|审查|审核|核实|调查|查验|查看|查阅|复核|考核|抽查|评估|了解)(?:资料|材料|台账|相关资料)?(?:发现|得知|显示|可知)?"
)


def lead_in(statement: str) -> bool:
    """Whether the statement only says how the facts were found (module docstring)."""
    said = re.sub(r"[\s,，;；:：。]", "", statement)
    return bool(said) and _LEAD_IN.fullmatch(said) is not None
