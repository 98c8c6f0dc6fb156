"""One check that a rule reading round-trips through the structured rule syntax (docs/rules.md), shared by the
property tests and the scenario tests of each reading: the rule written back as a spec reads as the same rule, the
words it keeps of its text aside."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Rule, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text

NOT_A_SPEC = ("label", "text", "full_marks")  # to_dict() adds these for people; a spec does not carry them

# What a rule keeps of its wording rather than of its meaning: the text, full marks stated in its header,
# whether a reading was stated in the text or is medaid's default (the audit's severity), the cut-off's words.
WORDING = ("text", "declared_full", "implied", "explicit_reading", "zero_wording")


def spec_of(rule: Rule) -> dict[str, object]:
    """The structured spec of a rule, as a user would write it."""
    return {k: v for k, v in rule.to_dict().items() if k not in NOT_A_SPEC}


def _aligned(read: object, back: object) -> object:
    """``back`` with the wording of ``read`` put in, at every depth (the parts of a composite keep their texts)."""
    if dataclasses.is_dataclass(read) and not isinstance(read, type) and type(back) is type(read):
        changes = {
            f.name: getattr(read, f.name)
            if f.name in WORDING
            else _aligned(getattr(read, f.name), getattr(back, f.name))
            for f in dataclasses.fields(read)
            if f.init
        }
        return dataclasses.replace(back, **changes)  # type: ignore[type-var]
    if isinstance(read, tuple) and isinstance(back, tuple) and len(read) == len(back):
        return tuple(_aligned(r, b) for r, b in zip(read, back, strict=True))
    return back


def round_trips(rule: Rule) -> bool:
    """Whether the rule read back from its spec is the rule (wording aside)."""
    return bool(_aligned(rule, rule_from_mapping(spec_of(rule))) == rule)


def trial_score(text: str, weight: object, *, target: str | None = None, actual: str | None = None,
                note: str | None = None, bonus: bool = False) -> Decimal | None:  # fmt: skip
    """The score a user gets for a rule text (``services.evaluation.try_rule``, the one entry point of the CLI and
    the web); None when the text is not understood or the case is refused."""
    from medaid.services.evaluation import try_rule

    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=note, holds=None,
                     bonus_allowed=bonus)  # fmt: skip
    return None if trial.outcome is None else trial.outcome.score


def rule_score(text: str, weight: object, *, target: str | None = None, actual: str | None = None,
               note: str | None = None) -> Decimal | None:  # fmt: skip
    """The text read as a rule (it must be understood and round-trip) and applied: its reason is never empty and
    its score stays within 0..weight. None when the case is refused."""
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    assert round_trips(rule), text
    inputs = Inputs(weight=Decimal(str(weight)), target=parse_quantity(target), actual=parse_quantity(actual),
                    note=note)  # fmt: skip
    outcome = rule.apply(inputs)
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(str(weight)), outcome.reason
    return outcome.score


def assert_scores_as_worked(text: str, weight: object, target: str | None, actual: str | None,
                            score: str | None) -> None:  # fmt: skip
    """A wording scores its hand score through ``try_rule``; a hand score of None means refused or not read."""
    from medaid.services.evaluation import try_rule

    trial = try_rule(text, weight=str(weight), target=target, actual=actual)
    if score is None and trial.rule is None:
        return
    assert trial.rule is not None, text
    outcome = trial.outcome
    assert outcome is not None
    if score is None:
        assert outcome.score is None and outcome.reason
    else:
        assert outcome.score is not None and abs(outcome.score - Decimal(score)) < Decimal("0.0001"), outcome.reason
