"""A set scored all or nothing: "满足要求，得1分；缺1项，不得分", "缺1项，不得分" (affirm family, session 8).

How tables write it: a level of completeness with its marks (满足要求 / 符合要求 / 完全符合要求 / 齐全 / 均有 / 均具备,
得N分 or 得满分), then ONE thing missing or failing scoring 0 ("缺1项", "缺一项的", "少任一项", "1项不符合要求");
or the 0 clause alone, the rest (nothing missing) being the full marks. "1项"/"一项" here is the threshold of a
yes/no, not a deduction per item (there is no 扣N分 and no 每). Read into two levels (``Qualitative``); the actual
is read by ``rules/complete_sets``. Texts other shapes read ("科室齐全，得满分 缺1个科室，不得分" is read by
``qualitative`` already) never reach this shape: it is tried after the level readings.

Not read: a deduction ("缺1项扣1分": a step), a count above one ("缺2项，不得分": one missing is then not said), a top
level that asks more than completeness ("资料齐全且规范"), any other clause.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Level, Qualitative, Rule
from medaid.evaluation.rules.complete_sets import one_missing_zero
from medaid.evaluation.ruletext.clauses import read_clauses

_TOP = re.compile(
    r"^(?:(?:完全|全面|均|全部)?(?:符合|满足|达到)(?:要求|标准|条件|规定)?|(?:[\u4e00-\u9fa5]{0,8}?)(?:齐全|齐备)"
    r"|(?:均|都|全部)(?:已)?(?:有|具备|设置|配备))$"
)
# The top level's name when the text states only the 0 clause ("缺1项，不得分")
NONE_MISSING = "不缺项"


def one_missing(text: str) -> Rule | None:
    """Two levels: nothing missing (its marks, or the full marks) and one thing missing (0)."""
    clauses = read_clauses(text)
    if not clauses or len(clauses) > 2:
        return None
    zero = clauses[-1]
    if not zero.is_zero or zero.positive or one_missing_zero(zero.name) is None:
        return None
    if len(clauses) == 1:
        return Qualitative(levels=(Level(NONE_MISSING, fraction=Decimal(1)), Level(zero.name, points=Decimal(0))))
    top = clauses[0]
    if not top.positive or not _TOP.match(re.sub(r"[\s,，的]", "", top.name)):
        return None
    if top.effect == "full":
        level = Level(top.name, fraction=Decimal(1))
    elif top.effect == "points" and top.value is not None and top.value > 0:
        level = Level(top.name, points=top.value)
    else:
        return None
    return Qualitative(levels=(level, Level(zero.name, points=Decimal(0))))
