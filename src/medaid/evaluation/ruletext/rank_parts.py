"""Parts each read by a shape on its own, one of them a rank ("…达到三增长要求得10分,不达要求不得分;…比例按从高到低排序,
分别得10、8、6、4分"), read as ``RankParts`` (bands family; the rule: rules/rank_parts.py). Parts are cut at ;/。,
each must be read in full by a shape, at least one as ranks, and each must have two characters of its own for the
actual's statements to be matched to it."""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.rank_parts import RankParts, part_full, part_keys
from medaid.evaluation.rules.ranks import Ranked


def rank_parts(text: str) -> Rule | None:
    from medaid.evaluation.ruletext.shapes import SHAPES

    texts = tuple(p.strip(",") for p in re.split(r"[;。]", text) if p.strip(",. "))
    if len(texts) < 2 or any(len(k) < 2 for k in part_keys(texts)):
        return None
    parts: list[Rule] = []
    for part_text in texts:
        part = next((r for shape in SHAPES if shape is not rank_parts and (r := shape(part_text)) is not None), None)
        if part is None or part_full(part) is None:
            return None
        parts.append(part)
    if not any(isinstance(p, Ranked) for p in parts):
        return None
    return RankParts(parts=tuple(parts), part_texts=texts)
