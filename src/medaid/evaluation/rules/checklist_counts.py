"""A count that says every item of a checklist holds, or none does, whatever each item is worth (faults family,
session 8).

Evaluators often answer a list with a count of the whole: "两项均符合", "3项均满足要求", "全部符合", "两项均不符合",
"均未完成" (``statements.counted``). A count of some items ("1项不符合") says which items only when every item is
worth the same (``Checklist._by_count``); a count of all of them, or of none, says it whatever their marks: every
item holds (the full marks, or the sum of the items), or none does (every deduction taken, or no item's marks).

"All hold" is read only in a word of meeting the requirement (符合, 满足, 达到, 具备, 达标): "均已完成", "全部落实"
leave a quality of a fault unsaid ("未按时上报": done, but on time?). Read only for a list of two or more items, as
one statement, with the number, when written, equal to the list's length ("3项均符合" against two items is refused);
not for items that may be levels of one another (``either``, unless their marks add up to the full marks), nor, for
"none hold", for items with rules of their own (``open_items``: how much such an item loses is its own).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.statements import counted

if TYPE_CHECKING:
    from medaid.evaluation.rules.checklist import Checklist

# "all hold" only in a word of meeting the requirement whole: "均已完成", "均已落实" leave a quality unsaid
# ("未按时上报": done, but on time?)
_MET = re.compile(r"符合|满足|达到|具备|达标")
# a statement that is a count of the list as a whole: one clause, a word of all (均/都/全部…) or a number
_WHOLE = re.compile(r"均|都|全部|全都|所有|各项|\d|[一二两三四五六七八九十]")


def all_or_none(rule: Checklist, text: str, weight: Decimal) -> bool | None:
    """True: every item said to hold; False: none; None: the text is no such count."""
    total = len(rule.items)
    if rule.either and sum(rule.items, Decimal(0)) != rule._stated(weight):
        return None  # items that may be levels of one another: the weight does not make them add up
    if total < 2 or re.search(r"[,;，；。、]", text.strip("。 ")) or not _WHOLE.search(text):
        return None
    n = counted(text.strip("。 "), total)
    if n == total:
        return True if _MET.search(text) else None
    if n == 0 and not rule.open_items:
        return False
    return None


def every_outcome(rule: Checklist, inputs: Inputs, text: str, held: bool) -> Outcome:
    """Every item said to hold, or none (``all_or_none``); moved out of ``Checklist`` in the s8e fix round."""
    total = len(rule.items)
    holds = tuple(range(1, total + 1)) if held else ()
    outcome = rule.apply(Inputs(inputs.weight, inputs.target, None, holds=holds))
    said = f"实际“{text}”即 {total} 项{'均符合' if held else '均不符合'}"
    return Outcome(outcome.score, f"{said}：{outcome.reason}", outcome.allowed,
                   needs_judgement=outcome.needs_judgement)  # fmt: skip
