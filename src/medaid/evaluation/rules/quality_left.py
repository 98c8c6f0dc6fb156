"""A quality of a requirement that a statement leaves out (lists family, session 9 fix): "根据体检结果制定了健康管理
计划" does not say the plan is "有针对性的" that "制定有针对性的健康管理计划或措施" asks for, so it is not read as
meeting it ("即符合"); the same for 及时, 规范, 完整, 齐全… when the statement says the words on both sides of it.
"""

from __future__ import annotations

import re

QUALITY = re.compile(
    r"针对性|及时|足额|按时|按期|如期|全面|完整|规范|齐全|准确|真实|严格|科学|合理|明确|健全|到位|公开|透明|完善"
    r"|充分|按规定|按要求|按程序|详细|专门|专职|定期"
)


def quality_left_out(statement: str, requirement: str) -> bool:
    """Whether the statement, naming no quality itself, says words of the requirement on both sides of one of its
    qualities and leaves that quality out ("制定了健康管理计划" of "制定有针对性的健康管理计划"). A statement naming
    some quality ("完整准确" of "完整真实准确"), or one whose words lie on one side only ("及时上报" of "按要求及时
    上报"), is left to the other rules."""
    if QUALITY.search(statement):
        return False
    pairs = {statement[i : i + 2] for i in range(len(statement) - 1)}
    for found in QUALITY.finditer(requirement):
        before = any(requirement[i : i + 2] in pairs for i in range(found.start() - 1))
        after = any(requirement[i : i + 2] in pairs for i in range(found.end(), len(requirement) - 1))
        if before and after:
            return True
    return False
