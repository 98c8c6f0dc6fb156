"""Counted deductions with a condition that doubles a case's deduction (counts family, s9): "对上级督查发现的问题未及时
整改落实的,一次扣5分,…一次扣2分,跨月未整改翻倍扣分,20分扣完为止" (``rules.count_doubling``).

Reading: the clause "<condition>(的)(则)翻倍/加倍/双倍扣分" is taken out and the rest must be read as counts of cases
(``PerKind``, ``PerCase``); the condition doubles the deduction of a case it holds for. Not read: a doubling with a
number ("加倍扣2分": an amount of its own), a condition with a number or a count, a repetition of the case itself
("再次发生的加倍扣分": an escalation whose amounts are not all written), a rest that is not counts of cases
(a step "每低1%", a level), two doubling clauses, a text allowing a score below zero (the wrapper has no such reading).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import PerCase, PerKind, Rule
from medaid.evaluation.rules.count_doubling import DoubledCases, condition_key

_DOUBLING = re.compile(
    r"(?:^|(?<=[,;。]))(?P<cond>[^,;。\d分扣每]{2,20}?)(?:的|者|时)?,?(?:则|即|予以|将)?(?:翻倍|加倍|双倍)扣(?:分|除)?"
    r"(?=[,;。]|$)"
)


def doubled_cases(text: str) -> Rule | None:
    """ "…一次扣5分,跨月未整改翻倍扣分,20分扣完为止": the counts, and the condition that doubles a case."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    found = list(_DOUBLING.finditer(text))
    if len(found) != 1:
        return None
    condition = found[0].group("cond")
    if not condition_key(condition) or re.search(r"[一二两三四五六七八九十]|再|重复|屡|多次|累计|连续|第", condition):
        return None  # "再次发生的加倍扣分": an escalation of the count itself, whose every amount is not written
    rest = (text[: found[0].start()].rstrip(",") + "," + text[found[0].end() :].lstrip(",")).strip(",")
    inner = parse_rule_text(rest)
    if not isinstance(inner, PerKind | PerCase) or getattr(inner, "negative", False):
        return None
    floor = bool(re.search(r"扣完(?:\d+(?:\.\d+)?分)?为止|扣完即止|最低(?:为|得)?(?:0|零)分|扣至(?:0|零)分", rest))
    return DoubledCases(inner=inner, condition=condition, clause=found[0].group(0), floor=floor)
