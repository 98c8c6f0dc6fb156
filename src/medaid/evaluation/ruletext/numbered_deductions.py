"""A numbered list of deductions taken from one full marks, read as its items written one after another (lists
family, s8): "1.投放设备未正常运行的每发现一个小区扣5分。2.…每少一次扣3分,最多扣10分。3.…扣10分,扣完为止",
"1、未建立工作台账扣2分;2、未按时报送扣1分;3、每发现一例虚报扣1分".

How tables write it: a number opens each item (1. 1、 (1) ① 一是…, running 1, 2, 3…), and every item ends in
what it takes away (扣N分, 不得分), never in marks of its own (得N分, (N分)): such a list is one deduction list
from the row's full marks, and its numbers only order it. The reading takes the numbers out, ends each item as a
sentence (。) so that a limit written in an item ("最多扣10分", "扣完为止") stays that item's, and reads the result
by the shapes before it. Only a reading that deducts from one full marks is kept (several deductions, kinds of case,
a deduction checklist); anything else — an item with marks of its own, a bonus, a reading of levels or items that
add up — leaves the text unread.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.rules.deduction_sum import DeductionSum
from medaid.evaluation.rules.kinds import PerKind
from medaid.evaluation.ruletext.checklists import listed_items
from medaid.evaluation.ruletext.composite import own_marks

_TAKES = re.compile(r"(?:扣除|扣减|扣|减去?)\d+(?:\.\d+)?分|不得分|不计分|(?:得|计)0分")
_GAIN = re.compile(r"加\d|加分|奖\d|奖励")


def joined_items(text: str) -> str | None:
    """The items of a numbered list of deductions as sentences, without their numbers; None when the text is no
    such list (fewer than two items, text before the first, an item without a deduction or with marks of its own)."""
    found = listed_items(text)
    if found is None:
        return None
    preamble, items = found
    if preamble.strip(" ,;。:"):
        return None
    bodies = [item.strip(" ,;。、") for item in items]
    if len(bodies) < 2 or any(not b for b in bodies):
        return None
    if any(not _TAKES.search(b) or own_marks(b) or _GAIN.search(b) for b in bodies):
        return None
    if any(re.match(r"[项条款]", b) for b in bodies):
        return None  # "(1)项不符合要求扣2分": the number names an item of another column, it is no list number
    return "。".join(bodies) + "。"


def numbered_deductions(text: str) -> Rule | None:
    """A numbered list of deductions from one full marks (module docstring)."""
    joined = joined_items(text)
    if joined is None:
        return None
    from medaid.evaluation.ruletext.shapes import SHAPES

    for shape in SHAPES:
        if shape is numbered_deductions:
            break
        rule = shape(joined)
        if rule is None:
            continue
        if isinstance(rule, (DeductionSum, PerKind)) or (isinstance(rule, Checklist) and rule.deduct):
            return rule
        return None
    return None
