"""Faults family (session 6, round 4): statements about HOW a thing is, against a list of faults.

An evaluator writes of a listed thing either that it is missing ("未建立工作台账", "无会议记录", "会议记录缺失") or how
it is: "无工作台账问题" / "目标责任书无问题" (the thing exists and is fine), "会议记录不全", "工作台账未完善",
"台账不规范" (the thing exists, with a defect). A statement of the second kind never says the fault "未建立X" /
"无X": X exists. It says a fault of quality only when the list has one ("台账不全扣1分"): so such a statement is
read only when some clause of the list speaks of that quality (its stem: 全/齐, 完善, 规范, 完整, 健全, 问题);
otherwise it is refused. "X无问题" is refused when a clause says X is missing (未建立X, 无X); a denial of problems
of anything else ("抽查部门均无问题", "均未发现问题") is a statement denying all, left to the list's readers. Words
of a thing complete ("齐全", "完善") deny its absence and are left to the readers too.

"A和B都没有" / "A、B均无" (the negation last, nothing after it): every thing of the list is missing, "无A、无B"
(``list_denials.all_denied``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medaid.evaluation.rules.list_denials import all_denied
from medaid.evaluation.rules.naming import canon

# each defect word of a statement (canon spelling: 未/没有 are 无), and the stems a clause speaking of it contains
_DEFECTS: tuple[tuple[str, str], ...] = (
    (r"不全|不齐|残缺", r"全|齐"),
    (r"(?:不|无)完善", r"完善"),
    (r"(?:不|无)规范", r"规范"),
    (r"不完整", r"完整"),
    (r"(?:不|无)健全", r"健全"),
)
# "无X问题" / "X无问题" / "X不存在问题": X is fine
_NO_PROBLEM = re.compile(r"(?:无(?P<a>.{2,}?)|(?P<b>.{2,}?)(?:无|不存在))问题")
_ABSENT = r"(?:无|缺少?|少)[\u4e00-\u9fa5]{0,2}"
_PIECES = re.compile(r"[,;，；。]")


def quality_unmatched(text: str, clauses: Sequence[str]) -> str | None:
    """The first statement of ``text`` saying how a thing is when no clause speaks of that: "会议记录不全" against
    "未建立工作台账扣2分;无会议记录扣1分"; "无工作台账问题" when a clause says 工作台账 is missing. None when none."""
    spoken = [canon(c) for c in clauses]
    for piece in (p for p in _PIECES.split(text) if p.strip()):
        word = canon(piece)
        if any(re.search(said, word) and not any(re.search(stems, c) for c in spoken) for said, stems in _DEFECTS):
            return piece.strip()
        if (fine := _NO_PROBLEM.fullmatch(word)) is not None:
            thing = re.sub(r"^(?:各|全部)|(?:均|都)$", "", fine.group("a") or fine.group("b"))
            if any(re.search(_ABSENT + re.escape(thing), c) for c in spoken):
                return piece.strip()  # the thing a clause says is missing, said to have no problem: it exists
    return None


def quality_refusal(text: str, clauses: Sequence[str]) -> str | None:
    """Why a description against a list of faults is refused for a statement of how a thing is; None if it is not."""
    if (quality := quality_unmatched(text, clauses)) is None:
        return None
    return (
        f"“{quality}”说的是该事项的状况（已有，但有无问题、是否齐全完善），不是扣分情形所说的未建立/缺失，"
        "请逐项写明各扣分情形是否发生"
    )


def denied_lists(text: str) -> str:
    """ "工作台账和会议记录都没有" → "无工作台账和会议记录", each statement of ``text`` in turn."""
    pieces = re.split(r"([,;，；。])", text)
    return "".join(all_denied(p) if i % 2 == 0 and p.strip() else p for i, p in enumerate(pieces))
