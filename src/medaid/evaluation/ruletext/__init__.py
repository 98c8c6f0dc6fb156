"""Read the Chinese scoring-rule text of real indicator tables into rules.

Text of a shape listed in ``shapes`` becomes a rule; anything else is reported as
not understood (``parse_rule_text`` returns None) — never guessed.
"""

from __future__ import annotations

import dataclasses

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.common import header_full, negative_allowed
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
            below = _below_zero(rule, norm)
            return None if below is None else dataclasses.replace(below, text=text.strip(), declared_full=declared)
    return None


# counts family (session 6): a rule that deducts past zero keeps a score below 0 when its text allows one
# ("扣完得负分", "该项可负分", "可倒扣": ruletext.common.negative_allowed); the rules that read it have a
# ``negative`` field (per_case, per_kind, per_point, deduction_sum).
# A rule of another kind would floor the score at 0 where the text lets it go below: the text is not understood.
def _below_zero(rule: Rule, text: str) -> Rule | None:
    if not negative_allowed(text):
        return rule
    if "negative" in {f.name for f in dataclasses.fields(rule)}:
        return dataclasses.replace(rule, negative=True)  # type: ignore[call-arg]
    return None


__all__ = ["normalize_rule_text", "parse_rule_text"]
