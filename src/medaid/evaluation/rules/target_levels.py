"""Levels named by a comparison with the indicator's target ("年度取水总量小于或等于年度目标值,得10分;大于目标值,
不得分"; "达到年度目标值得6分;小于目标值不得分").

Each level's name ends in a comparison word and the target ("小于或等于年度目标值", "大于目标值", "达到目标值",
"未达到目标计划"). A number the evaluator gives is compared with the target the indicator states, in the target's
unit; the level whose comparison holds is taken, and it must be the only one. "达到"/"未达到" take their sense
from the target's own comparator (≥0.53: at least 0.53; ≤3.2: at most 3.2), so a target without a comparator
leaves them unread; a level that says ≤ against a target that says ≥ (or the reverse) is not read either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.quantity import Comparator, Quantity, comparable, compares, units_compatible

_TARGET = r"(?:年度|全年|当年|本年度|年初|上级下达的?|下达的?)?(?:目标值|目标任务|目标|指标值|计划值|计划数|任务数)$"
# comparison words, longest first; "达到"/"完成" follow the target's comparator (None here)
_WORDS: tuple[tuple[str, Comparator | None, bool], ...] = (
    ("小于或等于", Comparator.LE, True), ("小于等于", Comparator.LE, True), ("大于或等于", Comparator.GE, True),
    ("大于等于", Comparator.GE, True), ("不超过", Comparator.LE, True), ("不高于", Comparator.LE, True),
    ("不低于", Comparator.GE, True), ("不少于", Comparator.GE, True), ("未达到", None, False),
    ("没有达到", None, False), ("达不到", None, False), ("未完成", None, False), ("达到", None, True),
    ("完成", None, True), ("超过", Comparator.GT, True), ("高于", Comparator.GT, True), ("大于", Comparator.GT, True),
    ("多于", Comparator.GT, True), ("低于", Comparator.LT, True), ("小于", Comparator.LT, True),
    ("少于", Comparator.LT, True),
)  # fmt: skip
_UPPER = (Comparator.LE, Comparator.LT)


def _comparison(name: str) -> tuple[Comparator | None, bool] | None:
    """ "年度取水总量小于或等于年度目标值" → (≤, True); "未达到目标值" → (None, False): the comparator (None: the
    target's) and whether the level is the comparison holding (False: not holding)."""
    word = re.sub(r"[\s,，。;；]|的$", "", name)
    found = re.search(_TARGET, word)
    if found is None:
        return None
    head = word[: found.start()]
    for spelling, comparator, holds in _WORDS:
        if head.endswith(spelling):
            return comparator, holds
    return None


def target_level(
    names: Sequence[str], scores: Sequence[Decimal], actual: Quantity, target: Quantity | None
) -> tuple[int | None, str]:
    """The index of the one level whose comparison with the target the actual meets, and how it was read; None
    with a reason ("" when the levels are not comparisons with the target). The best-scoring level must compare
    on the target's own side (≤ for a target "≤3.2")."""
    compared = [_comparison(n) for n in names]
    if len(names) < 2 or any(c is None for c in compared):
        return None, ""
    if target is None or target.value is None:
        return None, "等级按与目标值的比较划分，但缺少指标值（目标值）"
    value = comparable(target, actual).value
    if value is None or not units_compatible(target, actual) or bool(target.unit) != bool(actual.unit):
        return None, f"实际 {actual.describe()} 与目标值 {target.describe()} 单位不同，无法比较"
    own = target.comparator
    upper = own in _UPPER if own is not None else None
    met: list[int] = []
    for i, found in enumerate(compared):
        assert found is not None
        comparator, holds = found
        if comparator is None:
            if own is None:
                return None, f"“{names[i]}”按目标值的方向计，但目标值 {target.describe()} 未写明是不低于还是不超过"
            comparator = own
        elif upper is not None and holds and (comparator in _UPPER) != upper and scores[i] == max(scores):
            return None, f"“{names[i]}”与目标值 {target.describe()} 的方向不一致"
        if compares(value, comparator, target.value) == holds:
            met.append(i)
    if len(met) != 1:
        return None, f"实际 {actual.describe()} 与目标值 {target.describe()} 比较后不对应唯一等级"
    return met[0], f"实际 {actual.describe()} 与目标值 {target.describe()} 比较，"
