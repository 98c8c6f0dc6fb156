"""The structured form of a checklist (``type: checklist``): its items' marks, names and flags, checked."""

from __future__ import annotations

from collections.abc import Mapping

from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.rules.checklist import Checklist


def checklist_from_spec(spec: Mapping[str, object], text: str | None) -> Checklist:
    from medaid.evaluation.rules.structured import RuleSpecError

    items = spec.get("items")
    if not isinstance(items, list) or not items:
        raise RuleSpecError("checklist 规则需要 items 列表（各分项满分）")
    marks = [to_decimal(x) for x in items]
    if any(x is None for x in marks):
        raise RuleSpecError("checklist 规则的 items 应为数字")
    names = spec.get("names") or []
    if not isinstance(names, list) or (names and len(names) != len(items)):
        raise RuleSpecError("checklist 规则的 names 应为与 items 等长的列表")

    def numbers(key: str) -> tuple[int, ...]:
        raw = spec.get(key) or []
        if not isinstance(raw, list) or not all(isinstance(x, int) and 1 <= x <= len(items) for x in raw):
            raise RuleSpecError(f"checklist 规则的 {key} 应为分项序号（从 1 起）的列表")
        return tuple(raw)

    full = to_decimal(spec.get("full")) if spec.get("full") is not None else None
    return Checklist(
        items=tuple(x for x in marks if x is not None),
        names=tuple(str(n) for n in names),
        deduct=bool(spec.get("deduct", False)),
        full=full,
        zeroing=numbers("zeroing"),
        open_items=numbers("open_items"),
        either=bool(spec.get("either", False)),
        otherwise=str(spec["otherwise"]) if spec.get("otherwise") else None,
        required=bool(spec.get("required", False)),
        text=text,
    )
