"""Read the Chinese scoring-rule text of real indicator tables into rules.

Text of a shape listed in ``shapes`` becomes a rule; anything else is reported as
not understood (``parse_rule_text`` returns None) — never guessed.
"""

from __future__ import annotations

import dataclasses

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.common import header_full
from medaid.evaluation.ruletext.normalize import normalize_rule_text
from medaid.evaluation.ruletext.shapes import SHAPES


def parse_rule_text(text: str) -> Rule | None:
    """The rule a Chinese text states, keeping the text; None when it is not understood."""
    norm = normalize_rule_text(text)
    if not norm:
        return None
    declared, body = header_full(norm)
    for shape in SHAPES:
        rule = shape(body)
        if rule is not None:
            return dataclasses.replace(rule, text=text.strip(), declared_full=declared)
    return None


__all__ = ["normalize_rule_text", "parse_rule_text"]
