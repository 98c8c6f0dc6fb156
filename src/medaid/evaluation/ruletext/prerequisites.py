"""A requirement beside the scoring that, unmet, takes all the marks (numbers family, s9): "比例达到100%。未完成年度检测
任务此项不得分;每降低5%扣0.02分".

Pattern: a clause "未<verb><thing>(的)?,?此项/该项/本项/本指标/该指标不得分" (不计分, 得0分), the verb one of 完成,
建立, 开展, 制定, 落实, 签订, 通过, 参加, 设立, 配备, and the thing words without a number that the rest of the text
does not use (a different thing from what the rest scores: "未完成任务的不得分" beside a completion rate of that task
is the rate's own bottom, not read). The text without the clause must be read as a per-step deduction or bands of
one value. Also read: "(不参加国培扣分)", a deduction with no number beside the scoring: met, nothing is deducted;
unmet, the score is not known (refused). Read last: a text another shape reads (levels) is left to it. Scored as
``rules.prerequisites.Prerequisite``.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Banded, PerPoint, Rule
from medaid.evaluation.rules.prerequisites import Prerequisite

_VERBS = "完成|建立|开展|制定|落实|签订|通过|参加|设立|配备"
_GATE = re.compile(
    rf"(?:^|(?<=[,;。]))(?:未|没有)(?P<verb>{_VERBS})(?P<thing>[^,;。\d%]{{2,20}}?)(?:的|者)?,?"
    r"(?:此项|该项|本项|本指标|该指标)(?:不得分|不计分|得0分|计0分)(?:[,;。]|$)"
)
# "(不参加国培扣分)": a deduction with no number, unmet
_UNSTATED = re.compile(
    rf"(?:^|(?<=[,;。]))\(?(?:不|未|没有)(?P<verb>{_VERBS})(?P<thing>[^,;。\d%()]{{2,20}}?)(?:的|者)?,?扣分\)?(?:[,;。]|$)"
)


def prerequisite(text: str) -> Rule | None:
    """The rule beside a requirement (module docstring); None for any other text."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes import this module

    found = list(_GATE.finditer(text))
    unstated = list(_UNSTATED.finditer(text))
    if len(found) + len(unstated) != 1:
        return None
    gate = (found or unstated)[0]
    thing = gate.group("thing")
    rest = (text[: gate.start()] + text[gate.end() :]).strip(",;")
    if not rest or thing in rest or thing[-2:] in rest:
        return None
    scored = parse_rule_text(rest)
    if not isinstance(scored, PerPoint | Banded):
        return None
    return Prerequisite(verb=gate.group("verb"), thing=thing, scored=scored, unstated=bool(unstated))
