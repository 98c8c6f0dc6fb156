"""A unit without the thing the row assesses keeps its marks (affirm family, session 8).

How tables write it (协同单位, 分支机构, 附属设施 rows of base-assessment tables): after the rule, often in brackets, a
clause that exempts a unit that has no such thing — "符合标准，得1分（如无协同单位，此处不失分）", "…得2分;没有分支
机构的,该项不扣分", "…(未设分院的,视为符合)", "若不涉及危化品,得满分". What the row assesses cannot be met or failed
by a unit without it, so that unit keeps the marks.

Reading: the exemption (``rules/exemption.ABSENT``) is taken out and the rest read by the shapes again; only a rest
read as levels (``Qualitative``) is kept, and the rule keeps its whole text. ``Qualitative.apply`` gives the full
marks to an actual (or, with none, an explanation) that names the exemption ("无协同单位", "没有协同单位"); any other
words go to the levels as before ("协同单位为二级甲等医院" against "符合标准" stays for the evaluator to judge).

Not read: an exemption with marks of its own or a deduction, a rest read otherwise, an exempted thing with a number
or a negation inside ("无2家以上协同单位").
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Qualitative, Rule
from medaid.evaluation.rules.exemption import ABSENT


def absent_exemption(text: str) -> Rule | None:
    """The rest of a text ending in an exemption for a unit without the thing, when it is read as levels."""
    found = ABSENT.search(text)
    if found is None or re.search(r"[\d不未无没非]", found.group("what")):
        return None
    rest = text[: found.start()].rstrip(" ,;")
    if not rest:
        return None
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    rule = parse_rule_text(rest)
    return rule if isinstance(rule, Qualitative) else None
