"""Bands of the shortfall below a percentage target in percentage points (bands family): "比例高于或等于目标值的得
5分;低于目标值20个百分点及以内的得2分;低于目标值20个百分点以上的不得分" (``rules.point_shortfalls``).

Pattern: one clause for the target met ("[subject] 高于或等于/不低于/达到/≥ 目标值(的) 得N分"), and two or more
clauses "[subject] 低于/未达到/不足 目标值 <bound in 个百分点> (的) 得M分/不得分", the bound "N个百分点(及)以内",
"N个百分点以上", "N-M个百分点", with (含)/(不含). 以内/以上 include the number (the conventions of bands); when one
side says it with 及 or (含) ("及以内") and the other with a bare 以上, the number goes to the side that says it.
A first sentence that only states the target (…应(分别)不低于/达到 40%、60%… 。, no score in it) is passed over;
the row's target must then be one of the numbers it states.
The points must not rise as the shortfall grows, and the target met must score the most. "低于目标值5%" is not
read here: 5 % may be of the target (``shortfalls``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Band, Rule
from medaid.evaluation.rules.point_shortfalls import PointShortfallBands
from medaid.evaluation.ruletext.conditions import read_condition
from medaid.evaluation.ruletext.outcomes import prepare, scored_parts

_TARGET = r"(?:目标值|目标|指标值)"
_MET = re.compile(rf"^[^\d,]{{0,16}}?(?:高于或等于|大于或等于|大于等于|不低于|达到|≥){_TARGET}(?:的|者)?$")
_SHORT = re.compile(rf"^[^\d,]{{0,16}}?(?:低于|未达到|不足|少于){_TARGET}(?P<bound>\d.*?个?百分点.*?)(?:的|者)?$")


def _gap(bound: str) -> tuple[Band, bool] | None:
    """A shortfall bound as a band of the gap, and whether it says its end with 及/(含)."""
    said = bool(re.search(r"及以内|及以下|\(含", bound))
    plain = bound.replace("个百分点", "百分点").replace("及以内", "以内").replace("及以下", "以下")
    plain = plain.replace("百分点", "%")
    read = read_condition(plain)
    if read is None or not read.numeric or read.other or read.relative or read.subject:
        return None
    low = read.low if read.low is not None else ZERO
    low_in = read.low_inclusive if read.low is not None else False  # a shortfall of 0 is the target met
    band = Band(low=low, high=read.high, low_inclusive=low_in, high_inclusive=read.high_inclusive)
    return band, said


_STATED = re.compile(r"^(?P<sentence>[^。;]*?应(?:分别)?(?:不低于|达到|达|不少于|≥)[^。;分]*?)。")


def point_shortfall_bands(text: str) -> Rule | None:
    """Bands of the shortfall in percentage points (module docstring); None for any other text."""
    if "百分点" not in text or "每" in text:
        return None
    stated: tuple[Decimal, ...] = ()
    sentence = _STATED.match(text)
    if sentence is not None:
        stated = tuple(Decimal(n) for n in re.findall(r"(\d+(?:\.\d+)?)%", sentence.group("sentence")))
        if not stated:
            return None
        text = text[sentence.end() :]
    parts = scored_parts(prepare(text))
    if parts is None or len(parts) < 3:
        return None
    met: Decimal | None = None
    gaps: list[tuple[Band, bool, Decimal]] = []
    for part in parts:
        condition = part.condition.strip(" ,;。")
        effect = part.effect
        points = effect.value if effect.kind == "points" else ZERO if effect.kind == "zero" else None
        if points is None:
            return None
        if met is None and not gaps and _MET.match(condition):
            met = points
            continue
        match = _SHORT.match(condition)
        read = _gap(match.group("bound")) if match else None
        if read is None:
            return None
        gaps.append((read[0], read[1], points))
    if met is None or len(gaps) < 2:
        return None
    bands = []
    for i, (band, said, points) in enumerate(gaps):
        for j, (other, other_said, _) in enumerate(gaps):
            if i == j or said or not other_said:
                continue
            # an end this band holds without 及/(含) that another band says it holds goes to that band
            if band.low is not None and band.low_inclusive and other.contains(band.low):
                band = replace(band, low_inclusive=False)
            if band.high is not None and band.high_inclusive and other.contains(band.high):
                band = replace(band, high_inclusive=False)
        bands.append(replace(band, points=points))
    ordered = sorted(bands, key=lambda b: b.low or ZERO)
    if any((a.points or ZERO) < (b.points or ZERO) for a, b in pairwise(ordered)):
        return None
    if any((b.points or ZERO) > met for b in bands):
        return None
    return PointShortfallBands(met=met, gaps=tuple(bands), stated=stated)
