"""Bands against named references (bands family): "能繁母猪季度末存栏量不低于正常保有量的95%,当季得8分;低于
正常保有量的95%,但不低于最低保有量的,得5分;低于最低保有量的,不得分" (``rules.reference_bands``).

Pattern: two or more scored clauses (``outcomes``), each condition one or more bounds joined by 但/且/并且 (or a
comma), each bound "[subject] <comparator> <reference>[的N%][的]": the comparator one of ``condition_spans.PRE``
(不低于, 低于, 达到, 超过…), the reference a name in words (no number) ending as a quantity does (…量, …数, …值,
…线, …标准, …水平). A scope before the first band ("每个季度中,", "8个非季末月份中,") and a period word before the
score ("当季", "当月", "当年") are passed over. Any other clause makes the text not read. At least one bound must
carry no percentage of the target: a reference is a quantity the explanation writes, not the row's target.
Read only with two references or more, or a share of one ("正常保有量的95%"): one reference met or not ("高于全市
平均水平得5分,低于…得2分") is left to the readings of levels, whose actuals are written in words.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.reference_bands import Bound, RefBand, ReferenceBands
from medaid.evaluation.ruletext.condition_spans import PRE, PRE_WORDS
from medaid.evaluation.ruletext.outcomes import prepare, scored_parts

_SCOPE = re.compile(r"^(?:每个|各)?[^,;。\d]{0,8}?\d*个?[^,;。\d]{0,8}?中,")
_PERIOD = re.compile(r",?(?:当季|当月|当年|当期|本季|本月|本期)$")
_REF_END = r"(?:量|数|值|线|标准|水平)"
_BOUND = re.compile(
    rf"^(?P<subject>[^\d,]{{0,24}}?)(?P<op>{PRE_WORDS})(?P<ref>[^\d,的]{{1,12}}?{_REF_END})"
    rf"(?:的(?P<share>\d+(?:\.\d+)?)%)?(?:的)?$"
)
_TARGET = re.compile(r"目标|任务|计划|指标值")


def _bounds(condition: str) -> tuple[Bound, ...] | None:
    pieces = [p for p in re.split(r",?(?:但|且|并且)|,", condition) if p]
    out = []
    for piece in pieces:
        match = _BOUND.match(piece)
        if match is None or _TARGET.search(match.group("ref")):
            return None  # "目标值的95%": the row's target, another reading's
        share = Decimal(match.group("share")) if match.group("share") else Decimal(100)
        out.append(Bound(op=PRE[match.group("op")], ref=match.group("ref"), share=share))
    return tuple(out) if out else None


def reference_bands(text: str) -> Rule | None:
    """Bands whose bounds are named references (module docstring); None for any other text."""
    parts = scored_parts(prepare(text))
    if parts is None or len(parts) < 2:
        return None
    bands = []
    for number, part in enumerate(parts):
        condition = _SCOPE.sub("", part.condition) if number == 0 else part.condition
        condition = _PERIOD.sub("", condition)
        bounds = _bounds(condition)
        if bounds is None:
            return None
        match part.effect.kind:
            case "points" if part.effect.value is not None:
                points = part.effect.value
            case "zero":
                points = Decimal(0)
            case _:
                return None
        bands.append(RefBand(bounds=bounds, points=points))
    refs = {b.ref for band in bands for b in band.bounds}
    if len(refs) < 2 and all(b.share == 100 for band in bands for b in band.bounds):
        return None  # "高于全市平均水平得5分,低于…得2分": one reference met or not, read as levels in words
    return ReferenceBands(bands=tuple(bands))
