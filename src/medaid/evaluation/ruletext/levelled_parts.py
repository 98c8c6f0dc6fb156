"""A text of parts, one of which is levels of one requirement (lists family, session 7, fix round).

"资料全部归档,得3分,资料部分归档,得1分。按时报送,得2分。": the first sentence is two degrees of one requirement
(one applies: 3 or 1), the second another requirement with its own marks (2), added: 5 in all. The level readers
(``levels.qualitative``) would take the three marks for three levels of one thing ("按时报送" a third level worth 2)
and score only the one the actual names first; so this shape, tried just before them, reads such a text as the
composite it is (``composite``, whose parts read their levels with ``part_levels``).

How tables write such texts: sentences (cut at 。 and ;) each with marks of its own; one sentence states the same
requirement twice or more with a degree word (全部/部分, 完整/基本完整, 及时/延期) and falling marks; every other
sentence states another requirement: no degree word, no denial (未/无/不/没有/缺/差/少), and not a degree of the
levels' requirement ("资料全部归档…。资料部分归档,得1分" is levels across sentences, left to the level readers).
A sentence that takes the whole ("出现弄虚作假的,本项不得分") is the composite's veto. Read only when the composite
reading reads every part; otherwise this shape says nothing.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.composite import Composite
from medaid.evaluation.ruletext.clauses import complement, read_clauses
from medaid.evaluation.ruletext.composite import VETO, composite, own_marks
from medaid.evaluation.ruletext.part_levels import alternatives
from medaid.evaluation.ruletext.sub_items import NEGATIVE, degrees

_SENTENCE = re.compile(r"[。;]")
_DEGREE_OR_DENIAL = re.compile(
    r"基本|大部分|部分|比较|较|完全|全部|一般|不够|初步|未|无|不|没|缺|差|少|否则|反之|其他|其余"
)


def _names(piece: str) -> list[str] | None:
    clauses = read_clauses(piece)
    return [c.name for c in clauses] if clauses else None


def levelled_parts(text: str) -> Rule | None:
    """Sentences with marks of their own, one of them levels of one requirement (module docstring)."""
    pieces = [p.strip(" ,") for p in _SENTENCE.split(text) if p.strip(" ,")]
    vetoes = [p for p in pieces if not own_marks(p) and VETO.search(p)]  # "出现弄虚作假的,本项不得分": the whole's
    pieces = [p for p in pieces if p not in vetoes]
    if len(pieces) < 2 or not all(own_marks(p) for p in pieces):
        return None
    levelled = [p for p in pieces if alternatives(p, max(own_marks(p))) is not None]
    if len(levelled) != 1:
        return None
    levels = _names(levelled[0])
    if levels is None:
        return None
    for piece in pieces:
        if piece is levelled[0]:
            continue
        names = _names(piece)
        if names is None or len(names) != 1:
            return None
        name = names[0]
        if _DEGREE_OR_DENIAL.search(name) or NEGATIVE.match(name) or complement(name):
            return None  # "未归档,得1分", "资料归档不全,得1分": a lower level of the same requirement
        if any(degrees([level, name]) for level in levels):
            return None
    rule = composite(text)
    return rule if isinstance(rule, Composite) else None
