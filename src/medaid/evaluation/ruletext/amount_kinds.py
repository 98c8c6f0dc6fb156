"""Deductions per amount of several kinds of one fault (numbers family, s9): "全年性拋荒,每連片拋荒5畝或零星拋荒30畝的,
扣2分,扣分不封頂" (one deduction for either step), "每连片抛荒5亩扣2分,每零星抛荒30亩扣1分" (each its own).

Pattern: an optional heading that names the fault without a number ("全年性抛荒,"), then two steps "每<kind><N><unit>"
joined by 或 (the points written once after them) or each with its own "扣N分", then at most "扣分不封顶" or "扣完为止".
The unit is an amount (亩, 公顷, 平方米, 公斤, 吨, 元, 万元, 米, 公里, 立方米), never a count of cases (``kinds``,
``cases``); the kinds are two different names, neither inside the other. Anything else in the text (a score, a cut-off,
another condition) leaves it not read. Scored as ``rules.amount_kinds.AmountKinds``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.amount_kinds import AmountKind, AmountKinds

_N = r"\d+(?:\.\d+)?"
_UNIT = r"万元|元|亩|公顷|平方米|公斤|千克|吨|立方米|公里|千米|米"
_NAME = r"[\u4e00-\u9fa5]{2,10}?"
_HEAD = r"(?:[\u4e00-\u9fa5]{2,12},)?"
_TAIL = r"(?:,(?P<tail>扣分不封顶|扣完为止))?[。;]?"
_DEDUCT = r"(?:扣|扣除|扣减|减)"
_EITHER = re.compile(
    rf"^{_HEAD}每(?P<k1>{_NAME})(?P<s1>{_N})(?P<u1>{_UNIT})或(?:每)?(?P<k2>{_NAME})(?P<s2>{_N})(?P<u2>{_UNIT})"
    rf"(?:的|者)?,?{_DEDUCT}(?P<p1>{_N})分{_TAIL}$"
)
_EACH = re.compile(
    rf"^{_HEAD}每(?P<k1>{_NAME})(?P<s1>{_N})(?P<u1>{_UNIT})(?:的|者)?,?{_DEDUCT}(?P<p1>{_N})分[,;]"
    rf"每(?P<k2>{_NAME})(?P<s2>{_N})(?P<u2>{_UNIT})(?:的|者)?,?{_DEDUCT}(?P<p2>{_N})分{_TAIL}$"
)
# words that make a name a direction or a condition, not a kind of the fault
_NOT_A_KIND = re.compile(r"低于|高于|超过|超出|少于|多于|不足|增加|减少|下降|提高|延迟|滞后|发现|出现|的|者")


def amount_kinds(text: str) -> Rule | None:
    """Two kinds of one fault, each deducted per its own amount (module docstring); None for any other text."""
    match = _EITHER.match(text) or _EACH.match(text)
    if match is None:
        return None
    names = (match.group("k1"), match.group("k2"))
    if names[0] in names[1] or names[1] in names[0] or any(_NOT_A_KIND.search(n) for n in names):
        return None
    points = (match.group("p1"), match.groupdict().get("p2") or match.group("p1"))
    kinds = tuple(
        AmountKind(name, Decimal(match.group(f"s{i}")), match.group(f"u{i}"), Decimal(points[i - 1]))
        for i, name in enumerate(names, start=1)
    )
    if any(k.size <= 0 or k.points <= 0 for k in kinds):
        return None
    return AmountKinds(kinds=kinds, uncapped=match.group("tail") == "扣分不封顶")
