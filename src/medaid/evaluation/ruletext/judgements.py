"""Met, or judged within a range: "…得5分，否则按0-5分（不含5分）酌情给分" (split from ``levels`` in session 8, affirm
family)."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Judgement, Rule
from medaid.evaluation.ruletext.common import NUM, first_points


def judgement(text: str) -> Rule | None:
    """ "…得5分，否则按0-5分（不含5分）酌情给分"; "是，得5分，否则酌情给分"."""
    if "酌情" not in text:
        return None
    full = first_points(text)
    span = re.search(rf"按{NUM}-{NUM}分(\(不含{NUM}分\))?", text)
    fail = re.search(r"未达到[^,;。]*?(?:得0分|不得分)", text)
    return Judgement(
        full=full,
        low=Decimal(span.group(1)) if span else ZERO,
        high=Decimal(span.group(2)) if span else None,
        high_inclusive=bool(span and not span.group(3)),
        fail=ZERO if fail else None,
    )
