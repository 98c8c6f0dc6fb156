"""One condition scored by the kind of unit, the row being of one kind (affirm family, session 9).

The family: "2019年末耕地面积大于或等于规划下达的耕地保有量的，产区得4分，非产区得3分，否则不得分" — one condition, the
marks it gives depending on the kind of unit assessed (产区/非产区, 贫困县/非贫困县), and 0 when it is not met.
A row is written for units of one kind, so its weight is that kind's marks (a 3-point row is a 非产区's); the levels'
top (4) above the weight is then no disagreement between the text and the row. The evaluator names the unit's kind
in a statement of its own ("非产区") and answers the condition in the others ("2019年末耕地面积大于…保有量"): the
kind must be the one whose marks are the row's weight, and the condition is read as for one condition
(``affirmations.affirmed``): met → the weight, not met → 0.

Read only for a kind and its complement (X/非X) and a row whose weight is below the top marks (the levels
reading refuses such a row; a row at the top is left to it). Refused: a kind not named, or named with other words
in its statement ("属于非产区的县"), or two kinds named; a kind whose marks are not the row's weight (the row and
the text disagree); a condition not answered. Levels of another shape (a kind with a condition of its own, a 0
level that is not 否/否则, two kinds with the same marks) are not read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.affirmations import affirmed
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.unsaid_words import unsaid_before

if TYPE_CHECKING:
    from medaid.evaluation.rules.levels import Level

_KIND = re.compile(r"^[\u4e00-\u9fa5]{2,6}$")
_OTHERWISE = re.compile(r"^(?:否|否则|其他|其它|反之|其他情况)$")
_NOT_KIND = re.compile(r"[得计记分扣未无不没有是的]|完成|达到|符合")


def _kinds(names: Sequence[str], scores: Sequence[Decimal]) -> tuple[str, list[str], list[int]] | None:
    """(the condition, the kinds, the index of each kind's level) when the levels are of this family."""
    zero = [i for i, s in enumerate(scores) if s == ZERO]
    scoring = [i for i, s in enumerate(scores) if s > ZERO]
    if len(zero) != 1 or not _OTHERWISE.match(names[zero[0]].strip()) or len(scoring) < 2:
        return None
    if len({scores[i] for i in scoring}) != len(scoring) or scoring != sorted(scoring) or zero[0] < scoring[-1]:
        return None
    first = re.sub(r"\s", "", names[scoring[0]])
    condition, comma, kind = first.rpartition(",")
    condition = re.sub(r"的$", "", condition)
    kinds = [kind] + [re.sub(r"\s", "", names[i]) for i in scoring[1:]]
    if not comma or len(condition) < 4 or len(set(kinds)) != len(kinds):
        return None
    if not all(_KIND.match(k) and not _NOT_KIND.search(k.removeprefix("非")) for k in kinds):
        return None
    if len(kinds) != 2 or ("非" + kinds[0] != kinds[1] and "非" + kinds[1] != kinds[0]):
        return None  # a kind and its complement (产区/非产区): never levels of a quality ("质量高"/"质量一般")
    return condition, kinds, scoring


def kind_row(levels: tuple[Level, ...], inputs: Inputs) -> Outcome | None:
    """The outcome of a condition scored by kind for a row of one kind (see the module docstring); None when the
    levels are not of this family or no actual in words is given."""
    names = [lv.name for lv in levels]
    scores = [lv.score(inputs.weight) for lv in levels]
    found = _kinds(names, scores)
    note = inputs.note.strip() if inputs.note else ""
    text = inputs.actual.text if inputs.actual is not None else note
    if found is None or not text or inputs.holds is not None or max(scores) <= inputs.weight:
        return None  # a row whose weight reaches the top is read as levels (a 0 level, a kind's lower marks)
    condition, kinds, at = found
    said = "实际完成情况" if inputs.actual is not None else "说明"
    scale = "、".join(f"{k} {fmt(scores[i])} 分" for k, i in zip(kinds, at, strict=True))
    head = f"评分标准按单位类别计分（{condition}：{scale}，否则 0 分）"
    statements = [s for s in re.split(r"[,，;；。\s]+", text) if s]
    named = [s for s in statements if s in kinds]
    if len(named) != 1 or any(k in s for s in statements if s not in kinds for k in kinds):
        return Outcome(None, f"{head}：{said}“{text}”未单独写明本单位属于哪一类，需人工判断", needs_judgement=True)
    kind = named[0]
    marks = scores[at[kinds.index(kind)]]
    if marks != inputs.weight:
        why = f"“{kind}”得 {fmt(marks)} 分，与本行分值 {fmt(inputs.weight)} 分不一致"
        return Outcome(None, f"{head}：{why}，请核对分值或单位类别", needs_judgement=True)
    rest = "，".join(s for s in statements if s != kind)
    if not rest:
        return Outcome(None, f"{head}：{said}“{text}”只写明类别“{kind}”，未说明是否做到“{condition}”，需人工判断",
                       needs_judgement=True)  # fmt: skip
    why = unsaid_before(rest, [condition])  # "拟…", "草案"…
    met, why = (None, why) if why else affirmed(rest, condition, "否")
    if met is None:
        return Outcome(None, f"{head}：{said}“{text}”中“{rest}”{why}，需人工判断", needs_judgement=True)
    score = marks if met else ZERO
    done = "即做到" if met else "即未做到"
    how = f"本单位为“{kind}”（本行分值 {fmt(inputs.weight)} 分即该类分值），“{rest}”{done}“{condition}”"
    return Outcome(score, f"{head}：{how}，得 {fmt(score)} 分")
