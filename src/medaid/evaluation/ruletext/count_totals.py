"""A fault's whole deduction split into steps (counts family, s9): "每月未按时按质上报统计表(扣12分,其中每少报1个月
报表扣1分)".

Reading: the parenthesis gives what the fault costs at most ("扣12分") and, after 其中, how that is counted ("每少报
1个月扣1分"). The text is read as the step with the whole as its cap — "每少报1个月报表扣1分,扣完12分为止" — by the
readings of steps and counts (``per_point``, ``per_case``), so the actual must name what the step counts ("少报3个月";
"迟报2个月" is not a month not sent). The row's weight stays the full marks.

Not read: a fault with a number of its own ("每月10日前未上报…": which deadline does the step count?), a fault not
written as one (no 未/不/缺/少/漏/错/没有), a parenthesis whose 其中 part is not one 每-step, anything left after the
parenthesis.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.common import NUM

_SPLIT = re.compile(
    rf"^(?P<fault>[^()\d分扣得]{{2,60}}?)\(扣(?P<total>{NUM})分,其中(?P<step>每[^()每,;。]{{1,30}}?扣{NUM}分)\)[。;]?$"
)
_FAULT = re.compile(r"未|不|缺|少|漏|错|没有")


def split_total(text: str) -> Rule | None:
    """ "<fault>(扣N分,其中每…扣M分)": the step, capped at N (see the module's docstring)."""
    from medaid.evaluation.ruletext.cases import per_case
    from medaid.evaluation.ruletext.deductions import per_point

    found = _SPLIT.match(text)
    if found is None or not _FAULT.search(found.group("fault")):
        return None
    step = f"{found.group('step')},扣完{found.group('total')}分为止"
    for reading in (per_point, per_case):
        rule = reading(step)
        if rule is not None:
            return rule
    return None
