"""A bound alone, with its marks: "按时完成率达100%,得2分", "(2分)开展培训不少于2次", "宣传资料入户率90%以上。2分".

The text says what meeting the bound scores and nothing else: met scores the marks, not met 0 — read only when
those marks are the item's weight (``YesNo.rest_implied``). Tried before the ratio readings, which would take
"按时完成率" for "按完成率" (a way of scoring), and read as ``thresholds`` reads a condition with a number (one
number with its unit and comparator; a second requirement beside it, "并计入培训档案", is not read).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.yes_no import YesNo
from medaid.evaluation.ruletext.clauses import read_clauses, strip_benign
from medaid.evaluation.ruletext.common import STEPWISE
from medaid.evaluation.ruletext.step_parts import full_in_words
from medaid.evaluation.ruletext.thresholds import condition_name, read_bound, threshold

# Anything that says more than one bound and its marks.
_MORE = re.compile(
    r"最多|最高|最低|加\d|加分|奖励|扣|分别|酌情|视情况|按[^,;。]*?(?:计分|计算|考核|(?<!不)得分|折算|比例)|×|每|否则|反之"
)
# "(2分)开展培训不少于2次": the marks before the requirement
_MARKS_FIRST = re.compile(r"\((?P<n>\d+(?:\.\d+)?)分\)(?P<req>[^()]+?)[。;]?")


def bound_alone(text: str) -> Rule | None:
    """One bound with its marks and nothing else (module docstring)."""
    text = strip_benign(full_in_words(text)).strip(" ,;。")  # "得100%分" is full marks
    if STEPWISE.search(text) or _MORE.search(text):
        return None
    first = _MARKS_FIRST.fullmatch(text)
    if first is not None:
        requirement = first.group("req")
        read = read_bound(requirement)
        if read is None or re.search(r"且|并|同时|,|、|分", requirement):
            return None
        quantity, comparator = read
        if comparator is None:
            return None
        bound = parse_quantity(f"{comparator.value}{quantity.describe()}")
        return YesNo(points=Decimal(first.group("n")), bound=bound, rest_implied=True)
    clauses = read_clauses(text)
    if not clauses or len(clauses) != 1 or clauses[0].effect not in ("points", "full") or not clauses[0].positive:
        return None
    found, rule = threshold(clauses[0], [])
    if found:
        return rule
    # "按期完成率100%,2分": a bare 100 % is reaching it (a completion rate runs on above 100 %)
    name = condition_name(clauses[0])
    read = read_bound(name)
    if read is None or read[1] is not None or read[0].unit != "%" or read[0].value != 100:
        return None
    if re.search(r"且|并|同时|,|、", name):
        return None
    points = None if clauses[0].effect == "full" else clauses[0].value
    return YesNo(points=points, bound=parse_quantity("≥100%"), rest_implied=True)
