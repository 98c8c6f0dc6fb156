"""Texts with a sanction beyond the row, read for the row (affirm family, session 6, round 2).

"无事故得20分,发生一次,本表100分扣完"; "无事故得10分,发生一次不超标事故,扣10分,累计超标本表100分扣完";
"少任一种证件不得分(实行“一票否决”)". The sanction (``rules.sanctions``) is what the row scores under its condition:
no marks. So it is spelled "不得分" — after a condition ("发生一次,不得分"), or dropped after a 0 that says it already
("不得分(实行一票否决)" → "不得分") — and the rest is read by the shapes again. The rule keeps the text as written:
the readers that score the row 0 under the sanction say in their reason that its wider effect is the evaluator's.
Tried after every other shape but the non-scoring clauses' (a text some shape reads with its sanction is left to it).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.sanctions import WIDER

_ZERO = r"(?:不得分|不计分|不记分|[得计记为][0零]分)"


def without_wider_sanctions(text: str) -> str:
    """The text with each sanction beyond the row spelled as this row's "不得分" (as it is when there is none)."""
    rest = re.sub(rf"(?<={_ZERO})[,]?(?:并|同时|且)?\(?(?:{WIDER.pattern})\)?", "", text)
    rest = re.sub(rf"\((?:{WIDER.pattern})\)", "不得分", rest)
    rest = re.sub(rf"(?:则|即)?(?:{WIDER.pattern})", "不得分", rest)
    if re.search(r"(?:并|同时|且)不得分", rest):
        return text  # "…,并不得分": a sanction joined to something not read as this row's 0

    rest = re.sub(r"(?:的|者)?,?(?:均|并)?不得分(?:[,]?(?:并|同时)?不得分)+", "不得分", rest)
    return rest


def wider_sanction(text: str) -> Rule | None:
    """A rule whose text, its sanctions beyond the row spelled as "不得分", is understood by another reading."""
    if not WIDER.search(text):
        return None
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    rest = without_wider_sanctions(text)
    if rest == text or WIDER.search(rest):
        return None
    return parse_rule_text(rest)
