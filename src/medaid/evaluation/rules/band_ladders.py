"""What a value short of every band scores (split out of ``bands``; numbers family, session 8).

- A ladder of thresholds of one kind ("达到5%得1分;达到10%得2分;达到15%以上得3分", or all "≤") scores what is
  reached: a value short of the lowest step reaches none and scores nothing.
- numbers family (s8): bands that join one another from a lowest bound up to an open top, each scoring points that
  do not fall as the value rises ("90.4%-92%,1分;92%-95%,1.5分;超过95%,2分"), list what is earned from that bound
  up, as a ladder does: a value below the lowest bound reaches no band and scores nothing. Not for bands with a gap
  between them, bands with no open top, scores that fall as the value rises (the better side is not the top),
  bands scoring a share or the full marks less something, or a value above or between bands.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import fmt

if TYPE_CHECKING:
    from medaid.evaluation.rules.bands import Band


def below_ladder(bands: tuple[Band, ...], value: Decimal, unit: str) -> str | None:
    """A ladder of thresholds of one kind ("达到5%得1分;达到10%得2分;达到15%以上得3分") scores what is reached:
    a value short of the lowest step reaches none and scores nothing. None for any other bands."""
    if all(b.high is None and b.low is not None for b in bands):
        lowest = min(bands, key=lambda b: (b.low, not b.low_inclusive))
        if lowest.low is not None and not lowest.contains(value) and value <= lowest.low:
            return f"未达到最低一档“{lowest.describe(unit)}”，规则只写达到各档的得分"
    if all(b.low is None and b.high is not None for b in bands):
        highest = max(bands, key=lambda b: (b.high, b.high_inclusive))
        if highest.high is not None and not highest.contains(value) and value >= highest.high:
            return f"超出最宽一档“{highest.describe(unit)}”，规则只写在各档以内的得分"
    return _below_joined(bands, value, unit)


def _below_joined(bands: tuple[Band, ...], value: Decimal, unit: str) -> str | None:
    """Bands joined from a lowest bound up to an open top, points not falling (module docstring)."""
    if len(bands) < 2 or any(b.points is None or b.full or b.fraction is not None or b.low is None for b in bands):
        return None
    ordered = sorted(bands, key=lambda b: (b.low, not b.low_inclusive))
    for lower, upper in pairwise(ordered):
        if lower.high is None or lower.high != upper.low or lower.high_inclusive == upper.low_inclusive:
            return None  # a gap, an overlap, or a band with no top below another
        if lower.points is None or upper.points is None or upper.points < lower.points:
            return None
    lowest, top = ordered[0], ordered[-1]
    if top.high is not None or lowest.low is None or value >= lowest.low:
        return None
    return f"低于最低一档“{lowest.describe(unit)}”，各档从该档起相连而上、得分随值升高，规则只写达到各档的得分"


def clear_of_deductions(bands: tuple[Band, ...], value: Decimal, unit: str) -> str | None:
    """numbers family (s8 fix round): tiers that only deduct ("差错率超过1%扣1分;超过2%扣2分", "合格率低于95%扣1分;
    低于90%扣3分;低于70%不得分") are thresholds of a failing: a value that reaches none of them takes no deduction and
    keeps the full marks (it is not short of an award). Only when every band is an open threshold of one kind
    (all "超过/达到" or all "低于") deducting from full marks or scoring nothing, with at least one deduction; the
    reason to give, None otherwise."""
    deducting = [b for b in bands if b.full and b.minus > 0 and b.fraction is None]
    nothing = [b for b in bands if b.points == 0 and not b.full and b.fraction is None]
    if not deducting or len(deducting) + len(nothing) != len(bands) or any(b.contains(value) for b in bands):
        return None
    if all(b.high is None and b.low is not None for b in bands):
        lowest = min(bands, key=lambda b: (b.low, not b.low_inclusive))
        if lowest.low is not None and value <= lowest.low:
            return f"未达到任何扣分档（最低一档“{lowest.describe(unit)}”），各档都只写扣分，不扣分"
    if all(b.low is None and b.high is not None for b in bands):
        highest = max(bands, key=lambda b: (b.high, b.high_inclusive))
        if highest.high is not None and value >= highest.high:
            return f"未落入任何扣分档（最宽一档“{highest.describe(unit)}”），各档都只写扣分，不扣分"
    return None


def mixed_deduction(band: Band, bands: tuple[Band, ...], weight: Decimal, unit: str) -> str | None:
    """numbers family (s8 fix round): a band that deducts ("85%以下扣2分") among bands that award points below the
    full marks ("85%-90%,2分;90%-95%,3分;95%以上,4分"): whether it deducts from the full marks, from the band next
    to it or from nothing is not written (80 % would score as much as the 85–90 % band). The reason, or None."""
    if not band.full or band.minus <= 0:
        return None
    awards = [b for b in bands if b.points is not None and not b.full and 0 < b.points < weight]
    if not awards:
        return None
    return (
        f"“{band.describe(unit)}”一档写“扣 {fmt(band.minus)} 分”，而其他各档写所得分数（"
        + "、".join(f"“{b.describe(unit)}”" for b in awards)
        + "），扣分从满分、从相邻一档还是从 0 分起算未写明，需人工判断"
    )
