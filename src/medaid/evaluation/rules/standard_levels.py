"""Levels named by a standard, against a number and the row's target (affirm family, session 8).

How tables write it (hospital, school and base-assessment tables print the standard in the 指标值/标准 column
and name it in the 评分标准 only in words): "符合标准，得1分 不达标准，不得分" (target "≥10张"), "符合标准，
得满分 不达标准，不得分" (≥200张), "达到标准得2分，未达到标准不得分" (≥5万人), "达标，得3分；不达标，不得分"
(≤3天), "满足要求得1分,不满足要求不得分". The scoring level is the bare standard word — 符合/达到/满足/达 +
标准/要求/规定, 达标, with 完全/全部/均 — and the other level its denial (不符合/不达/未达到/不满足…, 不达标/
未达标/达不到, 否则/其他). The evaluator gives a number; the standard IS the target, so the number is compared
with the target in its unit and direction.

Refused: a target without a direction (no ≥/≤/>/<: "10张" may be a floor or a ceiling), a number in another unit,
a third level or a degree ("基本符合标准": the number cannot settle a degree), a level naming anything besides the
standard ("床位数符合标准且设置合理": a quality the number does not measure), and a number against a single level
(``judged_conditions`` leaves "符合标准，得1分" to the evaluator).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import Comparator, Quantity, compares
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.explained_values import doubtful_value
from medaid.evaluation.rules.reached_levels import _checked

_STANDARD = r"(?:标准|要求|规定|规定标准|标准要求|规定要求)"
_MET = re.compile(rf"(?:完全|全部|均|都)?(?:符合|达到|满足|达){_STANDARD}|达标|(?:完全|全部|均)达标")
_UNMET = re.compile(
    rf"(?:不|未|没有|无|没)(?:符合|达到|满足|达){_STANDARD}?|(?:不|未|没有)达标|达不到{_STANDARD}?|否|否则|其他|其它|反之"
    rf"|(?:不|未)(?:符合|满足|达到){_STANDARD}的?"
)


def _word(name: str) -> str:
    return re.sub(r"[\s,，。;；:：的]|\([^()]*\)|（[^（）]*）", "", simplified(name))


def _standard_pair(names: Sequence[str], scores: Sequence[Decimal], said: str = "") -> tuple[int, int] | None:
    """(the scoring level, the 0 level) when the two levels are the standard and its denial. (affirm s9) The
    levels may name the measure first ("同步组建率达标得2分,未达标不得分") when ``said`` (the explanation) names
    that measure too ("经审组织同步组建率98%")."""
    if len(names) != 2 or sorted(s > ZERO for s in scores) != [False, True]:
        return None
    top, zero = (0, 1) if scores[0] > ZERO else (1, 0)
    met, unmet = _word(names[top]), _word(names[zero])
    if said and (measure := _MEASURED.fullmatch(met)) is not None and measure.group(1) in _word(said):
        met, unmet = met[len(measure.group(1)) :], unmet.removeprefix(measure.group(1))
    if not _MET.fullmatch(met) or not _UNMET.fullmatch(unmet):
        return None
    return top, zero


# (affirm s9) a measure named before the standard word: a rate, a count, an amount ("同步组建率", "床位数")
_MEASURED = re.compile(
    r"([\u4e00-\u9fa5]{1,10}?(?:率|数|量|额|面积|人数|次数))(?:完全|全部|均)?(?:达标|达到标准|符合标准)"
)


def standard_level(
    names: Sequence[str], scores: Sequence[Decimal], actual: Quantity, target: Quantity | None, said: str = ""
) -> tuple[int | None, str]:
    """(the level a number picks, how) for two levels named by the standard and its denial; (None, "") when the
    levels are not of this family, (None, reason) when they are but the number cannot be compared."""
    pair = _standard_pair(names, scores, said)
    if pair is None:
        return None, ""
    top, zero = pair
    value, why = _checked(actual, target)
    if value is None or target is None or target.value is None:
        return None, f"“{names[top]}”以本行指标值为标准，{why}"
    own = target.comparator
    if own is None or own == Comparator.EQ:
        return None, f"“{names[top]}”以本行指标值为标准，但指标值 {target.describe()} 未写明是不低于还是不超过"
    met = compares(value, own, target.value)
    how = (f"，评分标准“{names[top]}”以本行指标值 {target.describe()} 为标准：实际 {actual.describe()}"
           f"{'' if met else '未'}达到，")  # fmt: skip
    return (top if met else zero), how


# Words by which an explanation speaks of the standard itself, or bounds its number: then it is read by its words
# (``naming``), never by the number it also holds ("床位12张，不达标": which one says it?)
_SAYS_MORE = re.compile(r"符合|达标|达到|满足|不足|未|低于|高于|超过|以上|以下|以内|约|左右|近|多")


def standard_outcome(
    names: Sequence[str], scores: Sequence[Decimal], text: str, inputs: Inputs, rule: Rule, scale: str
) -> Outcome | None:
    """An explanation that is a measurement ("实有床位12张", "辖区人口6.2万人") against levels named by the standard:
    its one value in the target's unit is compared with the target (``standard_level``). None when the levels are
    not of this family, the explanation says more than a measurement, or holds no single value in that unit."""
    from medaid.evaluation.actual_text import read_actual  # it imports the rules

    if inputs.target is None:
        return None
    text, claim = _target_restated(text, inputs.target)  # (affirm s9) "…96.5%，未达到98%": the target said again
    if _SAYS_MORE.search(text) or _standard_pair(names, scores, text) is None:
        return None
    reading = read_actual(text, inputs.target, rule)
    if reading is None or reading.actual is None:
        return None
    if why := doubtful_value(text, inputs.target):  # (affirm fix round s8) a forecast, a part, a change…
        return Outcome(None, f"{why}（{scale}），需人工判断", needs_judgement=True)
    at, how = standard_level(names, scores, reading.actual, inputs.target, text)
    if at is None:
        return Outcome(None, f"{reading.reason}；{how}（{scale}），需人工判断", needs_judgement=True)
    if claim is not None and claim != (scores[at] > ZERO):  # the value and the words disagree
        why = f"说明中的数值 {reading.actual.describe()} 与其“{'已' if claim else '未'}达到”指标值的说法相互矛盾"
        return Outcome(None, f"{why}（{scale}），需人工判断", needs_judgement=True)
    raw = scores[at]
    return Outcome(
        clamp(raw, ZERO, inputs.weight), f"{reading.reason}{how}为“{names[at]}”一级，得 {fmt(raw)} 分（{scale}）"
    )


_RESTATED = re.compile(r"^(?P<neg>未|没有|不)?(?:达到|达)(?P<n>\d+(?:\.\d+)?)(?P<u>%|‰)$")


def _target_restated(text: str, target: Quantity) -> tuple[str, bool | None]:
    """(affirm s9) The explanation without a statement that only says the target was (not) reached ("未达到98%", the
    target's own value and unit), and what that statement says; (text, None) when there is none."""
    statements = [st for st in re.split(r"[,，;；。]", re.sub(r"\s", "", text)) if st]
    said = [(st, _RESTATED.match(st)) for st in statements]
    hits = [(st, m) for st, m in said if m is not None and m["u"] == target.unit and Decimal(m["n"]) == target.value]
    if len(hits) != 1 or len(statements) < 2 or target.comparator not in (Comparator.GE, Comparator.GT):
        return text, None
    kept = "，".join(st for st in statements if st != hits[0][0])
    return kept, hits[0][1]["neg"] is None
