"""Parameters of a structured count rule: numbers and lists of words ({points: 0.5, vetoes: [弄虚作假]}); shared by
the count, kind, rank and expression rules (re-exported by rules/counts.py)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from medaid.evaluation.numbers import to_decimal


def spec_decimal(spec: Mapping[str, object], key: str, *, positive: bool = False) -> Decimal | None:
    """A number of a structured rule, or None when absent; RuleSpecError when it is not one."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key)
    if raw is None:
        return None
    value = to_decimal(raw)
    if value is None or (positive and value <= 0):
        raise RuleSpecError(f"规则参数 {key} 应为{'正数' if positive else '数字'}，实际为“{raw}”")
    return value


def spec_words(spec: Mapping[str, object], key: str) -> tuple[str, ...]:
    """A list of conditions ("vetoes": [弄虚作假]) of a structured rule."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key) or []
    if not isinstance(raw, list | tuple):
        raise RuleSpecError(f"规则参数 {key} 应为列表")
    return tuple(str(x) for x in raw)
