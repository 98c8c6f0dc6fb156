"""A rate's bound with its marks, then the rate's deed not done at all scoring 0 (affirm family, session 7).

The family: "区县公共体育“一场两馆”建有率达100%以上,得1分,未建有,不得分"; "村卫生室覆盖率达到90%的得2分;未覆盖的
不得分"; "培训开展率100%计3分,未开展不计分". The 0 clause negates the verb the rate is named by (建有率 → 未建有,
覆盖率 → 未覆盖): not doing it at all is a rate of 0, one case of the rate falling short of its bound. So the 0 clause
says nothing the bound does not, and the text is read as the bound alone ("…建有率达100%以上,得1分": a
``rules.yes_no.YesNo`` with its bound): at or above the bound the marks; below it 0 when the marks are the row's
weight (``YesNo.rest_implied``), else refused. The bound is "(达到|达|不低于)N%(以上|及以上)" right before the
marks. The 0 clause must negate the rate's own verb; any other 0 clause ("未建立台账") is a requirement of its own
and this is not the reading.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.yes_no import YesNo
from medaid.evaluation.ruletext.direction import less_is_better

_TEXT = re.compile(
    r"^[^;。\d]*?(?P<name>[\u4e00-\u9fa5]{1,12})率(?:要|应)?(?:达到|达|不低于)?(?P<bound>\d+(?:\.\d+)?)%"
    r"(?:以上|及以上)?(?:的|者)?,?(?:得|计|记)(?P<n>\d+(?:\.\d+)?)分"
    r"[,;](?:未|没有|无|未能)(?P<verb>[\u4e00-\u9fa5]{1,4}?)(?:的|者)?,?(?:不得分|不计分|不记分|得0分|计0分|记0分)[。]?$"
)


def rate_not_begun(text: str) -> Rule | None:
    """ "…建有率达100%以上,得1分,未建有,不得分" read as the bound ≥100% for 1 分."""
    found = _TEXT.match(text)
    if found is None or not found.group("name").endswith(found.group("verb")) or less_is_better(text):
        return None  # a rate that is better low (差错率, 投诉率…) is never read as a bound to reach
    points = Decimal(found.group("n"))
    bound = parse_quantity(f"≥{found.group('bound')}%")
    if points <= 0 or bound is None:
        return None
    return YesNo(points=points, bound=bound, rest_implied=True)
