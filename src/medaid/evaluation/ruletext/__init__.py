"""Read the Chinese scoring-rule text of real indicator tables into rules.

Text of a shape listed in ``shapes`` becomes a rule; anything else is reported as
not understood (``parse_rule_text`` returns None) — never guessed.
"""

from __future__ import annotations

import dataclasses

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.common import header_full, negative_allowed
from medaid.evaluation.ruletext.fill_in_forms import blank_form, fill_in_form  # numbers family (session 7)
from medaid.evaluation.ruletext.normalize import normalize_rule_text, numbering_unsure
from medaid.evaluation.ruletext.shapes import SHAPES


def parse_rule_text(text: str) -> Rule | None:
    """The rule a Chinese text states, keeping the text; None when it is not understood."""
    rule = _parse(text, normalize_rule_text(text))
    if rule is not None and numbering_unsure(normalize_rule_text(text, numbered=False)):
        # "1.2%以下得3分;2.4%以下得2分": a list of 2 %, 4 % … or bounds of 1.2 %, 2.4 % …; read only when the
        # decimals make no rule
        decimals = _parse(text, normalize_rule_text(text, numbered=False))
        if decimals is not None:
            return None
    return rule


def _parse(text: str, norm: str) -> Rule | None:
    if not norm:
        return None
    declared, body = header_full(norm)
    # numbers family (session 7): a form of blanks ("1.合格处方数:___张 … 3.合格率=2/1×100% 4.不合格率≤5%…") is
    # read by fill_in_form alone, or not at all: another shape would read its scoring lines without the blanks
    if blank_form(body):
        form = fill_in_form(body)
        below = None if form is None else _below_zero(form, norm)
        return None if below is None else dataclasses.replace(below, text=text.strip(), declared_full=declared)
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
