"""A threshold bonus with steps "在此基础上" and a second bonus in another currency (counts family, s9;
``rules.count_asides``): "引进“三资”5万元以上投入林业的加记1分,在此基础上每增5万元加记1分,利用外资5万美元以上投入林业加5
分,加分最高不超过10分".

Reading: "<what>N<unit>以上…加(记)a分,在此基础上每增M<unit>加(记)b分" is the bonus of a written level and steps above
it, read as "<what>达N<unit>的,计a分,每增加M<unit>加计b分" by the bands family's ``step_bonus_threshold`` (its
conventions for part steps and amounts below the level hold); the cap ("加分最高不超过10分") is its "最高10分". A clause
"<words>K万美元(欧元…)以上…加c分" is a bonus of another kind in another currency, kept aside (``CurrencyAside``). Not
read: an aside in the same unit, two asides, a deduction, anything else left.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_asides import CurrencyAside

_N = r"\d+(?:\.\d+)?"
_MAIN = re.compile(
    rf"^(?P<what>[^,;。\d]{{2,20}}?)(?P<n>{_N})(?P<unit>万元|元)以上(?P<tail>[^,;。\d]{{0,12}}?)(?:的)?,?加记?(?P<a>{_N})分"
    rf",在此基础上每(?:增|增加|多)(?P<m>{_N})(?P=unit)加记?(?P<b>{_N})分"
    rf",(?P<aside>(?P<words>[^,;。\d]{{2,12}}?){_N}(?:万)?(?P<currency>美元|欧元|港元|日元)以上[^,;。\d]{{0,12}}?加记?{_N}分)"
    rf",(?:加分)?(?:最高|最多)(?:不超过)?(?P<cap>{_N})分[。;]?$"
)


def currency_aside(text: str) -> Rule | None:
    """ "…5万元以上…加记1分,在此基础上每增5万元加记1分,利用外资5万美元以上…加5分,加分最高不超过10分"."""
    from medaid.evaluation.ruletext.bonus_reference import step_bonus_threshold

    found = _MAIN.match(text.replace("“", "").replace("”", ""))
    if found is None:
        return None
    words = re.sub(r"^(?:利用|引进|引入|吸引)", "", found.group("words"))
    if len(words) < 2:
        return None
    g = found.group
    inner = step_bonus_threshold(
        f"{g('what')}{g('tail')}达{g('n')}{g('unit')}的,计{g('a')}分,每增加{g('m')}{g('unit')}加计{g('b')}分,最高{g('cap')}分"
    )
    if inner is None:
        return None
    return CurrencyAside(inner=inner, aside=g("aside"), currency=g("currency"), words=words)
