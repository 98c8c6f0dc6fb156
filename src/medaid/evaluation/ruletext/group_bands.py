"""Bands chosen by a group (bands family, ``rules.group_bands``): "人均体育场地面积在全省平均水平以上的单位年增幅达到3%
以上得2分,2%-3%得1.5分,1%-2%得0.5分,1%以下不得分;人均体育场地面积在全省平均水平以下的单位年增幅达到5%以上得2分…".

Pattern: two or more sentences (split at ; 。), each "<group words>的<单位/县(区)/乡镇/地区/村/学校/医院/企业>" then
bands ``banded`` reads in full, all in one unit; the group words differ and none holds another. Anything else is
not read here.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Banded, Rule
from medaid.evaluation.rules.group_bands import GroupBands
from medaid.evaluation.ruletext.bands import banded

_GROUP = re.compile(
    r"^(?P<words>[^,;。\d]{4,30}?)的(?:单位|县\(区\)|县区|县|区|乡镇|镇|地区|村|社区|学校|医院|企业|机构)(?:,)?(?P<rest>.+)$"
)


def group_bands(text: str) -> Rule | None:
    """Bands for each group the text names (module docstring); None for any other text."""
    sentences = [s for s in re.split(r"[;。]", text) if s]
    if len(sentences) < 2:
        return None
    groups: list[tuple[str, Banded]] = []
    for sentence in sentences:
        found = _GROUP.match(sentence)
        rule = banded(found.group("rest")) if found else None
        if found is None or not isinstance(rule, Banded):
            return None
        groups.append((found.group("words"), rule))
    words = [w for w, _ in groups]
    if len(set(words)) != len(words) or any(a != b and a in b for a in words for b in words):
        return None
    if len({rule.unit for _, rule in groups}) != 1:
        return None
    return GroupBands(groups=tuple(groups))
