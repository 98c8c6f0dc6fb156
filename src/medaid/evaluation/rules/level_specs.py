"""Levels of the structured syntax (``levels_from_spec``), split from ``levels`` (affirm family, session 6)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.rules.levels import Level


def levels_from_spec(raw: object) -> tuple[Level, ...]:
    """Levels of the structured syntax: ``{优: 1.0, 良: 0.8}`` (fractions when every value is ≤ 1, else
    points) or the list ``to_dict`` writes (``[{name: 合理, points: 2}, …]``)."""
    from medaid.evaluation.rules.structured import RuleSpecError

    if isinstance(raw, list):
        out: list[Level] = []
        for item in raw:
            if not isinstance(item, Mapping) or not item.get("name"):
                raise RuleSpecError(
                    "levels 应为“等级: 分值或比例”的键值对，或每一级写明 name 与 points 或 fraction 的列表"
                )
            points, fraction = to_decimal(item.get("points")), to_decimal(item.get("fraction"))
            if (points is None) == (fraction is None):
                raise RuleSpecError(f"等级“{item['name']}”应写 points 或 fraction 之一")
            label = item.get("label")
            out.append(Level(str(item["name"]), points, fraction, str(label) if label else None))
        return tuple(out)
    if not isinstance(raw, Mapping):
        raise RuleSpecError("levels 应为“等级: 分值或比例”的键值对")
    values: list[tuple[str, Decimal]] = []
    for name, value in raw.items():
        number = to_decimal(value)
        if number is None:
            raise RuleSpecError(f"等级“{name}”的分值应为数字")
        values.append((str(name), number))
    as_points = any(number > 1 for _, number in values)
    return tuple(Level(n, points=v) if as_points else Level(n, fraction=v) for n, v in values)
