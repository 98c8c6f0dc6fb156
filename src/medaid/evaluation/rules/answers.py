"""Answers: whether a description in words says a requirement was met ("是", "已完成", "按要求完成") or not
("否", "未按期完成"), and whether an actual is a number rather than words. ``naming`` compares names; this
module reads the yes/no a statement gives (the levels, yes/no and checklist rules ask it)."""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.naming import NO, YES, canon, parts

_HAS = frozenset({"有", "无"})  # answers that say whether something exists, not whether it was done


def is_number(quantity: Quantity) -> bool:
    """A number with at most a unit ("6座", "0份", "96.2%"), not words that begin with one ("12月底前仍未整改")."""
    return quantity.value is not None and len(quantity.unit) <= 4 and not re.search(r"[不未无没仍已]", quantity.unit)


def answer(actual: str, about: str = "") -> bool | None:
    """True for 是/有/完成…, False for 否/无/未完成…, None for anything else (``actual`` in ``canon`` spelling).

    有/无 do not answer a requirement that is itself negative ("无违规违纪问题得5分": "无" may say that there
    are none, or that the requirement is not met) nor a fault (``about`` with a negation)."""
    if actual in _HAS and re.search(r"[无不非]", canon(about)):
        return None
    if actual in YES:
        return True
    if actual in NO:
        return False
    return None


_QUALIFIED = re.compile(r"[不无非]|基本|部分|大部分|较|大体|初步|尚|仍|正在|拟")
_FAILED = re.compile(r"无[^|]{0,4}?(?:完成|达到|达标|实现|落实|到位)|不[^|]{0,2}?(?:达标|符合|合格|到位)|达不到")


_TASKED = re.compile(
    r"(?<=完成|达到|实现)(?:年度|全年|当年|本年度|既定|预期)?(?:目标任务|工作任务|任务|目标|计划)(?:数|值)?$"
)


def leaning(text: str, strict: bool) -> bool | None:
    """Whether the statements of a description say the requirement was met: "按要求完成" yes, "未按期完成"
    no; "基本完成" neither. ``strict`` (an actual): every statement says the same; else (an explanation) the
    statements that say anything agree."""
    said: set[bool] = set()
    for statement in parts(text):
        done = _TASKED.sub("", statement)  # "完成年度任务" is "完成"
        if _FAILED.search(statement):
            said.add(False)
        elif any(done.endswith(word) for word in YES) and not _QUALIFIED.search(statement):
            said.add(True)
        elif strict:
            return None
    return said.pop() if len(said) == 1 else None
