"""Bands with a requirement beside the value (bands family): "已落实管护制度的项目超过80%、70%和60%,且运行管护效果良好,
分别得6分、4分和2分。…不足60%,或运行管护效果较差,不得分" (``rules.band_requirements``).

Read only when the text holds one requirement written with 且 (words without a number), at most one failing
clause written with 或 in a clause that scores 0, and, with those taken out, bands ``banded`` reads in full.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Banded, Rule
from medaid.evaluation.rules.band_requirements import RequiredBands
from medaid.evaluation.ruletext.bands import banded

_AND = re.compile(r",?(?:且|并且|同时)(?P<words>[^,;。\d且或]{2,20}?)(?=[,;。]|分别|的,|得|计)")
_OR = re.compile(r",?(?:或|或者)(?P<words>[^,;。\d且或]{2,20}?)(?:的)?,?(?=不得分|得0分|计0分|不计分)")


def required_bands(text: str) -> Rule | None:
    """Bands scored only when the requirement holds (module docstring); None for any other text."""
    ands, ors = list(_AND.finditer(text)), list(_OR.finditer(text))
    if len(ands) != 1 or len(ors) > 1:
        return None
    rest = text
    for match in sorted([*ands, *ors], key=lambda m: -m.start()):
        rest = rest[: match.start()] + rest[match.end() :]
    rule = banded(rest)
    if not isinstance(rule, Banded):
        return None
    failing = ors[0].group("words") if ors else None
    return RequiredBands(banded=rule, requirement=ands[0].group("words"), failing=failing)
