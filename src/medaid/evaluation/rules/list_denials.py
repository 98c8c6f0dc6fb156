"""Faults family (session 6, round 3): how a denial of several things is written after them.

"A、B均未V" / "A和B都没有V" / "A、B均无": the 均/都 takes the negation back to every thing of the list, and
``naming.parts`` writes each as "A无V" (the object first). Such a statement is "无VA" or "无AV" in the order the
clauses are written ("工作台账无建立" for "建立工作台账"; "与乡镇无签订" for "未与乡镇签订责任书"); "工作台账和会议记录
都没有" is "无工作台账", "无会议记录"; "A、B均缺" the same (``each_denied`` cuts such a statement for a list of faults).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medaid.evaluation.rules.naming import canon

_OBJECT_FIRST = re.compile(r"(?P<obj>[\u4e00-\u9fa5]{2,}?)(?P<no>无|未|没有)(?P<verb>[\u4e00-\u9fa5]{1,3})")
_ALL_DENIED = re.compile(
    r"(?:与|和|同|对)?(?P<things>[^,;，；。]+?(?:和|及|与|、)[^,;，；。]+?)(?:均|都|全部|皆|全)(?P<no>没有|无|未|没|缺少|缺失|缺)"
)


def all_denied(statement: str) -> str:
    """ "工作台账和会议记录都没有" → "无工作台账和会议记录" (``statements._listed`` gives each thing its 无)."""
    found = _ALL_DENIED.fullmatch(canon(statement))
    return statement if found is None else "无" + found.group("things")


def each_denied(statement: str) -> list[str]:
    """ "台账、培训均无", "制度、台账、档案均缺", "台账、培训都没有" → ["无台账", "无培训"] (fix round s8: a list of
    faults read the whole as one statement and took the 均无 for none, or the 均缺 for the last thing only); the
    statement itself when it is no such denial."""
    found = _ALL_DENIED.fullmatch(canon(statement).replace("|", "、"))
    if found is None:
        return [statement]
    things = [x for x in re.split(r"和|及|与|、", found.group("things")) if x]
    return ["无" + x for x in things] if len(things) > 1 else [statement]


def spread_denials(text: str) -> str:
    """The description with each sentence that denies a list of things together ("制度、台账均缺，分工明确") written
    as one denial for each ("无制度，无台账，分工明确"), so that no thing of the list is read as named alone."""
    pieces = re.split(r"([,;，；。])", text)
    return "".join("，".join(each_denied(p)) if i % 2 == 0 and p.strip() else p for i, p in enumerate(pieces))


def object_first_forms(statement: str) -> list[str]:
    """ "工作台账无建立" → ["无建立工作台账", "无工作台账建立"]; [] when the statement is not "object + 无 + verb"."""
    found = _OBJECT_FIRST.fullmatch(statement)
    if found is None:
        return []
    obj, no, verb = found.group("obj"), found.group("no"), found.group("verb")
    return [no + verb + obj, no + obj + verb]


def object_first_said(
    statement: str, read: Callable[[str], tuple[set[int], set[int]] | None]
) -> tuple[set[int], set[int]] | None:
    """ "与乡镇无签订" as "无与乡镇签订": what ``read`` (a list's reader: the faults named, the faults denied) finds
    when every object-first form names one and the same fault; None otherwise."""
    saids = [s for f in object_first_forms(statement) if (s := read(f)) and len(s[0]) == 1 and not s[1]]
    return saids[0] if saids and all(s == saids[0] for s in saids) else None
