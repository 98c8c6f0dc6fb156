"""Periods short of a rate, counted (counts family, s9; ``rules.count_periods``): "每月家电下乡补贴率在97%以上得3分,
有一个月达不到该比率的扣1分".

Reading: "每月(季度) <rate> 在N%以上 / 达到N% / 不低于N% 得M分" is the requirement of every period and the full marks;
"(每)有一个月达不到该比率(未达到, 低于N%)的扣K分" deducts K for each period short of it ("一个月" with 有 is one period
of several that may fall short, each deducted: the 每 of the requirement goes with it); a 扣完为止 after it says what a
deduction does anyway (it stops at 0). A heading before it that gives the same full marks ("家电下乡完成补贴率得3分。")
is its title.

Not read: another period in the deduction ("有一个季度…" under "每月…"), another rate ("低于95%" under 97 %), a rate
without its side (a bare "97%"), a second deduction, a cap or veto beside them, a heading of other marks.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_periods import PeriodCount
from medaid.evaluation.ruletext.common import NUM

_PERIOD = r"(?P<period>月|季度)"
_RULE = re.compile(
    rf"^(?:(?P<title>[^\d,;。分]{{2,20}}?)(?:得|计){NUM}分。)?"
    rf"每{_PERIOD}(?P<subject>[^\d,;。]{{2,20}}?)(?:在|达到|达|不低于)(?P<rate>\d+(?:\.\d+)?)%(?:及)?(?:以上)?(?:的)?,?"
    rf"(?:得|计){NUM}分[,;]"
    rf"(?:每)?(?:有)?(?:1|一)个?(?P=period)(?P<short>[^,;。]{{2,16}}?)(?:的|者)?,?扣{NUM}分(?:,扣完为止)?[。;]?$"
)
_SHORT = re.compile(
    r"^(?:[\u4e00-\u9fa5]{0,8}?)(?:达不到|未达到|没有达到|未达)(?:该|此|上述|规定)?(?:比率|比例|标准|要求)?$"
)


def period_count(text: str) -> Rule | None:
    """ "每月X在97%以上得3分,有一个月达不到该比率的扣1分" (module docstring)."""
    found = _RULE.match(text)
    if found is None:
        return None
    heading, full, points = found.group(2), Decimal(found.group(6)), Decimal(found.group(8))
    if heading is not None and Decimal(heading) != full:
        return None
    short = found.group("short")
    below = re.fullmatch(r"(?:[\u4e00-\u9fa5]{0,8}?)(?:低于|不足|不到)(\d+(?:\.\d+)?)%", short)
    if below is not None:
        if Decimal(below.group(1)) != Decimal(found.group("rate")):
            return None
    elif not _SHORT.match(short):
        return None
    return PeriodCount(period=found.group("period"), subject=found.group("subject"), rate=Decimal(found.group("rate")),
                       points=points, full=full)  # fmt: skip
