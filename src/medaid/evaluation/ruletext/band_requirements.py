"""Bands with a requirement beside the value (bands family): "已落实管护制度的项目超过80%、70%和60%,且运行管护效果良好,
分别得6分、4分和2分。…不足60%,或运行管护效果较差,不得分" (``rules.band_requirements``).

Read only when the text holds one requirement written with 且 (words without a number), at most one failing
clause written with 或 in a clause that scores 0, and, with those taken out, bands ``banded`` reads in full.

Also read (``disqualified_bands``): a leading disqualifier beside the bands. Pattern: the first clause opens with
a fault in words (未/无/没有/不/缺 + a few words, no number), then 或(者), then the lowest band, the clause scoring
0 ("未公布建设目标和年度建设计划或…比例低于10%(不含)的均不得分,占比10%—20%(不含)得4分…"). With the fault and its
或 taken out, the rest must be bands ``banded`` reads in full. The fault is a veto of the row: said → 0; not
mentioned by an actual that is only a number → read as not happened (the convention of every veto), said in the
reason; any other wording is left to the evaluator.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Banded, Rule
from medaid.evaluation.rules.band_requirements import RequiredBands
from medaid.evaluation.ruletext.bands import banded

_AND = re.compile(r",?(?:且|并且|同时)(?P<words>[^,;。\d且或]{2,20}?)(?=[,;。]|分别|的,|得|计)")
_OR = re.compile(r",?(?:或|或者)(?P<words>[^,;。\d且或]{2,20}?)(?:的)?,?(?=不得分|得0分|计0分|不计分)")


# bands family: a leading disqualifier "未…或<the lowest band>…不得分"
_LEADING = re.compile(r"^(?P<words>(?:未|无|没有|不|缺)[^,;。:\d或]{2,30}?)(?:或者|或)(?=[^,;。]*\d)")


def disqualified_bands(text: str) -> Rule | None:
    """Bands after a leading disqualifier (module docstring); None for any other text."""
    match = _LEADING.match(text)
    if match is None:
        return None
    if not re.match(r"[^;。,]*\d[^;。,]*(?:的)?,?(?:均|都)?(?:不得分|不计分|不给分|得0分|计0分)", text[match.end() :]):
        return None  # the fault must share the clause that scores 0
    rule = banded(text[match.end() :])
    if not isinstance(rule, Banded):
        return None
    return RequiredBands(banded=rule, requirement=None, failing=match.group("words"))


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
