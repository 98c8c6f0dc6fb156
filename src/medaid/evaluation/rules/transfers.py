"""A part's marks moved to another part when the unit has no such task (``rules.composite``): "完成县下免耕栽培
计划的计5分,不足的按比例扣分(无免耕任务的乡镇,该项分值纳入良种推广项考评)".

How tables write it: in brackets after the part it speaks of, "无/没有 + the task + 任务 [的乡镇/的单位/的村]", then
"[该项/本项/此项] [分值/分数]" and a verb of moving (纳入/并入/计入/合并到/转入), the receiving part named by its
words, and "[项] 考评/考核/计分/评分".

- The note is no statement about the part: its words are left out when the actual's statements are given to the
  parts (``assign``), so that "良种推广完成80%" is not drawn to the part whose note names 良种推广.
- A statement of the actual that says the task is absent ("无免耕任务", "没有小杂粮任务") moves the donor's marks to
  the receiver, which is then scored out of both: only when the receiver scores in proportion to its marks
  (``Proportional``: "按比例扣分"); a receiver with fixed marks or steps is refused (how its marks grow is not said).
- The receiver is the one part sharing most words with the note's "纳入…项" words; none, or two alike: no note.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.part_statements import assign
from medaid.evaluation.rules.parts import Part

_INNER = r"(?:[^,;()]|\([^,;()]*\))"
_NOTE = re.compile(
    rf"\((?:无|没有)(?P<task>{_INNER}{{2,30}}?)任务(?:的)?(?:乡镇|单位|村|地区|县区|县|区)?[,]?"
    rf"(?:该项|本项|此项)?(?:分值|分数|得分)?(?:纳入|并入|计入|合并到|合并至|转入)(?P<into>{_INNER}{{2,50}}?)项?"
    r"(?:考评|考核|计分|评分)\)"
)
_NO_TASK = re.compile(r"^(?:无|没有|不涉及|未下达)(?P<task>.{2,30}?)任务(?:的)?(?:乡镇|单位|村)?$")


@dataclass(frozen=True)
class Transfer:
    donor: int  # 0-based
    receiver: int
    task: str  # "油菜免耕"


def without_notes(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The parts with their transfer notes left out of their names (for matching statements only)."""
    return tuple(dataclasses.replace(p, name=_NOTE.sub("", p.name)) for p in parts)


def transfers(parts: tuple[Part, ...]) -> list[Transfer]:
    plain = without_notes(parts)
    out: list[Transfer] = []
    for i, part in enumerate(parts):
        for note in _NOTE.finditer(part.name):
            others = tuple(p for j, p in enumerate(plain) if j != i)
            found = assign(note.group("into"), others) if others else None
            if found is not None:
                receiver = found if found < i else found + 1
                out.append(Transfer(i, receiver, canon(note.group("task"))))
    return out


def says_no_task(statement: str, transfer: Transfer) -> bool:
    """ "无油菜免耕任务" of the task 油菜免耕; "无小杂粮任务" of 豌(胡)豆小杂粮 (the task's last words)."""
    found = _NO_TASK.match(canon(statement))
    if found is None:
        return False
    said = found.group("task")
    return len(said) >= 2 and transfer.task.endswith(said)
