"""A threshold and ranks among those short of it (bands family): "区域内标准化学校达到85%得10分;低于85%的县(区)
按从高到低排序,分别得8、6、4、2分" (``rules.threshold_ranks``).

Read only in this form: a percentage that earns its score (达到/不低于/≥/"85%及以上"/a bare "85%"), then, in the next
clause, the same percentage with 低于/未达到/不足 and the places among those short of it "按(…)从高到低排序, 分别得
a、b、c分" — scores that do not rise and none above the threshold's. Anything else in the text, an order from low to
high (which would make a lower value better, against the threshold), or a second threshold is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.threshold_ranks import ThresholdRanked

_N = r"\d+(?:\.\d+)?"
_SHAPE = re.compile(
    rf"^(?P<subject>[^,;。\d]{{0,30}}?)(?:达到|不低于|大于等于|高于或等于|≥)?(?P<x>{_N})%(?:\(含\)|及以上|以上)?(?:的)?"
    rf"[^,;。\d]{{0,10}}?(?:得|计|给)(?P<p>{_N})分[;,。]"
    rf"(?:低于|未达到|不足|达不到|<)(?P<x2>{_N})%(?:的)?[^,;。\d]{{0,12}}?,?(?:按照?)?[^,;。\d]{{0,12}}?"
    r"(?:从|由)(?:高到低|多到少|大到小)(?:的顺序)?(?:依次)?(?:排序|排名|排列|排位)?(?:后)?,?"
    rf"(?:分别|依次)(?:得|计|赋|赋予|给)?(?P<list>{_N}分?(?:、{_N}分?)+)分?[。;]?$"
)


def threshold_ranked(text: str) -> Rule | None:
    """The threshold's score and the places' scores below it (module docstring); None for any other text."""
    match = _SHAPE.match(text)
    if match is None or Decimal(match.group("x")) != Decimal(match.group("x2")):
        return None
    if re.search(r"超过|高于(?!或等于)|大于(?!等于)|>", match.group(0).split(match.group("p"))[0]):
        return None  # an exclusive threshold: "低于" beside it would leave the threshold itself out
    points = Decimal(match.group("p"))
    places = tuple(Decimal(x) for x in re.findall(_N, match.group("list")))
    if any(b > a for a, b in pairwise(places)) or max(places) > points:
        return None
    return ThresholdRanked(threshold=Decimal(match.group("x")), points=points, places=places)
